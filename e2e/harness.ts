/**
 * Starts the real hub for end-to-end tests: the four subgraphs and the gateway, each on its own
 * loopback port, each subgraph on its own fresh database (SQLite in memory or a throw-away MariaDB
 * database), talking HTTP exactly as in production. One call per suite; `stop()` drops everything.
 * Each subgraph runs its audit outbox relay, as in production (see `HubOptions.relays`, `flushRelays`).
 */
import { archives } from '@hub/archives';
import { filing } from '@hub/filing';
import { startGateway } from '@hub/gateway';
import {
  AuditEvent,
  DEMO_PASSWORD,
  GRAPHQL_ROUTE,
  currentRequestId,
  SUBGRAPH_NAMES,
  migrateDatabase,
  runSubgraph,
  runtimeTarget,
  signCallerAssertion,
  subgraphKeysOf,
  testDatabase,
  testKeys,
  type Caller,
  type DatabaseTarget,
  type RunningSubgraph,
  type SubgraphName,
  type TestDatabaseKind,
  type TestKeys,
} from '@hub/kit';
import { municipalities } from '@hub/municipalities';
import { users } from '@hub/users';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEFINITIONS = { municipalities, users, filing, archives } as const;

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface Hub {
  url: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The hub's keys (auth.ts): e.g. to sign what only the gateway or a service could. */
  keys: TestKeys;
  /** POSTs an operation to the gateway, with a bearer token when given. */
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs an operation straight to a subgraph, as the gateway would for `caller`. */
  direct<T = any>(
    subgraph: SubgraphName,
    caller: Caller | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Signs in a demo user (demo password) and returns the token. */
  login(login: string): Promise<string>;
  /**
   * Ships everything waiting in the subgraphs' audit outboxes into the transaction log now (the relays would do it
   * within a second anyway). Subgraphs whose relay is off are skipped.
   */
  flushRelays(): Promise<void>;
  /** Stops the relays from starting rounds (e.g. while counting SQL statements); `resumeRelays` restarts them. */
  pauseRelays(): Promise<void>;
  resumeRelays(): void;
  /**
   * Stops one subgraph and starts it again on the same database and port (needs MariaDB, or `sqliteFiles`), e.g.
   * with its relay switched on after it had been off.
   */
  restart(name: SubgraphName, opts?: { relay?: boolean }): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** The audit outbox relays: all on (default), all off, or per subgraph (unlisted ones on). */
  relays?: boolean | Partial<Record<SubgraphName, boolean>>;
  /** SQLite databases in files of a temporary directory rather than in memory, so `restart` keeps the data. */
  sqliteFiles?: boolean;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  try {
    return { status: res.status, ...JSON.parse(text) };
  } catch {
    return { status: res.status, errors: [{ message: text }] };
  }
}

export async function startHub(kind: TestDatabaseKind, opts: HubOptions = {}): Promise<Hub> {
  const keys = testKeys();
  // Read at request time by the users subgraph (tokens) and by peer calls (other subgraphs' URLs).
  process.env.HUB_TOKEN_SECRET = keys.tokenSecret;
  delete process.env.HUB_TOKEN_PREVIOUS_SECRETS;

  const dir = kind === 'sqlite' && opts.sqliteFiles ? mkdtempSync(join(tmpdir(), 'hub-e2e-')) : null;
  const dbs = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, dir ? { kind: 'sqlite', file: join(dir, `${n}.sqlite`) } : testDatabase(kind, n)]),
  ) as Record<SubgraphName, DatabaseTarget>;
  // As in production: MariaDB databases are built by the migrations with the owner account (`npm run db:migrate`),
  // the subgraphs run with the runtime account, which may not change the schema.
  if (kind === 'mariadb') {
    await Promise.all(SUBGRAPH_NAMES.map((n) => migrateDatabase(dbs[n], DEFINITIONS[n] as never)));
    for (const n of SUBGRAPH_NAMES) dbs[n] = runtimeTarget(dbs[n]);
  }
  const relayOf = (n: SubgraphName) =>
    typeof opts.relays === 'object' ? (opts.relays[n] ?? true) : (opts.relays ?? true);
  const start = (name: SubgraphName, port: number, relay: boolean) =>
    runSubgraph(DEFINITIONS[name] as never, { port, db: dbs[name], keys: subgraphKeysOf(keys), seedDemo: true, relay });

  // Filing first: the other subgraphs' relays ship to its /internal/audit-log (found through HUB_FILING_URL).
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  subgraphs.filing = await start('filing', 0, relayOf('filing'));
  process.env.HUB_FILING_URL = subgraphs.filing.url;
  const others = SUBGRAPH_NAMES.filter((n) => n !== 'filing');
  const rest = await Promise.all(others.map((n) => start(n, 0, relayOf(n))));
  others.forEach((n, i) => (subgraphs[n] = rest[i]));
  for (const n of SUBGRAPH_NAMES) process.env[`HUB_${n.toUpperCase()}_URL`] = subgraphs[n].url;
  const relays = () => SUBGRAPH_NAMES.flatMap((n) => (subgraphs[n].relay ? [subgraphs[n].relay!] : []));

  const gateway = await startGateway({
    port: 0,
    tokenKeys: keys.tokenSecret,
    assertionKey: keys.gatewayPrivateKey,
    // Check the account on every request, so a disabled user is locked out at once in the tests.
    accountCheckSeconds: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])),
  });

  const hub: Hub = {
    url: gateway.url,
    subgraphs,
    keys,
    gql: (token, query, variables) =>
      postJson(gateway.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
    direct: async (subgraph, caller, query, variables) =>
      postJson(
        subgraphs[subgraph].url,
        { query, variables },
        {
          'x-hub-caller': await signCallerAssertion(caller, keys.gatewayPrivateKey, { subgraph, route: GRAPHQL_ROUTE }),
        },
      ),
    async login(login) {
      const res = await hub.gql(
        null,
        'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }',
        {
          l: login,
          p: DEMO_PASSWORD,
        },
      );
      if (!res.data?.login) throw new Error(`login ${login} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async flushRelays() {
      // The others deliver into filing's log over HTTP; then filing's own events.
      await Promise.all(others.map((n) => subgraphs[n].relay?.flush()));
      await subgraphs.filing.relay?.flush();
    },
    async pauseRelays() {
      await Promise.all(relays().map((r) => r.pause()));
    },
    resumeRelays() {
      relays().forEach((r) => r.resume());
    },
    async restart(name, { relay = relayOf(name) } = {}) {
      if (dbs[name].kind === 'sqlite' && dbs[name].file === ':memory:')
        throw new Error('restart needs MariaDB or sqliteFiles: an in-memory database dies with its subgraph');
      const port = subgraphs[name].port;
      await subgraphs[name].stop();
      subgraphs[name] = await start(name, port, relay);
      return subgraphs[name];
    },
    async stop() {
      await Promise.all(relays().map((r) => r.stop()));
      await gateway.stop();
      await Promise.all(SUBGRAPH_NAMES.map((n) => subgraphs[n].stop()));
      if (kind === 'mariadb') await dropDatabases(SUBGRAPH_NAMES.map((n) => (dbs[n] as { dbName: string }).dbName));
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** Drops test databases with a connection of its own (a suite may have stopped a subgraph early). */
async function dropDatabases(names: string[]) {
  const mysql = await import('mysql2/promise');
  const u = new URL(process.env.HUB_TEST_MARIADB_URL!);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username,
    password: decodeURIComponent(u.password),
  });
  try {
    for (const name of names) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/**
 * Counts the SQL statements each subgraph runs while `fn` runs. The outbox relays ship what is waiting first and are
 * paused meanwhile, so only `fn`'s statements are counted.
 */
export async function countStatements(hub: Hub, fn: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  await hub.flushRelays();
  await hub.pauseRelays();
  const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
  const listeners = SUBGRAPH_NAMES.map((n) => {
    const knex = hub.subgraphs[n].orm.em.getKnex();
    // Only statements run for a request (kit request-id.ts): background jobs (lease renewals, the disposal proposal
    // build's poll, sweeps) run on their own timers, outside any request, whatever the request does.
    const listener = (q: { sql?: string }) => {
      if (currentRequestId() !== undefined && !/job_lease/.test(q.sql ?? '')) counts[n]++;
    };
    knex.on('query', listener);
    return () => knex.removeListener('query', listener);
  });
  try {
    await fn();
  } finally {
    listeners.forEach((off) => off());
    hub.resumeRelays();
  }
  return counts;
}

export const REGISTER = `mutation($input: RegisterDocumentInput!) {
  registerDocument(input: $input) { auditEventId document { id pid referenceNumber sequenceNumber year } }
}`;

export const received = (subject: string, extra: Record<string, unknown> = {}) => ({
  subject,
  origin: 'RECEIVED',
  deliveredAt: '2026-03-02T09:15:00+01:00',
  sender: { name: 'Jan Novák', address: 'Komenského 1, 678 01 Blansko' },
  ...extra,
});

/**
 * Assertion helpers bound to a hub (jest's `expect`): `ok` runs an operation that must succeed and returns its data;
 * `refused` one that must fail with `code` and write no audit event in `subgraph` (relays flushed first, so an
 * earlier step's events are not counted).
 */
export function expectations(hub: () => Hub, subgraph: SubgraphName) {
  const events = () => hub().subgraphs[subgraph].orm.em.fork().count(AuditEvent, {}, { filters: false });
  return {
    ok: async (token: string, query: string, variables?: Record<string, unknown>) => {
      const res = await hub().gql(token, query, variables);
      expect(res.errors).toBeUndefined();
      return res.data;
    },
    refused: async (token: string, query: string, code: string, variables?: Record<string, unknown>) => {
      await hub().flushRelays();
      const before = await events();
      const res = await hub().gql(token, query, variables);
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(await events()).toBe(before);
      return res.errors![0];
    },
  };
}
