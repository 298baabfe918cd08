// The logger writes errors and SQL without bound values (logger.ts, orm-logger.ts), on both databases.
import { GraphQLError } from 'graphql';
import { SequenceCounter } from './counters';
import { maskError } from './errors';
import { captureLogs, describeError, logger, scrubIfSql, scrubSql } from './logger';
import { withRequestId } from './request-id';
import { initORM } from './orm';
import { createTestOrm, testDatabase, testDatabaseKinds } from './testing';

/** A value that must never reach a log line, shaped like a password hash. */
const SECRET = 'scrypt$16384$8$1$c2VjcmV0LXNhbHQ=$TOPSECRETHASHVALUE';

describe('scrubSql', () => {
  it.each([
    [
      "insert into `user_account` (`id`, `password_hash`) values ('u1', 'scrypt$x$y')",
      'insert into `user_account` (`id`, `password_hash`) values (?, ?)',
    ],
    [
      "select * from t where a = 'it''s' and b = \"x\\\"y\" and c = 12.5 and d = 0xFF",
      'select * from t where a = ? and b = ? and c = ? and d = ?',
    ],
    ['select `t1`.`col_2` from `t1` where `t1`.`id` = 42', 'select `t1`.`col_2` from `t1` where `t1`.`id` = ?'],
    ["select * from user where id = 'a\u0000b", 'select * from user where id = ?'],
    ["Duplicate entry 'mbk.secret' for key 'PRIMARY'", 'Duplicate entry ? for key ?'],
    ['insert into x values (?, ?)', 'insert into x values (?, ?)'],
  ])('scrubs literals (%#)', (sql, scrubbed) => {
    expect(scrubSql(sql)).toBe(scrubbed);
  });
});

describe.each(testDatabaseKinds())('logs on %s', (kind) => {
  let t: Awaited<ReturnType<typeof createTestOrm>>;
  let capture: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    t = await createTestOrm(kind, 'users', []);
  });
  afterAll(() => t?.dispose());
  beforeEach(() => {
    capture = captureLogs();
  });
  afterEach(() => capture.stop());

  let calls = 0;
  /** A real driver exception (MikroORM's, as resolvers see it): a duplicate key whose value is the secret. */
  async function duplicateKeyError(): Promise<unknown> {
    const em = t.orm.em.fork();
    const name = `${SECRET}-${++calls}`;
    await em.insert(SequenceCounter, { name, currentValue: 1 } as never);
    try {
      await em.insert(SequenceCounter, { name, currentValue: 2 } as never);
    } catch (e) {
      return e;
    }
    throw new Error('the second insert should have failed');
  }

  it('the driver error itself carries the secret (what a naive log line would print)', async () => {
    const e = (await duplicateKeyError()) as Error;
    expect(`${e.message}\n${e.stack}`).toContain('TOPSECRETHASHVALUE');
  });

  it('describeError keeps class, codes and the statement with ? for every value', async () => {
    const e = await duplicateKeyError();
    const d = describeError(e);
    expect(JSON.stringify(d)).not.toContain('TOPSECRETHASHVALUE');
    expect(d.type).toBe('UniqueConstraintViolationException');
    expect(d.code).toBeDefined();
    expect(d.statement).toMatch(/insert into `sequence_counter`/);
    expect(d.statement).toMatch(/values \(\?, \?\)/);
    expect(d.stack).toMatch(/^\s+at /);
  });

  it('an internal error masked for the client is logged without bound values', async () => {
    const e = await duplicateKeyError();
    const wrapped = new GraphQLError((e as Error).message, { originalError: e as Error, path: ['createUser'] });
    const masked = maskError({ message: wrapped.message, path: ['createUser'] }, wrapped);
    expect(masked.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const line = capture.lines.find((l) => l.msg === 'internal error');
    expect(line).toMatchObject({
      level: 50,
      component: 'graphql',
      path: 'createUser',
      err: { type: 'UniqueConstraintViolationException' },
    });
    expect(capture.text()).not.toContain('TOPSECRETHASHVALUE');
  });

  it('an error logged with any key is described, and secrets under known keys are redacted', async () => {
    const e = await duplicateKeyError();
    logger.child({ component: 'test' }).error({ err: e, passwordHash: SECRET, user: { secretHash: SECRET } }, 'failed');
    const text = capture.text();
    expect(text).toContain('"msg":"failed"');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('TOPSECRETHASHVALUE');
  });

  it('HUB_SQL_DEBUG: MikroORM logs statements through pino with placeholders, never the parameters', async () => {
    const orm = await initORM({
      db: kind === 'sqlite' ? testDatabase('sqlite', 'users') : t.db,
      entities: [],
      debug: true,
    });
    try {
      if (kind === 'sqlite') await orm.schema.createSchema();
      await orm.em.fork().insert(SequenceCounter, { name: `${SECRET}-debug`, currentValue: 7 } as never);
      await orm.em.getConnection().execute('select * from sequence_counter where name = ?', [`${SECRET}-debug`]);
    } finally {
      await orm.close(true);
    }
    const queries = capture.lines.filter((l) => l.component === 'orm' && l.namespace === 'query');
    expect(queries.length).toBeGreaterThanOrEqual(2);
    expect(queries.map((q) => q.statement).join('\n')).toMatch(/insert into `sequence_counter`.*values \(\?, \?\)/);
    expect(capture.text()).not.toContain('TOPSECRETHASHVALUE');
  });
});

describe('request ids and free text on the lines', () => {
  it('a line written while a request is served carries its id (and the serving service); others none', async () => {
    const logs = captureLogs();
    try {
      await withRequestId(
        'req-1',
        async () => {
          await Promise.resolve();
          logger.child({ component: 'x' }).info('inside');
        },
        'filing',
      );
      logger.info('outside');
    } finally {
      logs.stop();
    }
    expect(logs.lines[0]).toMatchObject({ requestId: 'req-1', service: 'filing', msg: 'inside' });
    expect(logs.lines[1].requestId).toBeUndefined();
  });

  it('knex and MikroORM messages quoting a statement lose its literals', async () => {
    expect(
      scrubIfSql("insert into `api_client` (`secret_hash`) values ('$argon2id$v=19$abc') - Duplicate entry"),
    ).not.toContain('argon2id');
    expect(scrubIfSql('Connection Error: connect ECONNREFUSED 127.0.0.1:3306')).toBe(
      'Connection Error: connect ECONNREFUSED 127.0.0.1:3306',
    );
  });
});
