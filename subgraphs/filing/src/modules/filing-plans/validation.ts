import { badInput, parseDay } from '@hub/kit';
import type { CreateFilingPlanInput, RetentionScheduleInput } from '../../generated/graphql';
import { isCalendarTriggerEvent, type DisposalCode, type TriggerKind } from '../retention/retention';

/**
 * Pure input checks of the filing plan mutations (domain.md §2, §5.2, §5.3). Everything here runs before the
 * first database statement, so a refused request never opens a transaction.
 */

export const MAX_PLAN_NAME = 200;
export const MAX_NODE_NAME = 300;
/** Jednoduchý spisový znak ≤ 50, plně určený ≤ 255 (domain.md §2). */
export const MAX_CODE = 50;
export const MAX_FULL_CODE = 255;
export const SEPARATORS = [' ', '-', '/', '.'];
/** The default trigger event (spouštěcí událost) of a SETTLEMENT schedule. */
export const SETTLEMENT_TRIGGER_EVENT = 'vyřízení/uzavření';
/** The default trigger event of a CALENDAR_YEAR_END schedule. */
export const CALENDAR_YEAR_END_TRIGGER_EVENT = 'konec kalendářního roku';
export const MAX_TRIGGER_EVENT = 200;

function text(value: string, max: number, field: string): string {
  const t = value.trim();
  if (t.length === 0 || t.length > max) throw badInput(`${field} must be 1–${max} characters`, field);
  return t;
}

export const planName = (value: string) => text(value, MAX_PLAN_NAME, 'name');
export const nodeName = (value: string) => text(value, MAX_NODE_NAME, 'name');

export interface PlanFields {
  name: string;
  validFrom: string;
  validTo: string | null;
  legacy: boolean;
  separator: string;
}

export function validatePlanInput(input: CreateFilingPlanInput): PlanFields {
  const name = planName(input.name);
  const validFrom = parseDay(input.validFrom, 'validFrom');
  const validTo = input.validTo == null ? null : parseDay(input.validTo, 'validTo');
  if (validTo !== null && validTo < validFrom) throw badInput('validTo must not be before validFrom', 'validTo');
  const separator = input.separator ?? '.';
  if (!SEPARATORS.includes(separator)) {
    throw badInput('separator must be one of space, "-", "/" or "."', 'separator');
  }
  return { name, validFrom, validTo, legacy: input.legacy ?? false, separator };
}

const CODE = /^[\p{L}\p{Nd}]+$/u;

/**
 * A simple filing code: 1–50 letters and digits. No separator of any kind may occur in it, so the full code
 * splits back into its levels unambiguously (a code "1.2" in a plan separated by "." would read as two levels).
 */
export function simpleCode(value: string): string {
  const code = value.trim();
  if (code.length === 0 || code.length > MAX_CODE) throw badInput(`code must be 1–${MAX_CODE} characters`, 'code');
  if ([...code].some((c) => SEPARATORS.includes(c))) {
    throw badInput(
      `code "${code}" contains a separator (space, "-", "/", "."): give the code of this level only`,
      'code',
    );
  }
  if (!CODE.test(code)) throw badInput(`code "${code}" may contain letters and digits only`, 'code');
  return code;
}

/** The columns of a node's retention schedule (skartační režim); all null on a node without one. */
export interface ScheduleFields {
  disposalCode: DisposalCode | null;
  retentionYears: number | null;
  fixedDisposalYear: number | null;
  triggerKind: TriggerKind | null;
  triggerEvent: string | null;
  triggerCheckYears: number | null;
}

export const NO_SCHEDULE: ScheduleFields = {
  disposalCode: null,
  retentionYears: null,
  fixedDisposalYear: null,
  triggerKind: null,
  triggerEvent: null,
  triggerCheckYears: null,
};

const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks a schedule input and fills in the defaults (SETTLEMENT, "vyřízení/uzavření"; a calendar event such as
 * "konec účetního období" without a kind is CALENDAR_YEAR_END, and refused as EXTERNAL). Whether V is allowed
 * depends on the plan: see `checkDisposalCodeForPlan`.
 */
export function validateSchedule(input: RetentionScheduleInput): ScheduleFields {
  const f = 'retentionSchedule';
  const hasYears = input.retentionYears != null;
  const hasFixed = input.fixedDisposalYear != null;
  if (hasYears === hasFixed) {
    throw badInput(
      'Give exactly one of retentionYears and fixedDisposalYear',
      `${f}.${hasYears ? 'fixedDisposalYear' : 'retentionYears'}`,
    );
  }
  if (hasYears && !isInt(input.retentionYears!, 0, 999))
    throw badInput('retentionYears must be 0–999', `${f}.retentionYears`);
  if (hasFixed && !isInt(input.fixedDisposalYear!, 1900, 3000))
    throw badInput('fixedDisposalYear must be 1900–3000', `${f}.fixedDisposalYear`);
  const givenEvent = input.triggerEvent == null ? null : input.triggerEvent.trim();
  if (givenEvent != null && (givenEvent.length === 0 || givenEvent.length > MAX_TRIGGER_EVENT)) {
    throw badInput(`triggerEvent must be 1–${MAX_TRIGGER_EVENT} characters`, `${f}.triggerEvent`);
  }
  const calendarEvent = givenEvent != null && isCalendarTriggerEvent(givenEvent);
  // The end of a calendar or accounting year is no external event: the hub knows its date, nobody enters it.
  const triggerKind: TriggerKind = input.triggerKind ?? (calendarEvent ? 'CALENDAR_YEAR_END' : 'SETTLEMENT');
  if (triggerKind === 'EXTERNAL' && calendarEvent) {
    throw badInput(
      `"${givenEvent}" is the end of a calendar year, which the hub computes: use triggerKind CALENDAR_YEAR_END`,
      `${f}.triggerKind`,
    );
  }
  let triggerEvent: string;
  if (givenEvent != null) {
    triggerEvent = givenEvent;
  } else if (triggerKind === 'EXTERNAL') {
    throw badInput(
      'An EXTERNAL trigger needs triggerEvent: the event in words, e.g. "ztráta platnosti"',
      `${f}.triggerEvent`,
    );
  } else {
    triggerEvent = triggerKind === 'CALENDAR_YEAR_END' ? CALENDAR_YEAR_END_TRIGGER_EVENT : SETTLEMENT_TRIGGER_EVENT;
  }
  if (input.triggerCheckYears != null && !isInt(input.triggerCheckYears, 1, 100)) {
    throw badInput('triggerCheckYears must be 1–100', `${f}.triggerCheckYears`);
  }
  return {
    disposalCode: input.disposalCode,
    retentionYears: hasYears ? input.retentionYears! : null,
    fixedDisposalYear: hasFixed ? input.fixedDisposalYear! : null,
    triggerKind,
    triggerEvent,
    triggerCheckYears: input.triggerCheckYears ?? null,
  };
}

/** Plans after decree 96/2023 use only A and S; V is left to legacy plans (domain.md §5.3). */
export function checkDisposalCodeForPlan(schedule: ScheduleFields, plan: { legacy: boolean; name: string }): void {
  if (schedule.disposalCode === 'V' && !plan.legacy) {
    throw badInput(
      `Disposal code V is allowed in legacy plans only; ${plan.name} takes A or S`,
      'retentionSchedule.disposalCode',
    );
  }
}
