import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Document as DocumentModel } from '../modules/documents/document.entity';
import type { DocumentKind as DocumentKindModel } from '../modules/document-kinds/document-kind.entity';
import type { Register as RegisterModel } from '../modules/registers/register.entity';
import type { FilingPlan as FilingPlanModel } from '../modules/filing-plans/filing-plan.entity';
import type { FilingPlanNode as FilingPlanNodeModel } from '../modules/filing-plans/filing-plan-node.entity';
import type { CaseFile as CaseFileModel } from '../modules/case-files/case-file.entity';
import type { Component as ComponentModel } from '../modules/components/component.entity';
import type { ComponentSignature as ComponentSignatureModel } from '../modules/signatures/signature.entity';
import type { ConversionJob as ConversionJobModel } from '../modules/conversion/conversion-job.entity';
import type { ComponentSeal as ComponentSealModel } from '../modules/sealing/component-seal.entity';
import type { DocumentConversionSource as DocumentConversionSourceModel } from '../modules/conversion/conversion';
import type { DocumentPage as DocumentPageModel } from '../modules/documents/document-query';
import type { DisposalForecastPage as DisposalForecastPageModel } from '../modules/retention/forecast';
import type { PartyPage as PartyPageModel } from '../modules/parties/party-query';
import type { ShipmentPage as ShipmentPageModel } from '../modules/dispatch/shipment-query';
import type { Shipment as ShipmentModel } from '../modules/dispatch/shipment.entity';
import type { DeliveryProof as DeliveryProofModel } from '../modules/dispatch/delivery-proof.entity';
import type { Party as PartyModel } from '../modules/parties/party.entity';
import type { Tombstone as TombstoneModel } from '../modules/destruction/tombstone.entity';
import type { HandOverList as HandOverListModel, HandOverEntry as HandOverEntryModel } from '../modules/records-office/hand-over';
import type { WebhookSubscription as WebhookSubscriptionModel, WebhookDelivery as WebhookDeliveryModel } from '../modules/webhooks/webhook.entity';
import type { DataBoxConnection as DataBoxConnectionModel } from '../modules/data-box/data-box.entity';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { FilingContext } from '../context';
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

/** Input of addFilingPlanNode. */
export type AddFilingPlanNodeInput = {
  /** Simple filing code of this level: 1–50 letters and digits, no separator. */
  code: Scalars['String']['input'];
  /** Given by imported plans; default the full filing code. */
  identifier?: InputMaybe<IdentifierInput>;
  /** Name of the subject group, 1–300 characters. */
  name: Scalars['String']['input'];
  /** The node above it, of the same plan; omit for a top-level node. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** The filing plan. */
  planId: Scalars['ID']['input'];
  /** Only on lowest-level nodes. */
  retentionSchedule?: InputMaybe<RetentionScheduleInput>;
};

export type ApiClient = {
  __typename?: 'ApiClient';
  id: Scalars['ID']['output'];
};

/** One broken rule: its id in the archive's validator (rules.md, e.g. obs64) and what is wrong. */
export type ArchiveProblem = {
  __typename?: 'ArchiveProblem';
  /** What is wrong, for a person. */
  message: Scalars['String']['output'];
  /** Id of the rule in the archive's validator, e.g. obs64. */
  rule: Scalars['String']['output'];
};

/** Whether an entity can go to the archive: the content rules of the archive's validator its SIP would break. */
export type ArchiveReadiness = {
  __typename?: 'ArchiveReadiness';
  /** The broken rules; empty when ready. */
  problems: Array<ArchiveProblem>;
  /** True when no rule is broken. */
  ready: Scalars['Boolean']['output'];
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

/** A page of the transaction log (Relay connection), in poradi order. */
export type AuditLogConnection = {
  __typename?: 'AuditLogConnection';
  /** The entries of the page. */
  edges: Array<AuditLogEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Entries matching the filter (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One entry of the transaction log, with its cursor. */
export type AuditLogEdge = {
  __typename?: 'AuditLogEdge';
  /** Opaque position of this entry; pass it as `after` to get the entries that follow. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditLogEntry;
};

/**
 * One entry of a municipality's transaction log (transakční protokol): the events of all subgraphs, numbered
 * (`poradi`) in the order they were written into the log and hash-chained.
 */
export type AuditLogEntry = {
  __typename?: 'AuditLogEntry';
  /** The user who acted, while the users subgraph knows them; null for the system. */
  actor: Maybe<User>;
  /** Login of who acted (`system` for the hub itself). */
  actorLogin: Scalars['String']['output'];
  /** Their name when the event was written (null for the system and for sign-ins from before names were carried). */
  actorName: Maybe<Scalars['String']['output']>;
  /** Their roles when the event was written (role codes). */
  actorRoles: Array<Scalars['String']['output']>;
  /** The values that changed, old and new. */
  changes: Array<AuditChange>;
  /** Free-text note written with the event, if any. */
  description: Maybe<Scalars['String']['output']>;
  /** `TypUdalostiId` of nsesss-TrP.xsd. */
  eventType: Scalars['String']['output'];
  /** SHA-256 (hex) over this entry's content and prevHash; verifyAuditLog recomputes it. */
  hash: Scalars['String']['output'];
  /** The object's id in the subgraph that wrote the event (what `auditTrail` and the filter take). */
  objectId: Scalars['ID']['output'];
  /** The object's `HodnotaID`: the PID of a document or case file, the id of anything else. */
  objectIdentifier: Scalars['String']['output'];
  /** `ZdrojID` of the object's identifier. */
  objectSource: Scalars['String']['output'];
  /** `TypObjektuId` of nsesss-TrP.xsd. */
  objectType: Scalars['String']['output'];
  /** `DatumVzniku`: when the change happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** `Poradi`: 1, 2, 3 … per municipality, in write order, never reused. */
  poradi: Scalars['Int']['output'];
  /** SHA-256 (hex) of the previous entry; 64 zeros for the municipality's first entry. */
  prevHash: Scalars['String']['output'];
  /** `provedlKdo` as the XML has it: login, name and roles, at most 100 characters. */
  provedlKdo: Scalars['String']['output'];
  /** When the entry was written into the log. */
  recordedAt: Scalars['DateTime']['output'];
  /** The subgraph that wrote the event. */
  source: Scalars['String']['output'];
};

/** Narrows the transaction log; the conditions given must all hold. */
export type AuditLogFilter = {
  /** Only what this user did. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only this event type, a TypUdalostiId of nsesss-TrP.xsd, e.g. Zalozeni. */
  eventType?: InputMaybe<Scalars['String']['input']>;
  /** Events that happened at or after. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** The object's id, or its PID (documents, case files). */
  objectId?: InputMaybe<Scalars['ID']['input']>;
  /** Events that happened before. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/**
 * The daily fixation (ztvárnění) of a municipality's log: the entries written on one Czech calendar day as a
 * TransakcniLogSystemu XML document, sealed, filed as a document, and hash-linked to the previous day's.
 */
export type AuditLogRendition = {
  __typename?: 'AuditLogRendition';
  /** When it was made (fixed). */
  createdAt: Scalars['DateTime']['output'];
  /** The day (YYYY-MM-DD, Europe/Prague). */
  day: Scalars['String']['output'];
  /** The document the rendition is filed as. */
  document: Maybe<Document>;
  /** How many entries it holds. */
  entryCount: Scalars['Int']['output'];
  /** Range of poradi it holds (null when no entry was written that day). */
  fromPoradi: Maybe<Scalars['Int']['output']>;
  /** Opaque id (UUID) of the rendition. */
  id: Scalars['ID']['output'];
  /** Id of the platform key that sealed it (see auditLogSealKey). */
  keyId: Scalars['String']['output'];
  /** Hash of the previous day's rendition and of this one: a missing or changed day breaks the chain. */
  prevRenditionHash: Scalars['String']['output'];
  /** Hash (hex) of this rendition chained to prevRenditionHash. */
  renditionHash: Scalars['String']['output'];
  /** SHA-256 of the XML bytes (hex). */
  sha256: Scalars['String']['output'];
  /** Seal: a signature over the XML bytes (base64), with the algorithm and the id of the platform key. */
  signature: Scalars['String']['output'];
  /** Algorithm of the seal, e.g. Ed25519. */
  signatureAlgorithm: Scalars['String']['output'];
  /** Last poradi it holds (null when no entry was written that day). */
  toPoradi: Maybe<Scalars['Int']['output']>;
};

/** The platform's public key that verifies rendition seals offline. */
export type AuditLogSealKey = {
  __typename?: 'AuditLogSealKey';
  /** Signature algorithm, e.g. Ed25519. */
  algorithm: Scalars['String']['output'];
  /** Id of the key, as renditions name it. */
  keyId: Scalars['String']['output'];
  /** SPKI, PEM. */
  publicKeyPem: Scalars['String']['output'];
};

/** The result of recomputing a municipality's hash chains (entries, and daily renditions). */
export type AuditLogVerification = {
  __typename?: 'AuditLogVerification';
  /** How many log entries were recomputed. */
  entriesChecked: Scalars['Int']['output'];
  /** The first entry that was changed, removed or inserted (by poradi), and what is wrong with it. */
  firstBadPoradi: Maybe<Scalars['Int']['output']>;
  /** The first daily rendition that is missing, changed or out of chain. */
  firstBadRenditionDay: Maybe<Scalars['String']['output']>;
  /** True when every entry and rendition checked is intact. */
  ok: Scalars['Boolean']['output'];
  /** What is wrong with firstBadPoradi; null when ok. */
  problem: Maybe<Scalars['String']['output']>;
  /** What is wrong with firstBadRenditionDay; null when ok. */
  renditionProblem: Maybe<Scalars['String']['output']>;
  /** How many daily renditions were checked. */
  renditionsChecked: Scalars['Int']['output'];
};

/** The audit trail of one object, merged across subgraphs by the filing subgraph. */
export type AuditTrail = {
  __typename?: 'AuditTrail';
  /** Events the archives subgraph wrote about the object (internal, merged into `events`). */
  archivesEvents: Array<AuditEvent>;
  /** All events about the object across the hub, oldest first. */
  events: Array<AuditEvent>;
  /** Events the municipalities subgraph wrote about the object (internal, merged into `events`). */
  municipalitiesEvents: Array<AuditEvent>;
  /** Id of the object whose events these are. */
  objectId: Scalars['ID']['output'];
  /** Events the users subgraph wrote about the object (internal, merged into `events`). */
  usersEvents: Array<AuditEvent>;
};

/** Cancellation (storno) of a registered document. */
export type Cancellation = {
  __typename?: 'Cancellation';
  /** When it was cancelled. */
  cancelledAt: Scalars['DateTime']['output'];
  /** Who cancelled it. */
  cancelledBy: User;
  /** Why the document was cancelled, 1–2000 characters. */
  reason: Scalars['String']['output'];
};

/**
 * A case file (spis) kept as a collection sheet (sběrný arch): opened from an initiating document, labelled with
 * its reference number; later documents keep their own numbers and are listed in it.
 */
export type CaseFile = {
  __typename?: 'CaseFile';
  /**
   * What keeps this case file from going to the archive, per rule of the
   * archive's validator (ZAF NSESSS 2024, e.g. obs64); ready when nothing does. Also asked through _entities by the
   * archives subgraph, to explain what blocks an entity in a disposal proposal.
   */
  archiveReadiness: ArchiveReadiness;
  /** When it was last closed; null while open. */
  closedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who closed it; null while open. */
  closedBy: Maybe<User>;
  /** Strongest code over the case file and its documents (A > V > S). */
  disposalCode: Maybe<DisposalCode>;
  /**
   * Closure (trigger) year + 1 + the longest period, or the case file's fixed year; never earlier than any of its
   * documents' own years. Null until the case file is closed (or its external trigger entered).
   */
  disposalYear: Maybe<Scalars['Int']['output']>;
  /** Documents in the case file, in the order they were inserted. */
  documents: Array<Document>;
  /** Where it is classified in the filing plan; null until classified. */
  filingPlanNode: Maybe<FilingPlanNode>;
  /** Computed from its documents: DIGITAL if all are digital (or it has none), ANALOG if all are analog, else HYBRID. */
  form: DocumentForm;
  /** The hand-over list it went to the records office with. */
  handOverList: Maybe<RecordsHandOver>;
  /** Its handler (zpracovatel): at opening, the initiating document's handler, else whoever opened it. */
  handler: Maybe<User>;
  /** Opaque id (UUID) of the case file. */
  id: Scalars['ID']['output'];
  /** The document it was opened from (iniciační dokument). */
  initiatingDocument: Document;
  /** The municipality whose case file it is. */
  municipality: Municipality;
  /** When it was opened. */
  openedAt: Scalars['DateTime']['output'];
  /** Who opened it. */
  openedBy: User;
  /** The org unit handling it. */
  orgUnit: Maybe<OrgUnit>;
  /**
   * Unique identifier bound to the case file (PID, jednoznačný identifikátor): abbreviation, `S` and 8 characters,
   * given at opening, never reused; the transaction log names the case file by it.
   */
  pid: Scalars['String']['output'];
  /** Spisová značka: the reference number of the initiating document. */
  referenceNumber: Scalars['String']['output'];
  /**
   * The period that gives the disposal year: the longest over the case file and its documents, unless a document's
   * own later year governs (then that document's); null when a fixed disposal year governs.
   */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** Where the records office downloads this case file's SIP (a ZIP), with the caller's token through the gateway. */
  sipDownloadPath: Scalars['String']['output'];
  /** Where the case file is in its life. */
  state: CaseFileState;
  /** Title (věc) of the case file, 1–500 characters. */
  title: Scalars['String']['output'];
  /** Date of an external trigger event, when the case file's schedule has an EXTERNAL trigger. */
  triggerEventOn: Maybe<Scalars['String']['output']>;
  /** Year the period counts from: the closure (or external trigger) year, or the governing document's; disposalYear - 1 - retentionYears. */
  triggerYear: Maybe<Scalars['Int']['output']>;
};


/**
 * A case file (spis) kept as a collection sheet (sběrný arch): opened from an initiating document, labelled with
 * its reference number; later documents keep their own numbers and are listed in it.
 */
export type CaseFileSipDownloadPathArgs = {
  profile: SipProfile;
};

/** A page of case files (Relay connection), newest first. */
export type CaseFileConnection = {
  __typename?: 'CaseFileConnection';
  /** The case files of the page. */
  edges: Array<CaseFileEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Case files in the whole filtered list (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One case file of a list, with its cursor. */
export type CaseFileEdge = {
  __typename?: 'CaseFileEdge';
  /** Opaque position of this case file; pass it as `after` to get the ones that follow. */
  cursor: Scalars['String']['output'];
  /** The case file. */
  node: CaseFile;
};

/** The result of a case file step: the case file as it is now, and the audit event written. */
export type CaseFilePayload = {
  __typename?: 'CaseFilePayload';
  /** The audit event written with the change. */
  auditEventId: Scalars['ID']['output'];
  /** The case file as it is now. */
  caseFile: CaseFile;
};

/** State of a case file (domain.md §4.2). */
export type CaseFileState =
  /** Closed (uzavřený): every document settled; its retention period runs. */
  | 'CLOSED'
  /** On a hand-over list to the records office, with all its documents. */
  | 'HANDED_TO_RECORDS_OFFICE'
  /** Taken over by the records office. */
  | 'IN_RECORDS_OFFICE'
  /** Lent by the records office. */
  | 'ON_LOAN'
  /** Open (otevřený): documents may be inserted and removed. */
  | 'OPEN'
  /** Transferred to the archive (přejímka confirmed, TrP Prenos), with all its documents. */
  | 'TRANSFERRED';

/** A file of a digital document. Its bytes: GET downloadPath on the gateway's origin (logged as a view). */
export type Component = {
  __typename?: 'Component';
  /** When this version was attached. */
  createdAt: Scalars['DateTime']['output'];
  /** The media type detected from the file's first bytes at upload (`mediaType` is the declared one); null when the bytes are of no format the hub knows, or for files made by the hub itself. */
  detectedMediaType: Maybe<Scalars['String']['output']>;
  /** Path of the download on the gateway's origin, e.g. /downloads/component?id=… */
  downloadPath: Scalars['String']['output'];
  /** The file's name as uploaded (a plain name, at most 255 characters). */
  fileName: Scalars['String']['output'];
  /** Form of the component (forma uchování), e.g. ORIGINAL. */
  form: ComponentForm;
  /** Opaque id (UUID) of the component. */
  id: Scalars['ID']['output'];
  /** Media type of the bytes, e.g. application/pdf. */
  mediaType: Scalars['String']['output'];
  /** Whether the declared `mediaType` agrees with the detected one; null when not checked (files made by the hub itself, or uploaded before detection). */
  mediaTypeCheck: Maybe<MediaTypeCheck>;
  /** 1 = the main component. */
  order: Scalars['Int']['output'];
  /** The municipality's electronic seal on this version (PAdES inside the PDF); null when it is not sealed. */
  seal: Maybe<ComponentSeal>;
  /** SHA-256 of the bytes (hex), as recorded in the audit trail. */
  sha256: Scalars['String']['output'];
  /** Verification of the signatures, seals and time-stamps found in a received component (PENDING until the verification job has run); null for components of own documents, which are not verified. */
  signatureStatus: Maybe<SignatureStatus>;
  /** Every signature, seal and time-stamp found, with its result (ověření bezpečnostního prvku), in the order found; empty when none or not verified. */
  signatures: Array<ComponentSignature>;
  /** When the verification job verified this component; null while PENDING or not verified. */
  signaturesVerifiedAt: Maybe<Scalars['DateTime']['output']>;
  /** Size in bytes. */
  size: Scalars['Float']['output'];
  /** From 1; a new version of an order keeps the older ones. */
  version: Scalars['Int']['output'];
};

/** One component's conversion to an output format (převod do výstupního datového formátu). */
export type ComponentConversion = {
  __typename?: 'ComponentConversion';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** The component version converted. */
  component: Maybe<Component>;
  /** Identifier of the conversion job. */
  id: Scalars['ID']['output'];
  /** Why the last attempt failed; null after a success. */
  lastError: Maybe<Scalars['String']['output']>;
  /** When a QUEUED job runs (its next attempt after a failure). */
  nextAttemptAt: Scalars['DateTime']['output'];
  /** Set when DONE. */
  outcome: Maybe<ConversionOutcome>;
  /** The new ORIGINAL_OUTPUT_FORMAT version, when CONVERTED. */
  output: Maybe<Component>;
  /** PDF/A conformance level (pdfaid:conformance), e.g. B. */
  pdfaConformance: Maybe<Scalars['String']['output']>;
  /** PDF/A part and conformance read from the output's XMP metadata, e.g. 2 and B. */
  pdfaPart: Maybe<Scalars['String']['output']>;
  /** Where the job is: queued, running, done or failed. */
  state: ConversionState;
  /** When the job last changed (queued, attempted, finished). */
  updatedAt: Scalars['DateTime']['output'];
};

/** Form of a component (forma komponenty). */
export type ComponentForm =
  /** Concept (koncept). */
  | 'CONCEPT'
  /** Container of other files, e.g. a data message (kontejner). */
  | 'CONTAINER'
  /** Digitised copy of a paper document (digitalizát). */
  | 'DIGITIZED'
  /** Original (originál). */
  | 'ORIGINAL'
  /** Original in the output format (originál ve výstupním datovém formátu). */
  | 'ORIGINAL_OUTPUT_FORMAT';

/** The municipality's electronic seal (elektronická pečeť) on a component version. */
export type ComponentSeal = {
  __typename?: 'ComponentSeal';
  /** SHA-256 of the seal's certificate (hex). */
  certificateSha256: Scalars['String']['output'];
  /** When it was sealed: the signature's claimed time (/M of the signature dictionary). */
  sealedAt: Scalars['DateTime']['output'];
  /** Subject of the seal's certificate, e.g. CN=Město Blansko, O=Město Blansko, C=CZ. */
  signer: Scalars['String']['output'];
  /** The time-stamp authority: its certificate's subject. */
  timeStampAuthority: Maybe<Scalars['String']['output']>;
  /** The RFC 3161 time-stamp's time (genTime); null when not time-stamped. */
  timeStampedAt: Maybe<Scalars['DateTime']['output']>;
};

/** One verified signature, seal or time-stamp of a component (OvereniBezpecnostnihoPrvku). */
export type ComponentSignature = {
  __typename?: 'ComponentSignature';
  /** The instant the certificate's validity was judged at (PosuzovanyOkamzik): the time-stamp's time, else the claimed signing time, else the verification time. */
  assessedAt: Scalars['DateTime']['output'];
  /** End of the certificate's validity. */
  certificateNotAfter: Maybe<Scalars['DateTime']['output']>;
  /** Start of the certificate's validity. */
  certificateNotBefore: Maybe<Scalars['DateTime']['output']>;
  /** The certificate's serial number (hex). */
  certificateSerial: Maybe<Scalars['String']['output']>;
  /** Where it was found. */
  format: SignatureFormat;
  /** The subject of the certificate's issuer. */
  issuerSubject: Maybe<Scalars['String']['output']>;
  /** Signature, seal or time-stamp. */
  kind: SignatureKind;
  /** Order among the component's signatures (1 = first found). */
  position: Scalars['Int']['output'];
  /** Why the result is not VALID (English sentences); empty for a valid one. */
  reasons: Array<Scalars['String']['output']>;
  /** Valid, invalid or indeterminate. */
  result: SignatureResult;
  /** Revocation of the certificate as far as known. */
  revocation: RevocationState;
  /** The claimed signing time (the signingTime attribute or the PDF's /M), when given (CasPouziti). */
  signedAt: Maybe<Scalars['DateTime']['output']>;
  /** The common name of the signer's (or time-stamp authority's) certificate. */
  signerName: Maybe<Scalars['String']['output']>;
  /** The full subject of that certificate (RFC 4514 style). */
  signerSubject: Maybe<Scalars['String']['output']>;
  /** The time of a time-stamp over the signature, or a token's own time. */
  timeStampedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was verified (CasOvereni). */
  verifiedAt: Scalars['DateTime']['output'];
};

/** What a finished conversion did. */
export type ConversionOutcome =
  /** The component is a PDF/A already (checked from its bytes): nothing to add. */
  | 'ALREADY_OUTPUT_FORMAT'
  /** A new version of the component in PDF/A-2 (form ORIGINAL_OUTPUT_FORMAT) was added; the original is kept. */
  | 'CONVERTED';

/** State of one component's conversion to an output format. */
export type ConversionState =
  /** Finished: see outcome. */
  | 'DONE'
  /** Every attempt failed (lastError says why): the document cannot be closed until a new request succeeds. */
  | 'FAILED'
  /** Waiting for the worker (or for its next attempt after a failed one: see lastError). */
  | 'QUEUED'
  /** Being converted now. */
  | 'RUNNING';

/** What convertDocumentComponents did. */
export type ConvertDocumentComponentsPayload = {
  __typename?: 'ConvertDocumentComponentsPayload';
  /** The document (its conversion field shows the queue). */
  document: Document;
  /** How many conversions this request queued (0: nothing needed converting, or all are queued or done already). */
  queued: Scalars['Int']['output'];
};

/** Input of createDocumentKind. */
export type CreateDocumentKindInput = {
  /** Note on when to use it; optional, up to 500 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** Default: DRUH-<8 characters of the id> with the municipality's source. */
  identifier?: InputMaybe<IdentifierInput>;
  /** Make it the municipality's default kind (the previous default stops being it). */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name of the kind, 1–100 characters. */
  name: Scalars['String']['input'];
};

/** Input of createDraftDocument. */
export type CreateDraftDocumentInput = {
  /** Number of attachments, 0–10000. */
  attachmentCount?: InputMaybe<Scalars['Int']['input']>;
  /** Kind of the attachments; up to 200 characters. */
  attachmentKind?: InputMaybe<Scalars['String']['input']>;
  /** Default DIGITAL. */
  form?: InputMaybe<DocumentForm>;
  /** Default: the municipality's default kind (ostatní). */
  kindId?: InputMaybe<Scalars['ID']['input']>;
  /** Defaults to the municipality's main register. */
  registerId?: InputMaybe<Scalars['ID']['input']>;
  /** Number of sheets of the paper part, 1–100000. */
  sheetCount?: InputMaybe<Scalars['Int']['input']>;
  /** Subject (věc), 1–2000 characters. */
  subject: Scalars['String']['input'];
};

/** Input of createFilingPlan. */
export type CreateFilingPlanInput = {
  /** Given by imported plans; default <ABBR>-<year of validFrom>. */
  identifier?: InputMaybe<IdentifierInput>;
  /** A legacy plan may use disposal code V; default false. */
  legacy?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name of the plan, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Separator between the levels of a full filing code: space, `-`, `/` or `.` (default). */
  separator?: InputMaybe<Scalars['String']['input']>;
  /** First day of validity, YYYY-MM-DD. */
  validFrom: Scalars['String']['input'];
  /** Last day of validity, YYYY-MM-DD, not before validFrom; omit while open-ended. */
  validTo?: InputMaybe<Scalars['String']['input']>;
};

/** Input of createRegister. */
export type CreateRegisterInput = {
  /** MAIN or SEPARATE. */
  kind: RegisterKind;
  /** Name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Prefix of its numbers: 1–20 capital letters or digits, starting with a letter, e.g. FP. */
  referencePrefix: Scalars['String']['input'];
};

/** Input of createShipment. */
export type CreateShipmentInput = {
  /** How it is to travel. */
  channel: ShipmentChannel;
  /** Only for DATA_BOX: how the data message is to be sent (isds.md §2). Defaults: no personal delivery, fiction allowed. */
  dataBox?: InputMaybe<DataBoxShipmentOptionsInput>;
  /** An own registered document. */
  documentId: Scalars['ID']['input'];
  /** Required for POST, not allowed otherwise. */
  postalKind?: InputMaybe<PostalKind>;
  /**
   * Exactly one of `recipient` (flat), `recipientParty` (structured) or `recipientPartyId` (a party of the name
   * register); the first two are found in the name register or added to it, as a received document's sender.
   */
  recipient?: InputMaybe<RecipientInput>;
  /** The recipient in parts (see PartyInput). */
  recipientParty?: InputMaybe<PartyInput>;
  /** A party of the name register as the recipient. */
  recipientPartyId?: InputMaybe<Scalars['ID']['input']>;
};

/** Input of createWebhookSubscription. */
export type CreateWebhookSubscriptionInput = {
  /** Deliver from now on (default true). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** An API client of the caller's municipality (users subgraph). */
  apiClientId: Scalars['ID']['input'];
  /** At least one event type, none repeated. */
  eventTypes: Array<WebhookEventType>;
  /** What narrows the events; omit for all. */
  filters?: InputMaybe<WebhookFiltersInput>;
  /** http(s) on the town's network (HUB_WEBHOOK_ALLOWED_HOSTS; never link-local); redirects are not followed. */
  url: Scalars['String']['input'];
};

/** How a data-box connection authenticates (isds.md §1). */
export type DataBoxAuthMode =
  /** User name and password (`/DS/…`): test accounts and the local ISDS only. */
  | 'BASIC'
  /** The hosted records service's system certificate, with the box id as user name (`/hspis/DS/…`). */
  | 'HOSTED_CERTIFICATE';

/** The municipality's data-box connection and how the connector is doing with it (tenant admins). Never carries credentials. */
export type DataBoxConnection = {
  __typename?: 'DataBoxConnection';
  /** How the connector authenticates to ISDS (the credentials themselves are never shown). */
  authMode: DataBoxAuthMode;
  /** Received messages listed but not yet registered and marked downloaded. */
  backlog: Scalars['Int']['output'];
  /** The ISDS endpoint's base URL. */
  baseUrl: Scalars['String']['output'];
  /** The municipality's data box (7 characters). */
  boxId: Scalars['String']['output'];
  /** When the configuration last changed. */
  configuredAt: Scalars['DateTime']['output'];
  /** False when the operator switched the connection off. */
  enabled: Scalars['Boolean']['output'];
  /** Messages the connector set aside (the hub's checks refused them, or their ZFO was unreadable), newest first, at most 20: left unmarked in ISDS for the podatelna. */
  failedMessages: Array<DataBoxFailedMessage>;
  /** Failed rounds in a row (0 after a successful one). */
  failures: Scalars['Int']['output'];
  /** The last round's error, in words (no credentials). */
  lastError: Maybe<Scalars['String']['output']>;
  /** When the last round's error happened. */
  lastErrorAt: Maybe<Scalars['DateTime']['output']>;
  /** When the connector last started a round (list, send, follow deliveries) for the box. */
  lastPollAt: Maybe<Scalars['DateTime']['output']>;
  /** When a round last finished without error. */
  lastSuccessfulPollAt: Maybe<Scalars['DateTime']['output']>;
  /** Backing off (throttled, unavailable) until then; null when not. */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  /** DATA_BOX shipments sent and waiting for delivery. */
  pendingDeliveries: Scalars['Int']['output'];
  /** The newest delivery time seen in the received list. */
  receivedThrough: Maybe<Scalars['DateTime']['output']>;
};

/** A received message the connector could not register. */
export type DataBoxFailedMessage = {
  __typename?: 'DataBoxFailedMessage';
  /** How often it was tried. */
  attempts: Scalars['Int']['output'];
  /** Its delivery time as ISDS listed it. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** ISDS's id of the message. */
  dmId: Scalars['String']['output'];
  /** Why (the hub's refusal or the download's error). */
  error: Maybe<Scalars['String']['output']>;
};

/** A DATA_BOX shipment's envelope options and its progress through the data-box connector (modules/data-box). */
export type DataBoxShipment = {
  __typename?: 'DataBoxShipment';
  /** dmAllowSubstDelivery: delivery by fiction applies. */
  allowSubstituteDelivery: Scalars['Boolean']['output'];
  /** Why the connector could not send it: a stable code (VODZ_NOT_SUPPORTED, NO_FILES, ISDS_<status code>, …); null otherwise. */
  errorCode: Maybe<Scalars['String']['output']>;
  /** The connector's last error about it, in words. */
  lastError: Maybe<Scalars['String']['output']>;
  /** dmPersonalDelivery: to the addressee in person. */
  personalDelivery: Scalars['Boolean']['output'];
  /** dmRecipientIdent sent with it. */
  recipientFileMark: Maybe<Scalars['String']['output']>;
  /** dmRecipientRefNumber sent with it. */
  recipientReferenceNumber: Maybe<Scalars['String']['output']>;
  /** Where the connector is with it; null until it takes the shipment up (or when no connector serves the municipality). */
  transferState: Maybe<DataBoxTransferState>;
};

/** How a DATA_BOX shipment's data message is sent (the envelope's flags and the recipient's reference numbers, isds.md §2). */
export type DataBoxShipmentOptionsInput = {
  /** dmAllowSubstDelivery: whether delivery by fiction (fikce doručení, 10 days after it reached the box) applies; default true. */
  allowSubstituteDelivery?: InputMaybe<Scalars['Boolean']['input']>;
  /** dmPersonalDelivery: only the addressee in person (or whoever may read personal deliveries) may open it. */
  personalDelivery?: InputMaybe<Scalars['Boolean']['input']>;
  /** dmRecipientIdent: the recipient's file mark (spisová značka), at most 50 characters. */
  recipientFileMark?: InputMaybe<Scalars['String']['input']>;
  /** dmRecipientRefNumber: the recipient's reference number (č.j.) this replies to, at most 50 characters. */
  recipientReferenceNumber?: InputMaybe<Scalars['String']['input']>;
};

/** How far the data-box connector got with a shipment. */
export type DataBoxTransferState =
  /** Delivery (or fiction) recorded with the signed delivery receipt as the proof. */
  | 'DELIVERED'
  /** Not sendable as it is (errorCode says why); it stays with the dispatch office, which may cancel it. */
  | 'FAILED'
  /** ISDS could not deliver it (box made inaccessible, antivirus); recorded as a return. */
  | 'RETURNED'
  /** CreateMessage is on its way (or its outcome is being looked up after an interruption). */
  | 'SENDING'
  /** Sent: the dmID is the shipment's externalId; waiting for delivery. */
  | 'SENT';

/** A received ISDS data message and the document it was registered as. */
export type DataMessage = {
  __typename?: 'DataMessage';
  /** dmAcceptanceTime (doručení): login or fiction; null until then. */
  acceptedAt: Maybe<Scalars['DateTime']['output']>;
  /** dmAnnotation: the message's subject. */
  annotation: Scalars['String']['output'];
  /** dmDeliveryTime (dodání): when it reached the municipality's box. */
  deliveredAt: Scalars['DateTime']['output'];
  /** dmID: the ISDS message id. */
  dmId: Scalars['String']['output'];
  /** Id of the document it was registered as. */
  documentId: Scalars['ID']['output'];
  /** Opaque id (UUID) of the received message. */
  id: Scalars['ID']['output'];
  /** When the hub received it. */
  receivedAt: Scalars['DateTime']['output'];
  /** dmRecipientRefNumber: our reference number, as the sender gave it. */
  recipientRefNumber: Maybe<Scalars['String']['output']>;
  /** dbIDSender: the sender's data box id. */
  senderBoxId: Scalars['String']['output'];
  /** dmSender: the sender's name. */
  senderName: Scalars['String']['output'];
  /** dmSenderRefNumber: the sender's reference number. */
  senderRefNumber: Maybe<Scalars['String']['output']>;
  /** dmMessageStatus when received. */
  status: Scalars['Int']['output'];
};

/** An ISDS data message envelope (isds.md §2) and its files, as an ISDS connector delivers it. */
export type DataMessageInput = {
  /** dmAcceptanceTime: not before deliveryTime. */
  acceptanceTime?: InputMaybe<Scalars['DateTime']['input']>;
  /** dmAnnotation: 1–255 characters; the document's subject. */
  annotation: Scalars['String']['input'];
  /** dmDeliveryTime: stored to the second; not in the future. */
  deliveryTime: Scalars['DateTime']['input'];
  /** dmID: 1–20 digits, unique per municipality. */
  dmId: Scalars['String']['input'];
  /** dmRecipientRefNumber: at most 50 characters. */
  recipientRefNumber?: InputMaybe<Scalars['String']['input']>;
  /** dmSenderAddress: at most 100 characters. */
  senderAddress?: InputMaybe<Scalars['String']['input']>;
  /** dbIDSender: exactly 7 lowercase letters or digits. */
  senderBoxId: Scalars['String']['input'];
  /** The sender's IČO when ISDS gives it (FindDataBox `ic`): 8 digits with a valid check digit. */
  senderIco?: InputMaybe<Scalars['String']['input']>;
  /** dmSender: 1–100 characters. */
  senderName: Scalars['String']['input'];
  /** dmSenderRefNumber: at most 50 characters. */
  senderRefNumber?: InputMaybe<Scalars['String']['input']>;
  /** dmSenderType (10 OVM, 20 PO, 30 PFO, 40 FO; finer types 10–50): the kind of the sender's party when it is new. */
  senderType?: InputMaybe<Scalars['Int']['input']>;
  /** dmMessageStatus: 4, 5, 6, 7 or 10 (a message in the box). */
  status: Scalars['Int']['input'];
  /** The message's files, uploaded first (POST /uploads), in order: the first is the main component. 1–100 files, 100 MB in all. */
  uploadIds: Array<Scalars['ID']['input']>;
};

/** A file proving what became of a shipment. Its bytes: GET downloadPath on the gateway's origin (logged as a view). */
export type DeliveryProof = {
  __typename?: 'DeliveryProof';
  /** When it was attached. */
  createdAt: Scalars['DateTime']['output'];
  /** Path of the download on the gateway's origin. */
  downloadPath: Scalars['String']['output'];
  /** The file's name as uploaded. */
  fileName: Scalars['String']['output'];
  /** Opaque id (UUID) of the proof. */
  id: Scalars['ID']['output'];
  /** What the proof shows. */
  kind: DeliveryProofKind;
  /** Media type of the bytes, e.g. application/pdf. */
  mediaType: Scalars['String']['output'];
  /** SHA-256 of the bytes (hex), as recorded in the audit trail. */
  sha256: Scalars['String']['output'];
  /** Size in bytes. */
  size: Scalars['Float']['output'];
};

/** What a proof attached to a shipment shows. */
export type DeliveryProofKind =
  /** Proof of delivery: an ISDS delivery receipt (doručenka), a signed postal delivery note (dodejka). */
  | 'DELIVERY_RECEIPT'
  /** The returned item or its scan. */
  | 'RETURNED_ITEM';

/** Metadata of a document that may change until it is closed; omitted fields stay as they are. */
export type DescribeDocumentInput = {
  /** 0–10000. */
  attachmentCount?: InputMaybe<Scalars['Int']['input']>;
  /** At most 200 characters. */
  attachmentKind?: InputMaybe<Scalars['String']['input']>;
  /** Digital, on paper, or both. */
  form?: InputMaybe<DocumentForm>;
  /** An active document kind of the municipality. */
  kindId?: InputMaybe<Scalars['ID']['input']>;
  /** 1–100000. */
  sheetCount?: InputMaybe<Scalars['Int']['input']>;
};

/** Input of dispatchShipment. */
export type DispatchShipmentInput = {
  /** When it was sent; defaults to now. */
  dispatchedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The ISDS dmID of the sent message (digits; required for DATA_BOX) or the postal item number. */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** Id of the shipment (TO_DISPATCH). */
  shipmentId: Scalars['ID']['input'];
};

/** Disposal code (skartační znak): A = archive, S = destroy, V = decide at disposal (legacy plans only). */
export type DisposalCode =
  /** Archiv: to be kept as an archival record (offered to the archive). */
  | 'A'
  /** Skartace: to be destroyed after the retention period, with the archive's consent. */
  | 'S'
  /** Výběr: the archive decides at disposal; legacy filing plans only. */
  | 'V';

/** Relay connection of a year's forecast. */
export type DisposalForecastConnection = {
  __typename?: 'DisposalForecastConnection';
  /** The entries of the page. */
  edges: Array<DisposalForecastEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Entries due that year (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One entry of the disposal forecast, with its cursor. */
export type DisposalForecastEdge = {
  __typename?: 'DisposalForecastEdge';
  /** Opaque position of this entry; pass it as `after` to get the entries that follow. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: DisposalForecastEntry;
};

/** One entry of the records office's forecast: a closed case file, or a settled document outside case files. */
export type DisposalForecastEntry = {
  __typename?: 'DisposalForecastEntry';
  /** The case file, for a case file entry; else null. */
  caseFile: Maybe<CaseFile>;
  /** Disposal code (skartační znak). */
  disposalCode: DisposalCode;
  /** The year it becomes due (rok skartační operace): the year asked for. */
  disposalYear: Scalars['Int']['output'];
  /** The document, for a lone document entry; else null. */
  document: Maybe<Document>;
  /** Full filing code (plně určený spisový znak) of its classification. */
  fullFilingCode: Scalars['String']['output'];
  /** Reference number (čj) or spisová značka. */
  referenceNumber: Scalars['String']['output'];
  /** Null when a fixed disposal year governs. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** Subject of the document or title of the case file. */
  title: Scalars['String']['output'];
  /** disposalYear - 1 - retentionYears; null under a fixed year. */
  triggerYear: Maybe<Scalars['Int']['output']>;
};

/** A document (registered, or an own draft). */
export type Document = {
  __typename?: 'Document';
  /**
   * What keeps this document from going to the archive on its own (a lone document, rule obs28), per rule of the
   * archive's validator (ZAF NSESSS 2024, e.g. obs64); ready when nothing does. Also asked through _entities by the
   * archives subgraph, to explain what blocks an entity in a disposal proposal.
   */
  archiveReadiness: ArchiveReadiness;
  /** When it was last assigned (assignDocument); null until then. */
  assignedAt: Maybe<Scalars['DateTime']['output']>;
  /** Number of attachments (počet příloh); required for ANALOG and HYBRID by settlement (0 when none). */
  attachmentCount: Maybe<Scalars['Int']['output']>;
  /** Kind of the attachments (druh příloh), e.g. "2 plány A3"; required when attachmentCount > 0 by settlement. */
  attachmentKind: Maybe<Scalars['String']['output']>;
  /** Author (autor) of an own document, as at its creation; null for received documents. */
  author: Maybe<DocumentAuthor>;
  /** Its cancellation (storno); null unless cancelled. */
  cancellation: Maybe<Cancellation>;
  /** The case file (spis) the document belongs to, if any. */
  caseFile: Maybe<CaseFile>;
  /** When it was closed (alone or with its case file); null until then. */
  closedAt: Maybe<Scalars['DateTime']['output']>;
  /** The document's files (komponenty), by order then version; order 1 is the main component. */
  components: Array<Component>;
  /** Conversion of its components to output formats (PDF/A at settlement at the latest): progress, failures, and whether they keep it from closing. */
  conversion: DocumentConversion;
  /** When the document was created in the hub (registered, or the draft created). */
  createdAt: Scalars['DateTime']['output'];
  /** Who created it; null for documents the hub files itself (e.g. the daily transaction log renditions). */
  createdBy: Maybe<User>;
  /** When a received document reached the municipality, to the second. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** Disposal code of the document's retention schedule (skartační znak). */
  disposalCode: Maybe<DisposalCode>;
  /**
   * Year of the disposal operation: triggerYear + 1 + retentionYears, or the schedule's fixed year (rok vyřazení);
   * null until the trigger event has happened.
   */
  disposalYear: Maybe<Scalars['Int']['output']>;
  /** Where the document is classified in the filing plan (věcná skupina); its retention schedule applies. */
  filingPlanNode: Maybe<FilingPlanNode>;
  /** Form (forma dokumentu): digital, on paper, or both. */
  form: DocumentForm;
  /** The hand-over list it went to the records office with (a case file's documents: the case file's list). */
  handOverList: Maybe<RecordsHandOver>;
  /** Handler (zpracovatel) the document is assigned to. */
  handler: Maybe<User>;
  /** Opaque id (UUID) of the document. */
  id: Scalars['ID']['output'];
  /** Document kind (druh dokumentu); null only while the municipality has no vocabulary of kinds. */
  kind: Maybe<DocumentKind>;
  /** The municipality whose document it is. */
  municipality: Municipality;
  /** Org unit the document is assigned to. */
  orgUnit: Maybe<OrgUnit>;
  /** Received (doručený) or own (vlastní). */
  origin: DocumentOrigin;
  /** Unique identifier bound to the document (PID, jednoznačný identifikátor): abbreviation + code, never reused; drafts have one too. */
  pid: Scalars['String']['output'];
  /** Reference number (číslo jednací, čj), e.g. MBK 17/2026; null while a draft. */
  referenceNumber: Maybe<Scalars['String']['output']>;
  /** The register (evidence) the document is numbered in. */
  register: Register;
  /** Null while a draft. */
  registeredAt: Maybe<Scalars['DateTime']['output']>;
  /** Who registered it; null while a draft. */
  registeredBy: Maybe<User>;
  /** Retention period in years (skartační lhůta); null when the schedule has a fixed disposal year. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** The sender as registered: a snapshot of the party at registration (what the register entry and the SIP show). */
  sender: Maybe<Sender>;
  /** The sender in the name register (jmenný rejstřík), as it is now; null for own documents. */
  senderParty: Maybe<Party>;
  /** The sender's own reference number (odesílatelovo evidenční číslo). */
  senderReferenceNumber: Maybe<Scalars['String']['output']>;
  /** Number within the register and year (pořadové číslo), from 1 without gaps; null while a draft. */
  sequenceNumber: Maybe<Scalars['Int']['output']>;
  /** Its settlement (vyřízení); null until settled. */
  settlement: Maybe<Settlement>;
  /** Number of sheets (počet listů) of the paper part; required for ANALOG and HYBRID by settlement. */
  sheetCount: Maybe<Scalars['Int']['output']>;
  /** Shipments of an own document (zásilky), oldest first. */
  shipments: Array<Shipment>;
  /** Where the records office downloads this document's SIP (a ZIP), with the caller's token through the gateway. */
  sipDownloadPath: Scalars['String']['output'];
  /** Where the document is in its workflow; changed only by the workflow mutations. */
  state: DocumentState;
  /** Subject (věc) of the document, 1–2000 characters. */
  subject: Scalars['String']['output'];
  /** Date of an external trigger event (e.g. the contract ended), when the schedule's trigger is EXTERNAL. */
  triggerEventOn: Maybe<Scalars['String']['output']>;
  /** Year the period counts from (rok spouštěcí události): disposalYear - 1 - retentionYears; null while unknown or under a fixed year. */
  triggerYear: Maybe<Scalars['Int']['output']>;
  /** Year of the number series; null while a draft. */
  year: Maybe<Scalars['Int']['output']>;
};


/** A document (registered, or an own draft). */
export type DocumentSipDownloadPathArgs = {
  profile: SipProfile;
};

/** The author of an own document (autor, tSubjektInterni): who created it, as they were then. */
export type DocumentAuthor = {
  __typename?: 'DocumentAuthor';
  /** Their full name at the time. */
  name: Scalars['String']['output'];
  /** Their org unit's name at the time; null when unknown. */
  orgUnitName: Maybe<Scalars['String']['output']>;
  /** Their position (pracovní pozice); null while the hub keeps none. */
  position: Maybe<Scalars['String']['output']>;
  /** The user, while the users subgraph knows them; null for documents the hub files itself. */
  user: Maybe<User>;
};

/** Relay connection of documents, newest first (by creation; a registered document was created when registered). */
export type DocumentConnection = {
  __typename?: 'DocumentConnection';
  /** The documents of the page. */
  edges: Array<DocumentEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Documents in the whole filtered list. Counted only when asked for, at the cost of reading the whole list. */
  totalCount: Scalars['Int']['output'];
};

/** A document's conversions to output formats: progress and failures. */
export type DocumentConversion = {
  __typename?: 'DocumentConversion';
  /** Why closing the document (or its case file) is refused because of a failed conversion; null when it is not. */
  closeBlockedReason: Maybe<Scalars['String']['output']>;
  /** Conversions finished. */
  done: Scalars['Int']['output'];
  /** Conversions failed. */
  failed: Scalars['Int']['output'];
  /** Every conversion of the document, oldest first. */
  jobs: Array<ComponentConversion>;
  /** Conversions queued or running. */
  pending: Scalars['Int']['output'];
  /** Summary of the jobs: failed wins over pending, pending over done. */
  state: DocumentConversionState;
};

/** Summary state of a document's conversions. */
export type DocumentConversionState =
  /** Every queued conversion finished. */
  | 'DONE'
  /** At least one conversion failed: closing is refused (closeBlockedReason). */
  | 'FAILED'
  /** Nothing was queued (settlement queues; or every component is in an output format as it is). */
  | 'NONE'
  /** Some conversions are queued or running. */
  | 'PENDING';

/** One document of a list, with its cursor. */
export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  /** Opaque position of this document; pass it as `after` to get the ones that follow. */
  cursor: Scalars['String']['output'];
  /** The document. */
  node: Document;
};

/** Narrows a list of documents; the conditions given must all hold. */
export type DocumentFilter = {
  /** Only documents of this register. */
  registerId?: InputMaybe<Scalars['ID']['input']>;
  /** Registered at or after. */
  registeredFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Registered before. */
  registeredTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Words of the sender's name, matched like subjectContains ("fin urad" finds "Finanční úřad pro Jihomoravský kraj"). */
  senderContains?: InputMaybe<Scalars['String']['input']>;
  /** The sender's data box id, exactly (e.g. every document from one authority). */
  senderDataBoxId?: InputMaybe<Scalars['String']['input']>;
  /** Only documents in this state. */
  state?: InputMaybe<DocumentState>;
  /** Words of the subject: each word of this text (a run of letters and digits; case and diacritics ignored) must begin a word of the subject, so "kolumbari" finds "Kolumbárium" and "zad dot" finds "Žádost o dotaci"; a part inside a word does not match. Served by a word index at any volume. A text without a letter or digit matches nothing. */
  subjectContains?: InputMaybe<Scalars['String']['input']>;
  /** Only documents numbered in this year (the year of the reference number). */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** Forma dokumentu. */
export type DocumentForm =
  /** On paper (analogový dokument: ano). */
  | 'ANALOG'
  /** Digital only (analogový dokument: ne). */
  | 'DIGITAL'
  /** Partly on paper, partly digital (hybridní). */
  | 'HYBRID';

/** A document kind (druh dokumentu, tDruhDokumentu) of the municipality's vocabulary. */
export type DocumentKind = {
  __typename?: 'DocumentKind';
  /** Inactive kinds take no new documents. */
  active: Scalars['Boolean']['output'];
  /** Note on when to use it, up to 500 characters; null when none. */
  comment: Maybe<Scalars['String']['output']>;
  /** Opaque id (UUID) of the kind. */
  id: Scalars['ID']['output'];
  /** Identifier for the archive (tDruhDokumentu's Identifikator). */
  identifier: Identifier;
  /** The kind a document gets when none is given (one per municipality). */
  isDefault: Scalars['Boolean']['output'];
  /** Name of the kind, e.g. Žádost, Faktura, Ostatní; 1–100 characters. */
  name: Scalars['String']['output'];
};

/** RECEIVED: delivered to the municipality (doručený). OWN: created by it (vlastní). */
export type DocumentOrigin =
  /** Created by the municipality (vlastní dokument): has an author. */
  | 'OWN'
  /** Delivered to the municipality (doručený dokument): has a sender and a delivery time. */
  | 'RECEIVED';

/** The result of a workflow step: the document as it is now, and the audit event written. */
export type DocumentPayload = {
  __typename?: 'DocumentPayload';
  /** The audit event written with the change. */
  auditEventId: Scalars['ID']['output'];
  /** The document as it is now. */
  document: Document;
};

/**
 * State of a document in its handling workflow (domain.md §4.1). Changed only by the intent mutations
 * (registerDraft, assignDocument, acceptDocument, returnDocument, settleDocument, reopenDocument,
 * closeDocument, cancelDocument), never set directly.
 */
export type DocumentState =
  /** Handed to an org unit / handler, not yet accepted. */
  | 'ASSIGNED'
  /** Cancelled (stornován) with a reason; its number is kept, never reused. */
  | 'CANCELLED'
  /** Closed (uzavřen): alone, or with its case file. */
  | 'CLOSED'
  /** Own document in preparation (koncept): no number yet. */
  | 'DRAFT'
  /** Předán do spisovny: on a hand-over list, waiting for the records office (handOverToRecordsOffice). */
  | 'HANDED_TO_RECORDS_OFFICE'
  /** Accepted by its handler, being handled. */
  | 'IN_PROGRESS'
  /** Převzat do spisovny: the records office has it (archives' takeOverHandOverList). */
  | 'IN_RECORDS_OFFICE'
  /** Zapůjčen: lent by the records office (archives' lendFromRecordsOffice). */
  | 'ON_LOAN'
  /** Registered: PID, register entry and reference number exist. */
  | 'REGISTERED'
  /** Settled (vyřízen): method, date and handler recorded. */
  | 'SETTLED'
  /** Předán do archivu: the archive confirmed it took it over (archives' recordTransferConfirmation, TrP Prenos). */
  | 'TRANSFERRED';

/**
 * A filing plan (spisový plán) of a municipality. Versioned: several plans may be valid at the same time
 * (e.g. before and after a revision).
 */
export type FilingPlan = {
  __typename?: 'FilingPlan';
  /** When the plan was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque id (UUID) of the plan. */
  id: Scalars['ID']['output'];
  /** Identifier for the archive; default <ABBR>-<year of validFrom>, e.g. MBK-2026. */
  identifier: Identifier;
  /** Legacy plans may use disposal code V; new plans only A and S. */
  legacy: Scalars['Boolean']['output'];
  /** Name of the plan, 1–200 characters. */
  name: Scalars['String']['output'];
  /** All nodes, ordered by full filing code; inactive ones too when asked. */
  nodes: Array<FilingPlanNode>;
  /** Top-level nodes. */
  roots: Array<FilingPlanNode>;
  /** Separator between the levels of a full filing code: space, -, / or . */
  separator: Scalars['String']['output'];
  /** First day of validity (YYYY-MM-DD). */
  validFrom: Scalars['String']['output'];
  /** Last day of validity (YYYY-MM-DD); null while open-ended. */
  validTo: Maybe<Scalars['String']['output']>;
};


/**
 * A filing plan (spisový plán) of a municipality. Versioned: several plans may be valid at the same time
 * (e.g. before and after a revision).
 */
export type FilingPlanNodesArgs = {
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * A filing plan (spisový plán) of a municipality. Versioned: several plans may be valid at the same time
 * (e.g. before and after a revision).
 */
export type FilingPlanRootsArgs = {
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};

/**
 * A node of a filing plan (věcná skupina). Lowest-level nodes carry a retention schedule and take documents and
 * case files. A node that has been used is never edited in place: it is deactivated and replaced.
 */
export type FilingPlanNode = {
  __typename?: 'FilingPlanNode';
  /** Inactive nodes take no new documents or case files. */
  active: Scalars['Boolean']['output'];
  /** The nodes directly below it, by code. */
  children: Array<FilingPlanNode>;
  /** Simple filing code (jednoduchý spisový znak), ≤ 50 characters. */
  code: Scalars['String']['output'];
  /** Full filing code (plně určený spisový znak) = parent's full code + separator + code, ≤ 255 characters. */
  fullCode: Scalars['String']['output'];
  /** Opaque id (UUID) of the node. */
  id: Scalars['ID']['output'];
  /** Identifier for the archive, unique in the plan; default the full filing code (a replacement: code-2, …). */
  identifier: Identifier;
  /** Name of the subject group (věcná skupina), 1–300 characters. */
  name: Scalars['String']['output'];
  /** The node above it; null for a top-level node. */
  parent: Maybe<FilingPlanNode>;
  /** The filing plan it belongs to. */
  plan: FilingPlan;
  /** The node that replaced this one (replaceFilingPlanNode); null if none. */
  replacedBy: Maybe<FilingPlanNode>;
  /** The node this one replaced, and the one that replaced it. */
  replaces: Maybe<FilingPlanNode>;
  /** Its retention schedule (skartační režim); only lowest-level nodes have one. */
  retentionSchedule: Maybe<RetentionSchedule>;
  /** Whether a document or case file has been classified here (then it can only be deactivated and replaced). */
  used: Scalars['Boolean']['output'];
};


/**
 * A node of a filing plan (věcná skupina). Lowest-level nodes carry a retention schedule and take documents and
 * case files. A node that has been used is never edited in place: it is deactivated and replaced.
 */
export type FilingPlanNodeChildrenArgs = {
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The result of handOverToRecordsOffice. */
export type HandOverPayload = {
  __typename?: 'HandOverPayload';
  /** The Zalozeni event of the hand-over list document. */
  auditEventId: Scalars['ID']['output'];
  /** The new hand-over list. */
  handOverList: RecordsHandOver;
};

/** What to hand over: at least one case file or document, at most 500 in all. */
export type HandOverToRecordsOfficeInput = {
  /** Closed case files (with all their documents). */
  caseFileIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Closed documents outside case files. */
  documentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** An identifier for the archive (NSESSS tIdentifikator): HodnotaID and ZdrojID, each at most 50 characters. */
export type Identifier = {
  __typename?: 'Identifier';
  /** ZdrojID: who issued the value, 1–50 characters, e.g. cz.blansko.essl.MBK. */
  source: Scalars['String']['output'];
  /** HodnotaID: the identifier's value, 1–50 characters. */
  value: Scalars['String']['output'];
};

/** An identifier as input; the source defaults to the municipality's (cz.blansko.essl.<ABBR>). */
export type IdentifierInput = {
  /** ZdrojID: 1–50 characters without control characters; default the municipality's. */
  source?: InputMaybe<Scalars['String']['input']>;
  /** HodnotaID: 1–50 characters without control characters. */
  value: Scalars['String']['input'];
};

/** The declared media type of a file against the one detected from its bytes. */
export type MediaTypeCheck =
  /** The declared type names the detected format (or was application/octet-stream, which claims nothing). */
  | 'MATCH'
  /** The declared type names another format than the bytes are: recorded, not refused. */
  | 'MISMATCH'
  /** The bytes are of no format the hub recognises: nothing to compare with. */
  | 'UNRECOGNISED';

export type Municipality = {
  __typename?: 'Municipality';
  /** The municipality's documents; only its own users may list them. */
  documents: Maybe<DocumentConnection>;
  id: Scalars['ID']['output'];
};


export type MunicipalityDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type Mutation = {
  __typename?: 'Mutation';
  /** ASSIGNED → IN_PROGRESS: the handler (or a unit head of the unit) takes the document over. */
  acceptDocument: DocumentPayload;
  /** Records managers: a node of a plan. */
  addFilingPlanNode: FilingPlanNode;
  /** REGISTERED → ASSIGNED, or IN_PROGRESS → ASSIGNED (forwarding): to an org unit and optionally a handler of it. */
  assignDocument: DocumentPayload;
  /** Attaches an upload (POST /uploads) to a document as a component: order defaults to the next free one; an existing order gets its next version. */
  attachComponent: DocumentPayload;
  /** REGISTERED → CANCELLED (storno) with a reason; the number stays used. */
  cancelDocument: DocumentPayload;
  /** CREATED or TO_DISPATCH → CANCELLED (VyjmutiZVypraveni): whoever created it, the document's handler, or the dispatch office. */
  cancelShipment: ShipmentPayload;
  /** Classifies a document into a lowest-level, active node of a valid filing plan. */
  classifyDocument: DocumentPayload;
  /** OPEN → CLOSED: needs title, classification with a retention schedule, and every document settled; its documents close with it. */
  closeCaseFile: CaseFilePayload;
  /** SETTLED → CLOSED for a document outside case files (documents in a case file close with it). Needs a classification. */
  closeDocument: DocumentPayload;
  /**
   * Queues the conversion of the document's components that are not in an output format (settlement does this by
   * itself; ask earlier to seal and send, or again after a failure): its handler, author, unit head or a records
   * manager. The result appears in Document.conversion; each converted file is logged (KonverzeFormatu).
   */
  convertDocumentComponents: ConvertDocumentComponentsPayload;
  /** Records managers: a new document kind. */
  createDocumentKind: DocumentKind;
  /** Case handlers: an own document in preparation (DRAFT), with a PID but no number yet. */
  createDraftDocument: DocumentPayload;
  /** Records managers: a new filing plan. */
  createFilingPlan: FilingPlan;
  /** The podatelna, the dispatch office and the records staff: adds a party to the name register (CONFLICT when it is there: same IČO, data box, or name and address). */
  createParty: PartyPayload;
  /** Records managers: a new register of the own municipality. */
  createRegister: Register;
  /** Puts an own registered document into dispatch to one recipient by one channel (VlozeniKVypraveni): its handler, author or unit head. */
  createShipment: ShipmentPayload;
  /** Tenant admins: a webhook for an office app's API client (events of the municipality's log from now on). The signing secret is in the answer this once. */
  createWebhookSubscription: WebhookSecretPayload;
  /** Records managers: a deactivated node takes no new documents or case files. */
  deactivateFilingPlanNode: FilingPlanNode;
  /** Tenant admins: stops a webhook for good (its past attempts stay visible to the audit). Returns its id. */
  deleteWebhookSubscription: Scalars['ID']['output'];
  /** Kind, form and quantities, until the document is closed (who may classify it may describe it). */
  describeDocument: DocumentPayload;
  /** TO_DISPATCH → DISPATCHED (Vypraveno): dispatch clerks, or the ISDS connector's API client with that role. */
  dispatchShipment: ShipmentPayload;
  /** Records managers: ends a plan's validity (YYYY-MM-DD). */
  endFilingPlanValidity: FilingPlan;
  /** Records managers: fixes the log of a past day (and any earlier day not yet fixed) now; returns that day's rendition. */
  fixAuditLogDay: AuditLogRendition;
  /** CREATED → TO_DISPATCH: hands the shipment to the dispatch office (PredaniVypravne). */
  handOverShipment: ShipmentPayload;
  /**
   * Předání do spisovny: the handler (or unit head, or a records manager) hands closed case files and closed
   * documents outside case files to the records office, on a new hand-over list filed as a document of the main
   * register. All move to HANDED_TO_RECORDS_OFFICE (a case file with its documents); TrP PredaniNaSpisovnu on each.
   */
  handOverToRecordsOffice: HandOverPayload;
  /** Puts a document into an open case file; a document belongs to at most one. */
  insertIntoCaseFile: CaseFilePayload;
  /** Opens a case file (spis) from an initiating document, which becomes its first document. */
  openCaseFile: CaseFilePayload;
  /** Intake clerks and ISDS connectors (API clients): registers a received data message with its files (uploads) in the main register. Idempotent on dmId: a repeat answers the first document with duplicate true. */
  receiveDataMessage: ReceiveDataMessagePayload;
  /** Enters the date of the external trigger event of a closed case file (YYYY-MM-DD). */
  recordCaseFileTriggerEvent: CaseFilePayload;
  /**
   * Enters the date of the external trigger event of a settled or closed document (YYYY-MM-DD): its handler, the
   * head of its unit, the records office or a records manager.
   */
  recordDocumentTriggerEvent: DocumentPayload;
  /** DISPATCHED → DELIVERED (Doruceno), with the delivery proof (doručenka, dodejka) when there is one. */
  recordShipmentDelivery: ShipmentPayload;
  /** DISPATCHED → RETURNED (the item came back undelivered), with the reason and the returned item's scan when there is one. */
  recordShipmentReturn: ShipmentPayload;
  /** Registers a document: next number of (municipality, register, year), PID and audit event, in one transaction. */
  registerDocument: RegisterDocumentPayload;
  /** DRAFT → REGISTERED: gives the draft its number. */
  registerDraft: DocumentPayload;
  /** Takes a document (not the initiating one) out of an open case file. */
  removeFromCaseFile: CaseFilePayload;
  /** CLOSED → OPEN, before hand-over to the records office; its documents go back to SETTLED. */
  reopenCaseFile: CaseFilePayload;
  /** SETTLED → IN_PROGRESS, before it is closed. */
  reopenDocument: DocumentPayload;
  /** Records managers: deactivates a node and creates its replacement with the changes (same parent, same plan). */
  replaceFilingPlanNode: FilingPlanNode;
  /**
   * Tenant admins: delivers again every matching event from a point of the log on: `fromPoradi` (the log's Poradi) or
   * `fromTime` (the first entry recorded then or later), exactly one. Receivers see the same event ids again.
   */
  replayWebhookSubscription: WebhookSubscription;
  /** ASSIGNED → REGISTERED: the handler refuses the assignment, with a reason. */
  returnDocument: DocumentPayload;
  /** Tenant admins: a new signing secret, shown this once; the old one signs nothing from now on. */
  rotateWebhookSecret: WebhookSecretPayload;
  /**
   * Seals the newest version of a component of an own document with the municipality's electronic seal (PAdES,
   * time-stamped when a time-stamp authority is configured): it must be a PDF/A (an output-format version, or an
   * original that is a PDF/A). The sealed file becomes the order's next version (ORIGINAL_OUTPUT_FORMAT), which a
   * data-box shipment then carries; logged as PripojeniPodpisu (and PripojeniRazitka). Its handler, author, unit head
   * or a records manager. CONFLICT: not own, not the newest, not a PDF/A, sealed already, handed over to dispatch, no
   * seal configured; SERVICE_UNAVAILABLE: the time-stamp authority failed (nothing written).
   */
  sealComponent: SealComponentPayload;
  /** IN_PROGRESS → SETTLED: method, day and handler recorded. */
  settleDocument: DocumentPayload;
  /** Changes the title or classification of an open case file. */
  updateCaseFile: CaseFilePayload;
  /** Records managers. */
  updateDocumentKind: DocumentKind;
  /** Records managers: changes an unused node in place; a used node is refused (CONFLICT): replace it. */
  updateFilingPlanNode: FilingPlanNode;
  /** Replaces a party's details (the earlier ones stay in its audit trail); documents and shipments keep their snapshots. */
  updateParty: PartyPayload;
  /** Tenant admins: changes the URL, event types, filters or whether it is active; what is not given stays. */
  updateWebhookSubscription: WebhookSubscription;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationAcceptDocumentArgs = {
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationAddFilingPlanNodeArgs = {
  input: AddFilingPlanNodeInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationAssignDocumentArgs = {
  documentId: Scalars['ID']['input'];
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  orgUnitId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationAttachComponentArgs = {
  documentId: Scalars['ID']['input'];
  form: ComponentForm;
  order?: InputMaybe<Scalars['Int']['input']>;
  uploadId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCancelDocumentArgs = {
  documentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCancelShipmentArgs = {
  reason: Scalars['String']['input'];
  shipmentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationClassifyDocumentArgs = {
  documentId: Scalars['ID']['input'];
  filingPlanNodeId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCloseCaseFileArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCloseDocumentArgs = {
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationConvertDocumentComponentsArgs = {
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateDocumentKindArgs = {
  input: CreateDocumentKindInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateDraftDocumentArgs = {
  input: CreateDraftDocumentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateFilingPlanArgs = {
  input: CreateFilingPlanInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreatePartyArgs = {
  input: PartyInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateRegisterArgs = {
  input: CreateRegisterInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateShipmentArgs = {
  input: CreateShipmentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateWebhookSubscriptionArgs = {
  input: CreateWebhookSubscriptionInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDeactivateFilingPlanNodeArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDeleteWebhookSubscriptionArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDescribeDocumentArgs = {
  documentId: Scalars['ID']['input'];
  input: DescribeDocumentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDispatchShipmentArgs = {
  input: DispatchShipmentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationEndFilingPlanValidityArgs = {
  planId: Scalars['ID']['input'];
  validTo: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationFixAuditLogDayArgs = {
  day: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationHandOverShipmentArgs = {
  shipmentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationHandOverToRecordsOfficeArgs = {
  input: HandOverToRecordsOfficeInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationInsertIntoCaseFileArgs = {
  caseFileId: Scalars['ID']['input'];
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationOpenCaseFileArgs = {
  input: OpenCaseFileInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReceiveDataMessageArgs = {
  input: DataMessageInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRecordCaseFileTriggerEventArgs = {
  id: Scalars['ID']['input'];
  occurredOn: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRecordDocumentTriggerEventArgs = {
  documentId: Scalars['ID']['input'];
  occurredOn: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRecordShipmentDeliveryArgs = {
  input: RecordShipmentDeliveryInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRecordShipmentReturnArgs = {
  input: RecordShipmentReturnInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRegisterDocumentArgs = {
  input: RegisterDocumentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRegisterDraftArgs = {
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRemoveFromCaseFileArgs = {
  caseFileId: Scalars['ID']['input'];
  documentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReopenCaseFileArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReopenDocumentArgs = {
  documentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReplaceFilingPlanNodeArgs = {
  id: Scalars['ID']['input'];
  input: ReviseFilingPlanNodeInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReplayWebhookSubscriptionArgs = {
  fromPoradi?: InputMaybe<Scalars['Int']['input']>;
  fromTime?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationReturnDocumentArgs = {
  documentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationSealComponentArgs = {
  componentId: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationSettleDocumentArgs = {
  documentId: Scalars['ID']['input'];
  input: SettleDocumentInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdateCaseFileArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCaseFileInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdateDocumentKindArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDocumentKindInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdateFilingPlanNodeArgs = {
  id: Scalars['ID']['input'];
  input: ReviseFilingPlanNodeInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdatePartyArgs = {
  id: Scalars['ID']['input'];
  input: PartyInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdateWebhookSubscriptionArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWebhookSubscriptionInput;
};

/** Input of openCaseFile. */
export type OpenCaseFileInput = {
  /** Classification: a lowest-level, active node of a valid filing plan. */
  filingPlanNodeId?: InputMaybe<Scalars['ID']['input']>;
  /** The registered document the case file is opened from; not yet in a case file. */
  initiatingDocumentId: Scalars['ID']['input'];
  /** Title (věc) of the case file, 1–500 characters. */
  title: Scalars['String']['input'];
};

export type OrgUnit = {
  __typename?: 'OrgUnit';
  id: Scalars['ID']['output'];
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

/**
 * A party of the name register (jmenný rejstřík, subjekt): a sender or recipient, kept once per municipality and
 * reused by intake and dispatch. One party per IČO and per data box within a municipality.
 */
export type Party = {
  __typename?: 'Party';
  /** The address on one line (the SIP's PostovniAdresa / SidloOrganizace); free text when it is not known in parts. */
  address: Maybe<Scalars['String']['output']>;
  /** A natural person's date of birth, YYYY-MM-DD. */
  birthDate: Maybe<Scalars['String']['output']>;
  /** When it was added. */
  createdAt: Scalars['DateTime']['output'];
  /** Data box id (ID datové schránky), 7 characters. */
  dataBoxId: Maybe<Scalars['String']['output']>;
  /** E-mail address, when known. */
  email: Maybe<Scalars['String']['output']>;
  /** A natural person's family name. */
  familyName: Maybe<Scalars['String']['output']>;
  /** A natural person's given name and family name (empty for parties carried over from a flat sender). */
  givenName: Maybe<Scalars['String']['output']>;
  /** IČO (8 digits, valid check digit). */
  ico: Maybe<Scalars['String']['output']>;
  /** Opaque id (UUID) of the party. */
  id: Scalars['ID']['output'];
  /** Authority, legal person or natural person. */
  kind: PartyKind;
  /** The name as a letter is addressed: a legal person's or authority's name, a natural person's given and family name. */
  name: Scalars['String']['output'];
  /** The address in parts, when known. */
  postalAddress: Maybe<PostalAddress>;
  /** How it got into the name register. */
  source: PartySource;
  /** When its details last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of the name register (Relay connection), newest first. */
export type PartyConnection = {
  __typename?: 'PartyConnection';
  /** The parties of the page. */
  edges: Array<PartyEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Parties matching `search` in the whole name register; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

/** One party of a list, with its cursor. */
export type PartyEdge = {
  __typename?: 'PartyEdge';
  /** Opaque position of this party; pass it as `after` to get the ones that follow. */
  cursor: Scalars['String']['output'];
  /** The party. */
  node: Party;
};

/**
 * A party as given: PUBLIC_AUTHORITY and LEGAL_PERSON need `name`; NATURAL_PERSON needs `givenName` and `familyName`
 * (its `name` is made from them). The address is given in parts (`postalAddress`) or, when it is not known in parts,
 * as one line (`address`), not both.
 */
export type PartyInput = {
  /** The address in one line when not known in parts, up to 500 characters. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** A natural person's date of birth, YYYY-MM-DD (natural persons only). */
  birthDate?: InputMaybe<Scalars['String']['input']>;
  /** Data box id: exactly 7 lowercase letters or digits; unique in the name register. */
  dataBoxId?: InputMaybe<Scalars['String']['input']>;
  /** E-mail address, up to 254 characters. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** A natural person's family name (required for NATURAL_PERSON), up to 100 characters. */
  familyName?: InputMaybe<Scalars['String']['input']>;
  /** A natural person's given name (required for NATURAL_PERSON), up to 100 characters. */
  givenName?: InputMaybe<Scalars['String']['input']>;
  /** IČO: 8 digits with a valid check digit; unique in the name register. */
  ico?: InputMaybe<Scalars['String']['input']>;
  /** Authority, legal person or natural person. */
  kind: PartyKind;
  /** Name (required for PUBLIC_AUTHORITY and LEGAL_PERSON), 1–300 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The address in parts (or give `address`). */
  postalAddress?: InputMaybe<PostalAddressInput>;
};

/** Kind of a party (druh subjektu), as ISDS types data boxes (dbType): OVM, PO, and FO/PFO. */
export type PartyKind =
  /** Právnická osoba: a company, an association. */
  | 'LEGAL_PERSON'
  /** Fyzická osoba (also podnikající, with an IČO). */
  | 'NATURAL_PERSON'
  /** Orgán veřejné moci: an authority, a municipality, a court. */
  | 'PUBLIC_AUTHORITY';

/** The result of createParty and updateParty. */
export type PartyPayload = {
  __typename?: 'PartyPayload';
  /** The audit event written with the change (Zalozeni or Uprava of the Subjekt). */
  auditEventId: Scalars['ID']['output'];
  /** The party as it is now. */
  party: Party;
};

/** How a party got into the name register. */
export type PartySource =
  /** With a shipment. */
  | 'DISPATCH'
  /** With a received document (registration or a data message). */
  | 'INTAKE'
  /** Entered by hand (createParty). */
  | 'MANUAL'
  /** From the sender or recipient of a document or shipment stored before the name register existed. */
  | 'UPGRADE';

/** A Czech postal address (poštovní adresa). */
export type PostalAddress = {
  __typename?: 'PostalAddress';
  /** Číslo popisné, or "ev. č. N" for a číslo evidenční. */
  houseNumber: Scalars['String']['output'];
  /** Municipality (obec). */
  municipality: Scalars['String']['output'];
  /** Part of the municipality (část obce), when it is written. */
  municipalityPart: Maybe<Scalars['String']['output']>;
  /** Číslo orientační, e.g. 12a. */
  orientationNumber: Maybe<Scalars['String']['output']>;
  /** PSČ: 5 digits. */
  postCode: Scalars['String']['output'];
  /** Street (ulice); in a village without streets, the village (or its part). */
  street: Scalars['String']['output'];
};

/** A postal address as input: texts are trimmed; the PSČ may contain a space (678 01). */
export type PostalAddressInput = {
  /** Číslo popisné, or "ev. č. N" for a číslo evidenční. Required. */
  houseNumber: Scalars['String']['input'];
  /** Municipality (obec). Required. */
  municipality: Scalars['String']['input'];
  /** Part of the municipality (část obce); optional. */
  municipalityPart?: InputMaybe<Scalars['String']['input']>;
  /** Číslo orientační, e.g. 12a; optional. */
  orientationNumber?: InputMaybe<Scalars['String']['input']>;
  /** PSČ: 5 digits, optionally with a space after the third (678 01). */
  postCode: Scalars['String']['input'];
  /** Street (ulice); in a village without streets, the village (or its part). Required. */
  street: Scalars['String']['input'];
};

/** Kind of a postal item (druh zásilky). */
export type PostalKind =
  /** Do ciziny. */
  | 'ABROAD'
  /** Dobírka. */
  | 'CASH_ON_DELIVERY'
  /** Doporučené s dodejkou. */
  | 'DELIVERY_NOTE'
  /** EMS (Express Mail Service). */
  | 'EMS'
  /** Obyčejné. */
  | 'ORDINARY'
  /** Balík. */
  | 'PARCEL'
  /** Do vlastních rukou. */
  | 'PERSONAL_HANDS'
  /** Doporučené. */
  | 'REGISTERED'
  /** Cenné psaní. */
  | 'VALUABLE_LETTER';

/** The root of all reads through the gateway; each field says who may read it. */
export type Query = {
  __typename?: 'Query';
  /** The municipality's transaction log, in poradi order (auditors and records managers only). */
  auditLog: AuditLogConnection;
  /**
   * One object's history as a TransakcniLogObjektu XML document (auditors and records managers only); `objectId` is
   * the object's id or its PID. The export is logged (`Export` of the object).
   */
  auditLogObjectXml: Scalars['String']['output'];
  /** Daily renditions of the log, oldest first; `from`/`to` are days (YYYY-MM-DD). */
  auditLogRenditions: Array<AuditLogRendition>;
  /** The key that verifies the seals of renditions. */
  auditLogSealKey: AuditLogSealKey;
  /** An object's audit trail across all subgraphs (auditors, records staff and tenant admins). */
  auditTrail: AuditTrail;
  /** One case file of the caller's municipality, or null when unknown or not visible to the caller. */
  caseFile: Maybe<CaseFile>;
  /** Case files of the caller's municipality, newest first. */
  caseFiles: CaseFileConnection;
  /** Tenant admins: the municipality's data-box (ISDS) connection and its status; null when none is configured. */
  dataBoxConnection: Maybe<DataBoxConnection>;
  /** The dispatch office's queue (výpravna; dispatch clerks): shipments in `state` (default TO_DISPATCH), oldest first. */
  dispatchQueue: ShipmentConnection;
  /**
   * What becomes due for disposal in `year` (records office's forecast), ordered by full filing code, then reference
   * number, both naturally (51.1 before 101, MBK 2/2026 before MBK 17/2026); keyset-paged, 50 entries by default.
   */
  disposalForecast: DisposalForecastConnection;
  /**
   * A document the caller may see, or null. Intake clerks, the records office, records managers and auditors see the
   * whole register; others see what they created, registered or handle; unit heads also their unit's documents.
   */
  document: Maybe<Document>;
  /** The municipality's document kinds (druhy dokumentů), by name; inactive ones too when asked. */
  documentKinds: Array<DocumentKind>;
  /** Documents of the caller's municipality the caller may see (see `document`), newest first; keyset-paged. */
  documents: DocumentConnection;
  /** One filing plan of the caller's municipality; null when unknown. */
  filingPlan: Maybe<FilingPlan>;
  /** One filing plan node of the caller's municipality; null when unknown. */
  filingPlanNode: Maybe<FilingPlanNode>;
  /** Filing plans of the caller's municipality, newest first; `validOn` (YYYY-MM-DD) keeps those valid that day. */
  filingPlans: Array<FilingPlan>;
  /** The caller's queue: documents assigned to them (unit heads: also their unit's unassigned ones; intake clerks: registered ones waiting to be assigned). */
  myDocuments: DocumentConnection;
  /** The name register (jmenný rejstřík) of the caller's municipality, newest first; `search` is a substring of the name (case and diacritics ignored), an IČO or a data box id. */
  parties: PartyConnection;
  /** A party of the caller's municipality, or null. */
  party: Maybe<Party>;
  /**
   * Platform operators (PLATFORM_ADMIN): the same counts across all municipalities, with no content and nothing that
   * names a record: only periods, states, origins, channels, codes and forms, optionally by `MUNICIPALITY`; no text
   * or register filters.
   */
  platformStatistics: Statistics;
  /** A hand-over list to the records office by its document's id; null when not visible. */
  recordsHandOver: Maybe<RecordsHandOver>;
  /**
   * The podací deník: the entries of a register numbered in `year`, in number order (1, 2, 3 …), keyset-paged by
   * the number. `registerId` defaults to the municipality's active main register. Visibility as for `documents`:
   * intake clerks, the records office, records managers and auditors see the whole register.
   */
  registerJournal: DocumentConnection;
  /** Registers of the caller's municipality. */
  registers: Array<Register>;
  /** A shipment of a document the caller sees, or any shipment for dispatch clerks; null otherwise. */
  shipment: Maybe<Shipment>;
  /**
   * Counts for analysts in one query (e.g. documents per month × state, per filing code): what the caller may see of
   * their own municipality, grouped by up to four dimensions, filtered like `documents`. At most 5,000 groups
   * (BAD_USER_INPUT beyond: narrow the filter). `MUNICIPALITY` is for `platformStatistics`.
   */
  statistics: Statistics;
  /** What remains of a destroyed case file or document, by its PID (records office, records managers, auditors); null otherwise. */
  tombstone: Maybe<Tombstone>;
  /** The tombstones of a disposal proposal's destructions: case files and lone documents, each followed by the documents destroyed with it. */
  tombstones: Array<Tombstone>;
  /** Recomputes the hash chains of the caller's municipality (auditors and records managers only). */
  verifyAuditLog: AuditLogVerification;
  /** Tenant admins and records managers: the municipality's webhook subscriptions, newest first, with their progress and last attempts. */
  webhookSubscriptions: Array<WebhookSubscription>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryAuditLogObjectXmlArgs = {
  objectId: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryAuditLogRenditionsArgs = {
  from?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryAuditTrailArgs = {
  objectId: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryCaseFileArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryCaseFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<CaseFileState>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDispatchQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<ShipmentChannel>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<ShipmentState>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDisposalForecastArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  year: Scalars['Int']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDocumentKindsArgs = {
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryFilingPlanArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryFilingPlanNodeArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryFilingPlansArgs = {
  validOn?: InputMaybe<Scalars['String']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryMyDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<DocumentState>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryPartiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryPartyArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryPlatformStatisticsArgs = {
  input: StatisticsInput;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryRecordsHandOverArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryRegisterJournalArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  registerId?: InputMaybe<Scalars['ID']['input']>;
  year: Scalars['Int']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryShipmentArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryStatisticsArgs = {
  input: StatisticsInput;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryTombstoneArgs = {
  pid: Scalars['String']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryTombstonesArgs = {
  disposalProposalId: Scalars['ID']['input'];
};

/** The result of receiveDataMessage. */
export type ReceiveDataMessagePayload = {
  __typename?: 'ReceiveDataMessagePayload';
  /** The received message. */
  dataMessage: DataMessage;
  /** The document the message was registered as. */
  document: Document;
  /** True when the message had been received before: the same document, nothing new written. */
  duplicate: Scalars['Boolean']['output'];
};

/** The addressee of a shipment. */
export type Recipient = {
  __typename?: 'Recipient';
  /** Postal address (required for POST). */
  address: Maybe<Scalars['String']['output']>;
  /** Data box id, 7 characters (required for DATA_BOX). */
  dataBoxId: Maybe<Scalars['String']['output']>;
  /** E-mail address (required for EMAIL). */
  email: Maybe<Scalars['String']['output']>;
  /** Name of the addressee. */
  name: Scalars['String']['output'];
};

/** A recipient as written (flat); found in the name register or added to it. */
export type RecipientInput = {
  /** Postal address in one line, up to 500 characters (required for POST). */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Data box id: 7 lowercase letters or digits (required for DATA_BOX). */
  dataBoxId?: InputMaybe<Scalars['String']['input']>;
  /** E-mail address (required for EMAIL). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Name of the addressee, 1–300 characters. */
  name: Scalars['String']['input'];
};

/** Input of recordShipmentDelivery. */
export type RecordShipmentDeliveryInput = {
  /** Delivered by fiction (DATA_BOX and POST only): the law deems it delivered without the addressee taking it. */
  byFiction?: InputMaybe<Scalars['Boolean']['input']>;
  /** When it was delivered (ISDS: dmAcceptanceTime; post: the date on the delivery note). */
  deliveredAt: Scalars['DateTime']['input'];
  /** An upload (POST /uploads) of the proof, e.g. the ISDS delivery receipt. */
  proofUploadId?: InputMaybe<Scalars['ID']['input']>;
  /** Id of the shipment (DISPATCHED). */
  shipmentId: Scalars['ID']['input'];
};

/** Input of recordShipmentReturn. */
export type RecordShipmentReturnInput = {
  /** What happened, up to 2000 characters; required for OTHER_VERIFIED and OTHER_UNVERIFIED. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** An upload of the returned item's scan. */
  proofUploadId?: InputMaybe<Scalars['ID']['input']>;
  /** Why it came back. */
  reason: ShipmentReturnReason;
  /** When it came back. */
  returnedAt: Scalars['DateTime']['input'];
  /** Id of the shipment (DISPATCHED). */
  shipmentId: Scalars['ID']['input'];
};

/** What a records office item is. */
export type RecordsEntityKind =
  /** A case file (spis) with its documents. */
  | 'CASE_FILE'
  /** A document outside case files. */
  | 'DOCUMENT';

/**
 * A hand-over list to the records office (předávací seznam): itself a document of the main register (its id is the
 * document's), with the case files and documents outside case files handed over on it.
 */
export type RecordsHandOver = {
  __typename?: 'RecordsHandOver';
  /** The hand-over list as a document of the main register. */
  document: Document;
  /** The case files and documents handed over on it. */
  entries: Array<RecordsHandOverEntry>;
  /** Id of the hand-over list: the id of its document. */
  id: Scalars['ID']['output'];
};

/** One entity on a hand-over list, with what the records office's inventory keeps of it. */
export type RecordsHandOverEntry = {
  __typename?: 'RecordsHandOverEntry';
  /** The case file, for kind CASE_FILE; else null. */
  caseFile: Maybe<CaseFile>;
  /** Disposal code (skartační znak). */
  disposalCode: Maybe<DisposalCode>;
  /** Year of the disposal operation; null until known. */
  disposalYear: Maybe<Scalars['Int']['output']>;
  /** The document, for kind DOCUMENT; else null. */
  document: Maybe<Document>;
  /** A case file's documents, handed over with it. */
  documentIds: Array<Scalars['ID']['output']>;
  /** Full filing code of its classification. */
  fullFilingCode: Scalars['String']['output'];
  /** The case file's or the document's id. */
  id: Scalars['ID']['output'];
  /** A case file or a document. */
  kind: RecordsEntityKind;
  /** Reference number (čj) or spisová značka. */
  referenceNumber: Scalars['String']['output'];
  /** Retention period in years; null under a fixed year. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** Natural order of filing code and reference number (the forecast's key). */
  sortKey: Scalars['String']['output'];
  /** Its state now (HANDED_TO_RECORDS_OFFICE until the records office takes it over). */
  state: Scalars['String']['output'];
  /** Subject or title. */
  title: Scalars['String']['output'];
  /** Year the period counts from. */
  triggerYear: Maybe<Scalars['Int']['output']>;
  /** Year of the document's number, or of the case file's opening. */
  year: Scalars['Int']['output'];
};

/** A register of documents (evidence dokumentů; its printout is the podací deník). Numbers run per register and year. */
export type Register = {
  __typename?: 'Register';
  /** Inactive registers number no new documents. */
  active: Scalars['Boolean']['output'];
  /** Opaque id (UUID) of the register. */
  id: Scalars['ID']['output'];
  /** Main register or a separate one. */
  kind: RegisterKind;
  /** The municipality whose register it is. */
  municipality: Municipality;
  /** Name of the register, 1–200 characters, e.g. Podací deník. */
  name: Scalars['String']['output'];
  /** Prefix of the numbers it gives, e.g. MBK → MBK 17/2026; FP → FP-0017/2026. */
  referencePrefix: Scalars['String']['output'];
};

/** Input of registerDocument. */
export type RegisterDocumentInput = {
  /** Number of attachments, 0–10000. */
  attachmentCount?: InputMaybe<Scalars['Int']['input']>;
  /** Kind of the attachments, e.g. 2 plány A3; up to 200 characters. */
  attachmentKind?: InputMaybe<Scalars['String']['input']>;
  /** Required for RECEIVED documents, not allowed for OWN ones. */
  deliveredAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Default DIGITAL. */
  form?: InputMaybe<DocumentForm>;
  /** Default: the municipality's default kind (ostatní). */
  kindId?: InputMaybe<Scalars['ID']['input']>;
  /** Received (doručený) or own (vlastní). */
  origin: DocumentOrigin;
  /** Defaults to the municipality's main register. */
  registerId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * A RECEIVED document has exactly one of `sender` (flat, as written on the document), `senderParty` (structured)
   * or `senderPartyId` (a party of the name register). The first two are found in the name register (same IČO, same
   * data box, or the same name and address) or added to it.
   */
  sender?: InputMaybe<SenderInput>;
  /** The sender in parts (see PartyInput); found in the name register or added to it. */
  senderParty?: InputMaybe<PartyInput>;
  /** A party of the municipality's name register as the sender. */
  senderPartyId?: InputMaybe<Scalars['ID']['input']>;
  /** The sender's own reference number (odesílatelovo evidenční číslo), up to 50 characters; RECEIVED only. */
  senderReferenceNumber?: InputMaybe<Scalars['String']['input']>;
  /** Number of sheets of the paper part, 1–100000 (ANALOG and HYBRID). */
  sheetCount?: InputMaybe<Scalars['Int']['input']>;
  /** Subject (věc), 1–2000 characters. */
  subject: Scalars['String']['input'];
};

/** The result of registerDocument. */
export type RegisterDocumentPayload = {
  __typename?: 'RegisterDocumentPayload';
  /** The audit event written with the registration. */
  auditEventId: Scalars['ID']['output'];
  /** The registered document, with its PID and reference number. */
  document: Document;
};

/** Kind of register: the main podací deník (reference numbers, čj) or a separate register (samostatná evidence). */
export type RegisterKind =
  /** The main register (podací deník): reference numbers (čísla jednací), e.g. MBK 17/2026. */
  | 'MAIN'
  /** A separate register (samostatná evidence), e.g. invoices: its own numbers, e.g. FP-0017/2026. */
  | 'SEPARATE';

/** Retention schedule (skartační režim) of a lowest-level filing plan node. */
export type RetentionSchedule = {
  __typename?: 'RetentionSchedule';
  /** Disposal code (skartační znak). */
  disposalCode: DisposalCode;
  /** A fixed year of disposal (rok vyřazení) instead of a period. */
  fixedDisposalYear: Maybe<Scalars['Int']['output']>;
  /** Identifier of the schedule (skartační režim); nodes of a plan with the same schedule share it. Default e.g. S/5. */
  identifier: Identifier;
  /** Retention period in years, 0–999; null when a fixed disposal year is set instead. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** After this many years the records office is asked whether an external trigger event has happened (kontrolní lhůta). */
  triggerCheckYears: Maybe<Scalars['Int']['output']>;
  /** The trigger event in words, e.g. vyřízení/uzavření, ztráta platnosti. */
  triggerEvent: Scalars['String']['output'];
  /** What starts the retention period (spouštěcí událost). */
  triggerKind: TriggerKind;
};

/** A retention schedule (skartační režim) as input. */
export type RetentionScheduleInput = {
  /** A or S; V only in legacy plans. */
  disposalCode: DisposalCode;
  /** A fixed disposal year (rok vyřazení), 1900–3000, instead of a period. */
  fixedDisposalYear?: InputMaybe<Scalars['Int']['input']>;
  /** Given by imported plans; default derived from the schedule (e.g. S/5). */
  identifier?: InputMaybe<IdentifierInput>;
  /** 0–999; exactly one of retentionYears and fixedDisposalYear. */
  retentionYears?: InputMaybe<Scalars['Int']['input']>;
  /** Control period (kontrolní lhůta) in years, 1–100, for an EXTERNAL trigger. */
  triggerCheckYears?: InputMaybe<Scalars['Int']['input']>;
  /** Default: vyřízení/uzavření for SETTLEMENT; mandatory for EXTERNAL. */
  triggerEvent?: InputMaybe<Scalars['String']['input']>;
  /** Default SETTLEMENT. */
  triggerKind?: InputMaybe<TriggerKind>;
};

/** Changes to a filing plan node; at least one field. */
export type ReviseFilingPlanNodeInput = {
  /** New simple code: 1–50 letters and digits. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** New name, 1–300 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New retention schedule. */
  retentionSchedule?: InputMaybe<RetentionScheduleInput>;
};

/** Revocation of the signer's certificate, as far as revocation data (CRLs) came with the signature; the hub fetches nothing. */
export type RevocationState =
  /** A CRL of the issuer that came with the signature does not list the certificate. */
  | 'GOOD'
  /** No revocation data for the certificate came with the signature. */
  | 'NOT_CHECKED'
  /** The certificate is on a CRL of its issuer, revoked before the assessed time. */
  | 'REVOKED';

/** What sealComponent did. */
export type SealComponentPayload = {
  __typename?: 'SealComponentPayload';
  /** The PripojeniPodpisu event. */
  auditEventId: Scalars['ID']['output'];
  /** The sealed version. */
  component: Component;
  /** The document. */
  document: Document;
};

/** Sender of a received document (odesílatel). */
export type Sender = {
  __typename?: 'Sender';
  /** Postal address in one line, as registered; null when none was given. */
  address: Maybe<Scalars['String']['output']>;
  /** The sender's data box id (ID DS), 7 characters; null when none was given. */
  dataBoxId: Maybe<Scalars['String']['output']>;
  /** The sender's IČO, 8 digits; null when none was given. */
  ico: Maybe<Scalars['String']['output']>;
  /** Name of the sender (a person's or an organisation's), as registered. */
  name: Scalars['String']['output'];
};

/** A sender as written on the document (flat); found in the name register or added to it. */
export type SenderInput = {
  /** Postal address in one line, up to 500 characters. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Data box id (ID DS): 7 lowercase letters or digits. */
  dataBoxId?: InputMaybe<Scalars['String']['input']>;
  /** IČO: 8 digits with a valid check digit. */
  ico?: InputMaybe<Scalars['String']['input']>;
  /** Name of the sender, 1–300 characters. */
  name: Scalars['String']['input'];
};

/** Input of settleDocument. */
export type SettleDocumentInput = {
  /** Mandatory for OTHER. */
  content?: InputMaybe<Scalars['String']['input']>;
  /** How it was settled (způsob vyřízení). */
  method: SettlementMethod;
  /** Mandatory for OTHER. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Calendar day of settlement (YYYY-MM-DD), not in the future; defaults to today. */
  settledOn?: InputMaybe<Scalars['String']['input']>;
};

/** Settlement (vyřízení) of a document. */
export type Settlement = {
  __typename?: 'Settlement';
  /** What the settlement consisted of (obsah vyřízení); mandatory for OTHER. */
  content: Maybe<Scalars['String']['output']>;
  /** Who settled it (the handler, zpracovatel). */
  handler: User;
  /** How it was settled (způsob vyřízení). */
  method: SettlementMethod;
  /** Why it was settled this way (odůvodnění); mandatory for OTHER. */
  reason: Maybe<Scalars['String']['output']>;
  /** When the settlement was recorded in the hub. */
  recordedAt: Scalars['DateTime']['output'];
  /** The day it was settled (Europe/Prague calendar day). */
  settledOn: Scalars['String']['output'];
};

/** How a document was settled (způsob vyřízení). */
export type SettlementMethod =
  /** vzetí na vědomí: acknowledged */
  | 'ACKNOWLEDGED'
  /** vyřízení dokumentem: answered by another document */
  | 'BY_DOCUMENT'
  /** postoupení: forwarded to the competent body */
  | 'FORWARDED'
  /** záznamem na dokumentu: note on the document */
  | 'NOTE_ON_DOCUMENT'
  /** jiný způsob: content and reason are mandatory */
  | 'OTHER';

/** One dispatch of an own document to one recipient by one channel (zásilka). */
export type Shipment = {
  __typename?: 'Shipment';
  /** Why it was cancelled; null unless CANCELLED. */
  cancelReason: Maybe<Scalars['String']['output']>;
  /** When it was cancelled; null unless CANCELLED. */
  cancelledAt: Maybe<Scalars['DateTime']['output']>;
  /** How it travels. */
  channel: ShipmentChannel;
  /** When it was put into dispatch. */
  createdAt: Scalars['DateTime']['output'];
  /** Who put it into dispatch. */
  createdBy: Maybe<User>;
  /** Only for DATA_BOX: how it is sent, and how far the data-box connector got with it; null for other channels. */
  dataBox: Maybe<DataBoxShipment>;
  /** When it was delivered; null unless DELIVERED. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** Delivered by fiction (fikce doručení): a data message nobody logged in for within 10 days, a postal item not collected in time. */
  deliveredByFiction: Scalars['Boolean']['output'];
  /** When it was sent; null until then. */
  dispatchedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who sent it; null until then. */
  dispatchedBy: Maybe<User>;
  /** The document, when the caller sees it (dispatch clerks see shipments, not necessarily the whole document). */
  document: Maybe<Document>;
  /** The document's reference number and subject, for the dispatch office's list. */
  documentReferenceNumber: Scalars['String']['output'];
  /** The document's subject (věc). */
  documentSubject: Scalars['String']['output'];
  /** The ISDS dmID of the sent message, or the postal item number (podací číslo). */
  externalId: Maybe<Scalars['String']['output']>;
  /** The files to send: the newest version of each of the document's components, by order. */
  files: Array<Component>;
  /** When it was handed to the dispatch office; null until then. */
  handedOverAt: Maybe<Scalars['DateTime']['output']>;
  /** Opaque id (UUID) of the shipment. */
  id: Scalars['ID']['output'];
  /** Only for POST. */
  postalKind: Maybe<PostalKind>;
  /** Delivery receipts and returned items attached to it. */
  proofs: Array<DeliveryProof>;
  /** The recipient as put into dispatch: a snapshot of the party at that time (what was sent to). */
  recipient: Recipient;
  /** The recipient in the name register (jmenný rejstřík), as it is now. */
  recipientParty: Maybe<Party>;
  /** What happened, in words; null when none was given. */
  returnNote: Maybe<Scalars['String']['output']>;
  /** Why it came back; null unless RETURNED. */
  returnReason: Maybe<ShipmentReturnReason>;
  /** When it came back; null unless RETURNED. */
  returnedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where it is. */
  state: ShipmentState;
};

/** How a shipment travels (způsob odeslání, domain.md §4.3). */
export type ShipmentChannel =
  /** Data box (datová schránka): an ISDS data message. */
  | 'DATA_BOX'
  /** E-mail to the recipient's address. */
  | 'EMAIL'
  /** Public notice board (úřední deska, zveřejnění). */
  | 'NOTICE_BOARD'
  /** Personal hand-over (osobní převzetí). */
  | 'PERSONAL_DELIVERY'
  /** Post (pošta); needs a postal kind and an address. */
  | 'POST';

/** A page of shipments (Relay connection), oldest first. */
export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  /** The shipments of the page. */
  edges: Array<ShipmentEdge>;
  /** Where the page lies: whether more follow, and the cursor to continue after. */
  pageInfo: PageInfo;
  /** Shipments of the queue (this state and channel) in all; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

/** One shipment of a list, with its cursor. */
export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  /** Opaque position of this shipment; pass it as `after` to get the ones that follow. */
  cursor: Scalars['String']['output'];
  /** The shipment. */
  node: Shipment;
};

/** The result of a shipment step: the shipment as it is now, and the audit event written. */
export type ShipmentPayload = {
  __typename?: 'ShipmentPayload';
  /** The audit event written with the change. */
  auditEventId: Scalars['ID']['output'];
  /** The shipment as it is now. */
  shipment: Shipment;
};

/** Why a shipment came back (důvod vrácení). */
export type ShipmentReturnReason =
  /** Adresát neznámý. */
  | 'ADDRESSEE_UNKNOWN'
  /** Adresa nedostatečná. */
  | 'INSUFFICIENT_ADDRESS'
  /** Adresát se odstěhoval. */
  | 'MOVED_AWAY'
  /** Nevyzvednuto (not collected). */
  | 'NOT_COLLECTED'
  /** Jiný důvod, neověřeno. */
  | 'OTHER_UNVERIFIED'
  /** Jiný důvod, ověřeno. */
  | 'OTHER_VERIFIED'
  /** Nepřijato (refused). */
  | 'REFUSED';

/** State of a shipment (ShipmentState, domain.md §4.3). */
export type ShipmentState =
  /** Taken out of dispatch (VyjmutiZVypraveni) before it was sent. */
  | 'CANCELLED'
  /** Put into dispatch (VlozeniKVypraveni), not yet handed to the dispatch office. */
  | 'CREATED'
  /** Doručeno. */
  | 'DELIVERED'
  /** Vypraveno. */
  | 'DISPATCHED'
  /** Vráceno nedoručené. */
  | 'RETURNED'
  /** Předáno výpravně. */
  | 'TO_DISPATCH';

/** Where a signature, seal or time-stamp was found. */
export type SignatureFormat =
  /** A CMS/CAdES message holding the signed content (a .p7m, a data message's ZFO). */
  | 'CADES'
  /** A detached CMS/CAdES signature (.p7s) of a sibling component of the same document (its name without .p7s). */
  | 'CADES_DETACHED'
  /** In a PDF's signature dictionary (PAdES, or the older adbe.pkcs7.detached). */
  | 'PADES'
  /** An RFC 3161 time-stamp token, standalone or over a signature. */
  | 'TIMESTAMP_TOKEN';

/** What a security element (bezpečnostní prvek) is. */
export type SignatureKind =
  /** An electronic seal of a legal person (elektronická pečeť); told from a signature by the certificate's QC type or its organization-only subject. */
  | 'SEAL'
  /** An electronic signature of a natural person (elektronický podpis). */
  | 'SIGNATURE'
  /** A time-stamp (časové razítko, RFC 3161). */
  | 'TIMESTAMP';

/** The result of verifying one signature, seal or time-stamp (NSESSS tVysledekOvereni). */
export type SignatureResult =
  /** Cannot be judged (platnost nelze posoudit): see `reasons`. */
  | 'INDETERMINATE'
  /** Invalid (neplatný): see `reasons`. */
  | 'INVALID'
  /** Valid (platný): the content is unchanged, the certificate chains to a trusted authority and was valid and not revoked at the assessed time. */
  | 'VALID';

/** A received component's verification state: the worst result of its signatures, seals and time-stamps. */
export type SignatureStatus =
  /** Something found cannot be judged (platnost nelze posoudit), e.g. its certificate does not chain to a trusted authority, or the signed content is missing; nothing invalid. */
  | 'INDETERMINATE'
  /** Something found is invalid (neplatný): changed content, a broken signature, a certificate expired or revoked at the signing time. */
  | 'INVALID'
  /** No signature, seal or time-stamp was found. */
  | 'NONE'
  /** Waiting for the verification job. */
  | 'PENDING'
  /** Everything found is valid (platný). */
  | 'VALID';

/**
 * Profile of a SIP (datový balíček): METADATA for the disposal proposal (skartační řízení, metadata only),
 * COMPONENTS for the transfer to the archive (přejímka, with the components' bytes).
 */
export type SipProfile =
  /** With the components' bytes, for the transfer to the archive (přejímka). */
  | 'COMPONENTS'
  /** Metadata only, for the disposal proposal (skartační řízení). */
  | 'METADATA';

/** Counts grouped as asked. */
export type Statistics = {
  __typename?: 'Statistics';
  /** The dimensions, in the order of each group's keys. */
  groupBy: Array<StatisticsDimension>;
  /** The groups, sorted by their keys (filing codes in the plan's order). */
  groups: Array<StatisticsGroup>;
  /** What was counted. */
  subject: StatisticsSubject;
  /** All counted records (a FILING_CODE ancestor's group repeats its children's records, the total does not). */
  total: Scalars['Int']['output'];
};

/** What the counts are grouped by. */
export type StatisticsDimension =
  /** How a received document came in: DATA_BOX (an ISDS data message) or OTHER; none for own documents. */
  | 'CHANNEL'
  /** The disposal code (A, V, S) once known. */
  | 'DISPOSAL_CODE'
  /** The disposal year once known. */
  | 'DISPOSAL_YEAR'
  /** The filing code (spisový znak): counted under its node and under each ancestor (value: node id, label: full code and name). */
  | 'FILING_CODE'
  /** DIGITAL, ANALOG or HYBRID. */
  | 'FORM'
  /** The document kind (value: its id, label: its name). */
  | 'KIND'
  /** The municipality (value: its id); platform statistics only. */
  | 'MUNICIPALITY'
  /** The org unit it is assigned to (value: its id; ask `Query.municipality` for names). */
  | 'ORG_UNIT'
  /** RECEIVED or OWN. */
  | 'ORIGIN'
  /** The register (value: its id, label: its name). */
  | 'REGISTER'
  /** The Czech calendar month of registration, YYYY-MM (Europe/Prague); drafts have none. */
  | 'REGISTRATION_MONTH'
  /** The year of the reference number (the Czech calendar year of registration); drafts have none. */
  | 'REGISTRATION_YEAR'
  /** The document's or case file's state. */
  | 'STATE';

/** One group and how many records fall in it. */
export type StatisticsGroup = {
  __typename?: 'StatisticsGroup';
  /** How many records. */
  count: Scalars['Int']['output'];
  /** The group's value per dimension, in the order of `groupBy`. */
  keys: Array<StatisticsKey>;
};

/** A statistics request. */
export type StatisticsInput = {
  /** Documents only; the same fields as `documents(filter:)` (across municipalities: state, year and registration period only). */
  filter?: InputMaybe<DocumentFilter>;
  /** One to four dimensions; an empty list gives the total only. */
  groupBy: Array<StatisticsDimension>;
  /** Default DOCUMENTS. */
  subject?: InputMaybe<StatisticsSubject>;
};

/** One dimension's value in a group. */
export type StatisticsKey = {
  __typename?: 'StatisticsKey';
  /** The dimension. */
  dimension: StatisticsDimension;
  /** A name for the value where the hub has one (register, kind, filing code), else null. */
  label: Maybe<Scalars['String']['output']>;
  /** The value (a code, a period, an id); null where the record has none (e.g. no filing code yet). */
  value: Maybe<Scalars['String']['output']>;
};

/** What is counted. */
export type StatisticsSubject =
  /** Case files (spisy), counted whole: dimensions STATE, ORG_UNIT, FILING_CODE, DISPOSAL_CODE, DISPOSAL_YEAR, MUNICIPALITY. */
  | 'CASE_FILES'
  /** Documents (filters of `DocumentFilter` apply). */
  | 'DOCUMENTS';

/**
 * What remains of a destroyed case file or document (skartovaná entita, domain.md §6.4): no content, only what it was,
 * how it was kept and how it was destroyed. Everything else of it is gone (documents, components and their bytes).
 */
export type Tombstone = {
  __typename?: 'Tombstone';
  /**
   * The latest the hub's backups can still hold this entity (its rows and bytes), under the backup retention policy in
   * force (HUB_BACKUP_KEEP_*, as `npm run backup` applies it; at least one backup a day assumed); null when the policy
   * bounds nothing by time. After this date no copy of it is left anywhere the hub keeps.
   */
  backupsExpireBy: Maybe<Scalars['DateTime']['output']>;
  /** The case file a destroyed document belonged to. */
  caseFilePid: Maybe<Scalars['String']['output']>;
  /** Components (files) whose bytes were erased. */
  componentCount: Scalars['Int']['output'];
  /** The erased components: hash and size only. */
  components: Array<TombstoneComponent>;
  /** The archive's decision (DESTROY). */
  decision: Scalars['String']['output'];
  /** When it was destroyed (Zniceni). */
  destroyedAt: Scalars['DateTime']['output'];
  /** Login of the records officer who destroyed it. */
  destroyedByLogin: Scalars['String']['output'];
  /** The destruction record (záznam o zničení) of the run. */
  destructionRecord: Maybe<Document>;
  /** Disposal code it had (S: destroyed). */
  disposalCode: Maybe<Scalars['String']['output']>;
  /** The disposal proposal (archives subgraph) it was destroyed under. */
  disposalProposalId: Scalars['ID']['output'];
  /** The disposal year it had. */
  disposalYear: Maybe<Scalars['Int']['output']>;
  /** Documents destroyed with it (a case file's; 1 for a lone document). */
  documentCount: Scalars['Int']['output'];
  /** Full filing code of its classification. */
  fullFilingCode: Maybe<Scalars['String']['output']>;
  /** The destroyed entity's id. */
  id: Scalars['ID']['output'];
  /** A case file or a document. */
  kind: RecordsEntityKind;
  /** PID (jednoznačný identifikátor) of the destroyed entity. */
  pid: Scalars['String']['output'];
  /** The reference of the archive's protocol of the skartační řízení. */
  protocolReference: Scalars['String']['output'];
  /** Its reference number (čj or spisová značka); null for a document never numbered. */
  referenceNumber: Maybe<Scalars['String']['output']>;
  /** Name of the register it was numbered in. */
  registerName: Maybe<Scalars['String']['output']>;
  /** Retention period in years it had. */
  retentionYears: Maybe<Scalars['Int']['output']>;
  /** The retention schedule, e.g. S/5. */
  schedule: Maybe<Scalars['String']['output']>;
  /** Subject or title it had. */
  title: Scalars['String']['output'];
  /** Year of its number, or of the case file's opening. */
  year: Maybe<Scalars['Int']['output']>;
};

/** A destroyed component as its tombstone keeps it: which bytes were erased, nothing of their content. */
export type TombstoneComponent = {
  __typename?: 'TombstoneComponent';
  /** SHA-256 (hex) of the erased bytes. */
  sha256: Scalars['String']['output'];
  /** Size of the erased bytes. */
  size: Scalars['Float']['output'];
};

/** What starts the retention period (spouštěcí událost). */
export type TriggerKind =
  /**
   * The end of the calendar year of the settlement / closure (konec kalendářního roku, konec účetního období: a
   * municipality's accounting period is the calendar year): the hub computes the year, nothing is entered.
   */
  | 'CALENDAR_YEAR_END'
  /** An event outside the hub (loss of validity, end of a contract …): its date must be entered. */
  | 'EXTERNAL'
  /** Settlement of the document / closure of the case file (vyřízení / uzavření): the hub knows the date. */
  | 'SETTLEMENT';

/** Changes to an open case file; at least one field. */
export type UpdateCaseFileInput = {
  /** New classification: a lowest-level, active node of a valid filing plan. */
  filingPlanNodeId?: InputMaybe<Scalars['ID']['input']>;
  /** New title, 1–500 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Input of updateDocumentKind: only the fields given change. */
export type UpdateDocumentKindInput = {
  /** False retires the kind: it takes no new documents (the default kind cannot be retired). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** New note, up to 500 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** true makes this kind the default (the previous one stops being it); false is refused. */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  /** New name, 1–100 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Input of updateWebhookSubscription: only the fields given change. */
export type UpdateWebhookSubscriptionInput = {
  /** Pause (false) or resume (true). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** New event types (at least one). */
  eventTypes?: InputMaybe<Array<WebhookEventType>>;
  /** New filters (replacing the old ones). */
  filters?: InputMaybe<WebhookFiltersInput>;
  /** New URL, same rules as at creation. */
  url?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

/** One attempt to deliver one event. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** 1 for the first attempt at this event, counting on after failures. */
  attempt: Scalars['Int']['output'];
  /** When the attempt was made. */
  attemptedAt: Scalars['DateTime']['output'];
  /** How long the attempt took, in milliseconds. */
  durationMs: Scalars['Int']['output'];
  /** What went wrong; null when delivered. */
  error: Maybe<Scalars['String']['output']>;
  /** The log entry's id, as the payload's `id`. */
  eventId: Scalars['ID']['output'];
  /** The event's type. */
  eventType: WebhookEventType;
  /** The receiver's HTTP status; null when none came (timeout, network error). */
  httpStatus: Maybe<Scalars['Int']['output']>;
  /** Opaque id (UUID) of the attempt. */
  id: Scalars['ID']['output'];
  /** Poradi of the log entry. */
  poradi: Scalars['Int']['output'];
  /** Delivered or failed. */
  status: WebhookDeliveryStatus;
};

/** Outcome of a delivery attempt. */
export type WebhookDeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Another answer, a timeout or a network error; it is retried. */
  | 'FAILED';

/**
 * What an office app can be told about (issue 14 item 1), recognised in the transaction log: a registration (Zalozeni of a
 * numbered document, or PripojeniCJ of a draft), a data message's registration, an assignment (ZmenaZpracovatele), a
 * settlement (Vyrizeni), a shipment dispatched (Vypraveno), delivered (Doruceno) or returned, a case file closed (Uzavreni).
 */
export type WebhookEventType =
  /** A case file was closed (Uzavreni). */
  | 'CASE_FILE_CLOSED'
  /** A data message was registered as a document. */
  | 'DATA_MESSAGE_RECEIVED'
  /** A document was assigned (ZmenaZpracovatele). */
  | 'DOCUMENT_ASSIGNED'
  /** A document got its number (Zalozeni of a numbered document, or PripojeniCJ of a draft). */
  | 'DOCUMENT_REGISTERED'
  /** A document was settled (Vyrizeni). */
  | 'DOCUMENT_SETTLED'
  /** A shipment was delivered (Doruceno). */
  | 'SHIPMENT_DELIVERED'
  /** A shipment was sent (Vypraveno). */
  | 'SHIPMENT_DISPATCHED'
  /** A shipment came back undelivered. */
  | 'SHIPMENT_RETURNED';

/** Narrows a subscription: an event passes when every non-empty list matches its document or case file. */
export type WebhookFilters = {
  __typename?: 'WebhookFilters';
  /** Filing codes (spisové znaky): a node and everything under it. */
  filingCodes: Array<Scalars['String']['output']>;
  /** Only events of documents or case files of these org units; empty: any. */
  orgUnitIds: Array<Scalars['ID']['output']>;
  /** Only events of documents in these registers; empty: any. */
  registerIds: Array<Scalars['ID']['output']>;
};

/** Filters of a webhook; each list up to 50 values, empty or omitted: any. */
export type WebhookFiltersInput = {
  /** Full filing codes: a node and everything under it. */
  filingCodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Org units of the municipality. */
  orgUnitIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Registers of the municipality. */
  registerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The subscription and its signing secret, shown this once. */
export type WebhookSecretPayload = {
  __typename?: 'WebhookSecretPayload';
  /** The signing secret for `x-hub-signature`; store it now, it cannot be read again. */
  secret: Scalars['String']['output'];
  /** The subscription. */
  subscription: WebhookSubscription;
};

/**
 * A webhook: the hub POSTs signed JSON (ids, never content) to `url` for every matching event of the municipality's log,
 * in log order, at least once (`x-hub-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`; the body's
 * `id` is the log entry's id, the same on every retry and replay). Failures are retried with exponential back-off.
 */
export type WebhookSubscription = {
  __typename?: 'WebhookSubscription';
  /** False: paused, nothing is delivered until it is made active again. */
  active: Scalars['Boolean']['output'];
  /** The office app's API client it delivers for. */
  apiClient: ApiClient;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The event types delivered. */
  eventTypes: Array<WebhookEventType>;
  /** Consecutive failed attempts at the next event (0: healthy). */
  failures: Scalars['Int']['output'];
  /** What narrows the events delivered. */
  filters: WebhookFilters;
  /** Every log entry up to this Poradi was delivered or did not match. */
  handledThrough: Scalars['Int']['output'];
  /** Opaque id (UUID) of the subscription. */
  id: Scalars['ID']['output'];
  /** The last failure's error (HTTP status or network error); null when none. */
  lastError: Maybe<Scalars['String']['output']>;
  /** The municipality's last Poradi: handledThrough lags it by what is still to deliver. */
  logHead: Scalars['Int']['output'];
  /** When the next attempt is due after a failure. */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  /** The last attempts (1–100), newest first. */
  recentDeliveries: Array<WebhookDelivery>;
  /** When its secret was last rotated; null if never. */
  secretRotatedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Where events are POSTed. */
  url: Scalars['String']['output'];
};


/**
 * A webhook: the hub POSTs signed JSON (ids, never content) to `url` for every matching event of the municipality's log,
 * in log order, at least once (`x-hub-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`; the body's
 * `id` is the log entry's id, the same on every retry and replay). Failures are retried with exponential back-off.
 */
export type WebhookSubscriptionRecentDeliveriesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
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
  AuditTrail: AuditTrail;
  CaseFile: CaseFile;
  Document: Document;
  DocumentKind: DocumentKind;
  FilingPlan: FilingPlan;
  FilingPlanNode: FilingPlanNode;
  Municipality: Municipality;
  RecordsHandOver: RecordsHandOver;
  Register: Register;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['AuditTrail'], {"municipalitiesEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true},"usersEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true},"archivesEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true}}> ) );
  CaseFile:
    ( { __typename: 'CaseFile' }
    & GraphQLRecursivePick<FederationTypes['CaseFile'], {"id":true}> );
  Document:
    ( { __typename: 'Document' }
    & GraphQLRecursivePick<FederationTypes['Document'], {"id":true}> );
  DocumentKind:
    ( { __typename: 'DocumentKind' }
    & GraphQLRecursivePick<FederationTypes['DocumentKind'], {"id":true}> );
  FilingPlan:
    ( { __typename: 'FilingPlan' }
    & GraphQLRecursivePick<FederationTypes['FilingPlan'], {"id":true}> );
  FilingPlanNode:
    ( { __typename: 'FilingPlanNode' }
    & GraphQLRecursivePick<FederationTypes['FilingPlanNode'], {"id":true}> );
  Municipality:
    ( { __typename: 'Municipality' }
    & GraphQLRecursivePick<FederationTypes['Municipality'], {"id":true}> );
  RecordsHandOver:
    ( { __typename: 'RecordsHandOver' }
    & GraphQLRecursivePick<FederationTypes['RecordsHandOver'], {"id":true}> );
  Register:
    ( { __typename: 'Register' }
    & GraphQLRecursivePick<FederationTypes['Register'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddFilingPlanNodeInput: AddFilingPlanNodeInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ApiClient: ResolverTypeWrapper<ApiClient>;
  ArchiveProblem: ResolverTypeWrapper<ArchiveProblem>;
  ArchiveReadiness: ResolverTypeWrapper<ArchiveReadiness>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditChange: ResolverTypeWrapper<AuditChange>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditLogConnection: ResolverTypeWrapper<AuditLogConnection>;
  AuditLogEdge: ResolverTypeWrapper<AuditLogEdge>;
  AuditLogEntry: ResolverTypeWrapper<AuditLogEntry>;
  AuditLogFilter: AuditLogFilter;
  AuditLogRendition: ResolverTypeWrapper<Omit<AuditLogRendition, 'document'> & { document?: Maybe<ResolversTypes['Document']> }>;
  AuditLogSealKey: ResolverTypeWrapper<AuditLogSealKey>;
  AuditLogVerification: ResolverTypeWrapper<AuditLogVerification>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'archivesEvents' | 'events' | 'municipalitiesEvents' | 'usersEvents'> & { archivesEvents: Array<ResolversTypes['AuditEvent']>, events: Array<ResolversTypes['AuditEvent']>, municipalitiesEvents: Array<ResolversTypes['AuditEvent']>, usersEvents: Array<ResolversTypes['AuditEvent']> }>;
  Cancellation: ResolverTypeWrapper<Cancellation>;
  CaseFile: ResolverTypeWrapper<CaseFileModel>;
  CaseFileConnection: ResolverTypeWrapper<Omit<CaseFileConnection, 'edges'> & { edges: Array<ResolversTypes['CaseFileEdge']> }>;
  CaseFileEdge: ResolverTypeWrapper<Omit<CaseFileEdge, 'node'> & { node: ResolversTypes['CaseFile'] }>;
  CaseFilePayload: ResolverTypeWrapper<Omit<CaseFilePayload, 'caseFile'> & { caseFile: ResolversTypes['CaseFile'] }>;
  CaseFileState: CaseFileState;
  Component: ResolverTypeWrapper<ComponentModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ComponentConversion: ResolverTypeWrapper<ConversionJobModel>;
  ComponentForm: ComponentForm;
  ComponentSeal: ResolverTypeWrapper<ComponentSealModel>;
  ComponentSignature: ResolverTypeWrapper<ComponentSignatureModel>;
  ConversionOutcome: ConversionOutcome;
  ConversionState: ConversionState;
  ConvertDocumentComponentsPayload: ResolverTypeWrapper<Omit<ConvertDocumentComponentsPayload, 'document'> & { document: ResolversTypes['Document'] }>;
  CreateDocumentKindInput: CreateDocumentKindInput;
  CreateDraftDocumentInput: CreateDraftDocumentInput;
  CreateFilingPlanInput: CreateFilingPlanInput;
  CreateRegisterInput: CreateRegisterInput;
  CreateShipmentInput: CreateShipmentInput;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  DataBoxAuthMode: DataBoxAuthMode;
  DataBoxConnection: ResolverTypeWrapper<DataBoxConnectionModel>;
  DataBoxFailedMessage: ResolverTypeWrapper<DataBoxFailedMessage>;
  DataBoxShipment: ResolverTypeWrapper<DataBoxShipment>;
  DataBoxShipmentOptionsInput: DataBoxShipmentOptionsInput;
  DataBoxTransferState: DataBoxTransferState;
  DataMessage: ResolverTypeWrapper<DataMessage>;
  DataMessageInput: DataMessageInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryProof: ResolverTypeWrapper<DeliveryProofModel>;
  DeliveryProofKind: DeliveryProofKind;
  DescribeDocumentInput: DescribeDocumentInput;
  DispatchShipmentInput: DispatchShipmentInput;
  DisposalCode: DisposalCode;
  DisposalForecastConnection: ResolverTypeWrapper<DisposalForecastPageModel>;
  DisposalForecastEdge: ResolverTypeWrapper<Omit<DisposalForecastEdge, 'node'> & { node: ResolversTypes['DisposalForecastEntry'] }>;
  DisposalForecastEntry: ResolverTypeWrapper<Omit<DisposalForecastEntry, 'caseFile' | 'document'> & { caseFile?: Maybe<ResolversTypes['CaseFile']>, document?: Maybe<ResolversTypes['Document']> }>;
  Document: ResolverTypeWrapper<DocumentModel>;
  DocumentAuthor: ResolverTypeWrapper<DocumentAuthor>;
  DocumentConnection: ResolverTypeWrapper<DocumentPageModel>;
  DocumentConversion: ResolverTypeWrapper<DocumentConversionSourceModel>;
  DocumentConversionState: DocumentConversionState;
  DocumentEdge: ResolverTypeWrapper<Omit<DocumentEdge, 'node'> & { node: ResolversTypes['Document'] }>;
  DocumentFilter: DocumentFilter;
  DocumentForm: DocumentForm;
  DocumentKind: ResolverTypeWrapper<DocumentKindModel>;
  DocumentOrigin: DocumentOrigin;
  DocumentPayload: ResolverTypeWrapper<Omit<DocumentPayload, 'document'> & { document: ResolversTypes['Document'] }>;
  DocumentState: DocumentState;
  FilingPlan: ResolverTypeWrapper<FilingPlanModel>;
  FilingPlanNode: ResolverTypeWrapper<FilingPlanNodeModel>;
  HandOverPayload: ResolverTypeWrapper<Omit<HandOverPayload, 'handOverList'> & { handOverList: ResolversTypes['RecordsHandOver'] }>;
  HandOverToRecordsOfficeInput: HandOverToRecordsOfficeInput;
  Identifier: ResolverTypeWrapper<Identifier>;
  IdentifierInput: IdentifierInput;
  MediaTypeCheck: MediaTypeCheck;
  Municipality: ResolverTypeWrapper<Omit<Municipality, 'documents'> & { documents?: Maybe<ResolversTypes['DocumentConnection']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OpenCaseFileInput: OpenCaseFileInput;
  OrgUnit: ResolverTypeWrapper<OrgUnit>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Party: ResolverTypeWrapper<PartyModel>;
  PartyConnection: ResolverTypeWrapper<PartyPageModel>;
  PartyEdge: ResolverTypeWrapper<Omit<PartyEdge, 'node'> & { node: ResolversTypes['Party'] }>;
  PartyInput: PartyInput;
  PartyKind: PartyKind;
  PartyPayload: ResolverTypeWrapper<Omit<PartyPayload, 'party'> & { party: ResolversTypes['Party'] }>;
  PartySource: PartySource;
  PostalAddress: ResolverTypeWrapper<PostalAddress>;
  PostalAddressInput: PostalAddressInput;
  PostalKind: PostalKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReceiveDataMessagePayload: ResolverTypeWrapper<Omit<ReceiveDataMessagePayload, 'document'> & { document: ResolversTypes['Document'] }>;
  Recipient: ResolverTypeWrapper<Recipient>;
  RecipientInput: RecipientInput;
  RecordShipmentDeliveryInput: RecordShipmentDeliveryInput;
  RecordShipmentReturnInput: RecordShipmentReturnInput;
  RecordsEntityKind: RecordsEntityKind;
  RecordsHandOver: ResolverTypeWrapper<HandOverListModel>;
  RecordsHandOverEntry: ResolverTypeWrapper<HandOverEntryModel>;
  Register: ResolverTypeWrapper<RegisterModel>;
  RegisterDocumentInput: RegisterDocumentInput;
  RegisterDocumentPayload: ResolverTypeWrapper<Omit<RegisterDocumentPayload, 'document'> & { document: ResolversTypes['Document'] }>;
  RegisterKind: RegisterKind;
  RetentionSchedule: ResolverTypeWrapper<RetentionSchedule>;
  RetentionScheduleInput: RetentionScheduleInput;
  ReviseFilingPlanNodeInput: ReviseFilingPlanNodeInput;
  RevocationState: RevocationState;
  SealComponentPayload: ResolverTypeWrapper<Omit<SealComponentPayload, 'component' | 'document'> & { component: ResolversTypes['Component'], document: ResolversTypes['Document'] }>;
  Sender: ResolverTypeWrapper<Sender>;
  SenderInput: SenderInput;
  SettleDocumentInput: SettleDocumentInput;
  Settlement: ResolverTypeWrapper<Settlement>;
  SettlementMethod: SettlementMethod;
  Shipment: ResolverTypeWrapper<ShipmentModel>;
  ShipmentChannel: ShipmentChannel;
  ShipmentConnection: ResolverTypeWrapper<ShipmentPageModel>;
  ShipmentEdge: ResolverTypeWrapper<Omit<ShipmentEdge, 'node'> & { node: ResolversTypes['Shipment'] }>;
  ShipmentPayload: ResolverTypeWrapper<Omit<ShipmentPayload, 'shipment'> & { shipment: ResolversTypes['Shipment'] }>;
  ShipmentReturnReason: ShipmentReturnReason;
  ShipmentState: ShipmentState;
  SignatureFormat: SignatureFormat;
  SignatureKind: SignatureKind;
  SignatureResult: SignatureResult;
  SignatureStatus: SignatureStatus;
  SipProfile: SipProfile;
  Statistics: ResolverTypeWrapper<Statistics>;
  StatisticsDimension: StatisticsDimension;
  StatisticsGroup: ResolverTypeWrapper<StatisticsGroup>;
  StatisticsInput: StatisticsInput;
  StatisticsKey: ResolverTypeWrapper<StatisticsKey>;
  StatisticsSubject: StatisticsSubject;
  Tombstone: ResolverTypeWrapper<TombstoneModel>;
  TombstoneComponent: ResolverTypeWrapper<TombstoneComponent>;
  TriggerKind: TriggerKind;
  UpdateCaseFileInput: UpdateCaseFileInput;
  UpdateDocumentKindInput: UpdateDocumentKindInput;
  UpdateWebhookSubscriptionInput: UpdateWebhookSubscriptionInput;
  User: ResolverTypeWrapper<User>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryModel>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WebhookEventType: WebhookEventType;
  WebhookFilters: ResolverTypeWrapper<WebhookFilters>;
  WebhookFiltersInput: WebhookFiltersInput;
  WebhookSecretPayload: ResolverTypeWrapper<Omit<WebhookSecretPayload, 'subscription'> & { subscription: ResolversTypes['WebhookSubscription'] }>;
  WebhookSubscription: ResolverTypeWrapper<WebhookSubscriptionModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddFilingPlanNodeInput: AddFilingPlanNodeInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  ApiClient: ApiClient;
  ArchiveProblem: ArchiveProblem;
  ArchiveReadiness: ArchiveReadiness;
  Boolean: Scalars['Boolean']['output'];
  AuditChange: AuditChange;
  AuditEvent: AuditEventModel;
  Int: Scalars['Int']['output'];
  AuditLogConnection: AuditLogConnection;
  AuditLogEdge: AuditLogEdge;
  AuditLogEntry: AuditLogEntry;
  AuditLogFilter: AuditLogFilter;
  AuditLogRendition: Omit<AuditLogRendition, 'document'> & { document?: Maybe<ResolversParentTypes['Document']> };
  AuditLogSealKey: AuditLogSealKey;
  AuditLogVerification: AuditLogVerification;
  AuditTrail: Omit<AuditTrail, 'archivesEvents' | 'events' | 'municipalitiesEvents' | 'usersEvents'> & { archivesEvents: Array<ResolversParentTypes['AuditEvent']>, events: Array<ResolversParentTypes['AuditEvent']>, municipalitiesEvents: Array<ResolversParentTypes['AuditEvent']>, usersEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  Cancellation: Cancellation;
  CaseFile: CaseFileModel;
  CaseFileConnection: Omit<CaseFileConnection, 'edges'> & { edges: Array<ResolversParentTypes['CaseFileEdge']> };
  CaseFileEdge: Omit<CaseFileEdge, 'node'> & { node: ResolversParentTypes['CaseFile'] };
  CaseFilePayload: Omit<CaseFilePayload, 'caseFile'> & { caseFile: ResolversParentTypes['CaseFile'] };
  Component: ComponentModel;
  Float: Scalars['Float']['output'];
  ComponentConversion: ConversionJobModel;
  ComponentSeal: ComponentSealModel;
  ComponentSignature: ComponentSignatureModel;
  ConvertDocumentComponentsPayload: Omit<ConvertDocumentComponentsPayload, 'document'> & { document: ResolversParentTypes['Document'] };
  CreateDocumentKindInput: CreateDocumentKindInput;
  CreateDraftDocumentInput: CreateDraftDocumentInput;
  CreateFilingPlanInput: CreateFilingPlanInput;
  CreateRegisterInput: CreateRegisterInput;
  CreateShipmentInput: CreateShipmentInput;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  DataBoxConnection: DataBoxConnectionModel;
  DataBoxFailedMessage: DataBoxFailedMessage;
  DataBoxShipment: DataBoxShipment;
  DataBoxShipmentOptionsInput: DataBoxShipmentOptionsInput;
  DataMessage: DataMessage;
  DataMessageInput: DataMessageInput;
  DateTime: Scalars['DateTime']['output'];
  DeliveryProof: DeliveryProofModel;
  DescribeDocumentInput: DescribeDocumentInput;
  DispatchShipmentInput: DispatchShipmentInput;
  DisposalForecastConnection: DisposalForecastPageModel;
  DisposalForecastEdge: Omit<DisposalForecastEdge, 'node'> & { node: ResolversParentTypes['DisposalForecastEntry'] };
  DisposalForecastEntry: Omit<DisposalForecastEntry, 'caseFile' | 'document'> & { caseFile?: Maybe<ResolversParentTypes['CaseFile']>, document?: Maybe<ResolversParentTypes['Document']> };
  Document: DocumentModel;
  DocumentAuthor: DocumentAuthor;
  DocumentConnection: DocumentPageModel;
  DocumentConversion: DocumentConversionSourceModel;
  DocumentEdge: Omit<DocumentEdge, 'node'> & { node: ResolversParentTypes['Document'] };
  DocumentFilter: DocumentFilter;
  DocumentKind: DocumentKindModel;
  DocumentPayload: Omit<DocumentPayload, 'document'> & { document: ResolversParentTypes['Document'] };
  FilingPlan: FilingPlanModel;
  FilingPlanNode: FilingPlanNodeModel;
  HandOverPayload: Omit<HandOverPayload, 'handOverList'> & { handOverList: ResolversParentTypes['RecordsHandOver'] };
  HandOverToRecordsOfficeInput: HandOverToRecordsOfficeInput;
  Identifier: Identifier;
  IdentifierInput: IdentifierInput;
  Municipality: Omit<Municipality, 'documents'> & { documents?: Maybe<ResolversParentTypes['DocumentConnection']> } | FederationReferenceTypes['Municipality'];
  Mutation: Record<PropertyKey, never>;
  OpenCaseFileInput: OpenCaseFileInput;
  OrgUnit: OrgUnit;
  PageInfo: PageInfo;
  Party: PartyModel;
  PartyConnection: PartyPageModel;
  PartyEdge: Omit<PartyEdge, 'node'> & { node: ResolversParentTypes['Party'] };
  PartyInput: PartyInput;
  PartyPayload: Omit<PartyPayload, 'party'> & { party: ResolversParentTypes['Party'] };
  PostalAddress: PostalAddress;
  PostalAddressInput: PostalAddressInput;
  Query: Record<PropertyKey, never>;
  ReceiveDataMessagePayload: Omit<ReceiveDataMessagePayload, 'document'> & { document: ResolversParentTypes['Document'] };
  Recipient: Recipient;
  RecipientInput: RecipientInput;
  RecordShipmentDeliveryInput: RecordShipmentDeliveryInput;
  RecordShipmentReturnInput: RecordShipmentReturnInput;
  RecordsHandOver: HandOverListModel;
  RecordsHandOverEntry: HandOverEntryModel;
  Register: RegisterModel;
  RegisterDocumentInput: RegisterDocumentInput;
  RegisterDocumentPayload: Omit<RegisterDocumentPayload, 'document'> & { document: ResolversParentTypes['Document'] };
  RetentionSchedule: RetentionSchedule;
  RetentionScheduleInput: RetentionScheduleInput;
  ReviseFilingPlanNodeInput: ReviseFilingPlanNodeInput;
  SealComponentPayload: Omit<SealComponentPayload, 'component' | 'document'> & { component: ResolversParentTypes['Component'], document: ResolversParentTypes['Document'] };
  Sender: Sender;
  SenderInput: SenderInput;
  SettleDocumentInput: SettleDocumentInput;
  Settlement: Settlement;
  Shipment: ShipmentModel;
  ShipmentConnection: ShipmentPageModel;
  ShipmentEdge: Omit<ShipmentEdge, 'node'> & { node: ResolversParentTypes['Shipment'] };
  ShipmentPayload: Omit<ShipmentPayload, 'shipment'> & { shipment: ResolversParentTypes['Shipment'] };
  Statistics: Statistics;
  StatisticsGroup: StatisticsGroup;
  StatisticsInput: StatisticsInput;
  StatisticsKey: StatisticsKey;
  Tombstone: TombstoneModel;
  TombstoneComponent: TombstoneComponent;
  UpdateCaseFileInput: UpdateCaseFileInput;
  UpdateDocumentKindInput: UpdateDocumentKindInput;
  UpdateWebhookSubscriptionInput: UpdateWebhookSubscriptionInput;
  User: User;
  WebhookDelivery: WebhookDeliveryModel;
  WebhookFilters: WebhookFilters;
  WebhookFiltersInput: WebhookFiltersInput;
  WebhookSecretPayload: Omit<WebhookSecretPayload, 'subscription'> & { subscription: ResolversParentTypes['WebhookSubscription'] };
  WebhookSubscription: WebhookSubscriptionModel;
}>;

export type ApiClientResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ApiClient'] = ResolversParentTypes['ApiClient']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ArchiveProblemResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ArchiveProblem'] = ResolversParentTypes['ArchiveProblem']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ArchiveReadinessResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ArchiveReadiness'] = ResolversParentTypes['ArchiveReadiness']> = ResolversObject<{
  problems?: Resolver<Array<ResolversTypes['ArchiveProblem']>, ParentType, ContextType>;
  ready?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type AuditChangeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
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

export type AuditLogConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogConnection'] = ResolversParentTypes['AuditLogConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditLogEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogEdge'] = ResolversParentTypes['AuditLogEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditLogEntry'], ParentType, ContextType>;
}>;

export type AuditLogEntryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogEntry'] = ResolversParentTypes['AuditLogEntry']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorLogin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  actorRoles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['AuditChange']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectIdentifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectSource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  poradi?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provedlKdo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditLogRenditionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogRendition'] = ResolversParentTypes['AuditLogRendition']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  entryCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fromPoradi?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prevRenditionHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  renditionHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureAlgorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toPoradi?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type AuditLogSealKeyResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogSealKey'] = ResolversParentTypes['AuditLogSealKey']> = ResolversObject<{
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKeyPem?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditLogVerificationResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditLogVerification'] = ResolversParentTypes['AuditLogVerification']> = ResolversObject<{
  entriesChecked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBadPoradi?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  firstBadRenditionDay?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  renditionProblem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  renditionsChecked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditTrailResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CancellationResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Cancellation'] = ResolversParentTypes['Cancellation']> = ResolversObject<{
  cancelledAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cancelledBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CaseFileResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['CaseFile'] = ResolversParentTypes['CaseFile'], FederationReferenceType extends FederationReferenceTypes['CaseFile'] = FederationReferenceTypes['CaseFile']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CaseFile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  archiveReadiness?: Resolver<ResolversTypes['ArchiveReadiness'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  closedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  disposalCode?: Resolver<Maybe<ResolversTypes['DisposalCode']>, ParentType, ContextType>;
  disposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  documents?: Resolver<Array<ResolversTypes['Document']>, ParentType, ContextType>;
  filingPlanNode?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType>;
  form?: Resolver<ResolversTypes['DocumentForm'], ParentType, ContextType>;
  handOverList?: Resolver<Maybe<ResolversTypes['RecordsHandOver']>, ParentType, ContextType>;
  handler?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  initiatingDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  openedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  orgUnit?: Resolver<Maybe<ResolversTypes['OrgUnit']>, ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sipDownloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<CaseFileSipDownloadPathArgs, 'profile'>>;
  state?: Resolver<ResolversTypes['CaseFileState'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerEventOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  triggerYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type CaseFileConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['CaseFileConnection'] = ResolversParentTypes['CaseFileConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CaseFileEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CaseFileEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['CaseFileEdge'] = ResolversParentTypes['CaseFileEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CaseFile'], ParentType, ContextType>;
}>;

export type CaseFilePayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['CaseFilePayload'] = ResolversParentTypes['CaseFilePayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  caseFile?: Resolver<ResolversTypes['CaseFile'], ParentType, ContextType>;
}>;

export type ComponentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Component'] = ResolversParentTypes['Component']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  detectedMediaType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  downloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  form?: Resolver<ResolversTypes['ComponentForm'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaTypeCheck?: Resolver<Maybe<ResolversTypes['MediaTypeCheck']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seal?: Resolver<Maybe<ResolversTypes['ComponentSeal']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureStatus?: Resolver<Maybe<ResolversTypes['SignatureStatus']>, ParentType, ContextType>;
  signatures?: Resolver<Array<ResolversTypes['ComponentSignature']>, ParentType, ContextType>;
  signaturesVerifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ComponentConversionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ComponentConversion'] = ResolversParentTypes['ComponentConversion']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  component?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['ConversionOutcome']>, ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType>;
  pdfaConformance?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pdfaPart?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ConversionState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ComponentSealResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ComponentSeal'] = ResolversParentTypes['ComponentSeal']> = ResolversObject<{
  certificateSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sealedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  signer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeStampAuthority?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeStampedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type ComponentSignatureResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ComponentSignature'] = ResolversParentTypes['ComponentSignature']> = ResolversObject<{
  assessedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  certificateNotAfter?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  certificateNotBefore?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  certificateSerial?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['SignatureFormat'], ParentType, ContextType>;
  issuerSubject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SignatureKind'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  result?: Resolver<ResolversTypes['SignatureResult'], ParentType, ContextType>;
  revocation?: Resolver<ResolversTypes['RevocationState'], ParentType, ContextType>;
  signedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  signerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signerSubject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeStampedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ConvertDocumentComponentsPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ConvertDocumentComponentsPayload'] = ResolversParentTypes['ConvertDocumentComponentsPayload']> = ResolversObject<{
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DataBoxConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DataBoxConnection'] = ResolversParentTypes['DataBoxConnection']> = ResolversObject<{
  authMode?: Resolver<ResolversTypes['DataBoxAuthMode'], ParentType, ContextType>;
  backlog?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  baseUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  boxId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  configuredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  failedMessages?: Resolver<Array<ResolversTypes['DataBoxFailedMessage']>, ParentType, ContextType>;
  failures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastErrorAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastPollAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSuccessfulPollAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  pendingDeliveries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  receivedThrough?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type DataBoxFailedMessageResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DataBoxFailedMessage'] = ResolversParentTypes['DataBoxFailedMessage']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dmId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DataBoxShipmentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DataBoxShipment'] = ResolversParentTypes['DataBoxShipment']> = ResolversObject<{
  allowSubstituteDelivery?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  personalDelivery?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  recipientFileMark?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recipientReferenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transferState?: Resolver<Maybe<ResolversTypes['DataBoxTransferState']>, ParentType, ContextType>;
}>;

export type DataMessageResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DataMessage'] = ResolversParentTypes['DataMessage']> = ResolversObject<{
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  annotation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dmId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  documentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recipientRefNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  senderBoxId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  senderName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  senderRefNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryProofResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DeliveryProof'] = ResolversParentTypes['DeliveryProof']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  downloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DeliveryProofKind'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type DisposalForecastConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DisposalForecastConnection'] = ResolversParentTypes['DisposalForecastConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DisposalForecastEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DisposalForecastEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DisposalForecastEdge'] = ResolversParentTypes['DisposalForecastEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DisposalForecastEntry'], ParentType, ContextType>;
}>;

export type DisposalForecastEntryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DisposalForecastEntry'] = ResolversParentTypes['DisposalForecastEntry']> = ResolversObject<{
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType>;
  disposalCode?: Resolver<ResolversTypes['DisposalCode'], ParentType, ContextType>;
  disposalYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  fullFilingCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type DocumentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document'], FederationReferenceType extends FederationReferenceTypes['Document'] = FederationReferenceTypes['Document']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Document']> | FederationReferenceType, FederationReferenceType, ContextType>;
  archiveReadiness?: Resolver<ResolversTypes['ArchiveReadiness'], ParentType, ContextType>;
  assignedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  attachmentCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  attachmentKind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  author?: Resolver<Maybe<ResolversTypes['DocumentAuthor']>, ParentType, ContextType>;
  cancellation?: Resolver<Maybe<ResolversTypes['Cancellation']>, ParentType, ContextType>;
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  components?: Resolver<Array<ResolversTypes['Component']>, ParentType, ContextType>;
  conversion?: Resolver<ResolversTypes['DocumentConversion'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  disposalCode?: Resolver<Maybe<ResolversTypes['DisposalCode']>, ParentType, ContextType>;
  disposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  filingPlanNode?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType>;
  form?: Resolver<ResolversTypes['DocumentForm'], ParentType, ContextType>;
  handOverList?: Resolver<Maybe<ResolversTypes['RecordsHandOver']>, ParentType, ContextType>;
  handler?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['DocumentKind']>, ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  orgUnit?: Resolver<Maybe<ResolversTypes['OrgUnit']>, ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['DocumentOrigin'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  register?: Resolver<ResolversTypes['Register'], ParentType, ContextType>;
  registeredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  registeredBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sender?: Resolver<Maybe<ResolversTypes['Sender']>, ParentType, ContextType>;
  senderParty?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  senderReferenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequenceNumber?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  settlement?: Resolver<Maybe<ResolversTypes['Settlement']>, ParentType, ContextType>;
  sheetCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  shipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
  sipDownloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<DocumentSipDownloadPathArgs, 'profile'>>;
  state?: Resolver<ResolversTypes['DocumentState'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerEventOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  triggerYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  year?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type DocumentAuthorResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentAuthor'] = ResolversParentTypes['DocumentAuthor']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgUnitName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  position?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type DocumentConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentConnection'] = ResolversParentTypes['DocumentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DocumentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DocumentConversionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentConversion'] = ResolversParentTypes['DocumentConversion']> = ResolversObject<{
  closeBlockedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jobs?: Resolver<Array<ResolversTypes['ComponentConversion']>, ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['DocumentConversionState'], ParentType, ContextType>;
}>;

export type DocumentEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentEdge'] = ResolversParentTypes['DocumentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type DocumentKindResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentKind'] = ResolversParentTypes['DocumentKind'], FederationReferenceType extends FederationReferenceTypes['DocumentKind'] = FederationReferenceTypes['DocumentKind']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DocumentKind']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DocumentPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentPayload'] = ResolversParentTypes['DocumentPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type FilingPlanResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['FilingPlan'] = ResolversParentTypes['FilingPlan'], FederationReferenceType extends FederationReferenceTypes['FilingPlan'] = FederationReferenceTypes['FilingPlan']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FilingPlan']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType>;
  legacy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['FilingPlanNode']>, ParentType, ContextType, RequireFields<FilingPlanNodesArgs, 'includeInactive'>>;
  roots?: Resolver<Array<ResolversTypes['FilingPlanNode']>, ParentType, ContextType, RequireFields<FilingPlanRootsArgs, 'includeInactive'>>;
  separator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type FilingPlanNodeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['FilingPlanNode'] = ResolversParentTypes['FilingPlanNode'], FederationReferenceType extends FederationReferenceTypes['FilingPlanNode'] = FederationReferenceTypes['FilingPlanNode']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FilingPlanNode']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['FilingPlanNode']>, ParentType, ContextType, RequireFields<FilingPlanNodeChildrenArgs, 'includeInactive'>>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fullCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType>;
  plan?: Resolver<ResolversTypes['FilingPlan'], ParentType, ContextType>;
  replacedBy?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType>;
  replaces?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType>;
  retentionSchedule?: Resolver<Maybe<ResolversTypes['RetentionSchedule']>, ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type HandOverPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['HandOverPayload'] = ResolversParentTypes['HandOverPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  handOverList?: Resolver<ResolversTypes['RecordsHandOver'], ParentType, ContextType>;
}>;

export type IdentifierResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Identifier'] = ResolversParentTypes['Identifier']> = ResolversObject<{
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MunicipalityResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Municipality'] = ResolversParentTypes['Municipality'], FederationReferenceType extends FederationReferenceTypes['Municipality'] = FederationReferenceTypes['Municipality']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Municipality']> | FederationReferenceType, FederationReferenceType, ContextType>;
  documents?: Resolver<Maybe<ResolversTypes['DocumentConnection']>, ParentType, ContextType, RequireFields<MunicipalityDocumentsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationAcceptDocumentArgs, 'documentId'>>;
  addFilingPlanNode?: Resolver<ResolversTypes['FilingPlanNode'], ParentType, ContextType, RequireFields<MutationAddFilingPlanNodeArgs, 'input'>>;
  assignDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationAssignDocumentArgs, 'documentId' | 'orgUnitId'>>;
  attachComponent?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationAttachComponentArgs, 'documentId' | 'form' | 'uploadId'>>;
  cancelDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationCancelDocumentArgs, 'documentId' | 'reason'>>;
  cancelShipment?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationCancelShipmentArgs, 'reason' | 'shipmentId'>>;
  classifyDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationClassifyDocumentArgs, 'documentId' | 'filingPlanNodeId'>>;
  closeCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationCloseCaseFileArgs, 'id'>>;
  closeDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationCloseDocumentArgs, 'documentId'>>;
  convertDocumentComponents?: Resolver<ResolversTypes['ConvertDocumentComponentsPayload'], ParentType, ContextType, RequireFields<MutationConvertDocumentComponentsArgs, 'documentId'>>;
  createDocumentKind?: Resolver<ResolversTypes['DocumentKind'], ParentType, ContextType, RequireFields<MutationCreateDocumentKindArgs, 'input'>>;
  createDraftDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationCreateDraftDocumentArgs, 'input'>>;
  createFilingPlan?: Resolver<ResolversTypes['FilingPlan'], ParentType, ContextType, RequireFields<MutationCreateFilingPlanArgs, 'input'>>;
  createParty?: Resolver<ResolversTypes['PartyPayload'], ParentType, ContextType, RequireFields<MutationCreatePartyArgs, 'input'>>;
  createRegister?: Resolver<ResolversTypes['Register'], ParentType, ContextType, RequireFields<MutationCreateRegisterArgs, 'input'>>;
  createShipment?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationCreateShipmentArgs, 'input'>>;
  createWebhookSubscription?: Resolver<ResolversTypes['WebhookSecretPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookSubscriptionArgs, 'input'>>;
  deactivateFilingPlanNode?: Resolver<ResolversTypes['FilingPlanNode'], ParentType, ContextType, RequireFields<MutationDeactivateFilingPlanNodeArgs, 'id'>>;
  deleteWebhookSubscription?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteWebhookSubscriptionArgs, 'id'>>;
  describeDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationDescribeDocumentArgs, 'documentId' | 'input'>>;
  dispatchShipment?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationDispatchShipmentArgs, 'input'>>;
  endFilingPlanValidity?: Resolver<ResolversTypes['FilingPlan'], ParentType, ContextType, RequireFields<MutationEndFilingPlanValidityArgs, 'planId' | 'validTo'>>;
  fixAuditLogDay?: Resolver<ResolversTypes['AuditLogRendition'], ParentType, ContextType, RequireFields<MutationFixAuditLogDayArgs, 'day'>>;
  handOverShipment?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationHandOverShipmentArgs, 'shipmentId'>>;
  handOverToRecordsOffice?: Resolver<ResolversTypes['HandOverPayload'], ParentType, ContextType, RequireFields<MutationHandOverToRecordsOfficeArgs, 'input'>>;
  insertIntoCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationInsertIntoCaseFileArgs, 'caseFileId' | 'documentId'>>;
  openCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationOpenCaseFileArgs, 'input'>>;
  receiveDataMessage?: Resolver<ResolversTypes['ReceiveDataMessagePayload'], ParentType, ContextType, RequireFields<MutationReceiveDataMessageArgs, 'input'>>;
  recordCaseFileTriggerEvent?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationRecordCaseFileTriggerEventArgs, 'id' | 'occurredOn'>>;
  recordDocumentTriggerEvent?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationRecordDocumentTriggerEventArgs, 'documentId' | 'occurredOn'>>;
  recordShipmentDelivery?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationRecordShipmentDeliveryArgs, 'input'>>;
  recordShipmentReturn?: Resolver<ResolversTypes['ShipmentPayload'], ParentType, ContextType, RequireFields<MutationRecordShipmentReturnArgs, 'input'>>;
  registerDocument?: Resolver<ResolversTypes['RegisterDocumentPayload'], ParentType, ContextType, RequireFields<MutationRegisterDocumentArgs, 'input'>>;
  registerDraft?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationRegisterDraftArgs, 'documentId'>>;
  removeFromCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationRemoveFromCaseFileArgs, 'caseFileId' | 'documentId'>>;
  reopenCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationReopenCaseFileArgs, 'id' | 'reason'>>;
  reopenDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationReopenDocumentArgs, 'documentId' | 'reason'>>;
  replaceFilingPlanNode?: Resolver<ResolversTypes['FilingPlanNode'], ParentType, ContextType, RequireFields<MutationReplaceFilingPlanNodeArgs, 'id' | 'input'>>;
  replayWebhookSubscription?: Resolver<ResolversTypes['WebhookSubscription'], ParentType, ContextType, RequireFields<MutationReplayWebhookSubscriptionArgs, 'id'>>;
  returnDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationReturnDocumentArgs, 'documentId' | 'reason'>>;
  rotateWebhookSecret?: Resolver<ResolversTypes['WebhookSecretPayload'], ParentType, ContextType, RequireFields<MutationRotateWebhookSecretArgs, 'id'>>;
  sealComponent?: Resolver<ResolversTypes['SealComponentPayload'], ParentType, ContextType, RequireFields<MutationSealComponentArgs, 'componentId'>>;
  settleDocument?: Resolver<ResolversTypes['DocumentPayload'], ParentType, ContextType, RequireFields<MutationSettleDocumentArgs, 'documentId' | 'input'>>;
  updateCaseFile?: Resolver<ResolversTypes['CaseFilePayload'], ParentType, ContextType, RequireFields<MutationUpdateCaseFileArgs, 'id' | 'input'>>;
  updateDocumentKind?: Resolver<ResolversTypes['DocumentKind'], ParentType, ContextType, RequireFields<MutationUpdateDocumentKindArgs, 'id' | 'input'>>;
  updateFilingPlanNode?: Resolver<ResolversTypes['FilingPlanNode'], ParentType, ContextType, RequireFields<MutationUpdateFilingPlanNodeArgs, 'id' | 'input'>>;
  updateParty?: Resolver<ResolversTypes['PartyPayload'], ParentType, ContextType, RequireFields<MutationUpdatePartyArgs, 'id' | 'input'>>;
  updateWebhookSubscription?: Resolver<ResolversTypes['WebhookSubscription'], ParentType, ContextType, RequireFields<MutationUpdateWebhookSubscriptionArgs, 'id' | 'input'>>;
}>;

export type OrgUnitResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['OrgUnit'] = ResolversParentTypes['OrgUnit']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataBoxId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  familyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  givenName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ico?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PartyKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postalAddress?: Resolver<Maybe<ResolversTypes['PostalAddress']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['PartySource'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PartyConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PartyConnection'] = ResolversParentTypes['PartyConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PartyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PartyEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PartyEdge'] = ResolversParentTypes['PartyEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
}>;

export type PartyPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PartyPayload'] = ResolversParentTypes['PartyPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
}>;

export type PostalAddressResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PostalAddress'] = ResolversParentTypes['PostalAddress']> = ResolversObject<{
  houseNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  municipalityPart?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  orientationNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  street?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditLog?: Resolver<ResolversTypes['AuditLogConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  auditLogObjectXml?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<QueryAuditLogObjectXmlArgs, 'objectId'>>;
  auditLogRenditions?: Resolver<Array<ResolversTypes['AuditLogRendition']>, ParentType, ContextType, Partial<QueryAuditLogRenditionsArgs>>;
  auditLogSealKey?: Resolver<ResolversTypes['AuditLogSealKey'], ParentType, ContextType>;
  auditTrail?: Resolver<ResolversTypes['AuditTrail'], ParentType, ContextType, RequireFields<QueryAuditTrailArgs, 'objectId'>>;
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType, RequireFields<QueryCaseFileArgs, 'id'>>;
  caseFiles?: Resolver<ResolversTypes['CaseFileConnection'], ParentType, ContextType, RequireFields<QueryCaseFilesArgs, 'first'>>;
  dataBoxConnection?: Resolver<Maybe<ResolversTypes['DataBoxConnection']>, ParentType, ContextType>;
  dispatchQueue?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, RequireFields<QueryDispatchQueueArgs, 'first' | 'state'>>;
  disposalForecast?: Resolver<ResolversTypes['DisposalForecastConnection'], ParentType, ContextType, RequireFields<QueryDisposalForecastArgs, 'first' | 'year'>>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType, RequireFields<QueryDocumentArgs, 'id'>>;
  documentKinds?: Resolver<Array<ResolversTypes['DocumentKind']>, ParentType, ContextType, RequireFields<QueryDocumentKindsArgs, 'includeInactive'>>;
  documents?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryDocumentsArgs, 'first'>>;
  filingPlan?: Resolver<Maybe<ResolversTypes['FilingPlan']>, ParentType, ContextType, RequireFields<QueryFilingPlanArgs, 'id'>>;
  filingPlanNode?: Resolver<Maybe<ResolversTypes['FilingPlanNode']>, ParentType, ContextType, RequireFields<QueryFilingPlanNodeArgs, 'id'>>;
  filingPlans?: Resolver<Array<ResolversTypes['FilingPlan']>, ParentType, ContextType, Partial<QueryFilingPlansArgs>>;
  myDocuments?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryMyDocumentsArgs, 'first'>>;
  parties?: Resolver<ResolversTypes['PartyConnection'], ParentType, ContextType, RequireFields<QueryPartiesArgs, 'first'>>;
  party?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType, RequireFields<QueryPartyArgs, 'id'>>;
  platformStatistics?: Resolver<ResolversTypes['Statistics'], ParentType, ContextType, RequireFields<QueryPlatformStatisticsArgs, 'input'>>;
  recordsHandOver?: Resolver<Maybe<ResolversTypes['RecordsHandOver']>, ParentType, ContextType, RequireFields<QueryRecordsHandOverArgs, 'id'>>;
  registerJournal?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryRegisterJournalArgs, 'first' | 'year'>>;
  registers?: Resolver<Array<ResolversTypes['Register']>, ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentArgs, 'id'>>;
  statistics?: Resolver<ResolversTypes['Statistics'], ParentType, ContextType, RequireFields<QueryStatisticsArgs, 'input'>>;
  tombstone?: Resolver<Maybe<ResolversTypes['Tombstone']>, ParentType, ContextType, RequireFields<QueryTombstoneArgs, 'pid'>>;
  tombstones?: Resolver<Array<ResolversTypes['Tombstone']>, ParentType, ContextType, RequireFields<QueryTombstonesArgs, 'disposalProposalId'>>;
  verifyAuditLog?: Resolver<ResolversTypes['AuditLogVerification'], ParentType, ContextType>;
  webhookSubscriptions?: Resolver<Array<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
}>;

export type ReceiveDataMessagePayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ReceiveDataMessagePayload'] = ResolversParentTypes['ReceiveDataMessagePayload']> = ResolversObject<{
  dataMessage?: Resolver<ResolversTypes['DataMessage'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type RecipientResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Recipient'] = ResolversParentTypes['Recipient']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dataBoxId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RecordsHandOverResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['RecordsHandOver'] = ResolversParentTypes['RecordsHandOver'], FederationReferenceType extends FederationReferenceTypes['RecordsHandOver'] = FederationReferenceTypes['RecordsHandOver']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RecordsHandOver']> | FederationReferenceType, FederationReferenceType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  entries?: Resolver<Array<ResolversTypes['RecordsHandOverEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type RecordsHandOverEntryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['RecordsHandOverEntry'] = ResolversParentTypes['RecordsHandOverEntry']> = ResolversObject<{
  caseFile?: Resolver<Maybe<ResolversTypes['CaseFile']>, ParentType, ContextType>;
  disposalCode?: Resolver<Maybe<ResolversTypes['DisposalCode']>, ParentType, ContextType>;
  disposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  documentIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  fullFilingCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RecordsEntityKind'], ParentType, ContextType>;
  referenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sortKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RegisterResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Register'] = ResolversParentTypes['Register'], FederationReferenceType extends FederationReferenceTypes['Register'] = FederationReferenceTypes['Register']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Register']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RegisterKind'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referencePrefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RegisterDocumentPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['RegisterDocumentPayload'] = ResolversParentTypes['RegisterDocumentPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type RetentionScheduleResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['RetentionSchedule'] = ResolversParentTypes['RetentionSchedule']> = ResolversObject<{
  disposalCode?: Resolver<ResolversTypes['DisposalCode'], ParentType, ContextType>;
  fixedDisposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  triggerCheckYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  triggerEvent?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  triggerKind?: Resolver<ResolversTypes['TriggerKind'], ParentType, ContextType>;
}>;

export type SealComponentPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['SealComponentPayload'] = ResolversParentTypes['SealComponentPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type SenderResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Sender'] = ResolversParentTypes['Sender']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dataBoxId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ico?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SettlementResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Settlement'] = ResolversParentTypes['Settlement']> = ResolversObject<{
  content?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  handler?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['SettlementMethod'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  settledOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShipmentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment']> = ResolversObject<{
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['ShipmentChannel'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  dataBox?: Resolver<Maybe<ResolversTypes['DataBoxShipment']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredByFiction?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dispatchedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dispatchedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  documentReferenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  documentSubject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  files?: Resolver<Array<ResolversTypes['Component']>, ParentType, ContextType>;
  handedOverAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  postalKind?: Resolver<Maybe<ResolversTypes['PostalKind']>, ParentType, ContextType>;
  proofs?: Resolver<Array<ResolversTypes['DeliveryProof']>, ParentType, ContextType>;
  recipient?: Resolver<ResolversTypes['Recipient'], ParentType, ContextType>;
  recipientParty?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  returnNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  returnReason?: Resolver<Maybe<ResolversTypes['ShipmentReturnReason']>, ParentType, ContextType>;
  returnedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ShipmentState'], ParentType, ContextType>;
}>;

export type ShipmentConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ShipmentEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
}>;

export type ShipmentPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['ShipmentPayload'] = ResolversParentTypes['ShipmentPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
}>;

export type StatisticsResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Statistics'] = ResolversParentTypes['Statistics']> = ResolversObject<{
  groupBy?: Resolver<Array<ResolversTypes['StatisticsDimension']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['StatisticsGroup']>, ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['StatisticsSubject'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StatisticsGroupResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['StatisticsGroup'] = ResolversParentTypes['StatisticsGroup']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  keys?: Resolver<Array<ResolversTypes['StatisticsKey']>, ParentType, ContextType>;
}>;

export type StatisticsKeyResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['StatisticsKey'] = ResolversParentTypes['StatisticsKey']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['StatisticsDimension'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type TombstoneResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Tombstone'] = ResolversParentTypes['Tombstone']> = ResolversObject<{
  backupsExpireBy?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  caseFilePid?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  componentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  components?: Resolver<Array<ResolversTypes['TombstoneComponent']>, ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  destroyedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  destroyedByLogin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  destructionRecord?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType>;
  disposalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  disposalProposalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  disposalYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  documentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fullFilingCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RecordsEntityKind'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  protocolReference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  retentionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  schedule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type TombstoneComponentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['TombstoneComponent'] = ResolversParentTypes['TombstoneComponent']> = ResolversObject<{
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WebhookDeliveryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = ResolversObject<{
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attemptedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['WebhookEventType'], ParentType, ContextType>;
  httpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  poradi?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
}>;

export type WebhookFiltersResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['WebhookFilters'] = ResolversParentTypes['WebhookFilters']> = ResolversObject<{
  filingCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  orgUnitIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  registerIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type WebhookSecretPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['WebhookSecretPayload'] = ResolversParentTypes['WebhookSecretPayload']> = ResolversObject<{
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subscription?: Resolver<ResolversTypes['WebhookSubscription'], ParentType, ContextType>;
}>;

export type WebhookSubscriptionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['WebhookSubscription'] = ResolversParentTypes['WebhookSubscription']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  apiClient?: Resolver<ResolversTypes['ApiClient'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['WebhookEventType']>, ParentType, ContextType>;
  failures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  filters?: Resolver<ResolversTypes['WebhookFilters'], ParentType, ContextType>;
  handledThrough?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  logHead?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  recentDeliveries?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType, RequireFields<WebhookSubscriptionRecentDeliveriesArgs, 'limit'>>;
  secretRotatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = FilingContext> = ResolversObject<{
  ApiClient?: ApiClientResolvers<ContextType>;
  ArchiveProblem?: ArchiveProblemResolvers<ContextType>;
  ArchiveReadiness?: ArchiveReadinessResolvers<ContextType>;
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditLogConnection?: AuditLogConnectionResolvers<ContextType>;
  AuditLogEdge?: AuditLogEdgeResolvers<ContextType>;
  AuditLogEntry?: AuditLogEntryResolvers<ContextType>;
  AuditLogRendition?: AuditLogRenditionResolvers<ContextType>;
  AuditLogSealKey?: AuditLogSealKeyResolvers<ContextType>;
  AuditLogVerification?: AuditLogVerificationResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  Cancellation?: CancellationResolvers<ContextType>;
  CaseFile?: CaseFileResolvers<ContextType>;
  CaseFileConnection?: CaseFileConnectionResolvers<ContextType>;
  CaseFileEdge?: CaseFileEdgeResolvers<ContextType>;
  CaseFilePayload?: CaseFilePayloadResolvers<ContextType>;
  Component?: ComponentResolvers<ContextType>;
  ComponentConversion?: ComponentConversionResolvers<ContextType>;
  ComponentSeal?: ComponentSealResolvers<ContextType>;
  ComponentSignature?: ComponentSignatureResolvers<ContextType>;
  ConvertDocumentComponentsPayload?: ConvertDocumentComponentsPayloadResolvers<ContextType>;
  DataBoxConnection?: DataBoxConnectionResolvers<ContextType>;
  DataBoxFailedMessage?: DataBoxFailedMessageResolvers<ContextType>;
  DataBoxShipment?: DataBoxShipmentResolvers<ContextType>;
  DataMessage?: DataMessageResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeliveryProof?: DeliveryProofResolvers<ContextType>;
  DisposalForecastConnection?: DisposalForecastConnectionResolvers<ContextType>;
  DisposalForecastEdge?: DisposalForecastEdgeResolvers<ContextType>;
  DisposalForecastEntry?: DisposalForecastEntryResolvers<ContextType>;
  Document?: DocumentResolvers<ContextType>;
  DocumentAuthor?: DocumentAuthorResolvers<ContextType>;
  DocumentConnection?: DocumentConnectionResolvers<ContextType>;
  DocumentConversion?: DocumentConversionResolvers<ContextType>;
  DocumentEdge?: DocumentEdgeResolvers<ContextType>;
  DocumentKind?: DocumentKindResolvers<ContextType>;
  DocumentPayload?: DocumentPayloadResolvers<ContextType>;
  FilingPlan?: FilingPlanResolvers<ContextType>;
  FilingPlanNode?: FilingPlanNodeResolvers<ContextType>;
  HandOverPayload?: HandOverPayloadResolvers<ContextType>;
  Identifier?: IdentifierResolvers<ContextType>;
  Municipality?: MunicipalityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrgUnit?: OrgUnitResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PartyConnection?: PartyConnectionResolvers<ContextType>;
  PartyEdge?: PartyEdgeResolvers<ContextType>;
  PartyPayload?: PartyPayloadResolvers<ContextType>;
  PostalAddress?: PostalAddressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReceiveDataMessagePayload?: ReceiveDataMessagePayloadResolvers<ContextType>;
  Recipient?: RecipientResolvers<ContextType>;
  RecordsHandOver?: RecordsHandOverResolvers<ContextType>;
  RecordsHandOverEntry?: RecordsHandOverEntryResolvers<ContextType>;
  Register?: RegisterResolvers<ContextType>;
  RegisterDocumentPayload?: RegisterDocumentPayloadResolvers<ContextType>;
  RetentionSchedule?: RetentionScheduleResolvers<ContextType>;
  SealComponentPayload?: SealComponentPayloadResolvers<ContextType>;
  Sender?: SenderResolvers<ContextType>;
  Settlement?: SettlementResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  ShipmentPayload?: ShipmentPayloadResolvers<ContextType>;
  Statistics?: StatisticsResolvers<ContextType>;
  StatisticsGroup?: StatisticsGroupResolvers<ContextType>;
  StatisticsKey?: StatisticsKeyResolvers<ContextType>;
  Tombstone?: TombstoneResolvers<ContextType>;
  TombstoneComponent?: TombstoneComponentResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookFilters?: WebhookFiltersResolvers<ContextType>;
  WebhookSecretPayload?: WebhookSecretPayloadResolvers<ContextType>;
  WebhookSubscription?: WebhookSubscriptionResolvers<ContextType>;
}>;

