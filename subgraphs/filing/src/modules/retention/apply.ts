import type { SqlEntityManager } from '@mikro-orm/knex';
import { CaseFile } from '../case-files/case-file.entity';
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
  return applyDocumentRetention(d, node);
}

/** Sets a document's retention and forecast key from its node (already loaded). */
export function applyDocumentRetention(d: Document, node: FilingPlanNode | null | undefined): Retention {
  const r = documentRetention({ schedule: scheduleOf(node), settledOn: d.settledOn, triggerEventOn: d.triggerEventOn });
  Object.assign(d, r);
  d.forecastKey = r.disposalYear == null ? null : forecastKey(node?.fullCode ?? '', d.referenceNumber ?? d.pid);
  return r;
}

export async function refreshCaseFileRetention(em: SqlEntityManager, c: CaseFile): Promise<Retention> {
  return (await refreshCaseFilesRetention(em, [c]))[0];
}

/**
 * The same for many case files at once (the data upgrade recomputes them in batches): two statements, their
 * documents and the nodes involved, whatever the number of case files.
 */
export async function refreshCaseFilesRetention(em: SqlEntityManager, caseFiles: CaseFile[]): Promise<Retention[]> {
  if (caseFiles.length === 0) return [];
  const documents = await em.find(Document, {
    caseFileId: { $in: caseFiles.map((c) => c.id) },
    state: { $ne: 'CANCELLED' },
  });
  const nodeIds = [
    ...new Set(
      [...caseFiles.map((c) => c.filingPlanNodeId), ...documents.map((d) => d.filingPlanNodeId)].filter(
        (id): id is string => !!id,
      ),
    ),
  ];
  const nodes = new Map(
    nodeIds.length ? (await em.find(FilingPlanNode, { id: { $in: nodeIds } })).map((n) => [n.id, n]) : [],
  );
  const nodeOf = (id: string | null) => (id ? nodes.get(id) : null);
  const byCaseFile = new Map<string, Document[]>();
  for (const d of documents) byCaseFile.set(d.caseFileId!, [...(byCaseFile.get(d.caseFileId!) ?? []), d]);
  return caseFiles.map((c) => {
    const r = caseFileRetention({
      schedule: scheduleOf(nodeOf(c.filingPlanNodeId)),
      closedOn: c.closedOn,
      triggerEventOn: c.triggerEventOn,
      documents: (byCaseFile.get(c.id) ?? []).map((d) => ({
        schedule: scheduleOf(nodeOf(d.filingPlanNodeId)),
        deliveredOrCreatedAt: d.deliveredAt ?? d.createdAt ?? d.registeredAt ?? new Date(),
        settledOn: d.settledOn,
        triggerEventOn: d.triggerEventOn,
      })),
    });
    Object.assign(c, r);
    c.forecastKey =
      r.disposalYear == null ? null : forecastKey(nodeOf(c.filingPlanNodeId)?.fullCode ?? '', c.referenceNumber);
    return r;
  });
}
