import { groupLoader } from '@hub/kit';
import type { ComponentResolvers } from '../generated/graphql';
import type { FilingContext } from '../context';
import { Component as ComponentEntity } from '../modules/components/component.entity';
import { downloadPathOf } from '../modules/components/components';

/** Per request (keyed by the request's context): a document's components, by order then version. */
const loaders = new WeakMap<object, ReturnType<typeof groupLoader<ComponentEntity, 'documentId'>>>();
export function componentsByDocument(ctx: FilingContext) {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = groupLoader(ctx.em, ComponentEntity, 'documentId', { order: 'asc', version: 'asc' });
    loaders.set(ctx, loader);
  }
  return loader;
}

// The parent is the entity (no codegen mapper for Component): downloadPath is derived from its id.
export const Component: ComponentResolvers = {
  downloadPath: (c) => downloadPathOf(c),
};
