/**
 * Counts for analysts (issue 14 item 2): documents or case files grouped by any of a set of dimensions, in ONE
 * aggregate query, instead of one `totalCount` request per bucket. Two callers:
 * - a municipality's analysts (`statistics`): what they may see of their own municipality (the same visibility as
 *   `documents`), with the same filters;
 * - platform operators (`platformStatistics`): counts across all municipalities, with no content and nothing that
 *   identifies a record: only dimensions that are codes or periods (plus the municipality), no text filters.
 *
 * Query builders do not apply the ORM's tenant filter, so the tenant condition is written here explicitly and the
 * query fails closed without one.
 */
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, tenantOf, type Caller } from '@hub/kit';
import type { DocumentFilter, StatisticsDimension, StatisticsInput, StatisticsSubject } from '../../generated/graphql';
import { czechDayStart } from '../audit-log/days';
import { CaseFile } from '../case-files/case-file.entity';
import { DocumentKind } from '../document-kinds/document-kind.entity';
import { checkFilter, filterCondition, rawInstant } from '../documents/document-query';
import { Document } from '../documents/document.entity';
import { visibleCaseFiles, visibleDocuments } from '../documents/visibility';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { Register } from '../registers/register.entity';

/** More groups than this is not a statistic any more but a listing: the caller narrows the filter or the grouping. */
export const MAX_GROUPS = 5000;
/** At most this many dimensions at once (month × state × register is three). */
export const MAX_DIMENSIONS = 4;
/** REGISTRATION_MONTH over more months than this (50 years) is refused: bound it by registeredFrom/To or year. */
const MAX_MONTHS = 600;

export interface StatisticsKey {
  dimension: StatisticsDimension;
  value: string | null;
  label: string | null;
}
export interface StatisticsGroup {
  keys: StatisticsKey[];
  count: number;
}
export interface Statistics {
  subject: StatisticsSubject;
  groupBy: StatisticsDimension[];
  total: number;
  groups: StatisticsGroup[];
}

/** A dimension as SQL over the alias `d`; `null` where it does not apply to the subject. */
type Column = { sql: string; params?: unknown[] } | null;

/** Dimensions that name or group records of one municipality's own lists; never across municipalities. */
const TENANT_ONLY: StatisticsDimension[] = ['REGISTER', 'ORG_UNIT', 'FILING_CODE', 'KIND'];

function documentColumn(dimension: StatisticsDimension): Column {
  switch (dimension) {
    case 'REGISTRATION_YEAR':
      // The year of the reference number: the Czech calendar year of registration (numbering.ts).
      return { sql: 'd.year' };
    case 'STATE':
      return { sql: 'd.state' };
    case 'REGISTER':
      return { sql: 'd.register_id' };
    case 'ORG_UNIT':
      return { sql: 'd.org_unit_id' };
    case 'FILING_CODE':
      return { sql: 'd.filing_plan_node_id' };
    case 'ORIGIN':
      return { sql: 'd.origin' };
    case 'CHANNEL':
      // How a received document came in: as an ISDS data message (intake.ts keeps its envelope) or otherwise.
      return {
        sql: `case when d.origin <> 'RECEIVED' then null when exists (select 1 from data_message m where m.document_id = d.id) then 'DATA_BOX' else 'OTHER' end`,
      };
    case 'DISPOSAL_CODE':
      return { sql: 'd.disposal_code' };
    case 'DISPOSAL_YEAR':
      return { sql: 'd.disposal_year' };
    case 'FORM':
      return { sql: 'd.form' };
    case 'KIND':
      return { sql: 'd.kind_id' };
    case 'MUNICIPALITY':
      return { sql: 'd.municipality_id' };
    default:
      return null; // REGISTRATION_MONTH needs the period's month boundaries (monthColumn).
  }
}

function caseFileColumn(dimension: StatisticsDimension): Column {
  switch (dimension) {
    case 'STATE':
      return { sql: 'd.state' };
    case 'ORG_UNIT':
      return { sql: 'd.org_unit_id' };
    case 'FILING_CODE':
      return { sql: 'd.filing_plan_node_id' };
    case 'DISPOSAL_CODE':
      return { sql: 'd.disposal_code' };
    case 'DISPOSAL_YEAR':
      return { sql: 'd.disposal_year' };
    case 'MUNICIPALITY':
      return { sql: 'd.municipality_id' };
    default:
      return null;
  }
}

/** YYYY-MM of each Czech month from the one holding `from` to the one holding `to`, with the instant each starts. */
export function czechMonths(from: Date, to: Date): { month: string; start: Date }[] {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit' });
  let [y, m] = fmt.format(from).split('-').map(Number);
  const [ty, tm] = fmt.format(to).split('-').map(Number);
  const months: { month: string; start: Date }[] = [];
  while (y < ty || (y === ty && m <= tm)) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push({ month, start: czechDayStart(`${month}-01`) });
    if (months.length > MAX_MONTHS)
      throw badInput(
        `REGISTRATION_MONTH over more than ${MAX_MONTHS} months: bound it by filter.registeredFrom/registeredTo or filter.year`,
        'groupBy',
      );
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/**
 * The Czech month of registration as a CASE over the month starts in the counted period (local midnight of the
 * 1st is 22:00 or 23:00 UTC the day before, so a UTC month would misfile the last evening of each month). The
 * period is the filter's, else the registered documents' first and last registration.
 */
async function monthColumn(
  em: SqlEntityManager,
  where: FilterQuery<Document>,
  filter: DocumentFilter | null | undefined,
): Promise<Column> {
  let from = filter?.registeredFrom ?? null;
  let to = filter?.registeredTo ? new Date(filter.registeredTo.getTime() - 1) : null;
  if (!from || !to) {
    const row = (await em
      .createQueryBuilder(Document, 'd')
      .select([raw('min(d.registered_at) as earliest'), raw('max(d.registered_at) as latest')])
      .where({ $and: [where, { registeredAt: { $ne: null } }] })
      .execute('get')) as { earliest?: unknown; latest?: unknown } | undefined;
    from ??= rawInstant(row?.earliest);
    to ??= rawInstant(row?.latest);
  }
  if (!from || !to || from > to) return { sql: 'null' };
  const months = czechMonths(from, to);
  const platform = em.getPlatform();
  // The last month ends where the next one starts (a far-future sentinel would be no DATETIME on MariaDB).
  const last = months.at(-1)!.month;
  const end = czechDayStart(
    last.endsWith('-12')
      ? `${Number(last.slice(0, 4)) + 1}-01-01`
      : `${last.slice(0, 5)}${String(Number(last.slice(5)) + 1).padStart(2, '0')}-01`,
  );
  const next = (i: number) => (i + 1 < months.length ? months[i + 1].start : end);
  // Each bucket as a half-open range: a registration before the first month or after the last one counts as none.
  const branches = months.map(() => 'when d.registered_at >= ? and d.registered_at < ? then ?').join(' ');
  const params = months.flatMap((mo, i) => [
    platform.processDateProperty(mo.start),
    platform.processDateProperty(next(i)),
    mo.month,
  ]);
  return { sql: `case ${branches} else null end`, params };
}

function checkGroupBy(groupBy: readonly StatisticsDimension[], platform: boolean, subject: StatisticsSubject): void {
  if (groupBy.length > MAX_DIMENSIONS) throw badInput(`groupBy takes at most ${MAX_DIMENSIONS} dimensions`, 'groupBy');
  if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy names a dimension twice', 'groupBy');
  for (const dimension of groupBy) {
    if (platform && TENANT_ONLY.includes(dimension))
      throw badInput(`${dimension} is a municipality's own list: not counted across municipalities`, 'groupBy');
    if (!platform && dimension === 'MUNICIPALITY')
      throw badInput('MUNICIPALITY is for platform statistics: yours are of your municipality', 'groupBy');
    if (subject === 'CASE_FILES' && !caseFileColumn(dimension))
      throw badInput(`${dimension} does not apply to case files`, 'groupBy');
  }
}

/** Across municipalities only periods and codes filter: a text search there would reveal content. */
function checkPlatformFilter(filter: DocumentFilter | null | undefined): void {
  for (const field of ['registerId', 'subjectContains', 'senderContains', 'senderDataBoxId'] as const) {
    if (filter?.[field] != null)
      throw badInput(`filter.${field} is not available across municipalities`, `filter.${field}`);
  }
}

/** A municipality's statistics: what `caller` may see of it (visibility.ts), grouped and filtered as asked. */
export async function municipalityStatistics(
  em: SqlEntityManager,
  caller: Caller,
  input: StatisticsInput,
): Promise<Statistics> {
  const municipalityId = tenantOf(em);
  if (!municipalityId) throw new Error('municipalityStatistics needs an EntityManager scoped to a municipality');
  const subject = input.subject ?? 'DOCUMENTS';
  checkGroupBy(input.groupBy, false, subject);
  if (subject === 'DOCUMENTS') {
    checkFilter(input.filter);
    return countDocuments(
      em,
      input.groupBy,
      () => ({ $and: [{ municipalityId }, visibleDocuments(caller), filterCondition(input.filter, em)] }),
      input.filter,
      municipalityId,
    );
  }
  if (input.filter) throw badInput('filter applies to documents; case files are counted whole', 'filter');
  return countCaseFiles(em, input.groupBy, { $and: [{ municipalityId }, visibleCaseFiles(caller)] }, municipalityId);
}

/** The platform's statistics: every municipality, codes and periods only. */
export async function platformStatistics(em: SqlEntityManager, input: StatisticsInput): Promise<Statistics> {
  const subject = input.subject ?? 'DOCUMENTS';
  checkGroupBy(input.groupBy, true, subject);
  if (subject === 'DOCUMENTS') {
    checkFilter(input.filter);
    checkPlatformFilter(input.filter);
    return countDocuments(em, input.groupBy, () => filterCondition(input.filter), input.filter, null);
  }
  if (input.filter) throw badInput('filter applies to documents; case files are counted whole', 'filter');
  return countCaseFiles(em, input.groupBy, {}, null);
}

async function countDocuments(
  em: SqlEntityManager,
  groupBy: readonly StatisticsDimension[],
  where: () => FilterQuery<Document>,
  filter: DocumentFilter | null | undefined,
  municipalityId: string | null,
): Promise<Statistics> {
  const columns: Column[] = [];
  for (const dimension of groupBy)
    columns.push(
      dimension === 'REGISTRATION_MONTH' ? await monthColumn(em, where(), filter) : documentColumn(dimension),
    );
  // Built anew per query: a raw() fragment of the filter (subject search) is consumed by the query that uses it.
  const rows = await aggregate(em, Document, columns, where());
  return labelled(em, 'DOCUMENTS', groupBy, rows, municipalityId);
}

async function countCaseFiles(
  em: SqlEntityManager,
  groupBy: readonly StatisticsDimension[],
  where: FilterQuery<CaseFile>,
  municipalityId: string | null,
): Promise<Statistics> {
  const rows = await aggregate(em, CaseFile, groupBy.map(caseFileColumn), where);
  return labelled(em, 'CASE_FILES', groupBy, rows, municipalityId);
}

type Row = { values: (string | null)[]; count: number };

/** One GROUP BY over the subject's table; at most MAX_GROUPS + 1 rows are read, so an over-wide grouping is refused cheaply. */
async function aggregate<T extends object>(
  em: SqlEntityManager,
  entity: new () => T,
  columns: Column[],
  where: FilterQuery<T>,
): Promise<Row[]> {
  const select = columns.map((c, i) => raw(`${c!.sql} as g${i}`, c!.params ?? []));
  const qb = em
    .createQueryBuilder(entity as never, 'd')
    .select([...select, raw('count(*) as n')])
    .where(where as never);
  if (columns.length) qb.groupBy(columns.map((_, i) => raw(`g${i}`)) as never).limit(MAX_GROUPS + 1);
  const result = (await qb.execute('all', false)) as Record<string, unknown>[];
  if (result.length > MAX_GROUPS)
    throw badInput(`more than ${MAX_GROUPS} groups: narrow the filter or group by fewer dimensions`, 'groupBy');
  return result.map((r) => ({
    values: columns.map((_, i) => (r[`g${i}`] == null ? null : String(r[`g${i}`]))),
    count: Number(r.n),
  }));
}

/**
 * Groups with their keys' labels (register and kind names, filing codes); a FILING_CODE group also counts under each
 * ancestor of its node, so "1" holds everything filed under 1.1, 1.2 … (the plan's hierarchy). Sorted by keys.
 */
async function labelled(
  em: SqlEntityManager,
  subject: StatisticsSubject,
  groupBy: readonly StatisticsDimension[],
  rows: Row[],
  municipalityId: string | null,
): Promise<Statistics> {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const labels = new Map<string, string>();
  const ids = (dimension: StatisticsDimension) => [
    ...new Set(rows.map((r) => r.values[groupBy.indexOf(dimension)]).filter((v): v is string => v != null)),
  ];
  // Names of the municipality's own lists (tenant-only dimensions, so municipalityId is set).
  if (municipalityId && groupBy.includes('REGISTER')) {
    for (const r of await em.find(Register, { id: { $in: ids('REGISTER') } })) labels.set(`REGISTER:${r.id}`, r.name);
  }
  if (municipalityId && groupBy.includes('KIND')) {
    for (const k of await em.find(DocumentKind, { id: { $in: ids('KIND') } })) labels.set(`KIND:${k.id}`, k.name);
  }
  let expanded = rows;
  const f = groupBy.indexOf('FILING_CODE');
  if (municipalityId && f >= 0) {
    const nodes = new Map<string, FilingPlanNode>();
    let wanted = ids('FILING_CODE');
    // Up the plan, a level per round (plans are a few levels deep).
    while (wanted.length) {
      const found = await em.find(FilingPlanNode, { id: { $in: wanted } });
      for (const n of found) nodes.set(n.id, n);
      wanted = [...new Set(found.map((n) => n.parentId).filter((p): p is string => !!p && !nodes.has(p)))];
    }
    for (const n of nodes.values()) labels.set(`FILING_CODE:${n.id}`, `${n.fullCode} ${n.name}`);
    const sums = new Map<string, Row>();
    for (const row of rows) {
      const chain: (string | null)[] = [];
      for (let id = row.values[f]; id; id = nodes.get(id)?.parentId ?? null) chain.push(id);
      if (!chain.length) chain.push(null);
      for (const id of chain) {
        const values = row.values.map((v, i) => (i === f ? id : v));
        const key = JSON.stringify(values);
        const sum = sums.get(key) ?? { values, count: 0 };
        sum.count += row.count;
        sums.set(key, sum);
      }
    }
    expanded = [...sums.values()];
    // Codes sort as the plan reads (1, 1.1, 1.2, 2), not as ids.
    const code = (id: string | null) => (id ? (nodes.get(id)?.fullCode ?? id) : '\uffff');
    expanded.forEach(
      (r) => ((r as Row & { sortKey?: (string | null)[] }).sortKey = r.values.map((v, i) => (i === f ? code(v) : v))),
    );
  }
  const sortKey = (r: Row) => (r as Row & { sortKey?: (string | null)[] }).sortKey ?? r.values;
  const cmp = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'cs', { numeric: true });
  expanded.sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    for (let i = 0; i < x.length; i++) if (cmp(x[i], y[i])) return cmp(x[i], y[i]);
    return 0;
  });
  return {
    subject,
    groupBy: [...groupBy],
    total,
    groups: expanded.map((r) => ({
      keys: r.values.map((value, i) => ({
        dimension: groupBy[i],
        value,
        label: value == null ? null : (labels.get(`${groupBy[i]}:${value}`) ?? null),
      })),
      count: r.count,
    })),
  };
}
