import type { DestructionResultResolvers, DestructionSkipResolvers, ResolversTypes } from '../generated/graphql';

export const DestructionResult: DestructionResultResolvers = {
  // Filing files the destruction record under the run's id when the events reach its log (null until then there).
  destructionRecord: (r) =>
    r.destructionId ? ({ __typename: 'Document', id: r.destructionId } as ResolversTypes['Document']) : null,
};

export const DestructionSkip: DestructionSkipResolvers = {
  item: async (s, _, ctx) => (await ctx.loaders.recordsOfficeItem.load(s.entry.entityId))!,
  pid: (s) => s.entry.pid,
};
