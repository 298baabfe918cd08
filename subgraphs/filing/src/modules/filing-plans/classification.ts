import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '@hub/kit';
import { LAST_DAY_OF_V, czechDay, isVAllowedOn, type Schedule } from '../retention/retention';
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
export async function findClassifiableNode(
  em: SqlEntityManager,
  nodeId: string,
  today = czechDay(new Date()),
): Promise<FilingPlanNode> {
  // Inside a transaction, a shared lock (MariaDB; SQLite serialises writers anyway) until it commits: a records
  // manager's concurrent update or replacement of the node waits for the classification, or the classification for
  // it, so a node is never edited in place once used (filing-plans.ts findActiveNode).
  const node = await em.findOne(
    FilingPlanNode,
    { id: nodeId },
    em.isInTransaction() ? { lockMode: LockMode.PESSIMISTIC_READ } : {},
  );
  if (!node) throw notFound('FilingPlanNode', nodeId);
  if (!node.active) throw conflict(`Filing plan node ${node.fullCode} is deactivated; use its replacement`);
  if (!scheduleOf(node))
    throw badInput(
      `Filing plan node ${node.fullCode} is not a lowest-level node with a retention schedule`,
      'filingPlanNodeId',
    );
  await assertPlanValidOn(em, [node], today);
  // Whatever is classified now is settled or closed from now on (a case file closes later; a document closes, or
  // closes with its case file, after today): after 2026 that would be V after 2026, which obs66 refuses.
  assertNoVAfter2026(
    [{ label: `filing plan node ${node.fullCode}`, code: node.disposalCode }],
    today,
    'classified into',
  );
  return node;
}

const isValidOn = (plan: FilingPlan, day: string) =>
  plan.validFrom <= day && (plan.validTo === null || plan.validTo >= day);

/**
 * A plan's validity (validFrom–validTo) is checked whenever one of its nodes is used: classification, opening,
 * settling, closing. CONFLICT naming the plan and the day, so the caller knows to reclassify into a valid plan.
 */
export async function assertPlanValidOn(em: SqlEntityManager, nodes: FilingPlanNode[], day: string): Promise<void> {
  const planIds = [...new Set(nodes.map((n) => n.planId))];
  if (planIds.length === 0) return;
  const plans = new Map((await em.find(FilingPlan, { id: { $in: planIds } })).map((p) => [p.id, p]));
  for (const n of nodes) {
    const plan = plans.get(n.planId);
    if (!plan || !isValidOn(plan, day)) {
      throw conflict(
        `Filing plan ${plan?.name ?? n.planId} (of node ${n.fullCode}) is not valid on ${day}` +
          (plan ? ` (valid ${plan.validFrom} to ${plan.validTo ?? 'open end'})` : '') +
          '; classify into a node of a plan valid then',
      );
    }
  }
}

/**
 * ZAF obs66: nothing settled or closed after 31 December 2026 carries V, whatever its plan (legacy plans still
 * have V nodes). `what` names the entities, `action` the step ("settled", "closed"). CONFLICT, nothing written.
 */
export function assertNoVAfter2026(
  what: { label: string; code: string | null | undefined }[],
  day: string,
  action: string,
): void {
  if (isVAllowedOn(day)) return;
  const withV = what.filter((w) => w.code === 'V').map((w) => w.label);
  if (withV.length > 0) {
    throw conflict(
      `Disposal code V is not allowed for anything ${action} after ${LAST_DAY_OF_V} (ZAF obs66), and this would be on ${day}: ` +
        `${withV.join(', ')} ${withV.length === 1 ? 'has' : 'have'} V; classify into a node with A or S first`,
    );
  }
}
