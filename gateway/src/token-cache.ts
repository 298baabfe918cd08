import { verifyAccessToken, type Caller, type TokenKeys } from '@hub/kit/gateway';

/**
 * Access tokens the gateway has verified, so a client sending the same bearer token again is not verified again
 * (an HMAC and JSON parsing per request). A token's verification depends only on the keys and the time, so a
 * positive answer holds until the token's `exp`; it is kept at most `maxAgeMs`, and only positive answers are kept
 * (an invalid token costs its sender a verification each time). Revocation is the account check's job
 * (account-check.ts), which runs on every request as before.
 */
export class VerifiedTokens {
  private entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly keys: TokenKeys | string,
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  async verify(token: string, now = Date.now()): Promise<Caller | null> {
    const hit = this.entries.get(token);
    if (hit !== undefined) {
      if (now < hit.until) return copy(hit.caller);
      this.entries.delete(token);
    }
    const caller = await verifyAccessToken(token, this.keys, now);
    if (caller === null) return null;
    const exp = expiryOf(token);
    if (exp !== null) {
      // Bounded: when full, start over (the tokens in use come back within a request each).
      if (this.entries.size >= this.maxEntries) this.entries = new Map();
      this.entries.set(token, { caller: copy(caller), until: Math.min(exp * 1000, now + this.maxAgeMs) });
    }
    return caller;
  }

  get size() {
    return this.entries.size;
  }
}

/** Each request gets its own object: nothing one request does to its caller reaches another. */
const copy = (c: Caller): Caller => ({ ...c, roles: [...c.roles] });

/** The `exp` claim of a token that has just verified (so its payload is well-formed JSON). */
function expiryOf(token: string): number | null {
  try {
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
  } catch {
    return null;
  }
}
