// The hub's MariaDB accounts and databases. Idempotent. Connects as an administrator (MARIADB_ADMIN_URL, default
// root with an empty password on 127.0.0.1:3306, as on these machines).
//
// Two accounts, so that the services cannot change the schema (README, "Schema changes"):
// - the OWNER (`hub_owner`): every privilege on the hub's databases — creates and alters tables and the
//   append-only triggers of the transaction log; used only by `npm run db:migrate`;
// - the RUNTIME account (`hub`): SELECT, INSERT, UPDATE, DELETE and nothing else — what the services run with. It
//   can neither create, alter or drop a table nor drop (or create) a trigger. The services need nothing more: no
//   LOCK TABLES (row locks come with UPDATE/SELECT … FOR UPDATE), no stored routines, no temporary tables.
import mysql from 'mysql2/promise';

export const SUBGRAPHS = ['municipalities', 'users', 'filing', 'archives'];

/** What the runtime account may do, and nothing else. */
export const RUNTIME_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

/** `hub` → the GRANT pattern of the databases `hub_<anything>` (`_` is a wildcard in GRANT patterns: escaped). */
const databasePattern = (prefix) => `${prefix.replace(/[_%]/g, (c) => `\\${c}`)}\\_%`;

/**
 * @returns {Promise<{ runtimeUrl: string, ownerUrl: string }>} URLs of the two accounts (the prefix as path, as
 *   HUB_DATABASE_URL / HUB_MIGRATE_URL expect them).
 */
export async function setUpMariaDb({
  adminUrl = process.env.MARIADB_ADMIN_URL || 'mysql://root@127.0.0.1:3306',
  prefix = 'hub',
  owner = { user: 'hub_owner', password: process.env.HUB_MARIADB_OWNER_PASSWORD || 'hub_owner' },
  runtime = { user: 'hub', password: process.env.HUB_MARIADB_PASSWORD || 'hub' },
  createDatabases = true,
} = {}) {
  const conn = await mysql.createConnection({ uri: adminUrl, connectTimeout: 3000 });
  const pattern = databasePattern(prefix);
  try {
    for (const host of ['127.0.0.1', 'localhost']) {
      for (const { user, password } of [owner, runtime]) {
        await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [user, host, password]);
        await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [user, host, password]);
      }
      // Not revoked first: other processes may be working as the owner right now, and its grant only grows.
      await conn.query(`GRANT ALL PRIVILEGES ON \`${pattern}\`.* TO ?@?`, [owner.user, host]);
      // The runtime account loses whatever an earlier release granted it (ALL on the hub's databases) first.
      await conn.query('REVOKE ALL PRIVILEGES, GRANT OPTION FROM ?@?', [runtime.user, host]);
      await conn.query(`GRANT ${RUNTIME_PRIVILEGES} ON \`${pattern}\`.* TO ?@?`, [runtime.user, host]);
    }
    await allowTriggers(conn);
    if (createDatabases) {
      for (const s of SUBGRAPHS) {
        await conn.query(
          `CREATE DATABASE IF NOT EXISTS \`${prefix}_${s}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
      }
    }
  } finally {
    await conn.end();
  }
  const url = ({ user, password }) =>
    `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:3306/${prefix}`;
  return { runtimeUrl: url(runtime), ownerUrl: url(owner) };
}

/**
 * The owner creates the append-only triggers of the transaction log (migrations). With binary logging on, MariaDB
 * lets a user without SUPER create a trigger only when log_bin_trust_function_creators is set (error 1419). The
 * triggers only refuse writes (SIGNAL), so they are safe to replicate; set the flag, and say how to keep it over a
 * server restart (SET GLOBAL is not persistent).
 */
async function allowTriggers(conn) {
  const [[v]] = await conn.query('SELECT @@log_bin AS logBin, @@log_bin_trust_function_creators AS trusted');
  if (Number(v.logBin) !== 1 || Number(v.trusted) === 1) return;
  await conn.query('SET GLOBAL log_bin_trust_function_creators = 1');
  console.warn(
    '[mariadb] binary logging is on: set log_bin_trust_function_creators = 1 so the owner account can create the ' +
      'append-only triggers. Add it under [mysqld] in the server configuration to keep it after a restart.',
  );
}
