/**
 * Starts the real hub for end-to-end tests: the four subgraphs and the gateway, each on its own
 * loopback port, each subgraph on its own fresh database (SQLite in memory or a throw-away MariaDB
 * database), talking HTTP exactly as in production. One call per suite; `stop()` drops everything.
 */
import { archives } from '@hub/archives';
import { filing } from '@hub/filing';
import { startGateway } from '@hub/gateway';
import {
  DEMO_PASSWORD, SUBGRAPH_NAMES, runSubgraph, signCallerAssertion, testDatabase, type Caller, type RunningSubgraph,
  type SubgraphName, type TestDatabaseKind,
} from '@hub/kit';
import { municipalities } from '@hub/municipalities';
import { users } from '@hub/users';
import { randomBytes } from 'node:crypto';

const DEFINITIONS = { municipalities, users, filing, archives } as const;

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface Hub {
  url: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gatewaySecret: string;
  /** POSTs an operation to the gateway, with a bearer token when given. */
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs an operation straight to a subgraph, as the gateway would for `caller`. */
  direct<T = any>(subgraph: SubgraphName, caller: Caller | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Signs in a demo user (demo password) and returns the token. */
  login(login: string): Promise<string>;
  stop(): Promise<void>;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
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

export async function startHub(kind: TestDatabaseKind): Promise<Hub> {
  const tokenSecret = randomBytes(32).toString('hex');
  const gatewaySecret = randomBytes(32).toString('hex');
  // Read at request time by the users subgraph (tokens) and by peer calls (other subgraphs' URLs).
  process.env.HUB_TOKEN_SECRET = tokenSecret;

  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) =>
      runSubgraph(DEFINITIONS[name] as never, { port: 0, db: testDatabase(kind, name), gatewaySecret, seedDemo: true }),
    ),
  );
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, started[i]])) as Record<SubgraphName, RunningSubgraph>;
  for (const n of SUBGRAPH_NAMES) process.env[`HUB_${n.toUpperCase()}_URL`] = subgraphs[n].url;

  const gateway = await startGateway({
    port: 0,
    tokenSecret,
    gatewaySecret,
    // Check the account on every request, so a disabled user is locked out at once in the tests.
    accountCheckSeconds: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])),
  });

  const hub: Hub = {
    url: gateway.url,
    subgraphs,
    gatewaySecret,
    gql: (token, query, variables) => postJson(gateway.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
    direct: (subgraph, caller, query, variables) =>
      postJson(subgraphs[subgraph].url, { query, variables }, { 'x-hub-caller': signCallerAssertion(caller, gatewaySecret) }),
    async login(login) {
      const res = await hub.gql(null, 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }', {
        l: login,
        p: DEMO_PASSWORD,
      });
      if (!res.data?.login) throw new Error(`login ${login} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
      if (kind === 'mariadb') await dropDatabases(started.map((s) => s.orm.config.get('dbName')));
    },
  };
  return hub;
}

/** Drops test databases with a connection of its own (a suite may have stopped a subgraph early). */
async function dropDatabases(names: string[]) {
  const mysql = await import('mysql2/promise');
  const u = new URL(process.env.HUB_TEST_MARIADB_URL!);
  const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, password: decodeURIComponent(u.password) });
  try {
    for (const name of names) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/** Counts the SQL statements each subgraph runs while `fn` runs. */
export async function countStatements(hub: Hub, fn: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
  const listeners = SUBGRAPH_NAMES.map((n) => {
    const knex = hub.subgraphs[n].orm.em.getKnex();
    const listener = () => counts[n]++;
    knex.on('query', listener);
    return () => knex.removeListener('query', listener);
  });
  try {
    await fn();
  } finally {
    listeners.forEach((off) => off());
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
