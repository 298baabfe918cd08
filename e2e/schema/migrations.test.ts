// Versioned migrations on MariaDB (finding 13): a database of the release before migrations (fixtures/), with data, is adopted
// and migrated to exactly the schema a fresh database gets; entities and committed migrations agree (schema drift
// fails here); the runtime account cannot change the schema, in particular not drop the transaction log's triggers;
// a service refuses to start on a database that `npm run db:migrate` has not brought to its release.
// MariaDB only: SQLite builds its schema with the schema generator at start (schema-stable.test.ts).
import { archives } from '@hub/archives';
import { filing } from '@hub/filing';
import {
  MIGRATIONS_TABLE,
  dropTestDatabases,
  migrateDatabase,
  migrationDiff,
  runSubgraph,
  runtimeTarget,
  subgraphKeysOf,
  testDatabase,
  testDatabaseKinds,
  testKeys,
  type DatabaseTarget,
  type SubgraphDefinition,
} from '@hub/kit';
import { municipalities } from '@hub/municipalities';
import { users } from '@hub/users';
import { EntitySchema } from '@mikro-orm/core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

const definitions = [municipalities, users, filing, archives] as SubgraphDefinition<any>[];
type MariaDb = Extract<DatabaseTarget, { kind: 'mariadb' }>;
const onMariaDb = testDatabaseKinds().includes('mariadb') ? describe : describe.skip;

/** A connection as the tests' owner account (or, with `runtime`, as the runtime account) on one database. */
function connect(dbName: string, runtime = false) {
  const u = new URL(runtime ? process.env.HUB_TEST_MARIADB_RUNTIME_URL! : process.env.HUB_TEST_MARIADB_URL!);
  const account = {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  return mysql.createConnection({ ...account, ...(dbName ? { database: dbName } : {}) });
}

async function query(dbName: string, sql: string, params: unknown[] = []): Promise<any[]> {
  const conn = await connect(dbName);
  try {
    return (await conn.query(sql, params))[0] as any[];
  } finally {
    await conn.end();
  }
}

/** Everything information_schema says about a database's schema (column order aside), comparable with toEqual. */
async function describeSchema(dbName: string) {
  const q = (sql: string) => query(dbName, sql, [dbName]);
  return {
    tables: await q(
      `select table_name, engine, table_collation from information_schema.tables where table_schema = ? and table_name <> '${MIGRATIONS_TABLE}' order by table_name`,
    ),
    columns: await q(
      `select table_name, column_name, column_type, is_nullable, column_default, collation_name, extra from information_schema.columns
       where table_schema = ? and table_name <> '${MIGRATIONS_TABLE}' order by table_name, column_name`,
    ),
    indexes: await q(
      `select table_name, index_name, seq_in_index, column_name, non_unique, sub_part from information_schema.statistics
       where table_schema = ? and table_name <> '${MIGRATIONS_TABLE}' order by table_name, index_name, seq_in_index`,
    ),
    foreignKeys: await q(
      `select table_name, constraint_name, column_name, referenced_table_name, referenced_column_name from information_schema.key_column_usage
       where table_schema = ? and referenced_table_name is not null order by table_name, constraint_name, ordinal_position`,
    ),
    checks: await q(
      `select table_name, constraint_name, check_clause from information_schema.check_constraints where constraint_schema = ? order by table_name, constraint_name`,
    ),
    triggers: await q(
      `select trigger_name, event_manipulation, event_object_table, action_timing, action_statement from information_schema.triggers
       where trigger_schema = ? order by trigger_name`,
    ),
  };
}

/** Row count and CHECKSUM TABLE of every table: the data, unchanged or not. */
async function describeData(dbName: string) {
  const tables = await query(
    dbName,
    'select table_name as name from information_schema.tables where table_schema = ? order by table_name',
    [dbName],
  );
  const out: Record<string, { rows: number; checksum: unknown }> = {};
  for (const { name } of tables) {
    if (name === MIGRATIONS_TABLE) continue;
    const [{ n }] = await query(dbName, `select count(*) as n from \`${name}\``);
    const [{ Checksum }] = await query(dbName, `checksum table \`${name}\``);
    out[name] = { rows: Number(n), checksum: Checksum };
  }
  return out;
}

/**
 * A database of the release before migrations (a245fd9), with its data: what that release's services left at start
 * (schema generator, append-only triggers, data upgrades, demo data), dumped from that release's own build by
 * fixtures/make-release-fixture.mjs and loaded here with the owner account. Built from the release itself, not from
 * today's entities, so tables and columns added since are what the migrations must add.
 */
async function legacyDatabase(def: SubgraphDefinition<any>): Promise<MariaDb> {
  const db = testDatabase('mariadb', def.name) as MariaDb;
  await query('', `create database \`${db.dbName}\``);
  const dump = readFileSync(join(__dirname, 'fixtures', 'release-a245fd9', `${def.name}.sql`));
  // The dump uses the mariadb client's DELIMITER syntax for its triggers, which a driver does not understand.
  execFileSync('mariadb', ['-h', db.host, '-P', String(db.port), '-u', db.user, `-p${db.password}`, db.dbName], {
    input: dump,
  });
  return db;
}

onMariaDb('versioned migrations on MariaDB', () => {
  const created: string[] = [];
  const fresh = (name: SubgraphDefinition['name']) => {
    const db = testDatabase('mariadb', name) as MariaDb;
    created.push(db.dbName);
    return db;
  };
  afterAll(() => dropTestDatabases(created));

  it.each(definitions.map((d) => [d.name, d] as const))(
    '%s: a database of the release before migrations, with data, is migrated to the schema of a fresh one, data kept',
    async (_, def) => {
      const legacy = await legacyDatabase(def);
      created.push(legacy.dbName);
      const dataBefore = await describeData(legacy.dbName);
      expect(Object.values(dataBefore).some((t) => t.rows > 0)).toBe(true);

      const adopted = await migrateDatabase(legacy, def);
      expect(adopted).toMatchObject({ adopted: true, applied: def.migrations!.slice(1).map((m) => m.name) });
      const fromZero = fresh(def.name);
      expect(await migrateDatabase(fromZero, def)).toMatchObject({
        adopted: false,
        applied: def.migrations!.map((m) => m.name),
      });

      expect(await describeSchema(legacy.dbName)).toEqual(await describeSchema(fromZero.dbName));
      // Every table of the release keeps its rows and checksums; tables added since start empty.
      const dataAfter = await describeData(legacy.dbName);
      expect(Object.fromEntries(Object.keys(dataBefore).map((t) => [t, dataAfter[t]]))).toEqual(dataBefore);
      for (const [t, d] of Object.entries(dataAfter)) if (!(t in dataBefore)) expect([t, d.rows]).toEqual([t, 0]);
      const applied = await query(legacy.dbName, `select name from ${MIGRATIONS_TABLE} order by id`);
      expect(applied.map((r) => r.name)).toEqual(def.migrations!.map((m) => m.name));
      // Again: nothing to do.
      expect(await migrateDatabase(legacy, def)).toMatchObject({ adopted: false, applied: [], restoredTriggers: [] });
    },
  );

  it.each(definitions.map((d) => [d.name, d] as const))(
    '%s: the entities and the committed migrations agree (else: npm run db:migration:create)',
    async (_, def) => {
      const diff = await migrationDiff(fresh(def.name), def);
      expect(diff.up).toEqual([]);
    },
  );

  it('a schema change without its migration is found (the drift check can fail)', async () => {
    const NoteSchema = new EntitySchema<{ id: string; text: string }>({
      name: 'DriftProbe',
      tableName: 'drift_probe',
      properties: { id: { type: 'string', primary: true, length: 36 }, text: { type: 'string', length: 100 } },
    });
    const diff = await migrationDiff(fresh('archives'), { ...archives, entities: [...archives.entities, NoteSchema] });
    expect(diff.up).toEqual([expect.stringMatching(/^create table `drift_probe`/)]);
    expect(diff.down).toEqual([expect.stringMatching(/^drop table if exists `drift_probe`/)]);
  });

  it('the runtime account reads and writes rows but cannot change the schema nor drop the append-only triggers', async () => {
    const db = fresh('filing');
    await migrateDatabase(db, filing);
    const conn = await connect(db.dbName, true);
    try {
      const denied = /denied/i;
      for (const sql of [
        'DROP TRIGGER log_entry_no_update',
        'DROP TRIGGER audit_event_no_delete',
        'CREATE TRIGGER IF NOT EXISTS sneaky BEFORE DELETE ON document FOR EACH ROW SET @x = 1',
        'CREATE TABLE sneaky (id int)',
        'ALTER TABLE log_entry ADD COLUMN sneaky int',
        'DROP TABLE log_entry',
        'TRUNCATE TABLE audit_event',
        'CREATE INDEX sneaky ON document (subject)',
      ]) {
        await expect(conn.query(sql)).rejects.toThrow(denied);
      }
      // What the services do need works, and the triggers still guard the log.
      await conn.query("INSERT INTO sequence_counter (name, current_value) VALUES ('probe', 1)");
      await conn.query("UPDATE sequence_counter SET current_value = 2 WHERE name = 'probe'");
      await conn.query("DELETE FROM sequence_counter WHERE name = 'probe'");
      const triggers = await query(
        db.dbName,
        'select trigger_name from information_schema.triggers where trigger_schema = database()',
      );
      expect(triggers.map((t) => t.trigger_name).sort()).toEqual([
        'audit_event_no_delete',
        'audit_event_no_update',
        'log_entry_no_delete',
        'log_entry_no_update',
        'log_rendition_no_delete',
        'log_rendition_no_update',
      ]);
    } finally {
      await conn.end();
    }
  });

  it('a service refuses to start unless db:migrate brought its database to this release, and starts when it did', async () => {
    const db = fresh('municipalities');
    const start = () =>
      runSubgraph(municipalities, { port: 0, db: runtimeTarget(db), keys: subgraphKeysOf(testKeys()), relay: false });
    // Empty (db:migrate never ran): the database does not even exist for the runtime account to create.
    await query('', `create database \`${db.dbName}\``);
    await expect(start()).rejects.toThrow(/no schema migrations applied.*npm run db:migrate/s);
    await migrateDatabase(db, municipalities);
    const running = await start();
    await running.stop();
    // A database a newer release migrated further.
    await query(db.dbName, `insert into ${MIGRATIONS_TABLE} (name) values ('Migration29990101000000_future')`);
    await expect(start()).rejects.toThrow(/Migration29990101000000_future.*newer release/s);
  });

  it('db:migrate puts back an append-only trigger someone with schema rights dropped', async () => {
    const db = fresh('filing');
    await migrateDatabase(db, filing);
    await query(db.dbName, 'drop trigger log_entry_no_delete');
    expect(await migrateDatabase(db, filing)).toMatchObject({ applied: [], restoredTriggers: ['log_entry_no_delete'] });
    const [{ n }] = await query(
      db.dbName,
      "select count(*) as n from information_schema.triggers where trigger_schema = database() and trigger_name = 'log_entry_no_delete'",
    );
    expect(Number(n)).toBe(1);
  });
});
