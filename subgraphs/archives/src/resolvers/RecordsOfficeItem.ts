import { requireCaller } from '@hub/kit';
import type { RecordsOfficeItemResolvers, ResolversTypes } from '../generated/graphql';

export const RecordsOfficeItem: RecordsOfficeItemResolvers = {
  __resolveReference: (ref, ctx) => {
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.recordsOfficeItem.load(ref.id);
  },
  // References: filing resolves the rest (codegen does not know that, hence the casts).
  // A destroyed entity is no reference any more: only its tombstone remains (filing's `tombstone(pid)`).
  caseFile: (item) =>
    item.kind === 'CASE_FILE' && item.state !== 'DESTROYED'
      ? ({ __typename: 'CaseFile', id: item.id } as ResolversTypes['CaseFile'])
      : null,
  document: (item) =>
    item.kind === 'DOCUMENT' && item.state !== 'DESTROYED'
      ? ({ __typename: 'Document', id: item.id } as ResolversTypes['Document'])
      : null,
  handOverList: (item) => ({ __typename: 'RecordsHandOver', id: item.handOverListId }),
  storageUnit: (item, _, ctx) => (item.storageUnitId ? ctx.loaders.storageUnit.load(item.storageUnitId) : null),
  takenOverBy: (item) => ({ __typename: 'User', id: item.takenOverById }),
  activeLoan: async (item, _, ctx) =>
    (await ctx.loaders.loansByItem.load(item.id)).find((l) => l.returnedAt == null) ?? null,
  loans: (item, _, ctx) => ctx.loaders.loansByItem.load(item.id),
  disposalHolds: (item, _, ctx) => ctx.loaders.activeHoldsByItem.load(item.id),
  disposalBlocks: (item, _, ctx) => ctx.loaders.disposalBlocks.load(item.id) as never,
};
