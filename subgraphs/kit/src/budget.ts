import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventSubscriber } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { logger } from './logger';

/**
 * The time budget of one GraphQL request in a subgraph (HUB_REQUEST_TIMEOUT_MS, default 10 s).
 *
 * Why a budget and not only a gateway limit: a request that is cheap to write can still be slow to run (a big page
 * on a cold cache, a lock wait), and a subgraph that keeps working for a client who gave up holds connections that
 * other municipalities' requests need. When the budget runs out:
 * - the client is answered at once with TIMEOUT (`runWithinBudget`);
 * - a statement the request has running on MariaDB is cancelled (`KILL QUERY ID`, only that statement);
 * - every later statement of the request fails before it reaches the database, except ROLLBACK;
 * - its transaction cannot commit (a `beforeTransactionCommit` hook), so nothing it would have written is kept.
 * On SQLite (libsql runs statements synchronously on the event loop) a running statement cannot be interrupted: the
 * budget takes effect at the request's next statement or commit.
 *
 * The budget travels with the request through AsyncLocalStorage, so the ORM hooks need no context argument; work
 * outside a request (relays, sweeps, start-up) has no budget.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.HUB_REQUEST_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_REQUEST_TIMEOUT_MS;
}

/** `code` of the error a statement or commit gets once its request is over budget (errors.ts classifies it as TIMEOUT). */
export const REQUEST_TIMEOUT_CODE = 'HUB_REQUEST_TIMEOUT';

export class RequestTimeout extends Error {
  readonly code = REQUEST_TIMEOUT_CODE;
  constructor() {
    super('The request ran over its time budget');
  }
}

interface RunningStatement {
  /** Cancels the statement on the server; a no-op where that is impossible (SQLite). */
  cancel(): Promise<void>;
}

interface Budget {
  expired: boolean;
  /** Statements of this request now on the wire, by knex connection uid (one at a time per connection). */
  running: Map<string, RunningStatement>;
}

const current = new AsyncLocalStorage<Budget>();

/** True while running inside a request whose budget is spent. */
export function budgetSpent(): boolean {
  return current.getStore()?.expired === true;
}

/**
 * Runs `work` (one request) within `ms`. Resolves or rejects like `work` when it finishes in time; otherwise rejects
 * with `onExpire()`'s error at the deadline, after cancelling the request's running statements. `work` goes on in
 * the background until its next statement fails; its outcome is ignored.
 */
export async function runWithinBudget<T>(ms: number, work: () => Promise<T>, onExpire: () => Error): Promise<T> {
  const budget: Budget = { expired: false, running: new Map() };
  const run = current.run(budget, work);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      budget.expired = true;
      for (const s of budget.running.values()) void s.cancel();
      reject(onExpire());
    }, ms);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
    run.catch(() => undefined);
  }
}

/** MariaDB connections by knex uid → server thread id (recorded when the pool creates them). */
const threadIds = new Map<string, number>();

/** Called by the pool's afterCreate on MariaDB: lets a request's running statement be found on the server. */
export function rememberConnection(conn: { __knexUid?: string; threadId?: number | null }) {
  if (!conn.__knexUid || typeof conn.threadId !== 'number') return;
  // Connections come and go (outages, idle reaping); their uids never repeat. Bounded: a forgotten uid only means a
  // statement of a very old connection cannot be cancelled (it still cannot commit).
  if (threadIds.size > 10_000) threadIds.delete(threadIds.keys().next().value!);
  threadIds.set(conn.__knexUid, conn.threadId);
}

const log = logger.child({ component: 'budget' });

type Knex = ReturnType<MikroORM<AbstractSqlDriver>['em']['getKnex']>;
interface RawConnection {
  query(sql: string, values: unknown[], cb: (err: Error | null, rows: unknown) => void): void;
}

function rawQuery<T>(conn: RawConnection, sql: string, values: unknown[]): Promise<T> {
  return new Promise((resolve, reject) =>
    conn.query(sql, values, (err, rows) => (err ? reject(err) : resolve(rows as T))),
  );
}

/**
 * Cancels exactly the statement `uid` is running for `budget`, on a connection of its own (the pool may be the
 * very thing that is exhausted). KILL QUERY by thread id alone could hit a statement of another request that got
 * the connection meanwhile: the statement's QUERY_ID is read first, and killed only if the request still held the
 * connection when the server answered (the connection goes back to the pool only after knex's `query-response`).
 */
async function cancelOnMariaDb(knex: Knex, budget: Budget, uid: string, threadId: number) {
  const client = knex.client as {
    acquireRawConnection(): Promise<RawConnection>;
    destroyRawConnection(c: RawConnection): Promise<void>;
  };
  let conn: RawConnection | undefined;
  try {
    conn = await client.acquireRawConnection();
    const rows = await rawQuery<{ id: number; command: string }[]>(
      conn,
      'SELECT QUERY_ID AS id, COMMAND AS command FROM information_schema.PROCESSLIST WHERE ID = ?',
      [threadId],
    );
    if (rows[0]?.command === 'Query' && budget.running.has(uid)) await rawQuery(conn, 'KILL QUERY ID ?', [rows[0].id]);
  } catch (e) {
    // Best effort: the statement still cannot commit, and fails at its end.
    log.warn(
      { err: { name: (e as Error).name, code: (e as { code?: unknown }).code } },
      'could not cancel a statement over budget',
    );
  } finally {
    if (conn) await client.destroyRawConnection(conn).catch(() => undefined);
  }
}

const ROLLBACK = /^\s*rollback\b/i;

/**
 * Installs the budget's hooks on an ORM (initORM does it for every subgraph): statements of a request over budget
 * are refused, its running ones cancelled (MariaDB), its transaction cannot commit.
 */
export function enforceRequestBudgets(orm: MikroORM<AbstractSqlDriver>) {
  const knex = orm.em.getKnex();
  // knex emits `query` synchronously on the caller's path (also for BEGIN/COMMIT), so throwing here fails the
  // statement before it is sent. ROLLBACK must pass: it is how the request's transaction gives its work back.
  knex.on('query', (q: { sql?: string; __knexUid?: string }) => {
    const budget = current.getStore();
    if (!budget) return;
    if (budget.expired) {
      if (!ROLLBACK.test(q.sql ?? '')) throw new RequestTimeout();
      return;
    }
    const uid = q.__knexUid;
    if (!uid) return;
    const threadId = threadIds.get(uid);
    budget.running.set(uid, {
      cancel: () => (threadId === undefined ? Promise.resolve() : cancelOnMariaDb(knex, budget, uid, threadId)),
    });
  });
  const finished = (q: { __knexUid?: string } | undefined) => {
    if (q?.__knexUid) current.getStore()?.running.delete(q.__knexUid);
  };
  knex.on('query-response', (_res: unknown, q: { __knexUid?: string }) => finished(q));
  knex.on('query-error', (_err: unknown, q: { __knexUid?: string }) => finished(q));

  const guard: EventSubscriber = {
    // Runs right before COMMIT of a root transaction: MikroORM rolls back when it throws.
    beforeTransactionCommit: () => {
      if (current.getStore()?.expired) throw new RequestTimeout();
    },
  };
  orm.em.getEventManager().registerSubscriber(guard);
}
