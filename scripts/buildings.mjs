#!/usr/bin/env node
// `npm run buildings -- <command>`: the two-building topology on one machine (README, "Two buildings"), for tests,
// demos and drills. Nothing is set up by hand.
//
//   start     two mariadbd instances (building A on 3316, B on 3317; own data dirs under .buildings/), GTID
//             replication A → B (gtid_strict_mode, semi-synchronous AFTER_SYNC: a commit is acknowledged once B has
//             it), the hub's accounts and schema (db:mariadb:setup, db:migrate), then the hub in A (gateway on 4100)
//             on A's database and blob store, every blob mirrored into B's store. Run again after `stop`: starts
//             what is there, in the roles it had.
//   status    roles, replication and semi-sync state, which building serves
//   kill      building A is lost: SIGKILL to its mariadbd and every hub process in it (the drill; `kill B` too)
//   failover  promotes B's database (replication stopped, read-only off) and starts the hub in B on B's stores
//   rebuild   the lost building is rebuilt as the replica of the serving one (fresh data dir from a dump of the
//             primary, GTID position from that dump, the blobs copied); the hub then mirrors into it again
//   switch    hands the roles over to the other building (a planned switch: no acknowledged write is lost)
//   failback  `switch` back to A
//   stop      stops the hub and both servers (data kept)
//
// Environment: HUB_BUILDINGS_DIR (default .buildings), HUB_BUILDING_A_PORT / HUB_BUILDING_B_PORT (3316 / 3317),
// HUB_GATEWAY_PORT (4100), HUB_REPL_PASSWORD (replication account `repl`, default repl).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { ROOT, ensureSealKey, loadSecrets, prepareDataDir } from './start.mjs';

const BUILDINGS = ['A', 'B'];
const SUBGRAPHS = ['municipalities', 'users', 'filing', 'archives'];
const MARIADBD = '/usr/sbin/mariadbd';

export function topology(env = process.env) {
  const dir = resolve(ROOT, env.HUB_BUILDINGS_DIR || '.buildings');
  return {
    dir,
    gatewayPort: Number(env.HUB_GATEWAY_PORT || 4100),
    replPassword: env.HUB_REPL_PASSWORD || 'repl',
    buildings: {
      A: { name: 'A', serverId: 1, port: Number(env.HUB_BUILDING_A_PORT || 3316), root: join(dir, 'A') },
      B: { name: 'B', serverId: 2, port: Number(env.HUB_BUILDING_B_PORT || 3317), root: join(dir, 'B') },
    },
  };
}

const other = (b) => (b === 'A' ? 'B' : 'A');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const paths = (b) => ({
  db: join(b.root, 'db'),
  run: join(b.root, 'run'),
  blobs: join(b.root, 'blobs'),
  data: join(b.root, 'data'),
  log: join(b.root, 'log'),
});

function readState(t) {
  const file = join(t.dir, 'state.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
function writeState(t, state) {
  writeFileSync(join(t.dir, 'state.json'), JSON.stringify(state, null, 2) + '\n');
}

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
async function waitGone(pid, ms = 30_000) {
  const end = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > end) throw new Error(`process ${pid} did not exit within ${ms / 1000} s`);
    await sleep(100);
  }
}
function readPid(file) {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Databases

async function connect(b) {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: b.port,
    user: 'root',
    connectTimeout: 3000,
    multipleStatements: false,
  });
}
async function sql(b, statements) {
  const conn = await connect(b);
  try {
    const out = [];
    for (const s of [statements].flat()) out.push((await conn.query(s))[0]);
    return out;
  } finally {
    await conn.end();
  }
}

function installDb(b) {
  const p = paths(b);
  rmSync(p.db, { recursive: true, force: true });
  mkdirSync(p.run, { recursive: true });
  const r = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${p.db}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (r.status !== 0) throw new Error(`mariadb-install-db (${b.name}) failed: ${r.stderr || r.stdout}`);
}

/** Starts building `b`'s mariadbd (detached: it outlives this command) as primary or replica. */
async function startDb(b, role) {
  const p = paths(b);
  mkdirSync(p.run, { recursive: true });
  mkdirSync(p.log, { recursive: true });
  const pidFile = join(p.run, 'mariadbd.pid');
  if (alive(readPid(pidFile))) return;
  const out = openSync(join(p.log, 'mariadbd.log'), 'a');
  const child = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${p.db}`,
      `--port=${b.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(p.run, 'mariadbd.sock')}`,
      `--pid-file=${pidFile}`,
      '--user=root',
      `--server-id=${b.serverId}`,
      `--log-basename=building-${b.name.toLowerCase()}`,
      '--log-bin',
      '--binlog-format=ROW',
      '--log-slave-updates=1',
      '--gtid-strict-mode=1',
      // Durable commits in each building: what was acknowledged survives a power loss there too.
      '--sync-binlog=1',
      '--innodb-flush-log-at-trx-commit=1',
      // The owner account creates the transaction log's append-only triggers (scripts/mariadb.mjs).
      '--log-bin-trust-function-creators=1',
      // Semi-synchronous replication: the primary acknowledges a commit once the replica has it (AFTER_SYNC: the
      // commit is durable in the primary's binlog first, and no client sees it before the replica received it).
      `--rpl-semi-sync-master-enabled=${role === 'primary' ? 1 : 0}`,
      '--rpl-semi-sync-master-wait-point=AFTER_SYNC',
      '--rpl-semi-sync-master-timeout=10000',
      `--rpl-semi-sync-slave-enabled=${role === 'replica' ? 1 : 0}`,
      `--read-only=${role === 'replica' ? 1 : 0}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=128M',
      '--max-connections=300',
    ],
    { stdio: ['ignore', out, out], detached: true },
  );
  child.unref();
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      await sql(b, 'SELECT 1');
      return;
    } catch (e) {
      if (Date.now() > end || child.exitCode !== null)
        throw new Error(
          `mariadbd of building ${b.name} did not start (${e.message}); see ${join(p.log, 'mariadbd.log')}`,
          { cause: e },
        );
      await sleep(200);
    }
  }
}

async function stopDb(b) {
  const pid = readPid(join(paths(b).run, 'mariadbd.pid'));
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitGone(pid, 60_000);
}

/** Makes `replica` replicate from `primary` (GTID, semi-sync) and waits until both threads run. */
async function replicate(t, replica, primary, usePos = 'slave_pos') {
  await sql(replica, [
    'STOP SLAVE',
    'SET GLOBAL read_only = 1',
    'SET GLOBAL rpl_semi_sync_slave_enabled = 1',
    'SET GLOBAL rpl_semi_sync_master_enabled = 0',
    `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port}, MASTER_USER = 'repl', MASTER_PASSWORD = '${t.replPassword}', MASTER_USE_GTID = ${usePos}, MASTER_CONNECT_RETRY = 1`,
    'START SLAVE',
  ]);
  await sql(primary, [
    'SET GLOBAL rpl_semi_sync_master_enabled = 1',
    "SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_SYNC'",
  ]);
  const end = Date.now() + 30_000;
  for (;;) {
    const [[s]] = await sql(replica, 'SHOW SLAVE STATUS');
    if (s?.Slave_IO_Running === 'Yes' && s?.Slave_SQL_Running === 'Yes') break;
    if (s?.Last_IO_Error || s?.Last_SQL_Error || Date.now() > end)
      throw new Error(
        `replication ${primary.name} → ${replica.name} is not running: ${s?.Last_IO_Error || s?.Last_SQL_Error || 'timeout'}`,
      );
    await sleep(200);
  }
  // Semi-sync takes effect once the replica's I/O thread has reconnected with it on.
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const [[v]] = await sql(primary, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients'");
    if (Number(v?.Value) > 0) break;
    await sleep(200);
  }
}

/** Promotes `b`: applies what its relay log received, stops replicating, writable; alone, so semi-sync is off. */
async function promote(b) {
  const [[s]] = await sql(b, 'SHOW SLAVE STATUS');
  if (s?.Gtid_IO_Pos) {
    const conn = await connect(b);
    try {
      await conn.query('SELECT MASTER_GTID_WAIT(?, 60) AS r', [s.Gtid_IO_Pos]);
    } finally {
      await conn.end();
    }
  }
  await sql(b, [
    'STOP SLAVE',
    'RESET SLAVE ALL',
    'SET GLOBAL rpl_semi_sync_slave_enabled = 0',
    'SET GLOBAL rpl_semi_sync_master_enabled = 0',
    'SET GLOBAL read_only = 0',
  ]);
}

const runtimeUrl = (b) =>
  `mysql://hub:${encodeURIComponent(process.env.HUB_MARIADB_PASSWORD || 'hub')}@127.0.0.1:${b.port}/hub`;
const ownerUrl = (b) =>
  `mysql://hub_owner:${encodeURIComponent(process.env.HUB_MARIADB_OWNER_PASSWORD || 'hub_owner')}@127.0.0.1:${b.port}/hub`;

// ---------------------------------------------------------------------------------------------------------------
// Blobs and the hub

/** Copies the blobs `from` has and `to` lacks (content-addressed: same name, same bytes). */
function syncBlobs(from, to) {
  let copied = 0;
  if (!existsSync(from)) return 0;
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const shard of readdirSync(from)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    mkdirSync(join(to, shard), { recursive: true, mode: 0o700 });
    for (const name of readdirSync(join(from, shard))) {
      if (existsSync(join(to, shard, name))) continue;
      copyFileSync(join(from, shard, name), join(to, shard, name));
      copied++;
    }
  }
  return copied;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** The hub's configuration (secrets, seal key) is the same in both buildings: made in A, copied to B. */
function prepareConfig(t) {
  const a = paths(t.buildings.A).data;
  prepareDataDir(a);
  loadSecrets(a, {});
  ensureSealKey(a, {});
  for (const b of ['B']) {
    const d = paths(t.buildings[b]).data;
    prepareDataDir(d);
    for (const f of ['secrets.json', 'seal-key.pem']) copyFileSync(join(a, f), join(d, f));
  }
}

/** Starts the hub in building `name` (a detached runner: this command returns, the hub keeps running). */
async function startHubIn(t, name, { mirror, seedDemo = false }) {
  const b = t.buildings[name];
  const p = paths(b);
  const hubFile = join(b.root, 'hub.json');
  rmSync(hubFile, { force: true });
  mkdirSync(p.log, { recursive: true });
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await freePort()])));
  const env = {
    ...process.env,
    HUB_BUILDING: name,
    HUB_DATABASE_URL: runtimeUrl(b),
    HUB_DATA_DIR: p.data,
    HUB_BLOB_DIR: p.blobs,
    HUB_GATEWAY_PORT: String(t.gatewayPort),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`HUB_${s.toUpperCase()}_PORT`, String(ports[s])])),
  };
  // The demo data is seeded once, at the first start; later starts (failover, switch) find it replicated.
  if (!seedDemo) env.HUB_SEED_DEMO = '0';
  delete env.HUB_MIGRATE_URL;
  delete env.HUB_BLOB_MIRROR_DIR;
  if (mirror) env.HUB_BLOB_MIRROR_DIR = paths(t.buildings[other(name)]).blobs;
  const out = openSync(join(p.log, 'hub.log'), 'a');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '__hub', hubFile], {
    env,
    stdio: ['ignore', out, out],
    detached: true,
    cwd: ROOT,
  });
  child.unref();
  const end = Date.now() + 120_000;
  while (!existsSync(hubFile)) {
    if (child.exitCode !== null || Date.now() > end)
      throw new Error(`the hub in building ${name} did not start; see ${join(p.log, 'hub.log')}`);
    await sleep(200);
  }
  return JSON.parse(readFileSync(hubFile, 'utf8'));
}

function hubOf(t, name) {
  const file = join(t.buildings[name].root, 'hub.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** A clean stop of the hub in `name` (SIGTERM to its runner, which stops every service). */
async function stopHubIn(t, name) {
  const hub = hubOf(t, name);
  if (!hub) return;
  if (alive(hub.runner)) {
    process.kill(hub.runner, 'SIGTERM');
    await waitGone(hub.runner, 30_000);
  }
  for (const pid of Object.values(hub.pids)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(join(t.buildings[name].root, 'hub.json'), { force: true });
}

async function gatewayReady(t) {
  try {
    const res = await fetch(`http://127.0.0.1:${t.gatewayPort}/ready`, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.json() };
  } catch (e) {
    return { status: 0, body: { error: e.message } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

const log = (m) => console.log(`[buildings] ${m}`);

export async function start(t = topology(), { fresh = false } = {}) {
  let state = readState(t);
  if (fresh && state) {
    await stop(t).catch(() => undefined);
    rmSync(t.dir, { recursive: true, force: true });
    state = null;
  }
  mkdirSync(t.dir, { recursive: true });
  if (state) {
    // The saved topology, in its roles: the replica resumes replicating by itself (its master info persists).
    for (const b of BUILDINGS) if (state.databases[b] !== 'lost') await startDb(t.buildings[b], state.databases[b]);
    const hub = await startHubIn(t, state.primary, { mirror: state.databases[other(state.primary)] === 'replica' });
    log(`started: building ${state.primary} serves at ${hub.url}`);
    return hub;
  }
  const A = t.buildings.A;
  const B = t.buildings.B;
  log('initialising the data directories of A and B');
  installDb(A);
  installDb(B);
  await startDb(A, 'primary');
  await startDb(B, 'replica');
  await sql(A, [
    `CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY '${t.replPassword}'`,
    "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'127.0.0.1'",
  ]);
  await replicate(t, B, A);
  log(`replication A (${A.port}) → B (${B.port}) running: GTID, strict mode, semi-synchronous (AFTER_SYNC)`);
  // The project's own set-up and schema steps, against A (B gets them through replication).
  const { setUpMariaDb } = await import('./mariadb.mjs');
  await setUpMariaDb({ adminUrl: `mysql://root@127.0.0.1:${A.port}` });
  const { migrateAll } = await import('./db-migrate.mjs');
  await migrateAll({ url: ownerUrl(A), log });
  prepareConfig(t);
  for (const b of BUILDINGS) mkdirSync(paths(t.buildings[b]).blobs, { recursive: true, mode: 0o700 });
  writeState(t, { primary: 'A', databases: { A: 'primary', B: 'replica' } });
  const hub = await startHubIn(t, 'A', { mirror: true, seedDemo: process.env.HUB_SEED_DEMO !== '0' });
  log(`hub in building A: ${hub.url} (database A, blobs A mirrored into B)`);
  return hub;
}

/** Building `name` is lost: SIGKILL to its mariadbd and every hub process there. */
export async function kill(t = topology(), name = 'A') {
  const b = t.buildings[name];
  const killed = [];
  const hub = hubOf(t, name);
  for (const pid of hub ? [hub.runner, ...Object.values(hub.pids)] : []) {
    if (alive(pid)) {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    }
  }
  const dbPid = readPid(join(paths(b).run, 'mariadbd.pid'));
  if (alive(dbPid)) {
    process.kill(dbPid, 'SIGKILL');
    killed.push(dbPid);
  }
  for (const pid of killed) await waitGone(pid, 10_000);
  rmSync(join(b.root, 'hub.json'), { force: true });
  const state = readState(t);
  if (state)
    writeState(t, { ...state, databases: { ...state.databases, [name]: 'lost' }, killedAt: Date.now(), killed: name });
  log(`building ${name} killed (SIGKILL): ${killed.length} processes`);
  return killed;
}

/** Promotes the surviving building's database and starts the hub there, on its own stores. */
export async function failover(t = topology()) {
  const state = readState(t);
  if (!state) throw new Error('no topology here: `start` first');
  const lost = state.primary;
  const to = other(lost);
  // Only a lost primary calls for a failover; a lost replica is rebuilt while the primary goes on serving.
  if (state.databases[lost] !== 'lost')
    throw new Error(`building ${lost} (the primary) is not lost: nothing to fail over (a planned move is \`switch\`)`);
  if (state.databases[to] !== 'replica')
    throw new Error(`building ${to} is ${state.databases[to]}, not a replica that could take over`);
  const started = Date.now();
  await promote(t.buildings[to]);
  writeState(t, { ...state, primary: to, databases: { [lost]: 'lost', [to]: 'primary' } });
  const hub = await startHubIn(t, to, { mirror: false });
  const now = Date.now();
  const figures = {
    promotedAndServingMs: now - started,
    killToServingMs: state.killedAt ? now - state.killedAt : null,
  };
  log(
    `building ${to} promoted and serving at ${hub.url} (${figures.promotedAndServingMs} ms${figures.killToServingMs !== null ? `; ${figures.killToServingMs} ms after the kill` : ''})`,
  );
  return { hub, ...figures };
}

/** Rebuilds the lost building as a replica of the serving one (fresh data dir from a consistent dump). */
export async function rebuild(t = topology()) {
  const state = readState(t);
  const from = state.primary;
  const to = other(from);
  const P = t.buildings[from];
  const R = t.buildings[to];
  await kill(t, to).catch(() => undefined); // whatever is left of it (a half-dead server)
  installDb(R);
  await startDb(R, 'replica');
  // Accounts of the rebuilt server, written outside its binlog history (RESET MASTER below).
  await sql(R, [
    `CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY '${t.replPassword}'`,
    "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'127.0.0.1'",
  ]);
  const { setUpMariaDb } = await import('./mariadb.mjs');
  await setUpMariaDb({ adminUrl: `mysql://root@127.0.0.1:${R.port}`, createDatabases: false });
  const dumpFile = join(R.root, 'rebuild.sql');
  const dump = spawnSync(
    'sh',
    [
      '-c',
      `mariadb-dump -h127.0.0.1 -P${P.port} -uroot --single-transaction --gtid --master-data=2 --triggers --routines --databases ${SUBGRAPHS.map((s) => `hub_${s}`).join(' ')} > '${dumpFile}'`,
    ],
    { encoding: 'utf8' },
  );
  if (dump.status !== 0) throw new Error(`mariadb-dump of building ${from} failed: ${dump.stderr}`);
  const pos = /SET GLOBAL gtid_slave_pos='([^']*)'/.exec(readFileSync(dumpFile, 'utf8'))?.[1];
  if (pos === undefined) throw new Error('the dump carries no GTID position');
  const load = spawnSync(
    'sh',
    ['-c', `mariadb -h127.0.0.1 -P${R.port} -uroot --init-command='SET SESSION sql_log_bin = 0' < '${dumpFile}'`],
    { encoding: 'utf8' },
  );
  if (load.status !== 0) throw new Error(`loading the dump into building ${to} failed: ${load.stderr}`);
  rmSync(dumpFile, { force: true });
  // Its history starts at the dump: the GTID state of the primary at that moment, so either can serve the other.
  await sql(R, ['RESET MASTER', `SET GLOBAL gtid_binlog_state = '${pos}'`, `SET GLOBAL gtid_slave_pos = '${pos}'`]);
  await replicate(t, R, P, 'slave_pos');
  const copied = syncBlobs(paths(P).blobs, paths(R).blobs);
  writeState(t, { primary: from, databases: { [from]: 'primary', [to]: 'replica' } });
  // The hub mirrors into the rebuilt store again (a restart of the hub: a short pause for clients).
  await stopHubIn(t, from);
  const hub = await startHubIn(t, from, { mirror: true });
  const late = syncBlobs(paths(P).blobs, paths(R).blobs);
  log(
    `building ${to} rebuilt as the replica of ${from} at GTID ${pos}; ${copied + late} blob(s) copied; the hub in ${from} mirrors into ${to} again`,
  );
  return { hub, position: pos, blobsCopied: copied + late };
}

/** Hands the roles over to `to` (default: the replica): a planned switch, nothing acknowledged is lost. */
export async function switchTo(t = topology(), to) {
  const state = readState(t);
  const from = state.primary;
  to ??= other(from);
  if (to === from) {
    log(`building ${to} is already the primary`);
    return { hub: hubOf(t, to), switchMs: 0 };
  }
  if (state.databases[to] !== 'replica')
    throw new Error(`building ${to} is not a replica (${state.databases[to]}): run \`rebuild\` first`);
  const started = Date.now();
  const P = t.buildings[from];
  const N = t.buildings[to];
  await stopHubIn(t, from);
  await sql(P, 'SET GLOBAL read_only = 1');
  const [[{ pos }]] = await sql(P, 'SELECT @@gtid_binlog_pos AS pos');
  const conn = await connect(N);
  try {
    const [[{ r }]] = await conn.query('SELECT MASTER_GTID_WAIT(?, 60) AS r', [pos]);
    if (Number(r) !== 0) throw new Error(`building ${to} did not catch up with ${from} (${pos})`);
  } finally {
    await conn.end();
  }
  await promote(N);
  await replicate(t, P, N, 'current_pos');
  syncBlobs(paths(P).blobs, paths(N).blobs);
  writeState(t, { primary: to, databases: { [to]: 'primary', [from]: 'replica' } });
  const hub = await startHubIn(t, to, { mirror: true });
  const switchMs = Date.now() - started;
  log(
    `roles switched: building ${to} serves at ${hub.url}, ${from} replicates from it (${switchMs} ms without service)`,
  );
  return { hub, switchMs };
}

export async function status(t = topology()) {
  const state = readState(t);
  const out = { dir: t.dir, primary: state?.primary ?? null, buildings: {}, gateway: await gatewayReady(t) };
  for (const name of BUILDINGS) {
    const b = t.buildings[name];
    const pid = readPid(join(paths(b).run, 'mariadbd.pid'));
    const info = {
      port: b.port,
      role: state?.databases?.[name] ?? null,
      mariadbd: alive(pid) ? pid : null,
      hub: hubOf(t, name)?.url ?? null,
    };
    if (info.mariadbd) {
      try {
        const [[v], [s], st] = await sql(b, [
          'SELECT @@read_only AS readOnly, @@gtid_current_pos AS gtid, @@gtid_strict_mode AS strict',
          'SHOW SLAVE STATUS',
          "SHOW GLOBAL STATUS WHERE Variable_name IN ('Rpl_semi_sync_master_status','Rpl_semi_sync_master_clients','Rpl_semi_sync_slave_status')",
        ]);
        Object.assign(info, { readOnly: !!Number(v.readOnly), gtid: v.gtid, gtidStrict: !!Number(v.strict) });
        if (s)
          info.replicating = {
            from: s.Master_Port,
            io: s.Slave_IO_Running,
            sql: s.Slave_SQL_Running,
            behind: s.Seconds_Behind_Master,
            error: s.Last_Error || s.Last_IO_Error || null,
          };
        info.semiSync = Object.fromEntries(st.map((r) => [r.Variable_name, r.Value]));
      } catch (e) {
        info.error = e.message;
      }
    }
    out.buildings[name] = info;
  }
  return out;
}

export async function stop(t = topology()) {
  for (const b of BUILDINGS) await stopHubIn(t, b);
  for (const b of BUILDINGS) await stopDb(t.buildings[b]);
  log('hub and both servers stopped (data kept: `start` resumes)');
}

/** The detached hub of one building: starts it (scripts/start.mjs) and writes its processes to `hubFile`. */
async function runHub(hubFile) {
  const { startHub } = await import('./start.mjs');
  const hub = await startHub({ quiet: false, log: (line) => console.log(line) });
  writeFileSync(
    hubFile,
    JSON.stringify(
      { runner: process.pid, url: hub.url, building: process.env.HUB_BUILDING, pids: hub.pids(), ports: hub.ports },
      null,
      2,
    ),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => void shutdown());
  const ended = await hub.exited;
  if (stopping) return;
  console.error(`[hub] ${ended.name} exited unexpectedly: stopping`);
  await hub.stop();
  process.exit(1);
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  const t = topology();
  switch (command) {
    case '__hub':
      return runHub(arg);
    case 'start':
      await start(t, { fresh: arg === '--fresh' });
      break;
    case 'status':
      console.log(JSON.stringify(await status(t), null, 2));
      break;
    case 'kill':
      await kill(t, arg ?? 'A');
      break;
    case 'failover':
      await failover(t);
      break;
    case 'rebuild':
      await rebuild(t);
      break;
    case 'switch':
      await switchTo(t, arg);
      break;
    case 'failback':
      await switchTo(t, 'A');
      break;
    case 'stop':
      await stop(t);
      break;
    default:
      console.error(
        'usage: npm run buildings -- start [--fresh] | status | kill [A|B] | failover | rebuild | switch [A|B] | failback | stop',
      );
      process.exit(2);
  }
  process.exit(0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[buildings] ${e.message}`);
    process.exit(1);
  });
}
