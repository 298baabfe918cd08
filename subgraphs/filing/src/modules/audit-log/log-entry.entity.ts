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
  /** Login of who acted (`system` for the hub itself); the first part of `provedlKdo`. */
  actorLogin!: string;
  /** Their name and roles as the event carried them (kit audit.ts); with the login they make `provedlKdo` (xml.ts). */
  actorName!: string | null;
  actorRoles!: string | null;
  /** `TypUdalostiId` and `TypObjektuId` of nsesss-TrP.xsd. */
  eventType!: string;
  objectType!: string;
  /** The object's id as the writing subgraph has it (UUID): what `auditTrail(objectId)` and the filter look for. */
  objectId!: string;
  /**
   * `HodnotaID` of the object's `Identifikator` when it is not the raw id: the PID of a document or case file,
   * resolved at ingest (so the log names them as the SIP does, rule obs54). Null: `objectId` is the HodnotaID
   * (objects without a PID, and entries written before PIDs were resolved).
   */
  objectPid!: string | null;
  /** `ZdrojID` of the object's `Identifikator` (≤ 50 characters). */
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
    { properties: ['municipalityId', 'objectPid', 'poradi'] },
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
    actorName: { type: 'string', length: 200, nullable: true },
    actorRoles: { type: 'string', length: 200, nullable: true },
    eventType: { type: 'string', length: 64 },
    objectType: { type: 'string', length: 64 },
    objectId: { type: 'string', length: 50 },
    objectPid: { type: 'string', length: 50, nullable: true },
    objectSource: { type: 'string', length: 50 },
    description: { type: 'text', nullable: true },
    changes: { type: 'json' },
    prevHash: { type: 'string', length: 64 },
    hash: { type: 'string', length: 64 },
  },
});
