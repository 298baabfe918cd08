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
