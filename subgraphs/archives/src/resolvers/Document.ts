import { requireTenantCaller } from '@hub/kit';
import type { DocumentResolvers } from '../generated/graphql';
import { isActive } from '../modules/disposal-holds/disposal-hold.entity';
import { INVENTORY_READER_ROLES } from '../modules/records-office/common';

/** Filing's Document, extended with its holds. Another municipality's document has none visible (tenant filter). */
export const Document: DocumentResolvers = {
  disposalHolds: async (document, { includeReleased }, ctx) => {
    requireTenantCaller(ctx);
    const holds = await ctx.loaders.disposalHoldsByDocument.load(document.id);
    return includeReleased ? holds : holds.filter(isActive);
  },
  recordsOfficeItem: async (document, _, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    const item = await ctx.loaders.recordsOfficeItem.load(document.id);
    return item?.kind === 'DOCUMENT' ? item : null;
  },
};
