import { EntitySchema } from '@mikro-orm/core';

/**
 * BUILDING: opened, a background job (build.ts) still puts the due entities in; OPEN: the records office fills it;
 * SUBMITTED: sent to the archive; DECIDED: the archive's Seznam is imported.
 */
export type DisposalProposalState = 'BUILDING' | 'OPEN' | 'SUBMITTED' | 'DECIDED' | 'COMPLETED';

/** Whose audit identity the build job's events carry: the officer who opened the proposal (see build.ts). */
export interface BuildActor {
  userId: string;
  login: string;
  name: string | null;
  roles: string[];
  orgUnitId: string | null;
}
/** The archive's decision per entity (nsesss-DA `Operace`: "vybrat za archiválii" / "zničit"). */
export type DisposalDecision = 'KEEP_AS_ARCHIVAL_RECORD' | 'DESTROY';

/**
 * A disposal proposal (skartační návrh, TrP object `SkartacniNavrh`) of one municipality for a year: the case files
 * and lone documents of the records office due for disposal that the records office sends to the archive for its
 * skartační řízení. Tenant-owned.
 *
 * At most one proposal per municipality is OPEN or SUBMITTED: `activeKey` holds the municipality's id while it is,
 * null afterwards, under a unique index. NULLs never collide, so decided proposals pile up freely, while two
 * concurrent `openDisposalProposal` calls cannot both commit on MariaDB (a check-then-insert could).
 */
export class DisposalProposal {
  id!: string;
  municipalityId!: string;
  year!: number;
  state!: DisposalProposalState;
  activeKey!: string | null;
  /**
   * The proposal's document in filing once submitted: the proposal's own id, under which filing's log ingest files
   * it (its reference number is filing's and read from there).
   */
  documentId!: string | null;
  createdAt!: Date;
  createdById!: string;
  submittedAt!: Date | null;
  submittedById!: string | null;
  /** The imported Seznam's `ID` and `identifikatorArchivu`, once decided. */
  decisionListId!: string | null;
  decidedAt!: Date | null;
  decidedById!: string | null;
  /**
   * The build (build.ts): due entities found at open time, how many the job has gone through, put in, and found
   * blocked; null on proposals opened before builds existed.
   */
  buildTotal!: number | null;
  buildProcessed!: number | null;
  buildProposed!: number | null;
  buildBlocked!: number | null;
  buildFinishedAt!: Date | null;
  buildActor!: BuildActor | null;
}

export const DisposalProposalSchema = new EntitySchema<DisposalProposal>({
  class: DisposalProposal,
  tableName: 'disposal_proposal',
  indexes: [{ properties: ['municipalityId', 'createdAt'] }],
  uniques: [{ properties: ['activeKey'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    year: { type: 'integer' },
    state: { type: 'string', length: 20 },
    activeKey: { type: 'uuid', nullable: true },
    documentId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
    submittedAt: { type: 'datetime', length: 3, nullable: true },
    submittedById: { type: 'uuid', nullable: true },
    decisionListId: { type: 'string', length: 200, nullable: true },
    decidedAt: { type: 'datetime', length: 3, nullable: true },
    decidedById: { type: 'uuid', nullable: true },
    buildTotal: { type: 'integer', nullable: true },
    buildProcessed: { type: 'integer', nullable: true },
    buildProposed: { type: 'integer', nullable: true },
    buildBlocked: { type: 'integer', nullable: true },
    buildFinishedAt: { type: 'datetime', length: 3, nullable: true },
    buildActor: { type: 'json', nullable: true },
  },
});

/**
 * A due entity a BUILDING proposal has yet to go through (its build queue), with the PID filing answered for it
 * when the proposal was opened (null: filing did not know it). The job deletes the rows of each batch in the
 * batch's transaction, so what is left is exactly what a restarted process still has to do. Tenant-owned.
 */
export class DisposalProposalBuildItem {
  proposalId!: string;
  entityId!: string;
  municipalityId!: string;
  sortKey!: string;
  pid!: string | null;
}

export const DisposalProposalBuildItemSchema = new EntitySchema<DisposalProposalBuildItem>({
  class: DisposalProposalBuildItem,
  tableName: 'disposal_proposal_build_item',
  // The job takes the next batch in inventory order.
  indexes: [{ properties: ['proposalId', 'sortKey', 'entityId'] }],
  properties: {
    proposalId: { type: 'uuid', primary: true },
    entityId: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    sortKey: { type: 'string', length: 191 },
    pid: { type: 'string', length: 100, nullable: true },
  },
});

/**
 * A case file or lone document in a proposal (its id is the records office item's = filing's entity id), with the
 * PID our SIPs and the transaction log name it by (the archive's Seznam identifies it so), and after the decision
 * the archive's skartační řízení (date, operation, reasoning, assessor). Removed entities lose their row (the log
 * keeps VyjmutiZeSkartacnihoNavrhu). Tenant-owned.
 */
export class DisposalProposalEntry {
  id!: string;
  municipalityId!: string;
  proposalId!: string;
  entityId!: string;
  pid!: string;
  addedAt!: Date;
  addedById!: string;
  decision!: DisposalDecision | null;
  /** YYYY-MM-DD of the skartační řízení (the Seznam's datumVytvoreni day). */
  decisionDate!: string | null;
  reasoning!: string | null;
  assessor!: string | null;
  /** When the archive confirmed it took the kept record over (its `Seznam` of accepted entities; TrP `Prenos`). */
  transferConfirmedAt!: Date | null;
  /** When the hub destroyed it (TrP `Zniceni`): only its tombstone remains in filing. */
  destroyedAt!: Date | null;
}

export const DisposalProposalEntrySchema = new EntitySchema<DisposalProposalEntry>({
  class: DisposalProposalEntry,
  tableName: 'disposal_proposal_entry',
  // An entity is in a proposal at most once; "decided elsewhere" looks entities up across proposals, the import by PID.
  uniques: [{ properties: ['proposalId', 'entityId'] }],
  indexes: [{ properties: ['municipalityId', 'entityId'] }, { properties: ['municipalityId', 'pid'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    proposalId: { type: 'uuid' },
    entityId: { type: 'uuid' },
    pid: { type: 'string', length: 100 },
    addedAt: { type: 'datetime', length: 3 },
    addedById: { type: 'uuid' },
    decision: { type: 'string', length: 30, nullable: true },
    decisionDate: { type: 'string', length: 10, nullable: true },
    reasoning: { type: 'text', nullable: true },
    assessor: { type: 'string', length: 200, nullable: true },
    transferConfirmedAt: { type: 'datetime', length: 3, nullable: true },
    destroyedAt: { type: 'datetime', length: 3, nullable: true },
  },
});
