#!/usr/bin/env node
// `npm start` (after the build): runs the four subgraphs and the gateway as child processes on loopback.
//
// - Keys: HUB_TOKEN_SECRET, HUB_PEER_SECRET, HUB_SERVICE_SECRET, HUB_WEBHOOK_KEY (filing: encrypts webhook signing
//   secrets) and the gateway's Ed25519 pair
//   (HUB_GATEWAY_PRIVATE_KEY / HUB_GATEWAY_PUBLIC_KEY) from the environment, else `<data dir>/secrets.json`
//   (created on the first start, mode 0600); each child gets only the keys it uses. Data dir: HUB_DATA_DIR or ./data.
// - Seal key of the transaction log's daily renditions: HUB_SEAL_PRIVATE_KEY_FILE, else `<data dir>/seal-key.pem`
//   (an Ed25519 private key, created on the first start, mode 0600).
// - Database: HUB_DATABASE_URL is passed to the children unchanged (unset: SQLite files in the data dir). SQLite:
//   each service builds its schema at start. MariaDB: the services only check that the schema is at their release;
//   with HUB_MIGRATE_URL (the owner account) set, `npm run db:migrate` runs here first (scripts/db-migrate.mjs).
// - File modes: the hub runs with umask 077 (the children inherit it); the data dir is 0700 and what is directly in
//   it 0600 (directories 0700), also when an earlier release created it 0755/0644 (README, Files).
// - Ctrl-C / SIGTERM: SIGTERM to every child, SIGKILL after 10 s, exit 0. A child that dies on its own
//   stops the others and exits 1.
//
// `startHub()` is also used by scripts/bench.mjs.
import { spawn } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import kitConfig from '../subgraphs/kit/dist/config.js';
import kitDemo from '../subgraphs/kit/dist/demo.js';
import fileModes from '../subgraphs/kit/dist/file-modes.js';

const { portOf, HOST, SUBGRAPH_NAMES } = kitConfig;
const { DEMO_RECORDS_MUNICIPALITIES } = kitDemo;
const { ensurePrivateDir, restrictNewFiles, tightenFile } = fileModes;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** The demo's local ISDS (README, "Data boxes"): a fixed port, so the walkthrough's curl lines work. */
export const LOCAL_ISDS_PORT = 4110;
/** Symmetric secrets: 48 random bytes, base64url, when generated. */
const SECRET_NAMES = ['HUB_TOKEN_SECRET', 'HUB_PEER_SECRET', 'HUB_SERVICE_SECRET', 'HUB_WEBHOOK_KEY'];
/** The gateway's Ed25519 pair for caller assertions (PEM). */
const KEY_PAIR_NAMES = ['HUB_GATEWAY_PRIVATE_KEY', 'HUB_GATEWAY_PUBLIC_KEY'];

/**
 * Which process gets which key (docs/architecture.md, "Identity"): the gateway verifies tokens and signs caller
 * assertions; the subgraphs verify those with the public key and sign peer and service assertions; only users
 * issues tokens. A process never receives a key it does not use.
 */
const KEYS_OF = {
  gateway: ['HUB_TOKEN_SECRET', 'HUB_TOKEN_PREVIOUS_SECRETS', 'HUB_GATEWAY_PRIVATE_KEY'],
  users: ['HUB_TOKEN_SECRET', 'HUB_GATEWAY_PUBLIC_KEY', 'HUB_PEER_SECRET', 'HUB_SERVICE_SECRET'],
  subgraph: ['HUB_GATEWAY_PUBLIC_KEY', 'HUB_PEER_SECRET', 'HUB_SERVICE_SECRET'],
  // Filing signs webhook deliveries with secrets it keeps encrypted under this key (modules/webhooks/signing.ts).
  filing: ['HUB_GATEWAY_PUBLIC_KEY', 'HUB_PEER_SECRET', 'HUB_SERVICE_SECRET', 'HUB_WEBHOOK_KEY'],
};
const ALL_KEY_NAMES = [...SECRET_NAMES, ...KEY_PAIR_NAMES, 'HUB_TOKEN_PREVIOUS_SECRETS', 'HUB_GATEWAY_SECRET'];

/** The environment of one service: the inherited one without any key, plus the keys that service uses. */
export function serviceEnv(name, baseEnv, secrets) {
  const env = { ...baseEnv };
  for (const n of ALL_KEY_NAMES) delete env[n];
  for (const n of KEYS_OF[name] ?? KEYS_OF.subgraph) if (secrets[n]) env[n] = secrets[n];
  return env;
}

/**
 * Keys from the environment, else from `<dataDir>/secrets.json`, generating what is missing (secrets: 48 random
 * bytes, base64url; the gateway's pair: Ed25519, PEM). The file is kept at mode 0600. HUB_TOKEN_PREVIOUS_SECRETS
 * (comma-separated, environment or file) lists token secrets that still verify after a rotation. An older file's
 * HUB_GATEWAY_SECRET (one secret for every purpose) is no longer used and is dropped.
 */
export function loadSecrets(dataDir, env = process.env) {
  const file = join(dataDir, 'secrets.json');
  const names = [...SECRET_NAMES, ...KEY_PAIR_NAMES];
  const fromEnv = Object.fromEntries(
    [...names, 'HUB_TOKEN_PREVIOUS_SECRETS'].filter((n) => env[n]).map((n) => [n, env[n]]),
  );
  // A private key alone in the environment: its public half follows from it.
  if (fromEnv.HUB_GATEWAY_PRIVATE_KEY && !fromEnv.HUB_GATEWAY_PUBLIC_KEY) {
    fromEnv.HUB_GATEWAY_PUBLIC_KEY = createPublicKey(fromEnv.HUB_GATEWAY_PRIVATE_KEY)
      .export({ type: 'spki', format: 'pem' })
      .toString();
  }
  let stored = {};
  if (names.some((n) => !fromEnv[n])) {
    if (existsSync(file)) {
      try {
        stored = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(
          `${file} is not valid JSON (${e.message}); fix or delete it (tokens signed with it become invalid)`,
          { cause: e },
        );
      }
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    }
    const missing = names.filter((n) => !fromEnv[n] && !stored[n]);
    if (missing.length || 'HUB_GATEWAY_SECRET' in stored) {
      for (const n of SECRET_NAMES) if (missing.includes(n)) stored[n] = randomBytes(48).toString('base64url');
      if (KEY_PAIR_NAMES.some((n) => missing.includes(n))) {
        if (fromEnv.HUB_GATEWAY_PRIVATE_KEY || fromEnv.HUB_GATEWAY_PUBLIC_KEY) {
          throw new Error('HUB_GATEWAY_PUBLIC_KEY without HUB_GATEWAY_PRIVATE_KEY: set both or neither');
        }
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        stored.HUB_GATEWAY_PRIVATE_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        stored.HUB_GATEWAY_PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      }
      delete stored.HUB_GATEWAY_SECRET;
      writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  const secrets = { ...stored, ...fromEnv };
  for (const n of SECRET_NAMES) {
    if (typeof secrets[n] !== 'string' || secrets[n].length < 32) {
      throw new Error(`${n} must be at least 32 characters (${fromEnv[n] ? 'environment' : file})`);
    }
  }
  if (new Set(SECRET_NAMES.map((n) => secrets[n])).size !== SECRET_NAMES.length) {
    throw new Error(`${SECRET_NAMES.join(', ')} must all differ: one key per purpose`);
  }
  const out = Object.fromEntries(names.map((n) => [n, secrets[n]]));
  if (secrets.HUB_TOKEN_PREVIOUS_SECRETS) out.HUB_TOKEN_PREVIOUS_SECRETS = secrets.HUB_TOKEN_PREVIOUS_SECRETS;
  return out;
}

/**
 * The path of the seal key (Ed25519 private key, PEM) for the children: HUB_SEAL_PRIVATE_KEY_FILE, else
 * `<dataDir>/seal-key.pem`, generated when missing. Losing it means later renditions get a new key id; older
 * ones still verify with the old public key.
 */
export function ensureSealKey(dataDir, env = process.env) {
  if (env.HUB_SEAL_PRIVATE_KEY_FILE) return env.HUB_SEAL_PRIVATE_KEY_FILE;
  const file = join(dataDir, 'seal-key.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return file;
}

/**
 * The data dir holds password hashes (SQLite), secrets, the seal key and the documents: 0700, created so when
 * missing. What an earlier release left in it world-readable is tightened: its files 0600, its directories 0700
 * (their contents are tightened by their owners: the SQLite files by each subgraph, the blob store by filing).
 */
export function prepareDataDir(dataDir) {
  ensurePrivateDir(dataDir);
  for (const name of readdirSync(dataDir)) tightenFile(join(dataDir, name));
}

/** Human-readable database in use, without a password. */
export function describeDatabase(env, dataDir) {
  const url = env.HUB_DATABASE_URL?.trim() || 'sqlite:';
  if (url === 'sqlite::memory:') return 'SQLite in memory (data is lost on stop)';
  if (url.startsWith('sqlite:')) return `SQLite files in ${resolve(url.slice('sqlite:'.length) || dataDir)}`;
  try {
    const u = new URL(url);
    const prefix = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'hub';
    return `MariaDB ${u.username || 'hub'}@${u.hostname}:${u.port || 3306}, databases ${prefix}_<subgraph>`;
  } catch {
    return 'HUB_DATABASE_URL (not a valid URL)';
  }
}

export function databaseKind(env = process.env) {
  const url = env.HUB_DATABASE_URL?.trim() || 'sqlite:';
  return url.startsWith('sqlite:') ? 'sqlite' : 'mariadb';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True when something accepts connections on the port. */
function portTaken(port) {
  return new Promise((resolvePort) => {
    const socket = connect({ host: HOST, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolvePort(true)));
    socket.once('timeout', () => (socket.destroy(), resolvePort(false)));
    socket.once('error', () => resolvePort(false));
  });
}

async function healthy(port) {
  try {
    const res = await fetch(`http://${HOST}:${port}/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * V8's young generation of each service: HUB_SEMI_SPACE_MB (default 2; 0: V8's own, which grows to 16 MB per
 * semi-space, 3 × that for the new space, and keeps it). Measured (issue 15, README Benchmarks): 2 MB takes about
 * 25 MB of RSS off every process at rest and after load, for no measurable CPU per request; the hub's requests leave
 * little alive after them, so small scavenges are cheap.
 */
export function semiSpaceArgs(env = process.env) {
  const raw = env.HUB_SEMI_SPACE_MB?.trim() || '2';
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0 || mb > 64)
    throw new Error(`HUB_SEMI_SPACE_MB must be a whole number of MB from 0 to 64 (got ${raw})`);
  return mb === 0 ? [] : [`--max-semi-space-size=${mb}`];
}

/**
 * Starts the hub. Resolves once the gateway answers /health.
 * @param {object} [opts]
 * @param {string} [opts.dataDir] default: env.HUB_DATA_DIR or ./data
 * @param {NodeJS.ProcessEnv} [opts.env] environment for the children (default process.env)
 * @param {boolean} [opts.quiet] hide the children's stdout (stderr is always shown)
 * @param {AbortSignal} [opts.signal] aborts a start in progress (stops what was started)
 * @param {boolean} [opts.localIsds] also run the local ISDS with the demo boxes and connect the demo municipalities to it
 * @param {(line: string) => void} [opts.log]
 * @param {(name: string) => string[]} [opts.nodeArgs] extra `node` options of a child by its name (the bench: --cpu-prof)
 * @param {number} [opts.stderrFd] the children's stderr goes straight to this file descriptor instead of through
 *   `log` (the bench: their access lines must not cost the load generator's CPU)
 * @returns {Promise<{ url: string, port: number, secrets: object, database: string, databaseKind: string, dataDir: string,
 *   ports: Record<string, number>, exited: Promise<{ name: string, code: number|null, signal: string|null }>, stop(): Promise<void>,
 *   pids(): Record<string, number>, addGateway(name: string, port: number, env?: object): Promise<string> }>}
 */
export async function startHub(opts = {}) {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line) => console.log(line));
  const dataDir = resolve(opts.dataDir ?? (env.HUB_DATA_DIR || 'data'));
  // Inherited by every child: whatever they (or libsql) create gets no group/other bits.
  restrictNewFiles();
  prepareDataDir(dataDir);
  const secrets = loadSecrets(dataDir, env);
  const sealKeyFile = ensureSealKey(dataDir, env);
  if (databaseKind(env) === 'mariadb' && env.HUB_MIGRATE_URL?.trim()) {
    // The schema step with the owner account, before any service runs (the services' account may not change it).
    const { migrateAll } = await import('./db-migrate.mjs');
    await migrateAll({ url: env.HUB_MIGRATE_URL.trim(), log });
  }

  const childEnv = {
    ...env,
    HUB_SEAL_PRIVATE_KEY_FILE: sealKeyFile,
    HUB_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    APOLLO_TELEMETRY_DISABLED: '1',
  };
  const v8Args = semiSpaceArgs(env);
  const services = [...SUBGRAPH_NAMES, 'gateway'];
  const ports = Object.fromEntries(services.map((s) => [s, portOf(s, childEnv)]));
  const entry = (s) => join(ROOT, s === 'gateway' ? 'gateway' : join('subgraphs', s), 'dist', 'main.js');

  for (const s of services) {
    if (!existsSync(entry(s))) throw new Error(`${entry(s)} is missing: run \`npm run build\` first`);
  }
  const taken = [];
  for (const s of services) if (await portTaken(ports[s])) taken.push(`${s} ${ports[s]}`);
  if (taken.length) {
    throw new Error(
      `port(s) in use on ${HOST}: ${taken.join(', ')} — is the hub already running? (HUB_<SERVICE>_PORT changes a port)`,
    );
  }

  /** @type {Map<string, import('node:child_process').ChildProcess>} */
  const children = new Map();
  let stopping = false;
  let reportExit;
  const exited = new Promise((r) => (reportExit = r));
  const exitedDuringStart = new Promise((_, reject) => {
    exited.then(({ name, code, signal }) =>
      reject(new Error(`${name} exited during start-up (${signal ?? `code ${code}`})`)),
    );
  });
  exitedDuringStart.catch(() => undefined);

  const killAll = () => {
    for (const c of children.values()) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  // Children run in their own process group (one SIGTERM from here, not a second SIGINT from the terminal);
  // make sure none outlives this process, whatever happens to it.
  process.once('exit', killAll);

  const spawnService = (name, extraEnv = {}, own = null) => {
    const service = name.startsWith('gateway') ? 'gateway' : name;
    const child = spawn(process.execPath, [...v8Args, ...(opts.nodeArgs?.(name) ?? []), own?.entry ?? entry(service)], {
      cwd: ROOT,
      env: own?.env ?? serviceEnv(service, { ...childEnv, ...extraEnv }, secrets),
      // The local ISDS's stdout carries its ready line, so it always comes through the pipe.
      stdio: ['ignore', 'pipe', own ? 'pipe' : (opts.stderrFd ?? 'pipe')],
      detached: true,
    });
    children.set(name, child);
    const prefix = `[${name}]`;
    const pipe = (stream, show) =>
      createInterface({ input: stream }).on('line', (line) => {
        if (show) log(line.startsWith(prefix) ? line : `${prefix} ${line}`);
      });
    pipe(child.stdout, !opts.quiet);
    if (child.stderr) pipe(child.stderr, true);
    child.once('exit', (code, signal) => {
      if (!stopping) reportExit({ name, code, signal });
    });
    child.once('error', (e) => {
      log(`[hub] ${name}: ${e.message}`);
      if (!stopping) reportExit({ name, code: null, signal: null });
    });
    return child;
  };

  const stop = async () => {
    if (stopping) return stopping;
    stopping = (async () => {
      const running = [...children.entries()].filter(
        ([, c]) => c.pid !== undefined && c.exitCode === null && c.signalCode === null,
      );
      await Promise.all(
        running.map(
          ([name, c]) =>
            new Promise((done) => {
              const force = setTimeout(() => {
                log(`[hub] ${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
                c.kill('SIGKILL');
              }, STOP_TIMEOUT_MS);
              c.once('exit', () => (clearTimeout(force), done()));
              if (c.exitCode !== null || c.signalCode !== null) return void (clearTimeout(force), done());
              c.kill('SIGTERM');
            }),
        ),
      );
      process.off('exit', killAll);
    })();
    return stopping;
  };

  /**
   * The local ISDS (tools/isds-fake) with the demo boxes, on loopback at HUB_LOCAL_ISDS_PORT (4110), and a connector
   * configuration for every demo municipality that keeps records here (`<data dir>/isds-local.json`, 0600; Basic with
   * the local ISDS's demo logins: box id / its DEFAULT_PASSWORD). Answers filing's environment for it.
   */
  const startLocalIsds = async () => {
    const entryFile = join(ROOT, 'tools', 'isds-fake', 'dist', 'main.js');
    if (!existsSync(entryFile)) throw new Error(`${entryFile} is missing: run \`npm run build\` first`);
    const port = Number(env.HUB_LOCAL_ISDS_PORT?.trim() || LOCAL_ISDS_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error('HUB_LOCAL_ISDS_PORT must be a port number');
    if (await portTaken(port))
      throw new Error(
        `port ${port} in use on ${HOST}: the local ISDS cannot start (HUB_LOCAL_ISDS_PORT changes it, HUB_LOCAL_ISDS=0 switches it off)`,
      );
    const { DEFAULT_PASSWORD } = (await import('../tools/isds-fake/dist/store.js')).default;
    const child = spawnService(
      'local-isds',
      {},
      {
        entry: entryFile,
        // No hub key: the fake is an outside system. Loopback only.
        env: {
          PATH: env.PATH ?? '',
          NODE_ENV: 'production',
          HUB_LOCAL_ISDS_PORT: String(port),
          HUB_LOCAL_ISDS_HOST: '127.0.0.1',
          HUB_LOCAL_ISDS_PKI_DIR: join(dataDir, 'local-isds'),
        },
      },
    );
    const ready = await Promise.race([
      new Promise((done) =>
        createInterface({ input: child.stdout }).on('line', (line) => {
          try {
            const info = JSON.parse(line);
            if (info?.url) done(info);
          } catch {
            /* an ordinary log line */
          }
        }),
      ),
      sleep(STARTUP_TIMEOUT_MS).then(() => Promise.reject(new Error('the local ISDS did not start'))),
      exitedDuringStart,
    ]);
    const file = join(dataDir, 'isds-local.json');
    const connections = DEMO_RECORDS_MUNICIPALITIES.map((m) => ({
      municipalityId: m.id,
      boxId: m.dataBoxId,
      authMode: 'BASIC',
      baseUrl: ready.url,
      username: m.dataBoxId,
      password: DEFAULT_PASSWORD,
    }));
    writeFileSync(file, JSON.stringify({ connections }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    log(`[hub] local ISDS: ${ready.url} (${ready.boxes} demo boxes; admin API ${ready.url}/_local/…)`);
    return { HUB_ISDS_CONFIG: file, HUB_ISDS_POLL_SECONDS: env.HUB_ISDS_POLL_SECONDS?.trim() || '10' };
  };

  let startFailed = false;
  const waitHealthy = async (names, deadline) => {
    const pending = new Set(names);
    while (pending.size && !startFailed) {
      if (opts.signal?.aborted) throw new Error('start aborted');
      if (Date.now() > deadline) {
        throw new Error(`not healthy within ${STARTUP_TIMEOUT_MS / 1000} s: ${[...pending].join(', ')}`);
      }
      await Promise.all([...pending].map(async (n) => (await healthy(ports[n])) && pending.delete(n)));
      if (pending.size) await Promise.race([sleep(250), exitedDuringStart]);
    }
  };

  try {
    // The demo's local ISDS first, so filing's data-box connector finds it (README, "Data boxes").
    const isdsEnv = opts.localIsds ? await startLocalIsds() : {};
    // Filing first: it receives every subgraph's audit events, so the others' relays find it up.
    const others = SUBGRAPH_NAMES.filter((n) => n !== 'filing');
    spawnService('filing', isdsEnv);
    await Promise.race([waitHealthy(['filing'], Date.now() + STARTUP_TIMEOUT_MS), exitedDuringStart]);
    for (const name of others) spawnService(name);
    await Promise.race([waitHealthy(others, Date.now() + STARTUP_TIMEOUT_MS), exitedDuringStart]);
    spawnService('gateway');
    await Promise.race([waitHealthy(['gateway'], Date.now() + STARTUP_TIMEOUT_MS), exitedDuringStart]);
  } catch (e) {
    startFailed = true;
    await stop();
    throw e;
  }

  return {
    url: `http://${HOST}:${ports.gateway}/graphql`,
    port: ports.gateway,
    ports,
    secrets,
    dataDir,
    database: describeDatabase(env, dataDir),
    databaseKind: databaseKind(env),
    exited,
    stop,
    /** The running processes' ids by service (the bench reads their memory). */
    pids: () =>
      Object.fromEntries(
        [...children].filter(([, c]) => c.pid !== undefined && c.exitCode === null).map(([n, c]) => [n, c.pid]),
      ),
    /**
     * Another gateway over the same subgraphs, on `port`, with `env` added (the bench compares settings side by side);
     * stopped with the hub. Resolves to its GraphQL URL once healthy.
     */
    async addGateway(name, port, env = {}) {
      if (!name.startsWith('gateway-') || children.has(name)) throw new Error(`addGateway: bad or taken name ${name}`);
      ports[name] = port;
      spawnService(name, { ...env, HUB_GATEWAY_PORT: String(port) });
      await waitHealthy([name], Date.now() + STARTUP_TIMEOUT_MS);
      return `http://${HOST}:${port}/graphql`;
    },
  };
}

async function main() {
  const abort = new AbortController();
  // The demo runs the local ISDS unless switched off or the connector is pointed at a real endpoint (HUB_ISDS_CONFIG).
  const localIsds = process.env.HUB_LOCAL_ISDS?.trim() !== '0' && !process.env.HUB_ISDS_CONFIG?.trim();
  const starting = startHub({ signal: abort.signal, localIsds });
  let exiting = false;
  const shutdown = async (signal) => {
    if (exiting) return;
    exiting = true;
    console.log(`\n[hub] ${signal}: stopping all services…`);
    abort.abort();
    const running = await starting.catch(() => null);
    if (running) await running.stop();
    console.log('[hub] stopped');
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void shutdown(s));

  let hub;
  try {
    hub = await starting;
  } catch (e) {
    if (exiting) return; // a signal arrived during start-up: shutdown() finishes
    console.error(`[hub] failed to start: ${e.message}`);
    process.exit(1);
  }
  if (exiting) return;

  console.log(
    [
      '',
      `[hub] ready: ${hub.url}`,
      `[hub] database: ${hub.database}`,
      `[hub] demo logins are listed in README.md, e.g. mbk.clerk / blansko-demo:`,
      `[hub]   mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }`,
      '[hub] Ctrl-C stops all services.',
      '',
    ].join('\n'),
  );

  const { name, code, signal } = await hub.exited;
  if (exiting) return;
  exiting = true;
  console.error(`[hub] ${name} exited unexpectedly (${signal ?? `code ${code}`}): stopping the other services`);
  await hub.stop();
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error('[hub]', e);
    process.exit(1);
  });
}
