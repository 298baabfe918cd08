import type { ComponentResolvers } from '../generated/graphql';
import { downloadPathOf } from '../modules/components/components';

// The parent is the entity (codegen mapper): downloadPath is derived from its id.
export const Component: ComponentResolvers = {
  downloadPath: (c) => downloadPathOf(c),
  detectedMediaType: (c) => c.detectedMediaType ?? null,
  mediaTypeCheck: (c) => c.mediaTypeCheck ?? null,
  signatureStatus: (c) => c.signatureStatus ?? null,
  signaturesVerifiedAt: (c) => c.signaturesVerifiedAt ?? null,
  signatures: (c, _, ctx) => (c.signatureStatus ? ctx.loaders.signaturesByComponent.load(c.id) : []),
  seal: async (c, _, ctx) => (await ctx.loaders.sealsByComponent.load(c.id))[0] ?? null,
};
