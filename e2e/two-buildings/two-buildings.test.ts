/**
 * Issue 12, items 1 and 2 (Done when): the two-building topology starts from the project's own script, documents are
 * registered with files under load, building A is killed with SIGKILL mid-load, B is promoted and serves, and every
 * acknowledged document and file is there, the numbering is gapless and the transaction log and the blob store
 * verify; then A is rebuilt as B's replica and the roles are switched back.
 *
 * It runs `npm run buildings:drill`'s script (scripts/buildings-drill.mjs) on a throw-away directory and free ports:
 * two mariadbd instances of its own (the machine's server is not touched), a few dozen registrations. The timings
 * it reports are not asserted (they are measured by the drill, README "Two buildings").
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const available =
  existsSync('/usr/sbin/mariadbd') &&
  spawnSync('which', ['mariadb-install-db'], { stdio: 'ignore' }).status === 0 &&
  !!process.env.HUB_TEST_MARIADB_URL;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

interface DrillFigures {
  passed?: boolean;
  error?: string;
  topology: {
    building: string;
    semiSyncPrimary: string;
    semiSyncReplica: string;
    gtidStrict: boolean;
    replicaReadOnly: boolean;
    replicating: boolean;
  };
  acknowledgedBeforeKill: number;
  inB: { acknowledged: number; present: number; filesOk: number; gapless: boolean };
  auditVerifyB: { ok: boolean; output: string };
  blobsVerifyB: { ok: boolean; output: string };
  inAAfterFailback: { acknowledged: number; present: number; gapless: boolean };
  auditVerifyA: { ok: boolean };
  killToServingMs: number;
  failbackMs: number;
}

(available ? describe : describe.skip)(
  'two buildings: SIGKILL of building A under load, failover to B, failback',
  () => {
    let dir: string;
    afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('every acknowledged registration and file is in B after the failover, numbering gapless, the log verifying; failback to A', async () => {
      dir = mkdtempSync(join(tmpdir(), 'hub-buildings-'));
      const [a, b, gateway] = [await freePort(), await freePort(), await freePort()];
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'scripts', 'buildings-drill.mjs'),
          '--json',
          '--documents',
          '30',
          '--concurrency',
          '3',
          '--kill-after',
          '15',
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            HUB_BUILDINGS_DIR: dir,
            HUB_BUILDING_A_PORT: String(a),
            HUB_BUILDING_B_PORT: String(b),
            HUB_GATEWAY_PORT: String(gateway),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      const last = out.trim().split('\n').at(-1) ?? '';
      let f: DrillFigures;
      try {
        f = JSON.parse(last);
      } catch {
        throw new Error(`drill printed no figures (exit ${code}): ${err.slice(-2000)}`);
      }
      if (f.error) throw new Error(`drill failed: ${f.error}\n${err.slice(-2000)}`);
      expect(f.topology).toEqual({
        building: 'A',
        semiSyncPrimary: 'ON',
        semiSyncReplica: 'ON',
        gtidStrict: true,
        replicaReadOnly: true,
        replicating: true,
      });
      expect(f.acknowledgedBeforeKill).toBeGreaterThanOrEqual(15);
      expect(f.inB.present).toBe(f.inB.acknowledged);
      expect(f.inB.filesOk).toBe(f.inB.acknowledged);
      expect(f.inB.gapless).toBe(true);
      expect(f.auditVerifyB.ok).toBe(true);
      expect(f.blobsVerifyB.ok).toBe(true);
      // After the failback A has everything, the registration made in B included.
      expect(f.inAAfterFailback.present).toBe(f.inB.acknowledged + 1);
      expect(f.inAAfterFailback.gapless).toBe(true);
      expect(f.auditVerifyA.ok).toBe(true);
      expect(f.passed).toBe(true);
      expect(code).toBe(0);
    }, 600_000);
  },
);
