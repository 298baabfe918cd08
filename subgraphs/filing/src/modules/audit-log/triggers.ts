import type { AppendOnlyTable } from '@hub/kit';

/**
 * The transaction log is append-only for the services' own database account: triggers refuse UPDATE and DELETE on
 * `log_entry` (SQLite: RAISE(ABORT); MariaDB: SIGNAL SQLSTATE '45000'). Declared in filing's definition
 * (`appendOnly`): on MariaDB the triggers come with the migrations and the runtime account can neither drop nor
 * create them; on SQLite they are (re)created at every start (kit `prepareSchema`). Someone who can drop the
 * triggers (an administrator) is caught by the hash chain instead (verify.ts).
 */
export const TRANSACTION_LOG_APPEND_ONLY: AppendOnlyTable = { table: 'log_entry', what: 'the transaction log' };
