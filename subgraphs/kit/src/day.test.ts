import { isCalendarDay, parseDay } from './day';

describe('the one day check', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31', '0001-01-01'])('%s is a day', (day) => {
    expect(isCalendarDay(day)).toBe(true);
    expect(parseDay(day, 'dueOn')).toBe(day);
  });
  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    '',
    ' 2026-01-01',
  ])('%p is not', (day) => {
    expect(isCalendarDay(day)).toBe(false);
    expect(() => parseDay(day, 'dueOn')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'dueOn' }) }),
    );
  });
});
