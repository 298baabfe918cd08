import {
  caseFileRetention,
  czechDay,
  czechYear,
  documentRetention,
  isCalendarTriggerEvent,
  isVAllowedOn,
  strongestCode,
  triggerYearShown,
  type CaseFileFacts,
  type Schedule,
} from './retention';

const schedule = (
  disposalCode: Schedule['disposalCode'],
  retentionYears: number | null,
  extra: Partial<Schedule> = {},
): Schedule => ({
  disposalCode,
  retentionYears,
  fixedDisposalYear: null,
  triggerKind: 'SETTLEMENT',
  ...extra,
});

describe('document retention (disposalYear = triggerYear + 1 + retentionYears)', () => {
  it.each([
    // [case, schedule, settledOn, triggerEventOn, expected disposalYear]
    ['settled mid-year, S/5', schedule('S', 5), '2026-06-15', null, 2032],
    ['settled on 1 January', schedule('A', 10), '2026-01-01', null, 2037],
    ['settled on 31 December: still that year', schedule('S', 5), '2026-12-31', null, 2032],
    ['retention 0: disposal the next year', schedule('S', 0), '2026-03-01', null, 2027],
    ['retention 999', schedule('A', 999), '2026-03-01', null, 3026],
    ['not settled yet: no disposal year', schedule('S', 5), null, null, null],
    [
      'external trigger not entered yet: none, although settled',
      schedule('S', 5, { triggerKind: 'EXTERNAL' }),
      '2026-03-01',
      null,
      null,
    ],
    [
      'external trigger entered: counts from its year, not settlement',
      schedule('S', 5, { triggerKind: 'EXTERNAL' }),
      '2026-03-01',
      '2029-09-30',
      2035,
    ],
    [
      'domain.md §7.3: invoice 2025, S/5, end of accounting period 2025',
      schedule('S', 5, { triggerKind: 'CALENDAR_YEAR_END' }),
      '2025-04-02',
      null,
      2031,
    ],
    [
      'calendar trigger: computed from the settlement year, nothing entered',
      schedule('S', 30, { triggerKind: 'CALENDAR_YEAR_END' }),
      '2026-12-31',
      null,
      2057,
    ],
    [
      'calendar trigger: an entered date is ignored',
      schedule('S', 5, { triggerKind: 'CALENDAR_YEAR_END' }),
      '2026-03-01',
      '2029-12-31',
      2032,
    ],
    [
      'calendar trigger: none before settlement',
      schedule('S', 5, { triggerKind: 'CALENDAR_YEAR_END' }),
      null,
      null,
      null,
    ],
    ['fixed disposal year wins, even unsettled', schedule('S', null, { fixedDisposalYear: 2040 }), null, null, 2040],
  ])('%s', (_, s, settledOn, triggerEventOn, expected) => {
    expect(documentRetention({ schedule: s, settledOn, triggerEventOn }).disposalYear).toBe(expected);
  });

  it('an unclassified document has no retention', () => {
    expect(documentRetention({ schedule: null, settledOn: '2026-01-01', triggerEventOn: null })).toEqual({
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
    });
  });

  it('reports the code and period of its schedule', () => {
    expect(documentRetention({ schedule: schedule('A', 10), settledOn: '2026-05-05', triggerEventOn: null })).toEqual({
      disposalCode: 'A',
      retentionYears: 10,
      disposalYear: 2037,
    });
  });
});

describe('czech calendar', () => {
  it.each([
    ['2026-12-31T22:59:59Z', 2026, '2026-12-31'], // 23:59:59 in Prague (CET, UTC+1)
    ['2026-12-31T23:00:00Z', 2027, '2027-01-01'], // midnight in Prague
    ['2026-06-30T22:30:00Z', 2026, '2026-07-01'], // summer time, UTC+2
  ])('%s is year %i, day %s in Prague', (iso, year, day) => {
    expect(czechYear(new Date(iso))).toBe(year);
    expect(czechDay(new Date(iso))).toBe(day);
  });
});

describe('strongest code (A > V > S)', () => {
  it.each([
    [['S', 'A', 'V'], 'A'],
    [['S', 'V'], 'V'],
    [['S', 'S'], 'S'],
    [[null, 'S'], 'S'],
    [[], null],
  ] as const)('%j → %s', (codes, expected) => {
    expect(strongestCode([...codes])).toBe(expected);
  });
});

describe('case file retention: closure year + 1 + the longest period, strongest code, never before a document', () => {
  const at = (iso: string) => new Date(iso);
  const doc = (
    s: Schedule | null,
    deliveredOrCreatedAt: string,
    settledOn: string | null = null,
    triggerEventOn: string | null = null,
  ) => ({
    schedule: s,
    deliveredOrCreatedAt: at(deliveredOrCreatedAt),
    settledOn,
    triggerEventOn,
  });
  const cf = (
    s: Schedule | null,
    closedOn: string | null,
    documents: CaseFileFacts['documents'] = [],
    triggerEventOn: string | null = null,
  ): CaseFileFacts => ({
    schedule: s,
    closedOn,
    triggerEventOn,
    documents,
  });
  // [case, facts, disposalCode, retentionYears, triggerYear shown, disposalYear]
  it.each<[string, CaseFileFacts, string | null, number | null, number | null, number | null]>([
    ['the case file alone', cf(schedule('S', 5), '2026-10-01'), 'S', 5, 2026, 2032],
    [
      'issue 10: closed 2027 holding an S/10 document from 2026 is due 2038, not 2037',
      cf(schedule('S', 5), '2027-02-10', [doc(schedule('S', 10), '2026-05-04T08:00:00Z', '2026-11-30')]),
      'S',
      10,
      2027,
      2038,
    ],
    [
      'the longest period counts from the closure year, the strongest code wins',
      cf(schedule('S', 5), '2026-10-01', [
        doc(schedule('S', 5), '2026-02-01T10:00:00Z', '2026-03-01'),
        doc(schedule('A', 10), '2025-05-01T10:00:00Z', '2025-06-01'),
      ]),
      'A',
      10,
      2026,
      2037,
    ],
    [
      'the case file’s own period is the longest',
      cf(schedule('A', 20), '2026-10-01', [doc(schedule('S', 5), '2026-02-01T10:00:00Z', '2026-03-01')]),
      'A',
      20,
      2026,
      2047,
    ],
    [
      'a document delivered at 23:30 UTC on 31 December (00:30 in Prague) belongs to the next year',
      cf(schedule('S', 1), '2027-01-10', [doc(schedule('S', 10), '2026-12-31T23:30:00Z', '2027-01-05')]),
      'S',
      10,
      2027,
      2038,
    ],
    [
      'closed at the last day of the year counts from that year',
      cf(schedule('S', 5), '2026-12-31', [doc(schedule('S', 10), '2026-01-01T10:00:00Z', '2026-12-31')]),
      'S',
      10,
      2026,
      2037,
    ],
    [
      'V beats S but not A',
      cf(schedule('S', 5), '2026-10-01', [doc(schedule('V', 5), '2026-02-01T10:00:00Z', '2026-03-01')]),
      'V',
      5,
      2026,
      2032,
    ],
    [
      'A beats V',
      cf(schedule('V', 5), '2026-10-01', [doc(schedule('A', 5), '2026-02-01T10:00:00Z', '2026-03-01')]),
      'A',
      5,
      2026,
      2032,
    ],
    [
      'unclassified documents are ignored',
      cf(schedule('A', 10), '2026-10-01', [doc(null, '2026-02-01T10:00:00Z')]),
      'A',
      10,
      2026,
      2037,
    ],
    [
      'still open: code and longest period known, no disposal year yet',
      cf(schedule('A', 10), null, [doc(schedule('S', 50), '2026-02-01T10:00:00Z', '2026-03-01')]),
      'A',
      50,
      null,
      null,
    ],
    [
      'external trigger of the case file: none until entered',
      cf(schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2026-10-01'),
      'S',
      5,
      null,
      null,
    ],
    [
      'external trigger of the case file: then from its year',
      cf(schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2026-10-01', [], '2028-06-30'),
      'S',
      5,
      2028,
      2034,
    ],
    [
      'external trigger entered: the longest period counts from it',
      cf(
        schedule('S', 5, { triggerKind: 'EXTERNAL' }),
        '2026-10-01',
        [doc(schedule('S', 10), '2026-02-01T10:00:00Z', '2026-03-01')],
        '2028-06-30',
      ),
      'S',
      10,
      2028,
      2039,
    ],
    [
      'calendar trigger of the case file: the closure year, nothing entered',
      cf(schedule('S', 5, { triggerKind: 'CALENDAR_YEAR_END' }), '2026-10-01'),
      'S',
      5,
      2026,
      2032,
    ],
    [
      'a document whose own external trigger is later governs: its year and figures are shown',
      cf(schedule('S', 10), '2027-02-10', [
        doc(schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2026-02-01T10:00:00Z', '2026-03-01', '2035-06-30'),
      ]),
      'S',
      5,
      2035,
      2041,
    ],
    [
      'a document’s external trigger not entered yet does not hold the case file back',
      cf(schedule('S', 5), '2027-02-10', [
        doc(schedule('S', 10, { triggerKind: 'EXTERNAL' }), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'S',
      10,
      2027,
      2038,
    ],
    [
      'a document with a fixed disposal year beyond the sum governs: a fixed year, no period shown',
      cf(schedule('S', 5), '2026-10-01', [
        doc(schedule('S', null, { fixedDisposalYear: 2050 }), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'S',
      null,
      null,
      2050,
    ],
    [
      'a document’s fixed year before the sum does not shorten it',
      cf(schedule('S', 5), '2026-10-01', [
        doc(schedule('S', null, { fixedDisposalYear: 2028 }), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'S',
      5,
      2026,
      2032,
    ],
    [
      'the case file’s fixed year overrides the sum (later)',
      cf(schedule('A', null, { fixedDisposalYear: 2045 }), '2026-10-01', [
        doc(schedule('S', 10), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'A',
      null,
      null,
      2045,
    ],
    [
      'the case file’s fixed year overrides the sum (earlier)',
      cf(schedule('S', null, { fixedDisposalYear: 2030 }), '2026-10-01', [
        doc(schedule('S', 1), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'S',
      null,
      null,
      2030,
    ],
    [
      'the case file’s fixed year, but never before a document’s own year',
      cf(schedule('S', null, { fixedDisposalYear: 2030 }), '2026-10-01', [
        doc(schedule('S', 10), '2026-02-01T10:00:00Z', '2026-03-01'),
      ]),
      'S',
      10,
      2026,
      2037,
    ],
    [
      'a fixed year is known while still open',
      cf(schedule('S', null, { fixedDisposalYear: 2040 }), null),
      'S',
      null,
      null,
      2040,
    ],
  ])('%s', (_, facts, disposalCode, retentionYears, triggerYear, disposalYear) => {
    const r = caseFileRetention(facts);
    expect(r).toEqual({ disposalCode, retentionYears, disposalYear });
    expect(triggerYearShown(r)).toBe(triggerYear);
  });

  it('an unclassified case file has no retention', () => {
    expect(caseFileRetention(cf(null, '2026-01-01')).disposalYear).toBeNull();
  });
});

describe('ZAF obs66: V only for what is settled or closed by 31 December 2026', () => {
  it.each([
    ['2026-12-31', true],
    ['2027-01-01', false],
    ['2020-05-05', true],
    ['2031-12-31', false],
  ])('%s → %s', (day, allowed) => {
    expect(isVAllowedOn(day)).toBe(allowed);
  });
});

describe('calendar trigger events', () => {
  it.each([
    ['konec kalendářního roku', true],
    ['Konec účetního období', true],
    ['  konec  ucetniho obdobi ', true],
    ['ukončení platnosti smlouvy', false],
    ['vyřízení/uzavření', false],
  ])('%s → %s', (text, calendar) => {
    expect(isCalendarTriggerEvent(text)).toBe(calendar);
  });
});
