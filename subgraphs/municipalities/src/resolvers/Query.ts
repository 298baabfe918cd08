import { requireCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { Municipality } from '../modules/municipalities/municipality.entity';

const byCzechName = (a: Municipality, b: Municipality) => a.name.localeCompare(b.name, 'cs');

export const Query: QueryResolvers = {
  municipalities: async (_, __, ctx) => {
    requireCaller(ctx);
    // Sorted here rather than in SQL so SQLite and MariaDB agree on Czech order (Č after C, Ch after H).
    return (await ctx.em.find(Municipality, {})).sort(byCzechName);
  },
  municipality: (_, { id }, ctx) => {
    requireCaller(ctx);
    return ctx.loaders.municipality.load(id);
  },
};
