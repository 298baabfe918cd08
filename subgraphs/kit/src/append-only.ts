import type { MikroORM } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';

/** A table whose rows never change once written, and what to call it in the refusal's message. */
export interface AppendOnlyTable {
  table: string;
  what: string;
}

/** Every subgraph's `audit_event` (the outbox of the transaction log): the relay only reads it. */
export const AUDIT_OUTBOX_APPEND_ONLY: AppendOnlyTable = { table: 'audit_event', what: 'the audit outbox' };

/** The names of the two triggers that keep `table` append-only. */
export function appendOnlyTriggerNames(table: string): string[] {
  return ['update', 'delete'].map((op) => `${table}_no_${op}`);
}

/**
 * The statements that make a table append-only: database triggers refuse UPDATE and DELETE (domain.md §5.4: "deny
 * UPDATE/DELETE at DB level"). `IF NOT EXISTS`, so running them again is harmless. On MariaDB they are part of the
 * versioned migrations (applied by the owner account; the services' runtime account has no TRIGGER privilege, so it
 * can neither drop nor create them); on SQLite they are (re)created at every start (a table rebuild drops them).
 */
export function appendOnlyTriggerSql(dialect: 'sqlite' | 'mariadb', { table, what }: AppendOnlyTable): string[] {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const message = `${what} is append-only`.replace(/'/g, '');
  return (['UPDATE', 'DELETE'] as const).map((op) => {
    const name = `${table}_no_${op.toLowerCase()}`;
    return dialect === 'sqlite'
      ? `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`
      : `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${op} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message}'`;
  });
}

/**
 * Creates the append-only triggers of `table` with the ORM's own connection: the SQLite start-up path and the
 * legacy (pre-migration) MariaDB path. Idempotent.
 *
 * What it does not stop: a database administrator, or on SQLite anyone who can write the file. That is what the hash
 * chain and the sealed daily renditions are for: such a change is found by the verifier.
 */
export async function protectAppendOnly(orm: MikroORM, table: string, what = table): Promise<void> {
  const conn = orm.em.getConnection();
  for (const sql of appendOnlyTriggerSql(isSqlite(orm) ? 'sqlite' : 'mariadb', { table, what })) {
    try {
      await conn.execute(sql);
    } catch (e) {
      const msg = String((e as Error).message);
      if (/1419|SUPER privilege and binary logging/i.test(msg)) {
        throw new Error(
          `Cannot create the append-only trigger on ${table}: binary logging is on and the database user may not ` +
            `create triggers. Run \`npm run db:mariadb:setup\` as the database administrator (it sets ` +
            `log_bin_trust_function_creators), or set log_bin_trust_function_creators=1 in the server configuration. (${msg})`,
          { cause: e },
        );
      }
      throw e;
    }
  }
}

/** True when the ORM runs on SQLite (libsql), false on MariaDB. */
export function isSqlite(orm: MikroORM): boolean {
  return orm.em.getPlatform() instanceof BaseSqlitePlatform;
}
