import { EntitySchema, MikroORM, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { MySqlPlatform, MySqlSchemaHelper } from '@mikro-orm/knex';
import { MySqlDriver } from '@mikro-orm/mysql';
import { dirname } from 'node:path';
import { AUDIT_OUTBOX_APPEND_ONLY, protectAppendOnly, type AppendOnlyTable } from './append-only';
import { AuditEventSchema } from './audit';
import { enforceRequestBudgets, rememberConnection } from './budget';
import { logger, scrubIfSql } from './logger';
import type { DatabaseTarget } from './config';
import { ensurePrivateDir, tightenFile } from './file-modes';
import { JobLeaseSchema } from './lease';
import { SequenceCounterSchema } from './counters';
import { ORM_DEBUG_NAMESPACES, PinoOrmLogger } from './orm-logger';
import { OutboxCursorSchema } from './outbox';
import { TenantWriteGuard, tenantFilter } from './tenant';

export type HubORM = MikroORM<AbstractSqlDriver>;

/**
 * MariaDB's JSON is LONGTEXT plus an automatic CHECK (json_valid(...)) constraint. mysql2 hands it back as a
 * string while MikroORM's MySQL platform assumes the driver parsed it, and MikroORM's schema diff tries to drop
 * the unknown CHECK on every start (and fails). So on MariaDB, JSON columns are plain LONGTEXT and MikroORM
 * serialises and parses them itself.
 */
class MariaDbPlatform extends MySqlPlatform {
  override schemaHelper: MySqlSchemaHelper = new MariaDbSchemaHelper(this);

  override convertsJsonAutomatically(): boolean {
    return false;
  }

  override getJsonDeclarationSQL(): string {
    return 'longtext';
  }
}

/**
 * MariaDB reports column defaults as SQL literals: 'NULL' for none (MySQL: null) and quoted strings
 * ('REGISTERED'; MySQL: REGISTERED). The MySQL schema diff would "fix" both on every start.
 */
class MariaDbSchemaHelper extends MySqlSchemaHelper {
  override normalizeDefaultValue(defaultValue: string, length: number) {
    return defaultValue === 'NULL' ? (null as never) : super.normalizeDefaultValue(defaultValue, length);
  }

  /** Only used on introspected defaults: a literal MariaDB already quoted must not be quoted twice. */
  override wrap(val: string | null | undefined, type: Parameters<MySqlSchemaHelper['wrap']>[1]) {
    return typeof val === 'string' && /^'.*'$/s.test(val) ? val : super.wrap(val, type);
  }
}

/** MikroORM's MySQL driver (mysql2) with the MariaDB platform above. */
class MariaDbDriver extends MySqlDriver {
  constructor(config: ConstructorParameters<typeof MySqlDriver>[0]) {
    super(config);
    (this as unknown as { platform: MySqlPlatform }).platform = new MariaDbPlatform();
  }
}

/**
 * Run on every new MariaDB connection. MariaDB 10.6–10.11 caps the cost of `ref` access on a secondary index
 * ("max_seek") and so prefers `ref` on the municipality prefix of e.g. (municipality_id, created_at, id) to a range
 * that starts at a keyset cursor: a page deep in a list of a large municipality then reads every newer row first
 * (1–8 s at 1 M documents instead of 1 ms; README, Benchmarks). `disable_max_seek` is MariaDB's documented opt-in to
 * the costing it uses from 11.0 on (server variable optimizer_adjust_secondary_key_costs, 10.6.17+/10.11.7+). A
 * server without the variable, or one that refuses the value, keeps its default: the error is ignored.
 */
const MARIADB_SESSION_SETUP =
  "SET SESSION optimizer_adjust_secondary_key_costs = IF(@@optimizer_adjust_secondary_key_costs = '', 'disable_max_seek', " +
  "CONCAT(@@optimizer_adjust_secondary_key_costs, ',disable_max_seek'))";

interface RawMariaDbConnection {
  query(sql: string, callback: (err: unknown) => void): void;
  __knexUid?: string;
  threadId?: number | null;
}

/**
 * The MariaDB connection pool of one process. Bounded, and a request that cannot get a connection within the
 * acquire timeout fails at once with SERVICE_UNAVAILABLE (errors.ts) instead of queueing behind everyone else (knex's
 * default wait is 60 s): one slow municipality then costs others a quick, retryable refusal, not a stalled hub.
 */
export interface PoolSettings {
  /** Most connections at once (HUB_DB_POOL_MAX, default 10). */
  max: number;
  /** How long a statement waits for a free connection (HUB_DB_ACQUIRE_TIMEOUT_MS, default 2000). */
  acquireTimeoutMs: number;
}

export function poolSettings(env: NodeJS.ProcessEnv = process.env): PoolSettings {
  const num = (v: string | undefined, d: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return { max: num(env.HUB_DB_POOL_MAX, 10), acquireTimeoutMs: num(env.HUB_DB_ACQUIRE_TIMEOUT_MS, 2_000) };
}

const dbLog = logger.child({ component: 'db' });
const knexLog = {
  // knex's own messages are usually about connections; one quoting a statement loses its values like any error's.
  warn: (m: unknown) => dbLog.warn({ detail: scrubIfSql(String(m)) }, 'knex warning'),
  error: (m: unknown) => dbLog.error({ detail: scrubIfSql(String(m)) }, 'knex error'),
  deprecate: () => undefined,
  debug: () => undefined,
};

/**
 * Entities every subgraph has: its audit log (the transaction log's outbox), its number series, the outbox cursor,
 * and the leases of its background jobs (lease.ts).
 */
export const KIT_ENTITIES = [AuditEventSchema, SequenceCounterSchema, OutboxCursorSchema, JobLeaseSchema];

function tenantEntityNames(schemas: EntitySchema[]): string[] {
  return schemas.filter((s) => 'municipalityId' in s.meta.properties).map((s) => s.meta.className);
}

export interface InitOrmOptions {
  db: DatabaseTarget;
  entities: EntitySchema[];
  debug?: boolean;
  /** MariaDB pool; default from the environment (`poolSettings`). */
  pool?: PoolSettings;
}

/**
 * The one place a subgraph gets its ORM. Entities are plain classes described by EntitySchema (no
 * decorators, no reflection), so the same code runs under tsc and swc.
 */
export async function initORM({ db, entities, debug, pool = poolSettings() }: InitOrmOptions): Promise<HubORM> {
  if (db.kind === 'sqlite' && db.file !== ':memory:') privateSqliteFiles(db.file);
  const all = [...KIT_ENTITIES, ...entities];
  const tenantEntities = tenantEntityNames(all);
  const common: Options<AbstractSqlDriver> = {
    entities: all,
    discovery: { warnWhenNoEntities: true },
    filters: { tenant: tenantFilter(tenantEntities) },
    subscribers: [new TenantWriteGuard(new Set(tenantEntities))],
    // Requests always work on a fork; touching the global EntityManager is a bug we want to hear about.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // Through pino, never with bound values (orm-logger.ts): `true` would also enable `query-params`.
    debug: (debug ?? process.env.HUB_SQL_DEBUG === '1') ? ORM_DEBUG_NAMESPACES : false,
    loggerFactory: PinoOrmLogger.create,
  };
  const orm =
    db.kind === 'sqlite'
      ? await MikroORM.init<AbstractSqlDriver>({
          ...common,
          driver: LibSqlDriver as never,
          dbName: db.file,
          // libsql's default busy timeout is 0: a second process writing the same file would fail at once.
          driverOptions: { connection: { timeout: 15_000 } },
        })
      : await MikroORM.init<AbstractSqlDriver>({
          ...common,
          driver: MariaDbDriver as never,
          host: db.host,
          port: db.port,
          user: db.user,
          password: db.password,
          dbName: db.dbName,
          // MikroORM's schema generator ignores the database default; set it explicitly (stack-notes.md).
          collate: 'utf8mb4_unicode_ci',
          charset: 'utf8mb4',
          timezone: '+00:00',
          // knex's own warnings (e.g. "Connection Error: … Connection lost" during an outage) as structured log lines.
          driverOptions: { log: knexLog },
          pool: {
            min: 0,
            max: pool.max,
            acquireTimeoutMillis: pool.acquireTimeoutMs,
            afterCreate: (
              conn: RawMariaDbConnection,
              done: (err: Error | null, conn: RawMariaDbConnection) => void,
            ) => {
              rememberConnection(conn); // so a request over its time budget can cancel its statement (budget.ts)
              conn.query(MARIADB_SESSION_SETUP, () => done(null, conn));
            },
          },
        });
  if (db.kind === 'sqlite' && db.file !== ':memory:') {
    // WAL lets readers proceed while one process writes.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    // WAL just created its -wal and -shm files (SQLite gives them the database file's mode).
    privateSqliteFiles(db.file);
  }
  enforceRequestBudgets(orm);
  return orm;
}

/**
 * The SQLite files hold password and secret hashes (issue 18, finding 6): their directory 0700 (created so when
 * missing), the database and its -wal/-shm/-journal files 0600 — also files an earlier release created 0644.
 */
function privateSqliteFiles(file: string): void {
  ensurePrivateDir(dirname(file));
  for (const suffix of ['', '-wal', '-shm', '-journal']) tightenFile(file + suffix);
}

/**
 * The schema generator path: creates missing tables and columns and relaxes constraints; never drops a table or
 * column, so existing data survives upgrades. Some SQLite changes (a column becoming nullable) need a table rebuild
 * that MikroORM only plans once the new columns exist, hence up to three passes until nothing is left to change. Then
 * (re)creates the append-only triggers (every subgraph's `audit_event` and the tables in `appendOnly`; a SQLite table
 * rebuild drops them).
 *
 * What SQLite runs at every start (migrations.ts `prepareSchema`). On MariaDB the services no longer run it: the
 * schema comes from the versioned migrations (migrations.ts); this stays as the path of releases before them (the
 * upgrade test builds such a database with it) and for test-only entity sets.
 */
export async function ensureSchema(orm: HubORM, appendOnly: readonly AppendOnlyTable[] = []): Promise<void> {
  await orm.schema.ensureDatabase();
  for (let pass = 0; pass < 3; pass++) {
    if (!(await orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false }))) break;
    await orm.schema.updateSchema({ safe: true });
  }
  for (const t of [AUDIT_OUTBOX_APPEND_ONLY, ...appendOnly]) await protectAppendOnly(orm, t.table, t.what);
}
