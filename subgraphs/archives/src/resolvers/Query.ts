import { requireCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { Archive } from '../modules/archives/archive.entity';
import { listDisposalHolds } from '../modules/disposal-holds/disposal-hold.service';

export const Query: QueryResolvers = {
  archives: async (_, __, ctx) => {
    requireCaller(ctx);
    // Sorted here rather than in SQL so SQLite and MariaDB agree on Czech order (Č after C, Ch after H).
    return (await ctx.em.find(Archive, {})).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  },
  disposalHolds: (_, { includeReleased }, ctx) => listDisposalHolds(ctx, includeReleased ?? false),
};
