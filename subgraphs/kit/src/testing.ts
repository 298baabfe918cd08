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
  return { ...mariaDbAccount(process.env.HUB_TEST_MARIADB_URL!), dbName: `hubtest_${randomBytes(5).toString('hex')}_${subgraph}` };
}

import { checkMigrations, migrateDatabase, type SchemaDefinition } from './migrations';
import { ensureSchema, initORM, type HubORM, type PoolSettings } from './orm';
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

export function testCaller(municipalityId: string | null, roles: Role[], login = 'test.user', userId?: string, orgUnitId: string | null = null): Caller {
  return { userId: userId ?? `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}`, login, municipalityId, roles, orgUnitId };
}

export interface TestSubgraph<C extends SubgraphContext> {
  orm: HubORM;
  server: ApolloServer<C>;
  /** Runs an operation as `caller` through the real schema, context and error masking. */
  run<T = Record<string, any>>(caller: Caller | null, query: string, variables?: Record<string, unknown>, opts?: { clientAddress?: string }): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  dispose(): Promise<void>;
}

/** A subgraph on a fresh test database, called with executeOperation (no HTTP). */
export async function startTestSubgraph<C extends SubgraphContext>(def: SubgraphDefinition<C>, kind: TestDatabaseKind, opts: { seedDemo?: boolean; peers?: Peers; pool?: PoolSettings } = {}): Promise<TestSubgraph<C>> {
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
  return { tokenSecret: secret(), gatewayPrivateKey: pair.privateKey, gatewayPublicKey: pair.publicKey, peerSecret: secret(), serviceSecret: secret() };
}

/** The subgraph part of `testKeys()` (runSubgraph's `keys`). */
export const subgraphKeysOf = (k: TestKeys): SubgraphKeys => ({ gatewayPublicKey: k.gatewayPublicKey, peerSecret: k.peerSecret, serviceSecret: k.serviceSecret });
