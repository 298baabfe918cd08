import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Archive as ArchiveModel } from '../modules/archives/archive.entity';
import type { DisposalHold as DisposalHoldModel } from '../modules/disposal-holds/disposal-hold.entity';
import type { StorageUnit as StorageUnitModel } from '../modules/records-office/storage-unit.entity';
import type { RecordsOfficeItem as RecordsOfficeItemModel } from '../modules/records-office/records-office-item.entity';
import type { InventoryPage as InventoryPageModel } from '../modules/records-office/inventory';
import type { Loan as LoanModel } from '../modules/records-office/loan.entity';
import type { DisposalProposal as DisposalProposalModel, DisposalProposalEntry as DisposalProposalEntryModel } from '../modules/disposal/disposal-proposal.entity';
import type { Candidate as CandidateModel } from '../modules/disposal/proposal';
import type { DestructionResult as DestructionResultModel, DestructionSkip as DestructionSkipModel } from '../modules/disposal/destruction';
import type { BackupSet as BackupSetModel } from '../modules/backup-sets/backup-set.entity';
import type { RetentionView as RetentionViewModel } from '../modules/backup-sets/backup-sets';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { ArchivesContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, ISO 8601 with a time zone, e.g. 2026-03-02T09:15:00+01:00 */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An archive institution (e.g. SOkA Blansko of the Moravian Land Archive). */
export type Archive = {
  __typename?: 'Archive';
  /** Short name, e.g. SOkA Blansko. */
  abbreviation: Scalars['String']['output'];
  /** Postal address in one line. */
  address: Scalars['String']['output'];
  /** The archive's data-box id (ID DS), 7 characters, e.g. `p8caixb`; where disposal proposals are sent. */
  dataBoxId: Scalars['String']['output'];
  /** Contact e-mail, when known. */
  email: Maybe<Scalars['String']['output']>;
  /** IČO of the archive: 8 digits. */
  ico: Scalars['String']['output'];
  /** Opaque id of the archive; what `Municipality.competentArchive` points to. */
  id: Scalars['ID']['output'];
  /** Full name, e.g. Moravský zemský archiv v Brně, Státní okresní archiv Blansko. */
  name: Scalars['String']['output'];
};

/** A changed value in an audit event (old and new). */
export type AuditChange = {
  __typename?: 'AuditChange';
  /** Name of the changed field, e.g. `title`. */
  name: Scalars['String']['output'];
  /** The value after, as text (instants in ISO 8601); null when removed. */
  new: Maybe<Scalars['String']['output']>;
  /** The value before, as text (instants in ISO 8601); null when there was none. */
  old: Maybe<Scalars['String']['output']>;
};

/** One event of the transaction log (transakční protokol). */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** Who did it (`provedlKdo`); null for the system. */
  actor: Maybe<User>;
  /** Login of the user who did it, or `system`. */
  actorLogin: Scalars['String']['output'];
  /** The values that changed, old and new; empty when the event changes no field (e.g. Zobrazeni). */
  changes: Array<AuditChange>;
  /** Free-text note written with the event, if any. */
  description: Maybe<Scalars['String']['output']>;
  /** Event type as in NSESSS TrP `TypUdalostiId`, e.g. Zalozeni, Uprava. */
  eventType: Scalars['String']['output'];
  /** Opaque id (UUID) of the event. */
  id: Scalars['ID']['output'];
  /** Id of the object the event is about. */
  objectId: Scalars['ID']['output'];
  /** Object type as in NSESSS TrP `TypObjektuId`, e.g. Dokument. */
  objectType: Scalars['String']['output'];
  /** When the change was committed. */
  occurredAt: Scalars['DateTime']['output'];
  /** Position in the municipality's log of the subgraph that wrote it (`Poradi`). */
  sequence: Scalars['Int']['output'];
  /** The subgraph that wrote the event. */
  source: Scalars['String']['output'];
};

/** The audit trail of one object, merged across subgraphs by the filing subgraph. */
export type AuditTrail = {
  __typename?: 'AuditTrail';
  /** Events the archives subgraph wrote about the object (internal, merged into `events`). */
  archivesEvents: Array<AuditEvent>;
  /** Id of the object whose events these are. */
  objectId: Scalars['ID']['output'];
};

/**
 * A backup set (záložní sada) of a backup-only municipality: a file its own records system made, uploaded by its
 * backup client (`POST /backup-sets?name=…` on the gateway, streamed) and downloaded the same way
 * (`GET /downloads/backup-set?id=…`). Only the municipality's BACKUP_CLIENT sees its sets; nobody else, the platform
 * admin included.
 */
export type BackupSet = {
  __typename?: 'BackupSet';
  /** When the upload finished. */
  createdAt: Scalars['DateTime']['output'];
  /** When the age rule (retentionDays) lets it go; null when no age rule is set. A keepLast rule may keep it longer. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Opaque id (UUID) of the set; what `GET /downloads/backup-set?id=…` takes. */
  id: Scalars['ID']['output'];
  /** The client's name for the set, 1–200 characters. */
  name: Scalars['String']['output'];
  /** SHA-256 (hex) of the bytes, computed while they were uploaded. */
  sha256: Scalars['String']['output'];
  /** Bytes. */
  size: Scalars['Float']['output'];
  /** The backup client that uploaded it. */
  uploadedBy: User;
};

/**
 * The municipality's retention of its backup sets, as the client set it, and how much of its quota they take. A set
 * is kept while any rule keeps it (among the newest `keepLast`, or younger than `retentionDays`); with no rule, sets
 * never expire. An hourly job removes the rest.
 */
export type BackupSetRetention = {
  __typename?: 'BackupSetRetention';
  /** Count rule: the newest this many sets are kept (1–10000); null: no count rule. */
  keepLast: Maybe<Scalars['Int']['output']>;
  /** HUB_BACKUP_SET_QUOTA_BYTES: the most they may take (an upload past it is refused: 413 QUOTA_EXCEEDED). */
  quotaBytes: Scalars['Float']['output'];
  /** Age rule: sets younger than this many days are kept (1–3650); null: no age rule. */
  retentionDays: Maybe<Scalars['Int']['output']>;
  /** Bytes the municipality's sets take. */
  usedBytes: Scalars['Float']['output'];
};

export type CaseFile = {
  __typename?: 'CaseFile';
  /** Disposal holds on the case file itself, newest first (holds on its documents: Document.disposalHolds, RecordsOfficeItem.disposalHolds). */
  disposalHolds: Array<DisposalHold>;
  /** Opaque id (UUID) of the case file. */
  id: Scalars['ID']['output'];
  /** The records office's record of the case file, once taken over; null otherwise. */
  recordsOfficeItem: Maybe<RecordsOfficeItem>;
};


export type CaseFileDisposalHoldsArgs = {
  includeReleased?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Input of createStorageUnit. */
export type CreateStorageUnitInput = {
  /** What kind of unit it is; a unit lies only in a larger kind (CONFLICT otherwise). */
  kind: StorageUnitKind;
  /** Name, 1–200 characters, unique in its parent (CONFLICT otherwise). */
  name: Scalars['String']['input'];
  /** The larger unit it lies in; none for a building. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** What one destroyDisposedEntities call did. */
export type DestructionResult = {
  __typename?: 'DestructionResult';
  /** Destroyed now (Zniceni): filing reduces each to its tombstone and erases its bytes when the events reach its log. */
  destroyed: Array<DisposalProposalEntry>;
  /** The destruction record (záznam o zničení), filed by filing under this id about a second later; null when nothing was destroyed. */
  destructionRecord: Maybe<Document>;
  /** The proposal, after the call. */
  proposal: DisposalProposal;
  /** Approved for destruction but left alone this time, with why. */
  skipped: Array<DestructionSkip>;
};

/** An entity approved for destruction that a destroyDisposedEntities call left alone, and why. */
export type DestructionSkip = {
  __typename?: 'DestructionSkip';
  /** The case file or document. */
  item: RecordsOfficeItem;
  /** Its PID (jednoznačný identifikátor). */
  pid: Scalars['String']['output'];
  /** What kept it; a later call destroys it once these are gone. */
  reasons: Array<DestructionSkipReason>;
};

/** Why destroyDisposedEntities left an entity approved for destruction alone; a later call destroys it once free. */
export type DestructionSkipReason =
  /** An active disposal hold on it (or on a document of the case file): a hold placed after the decision stops its destruction. */
  | 'DISPOSAL_HOLD'
  /** It is not in the records office (returned, or transferred or destroyed already). */
  | 'NOT_IN_RECORDS_OFFICE'
  /** It is lent out. */
  | 'ON_LOAN';

/** What keeps an entity in the records office: it may not be returned, proposed for disposal or destroyed. */
export type DisposalBlock =
  /** An active disposal hold on it (or on a document of the case file). */
  | 'DISPOSAL_HOLD'
  /** It is lent out. */
  | 'ON_LOAN';

/** A due entity not in the proposal, and why (no blocks: it may be added). */
export type DisposalCandidate = {
  __typename?: 'DisposalCandidate';
  /** What keeps it out; empty when it may be added (addToDisposalProposal). */
  blocks: Array<ProposalBlock>;
  /** The due case file or document. */
  item: RecordsOfficeItem;
  /** Filing's unmet readiness rules when blocked by METADATA_INCOMPLETE. */
  problems: Array<ReadinessProblem>;
};

/** The archive's decision on an entity (nsesss-DA Operace: vybrat za archiválii / zničit). */
export type DisposalDecision =
  /** May be destroyed (zničit). */
  | 'DESTROY'
  /** Selected as an archival record (výběr archiválií): to be transferred to the archive. */
  | 'KEEP_AS_ARCHIVAL_RECORD';

/**
 * A disposal hold (pozastavení skartační operace) on a document or a case file: while active, the entity may not be
 * destroyed, transferred, or returned out of the records office (a hold on a document also holds its case file).
 * Owned by archives; documents and case files are filing's.
 */
export type DisposalHold = {
  __typename?: 'DisposalHold';
  /** True until released. */
  active: Scalars['Boolean']['output'];
  /** The held case file, or null for a hold on a document. */
  caseFile: Maybe<CaseFile>;
  /** The held document, or null for a hold on a case file. */
  document: Maybe<Document>;
  /** Opaque id (UUID) of the hold. */
  id: Scalars['ID']['output'];
  /** When it was placed (TrP PozastaveniSkartacniOperace). */
  placedAt: Scalars['DateTime']['output'];
  /** The records officer or manager who placed it. */
  placedBy: User;
  /** Why it was placed (e.g. a court case, an inspection); 1–2000 characters. */
  reason: Scalars['String']['output'];
  /** Why it was released; null while active. */
  releaseReason: Maybe<Scalars['String']['output']>;
  /** When it was released; null while active. */
  releasedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who released it; null while active. */
  releasedBy: Maybe<User>;
};

/**
 * A disposal proposal (skartační návrh) of the municipality for a year: what the records office sends to the archive.
 * At most one per municipality is OPEN or SUBMITTED; its entities may then not leave the records office or be lent.
 */
export type DisposalProposal = {
  __typename?: 'DisposalProposal';
  /** How the proposal was built from the due entities (null for proposals opened before builds existed). */
  build: Maybe<DisposalProposalBuild>;
  /** When it was opened. */
  createdAt: Scalars['DateTime']['output'];
  /** The records officer who opened it. */
  createdBy: User;
  /** When the archive's decision was imported; null before. */
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who imported the decision; null before. */
  decidedBy: Maybe<User>;
  /** The archive's Seznam ID, once decided. */
  decisionListId: Maybe<Scalars['String']['output']>;
  /** The proposal as a document of the main register (filing's), filed when the submit reaches the log. */
  document: Maybe<Document>;
  /** The case files and documents in it, with the archive's decision once imported. */
  entries: Array<DisposalProposalEntry>;
  /** Opaque id (UUID) of the proposal. */
  id: Scalars['ID']['output'];
  /** The filed document's reference number (čj), from filing; null until it is filed. */
  referenceNumber: Maybe<Scalars['String']['output']>;
  /** Where the proposal is. */
  state: DisposalProposalState;
  /** When it was submitted to the archive; null before. */
  submittedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who submitted it; null before. */
  submittedBy: Maybe<User>;
  /** The year it is for: entities whose disposal year is this one or earlier (1990–2200). */
  year: Scalars['Int']['output'];
};

/**
 * The build of a proposal: opening it queues every due entity, and a background job (once per deployment, resumable
 * after a restart) puts them in batch by batch; small proposals finish within the opening request.
 */
export type DisposalProposalBuild = {
  __typename?: 'DisposalProposalBuild';
  /** Left out for a block (disposalCandidates says which). */
  blocked: Scalars['Int']['output'];
  /** When the proposal became OPEN; null while BUILDING. */
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** Gone through so far (proposed + blocked). */
  processed: Scalars['Int']['output'];
  /** Put in the proposal. */
  proposed: Scalars['Int']['output'];
  /** When the build started (the proposal was opened). */
  startedAt: Scalars['DateTime']['output'];
  /** Due entities found when the proposal was opened. */
  total: Scalars['Int']['output'];
};

/** A case file or lone document in a proposal, with the archive's decision (skartační řízení) once imported. */
export type DisposalProposalEntry = {
  __typename?: 'DisposalProposalEntry';
  /** When it was put in the proposal. */
  addedAt: Scalars['DateTime']['output'];
  /** Who put it in (the build's opener, or who added it). */
  addedBy: User;
  /** Posuzovatel: the municipality's person answerable for the selection (spisový řád), not the archive; the importing officer unless given. */
  assessor: Maybe<Scalars['String']['output']>;
  /** What blocks it now (e.g. a hold placed after it was proposed); empty when nothing does. */
  blocks: Array<ProposalBlock>;
  /** The archive's decision; null until imported. */
  decision: Maybe<DisposalDecision>;
  /** YYYY-MM-DD of the skartační řízení. */
  decisionDate: Maybe<Scalars['String']['output']>;
  /** When it was destroyed (Zniceni). */
  destroyedAt: Maybe<Scalars['DateTime']['output']>;
  /** The case file or document. */
  item: RecordsOfficeItem;
  /** The PID the archive's Seznam names it by. */
  pid: Scalars['String']['output'];
  /** The decision's reasoning (odůvodnění), if given at import; up to 2000 characters. */
  reasoning: Maybe<Scalars['String']['output']>;
  /** When the archive confirmed it took the kept record over (recordTransferConfirmation; TrP Prenos). */
  transferConfirmedAt: Maybe<Scalars['DateTime']['output']>;
  /**
   * Kept records (KEEP_AS_ARCHIVAL_RECORD) only: the transfer SIP (přejímka, with components and the SkartacniRizeni)
   * to download through the gateway and upload to the archive's portal; filing's /exports/sip, profile components.
   */
  transferPackagePath: Maybe<Scalars['String']['output']>;
};

/** Where a disposal proposal (skartační návrh) is in the skartační řízení. */
export type DisposalProposalState =
  /** Opened; a background job still puts the due entities in (see DisposalProposal.build). Not yet changeable. */
  | 'BUILDING'
  /** Every entity is done: the kept ones transferred to the archive (confirmed), the others destroyed. */
  | 'COMPLETED'
  /** The archive's decision (its Seznam) is imported; transfers and destruction follow. */
  | 'DECIDED'
  /** The records office fills it. */
  | 'OPEN'
  /** Sent to the archive for its skartační řízení. */
  | 'SUBMITTED';

export type Document = {
  __typename?: 'Document';
  /** Disposal holds on the document, newest first. */
  disposalHolds: Array<DisposalHold>;
  /** Opaque id (UUID) of the document. */
  id: Scalars['ID']['output'];
  /** The records office's record of the document (outside case files), once taken over; null otherwise. */
  recordsOfficeItem: Maybe<RecordsOfficeItem>;
};


export type DocumentDisposalHoldsArgs = {
  includeReleased?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Input of lendFromRecordsOffice. */
export type LendInput = {
  /** A user of the municipality … (exactly one of borrowerId and borrowerName) */
  borrowerId?: InputMaybe<Scalars['ID']['input']>;
  /** … or an outside body, e.g. Okresní soud v Blansku. */
  borrowerName?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD, today or later. */
  dueOn: Scalars['String']['input'];
  /** The case file's or document's id. */
  entityId: Scalars['ID']['input'];
  /** Why it is lent; optional, up to 2000 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** A loan (výpůjčka) from the records office, to a user or to an outside body. */
export type Loan = {
  __typename?: 'Loan';
  /** The borrowing user, or null for an outside body. */
  borrower: Maybe<User>;
  /** The outside body (e.g. a court), or null for a user. */
  borrowerName: Maybe<Scalars['String']['output']>;
  /** Due back by this day (YYYY-MM-DD, Czech calendar). */
  dueOn: Scalars['String']['output'];
  /** Opaque id (UUID) of the loan. */
  id: Scalars['ID']['output'];
  /** The case file or document lent. */
  item: RecordsOfficeItem;
  /** When it was lent. */
  lentAt: Scalars['DateTime']['output'];
  /** The records officer who lent it. */
  lentBy: User;
  /** Not returned and due before today. */
  overdue: Scalars['Boolean']['output'];
  /** Why it was lent, if given; up to 2000 characters. */
  reason: Maybe<Scalars['String']['output']>;
  /** When it came back; null while out. */
  returnedAt: Maybe<Scalars['DateTime']['output']>;
  /** The records officer who took it back; null while out. */
  returnedBy: Maybe<User>;
};

/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Records officers: into the open proposal, under the same rules. */
  addToDisposalProposal: DisposalProposal;
  /** Records officers: a building, room, shelf or box (TrP Zalozeni of an UkladaciJednotka). */
  createStorageUnit: StorageUnit;
  /** The backup client: deletes one of its sets (logged as Zruseni). */
  deleteBackupSet: BackupSet;
  /**
   * Records officers: destroys what the archive approved for destruction in a DECIDED proposal (Zniceni each, with the
   * protocol's reference, e.g. the archive's čj); CONFLICT while a kept record's transfer is unconfirmed. Held or lent
   * entities are skipped with their reasons.
   */
  destroyDisposedEntities: DestructionResult;
  /**
   * Records officers: the archive's Seznam (nsesss-DA.xsd) deciding a submitted proposal. Refused whole (BAD_USER_INPUT,
   * extensions.problems) when it does not fit the proposal; a second import is CONFLICT.
   */
  importDisposalDecision: DisposalProposal;
  /** Records officers: lend to a user or an outside body until a day. */
  lendFromRecordsOffice: Loan;
  /** Records officers: opens the proposal for a year with all due, unblocked entities (VlozeniDoSkartacnihoNavrhu each); one open or submitted at a time. */
  openDisposalProposal: DisposalProposal;
  /** Records officers and managers, own municipality's documents or case files: exactly one of documentId and caseFileId. */
  placeDisposalHold: DisposalHold;
  /** Records officers: into a storage unit (VlozeniDoUkladaciJednotky; out of the previous one first), with the quantity of analog records. */
  placeInStorageUnit: RecordsOfficeItem;
  /**
   * Records officers: the archive's confirmation of a transfer (přejímka), a Seznam (nsesss-DA.xsd) of the accepted
   * entities with their IdentifikatorDA, for a DECIDED proposal (else CONFLICT); several may come, each for some of the
   * kept entities. Each named one becomes TRANSFERRED (TrP Prenos). Refused whole (BAD_USER_INPUT) with a code per
   * entity in extensions.problems: UNKNOWN_IDENTIFIER, NOT_IN_PROPOSAL, NOT_KEPT, ALREADY_TRANSFERRED,
   * NOT_IN_RECORDS_OFFICE, NAMED_TWICE, NO_ARCHIVE_IDENTIFIER.
   */
  recordTransferConfirmation: DisposalProposal;
  /** A reason is required; logged as ZruseniPozastaveniSkartacniOperace. */
  releaseDisposalHold: DisposalHold;
  /** Records officers: out of the open proposal (VyjmutiZeSkartacnihoNavrhu), with a reason. */
  removeFromDisposalProposal: DisposalProposal;
  /** Records officers: VyjmutiZUkladaciJednotky. */
  removeFromStorageUnit: RecordsOfficeItem;
  /** Records officers: VraceniZeSpisovny, back to the office as CLOSED; refused while lent or held (CONFLICT). */
  returnFromRecordsOffice: RecordsOfficeItem;
  /** Records officers: the lent entity is back. */
  returnLoan: Loan;
  /** The backup client: replaces both rules (null: that rule keeps nothing); retentionDays 1–3650, keepLast 1–10000. */
  setBackupSetRetention: BackupSetRetention;
  /** Records officers: OPEN → SUBMITTED, sent to the archive. */
  submitDisposalProposal: DisposalProposal;
  /** Records officers: převzetí do spisovny of a whole hand-over list (TrP PrevzetiNaSpisovnu on each entity). */
  takeOverHandOverList: Array<RecordsOfficeItem>;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationAddToDisposalProposalArgs = {
  entityId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateStorageUnitArgs = {
  input: CreateStorageUnitInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDeleteBackupSetArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDestroyDisposedEntitiesArgs = {
  proposalId: Scalars['ID']['input'];
  protocolReference: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationImportDisposalDecisionArgs = {
  assessor?: InputMaybe<Scalars['String']['input']>;
  proposalId: Scalars['ID']['input'];
  reasoning?: InputMaybe<Scalars['String']['input']>;
  xml: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationLendFromRecordsOfficeArgs = {
  input: LendInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationOpenDisposalProposalArgs = {
  year: Scalars['Int']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationPlaceDisposalHoldArgs = {
  caseFileId?: InputMaybe<Scalars['ID']['input']>;
  documentId?: InputMaybe<Scalars['ID']['input']>;
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationPlaceInStorageUnitArgs = {
  entityId: Scalars['ID']['input'];
  quantity?: InputMaybe<Scalars['String']['input']>;
  storageUnitId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRecordTransferConfirmationArgs = {
  proposalId: Scalars['ID']['input'];
  xml: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReleaseDisposalHoldArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRemoveFromDisposalProposalArgs = {
  entityId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRemoveFromStorageUnitArgs = {
  entityId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReturnFromRecordsOfficeArgs = {
  entityId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReturnLoanArgs = {
  entityId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationSetBackupSetRetentionArgs = {
  keepLast?: InputMaybe<Scalars['Int']['input']>;
  retentionDays?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationSubmitDisposalProposalArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationTakeOverHandOverListArgs = {
  handOverListId: Scalars['ID']['input'];
};

/** Position of a page in a list (Relay connection). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page; null for an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when items follow this page (ask again with `after: endCursor`). */
  hasNextPage: Scalars['Boolean']['output'];
  /**
   * True when the page starts after a cursor (`after` was given): items come before it. Lists page forward only
   * (`first` / `after`), so go back by keeping earlier cursors.
   */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page; null for an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** What keeps a due entity out of the disposal proposal. */
export type ProposalBlock =
  /** The archive has decided on it in an earlier proposal. */
  | 'ALREADY_DECIDED'
  /** An active disposal hold on it (or on a document of the case file). */
  | 'DISPOSAL_HOLD'
  /** It is in another open or submitted proposal. */
  | 'IN_OTHER_PROPOSAL'
  /** Filing's archive readiness is not met (metadata, components in output formats). */
  | 'METADATA_INCOMPLETE'
  /** Its disposal year is after the proposal's year (or it has none). */
  | 'NOT_DUE'
  /** Returned to the office. */
  | 'NOT_IN_RECORDS_OFFICE'
  /** It is lent out. */
  | 'ON_LOAN'
  /** Filing does not know it (or the caller may not see it). */
  | 'UNKNOWN_TO_FILING';

/** The root of all reads through the gateway; each field says who may read it. */
export type Query = {
  __typename?: 'Query';
  /** The archive institutions (any signed-in user), by name in Czech order. */
  archives: Array<Archive>;
  /** The backup client: its municipality's retention rules and quota use. */
  backupSetRetention: BackupSetRetention;
  /** The backup client: its municipality's backup sets, newest first (the listing is logged). */
  backupSets: Array<BackupSet>;
  /** What is due for disposal in `year` but not in the open or submitted proposal, with what blocks it. */
  disposalCandidates: Array<DisposalCandidate>;
  /** Disposal holds of the caller's municipality, newest first. */
  disposalHolds: Array<DisposalHold>;
  /** One disposal proposal of the caller's municipality; null when unknown. Records office, managers, auditors. */
  disposalProposal: Maybe<DisposalProposal>;
  /** Records office, managers, auditors: the municipality's disposal proposals, newest first. */
  disposalProposals: Array<DisposalProposal>;
  /** Loans, due first: active ones, or all. */
  loans: Array<Loan>;
  /** Active loans due before today. */
  overdueLoans: Array<Loan>;
  /**
   * The records office's inventory (records office, records managers, auditors): what it holds, by filing code and
   * reference number in natural order; 50 a page by default, at most 200.
   */
  recordsOfficeInventory: RecordsOfficeItemConnection;
  /** A case file or document of the records office by its id (also once returned). */
  recordsOfficeItem: Maybe<RecordsOfficeItem>;
  /** One storage unit of the caller's municipality; null when unknown. Records office, records managers, auditors. */
  storageUnit: Maybe<StorageUnit>;
  /** Storage units in a unit, or the buildings (no parentId); by name. */
  storageUnits: Array<StorageUnit>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDisposalCandidatesArgs = {
  year: Scalars['Int']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDisposalHoldsArgs = {
  includeReleased?: InputMaybe<Scalars['Boolean']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDisposalProposalArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryLoansArgs = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryRecordsOfficeInventoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RecordsOfficeInventoryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryRecordsOfficeItemArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryStorageUnitArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryStorageUnitsArgs = {
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** One unmet rule of filing's archive readiness (metadata complete, components in output formats). */
export type ReadinessProblem = {
  __typename?: 'ReadinessProblem';
  /** What is wrong, for a person. */
  message: Scalars['String']['output'];
  /** Stable name of the rule, to branch on. */
  rule: Scalars['String']['output'];
};

/** What a records office item is. */
export type RecordsEntityKind =
  /** A case file (spis) with its documents. */
  | 'CASE_FILE'
  /** A document outside case files. */
  | 'DOCUMENT';

export type RecordsHandOver = {
  __typename?: 'RecordsHandOver';
  id: Scalars['ID']['output'];
};

/** Narrows the records office inventory; the conditions given must all hold. */
export type RecordsOfficeInventoryFilter = {
  /** Only items whose disposal year (rok skartační operace) is this one. */
  disposalYear?: InputMaybe<Scalars['Int']['input']>;
  /** A full filing code: that node and the nodes below it. */
  filingCode?: InputMaybe<Scalars['String']['input']>;
  /** True: only items out on loan; false: only items not on loan. */
  onLoan?: InputMaybe<Scalars['Boolean']['input']>;
  /** The unit and every unit inside it. */
  storageUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** Year of the document's number, or of the case file's opening. */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A case file or a document outside case files held by the records office (spisovna). Its id is the entity's. The
 * searchable figures are those of the hand-over list when it was taken over.
 */
export type RecordsOfficeItem = {
  __typename?: 'RecordsOfficeItem';
  /** The loan it is out on, if any. */
  activeLoan: Maybe<Loan>;
  /** The case file, when kind is CASE_FILE; else null. */
  caseFile: Maybe<CaseFile>;
  /** Empty when it may leave the records office (disposal-check): what the next step (disposal proposals) asks. */
  disposalBlocks: Array<DisposalBlock>;
  /** Disposal code (skartační znak) A, S or V; null when the filing plan node had none. */
  disposalCode: Maybe<Scalars['String']['output']>;
  /** Active holds on it and, for a case file, on the documents it came with. */
  disposalHolds: Array<DisposalHold>;
  /**
   * Year from which it may be proposed for disposal (rok skartační operace); null when not yet known (trigger
   * event not met).
   */
  disposalYear: Maybe<Scalars['Int']['output']>;
  /** The document, when kind is DOCUMENT; else null. */
  document: Maybe<Document>;
  /** Full filing code (plně určený spisový znak) at take-over, e.g. 1.1. */
  fullFilingCode: Scalars['String']['output'];
  /** The hand-over list (předávací protokol) it came to the records office with. */
  handOverList: RecordsHandOver;
  /** The id of the case file or document it is the record of. */
  id: Scalars['ID']['output'];
  /** A case file or a document. */
  kind: RecordsEntityKind;
  /** Every loan, newest first. */
  loans: Array<Loan>;
  /** Quantity of an analog or hybrid record (e.g. 1 krabice, 120 listů). */
  quantity: Maybe<Scalars['String']['output']>;
  /** Reference number (čj) or case file reference (spisová značka) at take-over, e.g. MBK 123/2026. */
  referenceNumber: Scalars['String']['output'];
  /** Retention period (skartační lhůta) in years, counted from 1 January after the trigger year. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** Where it is now. */
  state: RecordsOfficeItemState;
  /** The storage unit (ukládací jednotka) it lies in; null when not placed. */
  storageUnit: Maybe<StorageUnit>;
  /** When the records office took it over (převzetí do spisovny). */
  takenOverAt: Scalars['DateTime']['output'];
  /** The records officer who took it over. */
  takenOverBy: User;
  /** Title (věc) at take-over. */
  title: Scalars['String']['output'];
  /** Year of the document's number, or of the case file's opening. */
  year: Scalars['Int']['output'];
};

/** A page of the records office inventory (Relay connection). */
export type RecordsOfficeItemConnection = {
  __typename?: 'RecordsOfficeItemConnection';
  /** The items of the page, in inventory order. */
  edges: Array<RecordsOfficeItemEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

/** One item of the records office inventory, with its cursor. */
export type RecordsOfficeItemEdge = {
  __typename?: 'RecordsOfficeItemEdge';
  /** Opaque position of this item; pass it as `after` to get the items that follow. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: RecordsOfficeItem;
};

/** Where a records office item is in its life in the records office (spisovna). */
export type RecordsOfficeItemState =
  /** Destroyed after the archive's decision (Zniceni): filing keeps only its tombstone. */
  | 'DESTROYED'
  /** Taken over and kept in the records office (PrevzetiNaSpisovnu). */
  | 'IN_RECORDS_OFFICE'
  /** Lent out (výpůjčka) and not yet back. */
  | 'ON_LOAN'
  /** Returned to the office (VraceniZeSpisovny). */
  | 'RETURNED'
  /** Taken over by the archive: its transfer confirmed (recordTransferConfirmation, TrP Prenos). */
  | 'TRANSFERRED';

/** A storage unit of the records office (ukládací jednotka). */
export type StorageUnit = {
  __typename?: 'StorageUnit';
  /** The units lying directly in it, by name (natural order: Regál 2 before Regál 10). */
  children: Array<StorageUnit>;
  /** When it was created (TrP Zalozeni of an UkladaciJednotka). */
  createdAt: Scalars['DateTime']['output'];
  /** The records officer who created it. */
  createdBy: User;
  /** Opaque id (UUID) of the unit. */
  id: Scalars['ID']['output'];
  /** What kind of unit it is. */
  kind: StorageUnitKind;
  /** E.g. "Budova Nám. Svobody / Místnost 12 / Regál 3 / Krabice 7". */
  label: Scalars['String']['output'];
  /** Name, unique among the units in the same parent, 1–200 characters, e.g. Regál 3. */
  name: Scalars['String']['output'];
  /** The larger unit it lies in; null for a building. */
  parent: Maybe<StorageUnit>;
  /** The unit and the units it lies in, from the building down. */
  trail: Array<StorageUnit>;
};

/** Storage units, from the largest: a box stands on a shelf (or in a room), a shelf in a room, a room in a building. */
export type StorageUnitKind =
  /** A box (krabice, archivní kartón) on a shelf or in a room. */
  | 'BOX'
  /** A building (budova); the top level. */
  | 'BUILDING'
  /** A room (místnost) in a building. */
  | 'ROOM'
  /** A shelf or rack (regál) in a room. */
  | 'SHELF';

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Archive: Archive;
  AuditTrail: AuditTrail;
  CaseFile: CaseFile;
  DisposalHold: DisposalHold;
  DisposalProposal: DisposalProposal;
  Document: Document;
  Loan: Loan;
  RecordsOfficeItem: RecordsOfficeItem;
  StorageUnit: StorageUnit;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Archive:
    ( { __typename: 'Archive' }
    & GraphQLRecursivePick<FederationTypes['Archive'], {"id":true}> );
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}> );
  CaseFile:
    ( { __typename: 'CaseFile' }
    & GraphQLRecursivePick<FederationTypes['CaseFile'], {"id":true}> );
  DisposalHold:
    ( { __typename: 'DisposalHold' }
    & GraphQLRecursivePick<FederationTypes['DisposalHold'], {"id":true}> );
  DisposalProposal:
    ( { __typename: 'DisposalProposal' }
    & GraphQLRecursivePick<FederationTypes['DisposalProposal'], {"id":true}> );
  Document:
    ( { __typename: 'Document' }
    & GraphQLRecursivePick<FederationTypes['Document'], {"id":true}> );
  Loan:
    ( { __typename: 'Loan' }
    & GraphQLRecursivePick<FederationTypes['Loan'], {"id":true}> );
  RecordsOfficeItem:
    ( { __typename: 'RecordsOfficeItem' }
    & GraphQLRecursivePick<FederationTypes['RecordsOfficeItem'], {"id":true}> );
  StorageUnit:
    ( { __typename: 'StorageUnit' }
    & GraphQLRecursivePick<FederationTypes['StorageUnit'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Archive: ResolverTypeWrapper<ArchiveModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditChange: ResolverTypeWrapper<AuditChange>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'archivesEvents'> & { archivesEvents: Array<ResolversTypes['AuditEvent']> }>;
  BackupSet: ResolverTypeWrapper<BackupSetModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  BackupSetRetention: ResolverTypeWrapper<RetentionViewModel>;
  CaseFile: ResolverTypeWrapper<Omit<CaseFile, 'disposalHolds' | 'recordsOfficeItem'> & { disposalHolds: Array<ResolversTypes['DisposalHold']>, recordsOfficeItem?: Maybe<ResolversTypes['RecordsOfficeItem']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CreateStorageUnitInput: CreateStorageUnitInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DestructionResult: ResolverTypeWrapper<DestructionResultModel>;
  DestructionSkip: ResolverTypeWrapper<DestructionSkipModel>;
  DestructionSkipReason: DestructionSkipReason;
  DisposalBlock: DisposalBlock;
  DisposalCandidate: ResolverTypeWrapper<CandidateModel>;
  DisposalDecision: DisposalDecision;
  DisposalHold: ResolverTypeWrapper<DisposalHoldModel>;
  DisposalProposal: ResolverTypeWrapper<DisposalProposalModel>;
  DisposalProposalBuild: ResolverTypeWrapper<DisposalProposalBuild>;
  DisposalProposalEntry: ResolverTypeWrapper<DisposalProposalEntryModel>;
  DisposalProposalState: DisposalProposalState;
  Document: ResolverTypeWrapper<Omit<Document, 'disposalHolds' | 'recordsOfficeItem'> & { disposalHolds: Array<ResolversTypes['DisposalHold']>, recordsOfficeItem?: Maybe<ResolversTypes['RecordsOfficeItem']> }>;
  LendInput: LendInput;
  Loan: ResolverTypeWrapper<LoanModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  ProposalBlock: ProposalBlock;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReadinessProblem: ResolverTypeWrapper<ReadinessProblem>;
  RecordsEntityKind: RecordsEntityKind;
  RecordsHandOver: ResolverTypeWrapper<RecordsHandOver>;
  RecordsOfficeInventoryFilter: RecordsOfficeInventoryFilter;
  RecordsOfficeItem: ResolverTypeWrapper<RecordsOfficeItemModel>;
  RecordsOfficeItemConnection: ResolverTypeWrapper<InventoryPageModel>;
  RecordsOfficeItemEdge: ResolverTypeWrapper<Omit<RecordsOfficeItemEdge, 'node'> & { node: ResolversTypes['RecordsOfficeItem'] }>;
  RecordsOfficeItemState: RecordsOfficeItemState;
  StorageUnit: ResolverTypeWrapper<StorageUnitModel>;
  StorageUnitKind: StorageUnitKind;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Archive: ArchiveModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AuditChange: AuditChange;
  AuditEvent: AuditEventModel;
  Int: Scalars['Int']['output'];
  AuditTrail: Omit<AuditTrail, 'archivesEvents'> & { archivesEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  BackupSet: BackupSetModel;
  Float: Scalars['Float']['output'];
  BackupSetRetention: RetentionViewModel;
  CaseFile: Omit<CaseFile, 'disposalHolds' | 'recordsOfficeItem'> & { disposalHolds: Array<ResolversParentTypes['DisposalHold']>, recordsOfficeItem?: Maybe<ResolversParentTypes['RecordsOfficeItem']> } | FederationReferenceTypes['CaseFile'];
  Boolean: Scalars['Boolean']['output'];
  CreateStorageUnitInput: CreateStorageUnitInput;
  DateTime: Scalars['DateTime']['output'];
  DestructionResult: DestructionResultModel;
  DestructionSkip: DestructionSkipModel;
  DisposalCandidate: CandidateModel;
  DisposalHold: DisposalHoldModel;
  DisposalProposal: DisposalProposalModel;
  DisposalProposalBuild: DisposalProposalBuild;
  DisposalProposalEntry: DisposalProposalEntryModel;
  Document: Omit<Document, 'disposalHolds' | 'recordsOfficeItem'> & { disposalHolds: Array<ResolversParentTypes['DisposalHold']>, recordsOfficeItem?: Maybe<ResolversParentTypes['RecordsOfficeItem']> } | FederationReferenceTypes['Document'];
  LendInput: LendInput;
  Loan: LoanModel;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ReadinessProblem: ReadinessProblem;
  RecordsHandOver: RecordsHandOver;
  RecordsOfficeInventoryFilter: RecordsOfficeInventoryFilter;
  RecordsOfficeItem: RecordsOfficeItemModel;
  RecordsOfficeItemConnection: InventoryPageModel;
  RecordsOfficeItemEdge: Omit<RecordsOfficeItemEdge, 'node'> & { node: ResolversParentTypes['RecordsOfficeItem'] };
  StorageUnit: StorageUnitModel;
  User: User;
}>;

export type ArchiveResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Archive'] = ResolversParentTypes['Archive'], FederationReferenceType extends FederationReferenceTypes['Archive'] = FederationReferenceTypes['Archive']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Archive']> | FederationReferenceType, FederationReferenceType, ContextType>;
  abbreviation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dataBoxId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ico?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditChangeResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorLogin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['AuditChange']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditTrailResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  archivesEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type BackupSetResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['BackupSet'] = ResolversParentTypes['BackupSet']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  uploadedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type BackupSetRetentionResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['BackupSetRetention'] = ResolversParentTypes['BackupSetRetention']> = ResolversObject<{
  keepLast?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  quotaBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  retentionDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  usedBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type CaseFileResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['CaseFile'] = ResolversParentTypes['CaseFile'], FederationReferenceType extends FederationReferenceTypes['CaseFile'] = FederationReferenceTypes['CaseFile']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CaseFile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType, RequireFields<CaseFileDisposalHoldsArgs, 'includeReleased'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordsOfficeItem?: Resolver<Maybe<ResolversTypes['RecordsOfficeItem']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DestructionResultResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DestructionResult'] = ResolversParentTypes['DestructionResult']> = ResolversObject<{
  destroyed?: Resolver<Array<ResolversTypes['DisposalProposalEntry']>, ParentType, ContextType>;
  destructionRecord?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  proposal?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType>;
  skipped?: Resolver<Array<ResolversTypes['DestructionSkip']>, ParentType, ContextType>;
}>;

export type DestructionSkipResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DestructionSkip'] = ResolversParentTypes['DestructionSkip']> = ResolversObject<{
  item?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['DestructionSkipReason']>, ParentType, ContextType>;
}>;

export type DisposalCandidateResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalCandidate'] = ResolversParentTypes['DisposalCandidate']> = ResolversObject<{
  blocks?: Resolver<Array<ResolversTypes['ProposalBlock']>, ParentType, ContextType>;
  item?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['ReadinessProblem']>, ParentType, ContextType>;
}>;

export type DisposalHoldResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalHold'] = ResolversParentTypes['DisposalHold'], FederationReferenceType extends FederationReferenceTypes['DisposalHold'] = FederationReferenceTypes['DisposalHold']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DisposalHold']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  placedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releaseReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type DisposalProposalResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalProposal'] = ResolversParentTypes['DisposalProposal'], FederationReferenceType extends FederationReferenceTypes['DisposalProposal'] = FederationReferenceTypes['DisposalProposal']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DisposalProposal']> | FederationReferenceType, FederationReferenceType, ContextType>;
  build?: Resolver<Maybe<ResolversTypes['DisposalProposalBuild']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  decisionListId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  entries?: Resolver<Array<ResolversTypes['DisposalProposalEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  referenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['DisposalProposalState'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  submittedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DisposalProposalBuildResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalProposalBuild'] = ResolversParentTypes['DisposalProposalBuild']> = ResolversObject<{
  blocked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  proposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DisposalProposalEntryResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalProposalEntry'] = ResolversParentTypes['DisposalProposalEntry']> = ResolversObject<{
  addedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  addedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  assessor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  blocks?: Resolver<Array<ResolversTypes['ProposalBlock']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['DisposalDecision']>, ParentType, ContextType>;
  decisionDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  destroyedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  item?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasoning?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transferConfirmedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  transferPackagePath?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DocumentResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document'], FederationReferenceType extends FederationReferenceTypes['Document'] = FederationReferenceTypes['Document']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Document']> | FederationReferenceType, FederationReferenceType, ContextType>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType, RequireFields<DocumentDisposalHoldsArgs, 'includeReleased'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordsOfficeItem?: Resolver<Maybe<ResolversTypes['RecordsOfficeItem']>, ParentType, ContextType>;
}>;

export type LoanResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Loan'] = ResolversParentTypes['Loan'], FederationReferenceType extends FederationReferenceTypes['Loan'] = FederationReferenceTypes['Loan']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Loan']> | FederationReferenceType, FederationReferenceType, ContextType>;
  borrower?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  borrowerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dueOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType>;
  lentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lentBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  returnedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  returnedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addToDisposalProposal?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationAddToDisposalProposalArgs, 'entityId'>>;
  createStorageUnit?: Resolver<ResolversTypes['StorageUnit'], ParentType, ContextType, RequireFields<MutationCreateStorageUnitArgs, 'input'>>;
  deleteBackupSet?: Resolver<ResolversTypes['BackupSet'], ParentType, ContextType, RequireFields<MutationDeleteBackupSetArgs, 'id'>>;
  destroyDisposedEntities?: Resolver<ResolversTypes['DestructionResult'], ParentType, ContextType, RequireFields<MutationDestroyDisposedEntitiesArgs, 'proposalId' | 'protocolReference'>>;
  importDisposalDecision?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationImportDisposalDecisionArgs, 'proposalId' | 'xml'>>;
  lendFromRecordsOffice?: Resolver<ResolversTypes['Loan'], ParentType, ContextType, RequireFields<MutationLendFromRecordsOfficeArgs, 'input'>>;
  openDisposalProposal?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationOpenDisposalProposalArgs, 'year'>>;
  placeDisposalHold?: Resolver<ResolversTypes['DisposalHold'], ParentType, ContextType, RequireFields<MutationPlaceDisposalHoldArgs, 'reason'>>;
  placeInStorageUnit?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType, RequireFields<MutationPlaceInStorageUnitArgs, 'entityId' | 'storageUnitId'>>;
  recordTransferConfirmation?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationRecordTransferConfirmationArgs, 'proposalId' | 'xml'>>;
  releaseDisposalHold?: Resolver<ResolversTypes['DisposalHold'], ParentType, ContextType, RequireFields<MutationReleaseDisposalHoldArgs, 'id' | 'reason'>>;
  removeFromDisposalProposal?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationRemoveFromDisposalProposalArgs, 'entityId' | 'reason'>>;
  removeFromStorageUnit?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType, RequireFields<MutationRemoveFromStorageUnitArgs, 'entityId'>>;
  returnFromRecordsOffice?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType, RequireFields<MutationReturnFromRecordsOfficeArgs, 'entityId' | 'reason'>>;
  returnLoan?: Resolver<ResolversTypes['Loan'], ParentType, ContextType, RequireFields<MutationReturnLoanArgs, 'entityId'>>;
  setBackupSetRetention?: Resolver<ResolversTypes['BackupSetRetention'], ParentType, ContextType, Partial<MutationSetBackupSetRetentionArgs>>;
  submitDisposalProposal?: Resolver<ResolversTypes['DisposalProposal'], ParentType, ContextType, RequireFields<MutationSubmitDisposalProposalArgs, 'id'>>;
  takeOverHandOverList?: Resolver<Array<ResolversTypes['RecordsOfficeItem']>, ParentType, ContextType, RequireFields<MutationTakeOverHandOverListArgs, 'handOverListId'>>;
}>;

export type PageInfoResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  archives?: Resolver<Array<ResolversTypes['Archive']>, ParentType, ContextType>;
  backupSetRetention?: Resolver<ResolversTypes['BackupSetRetention'], ParentType, ContextType>;
  backupSets?: Resolver<Array<ResolversTypes['BackupSet']>, ParentType, ContextType>;
  disposalCandidates?: Resolver<Array<ResolversTypes['DisposalCandidate']>, ParentType, ContextType, RequireFields<QueryDisposalCandidatesArgs, 'year'>>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType, RequireFields<QueryDisposalHoldsArgs, 'includeReleased'>>;
  disposalProposal?: Resolver<Maybe<ResolversTypes['DisposalProposal']>, ParentType, ContextType, RequireFields<QueryDisposalProposalArgs, 'id'>>;
  disposalProposals?: Resolver<Array<ResolversTypes['DisposalProposal']>, ParentType, ContextType>;
  loans?: Resolver<Array<ResolversTypes['Loan']>, ParentType, ContextType, RequireFields<QueryLoansArgs, 'activeOnly'>>;
  overdueLoans?: Resolver<Array<ResolversTypes['Loan']>, ParentType, ContextType>;
  recordsOfficeInventory?: Resolver<ResolversTypes['RecordsOfficeItemConnection'], ParentType, ContextType, RequireFields<QueryRecordsOfficeInventoryArgs, 'first'>>;
  recordsOfficeItem?: Resolver<Maybe<ResolversTypes['RecordsOfficeItem']>, ParentType, ContextType, RequireFields<QueryRecordsOfficeItemArgs, 'id'>>;
  storageUnit?: Resolver<Maybe<ResolversTypes['StorageUnit']>, ParentType, ContextType, RequireFields<QueryStorageUnitArgs, 'id'>>;
  storageUnits?: Resolver<Array<ResolversTypes['StorageUnit']>, ParentType, ContextType, Partial<QueryStorageUnitsArgs>>;
}>;

export type ReadinessProblemResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['ReadinessProblem'] = ResolversParentTypes['ReadinessProblem']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RecordsHandOverResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['RecordsHandOver'] = ResolversParentTypes['RecordsHandOver']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type RecordsOfficeItemResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['RecordsOfficeItem'] = ResolversParentTypes['RecordsOfficeItem'], FederationReferenceType extends FederationReferenceTypes['RecordsOfficeItem'] = FederationReferenceTypes['RecordsOfficeItem']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RecordsOfficeItem']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activeLoan?: Resolver<Maybe<ResolversTypes['Loan']>, ParentType, ContextType>;
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType>;
  disposalBlocks?: Resolver<Array<ResolversTypes['DisposalBlock']>, ParentType, ContextType>;
  disposalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType>;
  disposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  fullFilingCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  handOverList?: Resolver<ResolversTypes['RecordsHandOver'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RecordsEntityKind'], ParentType, ContextType>;
  loans?: Resolver<Array<ResolversTypes['Loan']>, ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  referenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['RecordsOfficeItemState'], ParentType, ContextType>;
  storageUnit?: Resolver<Maybe<ResolversTypes['StorageUnit']>, ParentType, ContextType>;
  takenOverAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  takenOverBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RecordsOfficeItemConnectionResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['RecordsOfficeItemConnection'] = ResolversParentTypes['RecordsOfficeItemConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['RecordsOfficeItemEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RecordsOfficeItemEdgeResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['RecordsOfficeItemEdge'] = ResolversParentTypes['RecordsOfficeItemEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['RecordsOfficeItem'], ParentType, ContextType>;
}>;

export type StorageUnitResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['StorageUnit'] = ResolversParentTypes['StorageUnit'], FederationReferenceType extends FederationReferenceTypes['StorageUnit'] = FederationReferenceTypes['StorageUnit']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['StorageUnit']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['StorageUnit']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['StorageUnitKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['StorageUnit']>, ParentType, ContextType>;
  trail?: Resolver<Array<ResolversTypes['StorageUnit']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ArchivesContext> = ResolversObject<{
  Archive?: ArchiveResolvers<ContextType>;
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  BackupSet?: BackupSetResolvers<ContextType>;
  BackupSetRetention?: BackupSetRetentionResolvers<ContextType>;
  CaseFile?: CaseFileResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DestructionResult?: DestructionResultResolvers<ContextType>;
  DestructionSkip?: DestructionSkipResolvers<ContextType>;
  DisposalCandidate?: DisposalCandidateResolvers<ContextType>;
  DisposalHold?: DisposalHoldResolvers<ContextType>;
  DisposalProposal?: DisposalProposalResolvers<ContextType>;
  DisposalProposalBuild?: DisposalProposalBuildResolvers<ContextType>;
  DisposalProposalEntry?: DisposalProposalEntryResolvers<ContextType>;
  Document?: DocumentResolvers<ContextType>;
  Loan?: LoanResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReadinessProblem?: ReadinessProblemResolvers<ContextType>;
  RecordsHandOver?: RecordsHandOverResolvers<ContextType>;
  RecordsOfficeItem?: RecordsOfficeItemResolvers<ContextType>;
  RecordsOfficeItemConnection?: RecordsOfficeItemConnectionResolvers<ContextType>;
  RecordsOfficeItemEdge?: RecordsOfficeItemEdgeResolvers<ContextType>;
  StorageUnit?: StorageUnitResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

