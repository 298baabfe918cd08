import {
  CALLER_HEADER,
  ErrorCode,
  GRAPHQL_ROUTE,
  RequestError,
  logger,
  requestIdHeaders,
  signCallerAssertion,
  type Caller,
} from '@hub/kit/gateway';
import type { KeyObject } from 'node:crypto';

export const ACCOUNT_DISABLED_MESSAGE = 'Your account is disabled or no longer exists';

/**
 * Tokens are stateless and live for hours, but a tenant admin who disables a user expects it to take effect
 * now. So the gateway asks the users subgraph (as the caller, through `_entities`) whether the account is
 * still active before anything acts on the token, and remembers the answer for a short time: a disabled
 * user is locked out within `ttlMs`, at the cost of one lookup per user per `ttlMs`.
 */
export class AccountCheck {
  private readonly known = new Map<string, { active: boolean; until: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly usersUrl: string,
    private readonly assertionKey: KeyObject,
    private readonly ttlMs: number,
  ) {}

  async assertActive(caller: Caller): Promise<void> {
    const hit = this.known.get(caller.userId);
    const active = hit && hit.until > Date.now() ? hit.active : await this.lookUp(caller);
    if (!active) throw new RequestError(ErrorCode.UNAUTHENTICATED, ACCOUNT_DISABLED_MESSAGE);
  }

  /** One lookup per user at a time, however many of the user's requests arrive together. */
  private lookUp(caller: Caller): Promise<boolean> {
    let p = this.pending.get(caller.userId);
    if (!p) {
      p = this.fetchActive(caller).finally(() => this.pending.delete(caller.userId));
      this.pending.set(caller.userId, p);
    }
    return p;
  }

  private async fetchActive(caller: Caller): Promise<boolean> {
    let active: boolean;
    try {
      const res = await fetch(this.usersUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...requestIdHeaders(),
          [CALLER_HEADER]: await signCallerAssertion(caller, this.assertionKey, {
            subgraph: 'users',
            route: GRAPHQL_ROUTE,
          }),
        },
        body: JSON.stringify({
          query: 'query($r:[_Any!]!){_entities(representations:$r){...on User{active}}}',
          variables: { r: [{ __typename: 'User', id: caller.userId }] },
        }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await res.json()) as { data?: { _entities?: ({ active: boolean } | null)[] }; errors?: unknown[] };
      // An entity resolved with an error (e.g. the users database is down) is unknown, not inactive.
      if (!body.data?._entities || body.errors?.length)
        throw new Error(`users answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      active = body.data._entities[0]?.active === true;
    } catch (e) {
      // Fail closed: without the users service the gateway cannot tell a disabled account from an active one.
      logger.child({ component: 'account-check' }).error({ err: e }, 'account check failed');
      throw new RequestError(ErrorCode.SERVICE_UNAVAILABLE, 'A hub service is unavailable');
    }
    if (this.ttlMs > 0) {
      if (this.known.size > 100_000) this.known.clear(); // bounded memory; entries are cheap to refetch
      this.known.set(caller.userId, { active, until: Date.now() + this.ttlMs });
    }
    return active;
  }
}
