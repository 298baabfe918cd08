/**
 * CSV exports for analysts (issue 14 item 4): a `documents` list or a `statistics` result as a spreadsheet file,
 * streamed (a year of Blansko never sits in memory), UTF-8 with a BOM (Excel otherwise reads Czech as cp1250) and
 * each export logged as `Export` in the same transaction as nothing else: the event is committed before the first
 * byte leaves, so an export without its event cannot happen.
 *
 *   GET /exports/documents.csv?filter=<DocumentFilter as JSON>
 *   GET /exports/statistics.csv?input=<StatisticsInput as JSON>
 *
 * The JSON arguments are coerced by the subgraph's own schema (graphql-js `coerceInputValue`), so they are checked
 * exactly as the GraphQL arguments of `documents(filter:)` and `statistics(input:)` are.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  DateTimeScalar,
  ErrorCode,
  HubError,
  badInput,
  inTransaction,
  loadSchema,
  logger,
  recordAudit,
  scopeToTenant,
  type Caller,
  type HubORM,
  type RouteCaller,
  type TenantCaller,
} from '@hub/kit';
import { coerceInputValue, isInputType, type GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocumentFilter, StatisticsInput } from '../../generated/graphql';
import { ClientGone, HTTP_STATUS, sendJsonError, writeWithBackpressure } from '../audit-log/export';
import { checkFilter, findDocuments, MAX_PAGE_SIZE } from '../documents/document-query';
import type { Document } from '../documents/document.entity';
import { visibleDocuments } from '../documents/visibility';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { Register } from '../registers/register.entity';
import { municipalityStatistics, type Statistics } from '../statistics/statistics';

export const DOCUMENTS_CSV_PATH = '/exports/documents.csv';
export const STATISTICS_CSV_PATH = '/exports/statistics.csv';

const csvLog = logger.child({ component: 'csv-export' });
const BOM = '\uFEFF';

/**
 * One CSV line (RFC 4180: fields with a comma, quote or line break quoted, quotes doubled, CRLF). A text starting
 * with = + - @ (or a tab/CR) is prefixed with an apostrophe: a spreadsheet would run it as a formula (CSV injection,
 * OWASP), and subjects and senders are written by the public.
 */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return (
    values
      .map((v) => {
        if (v == null) return '';
        let s = String(v);
        if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}

let schema: GraphQLSchema | undefined;
/** Filing's schema, only for coercing the JSON arguments as GraphQL would. */
function filingSchema(): GraphQLSchema {
  return (schema ??= buildSubgraphSchema({
    typeDefs: loadSchema('filing', __dirname),
    resolvers: { DateTime: DateTimeScalar } as never,
  }));
}

/** A JSON query parameter coerced to the schema's input type `typeName`; BAD_USER_INPUT naming the parameter otherwise. */
export function coerceParam<T>(params: URLSearchParams, name: string, typeName: string, required: boolean): T | null {
  const text = params.get(name);
  if (text == null || text === '') {
    if (required) throw badInput(`${name} is required (JSON of ${typeName})`, name);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput(`${name} is not JSON`, name);
  }
  const type = filingSchema().getType(typeName);
  if (!type || !isInputType(type)) throw new Error(`${typeName} is not an input type of filing`);
  return coerceInputValue(value, type, (path, _invalid, error) => {
    throw badInput(`${[name, ...path].join('.')}: ${error.message}`, [name, ...path].join('.'));
  }) as T;
}

function tenantCaller(caller: Caller | null | undefined): TenantCaller {
  if (caller === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
  if (caller === null)
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
  if (!caller.municipalityId)
    throw new HubError(ErrorCode.FORBIDDEN, "Platform administrators have no access to a municipality's records");
  return caller as TenantCaller;
}

/** The Export event, committed before the file is sent. */
async function logExport(em: SqlEntityManager, caller: TenantCaller, what: string, argument: string) {
  await inTransaction(em, (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Export',
      objectType: 'KonfiguraceSystemu',
      objectId: caller.municipalityId,
      description: `Export ${what} (CSV)`,
      changes: [{ name: 'Parametry', old: null, new: argument.slice(0, 1000) }],
    }),
  );
}

const DOCUMENT_COLUMNS = [
  'id',
  'pid',
  'referenceNumber',
  'register',
  'year',
  'sequenceNumber',
  'subject',
  'origin',
  'state',
  'form',
  'registeredAt',
  'deliveredAt',
  'senderName',
  'senderDataBoxId',
  'senderReferenceNumber',
  'filingCode',
  'disposalCode',
  'retentionYears',
  'disposalYear',
];

/** Writes the caller's visible documents matching `filter`, newest first, page by page (keyset paging, no identity map growth). */
async function writeDocuments(
  orm: HubORM,
  caller: TenantCaller,
  filter: DocumentFilter | null,
  write: (chunk: string) => Promise<void> | void,
) {
  await write(BOM + csvLine(DOCUMENT_COLUMNS));
  const registers = new Map<string, string>();
  const codes = new Map<string, string>();
  let after: string | null = null;
  for (;;) {
    // A fresh EntityManager per page: what was written is not kept.
    const em = scopeToTenant(orm.em.fork(), caller.municipalityId) as SqlEntityManager;
    const page = await findDocuments(em, { first: MAX_PAGE_SIZE, after, filter }, visibleDocuments(caller));
    const docs = page.edges.map((e) => e.node);
    await names(em, docs, registers, codes);
    let chunk = '';
    for (const d of docs) {
      chunk += csvLine([
        d.id,
        d.pid,
        d.referenceNumber,
        registers.get(d.registerId) ?? null,
        d.year,
        d.sequenceNumber,
        d.subject,
        d.origin,
        d.state,
        d.form,
        d.registeredAt?.toISOString(),
        d.deliveredAt?.toISOString(),
        d.senderName,
        d.senderDataBoxId,
        d.senderReferenceNumber,
        d.filingPlanNodeId ? (codes.get(d.filingPlanNodeId) ?? null) : null,
        d.disposalCode,
        d.retentionYears,
        d.disposalYear,
      ]);
    }
    if (chunk) await write(chunk);
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

/** Register names and filing codes of a page, each read once per export. */
async function names(
  em: SqlEntityManager,
  docs: Document[],
  registers: Map<string, string>,
  codes: Map<string, string>,
) {
  const registerIds = [...new Set(docs.map((d) => d.registerId))].filter((id) => !registers.has(id));
  if (registerIds.length)
    for (const r of await em.find(Register, { id: { $in: registerIds } })) registers.set(r.id, r.name);
  const nodeIds = [
    ...new Set(docs.map((d) => d.filingPlanNodeId).filter((id): id is string => !!id && !codes.has(id))),
  ];
  if (nodeIds.length)
    for (const n of await em.find(FilingPlanNode, { id: { $in: nodeIds } })) codes.set(n.id, n.fullCode);
}

async function writeStatistics(stats: Statistics, write: (chunk: string) => Promise<void> | void) {
  const header = [...stats.groupBy.flatMap((d) => [d.toLowerCase(), `${d.toLowerCase()}_label`]), 'count'];
  let chunk = BOM + csvLine(header);
  for (const g of stats.groups) chunk += csvLine([...g.keys.flatMap((k) => [k.value, k.label]), g.count]);
  await write(chunk);
}

interface CsvJob {
  what: string;
  argument: string;
  write: (w: (chunk: string) => Promise<void> | void) => Promise<void>;
}

/** A GET route: checks the caller and arguments (JSON errors), logs the export, then streams the file. */
function csvRoute(
  orm: HubORM,
  filename: string,
  prepare: (params: URLSearchParams, caller: TenantCaller) => Promise<CsvJob>,
) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    let job: CsvJob;
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = tenantCaller(from.caller);
      // Everything is checked (a statistics result computed) before the event and before the first byte.
      job = await prepare(new URL(req.url ?? '/', 'http://localhost').searchParams, caller);
      await logExport(
        scopeToTenant(orm.em.fork(), caller.municipalityId) as SqlEntityManager,
        caller,
        job.what,
        job.argument,
      );
    } catch (e) {
      const code = e instanceof HubError ? String(e.extensions.code) : undefined;
      const status = code ? HTTP_STATUS[code] : undefined;
      if (status)
        return sendJsonError(
          res,
          status,
          code!,
          (e as Error).message,
          (e as HubError).extensions.field ? { field: (e as HubError).extensions.field } : {},
        );
      csvLog.error({ err: e }, 'csv export failed');
      return sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    try {
      await job.write((chunk) => writeWithBackpressure(res, chunk));
      res.end();
    } catch (e) {
      // Cut the connection: a file without its end must not look complete.
      if (!(e instanceof ClientGone)) csvLog.error({ err: e }, 'csv export broke off');
      res.destroy();
    }
  };
}

/** Filing's CSV routes (spread into the subgraph's `routes`). */
export function csvExportRoutes(orm: HubORM) {
  return {
    [DOCUMENTS_CSV_PATH]: csvRoute(orm, 'dokumenty.csv', async (params, caller) => {
      const filter = coerceParam<DocumentFilter>(params, 'filter', 'DocumentFilter', false);
      checkFilter(filter);
      return {
        what: 'seznamu dokumentů',
        argument: params.get('filter') ?? '{}',
        write: (w) => writeDocuments(orm, caller, filter, w),
      };
    }),
    [STATISTICS_CSV_PATH]: csvRoute(orm, 'statistika.csv', async (params, caller) => {
      const input = coerceParam<StatisticsInput>(params, 'input', 'StatisticsInput', true)!;
      const stats = await municipalityStatistics(
        scopeToTenant(orm.em.fork(), caller.municipalityId) as SqlEntityManager,
        caller,
        input,
      );
      return { what: 'statistiky', argument: params.get('input')!, write: (w) => writeStatistics(stats, w) };
    }),
  };
}
