import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  diff,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  recordAudit,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { CaseFile } from '../case-files/case-file.entity';
import { allocateNumber, insertWithUniquePid, notYetHandled, ownDocumentContent } from '../documents/registration';
import { authorOf } from '../documents/metadata';
import { Document } from '../documents/document.entity';
import { canSeeCaseFile, canSeeDocument, headsUnit, readsAll } from '../documents/visibility';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { generatePid } from '../registers/pid';
import { findActiveMainRegister } from '../registers/registers';
import { forecastKey } from '../retention/forecast-key';
import { czechDay, triggerYearShown } from '../retention/retention';

/**
 * Hand-over to the records office (předání do spisovny, domain.md §4.1, §4.2; TrP `PredaniNaSpisovnu`).
 *
 * Filing owns the states of documents and case files, so the hand-over starts here: closed case files (with all
 * their documents) and closed documents outside case files go to HANDED_TO_RECORDS_OFFICE together with a new
 * document, the hand-over list (předávací seznam), registered in the main register like any own document. All of it
 * commits in one transaction with its TrP events, or nothing does. The records office (archives) later reads the
 * list through `_entities(RecordsHandOver)` as the records officer and takes it over; its `PrevzetiNaSpisovnu`
 * events come back through the transaction log's outbox and move the entities on (mirror.ts).
 */

/** Handlers hand over what they handle; unit heads their unit's; records managers anything of the municipality. */
export const HAND_OVER_ROLES: Role[] = [Role.CASE_HANDLER, Role.UNIT_HEAD, Role.RECORDS_MANAGER];
export const MAX_HAND_OVER_ENTRIES = 500;

export interface HandOverInput {
  caseFileIds?: readonly string[] | null;
  documentIds?: readonly string[] | null;
}

export interface HandOverResult {
  /** The hand-over list: its id is the list document's id. */
  handOverList: { id: string };
  auditEventId: string;
}

const labelOf = (d: Document) => d.referenceNumber ?? d.pid;
const owns = (caller: TenantCaller, handlerId: string | null, orgUnitId: string | null) =>
  handlerId === caller.userId || headsUnit(caller, orgUnitId) || hasRole(caller, Role.RECORDS_MANAGER);

function validIds(ids: readonly string[] | null | undefined, field: string): string[] {
  const list = [...(ids ?? [])];
  if (new Set(list).size !== list.length) throw badInput(`${field} lists an id twice`, field);
  return list;
}

export async function handOverToRecordsOffice(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: HandOverInput,
  now: Date,
): Promise<HandOverResult> {
  const caseFileIds = validIds(input.caseFileIds, 'caseFileIds');
  const documentIds = validIds(input.documentIds, 'documentIds');
  if (caseFileIds.length + documentIds.length === 0)
    throw badInput('Name at least one case file or document to hand over', 'caseFileIds');
  if (caseFileIds.length + documentIds.length > MAX_HAND_OVER_ENTRIES) {
    throw badInput(`A hand-over list holds at most ${MAX_HAND_OVER_ENTRIES} entries`, 'caseFileIds');
  }
  const main = await findActiveMainRegister(em);
  if (!main) throw conflict('The municipality has no active main register to file the hand-over list in');

  return inTransaction(em, async (tx) => {
    const lock = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;
    const caseFiles: CaseFile[] = [];
    for (const id of caseFileIds) {
      const c = await tx.findOne(CaseFile, { id }, lock);
      if (!c || !canSeeCaseFile(caller, c)) throw notFound('CaseFile', id);
      if (!owns(caller, c.handlerId, c.orgUnitId))
        throw forbidden(`Only the handler of case file ${c.referenceNumber} or the head of its unit hands it over`);
      if (c.state !== 'CLOSED')
        throw conflict(
          `Case file ${c.referenceNumber} is ${c.state}: only a closed case file is handed over to the records office`,
        );
      caseFiles.push(c);
    }
    const inside = caseFiles.length
      ? await tx.find(
          Document,
          { caseFileId: { $in: caseFiles.map((c) => c.id) }, state: 'CLOSED' },
          { ...lock, orderBy: [{ caseFileInsertedAt: 'asc' }, { id: 'asc' }] },
        )
      : [];
    const documents: Document[] = [];
    for (const id of documentIds) {
      const d = await tx.findOne(Document, { id }, lock);
      if (!d || !canSeeDocument(caller, d)) throw notFound('Document', id);
      if (!owns(caller, d.handlerId, d.orgUnitId))
        throw forbidden(`Only the handler of document ${labelOf(d)} or the head of its unit hands it over`);
      if (d.caseFileId)
        throw conflict(`Document ${labelOf(d)} is in a case file: it goes to the records office with its case file`);
      if (d.state !== 'CLOSED')
        throw conflict(
          `Document ${labelOf(d)} is ${d.state}: only a closed document is handed over to the records office`,
        );
      documents.push(d);
    }

    // The list itself: an own document of the main register, handled by whoever hands over.
    const count = caseFiles.length + documents.length;
    const subject = `Předávací seznam do spisovny (${caseFiles.length} spisů, ${documents.length} dokumentů)`;
    const number = await allocateNumber(tx, caller, main, now);
    const list = await insertWithUniquePid(tx, () => generatePid(main.referencePrefix), {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      registerId: main.id,
      state: 'REGISTERED',
      ...number,
      ...ownDocumentContent(subject),
      createdAt: now,
      createdById: caller.userId,
      ...notYetHandled(),
      handlerId: caller.userId,
      orgUnitId: caller.orgUnitId ?? null,
      assignedAt: now,
      // Its author is whoever hands over (the org unit's name is not at hand here: another subgraph's).
      ...authorOf(caller, null),
    });

    const moved = { state: 'HANDED_TO_RECORDS_OFFICE' as const, handOverListId: list.id };
    for (const x of [...caseFiles, ...inside, ...documents]) Object.assign(x, moved);
    await tx.flush();

    const listEvent = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: list.id,
      description: `Hand-over list ${list.referenceNumber} to the records office, ${count} entries`,
      changes: diff({}, list, [
        'pid',
        'registerId',
        'referenceNumber',
        'sequenceNumber',
        'year',
        'subject',
        'origin',
        'registeredAt',
        'state',
      ]),
    });
    const handed = (old: string) => [
      { name: 'state', old, new: 'HANDED_TO_RECORDS_OFFICE' },
      { name: 'handOverListId', old: null, new: list.id },
    ];
    for (const c of caseFiles) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'PredaniNaSpisovnu',
        objectType: 'Spis',
        objectId: c.id,
        description: `Case file ${c.referenceNumber} handed over to the records office with list ${list.referenceNumber}`,
        changes: handed('CLOSED'),
      });
    }
    // A document inside a case file moves with it (domain.md §4.1): its own trail says so too.
    for (const d of [...inside, ...documents]) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'PredaniNaSpisovnu',
        objectType: 'Dokument',
        objectId: d.id,
        description: `Document ${labelOf(d)} handed over to the records office with list ${list.referenceNumber}`,
        changes: handed('CLOSED'),
      });
    }
    return { handOverList: { id: list.id }, auditEventId: listEvent.id };
  });
}

/** One entity of a hand-over list, as the records office reads it (schema `RecordsHandOverEntry`). */
export interface HandOverEntry {
  kind: 'CASE_FILE' | 'DOCUMENT';
  id: string;
  pid: string | null;
  state: string;
  referenceNumber: string;
  title: string;
  fullFilingCode: string;
  year: number;
  disposalCode: string | null;
  retentionYears: number | null;
  triggerYear: number | null;
  disposalYear: number | null;
  sortKey: string;
  documentIds: string[];
  caseFile: CaseFile | null;
  document: Document | null;
}

/**
 * The hand-over list `id` (its document's id) and its entries, or null when the caller may not see it: the
 * records office and everyone who reads the whole register see every list; others the lists they may see as
 * documents. Four statements whatever the list's size.
 */
export interface HandOverList {
  id: string;
  document: Document;
  entries: HandOverEntry[];
}

export async function loadHandOverList(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
): Promise<HandOverList | null> {
  const document = await em.findOne(Document, { id });
  if (!document || !(readsAll(caller) || canSeeDocument(caller, document))) return null;
  const [caseFiles, documents] = await Promise.all([
    em.find(CaseFile, { handOverListId: id }, { orderBy: [{ referenceNumber: 'asc' }, { id: 'asc' }] }),
    em.find(Document, { handOverListId: id }, { orderBy: [{ caseFileInsertedAt: 'asc' }, { id: 'asc' }] }),
  ]);
  if (caseFiles.length === 0 && documents.length === 0) return null;
  const nodeIds = [
    ...new Set([...caseFiles, ...documents].map((x) => x.filingPlanNodeId).filter((n): n is string => !!n)),
  ];
  const nodes = nodeIds.length ? await em.find(FilingPlanNode, { id: { $in: nodeIds } }) : [];
  const code = new Map(nodes.map((n) => [n.id, n.fullCode]));
  const codeOf = (nodeId: string | null) => (nodeId ? (code.get(nodeId) ?? '') : '');
  const entries: HandOverEntry[] = [
    ...caseFiles.map((c) => ({
      kind: 'CASE_FILE' as const,
      id: c.id,
      pid: c.pid,
      state: c.state,
      referenceNumber: c.referenceNumber,
      title: c.title,
      fullFilingCode: codeOf(c.filingPlanNodeId),
      year: Number(czechDay(c.openedAt!).slice(0, 4)),
      disposalCode: c.disposalCode,
      retentionYears: c.retentionYears,
      triggerYear: triggerYearShown(c),
      disposalYear: c.disposalYear,
      sortKey: c.forecastKey ?? forecastKey(codeOf(c.filingPlanNodeId), c.referenceNumber),
      documentIds: documents.filter((d) => d.caseFileId === c.id).map((d) => d.id),
      caseFile: c,
      document: null,
    })),
    ...documents
      .filter((d) => !d.caseFileId)
      .map((d) => ({
        kind: 'DOCUMENT' as const,
        id: d.id,
        pid: d.pid,
        state: d.state,
        referenceNumber: labelOf(d),
        title: d.subject,
        fullFilingCode: codeOf(d.filingPlanNodeId),
        year: d.year!, // a closed document is registered
        disposalCode: d.disposalCode,
        retentionYears: d.retentionYears,
        triggerYear: triggerYearShown(d),
        disposalYear: d.disposalYear,
        sortKey: d.forecastKey ?? forecastKey(codeOf(d.filingPlanNodeId), labelOf(d)),
        documentIds: [],
        caseFile: null,
        document: d,
      })),
  ];
  return { id, document, entries };
}
