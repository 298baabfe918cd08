import { EntitySchema, type EventArgs } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { foldForSearch } from './search';
import { deleteWordRows, insertWordRows, wordRows, type IndexedText } from './word-index';

/** RECEIVED: delivered to the municipality (doručený dokument); OWN: created by it (vlastní dokument). */
export type DocumentOrigin = 'RECEIVED' | 'OWN';

/** Workflow state (domain.md §4.1); changed only through the intent mutations. */
export type DocumentState =
  | 'DRAFT'
  | 'REGISTERED'
  | 'ASSIGNED'
  | 'IN_PROGRESS'
  | 'SETTLED'
  | 'CLOSED'
  | 'CANCELLED'
  // The records office (domain.md §4.1): handed over, taken over, lent. Archives moves the last three (kit records-office.ts).
  | 'HANDED_TO_RECORDS_OFFICE'
  | 'IN_RECORDS_OFFICE'
  | 'ON_LOAN'
  // Taken over by the archive (přejímka, TrP Prenos), with its case file or alone: final.
  | 'TRANSFERRED';

/** Forma dokumentu: digital, on paper (analogový), or both. */
export type DocumentForm = 'DIGITAL' | 'ANALOG' | 'HYBRID';

/** Způsob vyřízení (domain.md §2). */
export type SettlementMethod = 'BY_DOCUMENT' | 'FORWARDED' | 'ACKNOWLEDGED' | 'NOTE_ON_DOCUMENT' | 'OTHER';

/** A document: an entry of a register (podací deník), or an own draft not yet registered. Tenant-owned. */
export class Document {
  id!: string;
  municipalityId!: string;
  /** Unique identifier bound to the document for life (PID, jednoznačný identifikátor), see pid.ts. */
  pid!: string;
  registerId!: string;
  /** Reference number (číslo jednací, čj) or the separate register's number, e.g. `MBK 17/2026`; null for drafts. */
  referenceNumber!: string | null;
  /** Number within register and year (pořadové číslo), gapless from 1; null for drafts. */
  sequenceNumber!: number | null;
  /** Calendar year of the registration in Czech time: the year the number belongs to; null for drafts. */
  year!: number | null;
  subject!: string;
  /**
   * The subject folded to lower case without diacritics, for `subjectContains`. SQLite's LIKE folds ASCII
   * only (Ž ≠ ž) while MariaDB's unicode_ci collation folds case and accents; searching a folded copy with a
   * folded pattern gives the same answer on both.
   */
  subjectFolded!: string;
  origin!: DocumentOrigin;
  /** When a received document reached the municipality (doručení), to the second. */
  deliveredAt!: Date | null;
  /**
   * Sender (odesílatel) of a received document as registered: a snapshot of the party of the name register
   * (`senderPartyId`) at registration, which the register entry and the SIP show; all null for own documents.
   */
  senderName!: string | null;
  senderAddress!: string | null;
  senderDataBoxId!: string | null;
  senderIco!: string | null;
  /** The sender's own reference number (odesílatelovo evidenční číslo). */
  senderReferenceNumber!: string | null;
  /**
   * The sender in the name register (jmenný rejstřík, modules/parties). Nullable for own documents, and in the
   * database for rows older than the register, which the data upgrade links (`upgrade:name-register-1`).
   */
  senderPartyId!: string | null;
  /**
   * `senderName` folded like `subjectFolded`, for `senderContains`. Kept in step by the schema's create/update
   * hooks (below), so no write path has to remember it; `upgradeData` fills rows written before it existed.
   */
  senderFolded!: string | null;
  registeredAt!: Date | null;
  registeredById!: string | null;
  state!: DocumentState;
  /**
   * When and by whom the document was created (a draft, or at registration). Nullable in the database only
   * because SQLite cannot add a NOT NULL column to a table with rows; `upgradeData` fills older rows.
   */
  createdAt!: Date | null;
  createdById!: string | null;

  /** Assignment (předání): org unit and handler (zpracovatel). */
  orgUnitId!: string | null;
  handlerId!: string | null;
  assignedAt!: Date | null;

  /** Settlement (vyřízení). `settledOn` is a Europe/Prague calendar day, YYYY-MM-DD. */
  settlementMethod!: SettlementMethod | null;
  settledOn!: string | null;
  settlementContent!: string | null;
  settlementReason!: string | null;
  settledById!: string | null;
  settlementRecordedAt!: Date | null;

  closedAt!: Date | null;

  /** Cancellation (storno); the number stays used. */
  cancelReason!: string | null;
  cancelledAt!: Date | null;
  cancelledById!: string | null;

  /** Classification (věcná skupina) in the filing plan. */
  filingPlanNodeId!: string | null;
  /** The case file (spis) the document belongs to, and when it was put there (the order within the case file). */
  caseFileId!: string | null;
  caseFileInsertedAt!: Date | null;
  /** Date (YYYY-MM-DD) of an external trigger event, entered by a person. */
  triggerEventOn!: string | null;

  /**
   * Retention as computed by modules/retention (domain.md §5.3), stored so the records office's forecast can
   * query by year. Recomputed by every change that affects it (classification, settlement, trigger, reopen).
   */
  disposalCode!: 'A' | 'S' | 'V' | null;
  retentionYears!: number | null;
  disposalYear!: number | null;
  /**
   * Position in the records office's forecast (modules/retention/forecast-key.ts): the full filing code and the
   * reference number as one string whose plain order is their natural order, so the forecast pages on an index.
   * Stored with the retention by modules/retention/apply.ts; null while the document has no disposal year.
   */
  forecastKey!: string | null;
  /** The hand-over list (předávací seznam, itself a document) this document went to the records office with. */
  handOverListId!: string | null;

  /**
   * Metadata the archive's SIP needs (NSESSS `tEvidencniUdajeDokumentu`), captured where it arises. Document kind
   * (druh dokumentu, document-kinds/): null only while the municipality has no vocabulary.
   */
  kindId!: string | null;
  /** Forma: DIGITAL unless said otherwise (rows from before the column have DIGITAL: the hub held digital files only). */
  form!: DocumentForm;
  /** Sheets (počet listů), attachments (počet příloh) and their kind (druh příloh): required for ANALOG/HYBRID by settlement. */
  sheetCount!: number | null;
  attachmentCount!: number | null;
  attachmentKind!: string | null;
  /**
   * Author (autor, `tSubjektInterni`) of an own document, a snapshot taken at creation: the person may leave or
   * move, and the SIP needs who they were then. Null on received documents.
   */
  authorUserId!: string | null;
  authorName!: string | null;
  authorOrgUnitName!: string | null;
  /** Position (pracovní pozice); null while the hub keeps none for its users. */
  authorPosition!: string | null;
  /**
   * The disposal proposal (skartační návrh, archives') it is in, mirrored from archives' VlozeniDoSkartacnihoNavrhu /
   * VyjmutiZeSkartacnihoNavrhu (records-office/mirror.ts): while set, filing changes nothing of it.
   */
  disposalProposalId!: string | null;
}

function syncSenderFolded({ entity }: EventArgs<Document>): void {
  entity.senderFolded = entity.senderName ? foldForSearch(entity.senderName) : null;
}

/** What the word index was computed from: the row as loaded (the snapshot's dates may be strings or numbers). */
function indexedBefore({ entity, changeSet }: EventArgs<Document>): IndexedText {
  const before = (changeSet?.originalEntity ?? {}) as Partial<Record<keyof Document, unknown>>;
  const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string | number));
  const pick = <K extends keyof Document>(k: K) => (k in before ? before[k] : entity[k]) as Document[K];
  return {
    id: entity.id,
    municipalityId: pick('municipalityId'),
    subject: pick('subject'),
    senderName: pick('senderName'),
    createdAt: date(pick('createdAt')),
    registeredAt: date(pick('registeredAt')),
  };
}

/**
 * The word index (word-index.ts) kept by the flush itself, in its transaction: whichever service creates, changes
 * or removes a document, its words follow. One statement per created document, none for updates that leave subject,
 * sender and creation time alone.
 */
async function indexCreated({ entity, em }: EventArgs<Document>): Promise<void> {
  await insertWordRows(em as SqlEntityManager, wordRows(entity));
}
const INDEXED_FIELDS: (keyof Document)[] = ['subject', 'senderName', 'createdAt', 'registeredAt', 'municipalityId'];
async function reindexUpdated(args: EventArgs<Document>): Promise<void> {
  const payload = args.changeSet?.payload ?? {};
  if (!INDEXED_FIELDS.some((f) => f in payload)) return;
  await deleteWordRows(args.em as SqlEntityManager, wordRows(indexedBefore(args)));
  await insertWordRows(args.em as SqlEntityManager, wordRows(args.entity));
}
async function unindexDeleted(args: EventArgs<Document>): Promise<void> {
  await deleteWordRows(args.em as SqlEntityManager, wordRows(indexedBefore(args)));
}

export const DocumentSchema = new EntitySchema<Document>({
  class: Document,
  tableName: 'document',
  hooks: {
    beforeCreate: [syncSenderFolded],
    beforeUpdate: [syncSenderFolded],
    afterCreate: [indexCreated],
    afterUpdate: [reindexUpdated],
    afterDelete: [unindexDeleted],
  },
  // Also the podací deník (registerJournal): one register and year in number order, keyset by the number.
  uniques: [{ properties: ['registerId', 'year', 'sequenceNumber'] }],
  indexes: [
    // The list query: the tenant filter's equality, then newest first with the id as tie-breaker (keyset paging).
    { properties: ['municipalityId', 'createdAt', 'id'] },
    // The list of one year (filter.year): equality on the year, then the list order, so a search within a year
    // reads that year's rows only (a subject substring cannot use an index; see README, benchmarks).
    { properties: ['municipalityId', 'year', 'createdAt', 'id'] },
    // filter.senderDataBoxId: everything from one data box, newest first.
    { properties: ['municipalityId', 'senderDataBoxId', 'createdAt', 'id'] },
    // Registration time ranges (registeredFrom / registeredTo): the earliest creation among the documents registered
    // in a range, read from the index alone, bounds the list's scan (document-query.ts `creationBounds`).
    { properties: ['municipalityId', 'registeredAt', 'createdAt'] },
    // What a handler or unit head sees, and the queues, are ORs over these columns (visibility.ts, myQueue): with an
    // index per branch MariaDB answers them by index_merge (sort_union) instead of walking the municipality's whole
    // list; at volume a handler who sees few of Blansko's million documents went from 250 ms to 13 ms a page.
    { properties: ['municipalityId', 'handlerId', 'createdAt', 'id'] },
    { properties: ['municipalityId', 'createdById', 'createdAt', 'id'] },
    { properties: ['municipalityId', 'registeredById', 'createdAt', 'id'] },
    { properties: ['municipalityId', 'orgUnitId', 'createdAt', 'id'] },
    // The unit's open queue, { orgUnitId, handlerId: null }: equality on both, then the list order.
    { properties: ['municipalityId', 'orgUnitId', 'handlerId', 'createdAt', 'id'] },
    { properties: ['municipalityId', 'state', 'createdAt', 'id'] },
    { properties: ['caseFileId'] },
    { properties: ['handOverListId'] },
    // A party's documents (and the upgrade's "not yet linked").
    { properties: ['senderPartyId'] },
    // The records office's forecast: one year in forecast order, keyset by (forecastKey, id).
    { properties: ['municipalityId', 'disposalYear', 'forecastKey', 'id'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    pid: { type: 'string', length: 50, unique: true },
    registerId: { type: 'uuid' },
    referenceNumber: { type: 'string', length: 50, nullable: true },
    sequenceNumber: { type: 'integer', nullable: true },
    year: { type: 'integer', nullable: true },
    subject: { type: 'text' },
    subjectFolded: { type: 'text' },
    origin: { type: 'string', length: 10 },
    deliveredAt: { type: 'datetime', nullable: true },
    senderName: { type: 'string', length: 300, nullable: true },
    senderAddress: { type: 'string', length: 500, nullable: true },
    senderDataBoxId: { type: 'string', length: 7, nullable: true },
    senderIco: { type: 'string', length: 8, nullable: true },
    senderReferenceNumber: { type: 'string', length: 50, nullable: true },
    senderPartyId: { type: 'uuid', nullable: true },
    senderFolded: { type: 'string', length: 300, nullable: true },
    registeredAt: { type: 'datetime', length: 3, nullable: true },
    registeredById: { type: 'uuid', nullable: true },
    // A constant default, so databases that predate the workflow get a valid state for their rows.
    state: { type: 'string', length: 30, default: 'REGISTERED' },
    createdAt: { type: 'datetime', length: 3, nullable: true },
    createdById: { type: 'uuid', nullable: true },
    orgUnitId: { type: 'uuid', nullable: true },
    handlerId: { type: 'uuid', nullable: true },
    assignedAt: { type: 'datetime', length: 3, nullable: true },
    settlementMethod: { type: 'string', length: 20, nullable: true },
    settledOn: { type: 'string', length: 10, nullable: true },
    settlementContent: { type: 'text', nullable: true },
    settlementReason: { type: 'text', nullable: true },
    settledById: { type: 'uuid', nullable: true },
    settlementRecordedAt: { type: 'datetime', length: 3, nullable: true },
    closedAt: { type: 'datetime', length: 3, nullable: true },
    cancelReason: { type: 'text', nullable: true },
    cancelledAt: { type: 'datetime', length: 3, nullable: true },
    cancelledById: { type: 'uuid', nullable: true },
    filingPlanNodeId: { type: 'uuid', nullable: true },
    caseFileId: { type: 'uuid', nullable: true },
    handOverListId: { type: 'uuid', nullable: true },
    disposalProposalId: { type: 'uuid', nullable: true },
    caseFileInsertedAt: { type: 'datetime', length: 3, nullable: true },
    triggerEventOn: { type: 'string', length: 10, nullable: true },
    disposalCode: { type: 'string', length: 1, nullable: true },
    retentionYears: { type: 'integer', nullable: true },
    disposalYear: { type: 'integer', nullable: true },
    // 191 characters: an indexed utf8mb4 column stays within InnoDB's key length with the other columns.
    forecastKey: { type: 'string', length: 191, nullable: true },
    kindId: { type: 'uuid', nullable: true },
    form: { type: 'string', length: 10, default: 'DIGITAL' },
    sheetCount: { type: 'integer', nullable: true },
    attachmentCount: { type: 'integer', nullable: true },
    attachmentKind: { type: 'string', length: 200, nullable: true },
    authorUserId: { type: 'uuid', nullable: true },
    authorName: { type: 'string', length: 200, nullable: true },
    authorOrgUnitName: { type: 'string', length: 200, nullable: true },
    authorPosition: { type: 'string', length: 200, nullable: true },
  },
});
