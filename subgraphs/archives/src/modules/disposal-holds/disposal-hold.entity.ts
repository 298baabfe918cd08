import { EntitySchema } from '@mikro-orm/core';

/**
 * A disposal hold (pozastavení skartační operace): while it is active, the document may be neither destroyed nor
 * transferred to the archive. Tenant-owned. The document belongs to the filing subgraph; only its id is kept.
 */
export class DisposalHold {
  id!: string;
  municipalityId!: string;
  documentId!: string;
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
  indexes: [{ properties: ['municipalityId', 'documentId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    reason: { type: 'text' },
    placedAt: { type: 'datetime', length: 3 },
    placedById: { type: 'uuid' },
    releasedAt: { type: 'datetime', length: 3, nullable: true },
    releasedById: { type: 'uuid', nullable: true },
    releaseReason: { type: 'text', nullable: true },
  },
});

export const isActive = (hold: DisposalHold) => hold.releasedAt == null;
