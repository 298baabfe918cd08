/**
 * The word index of `subjectContains` / `senderContains` (table document_word, word.entity.ts).
 *
 * Why a table of our own rather than MariaDB FULLTEXT or SQLite FTS5: the same rows and the same queries on both
 * databases, the municipality leading every key (a tenant's search never reads another's words), and the list order
 * (createdAt, id) inside the key, so that a common word is read newest first from the cursor instead of in full
 * (FULLTEXT returns a word's whole posting list and sorts it: 1.1–1.6 s for *žádost* at volume, README).
 *
 * Kept on write: the document schema's hooks (document.entity.ts) index a document when it is created and index it
 * again when its subject, sender name or creation time changes; removal deletes its words (the same transaction,
 * the same flush). Rows from before the index: the data upgrade (upgrade.ts `fillWordIndex`); the volume seed
 * writes them with its documents.
 */
import type { Knex } from '@mikro-orm/knex';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { MySqlPlatform } from '@mikro-orm/knex';
import { LIKE_ESCAPE, indexWords, termKey } from './search';
import type { WordField } from './word.entity';

export const WORD_TABLE = 'document_word';

/** What a document's index rows are computed from. */
export interface IndexedText {
  id: string;
  municipalityId: string;
  subject: string;
  senderName: string | null;
  createdAt: Date | null;
  registeredAt?: Date | null;
}

export interface WordRow {
  municipality_id: string;
  field: WordField;
  word: string;
  created_at: Date;
  document_id: string;
}

/** The index rows of a document: its subject's words and its sender's. */
export function wordRows(d: IndexedText): WordRow[] {
  const createdAt = d.createdAt ?? d.registeredAt ?? null;
  if (!createdAt) return [];
  const rows = (field: WordField, text: string | null): WordRow[] =>
    indexWords(text).map((word) => ({
      municipality_id: d.municipalityId,
      field,
      word,
      created_at: createdAt,
      document_id: d.id,
    }));
  return [...rows('S', d.subject), ...rows('N', d.senderName)];
}

type Platform = { processDateProperty(value: unknown): unknown };
const isMariaDb = (platform: Platform) => platform instanceof MySqlPlatform;

/** Rows per INSERT: five values each, well within SQLite's 32,766 bound values. */
const ROWS_PER_INSERT = 1000;

/**
 * Inserts index rows, ignoring those already there (the upgrade may meet rows a write has indexed meanwhile; on
 * MariaDB two words equal under the column's collation are one key).
 */
export async function insertWordRows(em: SqlEntityManager, rows: WordRow[]): Promise<void> {
  const platform = em.getPlatform();
  const ignore = isMariaDb(platform) ? 'insert ignore into' : 'insert or ignore into';
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT);
    const values = chunk.flatMap((r) => [
      r.municipality_id,
      r.field,
      r.word,
      platform.processDateProperty(r.created_at),
      r.document_id,
    ]);
    await em.execute(
      `${ignore} ${WORD_TABLE} (municipality_id, field, word, created_at, document_id) values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      values,
      'run',
    );
  }
}

/** Deletes index rows by their full key (each a point in the primary key). */
export async function deleteWordRows(em: SqlEntityManager, rows: WordRow[]): Promise<void> {
  const platform = em.getPlatform();
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT);
    const values = chunk.flatMap((r) => [
      r.municipality_id,
      r.field,
      r.word,
      platform.processDateProperty(r.created_at),
      r.document_id,
    ]);
    await em.execute(
      `delete from ${WORD_TABLE} where ${chunk.map(() => '(municipality_id = ? and field = ? and word = ? and created_at = ? and document_id = ?)').join(' or ')}`,
      values,
      'run',
    );
  }
}

/** Knex-level insert for the volume seed (its own transactions, no EntityManager). */
export async function insertWordRowsKnex(
  trx: Knex.Transaction,
  platform: Platform,
  rows: WordRow[],
  rowsPerStatement: number,
): Promise<void> {
  const ignore = isMariaDb(platform) ? 'insert ignore into' : 'insert or ignore into';
  for (let from = 0; from < rows.length; from += rowsPerStatement) {
    const chunk = rows.slice(from, from + rowsPerStatement);
    const values = chunk.flatMap((r) => [
      r.municipality_id,
      r.field,
      r.word,
      platform.processDateProperty(r.created_at),
      r.document_id,
    ]);
    await trx.raw(
      `${ignore} ${WORD_TABLE} (municipality_id, field, word, created_at, document_id) values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      values as Knex.RawBinding[],
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the index. Every query names the municipality: raw SQL gets no tenant filter from the ORM.

/**
 * The condition "the stored word begins with `key`" as SQL over the column `column`. MariaDB uses LIKE 'key%' as a
 * range of the key. SQLite's LIKE is case-insensitive and so never a range of a BINARY index; GLOB is, and a key
 * holds letters and digits only (search.ts), never a GLOB or LIKE wildcard.
 */
function prefixSql(platform: Platform, column: string): string {
  return isMariaDb(platform) ? `${column} like ? escape '${LIKE_ESCAPE}'` : `${column} glob ?`;
}
const prefixParam = (platform: Platform, key: string) => (isMariaDb(platform) ? `${key}%` : `${key}*`);

/** The SQL condition "the document `alias` has a word in `field` that begins with `term`" (totalCount, statistics). */
export function hasWordSql(
  platform: Platform,
  alias: string,
  municipalityId: string,
  field: WordField,
  term: string,
): { sql: string; params: unknown[] } {
  return {
    sql: `${alias}.id in (select w.document_id from ${WORD_TABLE} w where w.municipality_id = ? and w.field = ? and ${prefixSql(platform, 'w.word')})`,
    params: [municipalityId, field, prefixParam(platform, termKey(term))],
  };
}

/** How many index rows begin with `term`, counted up to `cap` (an index-only range of at most `cap` entries). */
export async function countWordRows(
  em: SqlEntityManager,
  municipalityId: string,
  field: WordField,
  term: string,
  cap: number,
): Promise<number> {
  const platform = em.getPlatform();
  const rows = (await em.execute(
    `select count(*) as n from (select 1 as one from ${WORD_TABLE} where municipality_id = ? and field = ? and ${prefixSql(platform, 'word')} limit ?) t`,
    [municipalityId, field, prefixParam(platform, termKey(term)), cap],
  )) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

/**
 * The distinct stored words that begin with `term`, at most `limit`, by skipping from one to the next on the key
 * (a recursive query: one index seek per word, not a read of every row of a common word).
 */
export async function wordsWithPrefix(
  em: SqlEntityManager,
  municipalityId: string,
  field: WordField,
  term: string,
  limit: number,
): Promise<string[]> {
  const platform = em.getPlatform();
  const prefix = prefixSql(platform, 'x.word');
  const param = prefixParam(platform, termKey(term));
  const next = (after: string) =>
    `(select x.word from ${WORD_TABLE} x where x.municipality_id = ? and x.field = ? and ${prefix}${after} order by x.word limit 1)`;
  const rows = (await em.execute(
    `with recursive words (word, n) as (select ${next('')}, 1 union all select ${next(' and x.word > words.word')}, n + 1 from words where words.word is not null and n < ?) ` +
      `select word from words where word is not null`,
    [municipalityId, field, param, municipalityId, field, param, limit],
  )) as { word: string }[];
  return rows.map((r) => r.word);
}

/** A position in the list order, (createdAt, id), newest first. */
export interface ListPosition {
  key: Date;
  id: string;
}

export interface StreamBounds {
  /** Only positions after this one (exclusive). */
  after: ListPosition | null;
  /** createdAt >= from, createdAt < to. */
  from: Date | null;
  to: Date | null;
}

function boundsSql(platform: Platform, b: StreamBounds): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (b.from) {
    parts.push('created_at >= ?');
    params.push(platform.processDateProperty(b.from));
  }
  if (b.to) {
    parts.push('created_at < ?');
    params.push(platform.processDateProperty(b.to));
  }
  if (b.after) {
    const key = platform.processDateProperty(b.after.key);
    parts.push('(created_at < ? or (created_at = ? and document_id < ?))');
    params.push(key, key, b.after.id);
  }
  return { sql: parts.map((p) => ` and ${p}`).join(''), params };
}

/**
 * The next `limit` positions, newest first, of the documents that have one of `words` (exact stored words): one
 * ordered read of each word's key range from the position on, merged. A document with two of the words comes twice.
 */
export async function positionsOfWords(
  em: SqlEntityManager,
  municipalityId: string,
  field: WordField,
  words: string[],
  bounds: StreamBounds,
  limit: number,
): Promise<ListPosition[]> {
  if (words.length === 0) return [];
  const platform = em.getPlatform();
  const b = boundsSql(platform, bounds);
  const one = `select created_at, document_id from (select created_at, document_id from ${WORD_TABLE} where municipality_id = ? and field = ? and word = ?${b.sql} order by created_at desc, document_id desc limit ?) t`;
  const sql =
    words.map((_, i) => one.replace(/\) t$/, `) t${i}`)).join(' union all ') +
    ' order by created_at desc, document_id desc limit ?';
  const params = [...words.flatMap((w) => [municipalityId, field, w, ...b.params, limit]), limit];
  return toPositions(await em.execute(sql, params));
}

/** The next `limit` positions of the documents with a word that begins with `term`: reads every row of the prefix (a rare one). */
export async function positionsOfPrefix(
  em: SqlEntityManager,
  municipalityId: string,
  field: WordField,
  term: string,
  bounds: StreamBounds,
  limit: number,
): Promise<ListPosition[]> {
  const platform = em.getPlatform();
  const b = boundsSql(platform, bounds);
  const rows = await em.execute(
    `select created_at, document_id from ${WORD_TABLE} where municipality_id = ? and field = ? and ${prefixSql(platform, 'word')}${b.sql} ` +
      'order by created_at desc, document_id desc limit ?',
    [municipalityId, field, prefixParam(platform, termKey(term)), ...b.params, limit],
  );
  return toPositions(rows);
}

/** A timestamp as the driver returns it from raw SQL: a UTC 'YYYY-MM-DD hh:mm:ss.fff' (MariaDB) or epoch ms (SQLite). */
export function rawInstant(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return new Date(Number(value));
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

function toPositions(rows: unknown): ListPosition[] {
  return (rows as { created_at: unknown; document_id: string }[]).map((r) => ({
    key: rawInstant(r.created_at)!,
    id: r.document_id,
  }));
}
