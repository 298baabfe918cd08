// Creates the hub's MariaDB user and databases. Idempotent. Connects as an administrator
// (MARIADB_ADMIN_URL, default root with an empty password on 127.0.0.1:3306, as on these machines).
import mysql from 'mysql2/promise';

export const SUBGRAPHS = ['municipalities', 'users', 'filing', 'archives'];

export async function setUpMariaDb({
  adminUrl = process.env.MARIADB_ADMIN_URL || 'mysql://root@127.0.0.1:3306',
  user = 'hub',
  password = process.env.HUB_MARIADB_PASSWORD || 'hub',
  prefix = 'hub',
  createDatabases = true,
} = {}) {
  const conn = await mysql.createConnection({ uri: adminUrl, connectTimeout: 3000 });
  try {
    for (const host of ['127.0.0.1', 'localhost']) {
      await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [user, host, password]);
      await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [user, host, password]);
      // The wildcard also lets the test suites create and drop their own hub… databases.
      await conn.query(`GRANT ALL PRIVILEGES ON \`${prefix}%\`.* TO ?@?`, [user, host]);
    }
    await allowTriggers(conn);
    if (createDatabases) {
      for (const s of SUBGRAPHS) {
        await conn.query(`CREATE DATABASE IF NOT EXISTS \`${prefix}_${s}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      }
    }
  } finally {
    await conn.end();
  }
  return `mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:3306/${prefix}`;
}

/**
 * The services create the append-only triggers of the transaction log themselves, at every start (they own their
 * schema). With binary logging on, MariaDB lets a user without SUPER create a trigger only when
 * log_bin_trust_function_creators is set (error 1419). The triggers only refuse writes (SIGNAL), so they are safe
 * to replicate; set the flag, and say how to keep it over a server restart (SET GLOBAL is not persistent).
 */
async function allowTriggers(conn) {
  const [[v]] = await conn.query('SELECT @@log_bin AS logBin, @@log_bin_trust_function_creators AS trusted');
  if (Number(v.logBin) !== 1 || Number(v.trusted) === 1) return;
  await conn.query('SET GLOBAL log_bin_trust_function_creators = 1');
  console.warn(
    '[mariadb] binary logging is on: set log_bin_trust_function_creators = 1 so the hub can create its append-only ' +
      'triggers. Add it under [mysqld] in the server configuration to keep it after a restart.',
  );
}
