import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '@hub/kit';
import { czechDay, type Schedule } from '../retention/retention';
import { FilingPlanNode } from './filing-plan-node.entity';
import { FilingPlan } from './filing-plan.entity';

/** The retention schedule a node carries, in the form the retention arithmetic takes; null on inner nodes. */
export function scheduleOf(node: FilingPlanNode | null | undefined): Schedule | null {
  if (!node?.disposalCode || !node.triggerKind) return null;
  return {
    disposalCode: node.disposalCode,
    retentionYears: node.retentionYears,
    fixedDisposalYear: node.fixedDisposalYear,
    triggerKind: node.triggerKind,
  };
}

/**
 * The node a document or case file may be classified into now: of the caller's municipality (tenant filter),
 * active, lowest-level with a retention schedule, in a plan valid on `today` (YYYY-MM-DD, Czech calendar).
 */
export async function findClassifiableNode(em: SqlEntityManager, nodeId: string, today = czechDay(new Date())): Promise<FilingPlanNode> {
  // Inside a transaction, a shared lock (MariaDB; SQLite serialises writers anyway) until it commits: a records
  // manager's concurrent update or replacement of the node waits for the classification, or the classification for
  // it, so a node is never edited in place once used (filing-plans.ts findActiveNode).
  const node = await em.findOne(FilingPlanNode, { id: nodeId }, em.isInTransaction() ? { lockMode: LockMode.PESSIMISTIC_READ } : {});
  if (!node) throw notFound('FilingPlanNode', nodeId);
  if (!node.active) throw conflict(`Filing plan node ${node.fullCode} is deactivated; use its replacement`);
  if (!scheduleOf(node)) throw badInput(`Filing plan node ${node.fullCode} is not a lowest-level node with a retention schedule`, 'filingPlanNodeId');
  const plan = await em.findOne(FilingPlan, { id: node.planId });
  if (!plan || plan.validFrom > today || (plan.validTo !== null && plan.validTo < today)) {
    throw conflict(`Filing plan ${plan?.name ?? node.planId} is not valid on ${today}`);
  }
  return node;
}
