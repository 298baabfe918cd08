import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  decodeCursor,
  encodeCursor as encodeListCursor,
  hasRole,
  notFound,
  tenantOf,
  type Caller,
  forwardPageInfo,
  type PageInfo,
} from '@hub/kit';
import type { DocumentFilter } from '../../generated/graphql';
import { decodeInstantCursor, encodeInstantCursor, type InstantCursor } from '../paging';
import { Register } from '../registers/register.entity';
import { findActiveMainRegister } from '../registers/registers';
import { Document } from './document.entity';
import { LIKE_ESCAPE, containsPattern, matchesAllTerms, searchTerms } from './search';
import { MAX_SUBJECT_LENGTH } from './validation';
import {
  countWordRows,
  hasWordSql,
  positionsOfPrefix,
  positionsOfWords,
  rawInstant,
  wordsWithPrefix,
  type ListPosition,
  type StreamBounds,
} from './word-index';
import type { WordField } from './word.entity';

export { rawInstant };

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
export const encodeCursor = (d: Pick<Document, 'createdAt' | 'registeredAt' | 'id'>): string =>
  encodeInstantCursor(listKey(d), d.id);

/** Longest `senderDataBoxId` accepted (data-box ids have 7 characters; anything much longer is a mistake). */
const MAX_DATA_BOX_ID_LENGTH = 50;
/** Longest `senderContains`: a sender's name has at most 300 characters. */
const MAX_SENDER_NAME_LENGTH = 300;

/** `%text%` on a folded column, with LIKE's wildcards in `text` taken literally (search.ts). */
function folded(column: string, text: string): FilterQuery<Document> {
  // Raw because MikroORM's $like has no ESCAPE clause, and without one SQLite has no escape character at all.
  return { [raw((alias) => `${alias}.${column} like ? escape '${LIKE_ESCAPE}'`, [containsPattern(text)])]: [] };
}

/** A text filter of `documents`: the terms that must each begin a word of the subject (S) or of the sender's name (N). */
export interface TextFilter {
  field: WordField;
  terms: string[];
}

const FOLDED_COLUMN: Record<WordField, string> = { S: 'subject_folded', N: 'sender_folded' };

/**
 * `subjectContains` and `senderContains` as terms (search.ts `searchTerms`). A text with no letter or digit has no
 * term and matches no document; an empty text is no filter, as before.
 */
function textFilters(filter: DocumentFilter | null | undefined): TextFilter[] {
  const out: TextFilter[] = [];
  if (filter?.subjectContains) out.push({ field: 'S', terms: searchTerms(filter.subjectContains) });
  if (filter?.senderContains) out.push({ field: 'N', terms: searchTerms(filter.senderContains) });
  return out;
}

/** The filter's conditions other than the text search. */
function plainConditions(filter: DocumentFilter | null | undefined): FilterQuery<Document>[] {
  const conditions: FilterQuery<Document>[] = [];
  if (filter?.registerId) conditions.push({ registerId: filter.registerId });
  if (filter?.state) conditions.push({ state: filter.state });
  if (filter?.year != null) conditions.push({ year: filter.year });
  // Registration time, as the names say: drafts have none and never match.
  if (filter?.registeredFrom) conditions.push({ registeredAt: { $gte: filter.registeredFrom } });
  if (filter?.registeredTo) conditions.push({ registeredAt: { $lt: filter.registeredTo } });
  if (filter?.senderDataBoxId?.trim()) conditions.push({ senderDataBoxId: filter.senderDataBoxId.trim() });
  return conditions;
}

const and = (conditions: FilterQuery<Document>[]): FilterQuery<Document> =>
  conditions.length > 0 ? { $and: conditions } : {};
/** Matches no document (a text without a word). A function: a raw() fragment is consumed by the query that uses it. */
const nothing = (): FilterQuery<Document> => ({ [raw('1 = 0')]: [] });

/**
 * The filter as a condition, for counting (`totalCount`, statistics): the text terms through the word index, one
 * `id in (…)` per term, so a count means exactly what a page shows. `em` must be scoped to a municipality when the
 * filter searches text (the index is read for that municipality only). The tenant condition on the documents
 * themselves is added by the ORM's tenant filter, not here.
 */
export function filterCondition(
  filter: DocumentFilter | null | undefined,
  em?: SqlEntityManager,
): FilterQuery<Document> {
  const conditions = plainConditions(filter);
  const texts = textFilters(filter);
  if (texts.length > 0) {
    const municipalityId = em && tenantOf(em);
    if (!em || !municipalityId) throw new Error('a text filter needs an EntityManager scoped to a municipality');
    for (const { field, terms } of texts) {
      if (terms.length === 0) conditions.push(nothing());
      for (const term of terms) {
        const platform = em.getPlatform();
        const { params } = hasWordSql(platform, 'd', municipalityId, field, term);
        conditions.push({ [raw((alias) => hasWordSql(platform, alias, municipalityId, field, term).sql, params)]: [] });
      }
    }
  }
  return and(conditions);
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
interface CreationRange {
  from: Date | null;
  to: Date | null;
}

async function creationBounds(
  em: SqlEntityManager,
  filter: DocumentFilter | null | undefined,
): Promise<CreationRange | null> {
  const from = filter?.registeredFrom ?? null;
  const to = filter?.registeredTo ?? null;
  const range: CreationRange = { from: null, to: to ?? null };
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
    range.from = earliest;
  }
  return range;
}

function rangeConditions(range: CreationRange): FilterQuery<Document>[] {
  return [
    ...(range.to ? [{ createdAt: { $lt: range.to } }] : []),
    ...(range.from ? [{ createdAt: { $gte: range.from } }] : []),
  ];
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
 * counts the whole filtered set. A text filter is served by `searchPage`.
 */
export async function findDocuments(
  em: SqlEntityManager,
  args: DocumentPageArgs,
  scope: FilterQuery<Document> = {},
): Promise<DocumentPage> {
  const size = pageSize(args.first);
  checkFilter(args.filter);
  const cursor = args.after ? decodeInstantCursor(args.after) : null;
  // Built once per query: a raw() fragment is consumed by the query that uses it.
  const where = () => ({ $and: [scope, filterCondition(args.filter, em)] });
  const range = await creationBounds(em, args.filter);
  const texts = textFilters(args.filter);
  let rows: Document[] = [];
  if (range && texts.length > 0) {
    rows = await searchPage(em, { filter: args.filter ?? {}, scope, texts, range, cursor, want: size + 1 });
  } else if (range) {
    const conditions = [
      scope,
      and(plainConditions(args.filter)),
      ...rangeConditions(range),
      ...(cursor ? [afterCursor(cursor)] : []),
    ];
    rows = await em.find(
      Document,
      { $and: conditions },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: size + 1 },
    );
  }
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, rows.length > size, args.after),
    totalCount: once(() => em.count(Document, where())),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Subject and sender search (README "Search").

/**
 * The planner's thresholds (measured at volume, README "Search"); tests lower them to run every plan on a few rows.
 * - rareTermRows: below this many index rows a term is rare: its rows are read in full (a range of the key, then
 *   sorted); from it on, the term's words are read newest first, each from the cursor, only as far as the page needs.
 * - maxStreamWords: at most this many distinct words are read side by side for a common term; a common term that
 *   begins more words is searched by scanning the list.
 * - maxRound: positions read per round at most (rounds grow from the page size while other conditions reject rows).
 */
export const SEARCH_TUNING = { rareTermRows: 3000, maxStreamWords: 32, maxRound: 1000 };

interface SearchArgs {
  filter: DocumentFilter;
  scope: FilterQuery<Document>;
  texts: TextFilter[];
  range: CreationRange;
  cursor: InstantCursor | null;
  /** Rows wanted: the page and one more. */
  want: number;
}

/** How the page finds its candidates (chosen per request: `planSearch`). */
export type SearchPlan =
  | { kind: 'prefix'; field: WordField; term: string }
  | { kind: 'words'; field: WordField; words: string[] }
  | { kind: 'scan' };

/**
 * The driving term: the one with the fewest index rows (each counted up to SEARCH_TUNING.rareTermRows, an index-only read).
 * A rare one is read whole; a common one word by word from the cursor (a page of *žádost* reads about 51 rows of
 * each of its few words). A term that begins more than SEARCH_TUNING.maxStreamWords words and has many rows (a letter or two:
 * "s") drives nothing: then the list is scanned newest first with a LIKE on the folded text, which meets such a
 * term within a few rows.
 */
export async function planSearch(
  em: SqlEntityManager,
  municipalityId: string,
  texts: TextFilter[],
): Promise<SearchPlan> {
  let best: { field: WordField; term: string; rows: number } | null = null;
  for (const { field, terms } of texts) {
    for (const term of terms) {
      const rows = await countWordRows(em, municipalityId, field, term, SEARCH_TUNING.rareTermRows);
      if (!best || rows < best.rows) best = { field, term, rows };
      if (rows === 0) return { kind: 'prefix', field, term };
    }
  }
  if (!best) return { kind: 'scan' };
  if (best.rows < SEARCH_TUNING.rareTermRows) return { kind: 'prefix', field: best.field, term: best.term };
  const words = await wordsWithPrefix(em, municipalityId, best.field, best.term, SEARCH_TUNING.maxStreamWords + 1);
  return words.length <= SEARCH_TUNING.maxStreamWords ? { kind: 'words', field: best.field, words } : { kind: 'scan' };
}

/** The lowest and highest creation time of a year's documents, from the (municipality, year, createdAt) index alone. */
async function yearCreation(em: SqlEntityManager, municipalityId: string, year: number): Promise<CreationRange | null> {
  const row = (await em
    .createQueryBuilder(Document, 'd')
    .select([raw('min(d.created_at) as lo'), raw('max(d.created_at) as hi')])
    .where({ municipalityId, year })
    .execute('get')) as { lo?: unknown; hi?: unknown } | undefined;
  const lo = rawInstant(row?.lo);
  const hi = rawInstant(row?.hi);
  return lo && hi ? { from: lo, to: new Date(hi.getTime() + 1) } : null;
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

/**
 * The rows of a page with a text filter, in list order. Candidates come from the word index (or, with no usable
 * term, the list itself, prefiltered by LIKE), in list order and in rounds; each round's documents are read by id
 * with the caller's scope and the other conditions, and checked against every term on the row itself
 * (search.ts `matchesAllTerms`), so the answer is exact whichever term drove it. Rounds grow (51, 204, … up to
 * SEARCH_TUNING.maxRound positions) while the other conditions reject candidates.
 */
async function searchPage(em: SqlEntityManager, args: SearchArgs): Promise<Document[]> {
  const { filter, texts, want } = args;
  const municipalityId = tenantOf(em);
  if (!municipalityId) throw new Error('searchPage needs an EntityManager scoped to a municipality');
  if (texts.some((t) => t.terms.length === 0)) return [];
  let { from, to } = args.range;
  if (filter.year != null) {
    const year = await yearCreation(em, municipalityId, filter.year);
    if (!year) return [];
    from = later(from, year.from);
    to = earlier(to, year.to);
  }
  const matches = (d: Document) =>
    texts.every(({ field, terms }) => matchesAllTerms(field === 'S' ? d.subject : d.senderName, terms));
  const others = (): FilterQuery<Document> => ({ $and: [args.scope, and(plainConditions(filter))] });
  const plan = await planSearch(em, municipalityId, texts);
  const out: Document[] = [];
  let after: ListPosition | null = args.cursor;
  let round = want;

  if (plan.kind === 'scan') {
    for (;;) {
      const likes = texts.flatMap(({ field, terms }) => terms.map((term) => folded(FOLDED_COLUMN[field], term)));
      const range = rangeConditions({ from, to });
      const rows = await em.find(
        Document,
        { $and: [others(), ...likes, ...range, ...(after ? [afterCursor(after)] : [])] },
        {
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          limit: round,
        },
      );
      for (const d of rows) {
        if (!matches(d)) continue;
        out.push(d);
        if (out.length >= want) return out;
      }
      if (rows.length < round) return out;
      const last = rows.at(-1)!;
      after = { key: listKey(last), id: last.id };
      round = Math.min(round * 4, SEARCH_TUNING.maxRound);
    }
  }

  for (;;) {
    const bounds: StreamBounds = { after, from, to };
    const positions =
      plan.kind === 'prefix'
        ? await positionsOfPrefix(em, municipalityId, plan.field, plan.term, bounds, round)
        : await positionsOfWords(em, municipalityId, plan.field, plan.words, bounds, round);
    if (positions.length === 0) return out;
    const ids = [...new Set(positions.map((p) => p.id))];
    const rows = await em.find(Document, { $and: [others(), { id: { $in: ids } }] });
    const byId = new Map(rows.map((d) => [d.id, d]));
    for (const id of ids) {
      const d = byId.get(id);
      if (!d || !matches(d)) continue;
      out.push(d);
      if (out.length >= want) return out;
    }
    if (positions.length < round) return out;
    after = positions.at(-1)!;
    round = Math.min(round * 4, SEARCH_TUNING.maxRound);
  }
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
  if (cursorRegister !== registerId || cursorYear !== year)
    throw badInput('after is not a cursor of this register and year', 'after');
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
export async function findRegisterJournal(
  em: SqlEntityManager,
  args: JournalArgs,
  scope: FilterQuery<Document> = {},
): Promise<DocumentPage> {
  const size = pageSize(args.first, JOURNAL_PAGE_SIZE);
  if (!Number.isInteger(args.year) || args.year < MIN_JOURNAL_YEAR || args.year > MAX_JOURNAL_YEAR) {
    throw badInput(`year must be between ${MIN_JOURNAL_YEAR} and ${MAX_JOURNAL_YEAR}`, 'year');
  }
  const register = args.registerId
    ? await em.findOne(Register, { id: args.registerId })
    : await findActiveMainRegister(em);
  if (!register) {
    if (args.registerId) throw notFound('Register', args.registerId);
    throw conflict('The municipality has no active main register; name a registerId');
  }
  const after = args.after ? decodeJournalCursor(args.after, register.id, args.year) : 0;
  const where = (): FilterQuery<Document> => ({ $and: [scope, { registerId: register.id, year: args.year }] });
  const rows = await em.find(
    Document,
    { $and: [where(), { sequenceNumber: { $gt: after } }] },
    { orderBy: { sequenceNumber: 'asc' }, limit: size + 1 },
  );
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({
    cursor: encodeJournalCursor(register.id, args.year, node.sequenceNumber!),
    node,
  }));
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
