import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { DatabaseSchema, SchemaComparator } from '@mikro-orm/knex';
import type { Migrator } from '@mikro-orm/migrations';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import {
  AUDIT_OUTBOX_APPEND_ONLY,
  appendOnlyTriggerNames,
  appendOnlyTriggerSql,
  isSqlite,
  type AppendOnlyTable,
} from './append-only';
import type { DatabaseTarget, SubgraphName } from './config';
import { logger } from './logger';
import { ensureSchema, initORM, type HubORM } from './orm';

/**
 * Versioned schema changes on MariaDB (finding 13). Each subgraph commits its migrations (src/migrations/, oldest
 * first, listed in src/migrations/index.ts) and they are applied by an OWNER account in an explicit step
 * (`npm run db:migrate`); the services run with an account that has no DDL rights and, at start, only check that
 * their database is at the migration they were built for. SQLite (the embedded default, one file per subgraph owned
 * by the service's OS user: there is no second account to separate) keeps building its schema with the schema
 * generator at start (orm.ts `ensureSchema`), as the stack notes advise: migrations are dialect-specific.
 */
/**
 * The base class of the committed migrations, from its own file (it depends on nothing). The package's index would
 * load the Migrator with it (umzug, @rushstack, fast-glob, ajv: about 5 MB in every process, issue 15), which only
 * `npm run db:migrate` and a MariaDB start's check need: `migratorFor` loads it then. The same file the index loads,
 * so the class is the one the Migrator knows.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Migration } = require(
  join(dirname(require.resolve('@mikro-orm/migrations')), 'Migration.js'),
) as typeof import('@mikro-orm/migrations');
export { Migration };
export type { MigrationObject };

/** Where MikroORM records the applied migrations (its default name). */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** What the schema of one subgraph is made of. `SubgraphDefinition` has all of it. */
export interface SchemaDefinition {
  name: SubgraphName;
  entities: EntitySchema[];
  /** MariaDB migrations, oldest first. */
  migrations?: MigrationObject[];
  /** Tables besides `audit_event` whose rows never change (filing: the transaction log and its renditions). */
  appendOnly?: AppendOnlyTable[];
}

/** The database is not at the schema this release expects; the message says what to run. */
export class SchemaNotReadyError extends Error {
  override name = 'SchemaNotReadyError';
}

const log = logger.child({ component: 'migrations' });

function appendOnlyOf(def: SchemaDefinition): AppendOnlyTable[] {
  return [AUDIT_OUTBOX_APPEND_ONLY, ...(def.appendOnly ?? [])];
}

/** A migrator over the definition's committed migrations (no files, no snapshot: the list is compiled in). */
function migratorFor(orm: HubORM, def: SchemaDefinition): Migrator {
  orm.config.set('migrations', {
    ...orm.config.get('migrations'),
    tableName: MIGRATIONS_TABLE,
    migrationsList: def.migrations ?? [],
    snapshot: false,
    silent: true,
    // MariaDB commits implicitly at every DDL statement: a transaction around a migration would only pretend.
    transactional: false,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Migrator: MigratorClass } = require('@mikro-orm/migrations') as typeof import('@mikro-orm/migrations');
  return new MigratorClass(orm.em);
}

async function tableNames(orm: HubORM): Promise<Set<string>> {
  const rows: { name: string }[] = await orm.em
    .getConnection()
    .execute('select table_name as name from information_schema.tables where table_schema = database()');
  return new Set(rows.map((r) => r.name));
}

/** Names of the append-only triggers that exist (needs the TRIGGER privilege to see them: owner only). */
async function triggerNames(orm: HubORM): Promise<Set<string>> {
  const rows: { name: string }[] = await orm.em
    .getConnection()
    .execute('select trigger_name as name from information_schema.triggers where trigger_schema = database()');
  return new Set(rows.map((r) => r.name));
}

/**
 * What a service runs at start, before it serves anything:
 * - SQLite: builds or upgrades the schema itself and (re)creates the append-only triggers;
 * - MariaDB: creates and alters nothing (its account may not); refuses to start unless every committed migration
 *   has been applied, and none it does not know (a database from a newer release).
 */
export async function prepareSchema(orm: HubORM, def: SchemaDefinition): Promise<void> {
  // A definition without migrations is a test-only subgraph (the four subgraphs all have theirs, and
  // e2e/schema/migrations.test.ts checks them): it keeps the schema generator, which needs an account with DDL.
  if (isSqlite(orm) || def.migrations === undefined) return ensureSchema(orm, def.appendOnly);
  await checkMigrations(orm, def);
}

/** Throws SchemaNotReadyError unless the database is exactly at the definition's last migration. */
export async function checkMigrations(orm: HubORM, def: SchemaDefinition): Promise<void> {
  const db = orm.config.get('dbName');
  const expected = (def.migrations ?? []).map((m) => m.name);
  if (!expected.length) throw new SchemaNotReadyError(`${def.name} has no MariaDB migrations`);
  const run = 'Run `npm run db:migrate` with the owner account (README, "Schema changes").';
  if (!(await tableNames(orm)).has(MIGRATIONS_TABLE)) {
    throw new SchemaNotReadyError(
      `Database ${db} has no schema migrations applied (empty, or created by a release before them). ${run}`,
    );
  }
  const rows: { name: string }[] = await orm.em
    .getConnection()
    .execute(`select name from ${MIGRATIONS_TABLE} order by id`);
  const applied = new Set(rows.map((r) => r.name));
  const pending = expected.filter((n) => !applied.has(n));
  const unknown = [...applied].filter((n) => !expected.includes(n));
  if (unknown.length) {
    throw new SchemaNotReadyError(
      `Database ${db} has migrations this release does not know (${unknown.join(', ')}): it belongs to a newer release.`,
    );
  }
  if (pending.length) throw new SchemaNotReadyError(`Database ${db} lacks migrations ${pending.join(', ')}. ${run}`);
}

export interface MigrateResult {
  subgraph: SubgraphName;
  /** Migrations applied now, oldest first. */
  applied: string[];
  /** A database of a release before migrations was adopted (brought to the first migration and marked as at it). */
  adopted: boolean;
  /** Append-only triggers that were missing and were created again. */
  restoredTriggers: string[];
}

/**
 * `npm run db:migrate` for one subgraph, with an account allowed to change the schema (`db` carries the OWNER's
 * credentials). MariaDB: creates the database if missing, adopts a database of a release before migrations, applies
 * the pending migrations, then makes sure the append-only triggers exist (someone with DDL rights may have dropped
 * one: it comes back, and the hash chain tells whether rows changed meanwhile). SQLite: the schema generator
 * (`ensureSchema`), exactly what a service does at start.
 */
export async function migrateDatabase(db: DatabaseTarget, def: SchemaDefinition): Promise<MigrateResult> {
  const orm = await initORM({ db, entities: def.entities });
  try {
    if (db.kind === 'sqlite') {
      await ensureSchema(orm, def.appendOnly);
      return { subgraph: def.name, applied: [], adopted: false, restoredTriggers: [] };
    }
    if (!def.migrations?.length) throw new Error(`${def.name} has no MariaDB migrations`);
    await orm.schema.ensureDatabase();
    const tables = await tableNames(orm);
    const adopted = !tables.has(MIGRATIONS_TABLE) && tables.has(AUDIT_OUTBOX_APPEND_ONLY.table);
    if (adopted) await adoptLegacyDatabase(orm, db, def);
    const applied = (await migratorFor(orm, def).up()).map((m) => m.name);
    const present = await triggerNames(orm);
    const restoredTriggers: string[] = [];
    for (const t of appendOnlyOf(def)) {
      if (appendOnlyTriggerNames(t.table).every((n) => present.has(n))) continue;
      for (const sql of appendOnlyTriggerSql('mariadb', t)) await orm.em.getConnection().execute(sql);
      restoredTriggers.push(...appendOnlyTriggerNames(t.table).filter((n) => !present.has(n)));
    }
    if (restoredTriggers.length)
      log.warn(
        { database: db.dbName, triggers: restoredTriggers },
        'append-only triggers were missing and were created again',
      );
    return { subgraph: def.name, applied, adopted, restoredTriggers };
  } finally {
    await orm.close(true);
  }
}

/** A throw-away database next to `db` (same server, same account), for building a reference schema. */
function scratchTarget(
  db: Extract<DatabaseTarget, { kind: 'mariadb' }>,
  purpose: string,
): Extract<DatabaseTarget, { kind: 'mariadb' }> {
  return { ...db, dbName: `${db.dbName}_${purpose}_${randomBytes(3).toString('hex')}`.slice(0, 64) };
}

/**
 * Brings a database created by a release before migrations (tables made by the schema generator at every start) to
 * the state of the FIRST migration, then records that migration as applied, so the later ones apply as usual.
 * The reference is a scratch database built from the first migration alone (not today's entities, which may be
 * ahead of it). Only additive changes are made (a database of an older release may lack columns or indexes); if
 * anything else differs the adoption stops and says what, with nothing recorded.
 */
async function adoptLegacyDatabase(
  orm: HubORM,
  db: Extract<DatabaseTarget, { kind: 'mariadb' }>,
  def: SchemaDefinition,
): Promise<void> {
  const baseline = def.migrations![0];
  const scratch = scratchTarget(db, 'baseline');
  const ref = await initORM({ db: scratch, entities: def.entities });
  try {
    await ref.schema.ensureDatabase();
    await migratorFor(ref, def).up({ to: baseline.name });
    const compare = async () => {
      const from = await DatabaseSchema.create(orm.em.getConnection(), orm.em.getPlatform(), orm.config);
      const to = await DatabaseSchema.create(ref.em.getConnection(), ref.em.getPlatform(), ref.config);
      return new SchemaComparator(orm.em.getPlatform()).compare(from, to);
    };
    const additive = await orm.schema.diffToSQL(await compare(), { safe: true, wrap: false });
    if (additive.trim()) {
      log.info({ database: db.dbName }, 'adopting a database of an earlier release: adding what it lacks');
      await orm.schema.execute(additive);
    }
    const rest = await orm.schema.diffToSQL(await compare(), { safe: false, wrap: false });
    if (rest.trim()) {
      throw new Error(
        `Database ${db.dbName} (created before migrations) differs from migration ${baseline.name} in ways db:migrate will not change on its own:\n${rest}`,
      );
    }
    for (const t of appendOnlyOf(def))
      for (const sql of appendOnlyTriggerSql('mariadb', t)) await orm.em.getConnection().execute(sql);
    const migrator = migratorFor(orm, def);
    await migrator.getExecutedMigrations(); // creates the migrations table
    await migrator.getStorage().logMigration({ name: baseline.name, context: null });
    log.info({ database: db.dbName, migration: baseline.name }, 'database of an earlier release adopted');
  } finally {
    await ref.schema.dropDatabase(scratch.dbName).catch(() => undefined);
    await ref.close(true);
  }
}

export interface MigrationDiff {
  subgraph: SubgraphName;
  up: string[];
  down: string[];
}

/**
 * What a new migration has to do for the entities (and the declared append-only tables) to match: builds a scratch
 * database from the committed migrations (owner account `db`, a database name next to db.dbName), then diffs it
 * against the entities. Empty `up` = no drift. Used by `npm run db:migration:create` and by the drift test.
 */
export async function migrationDiff(
  db: Extract<DatabaseTarget, { kind: 'mariadb' }>,
  def: SchemaDefinition,
): Promise<MigrationDiff> {
  const scratch = scratchTarget(db, 'diff');
  const orm = await initORM({ db: scratch, entities: def.entities });
  try {
    await orm.schema.ensureDatabase();
    if (def.migrations?.length) await migratorFor(orm, def).up();
    const split = (sql: string) =>
      sql
        .split(/;\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (s.endsWith(';') ? s.slice(0, -1) : s));
    const diff = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false, safe: false, dropTables: true });
    const up = split(diff.up);
    const down = split(diff.down);
    const present = await triggerNames(orm);
    for (const t of appendOnlyOf(def)) {
      const names = appendOnlyTriggerNames(t.table);
      if (names.every((n) => present.has(n))) continue;
      up.push(...appendOnlyTriggerSql('mariadb', t));
      down.unshift(...names.map((n) => `DROP TRIGGER IF EXISTS ${n}`));
    }
    return { subgraph: def.name, up, down };
  } finally {
    await orm.schema.dropDatabase(scratch.dbName).catch(() => undefined);
    await orm.close(true);
  }
}
