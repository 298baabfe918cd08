import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  DISPOSAL_PROPOSAL_CHANGE,
  RECORDS_OFFICE_STATE_CHANGE,
  RECORDS_OFFICE_TRANSITIONS,
  logger,
  type AuditChange,
} from '@hub/kit';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';

const log = logger.child({ component: 'records-office-mirror' });

/** The part of an incoming log event the mirror looks at. */
export interface CustodyEvent {
  id: string;
  eventType: string;
  objectType: string;
  objectId: string;
  changes: AuditChange[];
}

/**
 * Applies the records office's custody steps (kit records-office.ts) to filing's documents and case files, inside
 * the log ingest's transaction, for the events of the archives subgraph that are new to the log. That transaction
 * also stores the events' ids under a unique key, so a re-sent event is skipped before it gets here: "applied" and
 * "recorded as applied" commit together.
 *
 * A case file moves with all its documents that stand where it stood (domain.md §4.1: documents move with their
 * case file). An entity that is not in the step's old state is left alone with a warning: archives checked the
 * state when it acted (take-over reads it through `_entities`, later steps follow its own records), so this only
 * happens after a manual repair, and the log must not stall over it.
 */
export async function applyCustodyEvents(tx: SqlEntityManager, events: CustodyEvent[]): Promise<void> {
  for (const e of events) {
    const change = e.changes.find((c) => c.name === RECORDS_OFFICE_STATE_CHANGE);
    if (!change) continue;
    const step = RECORDS_OFFICE_TRANSITIONS.find(([from, to]) => from === change.old && to === change.new);
    if (!step) {
      log.warn({ eventId: e.id, old: change.old, new: change.new }, 'ignoring an unknown records office step');
      continue;
    }
    const [from, to] = step;
    // Back to CLOSED (VraceniZeSpisovny): the hand-over is over, a later one makes a new list.
    const fields = to === 'CLOSED' ? { state: to, handOverListId: null } : { state: to };
    if (e.objectType === 'Spis') {
      const caseFile = await tx.findOne(CaseFile, { id: e.objectId });
      if (!caseFile || caseFile.state !== from) {
        log.warn(
          { eventId: e.id, caseFileId: e.objectId, state: caseFile?.state ?? null, expected: from },
          'case file not where the records office step starts',
        );
        continue;
      }
      Object.assign(caseFile, fields);
      for (const d of await tx.find(Document, { caseFileId: caseFile.id, state: from })) Object.assign(d, fields);
    } else if (e.objectType === 'Dokument') {
      const document = await tx.findOne(Document, { id: e.objectId });
      if (!document || document.state !== from) {
        log.warn(
          { eventId: e.id, documentId: e.objectId, state: document?.state ?? null, expected: from },
          'document not where the records office step starts',
        );
        continue;
      }
      Object.assign(document, fields);
    }
  }
}

/**
 * Mirrors archives' disposal proposal steps onto filing's entities in the same ingest transaction: in a proposal
 * (VlozeniDoSkartacnihoNavrhu) the case file with its documents, or the document, carries the proposal's id and
 * filing refuses to change it (components.ts); taken out (VyjmutiZeSkartacnihoNavrhu) it is free again. Only these
 * two event types count: other events may mention the proposal without moving anything.
 */
export async function applyProposalEvents(tx: SqlEntityManager, events: CustodyEvent[]): Promise<void> {
  for (const e of events) {
    if (e.eventType !== 'VlozeniDoSkartacnihoNavrhu' && e.eventType !== 'VyjmutiZeSkartacnihoNavrhu') continue;
    const change = e.changes.find((c) => c.name === DISPOSAL_PROPOSAL_CHANGE);
    if (!change) continue;
    const disposalProposalId = e.eventType === 'VlozeniDoSkartacnihoNavrhu' ? change.new : null;
    if (e.objectType === 'Spis') {
      const caseFile = await tx.findOne(CaseFile, { id: e.objectId });
      if (!caseFile) {
        log.warn({ eventId: e.id, caseFileId: e.objectId }, 'disposal proposal step for an unknown case file');
        continue;
      }
      caseFile.disposalProposalId = disposalProposalId;
      for (const d of await tx.find(Document, { caseFileId: caseFile.id })) d.disposalProposalId = disposalProposalId;
    } else if (e.objectType === 'Dokument') {
      const document = await tx.findOne(Document, { id: e.objectId });
      if (!document) {
        log.warn({ eventId: e.id, documentId: e.objectId }, 'disposal proposal step for an unknown document');
        continue;
      }
      document.disposalProposalId = disposalProposalId;
    }
  }
}
