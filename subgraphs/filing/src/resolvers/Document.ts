import { requireCaller } from '@hub/kit';
import type { DocumentResolvers } from '../generated/graphql';

export const Document: DocumentResolvers = {
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.document.load(ref.id);
  },
  register: async (d, _, ctx) => (await ctx.loaders.register.load(d.registerId))!,
  registeredBy: (d) => ({ __typename: 'User', id: d.registeredById }),
  municipality: (d) => ({ __typename: 'Municipality', id: d.municipalityId }),
  sender: (d) =>
    d.origin === 'RECEIVED' && d.senderName
      ? { name: d.senderName, address: d.senderAddress, dataBoxId: d.senderDataBoxId, ico: d.senderIco }
      : null,
};
