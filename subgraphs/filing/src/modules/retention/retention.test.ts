import { caseFileRetention, czechDay, czechYear, documentRetention, strongestCode, type Schedule } from './retention';

const schedule = (disposalCode: Schedule['disposalCode'], retentionYears: number | null, extra: Partial<Schedule> = {}): Schedule => ({
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
    ['external trigger not entered yet: none, although settled', schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2026-03-01', null, null],
    ['external trigger entered: counts from its year, not settlement', schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2026-03-01', '2029-09-30', 2035],
    ['domain.md §7.3: invoice 2025, S/5, end of accounting period 2025', schedule('S', 5, { triggerKind: 'EXTERNAL' }), '2025-04-02', '2025-12-31', 2031],
    ['fixed disposal year wins, even unsettled', schedule('S', null, { fixedDisposalYear: 2040 }), null, null, 2040],
  ])('%s', (_, s, settledOn, triggerEventOn, expected) => {
    expect(documentRetention({ schedule: s, settledOn, triggerEventOn }).disposalYear).toBe(expected);
  });

  it('an unclassified document has no retention', () => {
    expect(documentRetention({ schedule: null, settledOn: '2026-01-01', triggerEventOn: null })).toEqual({ disposalCode: null, retentionYears: null, disposalYear: null });
  });

  it('reports the code and period of its schedule', () => {
    expect(documentRetention({ schedule: schedule('A', 10), settledOn: '2026-05-05', triggerEventOn: null })).toEqual({ disposalCode: 'A', retentionYears: 10, disposalYear: 2037 });
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

describe('case file retention: the latest year and the strongest code over itself and its documents', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    [
      'the case file alone',
      { schedule: schedule('S', 5), closedOn: '2026-10-01', triggerEventOn: null, documents: [] },
      { disposalCode: 'S', retentionYears: 5, disposalYear: 2032 },
    ],
    [
      'a document with a longer period pushes the year out',
      {
        schedule: schedule('S', 5),
        closedOn: '2026-10-01',
        triggerEventOn: null,
        documents: [
          { schedule: schedule('S', 5), deliveredOrCreatedAt: at('2026-02-01T10:00:00Z') },
          { schedule: schedule('A', 10), deliveredOrCreatedAt: at('2025-05-01T10:00:00Z') },
        ],
      },
      // own 2026+1+5 = 2032; documents 2026+1+5 = 2032 and 2025+1+10 = 2036
      { disposalCode: 'A', retentionYears: 10, disposalYear: 2036 },
    ],
    [
      'documents count from their delivery year, not the closure year',
      {
        schedule: schedule('S', 5),
        closedOn: '2030-01-15',
        triggerEventOn: null,
        documents: [{ schedule: schedule('S', 5), deliveredOrCreatedAt: at('2024-03-01T10:00:00Z') }],
      },
      { disposalCode: 'S', retentionYears: 5, disposalYear: 2036 },
    ],
    [
      'a document delivered at 23:30 UTC on 31 December (00:30 in Prague) belongs to the next year',
      {
        schedule: schedule('S', 1),
        closedOn: '2027-01-10',
        triggerEventOn: null,
        documents: [{ schedule: schedule('S', 10), deliveredOrCreatedAt: at('2026-12-31T23:30:00Z') }],
      },
      { disposalCode: 'S', retentionYears: 10, disposalYear: 2038 },
    ],
    [
      'V beats S but not A',
      {
        schedule: schedule('S', 5),
        closedOn: '2026-10-01',
        triggerEventOn: null,
        documents: [{ schedule: schedule('V', 5), deliveredOrCreatedAt: at('2026-02-01T10:00:00Z') }],
      },
      { disposalCode: 'V', retentionYears: 5, disposalYear: 2032 },
    ],
    [
      'unclassified documents are ignored',
      {
        schedule: schedule('A', 10),
        closedOn: '2026-10-01',
        triggerEventOn: null,
        documents: [{ schedule: null, deliveredOrCreatedAt: at('2026-02-01T10:00:00Z') }],
      },
      { disposalCode: 'A', retentionYears: 10, disposalYear: 2037 },
    ],
    [
      'still open: code and period known, no disposal year yet',
      { schedule: schedule('A', 10), closedOn: null, triggerEventOn: null, documents: [{ schedule: schedule('S', 50), deliveredOrCreatedAt: at('2026-02-01T10:00:00Z') }] },
      { disposalCode: 'A', retentionYears: 50, disposalYear: null },
    ],
    [
      'external trigger: none until entered, then from its year',
      { schedule: schedule('S', 5, { triggerKind: 'EXTERNAL' }), closedOn: '2026-10-01', triggerEventOn: '2028-06-30', documents: [] },
      { disposalCode: 'S', retentionYears: 5, disposalYear: 2034 },
    ],
    [
      'a document with a fixed disposal year beyond the case file’s',
      {
        schedule: schedule('S', 5),
        closedOn: '2026-10-01',
        triggerEventOn: null,
        documents: [{ schedule: schedule('S', null, { fixedDisposalYear: 2050 }), deliveredOrCreatedAt: at('2026-02-01T10:00:00Z') }],
      },
      { disposalCode: 'S', retentionYears: 5, disposalYear: 2050 },
    ],
  ])('%s', (_, facts, expected) => {
    expect(caseFileRetention(facts as never)).toEqual(expected);
  });

  it('an unclassified case file has no retention', () => {
    expect(caseFileRetention({ schedule: null, closedOn: '2026-01-01', triggerEventOn: null, documents: [] }).disposalYear).toBeNull();
  });

  it('external trigger not entered: no disposal year although closed', () => {
    expect(caseFileRetention({ schedule: schedule('S', 5, { triggerKind: 'EXTERNAL' }), closedOn: '2026-10-01', triggerEventOn: null, documents: [] }).disposalYear).toBeNull();
  });
});
