import { Role, conflict, forbidden, hasRole, notFound, type Caller } from '@hub/kit';
import type { Document, DocumentState } from './document.entity';
import { canSeeDocument, headsUnit } from './visibility';

/**
 * The document handling workflow (domain.md §4.1) in one place: which step may start from which state, where
 * it leads, and who may take it. Pure data and predicates, no I/O, so it reads (and is tested) as a table.
 *
 *   DRAFT ──registerDraft──▶ REGISTERED ──assign──▶ ASSIGNED ──accept──▶ IN_PROGRESS ──settle──▶ SETTLED ──close──▶ CLOSED
 *                              │   ▲                  │                   │     ▲                 │
 *                              │   └─────return───────┘                   │     └─────reopen──────┘
 *                              │                      ▲                   │
 *                              │                      └──assign (forward)─┘
 *                              └──cancel──▶ CANCELLED
 *
 * A document in a case file closes and reopens with it (`closeWithCaseFile`, `reopenWithCaseFile`: the case
 * file module's steps). `classify` and `recordTrigger` change no state but are allowed only in some.
 */
export type DocumentStep =
  | 'registerDraft'
  | 'assign'
  | 'accept'
  | 'return'
  | 'settle'
  | 'reopen'
  | 'close'
  | 'cancel'
  | 'closeWithCaseFile'
  | 'reopenWithCaseFile'
  | 'classify'
  | 'describe'
  | 'recordTrigger';

export interface StepRule {
  /** States the step may start from; any other is a CONFLICT. */
  from: DocumentState[];
  /** The state it leads to; null for steps that change data but not the state. */
  to: DocumentState | null;
}

/** THE transition table. Nothing else changes `Document.state`. */
export const WORKFLOW: Record<DocumentStep, StepRule> = {
  registerDraft: { from: ['DRAFT'], to: 'REGISTERED' },
  // From IN_PROGRESS this is forwarding (postoupení uvnitř úřadu): the new handler accepts again.
  assign: { from: ['REGISTERED', 'IN_PROGRESS'], to: 'ASSIGNED' },
  accept: { from: ['ASSIGNED'], to: 'IN_PROGRESS' },
  return: { from: ['ASSIGNED'], to: 'REGISTERED' },
  settle: { from: ['IN_PROGRESS'], to: 'SETTLED' },
  reopen: { from: ['SETTLED'], to: 'IN_PROGRESS' },
  close: { from: ['SETTLED'], to: 'CLOSED' },
  // Storno: only before anybody has handled the document; its number stays used.
  cancel: { from: ['REGISTERED'], to: 'CANCELLED' },
  closeWithCaseFile: { from: ['SETTLED'], to: 'CLOSED' },
  reopenWithCaseFile: { from: ['CLOSED'], to: 'SETTLED' },
  classify: { from: ['DRAFT', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'], to: null },
  // Kind, form and quantities (metadata.ts): until the document is closed, as for classification.
  describe: { from: ['DRAFT', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'], to: null },
  recordTrigger: { from: ['SETTLED', 'CLOSED'], to: null },
};

const STEP_NAMES: Record<DocumentStep, string> = {
  registerDraft: 'registered',
  assign: 'assigned',
  accept: 'accepted',
  return: 'returned',
  settle: 'settled',
  reopen: 'reopened',
  close: 'closed',
  cancel: 'cancelled',
  closeWithCaseFile: 'closed with its case file',
  reopenWithCaseFile: 'reopened with its case file',
  classify: 'classified',
  describe: 'described',
  recordTrigger: 'given a trigger event date',
};

export const isAllowedFrom = (step: DocumentStep, state: DocumentState) => WORKFLOW[step].from.includes(state);

/** CONFLICT naming the current state, unless `step` may start from it. */
export function assertAllowedFrom(step: DocumentStep, d: Pick<Document, 'state' | 'referenceNumber' | 'pid'>): void {
  if (!isAllowedFrom(step, d.state)) {
    throw conflict(
      `Document ${d.referenceNumber ?? d.pid} is ${d.state} and cannot be ${STEP_NAMES[step]} ` +
        `(only from ${WORKFLOW[step].from.join(', ')})`,
    );
  }
}

const isHandler = (caller: Caller, d: Document) => !!d.handlerId && d.handlerId === caller.userId;

/**
 * Who may take each step (domain.md §2 roles, §5.6), given that the step may start from the document's state.
 * The case file steps are the case file module's to authorise (it checks the case file's handler/unit).
 */
export const MAY: Record<DocumentStep, (caller: Caller, d: Document) => boolean> = {
  registerDraft: (c, d) => d.createdById === c.userId || hasRole(c, Role.RECORDS_MANAGER),
  assign: (c, d) =>
    (d.state === 'REGISTERED' && hasRole(c, Role.INTAKE_CLERK)) ||
    headsUnit(c, d.orgUnitId) ||
    (d.state === 'IN_PROGRESS' && isHandler(c, d)),
  // The named handler; without one, any case handler of the unit, or its head, takes it over.
  accept: (c, d) =>
    isHandler(c, d) ||
    (!d.handlerId && headsUnit(c, d.orgUnitId)) ||
    (!d.handlerId && !!d.orgUnitId && hasRole(c, Role.CASE_HANDLER) && c.orgUnitId === d.orgUnitId),
  return: (c, d) => isHandler(c, d) || headsUnit(c, d.orgUnitId),
  settle: (c, d) => isHandler(c, d) || headsUnit(c, d.orgUnitId),
  reopen: (c, d) => isHandler(c, d) || headsUnit(c, d.orgUnitId),
  close: (c, d) => isHandler(c, d) || headsUnit(c, d.orgUnitId),
  cancel: (c, d) => hasRole(c, Role.RECORDS_MANAGER) || (!!d.registeredById && d.registeredById === c.userId),
  closeWithCaseFile: () => true,
  reopenWithCaseFile: () => true,
  classify: (c, d) =>
    isHandler(c, d) ||
    headsUnit(c, d.orgUnitId) ||
    hasRole(c, Role.RECORDS_MANAGER) ||
    (d.state === 'REGISTERED' && hasRole(c, Role.INTAKE_CLERK)) ||
    (d.state === 'DRAFT' && d.createdById === c.userId),
  describe: (c, d) => MAY.classify(c, d),
  // The records office is the one reminded to check external events (kontrolní lhůta, domain.md §5.3), and
  // records managers keep retention: both enter trigger dates, not only the handler.
  recordTrigger: (c, d) =>
    isHandler(c, d) || headsUnit(c, d.orgUnitId) || hasRole(c, Role.RECORDS_OFFICER, Role.RECORDS_MANAGER),
};

const WHO: Record<DocumentStep, string> = {
  registerDraft: 'its author or a records manager',
  assign: 'the podatelna (registered documents), the head of its org unit, or its handler (forwarding)',
  accept: 'its handler, or (with no handler named) a case handler or the head of its org unit',
  return: 'its handler or the head of its org unit',
  settle: 'its handler or the head of its org unit',
  reopen: 'its handler or the head of its org unit',
  close: 'its handler or the head of its org unit',
  cancel: 'a records manager or whoever registered it',
  closeWithCaseFile: 'the case file module',
  reopenWithCaseFile: 'the case file module',
  classify:
    'its handler, the head of its org unit, a records manager, the podatelna (registered documents) or the author (drafts)',
  describe:
    'its handler, the head of its org unit, a records manager, the podatelna (registered documents) or the author (drafts)',
  recordTrigger: 'its handler, the head of its org unit, the records office or a records manager',
};

/**
 * The checks before any step, in this order: the caller must see the document (else NOT_FOUND, so its
 * existence is not revealed), the state must allow the step (CONFLICT: the caller sees the state anyway), and
 * the caller must be one who may take it (FORBIDDEN).
 */
export function guardStep(caller: Caller, step: DocumentStep, documentId: string, d: Document | null): Document {
  if (!d || !canSeeDocument(caller, d)) throw notFound('Document', documentId);
  assertAllowedFrom(step, d);
  if (!MAY[step](caller, d)) throw forbidden(`Only ${WHO[step]} may do this`);
  return d;
}
