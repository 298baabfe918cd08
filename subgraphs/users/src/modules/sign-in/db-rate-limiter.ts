import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import { MySqlPlatform, type SqlEntityManager } from '@mikro-orm/knex';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';

/**
 * rate-limiter-flexible's base class of database-backed limiters. Its typings declare it, but its index does
 * not export it; the file is the documented base of the library's own stores (MySQL, SQLite, Prisma, …).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RateLimiterStoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract') as typeof StoreAbstract;

/** Row of `sign_in_throttle` as the upsert returns it. */
interface CounterRow {
  points: number | string;
  expires_at: number | string | null;
}

/** Passed as the limiter's per-call `options`: the request's EntityManager, whose connection holds the counters. */
export interface DbLimiterCall {
  em: SqlEntityManager;
}

const TABLE = 'sign_in_throttle';

/**
 * Runs a statement outside any transaction of `em` (the counts must stay even when the sign-in fails), through the
 * driver rather than the bare connection: the driver converts driver errors into MikroORM's exceptions
 * (DeadlockException for the retry below, DriverException with the driver's code for the outage classification in
 * kit errors.ts); the bare connection rethrows mysql2's raw error.
 */
const execute =
  (em: SqlEntityManager) =>
  <T>(sql: string, params: unknown[], method: 'all' | 'run') =>
    em.getDriver().execute(sql, params, method) as Promise<unknown> as Promise<T>;

/**
 * A rate-limiter-flexible store on the subgraph's own database, SQLite (libsql) and MariaDB alike, so every
 * process that shares the database shares the counters.
 *
 * Why not the library's RateLimiterMySQL / RateLimiterSQLite: the SQLite one drives only sqlite3 and
 * better-sqlite3 (not libsql, the hub's driver), and the MySQL one would take raw connections past MikroORM
 * and create its own table at run time (the services' database account has no DDL rights: the table comes with
 * the schema, ThrottleCounterSchema). The counting rules (consume, reward, delete, msBeforeNext) stay the
 * library's; only `_upsert`, `_get` and `_delete` are written here.
 *
 * Atomic: one statement per change, an upsert-increment that returns the new count (`INSERT … ON CONFLICT DO
 * UPDATE … RETURNING` on SQLite, `INSERT … ON DUPLICATE KEY UPDATE … RETURNING` on MariaDB 10.5+). Concurrent
 * attempts are serialised by the row lock (MariaDB) or the write lock (SQLite), so no two see the same count.
 * A window that has run out restarts with the new points. Counts never go below zero (a refund after the
 * window restarted must not bank extra attempts).
 */
export class DbRateLimiter extends RateLimiterStoreAbstract {
  constructor(opts: { keyPrefix: string; points: number; duration: number }) {
    // storeClient is required by the base class; the connection comes with each call instead (DbLimiterCall),
    // so one limiter serves every ORM of the process (tests run several).
    super({ ...opts, storeClient: TABLE });
  }

  private static emOf(options: unknown): SqlEntityManager {
    const em = (options as Partial<DbLimiterCall> | undefined)?.em;
    if (!em) throw new Error('DbRateLimiter: pass { em } as the options of every call');
    return em;
  }

  // The base class calls these by name; they are not in the library's typings.
  async _upsert(
    rlKey: string,
    points: number,
    msDuration: number,
    forceExpire: boolean,
    options: unknown,
  ): Promise<CounterRow> {
    const em = DbRateLimiter.emOf(options);
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    const mysql = em.getPlatform() instanceof MySqlPlatform;
    let sql: string;
    let params: unknown[];
    if (forceExpire) {
      sql = mysql
        ? `insert into ${TABLE} (throttle_key, points, expires_at) values (?, ?, ?)
           on duplicate key update points = values(points), expires_at = values(expires_at) returning points, expires_at`
        : `insert into ${TABLE} (throttle_key, points, expires_at) values (?, ?, ?)
           on conflict (throttle_key) do update set points = excluded.points, expires_at = excluded.expires_at
           returning points, expires_at`;
      params = [rlKey, points, expire];
    } else if (mysql) {
      // Assignments run left to right and see earlier ones: `points` first, while `expires_at` is still the old value.
      sql = `insert into ${TABLE} (throttle_key, points, expires_at) values (?, greatest(?, 0), ?)
             on duplicate key update
               points = if(expires_at is not null and expires_at <= ?, greatest(values(points), 0), greatest(points + ?, 0)),
               expires_at = if(expires_at is not null and expires_at <= ?, values(expires_at), expires_at)
             returning points, expires_at`;
      params = [rlKey, points, expire, now, points, now];
    } else {
      sql = `insert into ${TABLE} (throttle_key, points, expires_at) values (?, max(?, 0), ?)
             on conflict (throttle_key) do update set
               points = case when ${TABLE}.expires_at is not null and ${TABLE}.expires_at <= ? then excluded.points
                             else max(${TABLE}.points + ?, 0) end,
               expires_at = case when ${TABLE}.expires_at is not null and ${TABLE}.expires_at <= ? then excluded.expires_at
                                 else ${TABLE}.expires_at end
             returning points, expires_at`;
      params = [rlKey, points, expire, now, points, now];
    }
    // The very first attempts on a new key race to insert its row: InnoDB may then report a deadlock, which is
    // safe to retry (the statement did nothing).
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await execute(em)<CounterRow[]>(sql, params, 'all');
        return rows[0];
      } catch (e) {
        if (attempt >= 5 || !(e instanceof DeadlockException || e instanceof LockWaitTimeoutException)) throw e;
      }
    }
  }

  async _get(rlKey: string, options: unknown): Promise<CounterRow | null> {
    const rows = await execute(DbRateLimiter.emOf(options))<CounterRow[]>(
      `select points, expires_at from ${TABLE} where throttle_key = ? and (expires_at is null or expires_at > ?)`,
      [rlKey, Date.now()],
      'all',
    );
    return rows[0] ?? null;
  }

  async _delete(rlKey: string, options: unknown): Promise<boolean> {
    const res = await execute(DbRateLimiter.emOf(options))<{ affectedRows: number }>(
      `delete from ${TABLE} where throttle_key = ?`,
      [rlKey],
      'run',
    );
    return res.affectedRows > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: CounterRow): RateLimiterRes {
    const points = Number(row.points);
    const expire = row.expires_at === null ? null : Number(row.expires_at);
    const msBeforeNext = expire === null ? -1 : Math.max(expire - Date.now(), 0);
    return new RateLimiterRes(Math.max(this.points - points, 0), msBeforeNext, points, changedPoints === points);
  }
}

/** Deletes counters whose window ended; run now and then (the users subgraph does, every 10 minutes). */
export async function deleteExpiredCounters(em: SqlEntityManager, now = Date.now()): Promise<number> {
  const res = await execute(em)<{ affectedRows: number }>(
    `delete from ${TABLE} where expires_at is not null and expires_at < ?`,
    [now],
    'run',
  );
  return res.affectedRows;
}
