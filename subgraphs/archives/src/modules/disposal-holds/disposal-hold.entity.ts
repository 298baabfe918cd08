import { EntitySchema } from '@mikro-orm/core';

/**
 * A disposal hold (pozastavení skartační operace): while it is active, the document or case file may be neither
 * destroyed nor transferred to the archive, nor returned out of the records office (records-office/disposal-check.ts).
 * Tenant-owned. Documents and case files belong to the filing subgraph; only their ids are kept, exactly one of the two.
 */
export class DisposalHold {
  id!: string;
  municipalityId!: string;
  documentId!: string | null;
  caseFileId!: string | null;
  reason!: string;
  placedAt!: Date;
  placedById!: string;
  /** null while the hold is active. */
  releasedAt!: Date | null;
  releasedById!: string | null;
  releaseReason!: string | null;
}

export const DisposalHoldSchema = new EntitySchema<DisposalHold>({
  class: DisposalHold,
  tableName: 'disposal_hold',
  // Holds are looked up per document (Document.disposalHolds, batched over a page of documents).
  indexes: [{ properties: ['municipalityId', 'documentId'] }, { properties: ['municipalityId', 'caseFileId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid', nullable: true },
    caseFileId: { type: 'uuid', nullable: true },
    reason: { type: 'text' },
    placedAt: { type: 'datetime', length: 3 },
    placedById: { type: 'uuid' },
    releasedAt: { type: 'datetime', length: 3, nullable: true },
    releasedById: { type: 'uuid', nullable: true },
    releaseReason: { type: 'text', nullable: true },
  },
});

export const isActive = (hold: DisposalHold) => hold.releasedAt == null;

/** The held entity's id and its TrP object type. */
export const heldObject = (hold: DisposalHold) =>
  hold.caseFileId
    ? { objectType: 'Spis' as const, objectId: hold.caseFileId }
    : { objectType: 'Dokument' as const, objectId: hold.documentId! };
