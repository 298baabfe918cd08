import { requireCaller } from '@hub/kit';
import type { OrgUnitResolvers } from '../generated/graphql';

export const OrgUnit: OrgUnitResolvers = {
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.orgUnit.load(ref.id);
  },
  municipality: async (u, _, ctx) => (await ctx.loaders.municipality.load(u.municipalityId))!,
};
