import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput, hasRole, type Caller } from '@hub/kit';
import type { DocumentFilter } from '../../generated/graphql';
import { Document } from './document.entity';
import { LIKE_ESCAPE, containsPattern } from './search';
import { MAX_SUBJECT_LENGTH } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface DocumentPage {
  edges: { cursor: string; node: Document }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface DocumentPageArgs {
  first?: number | null;
  after?: string | null;
  filter?: DocumentFilter | null;
}

/**
 * The list's order: newest first by the time the document came into being, `createdAt`, then id as the
 * tie-breaker. Every document has a `createdAt` (older rows are filled in by upgrade.ts), and (createdAt, id)
 * is unique: the order is total and the same on every run, keyset paging neither skips nor repeats rows, and
 * the index (municipality_id, created_at, id) serves it.
 */
export const listKey = (d: Pick<Document, 'createdAt' | 'registeredAt'>): Date => (d.createdAt ?? d.registeredAt)!;

/** Position in the list (key DESC, id DESC). Opaque to clients: base64url of `ISO instant|id`. */
interface Cursor {
  key: Date;
  id: string;
}

export function encodeCursor(d: Pick<Document, 'createdAt' | 'registeredAt' | 'id'>): string {
  return Buffer.from(`${listKey(d).toISOString()}|${d.id}`, 'utf8').toString('base64url');
}

const CURSOR_TEXT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/;

export function decodeCursor(cursor: string): Cursor {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = CURSOR_TEXT.exec(text);
  const key = m ? new Date(m[1]) : null;
  // Round trip, because Date reads 2026-02-30 as 2 March instead of failing.
  if (!m || !key || Number.isNaN(key.getTime()) || key.toISOString() !== m[1]) {
    throw badInput('after is not a cursor of this list', 'after');
  }
  return { key, id: m[2] };
}

/** The filter as a condition; the tenant condition is added by the ORM's tenant filter, not here. */
function filterCondition(filter: DocumentFilter | null | undefined): FilterQuery<Document> {
  const conditions: FilterQuery<Document>[] = [];
  if (filter?.registerId) conditions.push({ registerId: filter.registerId });
  if (filter?.state) conditions.push({ state: filter.state });
  if (filter?.year != null) conditions.push({ year: filter.year });
  // Registration time, as the names say: drafts have none and never match.
  if (filter?.registeredFrom) conditions.push({ registeredAt: { $gte: filter.registeredFrom } });
  if (filter?.registeredTo) conditions.push({ registeredAt: { $lt: filter.registeredTo } });
  if (filter?.subjectContains) {
    // Raw because MikroORM's $like has no ESCAPE clause, and without one SQLite has no escape character at all.
    conditions.push({
      [raw((alias) => `${alias}.subject_folded like ? escape '${LIKE_ESCAPE}'`, [containsPattern(filter.subjectContains)])]: [],
    });
  }
  return conditions.length > 0 ? { $and: conditions } : {};
}

/** Rows after the cursor in the list order: an older key, or the same key with a smaller id. */
function afterCursor({ key, id }: Cursor): FilterQuery<Document> {
  return { $or: [{ createdAt: { $lt: key } }, { createdAt: key, id: { $lt: id } }] };
}

/**
 * One page of the EntityManager's municipality's documents within `scope` (what the caller may see, a queue),
 * newest first (Relay connection). Keyset paging: the cursor is the last row's position, so a page costs the
 * same at any depth and documents created meanwhile do not shift later pages. `totalCount` counts the whole
 * filtered set.
 */
export async function findDocuments(em: SqlEntityManager, args: DocumentPageArgs, scope: FilterQuery<Document> = {}): Promise<DocumentPage> {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if ((args.filter?.subjectContains?.length ?? 0) > MAX_SUBJECT_LENGTH) {
    // No subject is longer, so nothing could match; refuse rather than send the database a huge pattern.
    throw badInput(`subjectContains must be at most ${MAX_SUBJECT_LENGTH} characters`, 'filter.subjectContains');
  }
  const cursor = args.after ? decodeCursor(args.after) : null;
  // Built once per query: a raw() fragment is consumed by the query that uses it.
  const where = () => ({ $and: [scope, filterCondition(args.filter)] });
  const pageWhere = cursor ? { $and: [where(), afterCursor(cursor)] } : where();

  const [rows, totalCount] = await Promise.all([
    em.find(Document, pageWhere, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: size + 1 }),
    em.count(Document, where()),
  ]);
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * The caller's queue (`myDocuments`): what they handle; for a unit head also the unit's documents nobody
 * handles yet; for the podatelna also the registered documents waiting to be assigned.
 */
export function myQueue(caller: Caller): FilterQuery<Document> {
  const mine: FilterQuery<Document>[] = [{ handlerId: caller.userId }];
  if (hasRole(caller, Role.UNIT_HEAD) && caller.orgUnitId) mine.push({ orgUnitId: caller.orgUnitId, handlerId: null });
  if (hasRole(caller, Role.INTAKE_CLERK)) mine.push({ state: 'REGISTERED' });
  return { $or: mine };
}
