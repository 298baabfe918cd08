import { badInput } from './errors';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The one check of a calendar day written YYYY-MM-DD (dates without time: settlement, trigger events, loans,
 * renditions, plan validity). The day must exist: `Date` would quietly read 2026-02-30 as 2 March and 2026-13-01
 * as invalid, so the day is round-tripped through a UTC date. Days compare correctly as strings.
 */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The day, or BAD_USER_INPUT naming `field`. */
export function parseDay(value: string, field: string): string {
  if (!isCalendarDay(value)) throw badInput(`${field} must be a calendar day YYYY-MM-DD`, field);
  return value;
}
