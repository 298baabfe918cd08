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

// ---------------------------------------------------------------------------------------------------------------
// Words: what `subjectContains` and `senderContains` match, and what the word index (document_word) holds.

/**
 * Longest word kept in the index. Longer words are stored cut to this length, and a longer search term is looked up
 * by its first MAX_WORD_LENGTH characters; the page then checks the whole term on the row (`matchesAllTerms`).
 */
export const MAX_WORD_LENGTH = 40;

/** The folded words of a text: runs of letters and digits, everything else separates ("č.j. 17/2025" → c, j, 17, 2025). */
export function foldedWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The distinct words a text puts in the index, cut to MAX_WORD_LENGTH. */
export function indexWords(text: string | null | undefined): string[] {
  return [...new Set(foldedWords(text).map((w) => w.slice(0, MAX_WORD_LENGTH)))];
}

/** The terms of a search text: its distinct folded words, in the order given. Empty when it has no letter or digit. */
export function searchTerms(text: string | null | undefined): string[] {
  return [...new Set(foldedWords(text))];
}

/**
 * The meaning of `subjectContains` / `senderContains`: every term begins a word of the text, case and diacritics
 * ignored ("kolumbari" finds "Kolumbárium", "fin urad" finds "Finanční úřad Brno"; "umbar" finds nothing).
 */
export function matchesAllTerms(text: string | null | undefined, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const words = foldedWords(text);
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

/** The index's key for a term: what the stored words that it may begin start with. */
export const termKey = (term: string): string => term.slice(0, MAX_WORD_LENGTH);
