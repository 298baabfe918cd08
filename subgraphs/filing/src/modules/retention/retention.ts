/**
 * Retention arithmetic, exactly as domain.md §5.3 (NSESSS rules obs64/obs65/obs67): pure functions, no I/O,
 * so the archive validator's rules can be tested table by table.
 *
 * - Document: disposalYear = triggerYear + 1 + retentionYears (the period runs from 1 January after the
 *   trigger; disposal happens in that year). A fixed disposal year (rok vyřazení) replaces the formula.
 * - Case file: the latest of its own disposal year and, for each document in it,
 *   year(deliveredAt or createdAt) + 1 + the document's retention years; the strongest code A > V > S.
 * - Trigger SETTLEMENT: the year of settlement (document) or closure (case file). EXTERNAL: the year of the
 *   entered trigger date; until it is entered there is no disposal year.
 */

/** Skartační znak: A = archive, S = destroy, V = decide at disposal (legacy). */
export type DisposalCode = 'A' | 'S' | 'V';
/** What starts the retention period (spouštěcí událost). */
export type TriggerKind = 'SETTLEMENT' | 'EXTERNAL';

export interface Schedule {
  disposalCode: DisposalCode;
  retentionYears: number | null;
  fixedDisposalYear: number | null;
  triggerKind: TriggerKind;
}

export interface Retention {
  disposalCode: DisposalCode | null;
  retentionYears: number | null;
  disposalYear: number | null;
}

export const NO_RETENTION: Retention = { disposalCode: null, retentionYears: null, disposalYear: null };

const PRAGUE_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Prague', year: 'numeric' });

/** The calendar year in Czech time: 2026-12-31T23:30Z is already 2027 in Prague. Days (YYYY-MM-DD) are taken as they are. */
export function czechYear(at: Date | string): number {
  if (typeof at === 'string') return Number(at.slice(0, 4));
  return Number(PRAGUE_YEAR.format(at));
}

const PRAGUE_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in Czech time. */
export function czechDay(at: Date): string {
  return PRAGUE_DAY.format(at);
}

/** disposalYear = triggerYear + 1 + retentionYears, or the fixed year; null while the trigger year is unknown. */
export function disposalYearOf(schedule: Schedule, triggerYear: number | null): number | null {
  if (schedule.fixedDisposalYear != null) return schedule.fixedDisposalYear;
  if (triggerYear == null || schedule.retentionYears == null) return null;
  return triggerYear + 1 + schedule.retentionYears;
}

/** The year the period starts from: settlement/closure day for SETTLEMENT, the entered date for EXTERNAL. */
export function triggerYearOf(schedule: Schedule, settledOrClosedOn: string | null, triggerEventOn: string | null): number | null {
  const day = schedule.triggerKind === 'SETTLEMENT' ? settledOrClosedOn : triggerEventOn;
  return day ? czechYear(day) : null;
}

export interface DocumentFacts {
  schedule: Schedule | null;
  /** Settlement day (YYYY-MM-DD); null while unsettled. */
  settledOn: string | null;
  triggerEventOn: string | null;
}

/** A document's retention. Without a schedule (unclassified) it has none. */
export function documentRetention(d: DocumentFacts): Retention {
  if (!d.schedule) return NO_RETENTION;
  return {
    disposalCode: d.schedule.disposalCode,
    retentionYears: d.schedule.retentionYears,
    disposalYear: disposalYearOf(d.schedule, triggerYearOf(d.schedule, d.settledOn, d.triggerEventOn)),
  };
}

const STRENGTH: Record<DisposalCode, number> = { A: 3, V: 2, S: 1 };

/** The strongest code (A > V > S), or null for none. */
export function strongestCode(codes: (DisposalCode | null | undefined)[]): DisposalCode | null {
  let best: DisposalCode | null = null;
  for (const c of codes) if (c && (!best || STRENGTH[c] > STRENGTH[best])) best = c;
  return best;
}

export interface CaseFileFacts {
  schedule: Schedule | null;
  /** Closure day (YYYY-MM-DD); null while open. */
  closedOn: string | null;
  triggerEventOn: string | null;
  /** Its documents (cancelled ones excluded by the caller). */
  documents: {
    schedule: Schedule | null;
    /** deliveredAt of a received document, else its creation (or registration) time. */
    deliveredOrCreatedAt: Date;
  }[];
}

/**
 * A case file's retention (§5.3, obs65 and obs67): the latest disposal year over the case file itself and its
 * documents, the strongest code, the longest period. No disposal year until the case file's own trigger is
 * known (closure, or the external date entered): its documents alone never make a case file due.
 */
export function caseFileRetention(c: CaseFileFacts): Retention {
  if (!c.schedule) return NO_RETENTION;
  const own = disposalYearOf(c.schedule, triggerYearOf(c.schedule, c.closedOn, c.triggerEventOn));
  let disposalYear = own;
  if (own != null) {
    for (const d of c.documents) {
      if (!d.schedule) continue;
      const year = d.schedule.fixedDisposalYear ?? (d.schedule.retentionYears == null ? null : czechYear(d.deliveredOrCreatedAt) + 1 + d.schedule.retentionYears);
      if (year != null && year > disposalYear!) disposalYear = year;
    }
  }
  const periods = [c.schedule.retentionYears, ...c.documents.map((d) => d.schedule?.retentionYears ?? null)].filter((y): y is number => y != null);
  return {
    disposalCode: strongestCode([c.schedule.disposalCode, ...c.documents.map((d) => d.schedule?.disposalCode)]),
    retentionYears: periods.length ? Math.max(...periods) : null,
    disposalYear,
  };
}
