import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomBytes } from 'node:crypto';
import {
  Role,
  badInput,
  decodeCursor,
  encodeCursor,
  inTransaction,
  notFound,
  recordAudit,
  type AuditChange,
  type AuditObjectType,
  type TenantCaller,
  forwardPageInfo,
  type PageInfo,
} from '@hub/kit';
import type { AuditLogFilter } from '../../generated/graphql';
import { Register } from '../registers/register.entity';
import { LogEntry } from './log-entry.entity';
import {
  TYP_UDALOSTI_ID,
  actorValue,
  isTypUdalostiId,
  logIdentifier,
  logSource,
  objectIdentifierOf,
  renderObjectLog,
} from './xml';

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
  actorName: string | null;
  actorRoles: string[];
  provedlKdo: string;
  eventType: string;
  objectType: string;
  objectId: string;
  objectIdentifier: string;
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
    actorName: e.actorName ?? null,
    actorRoles: e.actorRoles ? e.actorRoles.split(',') : [],
    provedlKdo: actorValue(e.actorLogin, e.actorName, e.actorRoles),
    eventType: e.eventType,
    objectType: e.objectType,
    objectId: e.objectId,
    objectIdentifier: objectIdentifierOf(e),
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
  pageInfo: PageInfo;
  totalCount: number;
}

export interface AuditLogPageArgs {
  filter?: AuditLogFilter | null;
  first?: number | null;
  after?: string | null;
}

/** Position in the log: the entry's poradi (kit cursor.ts). */
export const encodeLogCursor = (poradi: number) => encodeCursor('audit-log', [poradi]);

export function decodeLogCursor(cursor: string): number {
  const [poradi] = decodeCursor(cursor, 'audit-log', ['int']);
  if (poradi < 0) throw badInput('after is not a cursor of the audit log', 'after');
  return poradi;
}

/** The filter as a condition; the municipality is added by the ORM's tenant filter. */
export function logFilterCondition(filter: AuditLogFilter | null | undefined): FilterQuery<LogEntry> {
  const conditions: FilterQuery<LogEntry>[] = [];
  if (filter?.from && filter?.to && filter.from.getTime() > filter.to.getTime()) {
    throw badInput('filter.from must not be after filter.to', 'filter.to');
  }
  if (filter?.from) conditions.push({ occurredAt: { $gte: filter.from } });
  if (filter?.to) conditions.push({ occurredAt: { $lt: filter.to } });
  // The object's id or its PID (documents, case files).
  if (filter?.objectId != null)
    conditions.push({ $or: [{ objectId: filter.objectId }, { objectPid: filter.objectId }] });
  if (filter?.eventType != null) {
    if (!isTypUdalostiId(filter.eventType)) {
      throw badInput(
        `eventType must be a TypUdalostiId of nsesss-TrP.xsd (${TYP_UDALOSTI_ID.slice(0, 4).join(', ')}, …)`,
        'filter.eventType',
      );
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
  return { edges, pageInfo: forwardPageInfo(edges, rows.length > size, args.after), totalCount };
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
 * poradi order), the object named by its PID where it has one. `objectId` is the object's id or its PID. NOT_FOUND
 * when the municipality's log has no entry about the object — which is also what another municipality's object
 * looks like. The export itself is an event of the object's log (`Export`, written before the document is
 * handed out; it reaches the log through the outbox like any event, so it shows in the next export).
 */
export async function objectLogXml(
  em: SqlEntityManager,
  caller: TenantCaller,
  objectId: string,
  now: Date,
): Promise<string> {
  const entries = await em.find(
    LogEntry,
    { $or: [{ objectId }, { objectPid: objectId }] },
    // Not managed: the Export event is flushed through this EntityManager, and on SQLite MikroORM 6.6 would take a
    // loaded entry's datetime for changed and UPDATE it, which the append-only trigger refuses.
    { orderBy: { poradi: 'asc' }, limit: MAX_OBJECT_LOG_ENTRIES + 1, disableIdentityMap: true },
  );
  if (entries.length === 0) throw notFound('Object in the audit log', objectId);
  if (entries.length > MAX_OBJECT_LOG_ENTRIES) {
    throw badInput(
      `The object has more than ${MAX_OBJECT_LOG_ENTRIES} events: download the period export instead`,
      'objectId',
    );
  }
  const abbreviation = await municipalityAbbreviation(em, caller.municipalityId);
  const latest = entries[entries.length - 1];
  // The PID once one is known (a case file from before PIDs has older entries under its raw id only).
  const withPid = [...entries].reverse().find((e) => e.objectPid);
  const identifier = objectIdentifierOf(withPid ?? latest);
  const from = entries.reduce((min, e) => (e.occurredAt < min ? e.occurredAt : min), entries[0].occurredAt);
  const header = {
    identifier: {
      value: logIdentifier(abbreviation, from, now, randomBytes(3).toString('hex')),
      source: logSource(abbreviation),
    },
    createdAt: now,
    from,
    to: now,
    object: { type: latest.objectType, id: identifier, source: latest.objectSource },
  };
  await inTransaction(em, (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Export',
      // Every entry about the object has this type: it came from the writing subgraph's recordAudit.
      objectType: latest.objectType as AuditObjectType,
      objectId: latest.objectId,
      description: `Export transakčního protokolu objektu ${identifier}`,
      changes: [{ name: 'HodnotaID', old: null, new: header.identifier.value }],
    }),
  );
  return renderObjectLog(header, entries);
}
