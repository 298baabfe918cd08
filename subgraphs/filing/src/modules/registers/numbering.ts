import type { Register } from './register.entity';

/**
 * Numbering of register entries (domain.md §5.1): one gapless series per register and calendar year,
 * starting at 1. The year is the Czech civil year: a document registered at 00:30 on 1 January in Prague
 * (still 31 December in UTC) opens the new year's series.
 */
const PRAGUE_YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Prague', year: 'numeric' });

export function registrationYear(at: Date): number {
  return Number(PRAGUE_YEAR.format(at));
}

/** Name of the counter (kit `nextInSeries`) that numbers a register's entries of one year. */
export function numberSeries(registerId: string, year: number): string {
  return `register:${registerId}:${year}`;
}

/**
 * The reference number of an entry. MAIN registers give the čj in the common `MBK 17/2026` form; separate
 * registers pad to four digits behind a hyphen (`FP-0017/2026`), so their numbers can never be mistaken
 * for a čj even when the prefixes are alike.
 */
export function formatReferenceNumber(
  register: Pick<Register, 'kind' | 'referencePrefix'>,
  sequenceNumber: number,
  year: number,
): string {
  return register.kind === 'MAIN'
    ? `${register.referencePrefix} ${sequenceNumber}/${year}`
    : `${register.referencePrefix}-${String(sequenceNumber).padStart(4, '0')}/${year}`;
}
