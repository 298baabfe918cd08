import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  diff,
  inTransaction,
  notFound,
  parseDay,
  recordAudit,
  type AuditChange,
  type AuditEvent,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { OpenCaseFileInput, UpdateCaseFileInput } from '../../generated/graphql';
import { assertNoFailedConversion } from '../conversion/conversion';
import { assertNothingPending } from '../dispatch/dispatch';
import { Document, type DocumentState } from '../documents/document.entity';
import { canSeeCaseFile, canSeeDocument } from '../documents/visibility';
import {
  assertNoVAfter2026,
  assertPlanValidOn,
  findClassifiableNode,
  scheduleOf,
} from '../filing-plans/classification';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { refreshCaseFileRetention } from '../retention/apply';
import { czechDay } from '../retention/retention';
import { generatePid, pidAbbreviationOf } from '../registers/pid';
import { CaseFile } from './case-file.entity';

/**
 * Case files (spisy) kept as collection sheets (domain.md §2, §4.2): opened from an initiating document whose
 * reference number labels them, filled and emptied while OPEN, closed together with their documents, reopened
 * before hand-over. Every mutation validates first, then changes rows and writes its audit events (last) in one
 * transaction; a refusal writes nothing. Rows are locked (case file first, then its documents) so that two
 * requests cannot both put a document into different case files or close a case file while one of its
 * documents is being reopened (MariaDB; SQLite serialises writers anyway).
 */

/** Who works with case files. Everybody else is refused (FORBIDDEN). */
export const CASE_FILE_ROLES: Role[] = [Role.CASE_HANDLER, Role.UNIT_HEAD, Role.RECORDS_MANAGER];
/** The records office is the one reminded to check external trigger events (domain.md §5.3), so it may enter them. */
export const TRIGGER_DATE_ROLES: Role[] = [...CASE_FILE_ROLES, Role.RECORDS_OFFICER];

export const MAX_TITLE_LENGTH = 500;
export const MAX_REASON_LENGTH = 2000;

/** A registered document (has a reference number) that is still being handled or is settled. */
const OPENABLE_STATES: DocumentState[] = ['REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'];
/** Documents that cannot be put into a case file: no number yet, cancelled, or already closed. */
const NOT_INSERTABLE: DocumentState[] = ['DRAFT', 'CANCELLED', 'CLOSED'];

/** What the `Zalozeni` event of a case file records. */
const CREATED_FIELDS: (keyof CaseFile)[] = [
  'pid',
  'referenceNumber',
  'title',
  'state',
  'initiatingDocumentId',
  'filingPlanNodeId',
  'handlerId',
  'orgUnitId',
  'openedAt',
  'disposalCode',
  'retentionYears',
];
const RETENTION_FIELDS: (keyof CaseFile)[] = ['disposalCode', 'retentionYears', 'disposalYear'];

export interface CaseFileResult {
  caseFile: CaseFile;
  auditEventId: string;
}

// ---------------------------------------------------------------------------------------------------------
// Input validation (before anything is read or written)
// ---------------------------------------------------------------------------------------------------------

function validTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TITLE_LENGTH)
    throw badInput(`title must be 1–${MAX_TITLE_LENGTH} characters`, 'title');
  return trimmed;
}

function validReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_REASON_LENGTH)
    throw badInput(`reason must be 1–${MAX_REASON_LENGTH} characters`, 'reason');
  return trimmed;
}

/** A real calendar day (YYYY-MM-DD) not after `today` (Czech calendar). */
export function validPastDay(value: string, today: string, field: string): string {
  parseDay(value, field);
  if (value > today) throw badInput(`${field} must not be in the future (today is ${today})`, field);
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Loading with visibility and row locks
// ---------------------------------------------------------------------------------------------------------

/** The case file, locked for the transaction; NOT_FOUND when missing, of another municipality or not visible. */
async function lockCaseFile(tx: SqlEntityManager, caller: TenantCaller, id: string): Promise<CaseFile> {
  const caseFile = await tx.findOne(CaseFile, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!caseFile || !canSeeCaseFile(caller, caseFile)) throw notFound('CaseFile', id);
  return caseFile;
}

/** The document, locked for the transaction; NOT_FOUND when missing or of another municipality. */
async function lockDocument(tx: SqlEntityManager, id: string): Promise<Document | null> {
  return tx.findOne(Document, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** A document the caller must be able to see (they put it somewhere): NOT_FOUND otherwise. */
async function lockVisibleDocument(tx: SqlEntityManager, caller: TenantCaller, id: string): Promise<Document> {
  const document = await lockDocument(tx, id);
  if (!document || !canSeeDocument(caller, document)) throw notFound('Document', id);
  return document;
}

/** The documents of a case file in the order they were put in, locked. */
function lockDocumentsOf(tx: SqlEntityManager, caseFileId: string): Promise<Document[]> {
  return tx.find(
    Document,
    { caseFileId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: [{ caseFileInsertedAt: 'asc' }, { id: 'asc' }] },
  );
}

const labelOf = (d: Document) => d.referenceNumber ?? d.pid;

function requireOpen(caseFile: CaseFile, action: string) {
  if (caseFile.state !== 'OPEN')
    throw conflict(`Case file ${caseFile.referenceNumber} is ${caseFile.state}: only an open case file can ${action}`);
}

/** The full filing code of a node, for audit changes (node ids alone say little to a reader of the log). */
async function fullCodeOf(tx: SqlEntityManager, nodeId: string | null): Promise<string | null> {
  if (!nodeId) return null;
  return (await tx.findOne(FilingPlanNode, { id: nodeId }))?.fullCode ?? null;
}

const snapshot = (c: CaseFile): Partial<CaseFile> => ({ ...c });

// ---------------------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------------------

/** The case file PID index in the driver's words (MariaDB names the key, SQLite the columns). */
const CASE_FILE_PID_INDEX =
  /\bcase_file_municipality_id_pid_unique\b|constraint failed: case_file\.municipality_id, case_file\.pid\b/;
const PID_ATTEMPTS = 5;

/**
 * Inserts the case file under a fresh PID, and under another one if the first is taken in the municipality (40
 * random bits make that rare; the unique index decides). Each attempt runs in a savepoint, so a collision undoes
 * only that insert. Other unique violations go up (openCaseFile turns them into a conflict).
 */
export async function insertWithUniqueCaseFilePid(
  tx: SqlEntityManager,
  nextPid: () => string,
  fields: Omit<CaseFile, 'pid'>,
): Promise<CaseFile> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transactional(async (savepoint) => {
        const caseFile = savepoint.create(CaseFile, { ...fields, pid: nextPid() });
        await savepoint.flush();
        return caseFile;
      });
    } catch (e) {
      if (
        attempt >= PID_ATTEMPTS ||
        !(e instanceof UniqueConstraintViolationException) ||
        !CASE_FILE_PID_INDEX.test(e.message)
      )
        throw e;
    }
  }
}

/**
 * `openCaseFile`: a new OPEN case file labelled with the initiating document's reference number (spisová
 * značka); the document becomes its first one. Audit: `Zalozeni` on the case file, `VlozeniDoSpisu` on the
 * document.
 */
export async function openCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: OpenCaseFileInput,
  now: Date,
): Promise<CaseFileResult> {
  const title = validTitle(input.title);
  try {
    return await inTransaction(em, async (tx) => {
      const document = await lockVisibleDocument(tx, caller, input.initiatingDocumentId);
      if (!OPENABLE_STATES.includes(document.state) || !document.referenceNumber) {
        throw conflict(
          `Document ${labelOf(document)} is ${document.state}: a case file is opened from a registered document that is not closed or cancelled`,
        );
      }
      if (document.caseFileId) throw conflict(`Document ${labelOf(document)} is already in a case file`);
      const node = input.filingPlanNodeId
        ? await findClassifiableNode(tx, input.filingPlanNodeId, czechDay(now))
        : null;

      // The originator's abbreviation as the initiating document's PID has it (the main register's prefix).
      const abbreviation = pidAbbreviationOf(document.pid);
      const caseFile = await insertWithUniqueCaseFilePid(tx, () => generatePid(abbreviation, 'CASE_FILE'), {
        id: randomUUID(),
        municipalityId: caller.municipalityId,
        referenceNumber: document.referenceNumber,
        title,
        state: 'OPEN',
        initiatingDocumentId: document.id,
        filingPlanNodeId: node?.id ?? null,
        handlerId: document.handlerId ?? caller.userId,
        orgUnitId: document.orgUnitId ?? caller.orgUnitId ?? null,
        openedAt: now,
        openedById: caller.userId,
        closedAt: null,
        closedById: null,
        closedOn: null,
        triggerEventOn: null,
        disposalCode: null,
        retentionYears: null,
        disposalYear: null,
        forecastKey: null,
        handOverListId: null,
        disposalProposalId: null,
      });
      document.caseFileId = caseFile.id;
      document.caseFileInsertedAt = now;
      await tx.flush();
      await refreshCaseFileRetention(tx, caseFile);
      await tx.flush();

      const changes = diff({}, caseFile, CREATED_FIELDS);
      if (node) changes.push({ name: 'fullFilingCode', old: null, new: node.fullCode });
      const event = await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Spis',
        objectId: caseFile.id,
        description: `Case file ${caseFile.referenceNumber} opened`,
        changes,
      });
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'VlozeniDoSpisu',
        objectType: 'Dokument',
        objectId: document.id,
        description: `Put into case file ${caseFile.referenceNumber} as its initiating document`,
        changes: [{ name: 'caseFileId', old: null, new: caseFile.id }],
      });
      return { caseFile, auditEventId: event.id };
    });
  } catch (e) {
    // Lost a race (SQLite has no row locks): the document initiated another case file meanwhile.
    if (e instanceof UniqueConstraintViolationException) throw conflict('The document is already in a case file');
    throw e;
  }
}

/** `updateCaseFile`: title and/or classification of an OPEN case file. Audit `Uprava` with old and new values. */
export async function updateCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: UpdateCaseFileInput,
  now: Date,
): Promise<CaseFileResult> {
  const title = input.title == null ? null : validTitle(input.title);
  if (title == null && input.filingPlanNodeId == null)
    throw badInput('Give a title or a filingPlanNodeId to change', 'input');
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, id);
    requireOpen(caseFile, 'be changed');
    const node = input.filingPlanNodeId ? await findClassifiableNode(tx, input.filingPlanNodeId, czechDay(now)) : null;
    const before = snapshot(caseFile);
    if (title != null) caseFile.title = title;
    if (node) caseFile.filingPlanNodeId = node.id;
    const changes: AuditChange[] = diff(before, caseFile, ['title', 'filingPlanNodeId']);
    if (changes.length === 0) throw conflict(`Case file ${caseFile.referenceNumber} already has these values`);
    if (node && before.filingPlanNodeId !== node.id) {
      changes.push({
        name: 'fullFilingCode',
        old: await fullCodeOf(tx, before.filingPlanNodeId ?? null),
        new: node.fullCode,
      });
    }
    await tx.flush();
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();
    changes.push(...diff(before, caseFile, RETENTION_FIELDS));

    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: `Case file ${caseFile.referenceNumber} changed`,
      changes,
    });
    return { caseFile, auditEventId: event.id };
  });
}

/**
 * `insertIntoCaseFile`: a document belongs to at most one case file. Audit `VlozeniDoSpisu` on the document and
 * on the case file; the case file's event is returned.
 */
export async function insertIntoCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  caseFileId: string,
  documentId: string,
  now: Date,
): Promise<CaseFileResult> {
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, caseFileId);
    const document = await lockVisibleDocument(tx, caller, documentId);
    requireOpen(caseFile, 'take documents');
    if (NOT_INSERTABLE.includes(document.state)) {
      throw conflict(`Document ${labelOf(document)} is ${document.state} and cannot be put into a case file`);
    }
    if (document.caseFileId === caseFile.id)
      throw conflict(`Document ${labelOf(document)} is already in case file ${caseFile.referenceNumber}`);
    if (document.caseFileId)
      throw conflict(
        `Document ${labelOf(document)} is already in another case file; a document belongs to at most one`,
      );

    const before = snapshot(caseFile);
    document.caseFileId = caseFile.id;
    document.caseFileInsertedAt = now;
    await tx.flush();
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();

    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'VlozeniDoSpisu',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Put into case file ${caseFile.referenceNumber}`,
      changes: [{ name: 'caseFileId', old: null, new: caseFile.id }],
    });
    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'VlozeniDoSpisu',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: `Document ${labelOf(document)} put in`,
      changes: [{ name: 'documentId', old: null, new: document.id }, ...diff(before, caseFile, RETENTION_FIELDS)],
    });
    return { caseFile, auditEventId: event.id };
  });
}

/** `removeFromCaseFile`: any document but the initiating one, while the case file is OPEN. Audit `VyjmutiZeSpisu` on both. */
export async function removeFromCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  caseFileId: string,
  documentId: string,
): Promise<CaseFileResult> {
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, caseFileId);
    const document = await lockDocument(tx, documentId);
    // Seeing the case file means seeing its contents; any other document the caller cannot see stays unknown.
    if (!document || (document.caseFileId !== caseFile.id && !canSeeDocument(caller, document)))
      throw notFound('Document', documentId);
    requireOpen(caseFile, 'give documents out');
    if (document.caseFileId !== caseFile.id)
      throw conflict(`Document ${labelOf(document)} is not in case file ${caseFile.referenceNumber}`);
    if (document.id === caseFile.initiatingDocumentId) {
      throw conflict(
        `Document ${labelOf(document)} initiated case file ${caseFile.referenceNumber} and cannot be taken out of it`,
      );
    }

    const before = snapshot(caseFile);
    document.caseFileId = null;
    document.caseFileInsertedAt = null;
    await tx.flush();
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();

    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'VyjmutiZeSpisu',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Taken out of case file ${caseFile.referenceNumber}`,
      changes: [{ name: 'caseFileId', old: caseFile.id, new: null }],
    });
    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'VyjmutiZeSpisu',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: `Document ${labelOf(document)} taken out`,
      changes: [{ name: 'documentId', old: document.id, new: null }, ...diff(before, caseFile, RETENTION_FIELDS)],
    });
    return { caseFile, auditEventId: event.id };
  });
}

/**
 * `closeCaseFile` (domain.md §4.2): needs a title, a classification into a node with a retention schedule and
 * every (not cancelled) document settled. Its settled documents close with it ("documents move with the case
 * file"); the closure day starts the case file's retention (§5.3). Audit `Uzavreni` on each document and on the
 * case file (with the computed retention); the case file's event is returned.
 */
export async function closeCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  now: Date,
): Promise<CaseFileResult> {
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, id);
    requireOpen(caseFile, 'be closed');
    if (!caseFile.title?.trim())
      throw conflict(`Case file ${caseFile.referenceNumber} has no title; give it one before closing`);
    if (!caseFile.filingPlanNodeId) {
      throw conflict(
        `Case file ${caseFile.referenceNumber} is not classified; classify it into a filing plan node with a retention schedule before closing`,
      );
    }
    const node = await tx.findOne(FilingPlanNode, { id: caseFile.filingPlanNodeId });
    if (!scheduleOf(node)) {
      throw conflict(
        `Case file ${caseFile.referenceNumber} is classified into ${node?.fullCode ?? 'a node'} without a retention schedule; classify it into a lowest-level node before closing`,
      );
    }
    const documents = (await lockDocumentsOf(tx, caseFile.id)).filter((d) => d.state !== 'CANCELLED');
    const unsettled = documents.filter((d) => d.state !== 'SETTLED');
    if (unsettled.length > 0) {
      throw conflict(
        `Case file ${caseFile.referenceNumber} cannot be closed: not every document is settled (${unsettled.map(labelOf).join(', ')})`,
      );
    }
    // Closing uses the case file's node and its documents' (they close with it): each plan valid on the closure
    // day, and no V after 2026 on any of them (obs66; the case file would also take V as its strongest code).
    const closedOn = czechDay(now);
    const docNodeIds = [...new Set(documents.map((d) => d.filingPlanNodeId).filter((n): n is string => !!n))];
    const docNodes = new Map(
      docNodeIds.length ? (await tx.find(FilingPlanNode, { id: { $in: docNodeIds } })).map((n) => [n.id, n]) : [],
    );
    await assertPlanValidOn(tx, [node!, ...docNodes.values()], closedOn);
    assertNoVAfter2026(
      [
        { label: `case file ${caseFile.referenceNumber} (${node!.fullCode})`, code: node!.disposalCode },
        ...documents
          .filter((d) => d.filingPlanNodeId)
          .map((d) => {
            const n = docNodes.get(d.filingPlanNodeId!);
            return { label: `document ${labelOf(d)} (${n?.fullCode ?? '?'})`, code: n?.disposalCode };
          }),
      ],
      closedOn,
      'closed',
    );
    // Closed means every dispatch has left (domain.md §4.1 CLOSED).
    for (const d of documents) await assertNothingPending(tx, d);
    // …and every document's components are converted to output formats, or still on their way (domain.md §5.5).
    for (const d of documents) await assertNoFailedConversion(tx, d);

    const before = snapshot(caseFile);
    caseFile.state = 'CLOSED';
    caseFile.closedAt = now;
    caseFile.closedById = caller.userId;
    caseFile.closedOn = closedOn;
    for (const d of documents) {
      d.state = 'CLOSED';
      d.closedAt = now;
    }
    await tx.flush();
    // After closedOn is set: closure is the trigger of a SETTLEMENT schedule.
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();

    for (const d of documents) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Uzavreni',
        objectType: 'Dokument',
        objectId: d.id,
        description: `Closed with case file ${caseFile.referenceNumber}`,
        changes: [
          { name: 'state', old: 'SETTLED', new: 'CLOSED' },
          { name: 'closedAt', old: null, new: now.toISOString() },
        ],
      });
    }
    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uzavreni',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: `Case file ${caseFile.referenceNumber} closed with ${documents.length} document(s)`,
      changes: [
        ...diff(before, caseFile, ['state', 'closedAt', 'closedOn']),
        // The retention as computed at closure, all three even when unchanged: this is what the forecast uses.
        ...RETENTION_FIELDS.map((f) => ({
          name: f,
          old: before[f] == null ? null : String(before[f]),
          new: caseFile[f] == null ? null : String(caseFile[f]),
        })),
      ],
    });
    return { caseFile, auditEventId: event.id };
  });
}

/**
 * `reopenCaseFile`: CLOSED → OPEN with a reason; its closed documents go back to SETTLED and the closure day is
 * forgotten, so the disposal year disappears again (unless an external trigger date gives one). Audit
 * `Otevreni` on the case file and on each document.
 */
export async function reopenCaseFile(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  reason: string,
): Promise<CaseFileResult> {
  const why = validReason(reason);
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, id);
    // Hand-over to the records office comes later; once it exists, a handed-over case file is refused here too.
    if (caseFile.state !== 'CLOSED')
      throw conflict(
        `Case file ${caseFile.referenceNumber} is ${caseFile.state}: only a closed case file can be reopened`,
      );
    const documents = (await lockDocumentsOf(tx, caseFile.id)).filter((d) => d.state === 'CLOSED');

    const before = snapshot(caseFile);
    const closedAtBefore = new Map(documents.map((d) => [d.id, d.closedAt]));
    caseFile.state = 'OPEN';
    caseFile.closedAt = null;
    caseFile.closedById = null;
    caseFile.closedOn = null;
    for (const d of documents) {
      d.state = 'SETTLED';
      d.closedAt = null;
    }
    await tx.flush();
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();

    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Otevreni',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: why,
      changes: diff(before, caseFile, ['state', 'closedAt', 'closedById', 'closedOn', ...RETENTION_FIELDS]),
    });
    for (const d of documents) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Otevreni',
        objectType: 'Dokument',
        objectId: d.id,
        description: `Case file ${caseFile.referenceNumber} reopened: ${why}`,
        changes: [
          { name: 'state', old: 'CLOSED', new: 'SETTLED' },
          { name: 'closedAt', old: closedAtBefore.get(d.id)?.toISOString() ?? null, new: null },
        ],
      });
    }
    return { caseFile, auditEventId: event.id };
  });
}

/**
 * `recordCaseFileTriggerEvent`: the date of the external trigger event (e.g. the contract ended) of a closed case
 * file whose schedule has an EXTERNAL trigger; its retention then counts from that year. Audit `Uprava`.
 */
export async function recordCaseFileTriggerEvent(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  occurredOn: string,
  now: Date,
): Promise<CaseFileResult> {
  const day = validPastDay(occurredOn, czechDay(now), 'occurredOn');
  return inTransaction(em, async (tx) => {
    const caseFile = await lockCaseFile(tx, caller, id);
    const node = caseFile.filingPlanNodeId ? await tx.findOne(FilingPlanNode, { id: caseFile.filingPlanNodeId }) : null;
    if (scheduleOf(node)?.triggerKind !== 'EXTERNAL') {
      throw conflict(
        `The retention of case file ${caseFile.referenceNumber} does not start with an external event: there is no trigger date to enter`,
      );
    }
    if (caseFile.state !== 'CLOSED')
      throw conflict(
        `Case file ${caseFile.referenceNumber} is ${caseFile.state}: the trigger date is entered once it is closed`,
      );
    if (caseFile.triggerEventOn === day)
      throw conflict(`Case file ${caseFile.referenceNumber} already has the trigger date ${day}`);

    const before = snapshot(caseFile);
    caseFile.triggerEventOn = day;
    await tx.flush();
    await refreshCaseFileRetention(tx, caseFile);
    await tx.flush();

    const event: AuditEvent = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'Spis',
      objectId: caseFile.id,
      description: `Trigger event of case file ${caseFile.referenceNumber} entered${node?.triggerEvent ? ` (${node.triggerEvent})` : ''}`,
      changes: diff(before, caseFile, ['triggerEventOn', ...RETENTION_FIELDS]),
    });
    return { caseFile, auditEventId: event.id };
  });
}
