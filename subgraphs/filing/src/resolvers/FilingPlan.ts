import { requireCaller } from '@hub/kit';
import type { FilingPlanResolvers } from '../generated/graphql';
import { sortNodes } from '../modules/filing-plans/codes';
import { identifierOf } from '../modules/filing-plans/filing-plans';

export const FilingPlan: FilingPlanResolvers = {
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.filingPlan.load(ref.id);
  },
  identifier: (plan) => identifierOf(plan),
  nodes: async (plan, { includeInactive }, ctx) => {
    const nodes = await ctx.loaders.nodesByPlan.load(plan.id);
    return sortNodes(includeInactive ? nodes : nodes.filter((n) => n.active));
  },
  roots: async (plan, { includeInactive }, ctx) => {
    const nodes = await ctx.loaders.nodesByPlan.load(plan.id);
    return sortNodes(nodes.filter((n) => n.parentId === null && (includeInactive || n.active)));
  },
};
