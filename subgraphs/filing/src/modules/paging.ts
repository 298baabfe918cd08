import { decodeCursor, encodeCursor } from '@hub/kit';

/**
 * The cursor of the lists ordered by an instant and then the id (documents, case files, parties, the dispatch
 * queue): the last row's position (kit cursor.ts).
 */
export interface InstantCursor {
  key: Date;
  id: string;
}

export function encodeInstantCursor(key: Date, id: string): string {
  return encodeCursor('by-time', [key, id]);
}

/** BAD_USER_INPUT (field `after`) for anything that is not such a cursor. */
export function decodeInstantCursor(cursor: string): InstantCursor {
  const [key, id] = decodeCursor(cursor, 'by-time', ['instant', 'uuid']);
  return { key, id };
}
