import type { SqlEntityManager } from '@mikro-orm/knex';
import type { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { scheduleOf } from '../filing-plans/classification';
import { forecastKey } from './forecast-key';
import { caseFileRetention, documentRetention, type Retention } from './retention';

/**
 * Keeps the stored retention of documents and case files in step with §5.3. Called inside the transaction of
 * every change that affects it (classification, settlement, reopening, trigger date, case file contents and
 * closure), so the forecast query never reads a stale year. With the retention goes the entry's place in the
 * forecast (`forecastKey`): the filing code and the reference number as they are now. A draft's key uses its PID;
 * it reaches the forecast only settled, and settling (after its registration) refreshes the key.
 */
export async function refreshDocumentRetention(em: SqlEntityManager, d: Document): Promise<Retention> {
  const node = d.filingPlanNodeId ? await em.findOne(FilingPlanNode, { id: d.filingPlanNodeId }) : null;
  const r = documentRetention({ schedule: scheduleOf(node), settledOn: d.settledOn, triggerEventOn: d.triggerEventOn });
  Object.assign(d, r);
  d.forecastKey = r.disposalYear == null ? null : forecastKey(node?.fullCode ?? '', d.referenceNumber ?? d.pid);
  return r;
}

export async function refreshCaseFileRetention(em: SqlEntityManager, c: CaseFile): Promise<Retention> {
  const documents = await em.find(Document, { caseFileId: c.id, state: { $ne: 'CANCELLED' } });
  const nodeIds = [...new Set([c.filingPlanNodeId, ...documents.map((d) => d.filingPlanNodeId)].filter((id): id is string => !!id))];
  const nodes = new Map((await em.find(FilingPlanNode, { id: { $in: nodeIds } })).map((n) => [n.id, n]));
  const r = caseFileRetention({
    schedule: scheduleOf(c.filingPlanNodeId ? nodes.get(c.filingPlanNodeId) : null),
    closedOn: c.closedOn,
    triggerEventOn: c.triggerEventOn,
    documents: documents.map((d) => ({
      schedule: scheduleOf(d.filingPlanNodeId ? nodes.get(d.filingPlanNodeId) : null),
      deliveredOrCreatedAt: d.deliveredAt ?? d.createdAt ?? d.registeredAt ?? new Date(),
    })),
  });
  Object.assign(c, r);
  const node = c.filingPlanNodeId ? nodes.get(c.filingPlanNodeId) : null;
  c.forecastKey = r.disposalYear == null ? null : forecastKey(node?.fullCode ?? '', c.referenceNumber);
  return r;
}
