// Gives the DB suites a MariaDB to run on: creates the test accounts with the project's own script (as
// `npm run db:mariadb:setup` does for the hub) — the owner `hubtest` (schema changes: migrations, dropping test
// databases) and the runtime account `hubtestrt` (SELECT/INSERT/UPDATE/DELETE only, what the services run with) —
// then hands their URLs to the workers. Under CI=true a MariaDB that cannot be reached fails the run.
module.exports = async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  if (process.env.HUB_TEST_MARIADB === '0' && process.env.CI !== 'true') return;
  try {
    const { setUpMariaDb } = await import('./mariadb.mjs');
    const { ownerUrl, runtimeUrl } = await setUpMariaDb({
      prefix: 'hubtest',
      owner: { user: 'hubtest', password: 'hubtest' },
      runtime: { user: 'hubtestrt', password: 'hubtestrt' },
      createDatabases: false,
    });
    process.env.HUB_TEST_MARIADB_URL = ownerUrl;
    process.env.HUB_TEST_MARIADB_RUNTIME_URL = runtimeUrl;
    await dropLeftovers();
    console.log(
      '\n[tests] database suites run on SQLite and on MariaDB (127.0.0.1:3306, owner hubtest, runtime hubtestrt)',
    );
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`MariaDB is required under CI=true: ${e.message}`, { cause: e });
    console.warn(`\n[tests] MariaDB not reachable (${e.message}); DB suites run on SQLite only.`);
  }
};

/** Removes databases that killed test runs left behind (older than an hour). */
async function dropLeftovers() {
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ uri: process.env.MARIADB_ADMIN_URL || 'mysql://root@127.0.0.1:3306' });
  try {
    const [rows] = await conn.query(
      "SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 'hubtest\\_%'",
    );
    const [tables] = await conn.query(
      "SELECT table_schema AS name, MAX(create_time) AS created FROM information_schema.tables WHERE table_schema LIKE 'hubtest\\_%' GROUP BY table_schema",
    );
    // Only databases whose newest table is over an hour old: one without tables may be another run's, just created.
    const stale = new Set(
      tables.filter((t) => t.created && Date.now() - new Date(t.created).getTime() > 3600_000).map((t) => t.name),
    );
    for (const { name } of rows) if (stale.has(name)) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
