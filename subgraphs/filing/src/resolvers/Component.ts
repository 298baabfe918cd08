import type { ComponentResolvers } from '../generated/graphql';
import { downloadPathOf } from '../modules/components/components';

// The parent is the entity (codegen mapper): downloadPath is derived from its id.
export const Component: ComponentResolvers = {
  downloadPath: (c) => downloadPathOf(c),
  seal: async (c, _, ctx) => (await ctx.loaders.sealsByComponent.load(c.id))[0] ?? null,
};
