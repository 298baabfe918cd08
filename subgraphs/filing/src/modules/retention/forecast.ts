import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput, decodeCursor, encodeCursor, forwardPageInfo, type PageInfo } from '@hub/kit';
import { CaseFile } from '../case-files/case-file.entity';
import { once } from '../documents/document-query';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { triggerYearShown, type DisposalCode } from './retention';

/** The records office, records managers and auditors read the forecast. */
export const FORECAST_ROLES: Role[] = [Role.RECORDS_OFFICER, Role.RECORDS_MANAGER, Role.AUDITOR];

export const MIN_FORECAST_YEAR = 1900;
export const MAX_FORECAST_YEAR = 3000;

/** One line of the forecast: a closed case file, or a settled/closed document outside case files. */
export interface DisposalForecastEntry {
  caseFile: CaseFile | null;
  document: Document | null;
  referenceNumber: string;
  title: string;
  fullFilingCode: string;
  disposalCode: DisposalCode;
  retentionYears: number | null;
  /** disposalYear − 1 − retentionYears; null under a fixed year. */
  triggerYear: number | null;
  disposalYear: number;
}

/** What the forecast pages through: entries with their cursors; `totalCount` is counted only when asked for. */
export interface DisposalForecastPage {
  edges: { cursor: string; node: DisposalForecastEntry }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export const DEFAULT_FORECAST_PAGE_SIZE = 50;
export const MAX_FORECAST_PAGE_SIZE = 100;

/** Position in a year's forecast: its year, forecastKey and id (kit cursor.ts), valid only for that year. */
interface Cursor {
  key: string;
  id: string;
}

export function encodeForecastCursor(year: number, key: string, id: string): string {
  return encodeCursor('forecast', [year, key, id]);
}

function decodeForecastCursor(cursor: string, year: number): Cursor {
  const [cursorYear, key, id] = decodeCursor(cursor, 'forecast', ['int', 'string', 'uuid']);
  if (cursorYear !== year) throw badInput("after is not a cursor of this year's forecast", 'after');
  return { key, id };
}

/** Entries after the cursor in forecast order (forecastKey, then id). */
const afterCursor = (c: Cursor | null) =>
  c ? { $or: [{ forecastKey: { $gt: c.key } }, { forecastKey: c.key, id: { $gt: c.id } }] } : {};

/** Closed, and later in the records office (handed over, taken over, lent): still waiting for disposal. */
const CLOSED_OR_LATER = ['CLOSED', 'HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE', 'ON_LOAN'] as const;

/** What is due in `year`: closed case files, and settled or closed documents outside case files (also in the records office). */
const dueCaseFiles = (year: number): FilterQuery<CaseFile> => ({
  disposalYear: year,
  state: { $in: [...CLOSED_OR_LATER] },
  disposalCode: { $ne: null },
});
const dueDocuments = (year: number): FilterQuery<Document> => ({
  disposalYear: year,
  caseFileId: null,
  state: { $in: ['SETTLED', ...CLOSED_OR_LATER] },
  disposalCode: { $ne: null },
});

/** The forecast order, the same as the database's on `forecastKey` (forecast-key.ts): plain string order, then id. */
const byKey = (a: { key: string; id: string }, b: { key: string; id: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * One page of what becomes due for disposal in `year` in the EntityManager's municipality (tenant filter): closed
 * case files and settled or closed documents outside case files whose stored disposal year
 * (modules/retention/apply.ts) is `year`. Documents inside a case file are disposed of with it and never listed on
 * their own. Order: full filing code, then reference number, both naturally, as the stored `forecastKey` says
 * (forecast-key.ts), then id. Keyset paging: each table gives its next `first + 1` entries after the cursor on its
 * (municipality, disposal year, forecastKey, id) index, the two are merged and cut to `first`. Three statements
 * whatever the page and the year: case files, documents, and the page's filing plan nodes (their full codes).
 */
export async function disposalForecast(
  em: SqlEntityManager,
  year: number,
  args: { first?: number | null; after?: string | null } = {},
): Promise<DisposalForecastPage> {
  if (!Number.isInteger(year) || year < MIN_FORECAST_YEAR || year > MAX_FORECAST_YEAR) {
    throw badInput(`year must be between ${MIN_FORECAST_YEAR} and ${MAX_FORECAST_YEAR}`, 'year');
  }
  const size = args.first ?? DEFAULT_FORECAST_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_FORECAST_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_FORECAST_PAGE_SIZE}`, 'first');
  }
  const cursor = args.after ? decodeForecastCursor(args.after, year) : null;
  const order = { orderBy: [{ forecastKey: 'asc' as const }, { id: 'asc' as const }], limit: size + 1 };
  const [caseFiles, documents] = await Promise.all([
    em.find(CaseFile, { $and: [dueCaseFiles(year), afterCursor(cursor)] }, order),
    em.find(Document, { $and: [dueDocuments(year), afterCursor(cursor)] }, order),
  ]);
  const merged = [
    ...caseFiles.map((c) => ({ key: c.forecastKey ?? '', id: c.id, caseFile: c, document: null })),
    ...documents.map((d) => ({ key: d.forecastKey ?? '', id: d.id, caseFile: null, document: d })),
  ].sort(byKey);
  const page = merged.slice(0, size);

  const nodeIds = [
    ...new Set(page.map((e) => (e.caseFile ?? e.document)!.filingPlanNodeId).filter((id): id is string => !!id)),
  ];
  const nodes = nodeIds.length > 0 ? await em.find(FilingPlanNode, { id: { $in: nodeIds } }) : [];
  const fullCode = new Map(nodes.map((n) => [n.id, n.fullCode]));
  const codeOf = (nodeId: string | null) => (nodeId ? (fullCode.get(nodeId) ?? '') : '');

  const edges = page.map(({ key, id, caseFile: c, document: d }) => ({
    cursor: encodeForecastCursor(year, key, id),
    node: c
      ? {
          caseFile: c,
          document: null,
          referenceNumber: c.referenceNumber,
          title: c.title,
          fullFilingCode: codeOf(c.filingPlanNodeId),
          disposalCode: c.disposalCode!,
          retentionYears: c.retentionYears,
          triggerYear: triggerYearShown(c),
          disposalYear: c.disposalYear!,
        }
      : {
          caseFile: null,
          document: d!,
          referenceNumber: d!.referenceNumber ?? d!.pid,
          title: d!.subject,
          fullFilingCode: codeOf(d!.filingPlanNodeId),
          disposalCode: d!.disposalCode!,
          retentionYears: d!.retentionYears,
          triggerYear: triggerYearShown(d!),
          disposalYear: d!.disposalYear!,
        },
  }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, merged.length > size, args.after),
    totalCount: once(async () => {
      const [c, d] = await Promise.all([
        em.count(CaseFile, dueCaseFiles(year)),
        em.count(Document, dueDocuments(year)),
      ]);
      return c + d;
    }),
  };
}
