import { ConnectionException, DriverException } from '@mikro-orm/core';
import { parse } from 'graphql';
import { GraphQLError } from 'graphql';
import { CALLER_HEADER, GRAPHQL_ROUTE, signCallerAssertion } from './auth';
import type { SubgraphContext } from './context';
import { ErrorCode, infrastructureErrorOf, maskError } from './errors';
import { runSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph';
import {
  subgraphKeysOf,
  testCaller,
  testDatabase,
  testDatabaseKinds,
  testKeys,
  type TestDatabaseKind,
  type TestKeys,
} from './testing';
import { inTransaction } from './transaction';

/**
 * A test-only subgraph with one slow write: inserts a row, waits (MariaDB: `SELECT SLEEP`, a statement running on
 * the server; SQLite: a pause between statements), inserts a second row, all in one transaction. It uses the kit's
 * own `sequence_counter` table, which every subgraph has.
 */
function slowSubgraph(
  kind: TestDatabaseKind,
  marks: { sleepEnded?: number; finished?: Promise<void> },
): SubgraphDefinition {
  return {
    name: 'municipalities',
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { rows: Int! }
      type Mutation { slowWrite(pauseMs: Int!, tag: String!): Int! }
    `),
    entities: [],
    createContext: (base) => base,
    resolvers: {
      Query: {
        rows: async (_: unknown, __: unknown, ctx: SubgraphContext) =>
          Number((await ctx.em.execute("select count(*) as n from sequence_counter where name like 'budget:%'"))[0].n),
      },
      Mutation: {
        slowWrite: (_: unknown, { pauseMs, tag }: { pauseMs: number; tag: string }, ctx: SubgraphContext) => {
          const work = inTransaction(ctx.em, async (tx) => {
            await tx.execute('insert into sequence_counter (name, current_value) values (?, 1)', [`budget:${tag}:a`]);
            try {
              if (kind === 'mariadb') await tx.execute('select sleep(?) as s', [pauseMs / 1000]);
              else await new Promise((r) => setTimeout(r, pauseMs));
            } finally {
              marks.sleepEnded = Date.now();
            }
            await tx.execute('insert into sequence_counter (name, current_value) values (?, 1)', [`budget:${tag}:b`]);
            return 2;
          });
          marks.finished = work.then(
            () => undefined,
            () => undefined,
          );
          return work;
        },
      },
    },
  };
}

async function post(s: RunningSubgraph, keys: TestKeys, query: string) {
  const assertion = await signCallerAssertion(testCaller(null, []), keys.gatewayPrivateKey, {
    subgraph: 'municipalities',
    route: GRAPHQL_ROUTE,
  });
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: assertion },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    retryAfterHeader: res.headers.get('retry-after'),
    ...((await res.json()) as { data?: any; errors?: any[] }),
  };
}

describe.each(testDatabaseKinds())('request time budget on %s', (kind) => {
  const keys = testKeys();
  const marks: { sleepEnded?: number; finished?: Promise<void> } = {};
  let s: RunningSubgraph;
  beforeAll(async () => {
    s = await runSubgraph(slowSubgraph(kind, marks), {
      port: 0,
      db: testDatabase(kind, 'municipalities'),
      keys: subgraphKeysOf(keys),
      seedDemo: false,
      relay: false,
      requestTimeoutMs: 600,
    });
  });
  afterAll(async () => {
    const db = s.orm.config.get('dbName');
    if (kind === 'mariadb') await s.orm.schema.dropDatabase(db).catch(() => undefined);
    await s.stop();
  });

  it('answers TIMEOUT at the deadline, stops the work and keeps nothing it wrote', async () => {
    const started = Date.now();
    const res = await post(s, keys, 'mutation { slowWrite(pauseMs: 3000, tag: "slow") }');
    const answeredAfter = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.errors).toEqual([
      { message: expect.stringMatching(/took too long/), extensions: { code: ErrorCode.TIMEOUT } },
    ]);
    expect(answeredAfter).toBeLessThan(1_500);

    await marks.finished;
    // MariaDB: the SLEEP running on the server was cancelled at the deadline, not left to run its 3 s.
    if (kind === 'mariadb') expect(marks.sleepEnded! - started).toBeLessThan(2_000);
    const rows = await post(s, keys, '{ rows }');
    expect(rows.data).toEqual({ rows: 0 });
  });

  it('lets a request within its budget write', async () => {
    const res = await post(s, keys, 'mutation { slowWrite(pauseMs: 50, tag: "fast") }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ slowWrite: 2 });
    expect((await post(s, keys, '{ rows }')).data).toEqual({ rows: 2 });
  });

  it('answers /ready with the database state; /health is liveness', async () => {
    const ready = await fetch(s.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
    expect((await fetch(s.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});

(testDatabaseKinds().includes('mariadb') ? describe : describe.skip)(
  'MariaDB pool (HUB_DB_POOL_MAX, HUB_DB_ACQUIRE_TIMEOUT_MS)',
  () => {
    const keys = testKeys();
    const marks: { sleepEnded?: number; finished?: Promise<void> } = {};
    let s: RunningSubgraph;
    beforeAll(async () => {
      const saved = { max: process.env.HUB_DB_POOL_MAX, acquire: process.env.HUB_DB_ACQUIRE_TIMEOUT_MS };
      process.env.HUB_DB_POOL_MAX = '1';
      process.env.HUB_DB_ACQUIRE_TIMEOUT_MS = '300';
      try {
        s = await runSubgraph(slowSubgraph('mariadb', marks), {
          port: 0,
          db: testDatabase('mariadb', 'municipalities'),
          keys: subgraphKeysOf(keys),
          seedDemo: false,
          relay: false,
          requestTimeoutMs: 10_000,
        });
      } finally {
        for (const [k, v] of [
          ['HUB_DB_POOL_MAX', saved.max],
          ['HUB_DB_ACQUIRE_TIMEOUT_MS', saved.acquire],
        ] as const) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });
    afterAll(async () => {
      await s.orm.schema.dropDatabase(s.orm.config.get('dbName')).catch(() => undefined);
      await s.stop();
    });

    it('refuses a request at once with SERVICE_UNAVAILABLE + retryAfter when every connection is taken, instead of queueing it', async () => {
      const holder = post(s, keys, 'mutation { slowWrite(pauseMs: 2500, tag: "hold") }');
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const res = await post(s, keys, '{ rows }');
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(res.errors).toEqual([
        {
          message: expect.stringMatching(/temporarily unavailable/),
          path: ['rows'],
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: 1 },
        },
      ]);
      expect((await holder).data).toEqual({ slowWrite: 2 });
      // The pool recovers: the next request gets the connection.
      expect((await post(s, keys, '{ rows }')).data).toEqual({ rows: 2 });
    });
  },
);

describe('classification of database errors (errors.ts)', () => {
  const driver = (props: Record<string, unknown>, Cls = DriverException) =>
    new Cls(Object.assign(new Error(String(props.message ?? 'x')), props));
  const viaGraphQL = (e: Error) => new GraphQLError(e.message, { originalError: e });

  it.each([
    [
      'connection refused',
      driver({ code: 'ECONNREFUSED', errno: -111, message: 'connect ECONNREFUSED 127.0.0.1:3306' }),
      5,
    ],
    [
      'server gone away / lost',
      driver({ code: 'PROTOCOL_CONNECTION_LOST', message: 'Connection lost: The server closed the connection.' }),
      5,
    ],
    [
      'too many connections',
      driver({ code: 'ER_CON_COUNT_ERROR', errno: 1040, message: 'Too many connections' }, ConnectionException),
      5,
    ],
    [
      'pool acquire timeout',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
        name: 'KnexTimeoutError',
      }),
      1,
    ],
    ['SQLite busy after the busy timeout', driver({ code: 'SQLITE_BUSY', message: 'database is locked' }), 1],
  ])('%s → SERVICE_UNAVAILABLE with retryAfter, unmasked', (_, error, retryAfter) => {
    const masked = maskError(
      { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      viaGraphQL(error),
      () => undefined,
    );
    expect(masked).toEqual({
      message: expect.stringMatching(/temporarily unavailable/),
      path: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter },
    });
    expect(JSON.stringify(masked)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Knex|SQLITE/);
  });

  it('leaves a bug a bug: a syntax error or a constraint violation stays INTERNAL_SERVER_ERROR', () => {
    expect(
      infrastructureErrorOf(
        driver({ code: 'ER_PARSE_ERROR', errno: 1064, message: 'You have an error in your SQL syntax' }),
      ),
    ).toBeNull();
    expect(
      infrastructureErrorOf(driver({ code: 'ER_DUP_ENTRY', errno: 1062, message: "Duplicate entry 'x'" })),
    ).toBeNull();
    expect(infrastructureErrorOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
  });
});
