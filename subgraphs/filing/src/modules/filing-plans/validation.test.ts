import { activeCodeKey, compareFullCodes, composeFullCode } from './codes';
import { DEMO_PLAN_INNER, DEMO_PLAN_LEAVES } from './demo-plan';
import { parseDay } from '@hub/kit';
import { simpleCode, validatePlanInput, validateSchedule } from './validation';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('filing plan input rules (pure)', () => {
  it.each(['2024-02-29', '2026-01-01', '2026-12-31', '1900-01-01'])('accepts the day %s', (day) => {
    expect(parseDay(day, 'validFrom')).toBe(day);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-1',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026/01/01',
    '20260101',
    '',
  ])('refuses the day "%s"', (day) => {
    expect(codeOf(() => parseDay(day, 'validTo'))).toEqual({ code: 'BAD_USER_INPUT', field: 'validTo' });
  });

  it('defaults a plan to non-legacy with "." and checks the interval', () => {
    expect(validatePlanInput({ name: ' Plán ', validFrom: '2026-01-01' })).toEqual({
      name: 'Plán',
      validFrom: '2026-01-01',
      validTo: null,
      legacy: false,
      separator: '.',
    });
    expect(
      validatePlanInput({ name: 'P', validFrom: '2026-01-01', validTo: '2026-01-01', separator: ' ' }).validTo,
    ).toBe('2026-01-01');
    expect(codeOf(() => validatePlanInput({ name: 'P', validFrom: '2026-01-02', validTo: '2026-01-01' }))?.field).toBe(
      'validTo',
    );
  });

  it('takes codes of letters and digits without separators', () => {
    expect(simpleCode(' 54 ')).toBe('54');
    expect(simpleCode('Č12a')).toBe('Č12a');
    for (const bad of ['5.4', '5-4', '5/4', '5 4', '5_4', '5,4', '', 'x'.repeat(51), '²']) {
      expect(codeOf(() => simpleCode(bad))).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    }
  });

  it('fills in schedule defaults and requires exactly one period form', () => {
    expect(validateSchedule({ disposalCode: 'S', retentionYears: 0 })).toEqual({
      disposalCode: 'S',
      retentionYears: 0,
      fixedDisposalYear: null,
      triggerKind: 'SETTLEMENT',
      triggerEvent: 'vyřízení/uzavření',
      triggerCheckYears: null,
    });
    expect(
      validateSchedule({
        disposalCode: 'A',
        fixedDisposalYear: 3000,
        triggerKind: 'EXTERNAL',
        triggerEvent: ' ztráta platnosti ',
        triggerCheckYears: 100,
      }),
    ).toEqual({
      disposalCode: 'A',
      retentionYears: null,
      fixedDisposalYear: 3000,
      triggerKind: 'EXTERNAL',
      triggerEvent: 'ztráta platnosti',
      triggerCheckYears: 100,
    });
    expect(codeOf(() => validateSchedule({ disposalCode: 'S', retentionYears: 1.5 }))?.field).toBe(
      'retentionSchedule.retentionYears',
    );
    expect(codeOf(() => validateSchedule({ disposalCode: 'S', fixedDisposalYear: 3001 }))?.field).toBe(
      'retentionSchedule.fixedDisposalYear',
    );
    expect(
      codeOf(() => validateSchedule({ disposalCode: 'S', retentionYears: 5, triggerEvent: 'x'.repeat(201) }))?.field,
    ).toBe('retentionSchedule.triggerEvent');
  });

  it.each<[string, Record<string, unknown>, string | null, string]>([
    // [case, input besides code and period, expected triggerKind (null: refused), expected triggerEvent / refused field]
    [
      'a calendar event without a kind is CALENDAR_YEAR_END',
      { triggerEvent: 'konec účetního období' },
      'CALENDAR_YEAR_END',
      'konec účetního období',
    ],
    [
      'CALENDAR_YEAR_END without an event says which',
      { triggerKind: 'CALENDAR_YEAR_END' },
      'CALENDAR_YEAR_END',
      'konec kalendářního roku',
    ],
    [
      'CALENDAR_YEAR_END with its own words',
      { triggerKind: 'CALENDAR_YEAR_END', triggerEvent: 'konec roku' },
      'CALENDAR_YEAR_END',
      'konec roku',
    ],
    [
      'a calendar event as EXTERNAL is refused: nobody would enter its date',
      { triggerKind: 'EXTERNAL', triggerEvent: 'Konec kalendářního roku' },
      null,
      'retentionSchedule.triggerKind',
    ],
    [
      'a truly external event stays EXTERNAL',
      { triggerKind: 'EXTERNAL', triggerEvent: 'ukončení nájmu' },
      'EXTERNAL',
      'ukončení nájmu',
    ],
  ])('trigger kinds: %s', (_, input, triggerKind, eventOrField) => {
    const full = { disposalCode: 'S' as const, retentionYears: 5, ...input };
    if (triggerKind === null) {
      expect(codeOf(() => validateSchedule(full))).toEqual({ code: 'BAD_USER_INPUT', field: eventOrField });
    } else {
      expect(validateSchedule(full)).toMatchObject({ triggerKind, triggerEvent: eventOrField });
    }
  });

  it('orders full codes level by level, numbers by value', () => {
    const codes = ['101', '54.4.2', '51', '99', '54', '51.10', '51.2', '54.4', 'A1', '55', '5'];
    expect([...codes].sort(compareFullCodes)).toEqual([
      '5',
      '51',
      '51.2',
      '51.10',
      '54',
      '54.4',
      '54.4.2',
      '55',
      '99',
      '101',
      'A1',
    ]);
    expect(compareFullCodes('1/2', '1/10')).toBeLessThan(0);
    expect(compareFullCodes('1 2', '12')).toBeLessThan(0);
  });

  it('composes full codes and folds the unique key', () => {
    expect(composeFullCode(null, '/', '7')).toBe('7');
    expect(composeFullCode('54.4', '.', '2')).toBe('54.4.2');
    expect(activeCodeKey('p', 'Č1.A')).toBe(activeCodeKey('p', 'c1.a'));
    expect(activeCodeKey('p', '1')).not.toBe(activeCodeKey('q', '1'));
  });

  it('keeps the demo table consistent: 29 leaves of §7.3 (A/S only) and the 6 inner nodes they need', () => {
    expect(DEMO_PLAN_LEAVES).toHaveLength(29);
    expect(DEMO_PLAN_INNER.map(([c]) => c)).toEqual(['51', '52', '53', '54', '54.4', '56']);
    for (const [code, , disposal] of DEMO_PLAN_LEAVES) {
      expect(['A', 'S']).toContain(disposal);
      const parent = code.split('.').slice(0, -1).join('.');
      if (parent) expect(DEMO_PLAN_INNER.map(([c]) => c)).toContain(parent);
    }
  });
});
