import { createHash } from 'node:crypto';
import type { SubgraphAnswer } from './transport';

/**
 * In-flight deduplication of subgraph queries: identical requests to one subgraph that are in flight at the same time
 * share one upstream fetch. "Identical" means the same subgraph URL, the same request body (operation text,
 * variables, operation name) and the same caller (see `callerKey`): a caller never receives an answer computed for
 * another caller, because the subgraphs decide visibility by the caller.
 *
 * Only fetches of incoming *queries* take part (the data source decides, dedupKeyFor); a mutation's fetches never
 * do, not even the entity reads after its root field, which must see its own write. A completed write (a mutation's
 * subgraph answer, an upload) also closes every fetch in flight to new joiners (`noteWrite`): a query that starts
 * after a caller's write finished never gets an answer read before it (read-your-writes).
 *
 * Each joiner gets its own response object over the shared, immutable text and parses its own JSON, so the
 * gateway's in-place work on one request's results cannot reach another's.
 */
export class InFlightQueries {
  private readonly pending = new Map<string, { generation: number; answer: Promise<SubgraphAnswer> }>();
  private generation = 0;
  /** Upstream fetches started / requests that joined one (for tests and the bench). */
  readonly stats = { fetches: 0, joined: 0 };

  constructor(readonly enabled = true) {}

  /** The fetch of `key` in flight, or `send()`'s. */
  run(key: string, send: () => Promise<SubgraphAnswer>): Promise<SubgraphAnswer> {
    const current = this.pending.get(key);
    if (current && current.generation === this.generation) {
      this.stats.joined++;
      return current.answer;
    }
    this.stats.fetches++;
    const entry = { generation: this.generation, answer: send() };
    this.pending.set(key, entry);
    const done = () => {
      // A newer fetch of the same key may have replaced this one after a write.
      if (this.pending.get(key) === entry) this.pending.delete(key);
    };
    entry.answer.then(done, done);
    return entry.answer;
  }

  /** A write has completed: requests arriving from now on start their own fetches. */
  noteWrite(): void {
    this.generation++;
  }

  get size() {
    return this.pending.size;
  }
}

/** `{…}` or `query …`: the operation texts the query planner sends for reads (comments and whitespace skipped). */
export function isQueryOperation(text: string): boolean {
  const m = /^(?:\s|,|#[^\n\r]*)*(\{|query\b)/.exec(text);
  return m !== null;
}

/** Whether an operation text is a mutation (the planner's write fetches). */
export function isMutationOperation(text: string): boolean {
  return /^(?:\s|,|#[^\n\r]*)*mutation\b/.test(text);
}

const callerKeys = new WeakMap<object, string>();

/**
 * The caller part of a dedup key, computed once per incoming request: a hash of the bearer credential, the verified
 * caller (user, tenant, roles, org unit) and the client address the subgraphs see in the assertion. Anonymous
 * requests share only with anonymous requests from the same address.
 */
export function callerKey(context: {
  caller?: unknown;
  credential?: string | null;
  clientAddress?: string | null;
}): string {
  let key = callerKeys.get(context);
  if (key === undefined) {
    key = createHash('sha256')
      .update(JSON.stringify([context.credential ?? null, context.caller ?? null, context.clientAddress ?? null]))
      .digest('base64url');
    callerKeys.set(context, key);
  }
  return key;
}
