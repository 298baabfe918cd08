import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, conflict, diff, inTransaction, nextInSeries, notFound, recordAudit, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { CreateDraftDocumentInput, RegisterDocumentInput } from '../../generated/graphql';
import { formatReferenceNumber, numberSeries, registrationYear } from '../registers/numbering';
import { generatePid } from '../registers/pid';
import { choosePartyInput, partyFromFlat, resolvePartyChoice } from '../parties/parties';
import type { Party, PartyKind } from '../parties/party.entity';
import { Register } from '../registers/register.entity';
import { findActiveMainRegister } from '../registers/registers';
import { Document } from './document.entity';
import { AUTHOR_FIELDS, METADATA_FIELDS, NO_AUTHOR, authorOf, newDocumentMetadata, validateMetadata } from './metadata';
import { foldForSearch } from './search';
import { runStep, type StepResult } from './steps';
import { validateRegistration, validateSubject, type RegistrationFields } from './validation';

/** Intake, case handlers (their own outgoing documents) and records managers register; tenant admins do not. */
export const REGISTERING_ROLES = [Role.INTAKE_CLERK, Role.CASE_HANDLER, Role.RECORDS_MANAGER];
/** Drafts (koncepty) are case handlers' own documents in preparation. */
export const DRAFTING_ROLES = [Role.CASE_HANDLER];

const AUDITED_FIELDS: (keyof Document)[] = [
  'pid',
  'registerId',
  'referenceNumber',
  'sequenceNumber',
  'year',
  'subject',
  'origin',
  'deliveredAt',
  'senderName',
  'senderAddress',
  'senderDataBoxId',
  'senderIco',
  'senderPartyId',
  'senderReferenceNumber',
  'registeredAt',
  'state',
  ...METADATA_FIELDS,
  ...AUTHOR_FIELDS,
];
/** What a draft has when it is created. */
const DRAFT_FIELDS: (keyof Document)[] = [
  'pid',
  'registerId',
  'subject',
  'origin',
  'state',
  'createdAt',
  'createdById',
  ...METADATA_FIELDS,
  ...AUTHOR_FIELDS,
];
/** What a number gives a document (`NumberFields`), audited when a draft gets its čj (with the state). */
const NUMBER_FIELDS: (keyof Document)[] = [
  'referenceNumber',
  'sequenceNumber',
  'year',
  'registeredAt',
  'registeredById',
];
const PID_ATTEMPTS = 5;

export type RegistrationResult = StepResult;

/** The register a document goes into: the one asked for, or the municipality's active MAIN register. */
async function targetRegister(em: SqlEntityManager, registerId: string | null | undefined): Promise<Register> {
  if (registerId) {
    // The tenant filter hides other municipalities' registers: they are "not found", like unknown ids.
    const register = await em.findOne(Register, { id: registerId });
    if (!register) throw notFound('Register', registerId);
    if (!register.active) throw conflict(`Register ${register.name} is closed and takes no new documents`);
    return register;
  }
  const main = await findActiveMainRegister(em);
  if (!main) throw conflict('The municipality has no active main register; name a registerId or create one');
  return main;
}

/** The municipality's abbreviation for the PID: the prefix of its MAIN register. */
async function pidAbbreviation(em: SqlEntityManager, register: Register): Promise<string> {
  if (register.kind === 'MAIN') return register.referencePrefix;
  const main = await findActiveMainRegister(em);
  if (!main) throw conflict('The municipality has no active main register, whose prefix the PID needs');
  return main.referencePrefix;
}

/**
 * The PID index in the driver's words (MariaDB names the key, SQLite the column). The message also quotes the
 * whole INSERT, which names every column, so matching just "pid" would take any duplicate for a PID collision.
 */
const PID_INDEX = /\bdocument_pid_unique\b|constraint failed: document\.pid\b/;
const isPidCollision = (e: unknown) => e instanceof UniqueConstraintViolationException && PID_INDEX.test(e.message);

/**
 * Inserts the document under a fresh PID, and under another one if the first is taken. Each attempt runs in
 * a savepoint so a collision undoes only that insert, not the number already allocated in `tx`.
 */
/** Metadata a caller of `insertWithUniquePid` may leave out: the municipality's default kind, DIGITAL, no author. */
type DefaultedFields =
  | 'kindId'
  | 'form'
  | 'sheetCount'
  | 'attachmentCount'
  | 'attachmentKind'
  | 'authorUserId'
  | 'authorName'
  | 'authorOrgUnitName'
  | 'authorPosition';
export type NewDocumentFields = Omit<Document, 'pid' | 'senderFolded' | DefaultedFields> &
  Partial<Pick<Document, DefaultedFields>>;

export async function insertWithUniquePid(
  tx: SqlEntityManager,
  nextPid: () => string,
  // senderFolded: set from senderName by the schema's hooks.
  fields: NewDocumentFields,
): Promise<Document> {
  const metadata = fields.kindId === undefined || fields.form === undefined ? await newDocumentMetadata(tx, {}) : null;
  const complete = {
    ...metadata,
    ...NO_AUTHOR,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  } as Omit<Document, 'pid' | 'senderFolded'>;
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transactional(async (savepoint) => {
        const document = savepoint.create(Document, { ...complete, pid: nextPid() });
        await savepoint.flush();
        return document;
      });
    } catch (e) {
      if (attempt >= PID_ATTEMPTS || !isPidCollision(e)) throw e;
    }
  }
}

/** Everything the handling workflow fills in later: empty on a new document, registered or draft. */
export function notYetHandled() {
  return {
    orgUnitId: null,
    handlerId: null,
    assignedAt: null,
    settlementMethod: null,
    settledOn: null,
    settlementContent: null,
    settlementReason: null,
    settledById: null,
    settlementRecordedAt: null,
    closedAt: null,
    cancelReason: null,
    cancelledAt: null,
    cancelledById: null,
    filingPlanNodeId: null,
    caseFileId: null,
    caseFileInsertedAt: null,
    triggerEventOn: null,
    disposalCode: null,
    retentionYears: null,
    disposalYear: null,
    forecastKey: null,
    handOverListId: null,
    disposalProposalId: null,
  } satisfies Partial<Document>;
}

type NumberFields = Pick<Document, 'referenceNumber' | 'sequenceNumber' | 'year' | 'registeredAt' | 'registeredById'>;

/**
 * THE numbering of both ways to a number (`registerDocument`, `registerDraft`): the next number of
 * (register, Czech year of `now`), gapless because it commits or rolls back with `tx` (kit counters.ts). Its
 * upsert takes the series' row lock, so concurrent registrations queue here; call it before anything else
 * is written in `tx`. `caller` null: registered by the system (the log's daily renditions, audit-log/rendition.ts).
 */
export async function allocateNumber(
  tx: SqlEntityManager,
  caller: TenantCaller | null,
  register: Register,
  now: Date,
): Promise<NumberFields> {
  const year = registrationYear(now);
  const sequenceNumber = await nextInSeries(tx, numberSeries(register.id, year));
  return {
    referenceNumber: formatReferenceNumber(register, sequenceNumber, year),
    sequenceNumber,
    year,
    registeredAt: now,
    registeredById: caller?.userId ?? null,
  };
}

/** The audit event of a new document (registered or draft): all it was created with. */
async function recordCreation(
  tx: SqlEntityManager,
  caller: TenantCaller,
  document: Document,
  fields: (keyof Document)[],
  description: string,
): Promise<StepResult> {
  const event = await recordAudit(tx, caller, {
    municipalityId: caller.municipalityId,
    eventType: 'Zalozeni',
    objectType: 'Dokument',
    objectId: document.id,
    description,
    changes: diff({}, document, fields),
  });
  return { document, auditEventId: event.id };
}

/**
 * The register entry's sender columns: what a flat sender said (the document's own words, even when the name register
 * knows the party by another name), else the party as it is now. Either way a snapshot that later edits of the
 * party do not change.
 */
function senderSnapshot(flat: RegistrationFields['sender'], party: Party | null) {
  if (flat)
    return { senderName: flat.name, senderAddress: flat.address, senderDataBoxId: flat.dataBoxId, senderIco: flat.ico };
  return {
    senderName: party?.name ?? null,
    senderAddress: party?.address ?? null,
    senderDataBoxId: party?.dataBoxId ?? null,
    senderIco: party?.ico ?? null,
  };
}

/** What intake knows about a sender beyond the input: its kind (ISDS's sender type) for a party added to the register. */
export interface RegistrationOptions {
  senderKind?: PartyKind | null;
  /** The caller's org unit's name for the author of an own document (the resolver asks the municipalities subgraph). */
  authorOrgUnitName?: string | null;
}

/**
 * `registerDocument` (domain.md §5.1): validates, then in one transaction allocates the next number of
 * (register, year), finds or adds the sender in the name register (modules/parties), stores the entry with its
 * PID and writes the audit event, so all of it commits together or not at all. `now` is the registration time;
 * its Czech calendar year picks the number series.
 */
export async function registerDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: RegisterDocumentInput,
  now: Date,
  options: RegistrationOptions = {},
): Promise<RegistrationResult> {
  const fields = validateRegistration(input, now);
  // Checked before the transaction, so a bad party writes nothing (not even a number).
  const senderChoice =
    fields.origin === 'RECEIVED'
      ? choosePartyInput(
          'sender',
          {
            flat: fields.sender,
            flatFields: fields.sender ? partyFromFlat(fields.sender, options.senderKind) : null,
            party: input.senderParty,
            partyId: input.senderPartyId,
          },
          now,
        )
      : null;
  const metadata = validateMetadata(input);
  const register = await targetRegister(em, input.registerId);
  const abbreviation = await pidAbbreviation(em, register);

  return inTransaction(em, async (tx) => {
    const number = await allocateNumber(tx, caller, register, now);
    // After the number (counters first), before the document: a new party's `Zalozeni` precedes the registration.
    const sender = senderChoice ? await resolvePartyChoice(tx, caller, senderChoice, 'INTAKE', now) : null;
    const document = await insertWithUniquePid(tx, () => generatePid(abbreviation), {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      registerId: register.id,
      state: 'REGISTERED',
      ...number,
      subject: fields.subject,
      subjectFolded: foldForSearch(fields.subject),
      origin: fields.origin,
      deliveredAt: fields.deliveredAt,
      ...senderSnapshot(fields.sender, sender),
      senderPartyId: sender?.id ?? null,
      senderReferenceNumber: fields.senderReferenceNumber,
      createdAt: now,
      createdById: caller.userId,
      ...notYetHandled(),
      ...(await newDocumentMetadata(tx, metadata)),
      ...(fields.origin === 'OWN' ? authorOf(caller, options.authorOrgUnitName ?? null) : NO_AUTHOR),
    });
    return recordCreation(tx, caller, document, AUDITED_FIELDS, `Document ${document.referenceNumber} registered`);
  });
}

/**
 * `createDraftDocument`: an own document in preparation (koncept, domain.md §4.1 DRAFT). It gets its PID now,
 * for life, but no number: the number series must stay gapless, and a draft may never be sent.
 */
export async function createDraftDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateDraftDocumentInput,
  now: Date,
  authorOrgUnitName: string | null = null,
): Promise<StepResult> {
  const subject = validateSubject(input.subject);
  const metadata = validateMetadata(input);
  const register = await targetRegister(em, input.registerId);
  const abbreviation = await pidAbbreviation(em, register);

  return inTransaction(em, async (tx) => {
    const document = await insertWithUniquePid(tx, () => generatePid(abbreviation), {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      registerId: register.id,
      state: 'DRAFT',
      referenceNumber: null,
      sequenceNumber: null,
      year: null,
      registeredAt: null,
      registeredById: null,
      ...ownDocumentContent(subject),
      createdAt: now,
      createdById: caller.userId,
      ...notYetHandled(),
      ...(await newDocumentMetadata(tx, metadata)),
      ...authorOf(caller, authorOrgUnitName),
    });
    return recordCreation(tx, caller, document, DRAFT_FIELDS, `Draft ${document.pid} created`);
  });
}

/**
 * `registerDraft` (DRAFT → REGISTERED): the draft gets the next number of its register's series for the year
 * of `now`, exactly as a new registration would (same `allocateNumber`), and the event `PripojeniCJ` (the čj
 * is attached to the draft). The draft's row is locked first and the series second, the same order for every
 * caller, so two attempts on one draft queue instead of deadlocking.
 */
export async function registerDraft(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  now: Date,
): Promise<StepResult> {
  return runStep(em, caller, 'registerDraft', documentId, async (tx, draft) => {
    const register = await targetRegister(tx, draft.registerId);
    Object.assign(draft, await allocateNumber(tx, caller, register, now));
    return {
      eventType: 'PripojeniCJ',
      description: `Draft ${draft.pid} registered as ${draft.referenceNumber}`,
      fields: NUMBER_FIELDS,
    };
  });
}

/** The content fields of an own document (vlastní dokument): its subject, and no sender. */
export function ownDocumentContent(subject: string) {
  return {
    subject,
    subjectFolded: foldForSearch(subject),
    origin: 'OWN' as const,
    deliveredAt: null,
    senderName: null,
    senderAddress: null,
    senderDataBoxId: null,
    senderIco: null,
    senderReferenceNumber: null,
    senderPartyId: null,
  };
}
