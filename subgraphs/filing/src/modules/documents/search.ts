/**
 * Subject search that gives the same answer on SQLite and MariaDB (see `Document.subjectFolded`): both the
 * stored copy and the pattern are folded to lower case without diacritics ("Žádost" → "zadost").
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Escape character of our LIKE patterns. Not the backslash: MariaDB reads `'\\'` in SQL as one backslash and
 * SQLite as two, so `ESCAPE '\\'` cannot be written for both; `!` means the same everywhere.
 */
export const LIKE_ESCAPE = '!';

/** `%text%` with the LIKE wildcards in `text` taken literally: "50%_off" finds only that text. */
export function containsPattern(text: string): string {
  const escaped = foldForSearch(text).replace(/[!%_]/g, (c) => LIKE_ESCAPE + c);
  return `%${escaped}%`;
}
