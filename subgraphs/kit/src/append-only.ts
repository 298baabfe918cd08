import type { MikroORM } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';

/**
 * Makes a table append-only for every connection of the services: database triggers refuse UPDATE and DELETE
 * (domain.md §5.4: "deny UPDATE/DELETE at DB level"). Used for each subgraph's `audit_event` (the outbox of the
 * transaction log) and for filing's `log_entry` (the log itself). Idempotent: `IF NOT EXISTS`, run at every
 * start after the schema is ensured (a SQLite table rebuild drops a table's triggers; they come back here).
 *
 * What it does not stop: a database administrator, or anyone holding the service's own credentials who drops the
 * trigger first (the service user owns the schema). That is what the hash chain and the sealed daily renditions
 * are for: such a change is found by the verifier.
 */
export async function protectAppendOnly(orm: MikroORM, table: string, what = table): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const message = `${what} is append-only`.replace(/'/g, '');
  const conn = orm.em.getConnection();
  const sqlite = isSqlite(orm);
  for (const op of ['UPDATE', 'DELETE'] as const) {
    const name = `${table}_no_${op.toLowerCase()}`;
    const sql = sqlite
      ? `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`
      : `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${op} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message}'`;
    try {
      await conn.execute(sql);
    } catch (e) {
      const msg = String((e as Error).message);
      if (/1419|SUPER privilege and binary logging/i.test(msg)) {
        throw new Error(
          `Cannot create the append-only trigger on ${table}: binary logging is on and the hub's database user may not ` +
            `create triggers. Run \`npm run db:mariadb:setup\` as the database administrator (it sets ` +
            `log_bin_trust_function_creators), or set log_bin_trust_function_creators=1 in the server configuration. (${msg})`,
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
