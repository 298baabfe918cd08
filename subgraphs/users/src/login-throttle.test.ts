import { LOCK_MS, LoginThrottle, MAX_FAILURES, WINDOW_MS } from './modules/users/login-throttle';

describe('LoginThrottle', () => {
  let now = 1_000_000;
  const clock = () => now;

  it(`locks a login after ${MAX_FAILURES} failures within the window, for LOCK_MS, and only that login`, () => {
    const t = new LoginThrottle(clock);
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.recordFailure('a');
    expect(t.isLocked('a')).toBe(false);
    t.recordFailure('a');
    expect(t.isLocked('a')).toBe(true);
    expect(t.isLocked('b')).toBe(false);
    now += LOCK_MS - 1;
    expect(t.isLocked('a')).toBe(true);
    now += 1;
    expect(t.isLocked('a')).toBe(false);
  });

  it('forgets failures older than the window, and all failures after a success', () => {
    const t = new LoginThrottle(clock);
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.recordFailure('a');
    now += WINDOW_MS;
    t.recordFailure('a');
    expect(t.isLocked('a')).toBe(false);
    for (let i = 0; i < MAX_FAILURES - 2; i++) t.recordFailure('a');
    t.recordSuccess('a');
    t.recordFailure('a');
    expect(t.isLocked('a')).toBe(false);
  });

  it('keeps memory bounded: over the limit, expired entries go first, then the oldest', () => {
    const t = new LoginThrottle(clock, 3);
    t.recordFailure('locked'); // tracked first, so the oldest
    t.recordFailure('stale');
    now += WINDOW_MS / 2;
    for (let i = 1; i < MAX_FAILURES; i++) t.recordFailure('locked');
    now += WINDOW_MS / 2;
    t.recordFailure('x');
    t.recordFailure('y'); // 4 tracked > 3: 'stale' has expired and goes, 'locked' stays
    expect(t.isLocked('locked')).toBe(true);
    t.recordFailure('z'); // nothing expired: the oldest ('locked') goes
    expect(t.isLocked('locked')).toBe(false);
  });
});
