import { requireTenantCaller } from '@hub/kit';
import type { AuditLogRenditionResolvers } from '../generated/graphql';
import type { LogRendition } from '../modules/audit-log/rendition.entity';
import { canSeeDocument } from '../modules/documents/visibility';

export const AuditLogRendition: AuditLogRenditionResolvers = {
  // Resolvers return `LogRendition` rows (no codegen mapper: the generated parent type lacks `documentId`).
  document: async (r, _, ctx) => {
    const d = await ctx.loaders.document.load((r as unknown as LogRendition).documentId);
    return d && canSeeDocument(requireTenantCaller(ctx), d) ? d : null;
  },
};
