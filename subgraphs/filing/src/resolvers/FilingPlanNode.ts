import { requireCaller } from '@hub/kit';
import type { FilingPlanNodeResolvers } from '../generated/graphql';
import { sortNodes } from '../modules/filing-plans/codes';
import { identifierOf, retentionScheduleOf } from '../modules/filing-plans/filing-plans';
import { usageLoader } from '../modules/filing-plans/usage';

export const FilingPlanNode: FilingPlanNodeResolvers = {
  identifier: (n) => identifierOf(n),
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.filingPlanNode.load(ref.id);
  },
  plan: async (n, _, ctx) => (await ctx.loaders.filingPlan.load(n.planId))!,
  parent: (n, _, ctx) => (n.parentId ? ctx.loaders.filingPlanNode.load(n.parentId) : null),
  children: async (n, { includeInactive }, ctx) => {
    const children = await ctx.loaders.nodesByParent.load(n.id);
    return sortNodes(includeInactive ? children : children.filter((c) => c.active));
  },
  replaces: (n, _, ctx) => (n.replacesId ? ctx.loaders.filingPlanNode.load(n.replacesId) : null),
  replacedBy: (n, _, ctx) => (n.replacedById ? ctx.loaders.filingPlanNode.load(n.replacedById) : null),
  retentionSchedule: (n) => retentionScheduleOf(n),
  used: (n, _, ctx) => usageLoader(ctx).load(n.id),
};
