/**
 * Retention arithmetic, exactly as domain.md §5.3 (NSESSS rules obs64–obs67): pure functions, no I/O, so the
 * archive validator's rules can be tested table by table.
 *
 * - Document: disposalYear = triggerYear + 1 + retentionYears (the period runs from 1 January after the
 *   trigger; disposal happens in that year). A fixed disposal year (rok vyřazení, RokVyrazeni) replaces the sum.
 * - Case file: closure (trigger) year + 1 + the LONGEST period among itself and its documents, with the
 *   strongest code A > V > S (obs67); never earlier than any of its documents' own years (obs65 checks every
 *   child). A fixed year of the case file's own schedule replaces the sum, still bounded by its documents.
 * - Triggers: SETTLEMENT counts from the year of settlement (document) or closure (case file);
 *   CALENDAR_YEAR_END ("konec kalendářního roku", "konec účetního období": a municipality's accounting period
 *   is the calendar year) from 31 December of that same year, so the same year, with nothing to enter;
 *   EXTERNAL (an event outside the hub) from the year of the entered date, and until it is entered there is no
 *   disposal year.
 */

/** Skartační znak: A = archive, S = destroy, V = decide at disposal (legacy). */
export type DisposalCode = 'A' | 'S' | 'V';
/** What starts the retention period (spouštěcí událost). */
export type TriggerKind = 'SETTLEMENT' | 'CALENDAR_YEAR_END' | 'EXTERNAL';

export const TRIGGER_KINDS: TriggerKind[] = ['SETTLEMENT', 'CALENDAR_YEAR_END', 'EXTERNAL'];

/**
 * Trigger events (folded: lower case, no diacritics) that are the end of a calendar year: the hub knows their
 * date (31 December of the year of settlement or closure), so nobody has to enter it. The accounting period
 * (účetní období) of a municipality is the calendar year (zákon 563/1991 Sb., § 3).
 */
export const CALENDAR_TRIGGER_EVENTS = ['konec kalendarniho roku', 'konec ucetniho obdobi'];

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');

/** Whether a trigger event in words is the end of a calendar (or accounting) year. */
export const isCalendarTriggerEvent = (triggerEvent: string) => CALENDAR_TRIGGER_EVENTS.includes(fold(triggerEvent));

export interface Schedule {
  disposalCode: DisposalCode;
  retentionYears: number | null;
  fixedDisposalYear: number | null;
  triggerKind: TriggerKind;
}

/**
 * The figures stored and shown for a document or case file. They always agree: disposalYear = triggerYear + 1 +
 * retentionYears, or, when a fixed year governs, retentionYears is null and disposalYear is that year. Before
 * the trigger is known, disposalYear is null and retentionYears is the period that will apply.
 */
export interface Retention {
  disposalCode: DisposalCode | null;
  retentionYears: number | null;
  disposalYear: number | null;
}

export const NO_RETENTION: Retention = { disposalCode: null, retentionYears: null, disposalYear: null };

/** The year the shown period counts from: disposalYear − 1 − retentionYears; null without both (or under a fixed year). */
export function triggerYearShown(r: Retention): number | null {
  return r.disposalYear == null || r.retentionYears == null ? null : r.disposalYear - 1 - r.retentionYears;
}

const PRAGUE_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Prague', year: 'numeric' });

/** The calendar year in Czech time: 2026-12-31T23:30Z is already 2027 in Prague. Days (YYYY-MM-DD) are taken as they are. */
export function czechYear(at: Date | string): number {
  if (typeof at === 'string') return Number(at.slice(0, 4));
  return Number(PRAGUE_YEAR.format(at));
}

const PRAGUE_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

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

/**
 * The year the period starts from: the settlement/closure day's year for SETTLEMENT and CALENDAR_YEAR_END (the
 * end of that year), the entered date's year for EXTERNAL.
 */
export function triggerYearOf(
  schedule: Schedule,
  settledOrClosedOn: string | null,
  triggerEventOn: string | null,
): number | null {
  const day = schedule.triggerKind === 'EXTERNAL' ? triggerEventOn : settledOrClosedOn;
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

export interface CaseFileDocumentFacts {
  schedule: Schedule | null;
  /** deliveredAt of a received document, else its creation (or registration) time. */
  deliveredOrCreatedAt: Date;
  settledOn: string | null;
  triggerEventOn: string | null;
}

export interface CaseFileFacts {
  schedule: Schedule | null;
  /** Closure day (YYYY-MM-DD); null while open. */
  closedOn: string | null;
  triggerEventOn: string | null;
  /** Its documents (cancelled ones excluded by the caller). */
  documents: CaseFileDocumentFacts[];
}

/** A candidate disposal year and the figures that explain it (retentionYears null: a fixed year). */
interface Candidate {
  disposalYear: number;
  retentionYears: number | null;
}

/**
 * A case file's retention (§5.3, obs65, obs67): the strongest code over itself and its documents; the disposal
 * year is its trigger year (closure, or the entered external date) + 1 + the longest period among itself and its
 * documents, or its own fixed year instead; never earlier than any document's own year (its own trigger, or its
 * delivery/creation year as the archive's obs65 counts it, + 1 + its period; or its fixed year). No disposal
 * year until the case file's own trigger is known (or it has a fixed year): its documents alone never make a
 * case file due. The shown period is the one that explains the year: the longest one, unless a document's
 * later trigger or a fixed year governs.
 */
export function caseFileRetention(c: CaseFileFacts): Retention {
  if (!c.schedule) return NO_RETENTION;
  const disposalCode = strongestCode([c.schedule.disposalCode, ...c.documents.map((d) => d.schedule?.disposalCode)]);
  const periods = [c.schedule.retentionYears, ...c.documents.map((d) => d.schedule?.retentionYears ?? null)].filter(
    (y): y is number => y != null,
  );
  const longest = periods.length ? Math.max(...periods) : null;

  let own: Candidate | null = null;
  if (c.schedule.fixedDisposalYear != null) {
    own = { disposalYear: c.schedule.fixedDisposalYear, retentionYears: null };
  } else {
    const triggerYear = triggerYearOf(c.schedule, c.closedOn, c.triggerEventOn);
    if (triggerYear != null && longest != null)
      own = { disposalYear: triggerYear + 1 + longest, retentionYears: longest };
  }
  if (!own) return { disposalCode, retentionYears: longest, disposalYear: null };

  // The first candidate with the latest year wins: ties go to the case file's own figures.
  let best: Candidate = own;
  const consider = (k: Candidate | null) => {
    if (k && k.disposalYear > best.disposalYear) best = k;
  };
  for (const d of c.documents) {
    const s = d.schedule;
    if (!s) continue;
    if (s.fixedDisposalYear != null) {
      consider({ disposalYear: s.fixedDisposalYear, retentionYears: null });
      continue;
    }
    if (s.retentionYears == null) continue;
    const trigger = triggerYearOf(s, d.settledOn, d.triggerEventOn);
    if (trigger != null) consider({ disposalYear: trigger + 1 + s.retentionYears, retentionYears: s.retentionYears });
    consider({
      disposalYear: czechYear(d.deliveredOrCreatedAt) + 1 + s.retentionYears,
      retentionYears: s.retentionYears,
    });
  }
  return { disposalCode, retentionYears: best.retentionYears, disposalYear: best.disposalYear };
}

/**
 * ZAF obs66: a Dil, Spis or Dokument settled or closed after 31 December 2026 has the disposal code A or S, never
 * V (decree 259/2012 as amended by 96/2023). Days are YYYY-MM-DD in the Czech calendar.
 */
export const LAST_DAY_OF_V = '2026-12-31';

export const isVAllowedOn = (day: string) => day <= LAST_DAY_OF_V;
