// Two filing processes on one database, 100 concurrent registrations each: numbers 1..200, no gap, no
// duplicate. Runs the built subgraph (`npm test` builds first) as real OS processes.
import { filing } from '@hub/filing';
import {
  DEMO_MUNICIPALITIES,
  GRAPHQL_ROUTE,
  migrateDatabase,
  signCallerAssertion,
  testCaller,
  testDatabase,
  testDatabaseKinds,
  testKeys,
} from '@hub/kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTER, postJson, received, type GraphQLResponse } from '../harness';

const MAIN = join(__dirname, '../../subgraphs/filing/dist/main.js');
const PER_PROCESS = 100;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: string[]) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`filing exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`filing did not become healthy:\n${log.join('')}`);
}

describe.each(testDatabaseKinds())('two filing processes on %s', (kind) => {
  const keys = testKeys();
  const children: ChildProcess[] = [];
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  // Under NODE_ENV=production filing refuses to start without HUB_WEBHOOK_KEY (one for both: same database), and without the seal key of the log's daily renditions.
  const keyDir = mkdtempSync(join(tmpdir(), 'hub-seal-'));
  const sealKeyFile = join(keyDir, 'seal-key.pem');
  const WEBHOOK_KEY = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
    writeFileSync(sealKeyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'hub-concurrency-'));
      databaseUrl = `sqlite:${dir}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const base = new URL(process.env.HUB_TEST_MARIADB_URL!);
      const prefix = `hubtest_${randomBytes(5).toString('hex')}`;
      // `npm run db:migrate` as the owner, then the processes run as the runtime account (no DDL), as in production.
      const owner = testDatabase('mariadb', 'filing');
      if (owner.kind === 'mariadb') await migrateDatabase({ ...owner, dbName: `${prefix}_filing` }, filing);
      const runtime = new URL(process.env.HUB_TEST_MARIADB_RUNTIME_URL || process.env.HUB_TEST_MARIADB_URL!);
      databaseUrl = `mysql://${runtime.username}:${runtime.password}@${runtime.host}/${prefix}`;
      cleanup = async () => {
        const mysql = await import('mysql2/promise');
        const conn = await mysql.createConnection({
          host: base.hostname,
          port: Number(base.port || 3306),
          user: base.username,
          password: decodeURIComponent(base.password),
        });
        await conn.query(`DROP DATABASE IF EXISTS \`${prefix}_filing\``);
        await conn.end();
      };
    }
  });

  afterAll(async () => {
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null ? undefined : new Promise((r) => (c.once('exit', r), c.kill('SIGTERM'))),
      ),
    );
    await cleanup?.();
    rmSync(keyDir, { recursive: true, force: true });
  });

  async function startFiling(): Promise<string> {
    const port = await freePort();
    const log: string[] = [];
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HUB_DATABASE_URL: databaseUrl,
        HUB_GATEWAY_PUBLIC_KEY: keys.gatewayPublicKey,
        HUB_PEER_SECRET: keys.peerSecret,
        HUB_SERVICE_SECRET: keys.serviceSecret,
        HUB_FILING_PORT: String(port),
        HUB_SEAL_PRIVATE_KEY_FILE: sealKeyFile,
        HUB_WEBHOOK_KEY: WEBHOOK_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => log.push(String(d)));
    child.stderr!.on('data', (d) => log.push(String(d)));
    children.push(child);
    await waitHealthy(`http://127.0.0.1:${port}/health`, child, log);
    return `http://127.0.0.1:${port}/graphql`;
  }

  /**
   * What a well-behaved client does with SERVICE_UNAVAILABLE: waits `retryAfter` seconds (with jitter) and tries again.
   * On MariaDB, a burst beyond the pool is refused after HUB_DB_ACQUIRE_TIMEOUT_MS rather than queued (kit/orm.ts).
   */
  async function honouringRetryAfter(send: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
    for (let attempt = 1; ; attempt++) {
      const res = await send();
      const refusal = res.errors?.find((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
      if (!refusal || attempt >= 30) return res;
      await new Promise((r) =>
        setTimeout(r, Number(refusal.extensions?.retryAfter ?? 1) * 1000 * (0.5 + Math.random())),
      );
    }
  }

  it(`allocates 1..${2 * PER_PROCESS} without gaps or duplicates`, async () => {
    // One after the other: the first seeds the empty database, the second finds it seeded.
    const first = await startFiling();
    const second = await startFiling();
    const clerk = testCaller(DEMO_MUNICIPALITIES[0].id, ['INTAKE_CLERK'], 'mbk.clerk');
    // One assertion per request, as the gateway mints them (they live 15 s, checked on arrival).
    const headers = async () => ({
      'x-hub-caller': await signCallerAssertion(clerk, keys.gatewayPrivateKey, {
        subgraph: 'filing',
        route: GRAPHQL_ROUTE,
      }),
    });
    const results = await Promise.all(
      [first, second].flatMap((url) =>
        Array.from({ length: PER_PROCESS }, (_, i) =>
          honouringRetryAfter(async () =>
            postJson(url, { query: REGISTER, variables: { input: received(`Souběh ${i}`) } }, await headers()),
          ),
        ),
      ),
    );
    const failures = results.filter((r) => r.errors);
    expect(failures).toEqual([]);
    // A burst of 100 per process on a pool of 10 (MariaDB) is partly refused at once (SERVICE_UNAVAILABLE, retryAfter) and
    // retried: refused registrations must not have taken a number either.
    const docs = results.map((r) => r.data.registerDocument.document);
    expect(docs.map((d) => d.sequenceNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1),
    );
    expect(new Set(docs.map((d) => d.referenceNumber)).size).toBe(2 * PER_PROCESS);
    expect(new Set(docs.map((d) => d.pid)).size).toBe(2 * PER_PROCESS);
  });
});
