import { Role, requireTenantCaller } from '@hub/kit';
import type { FilingContext } from '../context';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import {
  addFilingPlanNode,
  createFilingPlan,
  deactivateFilingPlanNode,
  endFilingPlanValidity,
  findFilingPlans,
  replaceFilingPlanNode,
  updateFilingPlanNode,
} from '../modules/filing-plans/filing-plans';
import { usageLoader } from '../modules/filing-plans/usage';

/** Records managers (správce spisové služby) maintain the plans; every signed-in user of the municipality reads them. */
const PLAN_MAINTAINERS = [Role.RECORDS_MANAGER];

/** After a change, loaders must not answer from what they cached before it (several mutations in one request). */
function forgetPlans<T>(ctx: FilingContext, result: T): T {
  ctx.loaders.filingPlan.clearAll();
  ctx.loaders.filingPlanNode.clearAll();
  ctx.loaders.nodesByPlan.clearAll();
  ctx.loaders.nodesByParent.clearAll();
  usageLoader(ctx).clearAll();
  return result;
}

export const filingPlanQueries: QueryResolvers = {
  filingPlans: (_, { validOn }, ctx) => {
    requireTenantCaller(ctx);
    return findFilingPlans(ctx.em, validOn);
  },
  filingPlan: (_, { id }, ctx) => {
    requireTenantCaller(ctx);
    return ctx.loaders.filingPlan.load(id);
  },
  filingPlanNode: (_, { id }, ctx) => {
    requireTenantCaller(ctx);
    return ctx.loaders.filingPlanNode.load(id);
  },
};

export const filingPlanMutations: MutationResolvers = {
  createFilingPlan: async (_, { input }, ctx) =>
    forgetPlans(ctx, await createFilingPlan(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), input)),
  endFilingPlanValidity: async (_, { planId, validTo }, ctx) =>
    forgetPlans(ctx, await endFilingPlanValidity(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), planId, validTo)),
  addFilingPlanNode: async (_, { input }, ctx) =>
    forgetPlans(ctx, await addFilingPlanNode(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), input)),
  updateFilingPlanNode: async (_, { id, input }, ctx) =>
    forgetPlans(ctx, await updateFilingPlanNode(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), id, input)),
  replaceFilingPlanNode: async (_, { id, input }, ctx) =>
    forgetPlans(ctx, await replaceFilingPlanNode(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), id, input)),
  deactivateFilingPlanNode: async (_, { id }, ctx) =>
    forgetPlans(ctx, await deactivateFilingPlanNode(ctx.em, requireTenantCaller(ctx, PLAN_MAINTAINERS), id)),
};
