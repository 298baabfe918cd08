import { czechDay } from '../retention/retention';

/**
 * Czech calendar days (Europe/Prague) as YYYY-MM-DD strings, and the instants they start at. Pure functions: the
 * daily renditions (rendition.ts) cut the log at local midnight, which is 22:00 or 23:00 UTC.
 */

/** The calendar day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const PRAGUE_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Prague',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Prague's wall clock is ahead of UTC at `at`, in milliseconds (1 or 2 hours). */
function pragueOffsetMs(at: number): number {
  const p = Object.fromEntries(PRAGUE_PARTS.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant the Czech day starts (local midnight). Prague changes its clocks at 02:00/03:00, never at midnight. */
export function czechDayStart(day: string): Date {
  const wallMidnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  let at = wallMidnight - pragueOffsetMs(wallMidnight);
  at = wallMidnight - pragueOffsetMs(at);
  return new Date(at);
}

/** [start, end) of the Czech day: the instants whose `czechDay` is `day`. */
export function czechDayRange(day: string): { start: Date; end: Date } {
  return { start: czechDayStart(day), end: czechDayStart(addDays(day, 1)) };
}

export { czechDay };
