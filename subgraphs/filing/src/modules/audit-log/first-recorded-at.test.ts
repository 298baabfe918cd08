import { czechDay } from './days';
import { firstRecordedAt } from './ingest';

// HUB_DEMO_LOG_FROM_YESTERDAY (README, "Daily renditions"): a fresh install's first log entries on the previous Czech day.
describe('firstRecordedAt', () => {
  it('is now unless the demo setting is on', () => {
    const now = new Date('2026-12-06T05:00:00Z');
    expect(firstRecordedAt(now, {})).toBe(now);
    expect(firstRecordedAt(now, { HUB_DEMO_LOG_FROM_YESTERDAY: '0' })).toBe(now);
  });

  it('is noon of the previous Czech day with it, also just after a Czech midnight and across a DST change', () => {
    const on = { HUB_DEMO_LOG_FROM_YESTERDAY: '1' };
    expect(firstRecordedAt(new Date('2026-12-06T05:00:00Z'), on).toISOString()).toBe('2026-12-05T11:00:00.000Z');
    // 23:30 UTC on 6 December is already 7 December in Prague.
    expect(czechDay(firstRecordedAt(new Date('2026-12-06T23:30:00Z'), on))).toBe('2026-12-06');
    // The day after the change to summer time (29 March 2026 has 23 hours).
    expect(czechDay(firstRecordedAt(new Date('2026-03-30T00:30:00Z'), on))).toBe('2026-03-29');
  });
});
