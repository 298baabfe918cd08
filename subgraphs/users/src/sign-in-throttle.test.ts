// Sign-in throttling (issue 18, finding 4): counted before the password check, shared through the database,
// per (login, address) and per address, and never a lock a stranger can put on the owner.
import { DEMO_PASSWORD, DEMO_USERS, ensureSchema, initORM, type DatabaseTarget, type HubORM } from '@hub/kit';
import { startTestSubgraph, testDatabase, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsersContext } from './context';
import { users } from './index';
import { SignInThrottle, throttleSettings } from './modules/sign-in/throttle';
import { deleteExpiredCounters } from './modules/sign-in/db-rate-limiter';

process.env.HUB_TOKEN_SECRET = 'users-test-token-secret-0123456789abcdef';
const PASSWORD = process.env.HUB_DEMO_PASSWORD || DEMO_PASSWORD;
const LOGIN = 'mutation($login: String!, $password: String!) { login(login: $login, password: $password) { token } }';
const CLIENT_LOGIN =
  'mutation($id: ID!, $secret: String!) { loginApiClient(clientId: $id, secret: $secret) { token } }';

type Result = { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };
const codeOf = (r: Result) => r.errors?.[0]?.extensions?.code;

describe.each(testDatabaseKinds())('sign-in throttling on %s', (kind) => {
  let t: TestSubgraph<UsersContext>;
  beforeAll(async () => {
    t = await startTestSubgraph(users, kind, { seedDemo: true });
  });
  afterAll(() => t?.dispose());

  const login = (name: string, password: string, from: string) =>
    t.run(null, LOGIN, { login: name, password }, { clientAddress: from });

  it('evaluates at most 5 of 40 parallel guesses: the right password at #9 gets no token', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('mbk.clerk', i === 8 ? PASSWORD : `wrong-guess-${i}`, '203.0.113.9')),
    );
    const codes = results.map(codeOf);
    expect(results.some((r) => r.data?.login?.token)).toBe(false);
    expect(codes[8]).toBe('TOO_MANY_REQUESTS');
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(35);
    const refused = results.find((r) => codeOf(r) === 'TOO_MANY_REQUESTS')!;
    const retryAfter = refused.errors![0].extensions!.retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(throttleSettings().windowSeconds);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The right password from that address stays refused until the window ends …
    expect(codeOf(await login('mbk.clerk', PASSWORD, '203.0.113.9'))).toBe('TOO_MANY_REQUESTS');
  });

  it('does not let a stranger lock the owner out: wrong passwords from one address leave another address free', async () => {
    for (let i = 0; i < 8; i++) {
      expect(codeOf(await login('mbk.admin', 'not-the-password', '198.51.100.66'))).toBe(
        i < 5 ? 'UNAUTHENTICATED' : 'TOO_MANY_REQUESTS',
      );
    }
    const owner = await login('mbk.admin', PASSWORD, '192.0.2.10');
    expect(owner.errors).toBeUndefined();
    expect(owner.data?.login.token).toEqual(expect.any(String));
    // Letter case does not make a new login, and the stranger stays refused.
    expect(codeOf(await login('MBK.Admin', PASSWORD, '198.51.100.66'))).toBe('TOO_MANY_REQUESTS');
  });

  it('a successful sign-in clears its (login, address) count', async () => {
    for (let i = 0; i < 4; i++)
      expect(codeOf(await login('mbk.handler', 'typo-typo-typo', '192.0.2.20'))).toBe('UNAUTHENTICATED');
    expect((await login('mbk.handler', PASSWORD, '192.0.2.20')).errors).toBeUndefined();
    for (let i = 0; i < 4; i++)
      expect(codeOf(await login('mbk.handler', 'typo-typo-typo', '192.0.2.20'))).toBe('UNAUTHENTICATED');
    expect((await login('mbk.handler', PASSWORD, '192.0.2.20')).errors).toBeUndefined();
  });

  it('limits failures per address across logins (spraying), giving successes back', async () => {
    const { maxFailuresPerAddress } = throttleSettings();
    const logins = DEMO_USERS.filter((u) => u.municipalityId && u.login !== 'mbk.admin' && u.login !== 'mbk.clerk').map(
      (u) => u.login,
    );
    const from = '203.0.113.77';
    // One success in between: it does not count.
    expect((await login(logins[0], PASSWORD, from)).errors).toBeUndefined();
    for (let i = 0; i < maxFailuresPerAddress; i++) {
      expect(codeOf(await login(logins[1 + (i % 40)], 'sprayed-password', from))).toBe('UNAUTHENTICATED');
    }
    const refused = await login(logins[0], PASSWORD, from);
    expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
    expect(refused.errors![0].extensions!.retryAfter).toBeGreaterThan(0);
    // Other addresses are not affected.
    expect((await login(logins[0], PASSWORD, '203.0.113.78')).errors).toBeUndefined();
  });

  it('throttles API client sign-in the same way', async () => {
    const clientId = '00000000-0000-4000-8000-00000000c11e';
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.run(null, CLIENT_LOGIN, { id: clientId, secret: 'guessed-secret' }, { clientAddress: '203.0.113.5' }),
      ),
    );
    expect(results.map(codeOf).filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(results.map(codeOf).filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
  });
});

describe.each(testDatabaseKinds())('the throttle counters on %s', (kind) => {
  let dir: string | undefined;
  let db: DatabaseTarget;
  let orms: HubORM[] = [];
  beforeAll(async () => {
    if (kind === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'hub-throttle-'));
      db = { kind: 'sqlite', file: join(dir, 'users.db') };
    } else {
      db = testDatabase(kind, 'users');
    }
    // Two ORMs on one database stand for two processes of the users subgraph.
    orms = [await initORM({ db, entities: users.entities })];
    await ensureSchema(orms[0]);
    orms.push(await initORM({ db, entities: users.entities }));
  });
  afterAll(async () => {
    if (db?.kind === 'mariadb') await orms[0]?.schema.dropDatabase(db.dbName).catch(() => undefined);
    for (const orm of orms) await orm.close(true);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const settings = { ...throttleSettings({}), maxAttemptsPerLoginAndAddress: 5, slowAfterAttemptsPerLogin: 1000 };
  const subject = (id: string) => ({ kind: 'login' as const, id });
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e) => e.extensions?.code ?? String(e),
    );

  it('is shared by two processes: 30 parallel attempts, half through each, let exactly 5 through', async () => {
    // Two throttle instances as well: nothing is shared in memory.
    const throttles = [new SignInThrottle(settings), new SignInThrottle(settings)];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        outcome(throttles[i % 2].reserve(orms[i % 2].em.fork(), subject('mbk.shared'), '192.0.2.1')),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(25);
    expect(await outcome(throttles[0].reserve(orms[1].em.fork(), subject('MBK.Shared'), '192.0.2.1'))).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('above the per-login ceiling it only slows down, from every address, and never refuses', async () => {
    const delays: number[] = [];
    const throttle = new SignInThrottle(
      { ...settings, slowAfterAttemptsPerLogin: 3, delayStepMs: 100, maxDelayMs: 250 },
      async (ms) => void delays.push(ms),
    );
    // Ten addresses, two attempts each: none is refused, attempts 4… wait 100, 200, then 250 ms (the cap).
    for (let i = 0; i < 20; i++) {
      expect(
        await outcome(
          throttle.reserve(orms[i % 2].em.fork(), subject('mbk.popular'), `198.51.100.${Math.floor(i / 2)}`),
        ),
      ).toBe('ok');
    }
    expect(delays).toEqual([100, 200, ...Array(15).fill(250)]);
  });

  it('restarts a window that has ended, and the sweep deletes ended windows', async () => {
    const throttle = new SignInThrottle({ ...settings, maxAttemptsPerLoginAndAddress: 1, windowSeconds: 1 });
    const em = () => orms[0].em.fork();
    expect(await outcome(throttle.reserve(em(), subject('mbk.window'), '192.0.2.2'))).toBe('ok');
    expect(await outcome(throttle.reserve(em(), subject('mbk.window'), '192.0.2.2'))).toBe('TOO_MANY_REQUESTS');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await outcome(throttle.reserve(em(), subject('mbk.window'), '192.0.2.2'))).toBe('ok');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await deleteExpiredCounters(em())).toBeGreaterThanOrEqual(3);
  });
});
