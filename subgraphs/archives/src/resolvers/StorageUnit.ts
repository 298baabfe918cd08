import { requireCaller } from '@hub/kit';
import type { StorageUnitResolvers } from '../generated/graphql';

const trail = async (unit: { path: string }, load: (id: string) => Promise<unknown>) =>
  (await Promise.all(unit.path.split('/').filter(Boolean).map(load))).filter(Boolean) as never[];

export const StorageUnit: StorageUnitResolvers = {
  __resolveReference: (ref, ctx) => {
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.storageUnit.load(ref.id);
  },
  parent: (unit, _, ctx) => (unit.parentId ? ctx.loaders.storageUnit.load(unit.parentId) : null),
  children: (unit, _, ctx) => ctx.loaders.storageUnitsByParent.load(unit.id),
  trail: (unit, _, ctx) => trail(unit, (id) => ctx.loaders.storageUnit.load(id)),
  label: async (unit, _, ctx) =>
    (await trail(unit, (id) => ctx.loaders.storageUnit.load(id))).map((u: { name: string }) => u.name).join(' / '),
  createdBy: (unit) => ({ __typename: 'User', id: unit.createdById }),
};
