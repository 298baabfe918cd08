import { foldForSearch } from '../documents/search';

/**
 * The forecast lists entries by full filing code, then reference number, both in their natural order: digit runs
 * by value, so 51.1 comes before 101 and MBK 2/2026 before MBK 17/2026. To page through a year of Blansko
 * (tens of thousands of entries) on an index, that order is stored as a string whose plain order is the natural
 * one: `Document.forecastKey` / `CaseFile.forecastKey`, on the (municipality, disposal year, key, id) indexes.
 *
 * The key uses only `0–9` and `a–z`. Those sort the same under SQLite's binary comparison, MariaDB's
 * utf8mb4_unicode_ci (case does not occur, digits before letters) and JavaScript's `<`, which merges case files
 * and documents of one page. Encoding, run by run of the folded text (lower case, no diacritics):
 * - a digit run: `2`, its length without leading zeros as one character (`1`–`9`, then `a`–`z`), the digits;
 *   so a shorter number sorts first and numbers of one length by their digits;
 * - a letter run: the letters themselves (letters sort after digit runs and separators, as in a natural order);
 * - any other run (separators, spaces, `/`, `-`): `1`;
 * - between the filing code and the reference number: `0`, below everything, so 51 comes before 51.1.
 *
 * Differences from a Czech collator: letters by their ASCII letter (ch is not after h) and no secondary
 * differences; filing codes and reference numbers are digits and a few capitals, so this does not show.
 * Keys longer than the column (191) are cut; the id then decides among entries equal up to there.
 */
export const FORECAST_KEY_LENGTH = 191;

const RUNS = /[0-9]+|[a-z]+|[^0-9a-z]+/g;
const LENGTHS = '0123456789abcdefghijklmnopqrstuvwxyz';

export function naturalKey(text: string): string {
  let out = '';
  for (const run of foldForSearch(text).match(RUNS) ?? []) {
    const c = run.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const digits = run.replace(/^0+(?=\d)/, '');
      out += '2' + LENGTHS[Math.min(digits.length, LENGTHS.length - 1)] + digits;
    } else if (c >= 97 && c <= 122) {
      out += run;
    } else {
      out += '1';
    }
  }
  return out;
}

/** The stored key of a forecast entry: its full filing code ('' when unclassified), then its reference number. */
export function forecastKey(fullFilingCode: string, referenceNumber: string): string {
  return (naturalKey(fullFilingCode) + '0' + naturalKey(referenceNumber)).slice(0, FORECAST_KEY_LENGTH);
}
