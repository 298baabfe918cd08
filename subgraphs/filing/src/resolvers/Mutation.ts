import { Role, requireTenantCaller } from '@hub/kit';
import type { MutationResolvers } from '../generated/graphql';
import { REGISTERING_ROLES, registerDocument } from '../modules/documents/registration';
import { assertKeepsRecords, createRegister } from '../modules/registers/registers';
import { auditLogRenditionMutations } from './audit-log';
import { caseFileMutations } from './case-files';
import { componentMutations } from './components';
import { conversionMutations } from './conversion';
import { documentWorkflowMutations } from './document-workflow';
import { documentKindMutations, authorOrgUnitName } from './document-kinds';
import { filingPlanMutations } from './filing-plans';
import { intakeMutations } from './intake';
import { dispatchMutations } from './dispatch';
import { partyMutations } from './parties';
import { recordsOfficeMutations } from './records-office';
import { webhookMutations } from './webhooks';

export const Mutation: MutationResolvers = {
  registerDocument: async (_, { input }, ctx) => {
    const caller = requireTenantCaller(ctx, REGISTERING_ROLES);
    // Asked before the transaction (never a remote call inside one), only for an own document's author.
    const unitName = input.origin === 'OWN' ? await authorOrgUnitName(ctx, caller) : null;
    return registerDocument(ctx.em, caller, input, ctx.now(), { authorOrgUnitName: unitName });
  },
  createRegister: async (_, { input }, ctx) => {
    const caller = requireTenantCaller(ctx, [Role.RECORDS_MANAGER]);
    await assertKeepsRecords(ctx, caller.municipalityId);
    return createRegister(ctx.em, caller, input);
  },
  ...documentWorkflowMutations,
  ...filingPlanMutations,
  ...documentKindMutations,
  ...caseFileMutations,
  ...auditLogRenditionMutations,
  ...componentMutations,
  ...conversionMutations,
  ...intakeMutations,
  ...dispatchMutations,
  ...partyMutations,
  ...recordsOfficeMutations,
  ...webhookMutations,
};
