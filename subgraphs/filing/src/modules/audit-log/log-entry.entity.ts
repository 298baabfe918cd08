import { EntitySchema } from '@mikro-orm/core';
import type { AuditChange } from '@hub/kit';

/**
 * One event of a municipality's transaction log (transakční protokol, domain.md §5.4): the single log that
 * the events of all four subgraphs are shipped into (see docs/architecture.md, "Transaction log"). Append-only:
 * database triggers refuse UPDATE and DELETE, and each entry is hash-chained to the previous one of its
 * municipality, so a changed, removed or inserted row is found by the verifier.
 */
export class LogEntry {
  id!: string;
  municipalityId!: string;
  /** `Poradi`: position in the municipality's log, 1, 2, 3 … in the order entries were written, never reused. */
  poradi!: number;
  /** When the entry was written into the log (decides which daily rendition holds it). */
  recordedAt!: Date;
  /** The subgraph that wrote the original event, and that event's id there (unique together: no duplicates). */
  source!: string;
  sourceEventId!: string;
  /** `DatumVzniku`: when the change happened. */
  occurredAt!: Date;
  actorId!: string | null;
  /** `provedlKdo`: who (1–100 characters). */
  actorLogin!: string;
  /** `TypUdalostiId` and `TypObjektuId` of nsesss-TrP.xsd. */
  eventType!: string;
  objectType!: string;
  /** The object's `Identifikator`: `HodnotaID` and `ZdrojID`, each ≤ 50 characters. */
  objectId!: string;
  objectSource!: string;
  description!: string | null;
  /** `ParametryUdalosti`: old and new values. */
  changes!: AuditChange[];
  /** Hash of the previous entry of the municipality (64 zeros for the first), and of this one (chain.ts). */
  prevHash!: string;
  hash!: string;
}

export const LogEntrySchema = new EntitySchema<LogEntry>({
  class: LogEntry,
  tableName: 'log_entry',
  uniques: [{ properties: ['municipalityId', 'poradi'] }, { properties: ['source', 'sourceEventId'] }],
  indexes: [
    { properties: ['municipalityId', 'recordedAt'] },
    { properties: ['municipalityId', 'objectId', 'poradi'] },
    { properties: ['municipalityId', 'occurredAt'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    poradi: { type: 'integer' },
    recordedAt: { type: 'datetime', length: 3 },
    source: { type: 'string', length: 30 },
    sourceEventId: { type: 'uuid' },
    occurredAt: { type: 'datetime', length: 3 },
    actorId: { type: 'uuid', nullable: true },
    actorLogin: { type: 'string', length: 100 },
    eventType: { type: 'string', length: 64 },
    objectType: { type: 'string', length: 64 },
    objectId: { type: 'string', length: 50 },
    objectSource: { type: 'string', length: 50 },
    description: { type: 'text', nullable: true },
    changes: { type: 'json' },
    prevHash: { type: 'string', length: 64 },
    hash: { type: 'string', length: 64 },
  },
});
