import type { ApolloServer } from '@apollo/server';
import type { EntitySchema } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { randomBytes } from 'node:crypto';
import { generateGatewayKeyPair, type Caller, type SubgraphKeys } from './auth';
import type { DatabaseTarget, SubgraphName } from './config';
import type { SubgraphContext } from './context';
import { checkMigrations, migrateDatabase, type SchemaDefinition } from './migrations';
import { ensureSchema, initORM, type HubORM, type PoolSettings } from './orm';
import { fakePeers, type Peers } from './peers';
import type { Role } from './roles';
import { contextFor, createSubgraphServer, type SubgraphDefinition } from './subgraph';

export type TestDatabaseKind = 'sqlite' | 'mariadb';

/**
 * The databases a DB-touching suite runs on. MariaDB comes from HUB_TEST_MARIADB_URL, which the jest
 * global set-up provides after creating the test user; under CI=true a missing MariaDB fails there.
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.HUB_TEST_MARIADB_URL ? ['sqlite', 'mariadb'] : ['sqlite'];
}

/**
 * A fresh, empty database of the given kind: in-memory SQLite, or a throw-away MariaDB database named for the OWNER
 * account of the tests (HUB_TEST_MARIADB_URL: may change the schema, as `npm run db:migrate` does).
 */
export function testDatabase(kind: TestDatabaseKind, subgraph: SubgraphName): DatabaseTarget {
  if (kind === 'sqlite') return { kind: 'sqlite', file: ':memory:' };
  return {
    ...mariaDbAccount(process.env.HUB_TEST_MARIADB_URL!),
    dbName: `hubtest_${randomBytes(5).toString('hex')}_${subgraph}`,
  };
}

function mariaDbAccount(url: string) {
  const u = new URL(url);
  return {
    kind: 'mariadb' as const,
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/**
 * The same database as seen by the services' RUNTIME account (HUB_TEST_MARIADB_RUNTIME_URL: SELECT, INSERT, UPDATE,
 * DELETE only, as `npm run db:mariadb:setup` grants `hub`). SQLite has no accounts: unchanged.
 */
export function runtimeTarget(db: DatabaseTarget): DatabaseTarget {
  const url = process.env.HUB_TEST_MARIADB_RUNTIME_URL;
  if (db.kind === 'sqlite' || !url) return db;
  const runtime = mariaDbAccount(url);
  // Only on the server the runtime account was made on (a suite may point HUB_TEST_MARIADB_URL at a server of its own).
  if (runtime.host !== db.host || runtime.port !== db.port) return db;
  return { ...db, user: runtime.user, password: runtime.password };
}

/**
 * A fresh database for a subgraph, made the way production makes it: on MariaDB migrated by the owner account
 * (kit `migrateDatabase`, i.e. `npm run db:migrate`) and handed back for the runtime account; on SQLite an empty
 * in-memory database (the service builds its schema at start). Drop it with `dropTestDatabases`.
 */
export async function migratedTestDatabase(kind: TestDatabaseKind, def: SchemaDefinition): Promise<DatabaseTarget> {
  const db = testDatabase(kind, def.name);
  if (db.kind === 'sqlite') return db;
  await migrateDatabase(db, def);
  return runtimeTarget(db);
}

/** Drops MariaDB test databases with the owner account (the runtime account may not). */
export async function dropTestDatabases(names: string[]): Promise<void> {
  if (!names.length) return;
  const mysql = await import('mysql2/promise');
  const { host, port, user, password } = mariaDbAccount(process.env.HUB_TEST_MARIADB_URL!);
  const conn = await mysql.createConnection({ host, port, user, password });
  try {
    for (const name of names) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/**
 * Runs statements with schema rights on the database behind `orm`, as a database administrator could (tamper
 * tests drop an append-only trigger, change a row, put the trigger back): SQLite: the ORM's own connection;
 * MariaDB: the owner account (the ORM of a test subgraph runs as the runtime account, which may not).
 */
export async function asDatabaseOwner(
  orm: HubORM,
  fn: (exec: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
): Promise<void> {
  if (orm.em.getPlatform() instanceof BaseSqlitePlatform) {
    const conn = orm.em.getConnection();
    return fn((sql, params) => conn.execute(sql, params as never));
  }
  const mysql = await import('mysql2/promise');
  const { host, port, user, password } = mariaDbAccount(process.env.HUB_TEST_MARIADB_URL!);
  const conn = await mysql.createConnection({ host, port, user, password, database: orm.config.get('dbName') });
  try {
    await fn(async (sql, params) => (await conn.query(sql, params))[0]);
  } finally {
    await conn.end();
  }
}

/**
 * An ORM on a fresh test database. With a subgraph's schema definition (`def`: its migrations and append-only
 * tables), MariaDB databases are built through the migrations and the ORM runs as the runtime account, as in
 * production; without one (test-only entity sets) the schema generator builds it as the owner. `pool`: the MariaDB
 * pool (default: the environment's, `poolSettings`, which fails fast when it is exhausted).
 */
export async function createTestOrm(
  kind: TestDatabaseKind,
  subgraph: SubgraphName,
  entities: EntitySchema<any>[],
  def?: Pick<SchemaDefinition, 'migrations' | 'appendOnly'>,
  pool?: PoolSettings,
) {
  const owner = testDatabase(kind, subgraph);
  const schema: SchemaDefinition = { name: subgraph, entities, ...def };
  const migrated = owner.kind === 'mariadb' && !!def?.migrations?.length;
  if (migrated) await migrateDatabase(owner, schema);
  const db = migrated ? runtimeTarget(owner) : owner;
  const orm = await initORM({ db, entities, pool });
  if (migrated) await checkMigrations(orm, schema);
  else await ensureSchema(orm, def?.appendOnly);
  return {
    orm,
    db,
    /** Closes the ORM and drops the MariaDB database. */
    async dispose() {
      await orm.close(true);
      if (db.kind === 'mariadb') await dropTestDatabases([db.dbName]).catch(() => undefined);
    },
  };
}

export function testCaller(
  municipalityId: string | null,
  roles: Role[],
  login = 'test.user',
  userId?: string,
  orgUnitId: string | null = null,
): Caller {
  return {
    userId: userId ?? `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}`,
    login,
    municipalityId,
    roles,
    orgUnitId,
  };
}

export interface TestSubgraph<C extends SubgraphContext> {
  orm: HubORM;
  server: ApolloServer<C>;
  /** Runs an operation as `caller` through the real schema, context and error masking. */
  run<T = Record<string, any>>(
    caller: Caller | null,
    query: string,
    variables?: Record<string, unknown>,
    opts?: { clientAddress?: string },
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  dispose(): Promise<void>;
}

/** A subgraph on a fresh test database, called with executeOperation (no HTTP). */
export async function startTestSubgraph<C extends SubgraphContext>(
  def: SubgraphDefinition<C>,
  kind: TestDatabaseKind,
  opts: { seedDemo?: boolean; peers?: Peers; pool?: PoolSettings } = {},
): Promise<TestSubgraph<C>> {
  const t = await createTestOrm(kind, def.name, def.entities, def, opts.pool);
  if (opts.seedDemo && def.seedDemo) await def.seedDemo(t.orm);
  const server = createSubgraphServer(def);
  await server.start();
  return {
    orm: t.orm,
    server,
    async run(caller, query, variables, runOpts) {
      const contextValue = contextFor(def, t.orm, caller, opts.peers ?? fakePeers({}), runOpts?.clientAddress ?? null);
      const res = await server.executeOperation({ query, variables }, { contextValue });
      if (res.body.kind !== 'single') throw new Error('incremental delivery is not used');
      return res.body.singleResult as never;
    },
    async dispose() {
      await server.stop();
      await t.dispose();
    },
  };
}

/** Throw-away keys of a whole hub (see auth.ts): what npm start would generate, for tests. */
export interface TestKeys {
  tokenSecret: string;
  gatewayPrivateKey: string;
  gatewayPublicKey: string;
  peerSecret: string;
  serviceSecret: string;
}

export function testKeys(): TestKeys {
  const pair = generateGatewayKeyPair();
  const secret = () => randomBytes(32).toString('base64url');
  return {
    tokenSecret: secret(),
    gatewayPrivateKey: pair.privateKey,
    gatewayPublicKey: pair.publicKey,
    peerSecret: secret(),
    serviceSecret: secret(),
  };
}

/** The subgraph part of `testKeys()` (runSubgraph's `keys`). */
export const subgraphKeysOf = (k: TestKeys): SubgraphKeys => ({
  gatewayPublicKey: k.gatewayPublicKey,
  peerSecret: k.peerSecret,
  serviceSecret: k.serviceSecret,
});
