import { ErrorCode, HubError } from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { DbRateLimiter } from './db-rate-limiter';

/** The sign-in throttle's limits; README "Accounts and sign-in" documents the variables. */
export interface ThrottleSettings {
  /** Attempts on one login from one address within the window; the next is refused until the window ends. */
  maxAttemptsPerLoginAndAddress: number;
  /** Failed attempts from one address, on any logins, within the window. */
  maxFailuresPerAddress: number;
  /** Attempts on one login from all addresses within the window above which every attempt is slowed down. */
  slowAfterAttemptsPerLogin: number;
  /** The delay grows by this much per attempt over `slowAfterAttemptsPerLogin` … */
  delayStepMs: number;
  /** … up to this. */
  maxDelayMs: number;
  windowSeconds: number;
}

const int = (v: string | undefined, fallback: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : fallback);

export function throttleSettings(env: NodeJS.ProcessEnv = process.env): ThrottleSettings {
  return {
    maxAttemptsPerLoginAndAddress: int(env.HUB_SIGNIN_MAX_ATTEMPTS, 5),
    maxFailuresPerAddress: int(env.HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS, 30),
    slowAfterAttemptsPerLogin: int(env.HUB_SIGNIN_SLOW_AFTER, 20),
    delayStepMs: int(env.HUB_SIGNIN_DELAY_STEP_MS, 250),
    maxDelayMs: int(env.HUB_SIGNIN_MAX_DELAY_MS, 3000),
    windowSeconds: int(env.HUB_SIGNIN_WINDOW_SECONDS, 900),
  };
}

/** What the throttle counts: a person's login, or an API client's id. */
export type SignInSubject = { kind: 'login' | 'client'; id: string };

/** A reserved attempt: report its success (failures need no report, the attempt is already counted). */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/** Keys are hashes: the table holds no logins or addresses, and its keys have a fixed length. */
const hashOf = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

/** Used when the gateway did not say (direct tests, the gateway's own requests): all such attempts share one address. */
const UNKNOWN_ADDRESS = 'unknown';

const tooMany = (res: RateLimiterRes, message: string) => {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new HubError(ErrorCode.TOO_MANY_REQUESTS, `${message}; try again in ${retryAfter} seconds`, { retryAfter });
};

/**
 * Online password guessing, slowed without handing strangers a way to lock the owner out:
 *
 * 1. per (login, address): at most N attempts in the window, then TOO_MANY_REQUESTS until it ends. Someone
 *    guessing from their address locks only themselves out; the owner, from another address, is unaffected.
 *    A successful sign-in clears the pair's count.
 * 2. per address, any login: at most M failures in the window (one address spraying many logins).
 *    A success gives its attempt back.
 * 3. per login, all addresses: above S attempts in the window every attempt waits a little longer (up to a
 *    few seconds) before the password is checked. It never refuses, so it cannot lock anyone out; it only
 *    makes guessing from many addresses slow.
 *
 * Every attempt is counted BEFORE the password is checked, in one atomic statement per counter on the shared
 * database: parallel guesses cannot all slip past a check that only looks at earlier failures, and every
 * process of the users subgraph sees the same counts.
 */
export class SignInThrottle {
  private readonly pair: DbRateLimiter;
  private readonly address: DbRateLimiter;
  private readonly login: DbRateLimiter;

  constructor(
    readonly settings: ThrottleSettings = throttleSettings(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    const duration = settings.windowSeconds;
    this.pair = new DbRateLimiter({ keyPrefix: 'pair', points: settings.maxAttemptsPerLoginAndAddress, duration });
    this.address = new DbRateLimiter({ keyPrefix: 'addr', points: settings.maxFailuresPerAddress, duration });
    // Never refuses: `penalty` counts without a limit; the count only sets the delay.
    this.login = new DbRateLimiter({ keyPrefix: 'login', points: Number.MAX_SAFE_INTEGER, duration });
  }

  /** Counts the attempt, or refuses it with TOO_MANY_REQUESTS (retryAfter in seconds); may wait before returning. */
  async reserve(em: SqlEntityManager, subject: SignInSubject, clientAddress: string | null): Promise<SignInAttempt> {
    const call = { em };
    const who = `${subject.kind}:${subject.id.toLowerCase()}`;
    const from = clientAddress || UNKNOWN_ADDRESS;
    const pairKey = hashOf(who, from);
    const addressKey = hashOf(from);
    const loginKey = hashOf(who);
    try {
      await this.pair.consume(pairKey, 1, call);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw tooMany(e, 'Too many sign-in attempts for this account from your address');
      throw e;
    }
    try {
      await this.address.consume(addressKey, 1, call);
    } catch (e) {
      // Not evaluated: it does not count against the pair either.
      await this.pair.reward(pairKey, 1, call);
      if (e instanceof RateLimiterRes) throw tooMany(e, 'Too many failed sign-in attempts from your address');
      throw e;
    }
    const { consumedPoints } = await this.login.penalty(loginKey, 1, call);
    const over = consumedPoints - this.settings.slowAfterAttemptsPerLogin;
    if (over > 0) await this.sleep(Math.min(this.settings.maxDelayMs, over * this.settings.delayStepMs));
    return {
      succeeded: async () => {
        await this.pair.delete(pairKey, call);
        await this.address.reward(addressKey, 1, call);
        await this.login.reward(loginKey, 1, call);
      },
    };
  }
}

let processThrottle: SignInThrottle | undefined;
/** The process's throttle, made at the first sign-in so its settings are the environment's by then; counts live in the database. */
export const signInThrottle = () => (processThrottle ??= new SignInThrottle());
