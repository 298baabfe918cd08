import { Role, requireCaller, requireTenantCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { municipalityStatistics, platformStatistics } from '../modules/statistics/statistics';

export const statisticsQueries: QueryResolvers = {
  statistics: (_, { input }, ctx) => municipalityStatistics(ctx.em, requireTenantCaller(ctx), input),
  platformStatistics: (_, { input }, ctx) => {
    requireCaller(ctx, [Role.PLATFORM_ADMIN]);
    return platformStatistics(ctx.em, input);
  },
};
