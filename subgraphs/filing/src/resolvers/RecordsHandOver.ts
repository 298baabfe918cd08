import { requireCaller } from '@hub/kit';
import type { RecordsHandOverResolvers } from '../generated/graphql';
import { loadHandOverList } from '../modules/records-office/hand-over';

export const RecordsHandOver: RecordsHandOverResolvers = {
  // Archives reads a list through this when the records office takes it over (as the records officer).
  __resolveReference: (ref, ctx) => {
    const caller = requireCaller(ctx);
    if (!caller.municipalityId) return null;
    return loadHandOverList(ctx.em, { ...caller, municipalityId: caller.municipalityId }, ref.id);
  },
};
