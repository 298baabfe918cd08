import { EntitySchema } from '@mikro-orm/core';

/** RECEIVED: delivered to the municipality (doručený dokument); OWN: created by it (vlastní dokument). */
export type DocumentOrigin = 'RECEIVED' | 'OWN';

/** A registered document: one entry of a register (podací deník). Tenant-owned. */
export class Document {
  id!: string;
  municipalityId!: string;
  /** Unique identifier bound to the document for life (PID, jednoznačný identifikátor), see pid.ts. */
  pid!: string;
  registerId!: string;
  /** Reference number (číslo jednací, čj) or the separate register's number, e.g. `MBK 17/2026`. */
  referenceNumber!: string;
  /** Number within register and year (pořadové číslo), gapless from 1. */
  sequenceNumber!: number;
  /** Calendar year of the registration in Czech time: the year the number belongs to. */
  year!: number;
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
  /** Sender (odesílatel) of a received document; all null for own documents. */
  senderName!: string | null;
  senderAddress!: string | null;
  senderDataBoxId!: string | null;
  senderIco!: string | null;
  /** The sender's own reference number (odesílatelovo evidenční číslo). */
  senderReferenceNumber!: string | null;
  registeredAt!: Date;
  registeredById!: string;
}

export const DocumentSchema = new EntitySchema<Document>({
  class: Document,
  tableName: 'document',
  uniques: [{ properties: ['registerId', 'year', 'sequenceNumber'] }],
  // The list query: the tenant filter's equality, then newest first with the id as tie-breaker (keyset paging).
  indexes: [{ properties: ['municipalityId', 'registeredAt', 'id'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    pid: { type: 'string', length: 50, unique: true },
    registerId: { type: 'uuid' },
    referenceNumber: { type: 'string', length: 50 },
    sequenceNumber: { type: 'integer' },
    year: { type: 'integer' },
    subject: { type: 'text' },
    subjectFolded: { type: 'text' },
    origin: { type: 'string', length: 10 },
    deliveredAt: { type: 'datetime', nullable: true },
    senderName: { type: 'string', length: 300, nullable: true },
    senderAddress: { type: 'string', length: 500, nullable: true },
    senderDataBoxId: { type: 'string', length: 7, nullable: true },
    senderIco: { type: 'string', length: 8, nullable: true },
    senderReferenceNumber: { type: 'string', length: 50, nullable: true },
    registeredAt: { type: 'datetime', length: 3 },
    registeredById: { type: 'uuid' },
  },
});
