/**
 * Finding 12: a database outage is SERVICE_UNAVAILABLE (retryable, with a hint), not a bug, and /ready says so.
 *
 * The hub runs on a throw-away MariaDB server this suite starts itself (own data dir, port and socket; the
 * machine's server is not touched). The server is killed with SIGKILL, then started again on the same data: the
 * hub must answer SERVICE_UNAVAILABLE with retryAfter meanwhile, report not ready, and serve again afterwards
 * without being restarted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../harness';

const MARIADBD = '/usr/sbin/mariadbd';
const available =
  existsSync(MARIADBD) &&
  spawnSync('which', ['mariadb-install-db'], { stdio: 'ignore' }).status === 0 &&
  !!process.env.HUB_TEST_MARIADB_URL;
const REGISTERS = '{ registers { id } }';
const LOGIN = 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A MariaDB server of this test only: created in a temp dir, started, killed, started again. */
class ThrowAwayMariaDb {
  readonly dir = mkdtempSync(join(tmpdir(), 'hub-outage-'));
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url() {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  install() {
    const r = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (r.status !== 0) throw new Error(`mariadb-install-db failed: ${r.stderr || r.stdout}`);
  }

  async start() {
    const d = join(this.dir, 'data');
    this.child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${d}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${d}.sock`,
        '--user=root',
        `--pid-file=${d}.pid`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        // A test server: no fsync (a process kill keeps what reached the OS; the hub's DDL at start is 5× faster).
        '--innodb-flush-method=nosync',
        '--innodb-flush-log-at-trx-commit=2',
        '--innodb-doublewrite=0',
      ],
      { stdio: 'ignore' },
    );
    const mysql = await import('mysql2/promise');
    const until = Date.now() + 20_000;
    for (;;) {
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.end();
        return;
      } catch (e) {
        if (Date.now() > until || this.child.exitCode !== null)
          throw new Error(`throw-away mariadbd did not start: ${(e as Error).message}`, { cause: e });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  get running() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL, as a crash would; resolves when the process is gone. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  async remove() {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function ready(url: string) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { status: string; checks: Record<string, string> },
  };
}

(available ? describe : describe.skip)('a MariaDB outage (kill -9, restart)', () => {
  let db: ThrowAwayMariaDb;
  let hub: Hub;
  let token: string;
  const savedUrl = process.env.HUB_TEST_MARIADB_URL;

  // Bounded in time: server and hub up within 60 s (about 15 s on an idle machine), the outage and recovery within 45 s.
  beforeAll(async () => {
    db = new ThrowAwayMariaDb(await freePort());
    db.install();
    await db.start();
    // The harness puts each subgraph on a fresh database of the server HUB_TEST_MARIADB_URL names.
    process.env.HUB_TEST_MARIADB_URL = db.url;
    hub = await startHub('mariadb', { relays: false });
    token = await hub.login('mbk.admin');
  }, 60_000);

  afterAll(async () => {
    try {
      if (hub && !db.running) await db.start(); // a failed test may leave it down: the harness drops its databases
      await hub?.stop();
    } finally {
      process.env.HUB_TEST_MARIADB_URL = savedUrl;
      await db?.remove();
    }
  }, 30_000);

  it('answers SERVICE_UNAVAILABLE with retryAfter while the database is down, reports not ready, and recovers by itself', async () => {
    expect((await hub.gql(token, REGISTERS)).errors).toBeUndefined();
    const filingReady = hub.subgraphs.filing.url.replace('/graphql', '/ready');
    const gatewayReady = hub.url.replace('/graphql', '/ready');
    expect((await ready(gatewayReady)).status).toBe(200);

    await db.kill();

    // Anonymous login: the users subgraph cannot reach its database; the answer passes the gateway unmasked.
    const login = await hub.gql(null, LOGIN, { l: 'mbk.admin', p: process.env.HUB_DEMO_PASSWORD ?? 'blansko-demo' });
    expect(login.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) } }),
    ]);
    // Signed in: the gateway's account check fails first (request-level: HTTP 503 with Retry-After).
    const docs = await hub.gql(token, REGISTERS);
    expect(docs.status).toBe(503);
    expect(docs.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) } }),
    ]);
    // Straight to the users subgraph, as the gateway asks it: the same answer, in the GraphQL body.
    const direct = await hub.direct('users', null, LOGIN, { l: 'mbk.admin', p: 'wrong' });
    expect(direct.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify([login, docs, direct])).not.toMatch(
      /INTERNAL_SERVER_ERROR|ECONNREFUSED|127\.0\.0\.1|PROTOCOL/,
    );

    const f = await ready(filingReady);
    expect(f).toMatchObject({
      status: 503,
      retryAfter: expect.any(String),
      body: { status: 'not ready', checks: { database: expect.stringMatching(/unreachable|timeout/) } },
    });
    const g = await ready(gatewayReady);
    expect(g.status).toBe(503);
    expect(g.body).toEqual({
      status: 'not ready',
      checks: { municipalities: 'not ready', users: 'not ready', filing: 'not ready', archives: 'not ready' },
    });

    await db.start();
    // No hub restart: the pools make new connections on their own.
    const until = Date.now() + 20_000;
    let again = await hub.gql(token, REGISTERS);
    while (again.errors && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      again = await hub.gql(token, REGISTERS);
    }
    expect(again.errors).toBeUndefined();
    expect(again.data.registers.length).toBeGreaterThan(0);
    expect(await hub.login('mbk.admin')).toEqual(expect.any(String));
    expect((await ready(filingReady)).status).toBe(200);
    expect((await ready(gatewayReady)).body).toEqual({
      status: 'ready',
      checks: { municipalities: 'ready', users: 'ready', filing: 'ready', archives: 'ready' },
    });
  }, 45_000);
});
