// `npm run audit:verify`: the built CLI against a SQLite data directory; exit 0 when every chain is intact, 1 when
// one is broken, 2 when there is nothing to verify.
import { initORM, prepareSchema, scopeToTenant, type HubORM } from '@hub/kit';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filing } from '../index';
import { ingest } from '../modules/audit-log/ingest';
import { Register } from '../modules/registers/register.entity';

const CLI = join(__dirname, '../../dist/cli/audit-verify.js');

function cli(dir: string, ...args: string[]) {
  const env = { ...process.env, HUB_DATABASE_URL: `sqlite:${dir}` };
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const event = (municipalityId: string, sequence: number) => ({
  id: randomUUID(),
  municipalityId,
  sequence,
  occurredAt: new Date().toISOString(),
  actorId: null,
  actorLogin: 'system',
  eventType: 'Zalozeni',
  objectType: 'Dokument',
  objectId: randomUUID(),
  description: null,
  changes: [],
});

describe('audit:verify CLI (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-audit-verify-'));
  const A = randomUUID();
  const B = randomUUID();

  async function withOrm(fn: (orm: HubORM) => Promise<void>) {
    const orm = await initORM({ db: { kind: 'sqlite', file: join(dir, 'filing.sqlite') }, entities: filing.entities });
    try {
      await fn(orm);
    } finally {
      await orm.close(true);
    }
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -b subgraphs/filing first (npm test builds)`);
    await withOrm(async (orm) => {
      await prepareSchema(orm, filing);
      await filing.upgradeData!(orm);
      const em = scopeToTenant(orm.em.fork(), A);
      em.create(Register, {
        id: randomUUID(),
        municipalityId: A,
        name: 'Podací deník',
        kind: 'MAIN',
        referencePrefix: 'MBK',
        active: true,
        createdAt: new Date(),
      });
      await em.flush();
      await ingest(
        orm,
        'filing',
        Array.from({ length: 12 }, (_, i) => event(A, i + 1)),
      );
      await ingest(
        orm,
        'users',
        Array.from({ length: 3 }, (_, i) => event(B, i + 1)),
      );
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every chain is intact', () => {
    const r = cli(dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^OK +MBK +${A} +12 entries$`, 'm'));
    expect(r.out).toMatch(new RegExp(`^OK +\\? +${B} +3 entries$`, 'm'));
    expect(r.out).toMatch(/2 municipalities checked, 15 entries intact, all chains intact/);
  });

  it('verifies one municipality by id or by its main register prefix', () => {
    expect(cli(dir, '--municipality', 'mbk').out).toMatch(/1 municipality checked, 12 entries intact/);
    expect(cli(dir, `--municipality=${B}`).out).toMatch(/1 municipality checked, 3 entries intact/);
    const unknown = cli(dir, '--municipality', 'XYZ');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no transaction log for municipality XYZ/);
    expect(cli(dir, '--bogus').code).toBe(2);
  });

  it('exits 1 and names the first bad entry when a chain is broken', async () => {
    await withOrm(async (orm) => {
      const conn = orm.em.getConnection();
      await conn.execute('drop trigger log_entry_no_update');
      await conn.execute("update log_entry set actor_login = 'mallory' where municipality_id = ? and poradi = 7", [A]);
    });
    const r = cli(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `^BROKEN +MBK +${A} +entry 7: content changed \\(hash mismatch\\) \\(first bad entry: 7; 6 intact before it\\)$`,
        'm',
      ),
    );
    expect(r.out).toMatch(new RegExp(`^OK +\\? +${B} +3 entries$`, 'm'));
    expect(r.out).toMatch(/2 municipalities checked, 9 entries intact, 1 broken chain/);
    expect(cli(dir, '--municipality', B).code).toBe(0);
  });

  it('exits 2 when there is no database', () => {
    const empty = mkdtempSync(join(tmpdir(), 'hub-audit-verify-empty-'));
    try {
      const r = cli(empty);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/no filing database/);
      expect(existsSync(join(empty, 'filing.sqlite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
