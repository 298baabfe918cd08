import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** A destroyed component as its tombstone keeps it: enough to show which bytes were erased, nothing of their content. */
export interface TombstoneComponent {
  sha256: string;
  size: number;
}

/**
 * What remains of a destroyed case file or document (domain.md §6.4, tombstone; skartovaná entita): its identity, how
 * it was filed and retained, the archive's decision and the destruction — no content. Written by filing's log ingest
 * when archives' `Zniceni` reaches the log (destruction/ingest.ts), in the transaction that deletes the entity's rows.
 * A case file's documents get theirs too (`caseFilePid`), so a PID of any destroyed entity answers. Tenant-owned.
 */
export class Tombstone {
  id!: string;
  municipalityId!: string;
  /** The destroyed entity's id (filing's, as archives and the log name it). */
  entityId!: string;
  kind!: 'CASE_FILE' | 'DOCUMENT';
  pid!: string;
  /** The case file a destroyed document belonged to (destroyed with it). */
  caseFilePid!: string | null;
  referenceNumber!: string | null;
  registerId!: string | null;
  registerName!: string | null;
  year!: number | null;
  title!: string;
  fullFilingCode!: string | null;
  disposalCode!: string | null;
  retentionYears!: number | null;
  disposalYear!: number | null;
  /** The archive's decision: DESTROY (nsesss-DA `zničit`). */
  decision!: string;
  disposalProposalId!: string;
  protocolReference!: string;
  /** The run of destroyDisposedEntities (archives): the destruction record's document id. */
  destructionId!: string;
  destroyedAt!: Date;
  destroyedById!: string | null;
  destroyedByLogin!: string;
  documentCount!: number;
  componentCount!: number;
  components!: TombstoneComponent[];
}

export const TombstoneSchema = new EntitySchema<Tombstone>({
  class: Tombstone,
  tableName: 'tombstone',
  uniques: [{ properties: ['municipalityId', 'pid'] }, { properties: ['entityId'] }],
  indexes: [{ properties: ['municipalityId', 'disposalProposalId'] }, { properties: ['destructionId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    entityId: { type: 'uuid' },
    kind: { type: 'string', length: 10 },
    pid: { type: 'string', length: 100 },
    caseFilePid: { type: 'string', length: 100, nullable: true },
    referenceNumber: { type: 'string', length: 50, nullable: true },
    registerId: { type: 'uuid', nullable: true },
    registerName: { type: 'string', length: 255, nullable: true },
    year: { type: 'integer', nullable: true },
    title: { type: 'string', length: 500 },
    fullFilingCode: { type: 'string', length: 255, nullable: true },
    disposalCode: { type: 'string', length: 1, nullable: true },
    retentionYears: { type: 'integer', nullable: true },
    disposalYear: { type: 'integer', nullable: true },
    decision: { type: 'string', length: 30 },
    disposalProposalId: { type: 'uuid' },
    protocolReference: { type: 'string', length: 100 },
    destructionId: { type: 'uuid' },
    destroyedAt: { type: 'datetime', length: 3 },
    destroyedById: { type: 'uuid', nullable: true },
    destroyedByLogin: { type: 'string', length: 100 },
    documentCount: { type: 'integer' },
    componentCount: { type: 'integer' },
    components: { type: 'json' },
  },
});

/**
 * Bytes of a destroyed entity waiting to be erased from the blob store (content-addressed, shared across
 * municipalities). Queued in the destruction's transaction, erased after its commit (blob-erasure.ts) unless another
 * component, delivery proof or upload still uses the same hash; a failed erasure stays queued and the upload sweep
 * tries again. Tenant-owned (the municipality whose entity it was); the eraser works across municipalities.
 */
export class BlobErasure {
  id!: string;
  municipalityId!: string;
  blobKey!: string;
  size!: number;
  tombstoneId!: string;
  queuedAt!: Date;
  attempts!: number;
  lastError!: string | null;
  lastAttemptAt!: Date | null;
}

export const BlobErasureSchema = new EntitySchema<BlobErasure>({
  class: BlobErasure,
  tableName: 'blob_erasure',
  indexes: [{ properties: ['queuedAt'] }, { properties: ['blobKey'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    blobKey: { type: 'string', length: 64 },
    size: { type: new BigIntType('number') },
    tombstoneId: { type: 'uuid' },
    queuedAt: { type: 'datetime', length: 3 },
    attempts: { type: 'integer' },
    lastError: { type: 'string', length: 500, nullable: true },
    lastAttemptAt: { type: 'datetime', length: 3, nullable: true },
  },
});
