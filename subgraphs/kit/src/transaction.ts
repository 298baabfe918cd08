import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

const MAX_ATTEMPTS = 6;

/**
 * Runs `fn` in one transaction and retries it when the database asks us to: deadlocks and lock waits
 * (MariaDB 1213/1205, SQLite BUSY) and the first-row race of a new counter series (1062 on
 * `sequence_counter`). Everything `fn` did is rolled back before a retry, so it must not have side
 * effects outside the transaction.
 */
export async function inTransaction<T>(em: SqlEntityManager, fn: (tx: SqlEntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional((tx) => fn(tx as SqlEntityManager));
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetriable(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

function isRetriable(e: unknown): boolean {
  if (e instanceof DeadlockException || e instanceof LockWaitTimeoutException) return true;
  if (e instanceof UniqueConstraintViolationException) return /sequence_counter/.test(String((e as Error).message));
  return /SQLITE_BUSY|database is locked/i.test(String((e as Error)?.message));
}
