import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { diff, inTransaction, recordAudit, type AuditChange, type AuditEventType, type TenantCaller } from '@hub/kit';
import { CaseFile } from '../case-files/case-file.entity';
import { refreshCaseFileRetention, refreshDocumentRetention } from '../retention/apply';
import { Document } from './document.entity';
import { WORKFLOW, guardStep, type DocumentStep } from './workflow';

/** What a workflow step returns (`DocumentPayload`). */
export interface StepResult {
  document: Document;
  auditEventId: string;
}

/** What a step tells `runStep` to write into the audit log. */
export interface StepAudit {
  eventType: AuditEventType;
  description: string;
  /** Fields whose old/new values go into the event (the state is added by `runStep`). */
  fields: (keyof Document)[];
  /** Values that are not columns of the document, e.g. the reason of a return. */
  extra?: AuditChange[];
}

/** The stored retention, always audited by the steps that may change it. */
export const RETENTION_FIELDS: (keyof Document)[] = ['disposalCode', 'retentionYears', 'disposalYear'];

/**
 * Reads the document with a row lock (MariaDB), so two concurrent steps cannot both start from the same state:
 * the second waits, then sees the first one's result. SQLite ignores FOR UPDATE, but it commits one write
 * transaction at a time per file; one whose read went stale fails with SQLITE_BUSY and inTransaction re-runs it.
 */
export function lockDocument(tx: SqlEntityManager, id: string): Promise<Document | null> {
  return tx.findOne(Document, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

function lockCaseFile(tx: SqlEntityManager, id: string): Promise<CaseFile | null> {
  return tx.findOne(CaseFile, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/**
 * The checks of `guardStep` without a transaction, for steps that must ask another subgraph before they write
 * (remote calls never run inside a transaction): an invisible, wrongly placed or forbidden step is refused
 * before anyone else is asked. `runStep` checks again under the lock.
 */
export async function precheckStep(
  em: SqlEntityManager,
  caller: TenantCaller,
  step: DocumentStep,
  documentId: string,
): Promise<Document> {
  return guardStep(caller, step, documentId, await em.findOne(Document, { id: documentId }));
}

/**
 * One workflow step in one transaction: lock the document, check visibility, state and caller (`guardStep`),
 * move it to the table's next state, let `apply` make the step's own changes, store them, and write the audit
 * event last (kit `recordAudit`). Anything thrown rolls all of it back, so a refused step writes nothing.
 */
export async function runStep(
  em: SqlEntityManager,
  caller: TenantCaller,
  step: DocumentStep,
  documentId: string,
  apply: (tx: SqlEntityManager, d: Document) => Promise<StepAudit> | StepAudit,
  opts: { affectsRetention?: boolean } = {},
): Promise<StepResult> {
  return inTransaction(em, async (tx) => {
    const d = guardStep(caller, step, documentId, await lockDocument(tx, documentId));
    // A case file's retention spans its documents: lock it before anything is read, so two steps on documents
    // of one case file recompute it one after the other, each from the other's committed result.
    if (opts.affectsRetention && d.caseFileId) await lockCaseFile(tx, d.caseFileId);
    const before = { ...d };
    const to = WORKFLOW[step].to;
    if (to) d.state = to;
    const audit = await apply(tx, d);
    await tx.flush();
    const event = await recordAudit(tx, caller, {
      municipalityId: d.municipalityId,
      eventType: audit.eventType,
      objectType: 'Dokument',
      objectId: d.id,
      description: audit.description,
      changes: [...diff(before, d, ['state', ...audit.fields.filter((f) => f !== 'state')]), ...(audit.extra ?? [])],
    });
    return { document: d, auditEventId: event.id };
  });
}

/**
 * Recomputes the document's stored retention, and its case file's (whose retention spans its documents), in
 * the step's transaction (a `runStep` with `affectsRetention`, which has locked the case file). The document's
 * changes are flushed first, so the case file's computation reads them.
 */
export async function refreshRetention(tx: SqlEntityManager, d: Document): Promise<void> {
  await refreshDocumentRetention(tx, d);
  if (!d.caseFileId) return;
  await tx.flush();
  const caseFile = await tx.findOne(CaseFile, { id: d.caseFileId });
  if (caseFile) await refreshCaseFileRetention(tx, caseFile);
}

/** A label for messages: the reference number, or the PID of a draft. */
export const label = (d: Pick<Document, 'referenceNumber' | 'pid'>) => d.referenceNumber ?? d.pid;
