import { badInput } from '@hub/kit';

/**
 * The cursor of the lists ordered by an instant and then the id (documents, case files, the dispatch queue):
 * the last row's position, opaque to clients: base64url of `ISO instant|id`.
 */
export interface InstantCursor {
  key: Date;
  id: string;
}

export function encodeInstantCursor(key: Date, id: string): string {
  return Buffer.from(`${key.toISOString()}|${id}`, 'utf8').toString('base64url');
}

const CURSOR_TEXT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/;

/** BAD_USER_INPUT (field `after`) for anything that is not such a cursor. */
export function decodeInstantCursor(cursor: string): InstantCursor {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = CURSOR_TEXT.exec(text);
  const key = m ? new Date(m[1]) : null;
  // Round trip, because Date reads 2026-02-30 as 2 March instead of failing.
  if (!m || !key || Number.isNaN(key.getTime()) || key.toISOString() !== m[1]) {
    throw badInput('after is not a cursor of this list', 'after');
  }
  return { key, id: m[2] };
}
