import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput, conflict, decodeCursor, encodeCursor as encodeListCursor, hasRole, notFound, tenantOf, type Caller, forwardPageInfo, type PageInfo } from '@hub/kit';
import type { DocumentFilter } from '../../generated/graphql';
import { decodeInstantCursor, encodeInstantCursor, type InstantCursor } from '../paging';
import { Register } from '../registers/register.entity';
import { findActiveMainRegister } from '../registers/registers';
import { Document } from './document.entity';
import { LIKE_ESCAPE, containsPattern } from './search';
import { MAX_SUBJECT_LENGTH } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * A page of a document list (`DocumentConnection`). `totalCount` is a thunk, resolved only when a client selects
 * the field (resolvers/index.ts): counting the whole filtered set costs a scan of it (at 900,000 documents of
 * Blansko, far more than the page itself), and most list requests do not ask.
 */
export interface DocumentPage {
  edges: { cursor: string; node: Document }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
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

/** Position in the list (key DESC, id DESC); see paging.ts. */
export const encodeCursor = (d: Pick<Document, 'createdAt' | 'registeredAt' | 'id'>): string => encodeInstantCursor(listKey(d), d.id);

/** Longest `senderDataBoxId` accepted (data-box ids have 7 characters; anything much longer is a mistake). */
const MAX_DATA_BOX_ID_LENGTH = 50;
/** Longest `senderContains`: a sender's name has at most 300 characters. */
const MAX_SENDER_NAME_LENGTH = 300;

/** `%text%` on a folded column, with LIKE's wildcards in `text` taken literally (search.ts). */
function folded(column: string, text: string): FilterQuery<Document> {
  // Raw because MikroORM's $like has no ESCAPE clause, and without one SQLite has no escape character at all.
  return { [raw((alias) => `${alias}.${column} like ? escape '${LIKE_ESCAPE}'`, [containsPattern(text)])]: [] };
}

/** The filter as a condition; the tenant condition is added by the ORM's tenant filter, not here. */
export function filterCondition(filter: DocumentFilter | null | undefined): FilterQuery<Document> {
  const conditions: FilterQuery<Document>[] = [];
  if (filter?.registerId) conditions.push({ registerId: filter.registerId });
  if (filter?.state) conditions.push({ state: filter.state });
  if (filter?.year != null) conditions.push({ year: filter.year });
  // Registration time, as the names say: drafts have none and never match.
  if (filter?.registeredFrom) conditions.push({ registeredAt: { $gte: filter.registeredFrom } });
  if (filter?.registeredTo) conditions.push({ registeredAt: { $lt: filter.registeredTo } });
  if (filter?.subjectContains) conditions.push(folded('subject_folded', filter.subjectContains));
  if (filter?.senderContains) conditions.push(folded('sender_folded', filter.senderContains));
  if (filter?.senderDataBoxId?.trim()) conditions.push({ senderDataBoxId: filter.senderDataBoxId.trim() });
  return conditions.length > 0 ? { $and: conditions } : {};
}

/** A timestamp as the driver returns it from a raw aggregate: a UTC 'YYYY-MM-DD hh:mm:ss.fff' (MariaDB) or epoch ms (SQLite). */
export function rawInstant(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return new Date(Number(value));
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

/**
 * Bounds on `createdAt` implied by a registration-time filter, so that the list's own index (municipality,
 * createdAt, id) reads only the stretch that can match. Without them MariaDB walks that index from the newest
 * document back to the range and then on to the oldest (measured at volume: 2–10 s for a month of Blansko, README).
 * A document is created no later than it is registered (a draft first, its number later), so
 * - registeredAt < to gives createdAt < to;
 * - the earliest creation among the documents registered in the range bounds them all from below; one MIN over the
 *   (municipality, registeredAt, createdAt) index finds it without reading a row.
 * Null when nothing is registered in the range (the page is empty). The tenant condition is explicit here: a query
 * builder does not apply the ORM's filters.
 */
async function creationBounds(em: SqlEntityManager, filter: DocumentFilter | null | undefined): Promise<FilterQuery<Document>[] | null> {
  const from = filter?.registeredFrom ?? null;
  const to = filter?.registeredTo ?? null;
  const bounds: FilterQuery<Document>[] = [];
  if (to) bounds.push({ createdAt: { $lt: to } });
  if (from) {
    const municipalityId = tenantOf(em);
    if (!municipalityId) throw new Error('creationBounds needs an EntityManager scoped to a municipality');
    const registeredAt = to ? { $gte: from, $lt: to } : { $gte: from };
    const row = (await em
      .createQueryBuilder(Document, 'd')
      .select(raw('min(d.created_at) as earliest'))
      .where({ municipalityId, registeredAt })
      .execute('get')) as { earliest?: unknown } | undefined;
    const earliest = rawInstant(row?.earliest);
    if (!earliest) return null;
    bounds.push({ createdAt: { $gte: earliest } });
  }
  return bounds;
}

/**
 * Rows after the cursor in the list order: an older key, or the same key with a smaller id. The index starts the
 * scan at the cursor on SQLite; on MariaDB 10.x only with the session setting of kit orm.ts (`disable_max_seek`),
 * without which a page deep in a large municipality's list cost seconds.
 */
function afterCursor({ key, id }: InstantCursor): FilterQuery<Document> {
  return { $or: [{ createdAt: { $lt: key } }, { createdAt: key, id: { $lt: id } }] };
}

function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return size;
}

/** Texts longer than anything stored could match nothing; refuse rather than send the database a huge pattern. */
export function checkFilter(filter: DocumentFilter | null | undefined): void {
  const tooLong = (value: string | null | undefined, max: number, field: string) => {
    if ((value?.length ?? 0) > max) throw badInput(`${field} must be at most ${max} characters`, `filter.${field}`);
  };
  tooLong(filter?.subjectContains, MAX_SUBJECT_LENGTH, 'subjectContains');
  tooLong(filter?.senderContains, MAX_SENDER_NAME_LENGTH, 'senderContains');
  tooLong(filter?.senderDataBoxId, MAX_DATA_BOX_ID_LENGTH, 'senderDataBoxId');
}

/**
 * One page of the EntityManager's municipality's documents within `scope` (what the caller may see, a queue),
 * newest first (Relay connection). Keyset paging: the cursor is the last row's position, so a page costs the
 * same at any depth and documents created meanwhile do not shift later pages. `totalCount`, when asked for,
 * counts the whole filtered set.
 */
export async function findDocuments(em: SqlEntityManager, args: DocumentPageArgs, scope: FilterQuery<Document> = {}): Promise<DocumentPage> {
  const size = pageSize(args.first);
  checkFilter(args.filter);
  const cursor = args.after ? decodeInstantCursor(args.after) : null;
  // Built once per query: a raw() fragment is consumed by the query that uses it.
  const where = () => ({ $and: [scope, filterCondition(args.filter)] });
  const bounds = await creationBounds(em, args.filter);
  const rows = bounds
    ? await em.find(Document, { $and: [where(), ...bounds, ...(cursor ? [afterCursor(cursor)] : [])] }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: size + 1 })
    : [];
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, rows.length > size, args.after),
    totalCount: once(() => em.count(Document, where())),
  };
}

/** A thunk that runs `compute` at most once (a client may select `totalCount` under several aliases). */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

// ---------------------------------------------------------------------------------------------------------------
// The podací deník: one register's entries of one year in number order.

export const JOURNAL_PAGE_SIZE = 50;

export interface JournalArgs {
  registerId?: string | null;
  year: number;
  first?: number | null;
  after?: string | null;
}

/** Position in a journal: its register, year and the entry's sequence number (kit cursor.ts), valid only for that journal. */
export function encodeJournalCursor(registerId: string, year: number, sequenceNumber: number): string {
  return encodeListCursor('journal', [registerId, year, sequenceNumber]);
}

function decodeJournalCursor(cursor: string, registerId: string, year: number): number {
  const [cursorRegister, cursorYear, sequenceNumber] = decodeCursor(cursor, 'journal', ['uuid', 'int', 'int']);
  // A cursor of another register or year would silently continue the wrong list: refuse it.
  if (cursorRegister !== registerId || cursorYear !== year) throw badInput('after is not a cursor of this register and year', 'after');
  return sequenceNumber;
}

export const MIN_JOURNAL_YEAR = 1990;
export const MAX_JOURNAL_YEAR = 3000;

/**
 * `registerJournal`: the entries of a register (default: the municipality's active main register) numbered in
 * `year`, in number order 1, 2, 3 … within `scope` (what the caller may see). Keyset paging on the sequence
 * number over the unique (register, year, sequence number) index, so page 1,000 costs what page 1 costs; a
 * caller who sees only some entries gets those, still in number order. Drafts have no number and never appear.
 * Another municipality's register is NOT_FOUND (the tenant filter hides it).
 */
export async function findRegisterJournal(em: SqlEntityManager, args: JournalArgs, scope: FilterQuery<Document> = {}): Promise<DocumentPage> {
  const size = pageSize(args.first, JOURNAL_PAGE_SIZE);
  if (!Number.isInteger(args.year) || args.year < MIN_JOURNAL_YEAR || args.year > MAX_JOURNAL_YEAR) {
    throw badInput(`year must be between ${MIN_JOURNAL_YEAR} and ${MAX_JOURNAL_YEAR}`, 'year');
  }
  const register = args.registerId ? await em.findOne(Register, { id: args.registerId }) : await findActiveMainRegister(em);
  if (!register) {
    if (args.registerId) throw notFound('Register', args.registerId);
    throw conflict('The municipality has no active main register; name a registerId');
  }
  const after = args.after ? decodeJournalCursor(args.after, register.id, args.year) : 0;
  const where = (): FilterQuery<Document> => ({ $and: [scope, { registerId: register.id, year: args.year }] });
  const rows = await em.find(Document, { $and: [where(), { sequenceNumber: { $gt: after } }] }, { orderBy: { sequenceNumber: 'asc' }, limit: size + 1 });
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeJournalCursor(register.id, args.year, node.sequenceNumber!), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, rows.length > size, args.after),
    totalCount: once(() => em.count(Document, where())),
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
