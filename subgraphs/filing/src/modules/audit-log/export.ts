import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  DateTimeScalar,
  ErrorCode,
  HubError,
  badInput,
  inTransaction,
  logger,
  recordAudit,
  scopeToTenant,
  type Caller,
  type HubORM,
  type RouteCaller,
  type TenantCaller,
} from '@hub/kit';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LogEntry } from './log-entry.entity';
import { LOG_READER_ROLES, municipalityAbbreviation } from './log-query';
import { compactInstant, logIdentifier, logSource, writeSystemLog, type SystemLogHeader, type WrittenLog } from './xml';

/**
 * Download of a period of the municipality's transaction log as one `tp:TransakcniLogSystemu` document
 * (issue 5, item 5): `GET /exports/audit-log.xml?from=<ISO>&to=<ISO>` on the filing subgraph, reached through
 * the gateway's route of the same path (which verifies the bearer token and signs the caller assertion).
 *
 * The document is streamed: entries are read in keyset pages of 1000 by poradi and written as they come, and
 * the next page is read only when the socket has taken the previous one ('drain'), so a year of the Blansko
 * town office goes out in constant memory. Errors before the first byte are answered as GraphQL-shaped JSON
 * with the fitting HTTP status; after that the connection is cut, so a client never receives a document that
 * looks complete but is not.
 */
export const AUDIT_LOG_EXPORT_PATH = '/exports/audit-log.xml';
export const EXPORT_PAGE_SIZE = 1000;
/** The longest period one export may cover. */
export const MAX_EXPORT_YEARS = 5;

export interface ExportPeriod {
  /** Events that happened at or after `from` and before `to`. */
  from: Date;
  to: Date;
}

/** Reads `from` and `to` (ISO 8601 with a zone, both required; from < to; at most MAX_EXPORT_YEARS). */
export function parseExportPeriod(params: URLSearchParams): ExportPeriod {
  const read = (name: 'from' | 'to'): Date => {
    const values = params.getAll(name);
    if (values.length !== 1)
      throw badInput(`${name} is required once (ISO 8601 with a time zone, e.g. 2026-01-01T00:00:00+01:00)`, name);
    try {
      return DateTimeScalar.parseValue(values[0]) as Date;
    } catch (e) {
      throw badInput(`${name}: ${(e as Error).message}`, name);
    }
  };
  const from = read('from');
  const to = read('to');
  if (from.getTime() >= to.getTime()) throw badInput('from must be before to', 'to');
  const limit = new Date(from);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_EXPORT_YEARS);
  if (to.getTime() > limit.getTime()) throw badInput(`An export covers at most ${MAX_EXPORT_YEARS} years`, 'to');
  return { from, to };
}

/** The caller, if they may export their municipality's log; otherwise the request-level error to answer. */
export function exportCaller(caller: Caller | null | undefined): TenantCaller {
  if (caller === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
  if (caller === null)
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
  if (!caller.municipalityId)
    throw new HubError(ErrorCode.FORBIDDEN, "Platform administrators have no access to a municipality's records");
  if (!LOG_READER_ROLES.some((r) => caller.roles.includes(r))) {
    throw new HubError(ErrorCode.FORBIDDEN, `This needs one of the roles ${LOG_READER_ROLES.join(', ')}`);
  }
  return caller as TenantCaller;
}

/**
 * The period's entries in poradi order, read in keyset pages without the identity map (nothing accumulates).
 * `upTo` is the last poradi of the period when the export started: the log is append-only, so the export is a
 * consistent snapshot even while entries keep arriving.
 */
export async function* periodEntries(
  em: SqlEntityManager,
  period: ExportPeriod,
  bounds: { first: number; upTo: number },
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<LogEntry> {
  let after = bounds.first - 1;
  for (;;) {
    const rows = await em.find(
      LogEntry,
      { occurredAt: { $gte: period.from, $lt: period.to }, poradi: { $gt: after, $lte: bounds.upTo } },
      { orderBy: { poradi: 'asc' }, limit: pageSize, disableIdentityMap: true },
    );
    yield* rows;
    if (rows.length < pageSize || rows[rows.length - 1].poradi >= bounds.upTo) return;
    after = rows[rows.length - 1].poradi;
  }
}

/** First and last poradi of the entries that happened in the period (null when there are none). */
async function periodBounds(em: SqlEntityManager, period: ExportPeriod) {
  const where = { occurredAt: { $gte: period.from, $lt: period.to } };
  const [first, last] = await Promise.all([
    em.findOne(LogEntry, where, { orderBy: { poradi: 'asc' }, fields: ['poradi'], disableIdentityMap: true }),
    em.findOne(LogEntry, where, { orderBy: { poradi: 'desc' }, fields: ['poradi'], disableIdentityMap: true }),
  ]);
  return first && last ? { first: first.poradi, upTo: last.poradi } : null;
}

export interface PreparedExport {
  header: SystemLogHeader;
  filename: string;
  entries: AsyncIterable<LogEntry> | Iterable<LogEntry>;
  /** The `Export` audit event written for this download. */
  auditEventId: string;
}

/**
 * Everything before the first byte: writes the `Export` event (the export itself is an event of the log, in
 * filing's own transaction, committed before anything is sent), then builds the header and the entry reader.
 */
export async function prepareExport(
  em: SqlEntityManager,
  caller: TenantCaller,
  period: ExportPeriod,
  now: Date,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<PreparedExport> {
  const abbreviation = await municipalityAbbreviation(em, caller.municipalityId);
  const event = await inTransaction(em, (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Export',
      objectType: 'KonfiguraceSystemu',
      objectId: caller.municipalityId,
      description: `Export transakčního protokolu za období ${period.from.toISOString()} – ${period.to.toISOString()}`,
      changes: [
        { name: 'DatumCasOd', old: null, new: period.from.toISOString() },
        { name: 'DatumCasDo', old: null, new: period.to.toISOString() },
      ],
    }),
  );
  const bounds = await periodBounds(em, period);
  const header: SystemLogHeader = {
    identifier: {
      value: logIdentifier(abbreviation, period.from, period.to, randomBytes(3).toString('hex')),
      source: logSource(abbreviation),
    },
    createdAt: now,
    from: period.from,
    to: period.to,
  };
  const safeAbbr = abbreviation.normalize('NFKD').replace(/[^A-Za-z0-9_-]/g, '') || 'log';
  return {
    header,
    filename: `transakcni-protokol-${safeAbbr}-${compactInstant(period.from)}-${compactInstant(period.to)}.xml`,
    entries: bounds ? periodEntries(em, period, bounds, pageSize) : [],
    auditEventId: event.id,
  };
}

/** Thrown into the writer when the client has gone away: stop reading, nothing to report. */
export class ClientGone extends Error {
  constructor() {
    super('client closed the connection');
  }
}

/** Writes a chunk and, when the socket's buffer is full, waits until it drains (or the client goes away). */
export function writeWithBackpressure(res: ServerResponse, chunk: string): Promise<void> | void {
  if (res.destroyed || res.writableEnded) throw new ClientGone();
  if (res.write(chunk, 'utf8')) return;
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientGone());
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/** HTTP status of a route's refusal by its code (the routes answer outside GraphQL). */
export const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
};

/** A request-level error in the GraphQL response shape, with the HTTP status that fits it. */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}

const exportLog = logger.child({ component: 'audit-log-export' });

function logInternal(message: string, e: unknown) {
  exportLog.error({ err: e }, message);
}

export interface ExportRouteOptions {
  now?: () => Date;
  pageSize?: number;
  /** Called once the document is complete or has been cut (tests wait on it). */
  onDone?: (result: { written?: WrittenLog; error?: unknown }) => void;
}

/** The handler of `GET /exports/audit-log.xml` (see the top of this file). */
export function auditLogExportHandler(orm: HubORM, opts: ExportRouteOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    let prepared: PreparedExport;
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = exportCaller(from.caller);
      const period = parseExportPeriod(new URL(req.url ?? '/', 'http://localhost').searchParams);
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      prepared = await prepareExport(em, caller, period, (opts.now ?? (() => new Date()))(), opts.pageSize);
    } catch (e) {
      const code = e instanceof HubError ? String(e.extensions.code) : undefined;
      if (code && HTTP_STATUS[code]) {
        const field = (e as HubError).extensions.field;
        return sendJsonError(res, HTTP_STATUS[code], code, (e as Error).message, field ? { field } : {});
      }
      logInternal('audit log export failed', e);
      opts.onDone?.({ error: e });
      return sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    }

    res.writeHead(200, {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="${prepared.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    try {
      const written = await writeSystemLog(
        (chunk) => writeWithBackpressure(res, chunk),
        prepared.header,
        prepared.entries,
      );
      res.end();
      opts.onDone?.({ written });
    } catch (e) {
      // Cut the connection: a chunked response without its last chunk is an error for every client.
      if (!(e instanceof ClientGone)) logInternal('audit log export broke off', e);
      res.destroy();
      opts.onDone?.({ error: e });
    }
  };
}

/** Filing's routes for the export (spread into the subgraph's `routes`). */
export function auditLogExportRoutes(orm: HubORM, opts: ExportRouteOptions = {}) {
  return { [AUDIT_LOG_EXPORT_PATH]: auditLogExportHandler(orm, opts) };
}
