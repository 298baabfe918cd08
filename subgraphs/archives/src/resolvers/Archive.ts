import { requireCaller } from '@hub/kit';
import type { ArchiveResolvers } from '../generated/graphql';

export const Archive: ArchiveResolvers = {
  __resolveReference: (ref, ctx) => {
    requireCaller(ctx);
    return ctx.loaders.archive.load(ref.id);
  },
};
