import { requireCaller } from '@hub/kit';
import type { DisposalHoldResolvers, ResolversTypes } from '../generated/graphql';
import { isActive } from '../modules/disposal-holds/disposal-hold.entity';

export const DisposalHold: DisposalHoldResolvers = {
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.disposalHold.load(ref.id);
  },
  active: (hold) => isActive(hold),
  // A reference is enough: Document.disposalHolds resolves from the id. Codegen types the field as the full
  // object because it does not know that (Document has no mapper), hence the cast.
  document: (hold) => ({ __typename: 'Document', id: hold.documentId }) as ResolversTypes['Document'],
  placedBy: (hold) => ({ __typename: 'User', id: hold.placedById }),
  releasedBy: (hold) => (hold.releasedById ? { __typename: 'User', id: hold.releasedById } : null),
};
