import { FORECAST_KEY_LENGTH, forecastKey, naturalKey } from './forecast-key';

/** The order people read filing codes and reference numbers in (what the forecast sorted by before it was paged). */
const natural = new Intl.Collator('cs', { numeric: true, sensitivity: 'variant' });
const sortedBy = <T>(items: T[], compare: (a: T, b: T) => number) => [...items].sort(compare);
const byKey = (f: (s: string) => string) => (a: string, b: string) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);

describe('forecast keys', () => {
  const codes = [
    '101',
    '51.1',
    '51',
    '51.2',
    '52.1',
    '54.4.2',
    '54.4',
    '54.10',
    '5',
    '98',
    '99',
    '178',
    '1.1.1',
    'A1',
    'A10',
    'A2',
    'B',
    'a.b',
    'ab',
  ];
  const references = [
    'MBK 17/2026',
    'MBK 2/2026',
    'MBK 2/2025',
    'MBK 10/2025',
    'MBK 100/2026',
    'FP-0017/2026',
    'FP-0002/2026',
    'FP-0100/2025',
    'OUADA 1/2026',
    'MBKX04AHNVG7',
    'MBK 007/2026',
  ];

  it.each([
    ['filing codes', codes],
    ['reference numbers', references],
  ])('order %s as a numeric collator does', (_, items) => {
    expect(sortedBy(items, byKey(naturalKey))).toEqual(
      sortedBy(items, (a, b) => natural.compare(a, b) || (a < b ? -1 : 1)),
    );
  });

  it('treats every separator alike (a plan has one: space, -, / or .)', () => {
    expect(new Set(['51.1', '51 1', '51-1', '51/1'].map(naturalKey)).size).toBe(1);
  });

  it('orders by filing code first: a code comes before its sub-codes, whatever the reference numbers', () => {
    const entries: [string, string][] = [
      ['51.1', 'MBK 1/2020'],
      ['51', 'MBK 99/2026'],
      ['101', 'MBK 1/2020'],
      ['51.1', 'MBK 10/2020'],
      ['51.1', 'MBK 9/2020'],
    ];
    const sorted = sortedBy(entries, (a, b) => (forecastKey(...a) < forecastKey(...b) ? -1 : 1));
    expect(sorted).toEqual([
      ['51', 'MBK 99/2026'],
      ['51.1', 'MBK 1/2020'],
      ['51.1', 'MBK 9/2020'],
      ['51.1', 'MBK 10/2020'],
      ['101', 'MBK 1/2020'],
    ]);
  });

  it('uses only digits and lower-case letters (the same order on SQLite, MariaDB unicode_ci and in JavaScript), and fits the column', () => {
    for (const [code, ref] of [
      ['52.1', 'MBK 5/2041'],
      ['Ž-1 č.2', 'ŘÍP 3/2026'],
      ['', 'MBKX04AHNVG7'],
    ])
      expect(forecastKey(code, ref)).toMatch(/^[0-9a-z]+$/);
    expect(forecastKey('9.'.repeat(200), 'MBK 1/2026')).toHaveLength(FORECAST_KEY_LENGTH);
    expect(forecastKey('52.1', 'MBK 5/2041')).toBe('2252' + '1' + '211' + '0' + 'mbk' + '1' + '215' + '1' + '242041');
  });
});
