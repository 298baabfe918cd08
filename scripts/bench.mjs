#!/usr/bin/env node
// `npm run bench` (after the build; not part of npm test): throughput and latency of the hub on loopback.
//
// Starts the hub (scripts/start.mjs) on its own ports (4100–4104) with a fresh temporary data dir, logs in as
// mbk.clerk, registers 60 documents, restarts the hub (memory at rest is measured after a restart, as in service),
// then loads each case with autocannon: 10 connections for BENCH_SECONDS (default 10, at most 120) after a short
// warm-up. Prints markdown tables.
//
// Gateway against its ceiling: `documents(first: 50)` and the 2-hop query via the gateway, each next to the same
// page straight from the filing subgraph (for the 2-hop query: filing's part of it, the documents with their
// municipality's id), and via a second gateway with in-flight deduplication off (port 4105, HUB_SUBGRAPH_DEDUP=0;
// BENCH_NODEDUP=0 leaves it out). The 2-hop query's plan is three fetches in sequence (filing, then municipalities'
// and archives' `_entities` for the 20 documents); each of the three is also loaded straight on its subgraph, and
// the "direct sequence" ceiling is their costs added up: 1 / (1/r_filing + 1/r_municipalities + 1/r_archives) req/s
// (what a client doing the plan's three calls itself would get on a saturated machine, where each call's cost is
// CPU time the calls share). The cases run interleaved, BENCH_ROUNDS slices each (default 5), so that the other
// work on a shared machine falls on all of them alike; the ratios gateway / direct come from the same run. Latency
// percentiles are computed over every response of a case. Memory: RSS of each process (/proc) at rest after the
// restart, and after the load; also PSS (/proc/<pid>/smaps_rollup), which counts the pages the processes share
// (node's own binary, about 40 MB in each RSS) once.
//
// The services' log lines go straight to a file (printed at the end), not through this process: re-printing every
// access line here would take the load generator's CPU, more for the gateway cases (one line per hop) than for the
// direct ones.
//
// Idle pauses (issue 15): BENCH_IDLE_SECONDS (default 60, 0 skips; at most 300) of bursts of the 2-hop query via
// the gateway (dedup off when it runs, so that many pooled subgraph sockets are used) separated by idle pauses
// around the keep-alive timeouts that matter (Node's 5 s, the gateway's idle 30 s), each pause followed by 10
// requests at once on kept-alive client connections; prints requests, socket errors and SERVICE_UNAVAILABLE answers.
//
// Database: embedded SQLite by default. With HUB_DATABASE_URL=mysql://… the bench uses its own databases,
// `<prefix>_bench_<subgraph>`, dropped before and after the run (BENCH_KEEP_DB=1 keeps them).
//
// The standard run ends with the blob store's throughput: BENCH_BLOB_MB-megabyte files (default 8) uploaded through
// the gateway's POST /uploads and downloaded through GET /downloads/component, BENCH_BLOB_FILES times (default 16),
// one at a time and 4 at once.
//
// Then one municipality attacks while another works (the gateway's query limits, README "Limits"): mbk.clerk fires the
// issue's nested documents → municipality → documents query and alias floods of 500 and 100 (BENCH_ATTACKERS at once, default 4,
// at most BENCH_ATTACK_MAX requests, default 20,000) while ouada.clerk (Adamov) lists 5 documents over 2 connections;
// the same list without the attack comes first. BENCH_ATTACK=only runs just this case, BENCH_ATTACK=0 skips it.
//
// Webhooks (issue 14 item 1): a receiver on 127.0.0.1 that fails ~30 % of attempts with HTTP 500, subscribed by
// mbk.admin to DOCUMENT_REGISTERED; BENCH_WEBHOOK_EVENTS documents (default 300) registered by 4 clients at once. Prints
// events/s delivered and p50/p95/p99 from each registration's answer (its commit) to the first 2xx-answered delivery,
// with attempts, injected failures, duplicates (same event id) and anything lost. The hub's retry settings are its
// defaults unless HUB_WEBHOOK_RETRY_BASE_MS / _MAX_MS are set. BENCH_WEBHOOKS=only runs just this case,
// BENCH_WEBHOOKS=0 skips it.
// The build of a disposal proposal of a district year (issue 11, item 7): a fresh process seeds
// BENCH_PROPOSAL_ENTITIES due records office items (default 5000) straight into an archives database of its own
// (SQLite file; BENCH_PROPOSAL_DB=mariadb: a throw-away MariaDB database on HUB_TEST_MARIADB_URL, as the tests use),
// opens the proposal with nothing built inline (filing's PIDs faked in-process: the peer call is not what is
// measured) and runs the build job to the end; prints entities/s of the build and the process's peak RSS (sampled
// every 20 ms) above its RSS before opening. BENCH_PROPOSAL=only runs just this case, BENCH_PROPOSAL=0 skips it.
//
// BENCH_VOLUME=1: the queries of a seeded district instead (`npm run seed:volume`, README "Benchmarks"), on the
// databases HUB_DATABASE_URL names (not copied, not dropped; the hub adds its demo users and municipalities there
// on the first start). Each case is a page of 50 via the gateway; p50/p95/p99 come from BENCH_VOLUME_REQUESTS
// (default 200) requests sent one after another after 20 warm-up requests, each request walking on from the
// previous page's endCursor (so they cover deep pages too), timed on the client; then autocannon (10 connections,
// BENCH_SECONDS) gives req/s on the first page. What no index serves (totalCount of a whole municipality) gets fewer
// requests, one at a time only. BENCH_VOLUME_CASES=search runs only the subject and sender searches (README "Search").
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kitGateway from '../subgraphs/kit/dist/gateway.js';
import { startHub } from './start.mjs';

const { signCallerAssertion, verifyAccessToken, CALLER_HEADER } = kitGateway;
const IDLE_SECONDS = Math.min(Math.max(Number(process.env.BENCH_IDLE_SECONDS ?? 60), 0), 300);

const SECONDS = Math.min(Math.max(Number(process.env.BENCH_SECONDS || 10), 1), 120);
const VOLUME = process.env.BENCH_VOLUME === '1';
const VOLUME_REQUESTS = Math.min(Math.max(Number(process.env.BENCH_VOLUME_REQUESTS || 200), 20), 10_000);
const VOLUME_CASES = process.env.BENCH_VOLUME_CASES ?? 'all';
const BLOB_BYTES = Math.min(Math.max(Number(process.env.BENCH_BLOB_MB || 8), 1), 40) * 1024 * 1024;
const BLOB_FILES = Math.min(Math.max(Number(process.env.BENCH_BLOB_FILES || 16), 4), 200);
const WARMUP_SECONDS = Math.min(Math.max(Number(process.env.BENCH_WARMUP_SECONDS ?? 2), 0), 10);
const CONNECTIONS = 10;
const DOCUMENTS = 60;
const ATTACK = process.env.BENCH_ATTACK ?? '1';
const ATTACKERS = Math.min(Math.max(Number(process.env.BENCH_ATTACKERS || 4), 1), 32);
const ATTACK_MAX = Math.min(Math.max(Number(process.env.BENCH_ATTACK_MAX || 20_000), 10), 1_000_000);
const ROUNDS = Math.min(Math.max(Number(process.env.BENCH_ROUNDS || 5), 1), 20);
const NODEDUP = process.env.BENCH_NODEDUP !== '0';
const WEBHOOKS = process.env.BENCH_WEBHOOKS ?? '1';
const WEBHOOK_EVENTS = Math.min(Math.max(Number(process.env.BENCH_WEBHOOK_EVENTS || 300), 10), 10_000);
const PROPOSAL = process.env.BENCH_PROPOSAL ?? '1';
const PROPOSAL_ENTITIES = Math.min(Math.max(Number(process.env.BENCH_PROPOSAL_ENTITIES || 5000), 100), 200_000);
const BENCH_PORTS = {
  HUB_GATEWAY_PORT: 4100,
  HUB_MUNICIPALITIES_PORT: 4101,
  HUB_USERS_PORT: 4102,
  HUB_FILING_PORT: 4103,
  HUB_ARCHIVES_PORT: 4104,
};
const NODEDUP_GATEWAY_PORT = 4105;

const LIST_50 = '{ documents(first: 50) { edges { node { id referenceNumber subject registeredAt } } } }';
const TWO_HOP =
  '{ documents(first: 20) { edges { node { referenceNumber municipality { name competentArchive { name } } } } } }';
/** The three fetches of TWO_HOP's query plan (@apollo/query-planner), as the gateway sends them. */
const TWO_HOP_FILING = '{ documents(first: 20) { edges { node { referenceNumber municipality { __typename id } } } } }';
const TWO_HOP_MUNICIPALITIES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Municipality { name competentArchive { __typename id } } } }';
const TWO_HOP_ARCHIVES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Archive { name } } }';
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
    for (const s of ['municipalities', 'users', 'filing', 'archives'])
      await conn.query(`DROP DATABASE IF EXISTS \`${prefix}_${s}\``);
  } finally {
    await conn.end();
  }
}

function runAutocannon(opts, onInstance) {
  return new Promise((resolve, reject) => {
    instance = autocannon({ connections: CONNECTIONS, timeout: 10, ...opts }, (err, result) => {
      instance = undefined;
      if (err) reject(err);
      else resolve(result);
    });
    onInstance?.(instance);
  });
}

/** The autocannon options of a case (after one request that must succeed: it also warms the gateway's plan cache). */
async function prepareCase(c) {
  const warm = await gql(c.url, c.query, { headers: c.headers(), variables: c.variables });
  assertOk(`warm-up of "${c.name}"`, warm);
  const request = {
    method: 'POST',
    path: new URL(c.url).pathname,
    headers: { 'content-type': 'application/json', ...c.headers() },
    body: JSON.stringify({ query: c.query, variables: c.variables }),
    ...(c.dynamicHeaders ? { setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...c.headers() } }) } : {}),
  };
  return {
    url: new URL(c.url).origin,
    requests: [request],
    verifyBody: (body) => !body.includes('"errors"'),
    ...(c.connections ? { connections: c.connections } : {}),
  };
}

/** Nearest-rank percentile of unsorted samples (sorts them). */
const percentileOf = (samples, p) =>
  percentile(
    samples.sort((a, b) => a - b),
    p,
  );

/**
 * Runs `cases` interleaved: a warm-up slice each, then ROUNDS rounds of `SECONDS / ROUNDS` seconds per case, in
 * turn. Each case's figures add up over its slices; latencies are every response's time.
 */
async function runInterleaved(cases, pids = () => ({})) {
  const prepared = [];
  for (const c of cases)
    prepared.push({
      c,
      opts: await prepareCase(c),
      total: 0,
      seconds: 0,
      latencies: [],
      non2xx: 0,
      errors: 0,
      gqlErrors: 0,
      cpu: 0,
    });
  if (WARMUP_SECONDS > 0) for (const p of prepared) await runAutocannon({ ...p.opts, duration: WARMUP_SECONDS });
  const slice = Math.max(SECONDS / ROUNDS, 1);
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order too, so no case always follows the same one.
    const order = round % 2 ? [...prepared].reverse() : prepared;
    for (const p of order) {
      const latencies = p.latencies;
      const cpu0 = cpuSecondsOf(pids());
      const r = await runAutocannon({ ...p.opts, duration: slice }, (inst) =>
        inst.on('response', (_client, _status, _bytes, ms) => latencies.push(ms)),
      );
      p.cpu += cpuSecondsOf(pids()) - cpu0;
      p.total += r.requests.total;
      p.seconds += r.duration;
      p.non2xx += r.non2xx;
      p.errors += r.errors + r.timeouts;
      p.gqlErrors += r.mismatches;
    }
  }
  return prepared.map((p) => ({
    name: p.c.name,
    key: p.c.key,
    rps: p.total / p.seconds,
    cpuMs: (1000 * p.cpu) / p.total,
    p50: percentileOf(p.latencies, 50),
    p99: percentileOf(p.latencies, 99),
    total: p.total,
    non2xx: p.non2xx,
    errors: p.errors,
    gqlErrors: p.gqlErrors,
  }));
}

/** Resident memory (VmRSS) of each process, in MB (Linux /proc). */
function rssOf(pids) {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        return [name, kb / 1024];
      } catch {
        return [name, NaN];
      }
    }),
  );
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, seconds) the hub's processes have used so far (/proc/<pid>/stat). Per request, it is the
 * figure a busy shared machine does not distort: there, req/s also depends on how many runnable processes a case
 * has (a chain of four gets more of the CPU than one process alone), CPU time per request does not.
 */
function cpuSecondsOf(pids) {
  let ticks = 0;
  for (const pid of Object.values(pids)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Proportional memory (Pss) of each process, in MB: pages shared by several processes count once in all. */
function pssOf(pids) {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      try {
        const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
        return [name, kb / 1024];
      } catch {
        return [name, NaN];
      }
    }),
  );
}

const memoryOf = (pids) => ({ rss: rssOf(pids), pss: pssOf(pids) });

/**
 * Bursts of `query` separated by idle pauses (IDLE_SECONDS in all): a pause lets the gateway's pooled subgraph
 * sockets and the client's kept-alive sockets go idle across the timeouts that matter; after each, 10 requests at
 * once on the client's kept-alive connections (undici's fetch), then a 2 s autocannon burst. Counts socket errors
 * (the client's), HTTP errors and GraphQL errors by code (a subgraph socket the gateway lost: SERVICE_UNAVAILABLE).
 */
async function idleCase(url, headers, query) {
  // 30.5 s early: past the gateway's idle timeout (30 s), within the default 60 s run.
  const pauses = [1, 30.5, 5.1, 4.9, 10, 2];
  const started = performance.now();
  const end = started + IDLE_SECONDS * 1000;
  const out = { requests: 0, socketErrors: 0, non2xx: 0, codes: {}, bursts: 0, pauses: [] };
  const once = async () => {
    try {
      const { status, body } = await gql(url, query, { headers });
      out.requests++;
      if (status !== 200) out.non2xx++;
      for (const e of body.errors ?? [])
        out.codes[e.extensions?.code ?? 'none'] = (out.codes[e.extensions?.code ?? 'none'] ?? 0) + 1;
    } catch (e) {
      out.requests++;
      out.socketErrors++;
      out.codes[`socket: ${e.cause?.code ?? e.name}`] = (out.codes[`socket: ${e.cause?.code ?? e.name}`] ?? 0) + 1;
    }
  };
  const opts = await prepareCase({ url, query, headers: () => headers });
  for (let i = 0; performance.now() < end; i++) {
    await Promise.all(Array.from({ length: 10 }, once));
    const r = await runAutocannon({ ...opts, duration: Math.max(1, Math.min(2, (end - performance.now()) / 1000)) });
    out.bursts++;
    out.requests += r.requests.total;
    out.socketErrors += r.errors + r.timeouts;
    out.non2xx += r.non2xx;
    if (r.mismatches) out.codes['GraphQL error (burst)'] = (out.codes['GraphQL error (burst)'] ?? 0) + r.mismatches;
    const pause = pauses[i % pauses.length];
    if (performance.now() + pause * 1000 >= end) break;
    out.pauses.push(pause);
    await new Promise((r) => setTimeout(r, pause * 1000));
  }
  await Promise.all(Array.from({ length: 10 }, once));
  const codes =
    Object.entries(out.codes)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'none';
  return [
    `Idle pauses: ${((performance.now() - started) / 1000).toFixed(0)} s of ${out.bursts} bursts (2 s, 10 connections) of the 2-hop query via ${url}, ` +
      `pauses of ${out.pauses.join(', ')} s, each followed by 10 requests at once on kept-alive connections:`,
    '',
    '| requests | socket errors | non-2xx | GraphQL errors by code |',
    '|---:|---:|---:|---|',
    `| ${out.requests} | ${out.socketErrors} | ${out.non2xx} | ${codes} |`,
  ].join('\n');
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
  if (c.connections) common.connections = c.connections;
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
    '| case | req/s | hub CPU ms / request | p50 ms | p99 ms | requests | non-2xx | conn. errors/timeouts | GraphQL errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.rps)} | ${Number.isFinite(r.cpuMs) ? r.cpuMs.toFixed(1) : '–'} | ${ms(r.p50)} | ${ms(r.p99)} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors} | ${r.gqlErrors} |`,
    ),
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// One municipality attacks, another one works: the gateway's query limits

/** The issue's query: 100 documents → their municipality → 100 documents each → … three levels. */
const NESTED = `{ documents(first: 100) { edges { node { id subject municipality {
  documents(first: 100) { edges { node { id subject municipality {
    documents(first: 100) { edges { node { id subject } } } } } } } } } } } }`;
/** 500 aliased pages of 100. */
const ALIAS_FLOOD = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: documents(first: 100) { edges { node { id subject } } }`).join(' ')} }`;
/** A flood in few enough tokens to be parsed: refused by the alias limit instead. */
const ALIAS_FLOOD_SHORT = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: documents(first: 100) { totalCount }`).join(' ')} }`;
const SMALL_LIST = '{ documents(first: 5) { edges { node { id referenceNumber subject } } } }';

async function attackCase(url) {
  const token = async (login) =>
    assertOk(
      `login as ${login}`,
      await gql(url, `mutation { login(login: "${login}", password: "blansko-demo") { token } }`),
    ).login.token;
  const attacker = { authorization: `Bearer ${await token('mbk.clerk')}` };
  const victim = { authorization: `Bearer ${await token('ouada.clerk')}` };
  for (let i = 1; i <= 5; i++)
    assertOk(
      `registerDocument for Adamov #${i}`,
      await gql(url, REGISTER, { headers: victim, variables: { input: registerInput(i) } }),
    );
  const measureVictim = (name) => runCase({ name, url, query: SMALL_LIST, headers: () => victim, connections: 2 });

  /**
   * Measures the victim's list while ATTACKERS loops send `operations` in turn as mbk.clerk (at most ATTACK_MAX in
   * all). `expected(body)` names the outcome a request should have (e.g. the refusing limit), or null when it did not.
   */
  async function under(name, operations, expected) {
    const outcome = { count: 0, unexpected: 0, kinds: {}, times: [] };
    let stop = false;
    const loop = async (w) => {
      for (let i = w; !stop && outcome.count + outcome.unexpected < ATTACK_MAX; i++) {
        const t0 = performance.now();
        const { body } = await gql(url, operations[i % operations.length], { headers: attacker });
        const ms = performance.now() - t0;
        const kind = expected(body);
        if (kind === null) outcome.unexpected++;
        else {
          outcome.count++;
          outcome.kinds[kind] = (outcome.kinds[kind] ?? 0) + 1;
          outcome.times.push(ms);
        }
      }
    };
    const loops = Array.from({ length: ATTACKERS }, (_, w) => loop(w));
    const started = performance.now();
    const victimRow = await measureVictim(name);
    stop = true;
    await Promise.all(loops);
    outcome.seconds = (performance.now() - started) / 1000;
    outcome.times.sort((a, b) => a - b);
    return { victimRow, outcome };
  }

  const quiet = await measureVictim('no other traffic');
  const attack = await under(
    `mbk.clerk sends the refused operations, ${ATTACKERS} at once`,
    [NESTED, ALIAS_FLOOD, ALIAS_FLOOD_SHORT],
    (body) => {
      const e = body.errors?.[0]?.extensions;
      return e?.code === 'QUERY_TOO_COMPLEX' ? e.limit : null;
    },
  );
  // The same request rate of the cheapest valid operation, for comparison: what any busy client costs.
  const control = await under(
    `mbk.clerk sends \`{ __typename }\` instead, ${ATTACKERS} at once`,
    ['{ __typename }'],
    (body) => (body.data?.__typename ? 'ok' : null),
  );

  const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
  const ms = (n) => (n === 0 ? '<1' : fmt(n));
  const summary = (what, o) =>
    `${what}: ${fmt(o.count)} in ${o.seconds.toFixed(1)} s (${Object.entries(o.kinds)
      .map(([k, v]) => `${k}: ${fmt(v)}`)
      .join(', ')}), ` +
    `answer p50 ${fmt(percentile(o.times, 50))} ms / p99 ${fmt(percentile(o.times, 99))} ms; other answers: ${o.unexpected}.`;
  return [
    `One municipality attacks, another works: ouada.clerk (Adamov) lists 5 documents (autocannon, 2 connections, ${SECONDS} s) while mbk.clerk ` +
      `sends the nested documents → municipality → documents query (3 levels of first: 100) and floods of 500 and 100 aliased documents(first: 100) in turn, ${ATTACKERS} requests at once.`,
    '',
    '| Adamov: documents(first: 5), while … | req/s | p50 ms | p99 ms | requests | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[quiet, attack.victimRow, control.victimRow].map(
      (r) =>
        `| ${r.name} | ${fmt(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors + r.gqlErrors} |`,
    ),
    '',
    summary('Refused with QUERY_TOO_COMPLEX', attack.outcome),
    summary('`{ __typename }` answered', control.outcome),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Blob store throughput through the gateway

/** Runs `task(i)` for i < count with at most `parallel` at once; resolves to the wall time in ms. */
async function timedPool(count, parallel, task) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - started;
}

async function blobThroughput(origin, auth, documentId) {
  const bytes = randomBytes(BLOB_BYTES);
  let uploads = 0;
  const upload = async () => {
    // Different bytes each time: the store is content-addressed and would keep one blob for equal files.
    const body = Buffer.from(bytes);
    body.writeUInt32BE(++uploads, 0);
    const res = await fetch(`${origin}/uploads?fileName=bench.bin`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body,
      signal: AbortSignal.timeout(120_000),
    });
    const json = await res.json();
    if (res.status !== 201)
      throw new Error(`upload failed (HTTP ${res.status}): ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const download = async (path) => {
    const res = await fetch(`${origin}${path}`, { headers: auth, signal: AbortSignal.timeout(120_000) });
    let bytes = 0;
    for await (const chunk of res.body) bytes += chunk.length;
    if (res.status !== 200 || bytes !== BLOB_BYTES)
      throw new Error(`download failed (HTTP ${res.status}, ${bytes} bytes)`);
  };
  const first = await upload();
  const attached = assertOk(
    'attachComponent',
    await gql(
      `${origin}/graphql`,
      `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { components { id downloadPath } } } }`,
      {
        headers: auth,
        variables: { d: documentId, u: first.uploadId },
      },
    ),
  );
  const path = attached.attachComponent.document.components.at(-1).downloadPath;
  await download(path); // warm-up
  const mb = (BLOB_BYTES * BLOB_FILES) / 1024 / 1024;
  const rows = [];
  for (const parallel of [1, 4]) {
    const up = await timedPool(BLOB_FILES, parallel, () => upload());
    const down = await timedPool(BLOB_FILES, parallel, () => download(path));
    rows.push({ parallel, up: mb / (up / 1000), down: mb / (down / 1000) });
  }
  return [
    `Blob store through the gateway: ${BLOB_FILES} files of ${BLOB_BYTES / 1024 / 1024} MB each way (local disk store, SHA-256 on upload, audit event per download).`,
    '',
    '| transfers at once | upload MB/s | download MB/s |',
    '|---:|---:|---:|',
    ...rows.map((r) => `| ${r.parallel} | ${r.up.toFixed(0)} | ${r.down.toFixed(0)} |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The build of a disposal proposal of a district year (issue 11, item 7): a fresh process seeds
// BENCH_PROPOSAL_ENTITIES due records office items (default 5000) straight into an archives database of its own
// (SQLite file; BENCH_PROPOSAL_DB=mariadb: a throw-away MariaDB database on HUB_TEST_MARIADB_URL, as the tests use),
// opens the proposal with nothing built inline (filing's PIDs faked in-process: the peer call is not what is
// measured) and runs the build job to the end; prints entities/s of the build and the process's peak RSS (sampled
// every 20 ms) above its RSS before opening. BENCH_PROPOSAL=only runs just this case, BENCH_PROPOSAL=0 skips it.
//
// BENCH_VOLUME=1: the queries of a seeded district

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const PAGE =
  'pageInfo { hasNextPage endCursor } edges { node { id referenceNumber subject registeredAt state sender { name } } }';

/**
 * One case, timed request by request: `variables(after)` builds the request for the page after `after` (null: the
 * first page), `connection(data)` finds the connection in the answer. Walks on through the pages, and starts again
 * from the first page at the end of the list.
 */
async function sequentialCase(c, requests) {
  let after = null;
  const times = [];
  let rows = 0;
  const warmup = Math.min(20, requests);
  for (let i = 0; i < warmup + requests; i++) {
    const t0 = performance.now();
    const res = await gql(c.url, c.query, { headers: c.headers(), variables: c.variables(after) });
    const ms = performance.now() - t0;
    const page = c.connection(assertOk(c.name, res));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    if (i >= warmup) {
      times.push(ms);
      rows += page.edges.length;
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1),
    rowsPerPage: rows / requests,
    requests,
  };
}

async function mainVolume() {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(BENCH_PORTS)) env[k] ??= String(v);
  if (!env.HUB_DATABASE_URL || env.HUB_DATABASE_URL === 'sqlite:' || env.HUB_DATABASE_URL === 'sqlite::memory:') {
    throw new Error(
      'BENCH_VOLUME=1 needs HUB_DATABASE_URL naming the seeded databases, e.g. mysql://hub:hub@127.0.0.1:3306/hub_volume (npm run seed:volume)',
    );
  }
  // Secrets and the seal key are throw-away; the data stays where HUB_DATABASE_URL says.
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-volume-'));
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  console.error(
    `[bench] starting the hub on the seeded data (${env.HUB_DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')})…`,
  );
  const startedAt = Date.now();
  starting = startHub({ dataDir, env, quiet: true, log: (line) => console.error(line), signal: abort.signal });
  hub = await starting;
  console.error(`[bench] hub up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  hub.exited.then(({ name, code, signal }) => {
    console.error(`[bench] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
    instance?.stop();
  });
  const token = async (login) =>
    assertOk(
      `login as ${login}`,
      await gql(hub.url, `mutation { login(login: "${login}", password: "blansko-demo") { token } }`),
    ).login.token;
  const clerk = { authorization: `Bearer ${await token('mbk.clerk')}` };
  const records = { authorization: `Bearer ${await token('mbk.records')}` };

  // What the seeded data holds: the last full year, a month of it, a frequent sender's data box.
  const year = new Date().getUTCFullYear() - 1;
  const probe = assertOk(
    'probe of the seeded data',
    await gql(
      hub.url,
      `query($y: Int!) { registerJournal(year: $y, first: 1) { totalCount }
      documents(first: 1, filter: { senderContains: "krajsky urad jihomoravskeho kraje" }) { edges { node { sender { dataBoxId } } } } }`,
      {
        headers: clerk,
        variables: { y: year },
      },
    ),
  );
  const entries = probe.registerJournal.totalCount;
  if (entries < 1000)
    throw new Error(
      `Blansko's podací deník ${year} has ${entries} entries: seed the district first (npm run seed:volume)`,
    );
  const box = probe.documents.edges[0]?.node.sender.dataBoxId;
  const documentsCase = (name, filter) => ({
    name,
    url: hub.url,
    headers: () => clerk,
    query: `query($f: DocumentFilter, $after: String) { documents(first: 50, after: $after, filter: $f) { ${PAGE} } }`,
    variables: (after) => ({ f: filter, after }),
    connection: (d) => d.documents,
  });
  const cases = [
    {
      name: `podací deník: registerJournal of Blansko ${year} (${entries.toLocaleString('en-US')} entries), in number order`,
      url: hub.url,
      headers: () => clerk,
      query: `query($y: Int!, $after: String) { registerJournal(year: $y, first: 50, after: $after) { ${PAGE} } }`,
      variables: (after) => ({ y: year, after }),
      connection: (d) => d.registerJournal,
    },
    documentsCase('documents, no filter (newest first)', null),
    documentsCase('documents, subject contains a common term ("žádost")', { subjectContains: 'žádost' }),
    documentsCase('documents, subject contains a rare term ("kolumbári")', { subjectContains: 'kolumbári' }),
    documentsCase(`documents, subject contains a rare term ("kolumbári") within a year (${year})`, {
      subjectContains: 'kolumbári',
      year,
    }),
    documentsCase('documents, subject contains two terms ("oprava kolumbária")', {
      subjectContains: 'oprava kolumbária',
    }),
    documentsCase('documents, sender contains "finanční úřad"', { senderContains: 'finanční úřad' }),
    documentsCase('documents, sender data box of Krajský úřad JMK', { senderDataBoxId: box }),
    documentsCase(`documents registered in March ${year}`, {
      registeredFrom: `${year}-03-01T00:00:00+01:00`,
      registeredTo: `${year}-04-01T00:00:00+02:00`,
    }),
    {
      name: `disposalForecast(year: ${year + 5}) as mbk.records`,
      url: hub.url,
      headers: () => records,
      query: `query($y: Int!, $after: String) { disposalForecast(year: $y, first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { referenceNumber title fullFilingCode disposalCode document { id } caseFile { id } } } } }`,
      variables: (after) => ({ y: year + 5, after }),
      connection: (d) => d.disposalForecast,
    },
  ];
  // The cases no index serves: fewer requests, one at a time only (10 connections would just queue behind them),
  // reported as they are.
  const slowCases = [
    {
      ...documentsCase('documents(first: 50) { totalCount } (counts all of Blansko)', null),
      query: `query($f: DocumentFilter, $after: String) { documents(first: 50, after: $after, filter: $f) { totalCount ${PAGE} } }`,
    },
  ];

  if (VOLUME_CASES === 'search') {
    cases.splice(0, cases.length, ...cases.filter((c) => / contains /.test(c.name)));
    slowCases.splice(0);
  }

  const rows = [];
  // The slow ones first, on a quiet hub: after a load phase, requests aborted by autocannon are still running.
  const slowRows = [];
  for (const c of slowCases) {
    const requests = c.requests ?? 10;
    console.error(`[bench] ${c.name}: ${requests} requests one after another…`);
    slowRows.push({
      ...(await sequentialCase(c, requests)),
      name: c.name,
      rps: NaN,
      loadP50: NaN,
      loadP99: NaN,
      failures: 0,
    });
  }
  for (const c of cases) {
    console.error(`[bench] ${c.name}: ${VOLUME_REQUESTS} requests one after another…`);
    const seq = await sequentialCase(c, VOLUME_REQUESTS);
    console.error(
      `[bench]   p50 ${seq.p50.toFixed(1)} / p95 ${seq.p95.toFixed(1)} / p99 ${seq.p99.toFixed(1)} ms; ${WARMUP_SECONDS} s warm-up + ${SECONDS} s under load…`,
    );
    const load = await runCase({ ...c, variables: c.variables(null) });
    rows.push({
      ...seq,
      name: c.name,
      rps: load.rps,
      loadP50: load.p50,
      loadP99: load.p99,
      failures: load.non2xx + load.errors + load.gqlErrors,
    });
  }

  const [docs] = await countSeeded(env.HUB_DATABASE_URL);
  const fmt = (n, digits = 0) =>
    Number.isFinite(n)
      ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : '–';
  const cpu = cpus();
  console.log(
    [
      '',
      `Machine: ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${hub.database}`,
      docs ? `Seeded data: ${fmt(docs.documents)} documents, ${fmt(docs.components)} components (${docs.server}).` : '',
      `Latency: ${VOLUME_REQUESTS} requests one after another per case (slow cases: fewer; after up to 20 warm-up), walking through the pages; ` +
        `req/s: autocannon, ${CONNECTIONS} connections, ${SECONDS} s, first page. Via the gateway, 127.0.0.1; load generator and hub share the machine.`,
      '',
      '| case (page of 50) | rows/page | p50 ms | p95 ms | p99 ms | req/s (10 conn.) | p50 / p99 ms under load |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...[...rows, ...slowRows].map(
        (r) =>
          `| ${r.name} | ${fmt(r.rowsPerPage)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.rps)} | ${fmt(r.loadP50)} / ${fmt(r.loadP99)} |`,
      ),
      '',
    ].join('\n'),
  );
  const failed = rows.filter((r) => r.failures);
  if (failed.length) console.error(`[bench] warning: failures under load in: ${failed.map((r) => r.name).join('; ')}`);
}

/** Row counts of the seeded filing database (MariaDB), for the report. */
async function countSeeded(url) {
  if (!/^(mysql|mariadb):/.test(url)) return [];
  const { default: mysql } = await import('mysql2/promise');
  const u = new URL(url);
  const prefix = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    const [[d]] = await conn.query(`select count(*) as n from \`${prefix}_filing\`.document`);
    const [[c]] = await conn.query(`select count(*) as n from \`${prefix}_filing\`.component`);
    const [[v]] = await conn.query('select version() as v, @@innodb_buffer_pool_size as bp');
    return [
      {
        documents: Number(d.n),
        components: Number(c.n),
        server: `MariaDB ${v.v}, innodb_buffer_pool_size ${Math.round(Number(v.bp) / 2 ** 20)} MB`,
      },
    ];
  } finally {
    await conn.end();
  }
}

/**
 * Webhook delivery under a receiver failing ~30 % of attempts: events/s and commit → delivery latency (see the header).
 * The receiver counts an event as delivered at its first 2xx answer; later copies (same id) are duplicates.
 */
async function webhookCase(url) {
  const admin = assertOk(
    'login as mbk.admin',
    await gql(url, 'mutation { login(login: "mbk.admin", password: "blansko-demo") { token } }'),
  ).login.token;
  const adminAuth = { authorization: `Bearer ${admin}` };
  const firstAt = new Map();
  let attempts = 0;
  let injected = 0;
  let duplicates = 0;
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      if (Math.random() < 0.3) {
        injected++;
        res.writeHead(500).end();
        return;
      }
      const { object } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (firstAt.has(object.id)) duplicates++;
      else firstAt.set(object.id, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    const client = assertOk(
      'createApiClient',
      await gql(url, 'mutation($i: CreateApiClientInput!) { createApiClient(input: $i) { clientId } }', {
        headers: adminAuth,
        variables: { i: { name: `Bench webhook ${Date.now()}`, roles: ['INTAKE_CLERK'] } },
      }),
    ).createApiClient.clientId;
    assertOk(
      'createWebhookSubscription',
      await gql(
        url,
        'mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret } }',
        {
          headers: adminAuth,
          variables: {
            i: {
              apiClientId: client,
              url: `http://127.0.0.1:${receiver.address().port}/hook`,
              eventTypes: ['DOCUMENT_REGISTERED'],
            },
          },
        },
      ),
    );
    const clerk = assertOk(
      'login as mbk.clerk',
      await gql(url, 'mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }'),
    ).login.token;
    const committedAt = new Map();
    const started = performance.now();
    await timedPool(WEBHOOK_EVENTS, 4, async (i) => {
      const r = assertOk(
        `registerDocument (webhook) #${i}`,
        await gql(url, REGISTER, {
          headers: { authorization: `Bearer ${clerk}` },
          variables: { input: registerInput(10_000 + i) },
        }),
      );
      committedAt.set(r.registerDocument.document.id, performance.now());
    });
    const registered = performance.now();
    const deadline = Date.now() + 180_000;
    while ([...committedAt.keys()].some((id) => !firstAt.has(id)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const ids = [...committedAt.keys()];
    const delivered = ids.filter((id) => firstAt.has(id));
    const latencies = delivered.map((id) => Math.max(0, firstAt.get(id) - committedAt.get(id))).sort((a, b) => a - b);
    const last = Math.max(...delivered.map((id) => firstAt.get(id)));
    const ms = (v) => (v === undefined ? '–' : v.toFixed(0));
    return [
      `Webhooks: ${WEBHOOK_EVENTS} registrations (4 clients at once) → a receiver on loopback failing ~30 % of attempts (HTTP 500); retry base ${process.env.HUB_WEBHOOK_RETRY_BASE_MS ?? 50} ms:`,
      '',
      '| events | delivered | lost | duplicates (same id) | attempts | injected failures | registrations/s | delivered events/s | min ms | p50 ms | p95 ms | p99 ms | max ms |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${ids.length} | ${delivered.length} | ${ids.length - delivered.length} | ${duplicates} | ${attempts} | ${injected} | ${(ids.length / ((registered - started) / 1000)).toFixed(1)} | ` +
        `${(delivered.length / ((last - started) / 1000)).toFixed(1)} | ${ms(latencies[0])} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(percentile(latencies, 99))} | ${ms(latencies.at(-1))} |`,
      '',
      "Latency: from the registration's answer (its commit) to the receiver's first 2xx answer for that event (relay into the log, dispatcher tick, retries).",
    ].join('\n');
  } finally {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }
}

async function main() {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(BENCH_PORTS)) env[k] ??= String(v);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const mariadb = env.HUB_DATABASE_URL && !env.HUB_DATABASE_URL.startsWith('sqlite:');
  if (env.HUB_DATABASE_URL?.startsWith('sqlite:') && env.HUB_DATABASE_URL !== 'sqlite::memory:')
    env.HUB_DATABASE_URL = 'sqlite:'; // fresh files in dataDir
  if (mariadb) {
    env.HUB_DATABASE_URL = benchDatabaseUrl(env.HUB_DATABASE_URL);
    await dropBenchDatabases(env.HUB_DATABASE_URL);
  }
  cleanup = async () => {
    if (mariadb && process.env.BENCH_KEEP_DB !== '1')
      await dropBenchDatabases(env.HUB_DATABASE_URL).catch((e) =>
        console.error(`[bench] could not drop the bench databases: ${e.message}`),
      );
    rmSync(dataDir, { recursive: true, force: true });
  };

  const logFile = join(tmpdir(), `hub-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const logFd = openSync(logFile, 'a', 0o600);
  console.error(`[bench] starting the hub (data dir ${dataDir}; the services' logs: ${logFile})…`);
  const start = () => {
    starting = startHub({
      dataDir,
      env,
      quiet: true,
      log: (line) => console.error(line),
      signal: abort.signal,
      stderrFd: logFd,
    });
    return starting;
  };
  hub = await start();
  const filingUrl = `http://127.0.0.1:${hub.ports.filing}/graphql`;

  let login = assertOk(
    'login as mbk.clerk',
    await gql(hub.url, 'mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }'),
  );
  let auth = { authorization: `Bearer ${login.login.token}` };

  console.error(`[bench] registering ${DOCUMENTS} documents…`);
  for (let i = 1; i <= DOCUMENTS; i++) {
    assertOk(
      `registerDocument #${i}`,
      await gql(hub.url, REGISTER, { headers: auth, variables: { input: registerInput(i) } }),
    );
  }
  const afterFirstStart = memoryOf(hub.pids());

  // Memory at rest is what a restarted service holds (the first start seeds the demo data and hashes its passwords).
  console.error('[bench] restarting the hub…');
  await hub.stop();
  hub = await start();
  hub.exited.then(({ name, code, signal }) => {
    console.error(`[bench] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
    instance?.stop();
  });
  await new Promise((r) => setTimeout(r, 3000));
  const atRest = memoryOf(hub.pids());

  login = assertOk(
    'login as mbk.clerk',
    await gql(hub.url, 'mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }'),
  );
  const token = login.login.token;
  auth = { authorization: `Bearer ${token}` };
  const caller = await verifyAccessToken(token, hub.secrets.HUB_TOKEN_SECRET);
  if (!caller) throw new Error('the token from login does not verify with the hub token secret');
  const noDedupUrl = NODEDUP
    ? await hub.addGateway('gateway-nodedup', NODEDUP_GATEWAY_PORT, { HUB_SUBGRAPH_DEDUP: '0' })
    : null;

  // Assertions live 15 s and are bound to filing's /graphql: re-sign once a second for the direct subgraph case
  // (autocannon asks for headers synchronously, so the latest one is kept at hand).
  const direct = ['filing', 'municipalities', 'archives'];
  const signDirect = (subgraph) =>
    signCallerAssertion(caller, hub.secrets.HUB_GATEWAY_PRIVATE_KEY, { subgraph, route: '/graphql' });
  const assertions = Object.fromEntries(await Promise.all(direct.map(async (s) => [s, await signDirect(s)])));
  const refreshAssertion = setInterval(
    () => void Promise.all(direct.map(async (s) => (assertions[s] = await signDirect(s)))),
    1000,
  );
  refreshAssertion.unref();
  const callerHeader = () => ({ [CALLER_HEADER]: assertions.filing });
  const directUrl = (s) => `http://127.0.0.1:${hub.ports[s]}/graphql`;
  // The representations the plan's second and third fetches carry: one per document (the gateway sends them as they
  // come, one per entity, without merging equal ones).
  const filingPart = assertOk("2-hop, filing's part", await gql(filingUrl, TWO_HOP_FILING, { headers: callerHeader() }))
    .documents.edges;
  const municipalityReps = filingPart.map((e) => ({ __typename: 'Municipality', id: e.node.municipality.id }));
  const municipalitiesPart = assertOk(
    "2-hop, municipalities' part",
    await gql(directUrl('municipalities'), TWO_HOP_MUNICIPALITIES, {
      headers: { [CALLER_HEADER]: assertions.municipalities },
      variables: { representations: municipalityReps },
    }),
  )._entities;
  const archiveReps = municipalitiesPart.map((m) => ({ __typename: 'Archive', id: m.competentArchive.id }));

  const interleaved = [
    {
      key: 'list-direct',
      name: 'documents(first: 50), direct to filing',
      url: filingUrl,
      query: LIST_50,
      headers: callerHeader,
      dynamicHeaders: true,
    },
    { key: 'list-gw', name: 'documents(first: 50) via gateway', url: hub.url, query: LIST_50, headers: () => auth },
    ...(noDedupUrl
      ? [
          {
            key: 'list-nodedup',
            name: 'documents(first: 50) via gateway, dedup off',
            url: noDedupUrl,
            query: LIST_50,
            headers: () => auth,
          },
        ]
      : []),
    {
      key: '2hop-direct',
      name: "2-hop, filing's part (documents(first: 20) → municipality { id }), direct to filing",
      url: filingUrl,
      query: TWO_HOP_FILING,
      headers: callerHeader,
      dynamicHeaders: true,
    },
    {
      key: '2hop-direct-municipalities',
      name: "2-hop, municipalities' part (_entities × 20), direct",
      url: directUrl('municipalities'),
      query: TWO_HOP_MUNICIPALITIES,
      variables: { representations: municipalityReps },
      headers: () => ({ [CALLER_HEADER]: assertions.municipalities }),
      dynamicHeaders: true,
    },
    {
      key: '2hop-direct-archives',
      name: "2-hop, archives' part (_entities × 20), direct",
      url: directUrl('archives'),
      query: TWO_HOP_ARCHIVES,
      variables: { representations: archiveReps },
      headers: () => ({ [CALLER_HEADER]: assertions.archives }),
      dynamicHeaders: true,
    },
    {
      key: '2hop-gw',
      name: '2-hop: documents(first: 20) → municipality → competentArchive via gateway',
      url: hub.url,
      query: TWO_HOP,
      headers: () => auth,
    },
    ...(noDedupUrl
      ? [
          {
            key: '2hop-nodedup',
            name: '2-hop via gateway, dedup off',
            url: noDedupUrl,
            query: TWO_HOP,
            headers: () => auth,
          },
        ]
      : []),
  ];
  const cases = [
    { name: '`{ __typename }` via gateway', url: hub.url, query: '{ __typename }', headers: () => auth },
    {
      name: 'registerDocument via gateway',
      url: hub.url,
      query: REGISTER,
      variables: { input: registerInput(0) },
      headers: () => auth,
    },
  ];

  const loadAtStart = loadavg();
  let rows = [];
  const webhookOnly = WEBHOOKS === 'only';
  const attackOnly = ATTACK === 'only' || webhookOnly;
  if (!attackOnly) {
    console.error(
      `[bench] ${interleaved.length} cases interleaved: ${WARMUP_SECONDS} s warm-up each, then ${ROUNDS} rounds, ${SECONDS} s per case in all…`,
    );
    rows = await runInterleaved(interleaved, () => hub.pids());
    for (const c of cases) {
      console.error(`[bench] ${c.name}: ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
      rows.push(await runCase(c));
    }
  }
  const afterLoad = memoryOf(hub.pids());
  let idle = '';
  if (IDLE_SECONDS > 0 && !attackOnly) {
    console.error(`[bench] idle pauses: ${IDLE_SECONDS} s of bursts and pauses…`);
    idle = await idleCase(noDedupUrl ?? hub.url, auth, TWO_HOP);
  }
  let attack = '';
  if (ATTACK !== '0' && !webhookOnly) {
    console.error(`[bench] one municipality attacks, another works: ${3 * (WARMUP_SECONDS + SECONDS)} s…`);
    attack = await attackCase(hub.url);
  }
  let blobs = '';
  if (!attackOnly && process.env.BENCH_BLOBS !== '0') {
    console.error(`[bench] blob store: ${BLOB_FILES} × ${BLOB_BYTES / 1024 / 1024} MB up and down, 1 and 4 at once…`);
    const firstDocument = assertOk(
      'a document to attach to',
      await gql(hub.url, '{ documents(first: 1) { edges { node { id } } } }', { headers: auth }),
    ).documents.edges[0].node.id;
    blobs = await blobThroughput(new URL(hub.url).origin, auth, firstDocument);
  }

  let webhooks = '';
  if (WEBHOOKS !== '0' && (ATTACK !== 'only' || webhookOnly)) {
    console.error(
      `[bench] webhooks: ${WEBHOOK_EVENTS} registrations delivered to a receiver failing ~30 % of attempts…`,
    );
    webhooks = await webhookCase(hub.url);
  }
  const proposal = !attackOnly && PROPOSAL !== '0' ? proposalCase() : '';

  const byKey = Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r]));
  const ratio = (a, b) => (byKey[a] && byKey[b] ? (byKey[a].rps / byKey[b].rps).toFixed(2) : '–');
  // The direct sequence of the 2-hop plan's three calls: their costs (1/req/s) add up.
  const parts = ['2hop-direct', '2hop-direct-municipalities', '2hop-direct-archives'];
  if (parts.every((k) => byKey[k])) {
    byKey['2hop-sequence'] = {
      rps: 1 / parts.reduce((t, k) => t + 1 / byKey[k].rps, 0),
      cpuMs: parts.reduce((t, k) => t + byKey[k].cpuMs, 0),
    };
    rows.push({
      name: '2-hop, direct sequence of the three calls (computed: 1 / Σ 1/req/s; CPU: Σ)',
      ...byKey['2hop-sequence'],
      p50: NaN,
      p99: NaN,
      total: NaN,
      non2xx: 0,
      errors: 0,
      gqlErrors: 0,
    });
  }
  // CPU per request, direct / via gateway: the share of the hub's CPU a request via the gateway spends in the subgraphs.
  const cpuRatio = (a, b) => (byKey[a] && byKey[b] ? (byKey[b].cpuMs / byKey[a].cpuMs).toFixed(2) : '–');
  const ratios = rows.length
    ? [
        'Gateway / direct, same interleaved run: req/s via gateway / req/s direct, and hub CPU per request direct / via gateway',
        '(the second is what the ratio of req/s would be on a machine the hub has to itself):',
        '',
        '| query | via gateway / direct: req/s | CPU | dedup off / direct: req/s | CPU |',
        '|---|---:|---:|---:|---:|',
        `| documents(first: 50) | ${ratio('list-gw', 'list-direct')} | ${cpuRatio('list-gw', 'list-direct')} | ${ratio('list-nodedup', 'list-direct')} | ${cpuRatio('list-nodedup', 'list-direct')} |`,
        `| 2-hop (direct: the sequence of the plan's three calls) | ${ratio('2hop-gw', '2hop-sequence')} | ${cpuRatio('2hop-gw', '2hop-sequence')} | ${ratio('2hop-nodedup', '2hop-sequence')} | ${cpuRatio('2hop-nodedup', '2hop-sequence')} |`,
        `| 2-hop (direct: filing's part only) | ${ratio('2hop-gw', '2hop-direct')} | ${cpuRatio('2hop-gw', '2hop-direct')} | ${ratio('2hop-nodedup', '2hop-direct')} | ${cpuRatio('2hop-nodedup', '2hop-direct')} |`,
      ].join('\n')
    : '';
  const services = ['gateway', 'municipalities', 'users', 'filing', 'archives'];
  const mb = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
  const sum = (m) => services.reduce((t, s) => t + (m[s] ?? 0), 0);
  const both = (m, s) => `${mb(m.rss[s])} / ${mb(m.pss[s])}`;
  const memory = [
    "Memory of the five processes, RSS / PSS in MB (PSS counts pages the processes share, such as node's binary, once):",
    '',
    `| process | after the first start (seeding) and ${DOCUMENTS} registrations | at rest after a restart | after the load above |`,
    '|---|---:|---:|---:|',
    ...services.map((s) => `| ${s} | ${both(afterFirstStart, s)} | ${both(atRest, s)} | ${both(afterLoad, s)} |`),
    `| **all five** | ${mb(sum(afterFirstStart.rss))} / ${mb(sum(afterFirstStart.pss))} | ${mb(sum(atRest.rss))} / ${mb(sum(atRest.pss))} | ${mb(sum(afterLoad.rss))} / ${mb(sum(afterLoad.pss))} |`,
    ...(afterLoad.rss['gateway-nodedup']
      ? [
          '',
          `(The second gateway, dedup off, for comparison: ${both(afterLoad, 'gateway-nodedup')} MB after the load.)`,
        ]
      : []),
  ].join('\n');

  const cpu = cpus();
  console.log(
    [
      '',
      `Machine: ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
        `database: ${hub.databaseKind === 'sqlite' ? 'SQLite (embedded, files)' : `MariaDB (${hub.database})`}; load average (1, 5, 15 min) at the start of the cases ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, at the end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      `autocannon ${CONNECTIONS} connections, ${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up (the first ${interleaved.length} cases interleaved in ${ROUNDS} rounds), 127.0.0.1; ` +
        `${DOCUMENTS} documents registered before the read cases; load generator and hub share the machine.`,
      '',
      rows.length ? table(rows) : '',
      '',
      ratios,
      '',
      memory,
      '',
      idle,
      '',
      attack,
      '',
      blobs,
      '',
      webhooks,
      proposal,
      '',
    ].join('\n'),
  );
  const failed = rows.filter((r) => r.non2xx || r.errors || r.gqlErrors);
  if (failed.length) console.error(`[bench] warning: failures under load in: ${failed.map((r) => r.name).join('; ')}`);
}

/**
 * The proposal build case, in this (child) process: seeds `n` due items, opens, builds, and prints one JSON line.
 * Its own process so that the peak RSS is the build's, not autocannon's or the hub's.
 */
async function proposalChild(n) {
  const req = (path) => import(path).then((m) => m.default);
  const kit = await req('../subgraphs/kit/dist/index.js');
  const { archives } = await req('../subgraphs/archives/dist/index.js');
  const { openDisposalProposal } = await req('../subgraphs/archives/dist/modules/disposal/proposal.js');
  const { runProposalBuilds } = await req('../subgraphs/archives/dist/modules/disposal/build.js');
  const { RecordsOfficeItem } = await req(
    '../subgraphs/archives/dist/modules/records-office/records-office-item.entity.js',
  );
  const { DisposalProposalEntry } = await req(
    '../subgraphs/archives/dist/modules/disposal/disposal-proposal.entity.js',
  );
  const mariadb = process.env.BENCH_PROPOSAL_DB === 'mariadb';
  let orm;
  let dispose;
  if (mariadb) {
    if (!process.env.HUB_TEST_MARIADB_URL)
      throw new Error(
        'BENCH_PROPOSAL_DB=mariadb needs HUB_TEST_MARIADB_URL (an owner account, e.g. mysql://hubtest:hubtest@127.0.0.1:3306)',
      );
    const t = await kit.createTestOrm('mariadb', 'archives', archives.entities, archives);
    orm = t.orm;
    dispose = t.dispose;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'hub-bench-proposal-'));
    orm = await kit.initORM({
      db: { kind: 'sqlite', file: join(dir, 'archives.sqlite') },
      entities: archives.entities,
    });
    await kit.ensureSchema(orm, archives.appendOnly);
    dispose = async () => {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const municipality = kit.DEMO_RECORDS_MUNICIPALITIES[0].id;
    const caller = {
      ...kit.testCaller(municipality, [kit.Role.RECORDS_OFFICER], 'mbk.records'),
      name: 'Marie Spisová',
    };
    const filed = {};
    const em = kit.scopeToTenant(orm.em.fork(), municipality);
    const listId = crypto.randomUUID();
    for (let i = 0; i < n; i += 1000) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + 1000); j++) {
        const id = crypto.randomUUID();
        filed[id] = { id, pid: `MBKX${id.slice(0, 8)}` };
        rows.push({
          id,
          municipalityId: municipality,
          kind: 'CASE_FILE',
          state: 'IN_RECORDS_OFFICE',
          handOverListId: listId,
          referenceNumber: `MBK ${j + 1}/2020`,
          title: `Spis ${j + 1}`,
          fullFilingCode: '616',
          year: 2020,
          disposalCode: 'S',
          retentionYears: 5,
          disposalYear: 2026,
          sortKey: `616-${String(j).padStart(7, '0')}`,
          storageUnitId: null,
          storageUnitPath: null,
          quantity: null,
          takenOverAt: new Date(),
          takenOverById: caller.userId,
        });
      }
      await em.insertMany(RecordsOfficeItem, rows);
    }
    const peers = kit.fakePeers({ CaseFile: filed, Document: filed });
    global.gc?.();
    const base = process.memoryUsage.rss();
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const t0 = performance.now();
    const proposal = await openDisposalProposal(
      kit.scopeToTenant(orm.em.fork(), municipality),
      caller,
      peers,
      2026,
      new Date(),
      0,
    );
    const t1 = performance.now();
    const run = await runProposalBuilds(orm);
    const t2 = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    const entries = await kit
      .scopeToTenant(orm.em.fork(), municipality)
      .count(DisposalProposalEntry, { proposalId: proposal.id });
    if (entries !== n || run.processed !== n)
      throw new Error(`built ${entries} entries of ${n} (job: ${run.processed} processed)`);
    console.log(
      JSON.stringify({
        n,
        database: mariadb ? 'MariaDB' : 'SQLite (file)',
        openMs: t1 - t0,
        buildMs: t2 - t1,
        baseMb: base / 2 ** 20,
        peakMb: peak / 2 ** 20,
      }),
    );
  } finally {
    await dispose();
  }
}

/** Runs the proposal build case in a fresh process and formats its figures. */
function proposalCase() {
  console.error(
    `[bench] disposal proposal build: ${PROPOSAL_ENTITIES} due entities (${process.env.BENCH_PROPOSAL_DB === 'mariadb' ? 'MariaDB' : 'SQLite'})…`,
  );
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_PROPOSAL_CHILD: String(PROPOSAL_ENTITIES) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split('\n').at(-1));
  const batches = Math.ceil(r.n / 200);
  return [
    `Disposal proposal build (${r.database}; ${r.n} due entities, all proposed, ${batches} batches of 200 in their own transactions):`,
    '',
    '| entities | open (queue + Zalozeni) ms | build ms | entities/s (build) | entities/s (open + build) | RSS before MB | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${r.n} | ${r.openMs.toFixed(0)} | ${r.buildMs.toFixed(0)} | ${(r.n / (r.buildMs / 1000)).toFixed(0)} | ${(r.n / ((r.openMs + r.buildMs) / 1000)).toFixed(0)} | ${r.baseMb.toFixed(0)} | ${r.peakMb.toFixed(0)} |`,
  ].join('\n');
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

if (process.env.BENCH_PROPOSAL_CHILD) {
  proposalChild(Number(process.env.BENCH_PROPOSAL_CHILD)).then(
    () => process.exit(0),
    (e) => {
      console.error(`[bench] proposal build: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
} else
  (VOLUME
    ? mainVolume()
    : PROPOSAL === 'only'
      ? Promise.resolve().then(() => console.log(`\n${proposalCase()}\n`))
      : main()
  )
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
