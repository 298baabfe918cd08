/** Failed sign-ins of one login that lock it, counted within WINDOW_MS. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
/** How long a locked login is refused. */
export const LOCK_MS = 15 * 60_000;

interface Attempts {
  /** Times of recent failures, oldest first. */
  failures: number[];
  lockedUntil: number;
}

/**
 * Slows down online password guessing: after MAX_FAILURES failed sign-ins for one login within WINDOW_MS,
 * that login is refused for LOCK_MS, whatever password is given.
 *
 * Per process and in memory: a restart forgets it, and if several users-subgraph processes ran, each would
 * count on its own. The hub runs one, so this is enough to stop guessing through the API without a table
 * that every failed sign-in would have to write to.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();

  /**
   * @param maxTracked above this many tracked logins, expired entries are dropped, then the oldest, so a
   *   flood of made-up logins cannot grow memory without bound.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxTracked = 100_000,
  ) {}

  isLocked(login: string): boolean {
    const a = this.attempts.get(login);
    return !!a && a.lockedUntil > this.now();
  }

  recordFailure(login: string): void {
    const now = this.now();
    const a = this.attempts.get(login) ?? { failures: [], lockedUntil: 0 };
    a.failures = a.failures.filter((t) => t > now - WINDOW_MS);
    a.failures.push(now);
    if (a.failures.length >= MAX_FAILURES) {
      a.lockedUntil = now + LOCK_MS;
      a.failures = [];
    }
    this.attempts.set(login, a);
    if (this.attempts.size > this.maxTracked) this.prune(now);
  }

  recordSuccess(login: string): void {
    this.attempts.delete(login);
  }

  private prune(now: number): void {
    for (const [login, a] of this.attempts) {
      if (a.lockedUntil <= now && a.failures.every((t) => t <= now - WINDOW_MS)) this.attempts.delete(login);
    }
    // Maps iterate in insertion order: what is left over the limit goes oldest first.
    for (const login of this.attempts.keys()) {
      if (this.attempts.size <= this.maxTracked) break;
      this.attempts.delete(login);
    }
  }
}
