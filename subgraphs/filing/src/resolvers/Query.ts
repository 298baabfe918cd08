import { AUDIT_READER_ROLES, requireTenantCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { findDocuments } from '../modules/documents/document-query';
import { Register } from '../modules/registers/register.entity';

export const Query: QueryResolvers = {
  document: (_, { id }, ctx) => {
    requireTenantCaller(ctx);
    return ctx.loaders.document.load(id);
  },
  // Any signed-in user of the municipality reads its documents for now; finer visibility comes later.
  documents: (_, args, ctx) => {
    requireTenantCaller(ctx);
    return findDocuments(ctx.em, args);
  },
  registers: (_, __, ctx) => {
    requireTenantCaller(ctx);
    return ctx.em.find(Register, {}, { orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }] });
  },
  auditTrail: (_, { objectId }, ctx) => {
    requireTenantCaller(ctx, AUDIT_READER_ROLES);
    // The other subgraphs' events are added by the gateway (@requires), then `AuditTrail.events` merges.
    return { objectId } as never;
  },
};
