import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { inTransaction, logger, nextInSeries, scopeToTenant, type AuditChange, type HubORM } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { CaseFile } from '../case-files/case-file.entity';
import { blobStoreFromEnv } from '../components/blob-store';
import { eraseQueuedBlobs } from '../destruction/blob-erasure';
import { applyDestructions, isDestruction } from '../destruction/ingest';
import { fileDestructionRecords } from '../destruction/record';
import { Tombstone } from '../destruction/tombstone.entity';
import { Document } from '../documents/document.entity';
import { fileSubmittedProposals } from '../records-office/disposal-proposal-filing';
import { applyCustodyEvents, applyProposalEvents } from '../records-office/mirror';
import { Register } from '../registers/register.entity';
import { GENESIS_HASH, entryHash } from './chain';
import { addDays, czechDay, czechDayRange } from './days';
import { LogEntry } from './log-entry.entity';

/**
 * Ingest of the transaction log: audit events shipped by the subgraphs' outbox relays (kit outbox.ts) become
 * entries of their municipality's one log, numbered and hash-chained (docs/architecture.md, "Audit log").
 *
 * - Idempotent: an event already in the log (same source and event id) is skipped, so a relay may re-send.
 * - `Poradi`: the first statement of the transaction increments the `log:<municipality>` counter, which locks the
 *   municipality's log head until commit. Everything after (the duplicate check, the previous entry's hash, the
 *   inserts) therefore sees the head as it is and nobody else can append meanwhile: poradi is gapless, in write
 *   order, and each entry chains to the one before it.
 */

/** An audit event as it arrives (an `AuditEvent` of kit audit.ts; dates as ISO strings over HTTP). */
export interface IncomingAuditEvent {
  id: string;
  municipalityId: string;
  sequence: number;
  occurredAt: string | Date;
  actorId?: string | null;
  actorLogin?: string | null;
  actorName?: string | null;
  actorRoles?: string | null;
  eventType: string;
  objectType: string;
  objectId: string;
  description?: string | null;
  changes?: AuditChange[] | null;
}

/** The events cannot be taken (malformed): the HTTP route answers 400, and the relay keeps retrying. */
export class IngestRejected extends Error {}

interface CleanEvent {
  id: string;
  municipalityId: string;
  sequence: number;
  occurredAt: Date;
  actorId: string | null;
  actorLogin: string;
  actorName: string | null;
  actorRoles: string | null;
  eventType: string;
  objectType: string;
  objectId: string;
  description: string | null;
  changes: AuditChange[];
}

const UUIDISH = /^[0-9a-fA-F-]{1,36}$/;

/** Cuts to `max` characters (code points, as the database counts them), never inside a surrogate pair. */
function cut(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join('');
}

function clean(raw: unknown, i: number): CleanEvent {
  const e = raw as Partial<IncomingAuditEvent> | null;
  const bad = (what: string): never => {
    throw new IngestRejected(`event ${i}: ${what}`);
  };
  if (!e || typeof e !== 'object') bad('not an object');
  if (typeof e!.id !== 'string' || !UUIDISH.test(e!.id)) bad('id must be a UUID');
  if (typeof e!.municipalityId !== 'string' || !UUIDISH.test(e!.municipalityId)) bad('municipalityId must be a UUID');
  if (!Number.isSafeInteger(e!.sequence) || e!.sequence! < 1) bad('sequence must be a positive integer');
  const occurredAt = new Date(e!.occurredAt as string);
  if (Number.isNaN(occurredAt.getTime())) bad('occurredAt must be a date');
  const actorId = e!.actorId ?? null;
  if (actorId !== null && (typeof actorId !== 'string' || !UUIDISH.test(actorId)))
    bad('actorId must be a UUID or null');
  const login = typeof e!.actorLogin === 'string' && e!.actorLogin.trim() ? e!.actorLogin : 'system';
  for (const f of ['eventType', 'objectType'] as const) {
    if (typeof e![f] !== 'string' || !e![f] || e![f]!.length > 64) bad(`${f} must be 1–64 characters`);
  }
  if (typeof e!.objectId !== 'string' || !e!.objectId || Array.from(e!.objectId).length > 50)
    bad('objectId must be 1–50 characters');
  const optionalText = (f: 'actorName' | 'actorRoles') => {
    const v = e![f] ?? null;
    if (v !== null && typeof v !== 'string') bad(`${f} must be a string or null`);
    return v === null || !v.trim() ? null : cut(v.trim(), 200);
  };
  const actorName = optionalText('actorName');
  const actorRoles = optionalText('actorRoles');
  const description = e!.description ?? null;
  if (description !== null && typeof description !== 'string') bad('description must be a string or null');
  const changes = e!.changes ?? [];
  if (!Array.isArray(changes)) bad('changes must be a list');
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    id: e!.id!,
    municipalityId: e!.municipalityId!,
    sequence: e!.sequence!,
    occurredAt,
    actorId,
    actorLogin: cut(login, 100),
    actorName,
    actorRoles,
    eventType: e!.eventType!,
    objectType: e!.objectType!,
    objectId: e!.objectId!,
    description,
    changes: changes.map((c, j) => {
      if (!c || typeof c !== 'object' || typeof c.name !== 'string') bad(`change ${j} needs a name`);
      return { name: c.name, old: str(c.old), new: str(c.new) };
    }),
  };
}

/** Thrown inside the transaction when every event turned out to be in the log already: rolls the counter back. */
class NothingNew extends Error {}

/**
 * Writes events of `source` into the log. Events of several municipalities may come together; each
 * municipality's are written in their outbox order, in one transaction per municipality. Returns how many were
 * new (the rest were already there).
 */
export async function ingest(orm: HubORM, source: string, events: unknown[]): Promise<number> {
  if (!Array.isArray(events)) throw new IngestRejected('events must be a list');
  if (typeof source !== 'string' || !source || source.length > 30) throw new IngestRejected('bad source');
  const byMunicipality = new Map<string, Map<string, CleanEvent>>();
  events.forEach((raw, i) => {
    const e = clean(raw, i);
    const group = byMunicipality.get(e.municipalityId) ?? new Map<string, CleanEvent>();
    byMunicipality.set(e.municipalityId, group);
    if (!group.has(e.id)) group.set(e.id, e);
  });
  let written = 0;
  for (const [municipalityId, group] of byMunicipality) {
    const ordered = [...group.values()].sort((a, b) => a.sequence - b.sequence);
    written += await ingestMunicipality(orm, source, municipalityId, ordered);
  }
  return written;
}

async function ingestMunicipality(
  orm: HubORM,
  source: string,
  municipalityId: string,
  events: CleanEvent[],
): Promise<number> {
  const em = scopeToTenant(orm.em.fork(), municipalityId);
  const objectSource = await objectSourceOf(orm, em, municipalityId);
  for (let attempt = 1; ; attempt++) {
    try {
      const written = await inTransaction(em, (tx) => appendEntries(tx, source, municipalityId, objectSource, events));
      // A destruction's bytes go once its rows are gone for good (committed); what fails waits for the upload sweep.
      if (source === 'archives' && events.some(isDestruction)) {
        await eraseQueuedBlobs(orm, blobStoreFromEnv()).catch((err: unknown) =>
          logger.error({ err }, 'blob erasure after a destruction failed (the sweep retries)'),
        );
      }
      return written;
    } catch (e) {
      if (e instanceof NothingNew) return 0;
      // Cannot happen while the counter lock is taken first, but if two writers ever raced an event in, the
      // loser's events are "already there": read again and skip them.
      if (e instanceof UniqueConstraintViolationException && /source_event_id/.test(String(e.message)) && attempt < 3)
        continue;
      throw e;
    }
  }
}

/**
 * When a municipality's very first log entries are recorded: now, or with `HUB_DEMO_LOG_FROM_YESTERDAY=1` (demos and the
 * README's test) at noon of the previous Czech day. A day can be fixed only once it is over, so a fresh install's log,
 * which begins today, has nothing to fix until tomorrow; with the setting its first batch (on a fresh install, the demo
 * data's creation) makes yesterday a day with entries that `fixAuditLogDay` can fix at once. Only an empty log's first
 * batch: every later entry is recorded now, and recordedAt never goes back along poradi. Not for real data.
 */
export function firstRecordedAt(now: Date, env: NodeJS.ProcessEnv = process.env): Date {
  if (env.HUB_DEMO_LOG_FROM_YESTERDAY !== '1') return now;
  return new Date(czechDayRange(addDays(czechDay(now), -1)).start.getTime() + 12 * 3600_000);
}

async function appendEntries(
  tx: SqlEntityManager,
  source: string,
  municipalityId: string,
  objectSource: string,
  events: CleanEvent[],
): Promise<number> {
  const series = `log:${municipalityId}`;
  // FIRST: take the next poradi, which locks the municipality's log head until commit.
  const first = await nextInSeries(tx, series);
  // The log is one table across municipalities with a global unique (source, event id): look without the filter.
  const existing = await tx.find(
    LogEntry,
    { source, sourceEventId: { $in: events.map((e) => e.id) } },
    { filters: false, fields: ['sourceEventId'], disableIdentityMap: true },
  );
  const known = new Set(existing.map((e) => e.sourceEventId));
  const fresh = events.filter((e) => !known.has(e.id));
  if (fresh.length === 0) throw new NothingNew();
  if (fresh.length > 1) {
    // The counter row is ours until commit: take the rest of the numbers in one step.
    await tx
      .getKnex()('sequence_counter')
      .where({ name: series })
      .increment('current_value', fresh.length - 1)
      .transacting(tx.getTransactionContext()!);
  }
  let prevHash = GENESIS_HASH;
  let recordedAt = first === 1 ? firstRecordedAt(new Date()) : new Date();
  if (first > 1) {
    const prev = await tx.findOne(
      LogEntry,
      { municipalityId, poradi: first - 1 },
      { fields: ['hash', 'recordedAt'], disableIdentityMap: true },
    );
    if (!prev)
      throw new Error(
        `transaction log of municipality ${municipalityId}: entry ${first - 1} is missing, cannot chain entry ${first}`,
      );
    prevHash = prev.hash;
    // recordedAt never goes back along poradi, even if the clock does (daily renditions cut the log by it).
    if (prev.recordedAt.getTime() > recordedAt.getTime()) recordedAt = new Date(prev.recordedAt.getTime());
  }
  const pids = await objectPids(tx, fresh);
  fresh.forEach((e, i) => {
    const entry: Omit<LogEntry, 'hash' | 'id'> = {
      municipalityId,
      poradi: first + i,
      recordedAt,
      source,
      sourceEventId: e.id,
      occurredAt: e.occurredAt,
      actorId: e.actorId,
      actorLogin: e.actorLogin,
      actorName: e.actorName,
      actorRoles: e.actorRoles,
      eventType: e.eventType,
      objectType: e.objectType,
      objectId: e.objectId,
      objectPid: pids.get(`${e.objectType}:${e.objectId}`) ?? null,
      objectSource,
      description: e.description,
      changes: e.changes,
      prevHash,
    };
    const hash = entryHash(entry);
    tx.create(LogEntry, { ...entry, id: randomUUID(), hash });
    prevHash = hash;
  });
  // The records office's custody steps change filing's states in this same transaction (records-office/mirror.ts).
  if (source === 'archives') {
    await applyCustodyEvents(tx, fresh);
    await applyProposalEvents(tx, fresh);
    await fileSubmittedProposals(tx, fresh);
    // Zniceni: tombstones, rows deleted, bytes queued for erasure; then the run's destruction record (modules/destruction).
    await applyDestructions(tx, fresh);
    await fileDestructionRecords(tx, fresh, blobStoreFromEnv());
  }
  await tx.flush();
  return fresh.length;
}

/**
 * The PIDs of the documents and case files the events are about, keyed `<objectType>:<id>`: the log names them by
 * PID (`HodnotaID`), as the SIP does (rule obs54). Resolved here because filing owns both, whichever subgraph
 * wrote the event (the records office's events about a case file carry filing's case file id). Read in the
 * ingest's transaction under the tenant filter, so another municipality's id resolves to nothing. An object
 * without a PID (a case file before the data upgrade, an id filing does not know) keeps its raw id.
 */
async function objectPids(tx: SqlEntityManager, events: CleanEvent[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [
    ...new Set(events.filter((e) => e.objectType === type && UUIDISH.test(e.objectId)).map((e) => e.objectId)),
  ];
  const documentIds = idsOf('Dokument');
  const caseFileIds = idsOf('Spis');
  const pids = new Map<string, string>();
  if (documentIds.length > 0) {
    const rows = await tx.find(
      Document,
      { id: { $in: documentIds } },
      { fields: ['id', 'pid'], disableIdentityMap: true },
    );
    for (const d of rows) pids.set(`Dokument:${d.id}`, d.pid);
  }
  if (caseFileIds.length > 0) {
    const rows = await tx.find(
      CaseFile,
      { id: { $in: caseFileIds } },
      { fields: ['id', 'pid'], disableIdentityMap: true },
    );
    for (const c of rows) if (c.pid) pids.set(`Spis:${c.id}`, c.pid);
  }
  // A destroyed entity (destruction/ingest.ts) keeps its PID in its tombstone: later events about it still name it so.
  const missing = [
    ...documentIds.filter((id) => !pids.has(`Dokument:${id}`)),
    ...caseFileIds.filter((id) => !pids.has(`Spis:${id}`)),
  ];
  if (missing.length > 0) {
    const rows = await tx.find(
      Tombstone,
      { entityId: { $in: missing } },
      { fields: ['entityId', 'kind', 'pid'], disableIdentityMap: true },
    );
    for (const t of rows) pids.set(`${t.kind === 'CASE_FILE' ? 'Spis' : 'Dokument'}:${t.entityId}`, t.pid);
  }
  return pids;
}

const objectSources = new WeakMap<HubORM, Map<string, string>>();

/**
 * `ZdrojID` of the objects of a municipality: `cz.blansko.essl.<ABBR>`, ABBR being the prefix of its main register
 * (≤ 20 characters, so the whole stays within the schema's 50). Cached per process once a main register exists;
 * without one, the first 8 characters of the municipality id stand in (not cached).
 */
export async function objectSourceOf(orm: HubORM, em: SqlEntityManager, municipalityId: string): Promise<string> {
  let cache = objectSources.get(orm);
  if (!cache) objectSources.set(orm, (cache = new Map()));
  const cached = cache.get(municipalityId);
  if (cached) return cached;
  const main =
    (await em.findOne(Register, { municipalityId, kind: 'MAIN', active: true })) ??
    (await em.findOne(Register, { municipalityId, kind: 'MAIN' }, { orderBy: { createdAt: 'asc' } }));
  if (!main) return `cz.blansko.essl.${municipalityId.slice(0, 8)}`;
  const source = cut(`cz.blansko.essl.${main.referencePrefix}`, 50);
  cache.set(municipalityId, source);
  return source;
}
