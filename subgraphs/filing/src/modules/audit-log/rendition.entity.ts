import { EntitySchema } from '@mikro-orm/core';

/**
 * The daily fixation (ztvárnění) of a municipality's transaction log, domain.md §5.4: the entries recorded on one
 * Czech calendar day as a full TransakcniLogSystemu XML document, sealed, filed as a document of the municipality,
 * and hash-linked to the previous day's rendition so a missing or changed day is found (rendition-verify.ts).
 * Every day from the municipality's first entry on has one, days without entries too. Append-only: database
 * triggers refuse UPDATE and DELETE (rendition-triggers.ts). Tenant-owned.
 */
export class LogRendition {
  id!: string;
  municipalityId!: string;
  /** The day (YYYY-MM-DD, Europe/Prague) whose recorded entries it holds. */
  day!: string;
  /** The poradi range it holds; null when nothing was recorded that day. */
  fromPoradi!: number | null;
  toPoradi!: number | null;
  entryCount!: number;
  /** The rendition itself: the exact XML (UTF-8) that was hashed and sealed. */
  xml!: string;
  /** SHA-256 of the XML's UTF-8 bytes (hex). */
  sha256!: string;
  /** The seal over the XML's bytes (base64), its algorithm and the id of the key (seal.ts). */
  signature!: string;
  signatureAlgorithm!: string;
  keyId!: string;
  /** The previous day's `renditionHash` (64 zeros for the first day), and this one's (rendition-chain). */
  prevRenditionHash!: string;
  renditionHash!: string;
  /** The document the rendition is filed as (in the municipality's register of transaction logs). */
  documentId!: string;
  createdAt!: Date;
}

export const LogRenditionSchema = new EntitySchema<LogRendition>({
  class: LogRendition,
  tableName: 'log_rendition',
  uniques: [{ properties: ['municipalityId', 'day'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    day: { type: 'string', length: 10 },
    fromPoradi: { type: 'integer', nullable: true },
    toPoradi: { type: 'integer', nullable: true },
    entryCount: { type: 'integer' },
    // MariaDB's TEXT holds 64 KB; a busy day's log is larger. SQLite takes any type name (text affinity).
    xml: { type: 'text', columnType: 'longtext', lazy: true },
    sha256: { type: 'string', length: 64 },
    // Text: a qualified seal later (CAdES with certificates and a time-stamp token) runs to kilobytes.
    signature: { type: 'text' },
    signatureAlgorithm: { type: 'string', length: 30 },
    keyId: { type: 'string', length: 64 },
    prevRenditionHash: { type: 'string', length: 64 },
    renditionHash: { type: 'string', length: 64 },
    documentId: { type: 'uuid' },
    createdAt: { type: 'datetime', length: 3 },
  },
});
