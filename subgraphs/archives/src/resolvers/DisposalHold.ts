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
  // A reference is enough: filing resolves the rest. Codegen types the fields as the full objects because it does
  // not know that (Document and CaseFile have no mapper here), hence the casts.
  document: (hold) =>
    hold.documentId ? ({ __typename: 'Document', id: hold.documentId } as ResolversTypes['Document']) : null,
  caseFile: (hold) =>
    hold.caseFileId ? ({ __typename: 'CaseFile', id: hold.caseFileId } as ResolversTypes['CaseFile']) : null,
  placedBy: (hold) => ({ __typename: 'User', id: hold.placedById }),
  releasedBy: (hold) => (hold.releasedById ? { __typename: 'User', id: hold.releasedById } : null),
};
