import { Role, requireTenantCaller } from '@hub/kit';
import type { MutationResolvers } from '../generated/graphql';
import { REGISTERING_ROLES, registerDocument } from '../modules/documents/registration';
import { createRegister } from '../modules/registers/registers';
import { auditLogRenditionMutations } from './audit-log';
import { caseFileMutations } from './case-files';
import { componentMutations } from './components';
import { documentWorkflowMutations } from './document-workflow';
import { filingPlanMutations } from './filing-plans';
import { intakeMutations } from './intake';
import { dispatchMutations } from './dispatch';
import { recordsOfficeMutations } from './records-office';

export const Mutation: MutationResolvers = {
  registerDocument: (_, { input }, ctx) =>
    registerDocument(ctx.em, requireTenantCaller(ctx, REGISTERING_ROLES), input, ctx.now()),
  createRegister: (_, { input }, ctx) => createRegister(ctx.em, requireTenantCaller(ctx, [Role.RECORDS_MANAGER]), input),
  ...documentWorkflowMutations,
  ...filingPlanMutations,
  ...caseFileMutations,
  ...auditLogRenditionMutations,
  ...componentMutations,
  ...intakeMutations,
  ...dispatchMutations,
  ...recordsOfficeMutations,
};
