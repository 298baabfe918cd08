import { requireTenantCaller } from '@hub/kit';
import type { DocumentResolvers } from '../generated/graphql';
import { isActive } from '../modules/disposal-holds/disposal-hold.entity';

/** Filing's Document, extended with its holds. Another municipality's document has none visible (tenant filter). */
export const Document: DocumentResolvers = {
  disposalHolds: async (document, { includeReleased }, ctx) => {
    requireTenantCaller(ctx);
    const holds = await ctx.loaders.disposalHoldsByDocument.load(document.id);
    return includeReleased ? holds : holds.filter(isActive);
  },
};
