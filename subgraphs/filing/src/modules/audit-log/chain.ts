import { createHash } from 'node:crypto';
import type { LogEntry } from './log-entry.entity';

/** The previous hash of a municipality's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a log entry: SHA-256 over a canonical serialisation of every field that carries meaning (a JSON
 * array in a fixed order, instants as ISO strings with milliseconds), including the previous entry's hash. So
 * changing any field, or removing or inserting an entry, breaks the chain from that entry on. The fields added
 * later (the object's PID, the actor's name and roles) are appended only when one of them is set, so the entries
 * written before they existed keep their hashes.
 */
export function entryHash(e: Omit<LogEntry, 'hash' | 'id'>): string {
  const canonical = JSON.stringify([
    'blansko-hub-log/1',
    e.municipalityId,
    e.poradi,
    e.recordedAt.toISOString(),
    e.source,
    e.sourceEventId,
    e.occurredAt.toISOString(),
    e.actorId,
    e.actorLogin,
    e.eventType,
    e.objectType,
    e.objectId,
    e.objectSource,
    e.description,
    e.changes.map((c) => [c.name, c.old, c.new]),
    e.prevHash,
    ...(e.objectPid != null || e.actorName != null || e.actorRoles != null
      ? [e.objectPid ?? null, e.actorName ?? null, e.actorRoles ?? null]
      : []),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
