import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { HAND_OVER_ROLES, handOverToRecordsOffice, loadHandOverList } from '../modules/records-office/hand-over';

export const recordsOfficeQueries: QueryResolvers = {
  recordsHandOver: (_, { id }, ctx) => loadHandOverList(ctx.em, requireTenantCaller(ctx), id),
};

export const recordsOfficeMutations: MutationResolvers = {
  handOverToRecordsOffice: async (_, { input }, ctx) => {
    const caller = requireTenantCaller(ctx, HAND_OVER_ROLES);
    const result = await handOverToRecordsOffice(ctx.em, caller, input, ctx.now());
    return {
      auditEventId: result.auditEventId,
      handOverList: (await loadHandOverList(ctx.em, caller, result.handOverList.id))!,
    };
  },
};
