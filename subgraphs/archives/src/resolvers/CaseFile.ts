import { requireTenantCaller } from '@hub/kit';
import type { CaseFileResolvers } from '../generated/graphql';
import { isActive } from '../modules/disposal-holds/disposal-hold.entity';
import { INVENTORY_READER_ROLES } from '../modules/records-office/common';

/** Filing's CaseFile, extended with its holds and its records office record (e.g. in filing's disposalForecast). */
export const CaseFile: CaseFileResolvers = {
  disposalHolds: async (caseFile, { includeReleased }, ctx) => {
    requireTenantCaller(ctx);
    const holds = await ctx.loaders.disposalHoldsByCaseFile.load(caseFile.id);
    return includeReleased ? holds : holds.filter(isActive);
  },
  recordsOfficeItem: async (caseFile, _, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    const item = await ctx.loaders.recordsOfficeItem.load(caseFile.id);
    return item?.kind === 'CASE_FILE' ? item : null;
  },
};
