import { protectAppendOnly, type HubORM } from '@hub/kit';

/**
 * The transaction log is append-only for the services' own database user: triggers refuse UPDATE and DELETE on
 * `log_entry` (SQLite: RAISE(ABORT); MariaDB: SIGNAL SQLSTATE '45000'). Run at every start after the schema is
 * ensured (filing's `upgradeData`); idempotent. Someone who can drop the triggers (an administrator) is caught by
 * the hash chain instead (verify.ts).
 */
export function protectTransactionLog(orm: HubORM): Promise<void> {
  return protectAppendOnly(orm, 'log_entry', 'the transaction log');
}
