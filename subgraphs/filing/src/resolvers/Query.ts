import { AUDIT_READER_ROLES, requireTenantCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { findDocuments, findRegisterJournal } from '../modules/documents/document-query';
import { recordView } from '../modules/documents/viewing';
import { canSeeDocument, visibleDocuments } from '../modules/documents/visibility';
import { Register } from '../modules/registers/register.entity';
import { auditLogReadQueries, auditLogRenditionQueries, auditLogVerifyQueries } from './audit-log';
import { caseFileQueries } from './case-files';
import { destructionQueries } from './destruction';
import { dispatchQueries } from './dispatch';
import { documentWorkflowQueries } from './document-workflow';
import { documentKindQueries } from './document-kinds';
import { filingPlanQueries } from './filing-plans';
import { partyQueries } from './parties';
import { recordsOfficeQueries } from './records-office';
import { statisticsQueries } from './statistics';
import { webhookQueries } from './webhooks';
import { dataBoxQueries } from './data-box';

export const Query: QueryResolvers = {
  document: async (_, { id }, ctx) => {
    const caller = requireTenantCaller(ctx);
    const d = await ctx.loaders.document.load(id);
    // Not visible reads as not there: the caller learns nothing about documents they may not see.
    if (!d || !canSeeDocument(caller, d)) return null;
    await recordView(ctx.em, caller, d);
    return d;
  },
  // Who sees which documents: modules/documents/visibility.ts (domain.md §5.6).
  documents: (_, args, ctx) => findDocuments(ctx.em, args, visibleDocuments(requireTenantCaller(ctx))),
  // The podací deník of a register and year, in number order; the same visibility.
  registerJournal: (_, args, ctx) => findRegisterJournal(ctx.em, args, visibleDocuments(requireTenantCaller(ctx))),
  registers: (_, __, ctx) => {
    requireTenantCaller(ctx);
    return ctx.em.find(Register, {}, { orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }] });
  },
  auditTrail: (_, { objectId }, ctx) => {
    requireTenantCaller(ctx, AUDIT_READER_ROLES);
    // The other subgraphs' events are added by the gateway (@requires), then `AuditTrail.events` merges.
    return { objectId } as never;
  },
  ...documentWorkflowQueries,
  ...filingPlanQueries,
  ...documentKindQueries,
  ...caseFileQueries,
  ...dispatchQueries,
  ...partyQueries,
  ...auditLogReadQueries,
  ...auditLogVerifyQueries,
  ...auditLogRenditionQueries,
  ...recordsOfficeQueries,
  ...destructionQueries,
  ...statisticsQueries,
  ...webhookQueries,
  ...dataBoxQueries,
};
