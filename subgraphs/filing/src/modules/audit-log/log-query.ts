import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomBytes } from 'node:crypto';
import { Role, badInput, notFound, type AuditChange } from '@hub/kit';
import type { AuditLogFilter } from '../../generated/graphql';
import { Register } from '../registers/register.entity';
import { LogEntry } from './log-entry.entity';
import { TYP_UDALOSTI_ID, isTypUdalostiId, logIdentifier, logSource, renderObjectLog } from './xml';

/** Who may read a municipality's transaction log (issue 5): its auditors and records managers, nobody else. */
export const LOG_READER_ROLES = [Role.AUDITOR, Role.RECORDS_MANAGER];

export const DEFAULT_LOG_PAGE_SIZE = 50;
export const MAX_LOG_PAGE_SIZE = 500;
/** An object's history is rendered as one string; past this many events, the period export is the tool. */
export const MAX_OBJECT_LOG_ENTRIES = 20_000;

/** `AuditLogEntry` as the schema has it: the actor as a reference to the users subgraph's `User`. */
export interface AuditLogEntryView {
  poradi: number;
  recordedAt: Date;
  occurredAt: Date;
  actor: { __typename: 'User'; id: string } | null;
  actorLogin: string;
  eventType: string;
  objectType: string;
  objectId: string;
  objectSource: string;
  description: string | null;
  changes: AuditChange[];
  source: string;
  prevHash: string;
  hash: string;
}

export function toAuditLogEntry(e: LogEntry): AuditLogEntryView {
  return {
    poradi: e.poradi,
    recordedAt: e.recordedAt,
    occurredAt: e.occurredAt,
    actor: e.actorId ? { __typename: 'User', id: e.actorId } : null,
    actorLogin: e.actorLogin,
    eventType: e.eventType,
    objectType: e.objectType,
    objectId: e.objectId,
    objectSource: e.objectSource,
    description: e.description,
    changes: e.changes ?? [],
    source: e.source,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export interface AuditLogPage {
  edges: { cursor: string; node: AuditLogEntryView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface AuditLogPageArgs {
  filter?: AuditLogFilter | null;
  first?: number | null;
  after?: string | null;
}

/** Position in the log: the entry's poradi. Opaque to clients: base64url of `poradi:<n>`. */
export const encodeLogCursor = (poradi: number) => Buffer.from(`poradi:${poradi}`, 'utf8').toString('base64url');

export function decodeLogCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^poradi:(0|[1-9]\d{0,14})$/.exec(text);
  if (!m) throw badInput('after is not a cursor of the audit log', 'after');
  return Number(m[1]);
}

/** The filter as a condition; the municipality is added by the ORM's tenant filter. */
export function logFilterCondition(filter: AuditLogFilter | null | undefined): FilterQuery<LogEntry> {
  const conditions: FilterQuery<LogEntry>[] = [];
  if (filter?.from && filter?.to && filter.from.getTime() > filter.to.getTime()) {
    throw badInput('filter.from must not be after filter.to', 'filter.to');
  }
  if (filter?.from) conditions.push({ occurredAt: { $gte: filter.from } });
  if (filter?.to) conditions.push({ occurredAt: { $lt: filter.to } });
  if (filter?.objectId != null) conditions.push({ objectId: filter.objectId });
  if (filter?.eventType != null) {
    if (!isTypUdalostiId(filter.eventType)) {
      throw badInput(`eventType must be a TypUdalostiId of nsesss-TrP.xsd (${TYP_UDALOSTI_ID.slice(0, 4).join(', ')}, …)`, 'filter.eventType');
    }
    conditions.push({ eventType: filter.eventType });
  }
  if (filter?.actorId != null) conditions.push({ actorId: filter.actorId });
  return conditions.length > 0 ? { $and: conditions } : {};
}

/**
 * One page of the EntityManager's municipality's log in poradi order (Relay connection). Keyset paging on
 * poradi: a page costs the same at any depth, and entries appended meanwhile (always at the end) shift nothing.
 * `totalCount` counts the whole filtered log.
 */
export async function findLogEntries(em: SqlEntityManager, args: AuditLogPageArgs): Promise<AuditLogPage> {
  const size = args.first ?? DEFAULT_LOG_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_LOG_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_LOG_PAGE_SIZE}`, 'first');
  }
  const after = args.after ? decodeLogCursor(args.after) : null;
  const where = logFilterCondition(args.filter);
  const pageWhere: FilterQuery<LogEntry> = after === null ? where : { $and: [where, { poradi: { $gt: after } }] };
  const [rows, totalCount] = await Promise.all([
    em.find(LogEntry, pageWhere, { orderBy: { poradi: 'asc' }, limit: size + 1 }),
    em.count(LogEntry, where),
  ]);
  const edges = rows.slice(0, size).map((e) => ({ cursor: encodeLogCursor(e.poradi), node: toAuditLogEntry(e) }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/**
 * The municipality's abbreviation (for identifiers and file names): the prefix of its main register, which is
 * what its reference numbers and PIDs start with; a piece of its id when it has none.
 */
export async function municipalityAbbreviation(em: SqlEntityManager, municipalityId: string): Promise<string> {
  const main = await em.findOne(Register, { kind: 'MAIN' }, { orderBy: [{ active: 'desc' }, { createdAt: 'asc' }] });
  return main?.referencePrefix || municipalityId.slice(0, 8);
}

/**
 * One object's history as a `TransakcniLogObjektu` document (all its entries in the municipality's log, in
 * poradi order). NOT_FOUND when the municipality's log has no entry about the object — which is also what
 * another municipality's object looks like.
 */
export async function objectLogXml(em: SqlEntityManager, municipalityId: string, objectId: string, now: Date): Promise<string> {
  const entries = await em.find(LogEntry, { objectId }, { orderBy: { poradi: 'asc' }, limit: MAX_OBJECT_LOG_ENTRIES + 1 });
  if (entries.length === 0) throw notFound('Object in the audit log', objectId);
  if (entries.length > MAX_OBJECT_LOG_ENTRIES) {
    throw badInput(`The object has more than ${MAX_OBJECT_LOG_ENTRIES} events: download the period export instead`, 'objectId');
  }
  const abbreviation = await municipalityAbbreviation(em, municipalityId);
  const latest = entries[entries.length - 1];
  const from = entries.reduce((min, e) => (e.occurredAt < min ? e.occurredAt : min), entries[0].occurredAt);
  return renderObjectLog(
    {
      identifier: { value: logIdentifier(abbreviation, from, now, randomBytes(3).toString('hex')), source: logSource(abbreviation) },
      createdAt: now,
      from,
      to: now,
      object: { type: latest.objectType, id: latest.objectId, source: latest.objectSource },
    },
    entries,
  );
}
