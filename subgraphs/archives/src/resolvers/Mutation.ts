import type { MutationResolvers } from '../generated/graphql';
import { placeDisposalHold, releaseDisposalHold } from '../modules/disposal-holds/disposal-hold.service';

export const Mutation: MutationResolvers = {
  placeDisposalHold: (_, { documentId, reason }, ctx) => placeDisposalHold(ctx, documentId, reason),
  releaseDisposalHold: (_, { id, reason }, ctx) => releaseDisposalHold(ctx, id, reason),
};
