import { badInput } from './errors';

/**
 * The one cursor codec of every connection (Relay `after` / `endCursor`): base64url of a JSON array holding the
 * list's name and the last row's position in it (its sort key and id, and what scopes the list, e.g. a journal's
 * register and year). Opaque to clients. The list's name makes a cursor of one list useless in another, and decoding
 * checks every part's type, so anything else is BAD_USER_INPUT on `after`, never a query with odd values.
 */
export type CursorPartKind = 'string' | 'uuid' | 'int' | 'instant';
type PartOf<K extends CursorPartKind> = K extends 'int' ? number : K extends 'instant' ? Date : string;
export type CursorParts<S extends readonly CursorPartKind[]> = { [I in keyof S]: PartOf<S[I]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Longer than any cursor a list hands out (a forecast key is the longest part): refused before decoding. */
const MAX_CURSOR_LENGTH = 1024;

export function encodeCursor(list: string, parts: readonly (string | number | Date)[]): string {
  return Buffer.from(
    JSON.stringify([list, ...parts.map((p) => (p instanceof Date ? p.toISOString() : p))]),
    'utf8',
  ).toString('base64url');
}

/** The parts of a cursor of `list` with the given shape; BAD_USER_INPUT (field `after`) for anything else. */
export function decodeCursor<const S extends readonly CursorPartKind[]>(
  cursor: string,
  list: string,
  shape: S,
  field = 'after',
): CursorParts<S> {
  const refuse = () => badInput(`${field} is not a cursor of this list`, field);
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(value) || value.length !== shape.length + 1 || value[0] !== list) throw refuse();
  return shape.map((kind, i) => {
    const part = value[i + 1];
    switch (kind) {
      case 'int':
        if (!Number.isSafeInteger(part)) throw refuse();
        return part;
      case 'uuid':
        if (typeof part !== 'string' || !UUID.test(part)) throw refuse();
        return part;
      case 'instant': {
        const at = typeof part === 'string' && INSTANT.test(part) ? new Date(part) : null;
        // Round trip, because Date reads 2026-02-30 as 2 March instead of failing.
        if (!at || Number.isNaN(at.getTime()) || at.toISOString() !== part) throw refuse();
        return at;
      }
      default:
        if (typeof part !== 'string') throw refuse();
        return part;
    }
  }) as CursorParts<S>;
}

/** Relay `PageInfo` of a forward (first / after) page. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
  hasPreviousPage: boolean;
  startCursor: string | null;
}

/**
 * The `PageInfo` of a forward page: `hasNextPage` as the list found it (it read one row more than the page), the
 * first and last edges' cursors, and `hasPreviousPage` true when the page starts after a cursor (the row that cursor
 * names comes before it; Relay lets forward-only lists answer so). The lists page forward only: no `last`/`before`.
 */
export function forwardPageInfo(
  edges: readonly { cursor: string }[],
  hasNextPage: boolean,
  after: string | null | undefined,
): PageInfo {
  return {
    hasNextPage,
    endCursor: edges.at(-1)?.cursor ?? null,
    hasPreviousPage: !!after,
    startCursor: edges[0]?.cursor ?? null,
  };
}

/**
 * Field resolvers of `PageInfo` for a page built before `hasPreviousPage` / `startCursor` existed (or by a list that
 * does not use forwardPageInfo): answers false / null rather than a non-null error.
 */
export const pageInfoResolvers = {
  hasPreviousPage: (p: Partial<PageInfo>) => p.hasPreviousPage ?? false,
  startCursor: (p: Partial<PageInfo>) => p.startCursor ?? null,
};
