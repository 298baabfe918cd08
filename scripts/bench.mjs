#!/usr/bin/env node
// `npm run bench` (after the build; not part of npm test): throughput and latency of the hub on loopback.
//
// Starts the hub (scripts/start.mjs) on its own ports (4100–4104) with a fresh temporary data dir, logs in as
// mbk.clerk, registers 60 documents, then loads each case with autocannon: 10 connections for BENCH_SECONDS
// (default 10, at most 120) after a short warm-up. Prints a markdown table.
//
// Database: embedded SQLite by default. With HUB_DATABASE_URL=mysql://… the bench uses its own databases,
// `<prefix>_bench_<subgraph>`, dropped before and after the run (BENCH_KEEP_DB=1 keeps them).
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import kitGateway from '../subgraphs/kit/dist/gateway.js';
import { startHub } from './start.mjs';

const { signCallerAssertion, verifyAccessToken, CALLER_HEADER } = kitGateway;

const SECONDS = Math.min(Math.max(Number(process.env.BENCH_SECONDS || 10), 1), 120);
const WARMUP_SECONDS = Math.min(Math.max(Number(process.env.BENCH_WARMUP_SECONDS ?? 2), 0), 10);
const CONNECTIONS = 10;
const DOCUMENTS = 60;
const BENCH_PORTS = { HUB_GATEWAY_PORT: 4100, HUB_MUNICIPALITIES_PORT: 4101, HUB_USERS_PORT: 4102, HUB_FILING_PORT: 4103, HUB_ARCHIVES_PORT: 4104 };

const LIST_50 = '{ documents(first: 50) { edges { node { id referenceNumber subject registeredAt } } } }';
const TWO_HOP = '{ documents(first: 20) { edges { node { referenceNumber municipality { name competentArchive { name } } } } } }';
const REGISTER = `mutation Register($input: RegisterDocumentInput!) {
  registerDocument(input: $input) { document { id referenceNumber } }
}`;
const registerInput = (i) => ({
  subject: `Žádost o informace podle zákona 106/1999 Sb. (bench ${i})`,
  origin: 'RECEIVED',
  deliveredAt: new Date().toISOString(),
  sender: { name: 'Jan Novák' },
});

let hub;
let instance;
let cleanup = () => undefined;
const abort = new AbortController();
let starting = Promise.resolve(undefined);

async function gql(url, query, { headers = {}, variables } = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status} from ${url}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body };
}

function assertOk(what, { status, body }) {
  if (status !== 200 || body.errors?.length) {
    throw new Error(`${what} failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body).slice(0, 600)}`);
  }
  return body.data;
}

/** The bench's own MariaDB databases (`<prefix>_bench_*`), so a run never touches the hub's data. */
function benchDatabaseUrl(url) {
  const u = new URL(url);
  const prefix = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'hub';
  u.pathname = `/${prefix}_bench`;
  return u.toString();
}

async function dropBenchDatabases(url) {
  const { default: mysql } = await import('mysql2/promise');
  const u = new URL(url);
  const prefix = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    connectTimeout: 5000,
  });
  try {
    for (const s of ['municipalities', 'users', 'filing', 'archives']) await conn.query(`DROP DATABASE IF EXISTS \`${prefix}_${s}\``);
  } finally {
    await conn.end();
  }
}

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    instance = autocannon({ connections: CONNECTIONS, timeout: 10, ...opts }, (err, result) => {
      instance = undefined;
      if (err) reject(err);
      else resolve(result);
    });
  });
}

async function runCase(c) {
  // Warm-up request: the case must work before it is measured (and the gateway caches the query plan).
  const warm = await gql(c.url, c.query, { headers: c.headers(), variables: c.variables });
  assertOk(`warm-up of "${c.name}"`, warm);

  const request = {
    method: 'POST',
    path: new URL(c.url).pathname,
    headers: { 'content-type': 'application/json', ...c.headers() },
    body: JSON.stringify({ query: c.query, variables: c.variables }),
    // Only cases whose headers change (the direct subgraph case re-signs its caller assertion) rebuild.
    ...(c.dynamicHeaders ? { setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...c.headers() } }) } : {}),
  };
  const common = {
    url: new URL(c.url).origin,
    requests: [request],
    // 200 with an `errors` member is a failure too: counted as a mismatch.
    verifyBody: (body) => !body.includes('"errors"'),
  };
  if (WARMUP_SECONDS > 0) await runAutocannon({ ...common, duration: WARMUP_SECONDS });
  const r = await runAutocannon({ ...common, duration: SECONDS });
  return {
    name: c.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    gqlErrors: r.mismatches,
  };
}

function table(rows) {
  const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
  // autocannon measures latency in whole milliseconds.
  const ms = (n) => (n === 0 ? '<1' : fmt(n));
  const lines = [
    '| case | req/s | p50 ms | p99 ms | requests | non-2xx | conn. errors/timeouts | GraphQL errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors} | ${r.gqlErrors} |`),
  ];
  return lines.join('\n');
}

async function main() {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(BENCH_PORTS)) env[k] ??= String(v);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const mariadb = env.HUB_DATABASE_URL && !env.HUB_DATABASE_URL.startsWith('sqlite:');
  if (env.HUB_DATABASE_URL?.startsWith('sqlite:') && env.HUB_DATABASE_URL !== 'sqlite::memory:') env.HUB_DATABASE_URL = 'sqlite:'; // fresh files in dataDir
  if (mariadb) {
    env.HUB_DATABASE_URL = benchDatabaseUrl(env.HUB_DATABASE_URL);
    await dropBenchDatabases(env.HUB_DATABASE_URL);
  }
  cleanup = async () => {
    if (mariadb && process.env.BENCH_KEEP_DB !== '1') await dropBenchDatabases(env.HUB_DATABASE_URL).catch((e) => console.error(`[bench] could not drop the bench databases: ${e.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  };

  console.error(`[bench] starting the hub (data dir ${dataDir})…`);
  starting = startHub({ dataDir, env, quiet: true, log: (line) => console.error(line), signal: abort.signal });
  hub = await starting;
  hub.exited.then(({ name, code, signal }) => {
    console.error(`[bench] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
    instance?.stop();
  });
  const filingUrl = `http://127.0.0.1:${hub.ports.filing}/graphql`;

  const login = assertOk(
    'login as mbk.clerk',
    await gql(hub.url, 'mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }'),
  );
  const token = login.login.token;
  const caller = verifyAccessToken(token, hub.secrets.HUB_TOKEN_SECRET);
  if (!caller) throw new Error('the token from login does not verify with the hub token secret');
  const auth = { authorization: `Bearer ${token}` };

  console.error(`[bench] registering ${DOCUMENTS} documents…`);
  for (let i = 1; i <= DOCUMENTS; i++) {
    assertOk(`registerDocument #${i}`, await gql(hub.url, REGISTER, { headers: auth, variables: { input: registerInput(i) } }));
  }

  // Assertions live 60 s: re-sign once a second for the direct subgraph case.
  let assertion = { at: 0, value: '' };
  const callerHeader = () => {
    const now = Date.now();
    if (now - assertion.at >= 1000) assertion = { at: now, value: signCallerAssertion(caller, hub.secrets.HUB_GATEWAY_SECRET, now) };
    return { [CALLER_HEADER]: assertion.value };
  };

  const cases = [
    { name: '`{ __typename }` via gateway', url: hub.url, query: '{ __typename }', headers: () => auth },
    { name: 'documents(first: 50), direct to filing', url: filingUrl, query: LIST_50, headers: callerHeader, dynamicHeaders: true },
    { name: 'documents(first: 50) via gateway', url: hub.url, query: LIST_50, headers: () => auth },
    { name: '2-hop: documents(first: 20) → municipality → competentArchive via gateway', url: hub.url, query: TWO_HOP, headers: () => auth },
    { name: 'registerDocument via gateway', url: hub.url, query: REGISTER, variables: { input: registerInput(0) }, headers: () => auth },
  ];

  const rows = [];
  for (const c of cases) {
    console.error(`[bench] ${c.name}: ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    rows.push(await runCase(c));
  }

  const cpu = cpus();
  console.log(
    [
      '',
      `Machine: ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
        `database: ${hub.databaseKind === 'sqlite' ? 'SQLite (embedded, files)' : `MariaDB (${hub.database})`}`,
      `autocannon ${CONNECTIONS} connections, ${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up, 127.0.0.1; ` +
        `${DOCUMENTS} documents registered before the read cases; load generator and hub share the machine.`,
      '',
      table(rows),
      '',
    ].join('\n'),
  );
  const failed = rows.filter((r) => r.non2xx || r.errors || r.gqlErrors);
  if (failed.length) console.error(`[bench] warning: failures under load in: ${failed.map((r) => r.name).join('; ')}`);
}

let interrupted = false;
for (const s of ['SIGINT', 'SIGTERM']) {
  process.on(s, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${s}: stopping`);
    abort.abort();
    instance?.stop();
    starting
      .catch(() => undefined)
      .then((h) => h?.stop())
      .then(() => cleanup())
      .finally(() => process.exit(130));
  });
}

main()
  .then(
    () => 0,
    (e) => {
      console.error(`[bench] ${e.message}`);
      return 1;
    },
  )
  .then(async (code) => {
    if (interrupted) return;
    await hub?.stop();
    await cleanup();
    process.exit(code);
  });
