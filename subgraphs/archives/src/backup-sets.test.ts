import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  ErrorCode,
  HubError,
  Role,
  scopeToTenant,
  type Caller,
  type TenantCaller,
} from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ArchivesContext } from './context';
import { archives } from './index';
import { BackupSet, BackupSetPolicy } from './modules/backup-sets/backup-set.entity';
import {
  expireBackupSets,
  expiredSets,
  openBackupSetForDownload,
  uploadBackupSet,
} from './modules/backup-sets/backup-sets';
import { BackupSetFiles } from './modules/backup-sets/storage';

const byAbbr = (a: string) => DEMO_MUNICIPALITIES.find((m) => m.abbreviation === a)!;
const DLH = byAbbr('OUDLH');
const MLH = byAbbr('OUMLH');
const dlhClient = testCaller(DLH.id, [Role.BACKUP_CLIENT], 'oudlh.api.zalohy') as TenantCaller;
const mlhClient = testCaller(MLH.id, [Role.BACKUP_CLIENT], 'oumlh.api.zalohy') as TenantCaller;
const dlhPerson = testCaller(DLH.id, [Role.TENANT_ADMIN, Role.RECORDS_MANAGER, Role.AUDITOR], 'oudlh.admin');
const platformAdmin = testCaller(null, [Role.PLATFORM_ADMIN], 'platform.admin');

const LIST = '{ backupSets { id name size sha256 createdAt uploadedBy { id } expiresAt } }';
const RETENTION = '{ backupSetRetention { retentionDays keepLast usedBytes quotaBytes } }';
const SET_RETENTION =
  'mutation($d: Int, $k: Int) { setBackupSetRetention(retentionDays: $d, keepLast: $k) { retentionDays keepLast usedBytes quotaBytes } }';
const DELETE = 'mutation($id: ID!) { deleteBackupSet(id: $id) { id } }';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Bytes in chunks, as a socket delivers them. */
const streamOf = (b: Buffer, chunk = 4096) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
    })(),
  );

describe.each(testDatabaseKinds())('backup sets on %s', (kind) => {
  let t: TestSubgraph<ArchivesContext>;
  let dir: string;
  let files: BackupSetFiles;
  const QUOTA = 100_000;

  beforeAll(async () => {
    t = await startTestSubgraph(archives, kind, { seedDemo: true });
    dir = mkdtempSync(join(tmpdir(), 'hub-backup-sets-'));
    // The resolvers (deleteBackupSet) find the files where the processes do.
    process.env.HUB_BACKUP_SET_DIR = dir;
    files = new BackupSetFiles(dir);
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (
    caller: TenantCaller,
    name: string,
    bytes: Buffer,
    opts: { now?: Date; declared?: boolean; quota?: number } = {},
  ) =>
    uploadBackupSet(
      t.orm,
      caller,
      streamOf(bytes),
      { name, declaredSize: opts.declared ? bytes.length : undefined },
      { files, quota: opts.quota ?? QUOTA, now: opts.now },
    );
  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const em = (m: string) => scopeToTenant(t.orm.em.fork(), m) as SqlEntityManager;
  const eventsOf = (m: string, objectId: string) =>
    em(m).find(AuditEvent, { objectId }, { orderBy: { sequence: 'asc' } });
  const tmpFiles = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);
  const usedBytes = async (m: string) =>
    (await t.orm.em.fork().findOne(BackupSetPolicy, { municipalityId: m }, { filters: false }))?.usedBytes ?? 0;
  const clear = async () => {
    for (const s of await t.orm.em.fork().find(BackupSet, {}, { filters: false })) {
      await t.orm.em.fork().nativeDelete(BackupSet, { id: s.id }, { filters: false });
      await files.remove(s.municipalityId, s.id);
    }
    await t.orm.em
      .fork()
      .nativeUpdate(BackupSetPolicy, {}, { usedBytes: 0, retentionDays: null, keepLast: null }, { filters: false });
  };
  beforeEach(clear);

  it('streams a set to disk, hashes it on the way, records it and logs the upload', async () => {
    const bytes = randomBytes(50_000);
    const set = await upload(dlhClient, 'spisovka-2026-12-06.tar.zst', bytes);
    expect(set).toMatchObject({
      municipalityId: DLH.id,
      size: bytes.length,
      sha256: sha(bytes),
      name: 'spisovka-2026-12-06.tar.zst',
    });
    expect(readFileSync(files.pathOf(DLH.id, set.id)).equals(bytes)).toBe(true);
    expect(tmpFiles()).toEqual([]);
    expect(await usedBytes(DLH.id)).toBe(bytes.length);
    const [event] = await eventsOf(DLH.id, set.id);
    expect(event).toMatchObject({ eventType: 'Zalozeni', objectType: 'Komponenta', actorLogin: 'oudlh.api.zalohy' });
    expect(event.changes).toEqual(expect.arrayContaining([{ name: 'sha256', old: null, new: sha(bytes) }]));

    const listed = (await ok(dlhClient, LIST)).backupSets;
    expect(listed).toEqual([
      expect.objectContaining({
        id: set.id,
        size: bytes.length,
        sha256: sha(bytes),
        uploadedBy: { id: dlhClient.userId },
        expiresAt: null,
      }),
    ]);
    // The listing is logged too.
    expect((await eventsOf(DLH.id, DLH.id)).map((e) => e.eventType)).toContain('Zobrazeni');
  });

  it('refuses past the quota with QUOTA_EXCEEDED: a declared length before reading, a streamed one as soon as it passes; nothing stays behind', async () => {
    await upload(dlhClient, 'first', randomBytes(60_000));
    const before = await t.orm.em.fork().count(BackupSet, {}, { filters: false });

    // Declared: refused before a byte is read.
    const body = streamOf(randomBytes(50_000));
    await expect(
      uploadBackupSet(t.orm, dlhClient, body, { name: 'declared', declaredSize: 50_000 }, { files, quota: QUOTA }),
    ).rejects.toMatchObject({
      extensions: { code: ErrorCode.QUOTA_EXCEEDED, limit: QUOTA },
    });
    // Undeclared (chunked): the stream is cut once it passes what is left.
    const e = await upload(dlhClient, 'streamed', randomBytes(50_000)).catch((x) => x);
    expect(e).toBeInstanceOf(HubError);
    expect(e.extensions.code).toBe(ErrorCode.QUOTA_EXCEEDED);

    expect(await t.orm.em.fork().count(BackupSet, {}, { filters: false })).toBe(before);
    expect(tmpFiles()).toEqual([]);
    expect(await usedBytes(DLH.id)).toBe(60_000);
    // Another municipality's quota is its own.
    await upload(mlhClient, 'mlh', randomBytes(60_000));
  });

  it('lets only one of two uploads that each fit but not together commit', async () => {
    const results = await Promise.allSettled([
      upload(dlhClient, 'a', randomBytes(60_000)),
      upload(dlhClient, 'b', randomBytes(60_000)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.extensions.code).toBe(ErrorCode.QUOTA_EXCEEDED);
    expect(await usedBytes(DLH.id)).toBe(60_000);
    expect(readdirSync(join(dir, DLH.id))).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('removes the partial file when the client goes away mid-upload', async () => {
    const body = new Readable({ read() {} });
    const pending = uploadBackupSet(t.orm, dlhClient, body, { name: 'aborted' }, { files, quota: QUOTA });
    body.push(randomBytes(10_000));
    await new Promise((r) => setTimeout(r, 50));
    expect(tmpFiles()).toHaveLength(1);
    body.destroy(new Error('aborted'));
    await expect(pending).rejects.toThrow('aborted');
    expect(tmpFiles()).toEqual([]);
    expect(await t.orm.em.fork().count(BackupSet, {}, { filters: false })).toBe(0);
    expect(await usedBytes(DLH.id)).toBe(0);
  });

  it("keeps each municipality's sets to its own backup client: other tenants, its people and the platform admin are refused", async () => {
    const set = await upload(dlhClient, 'secret', randomBytes(1000));
    // Another backup client: sees nothing, cannot download or delete.
    expect((await ok(mlhClient, LIST)).backupSets).toEqual([]);
    expect(codeOf(await t.run(mlhClient, DELETE, { id: set.id }))).toBe(ErrorCode.NOT_FOUND);
    await expect(openBackupSetForDownload(em(MLH.id), mlhClient, set.id)).rejects.toMatchObject({
      extensions: { code: ErrorCode.NOT_FOUND },
    });
    // The platform admin and the municipality's people (even a tenant admin or auditor): FORBIDDEN.
    for (const caller of [platformAdmin, dlhPerson]) {
      for (const [q, v] of [
        [LIST, undefined],
        [RETENTION, undefined],
        [DELETE, { id: set.id }],
        [SET_RETENTION, { k: 1 }],
      ] as const) {
        expect(codeOf(await t.run(caller, q, v as Record<string, unknown> | undefined))).toBe(ErrorCode.FORBIDDEN);
      }
    }
    expect(codeOf(await t.run(null, LIST))).toBe(ErrorCode.UNAUTHENTICATED);
    // Still there, untouched.
    expect((await ok(dlhClient, LIST)).backupSets.map((s: { id: string }) => s.id)).toEqual([set.id]);
  });

  it('downloads (logged as Export) and deletes (logged as Zruseni, file and quota freed)', async () => {
    const bytes = randomBytes(3000);
    const set = await upload(dlhClient, 'x', bytes);
    const opened = await openBackupSetForDownload(em(DLH.id), dlhClient, set.id);
    const chunks: Buffer[] = [];
    for await (const c of files.open(DLH.id, opened.id)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect((await ok(dlhClient, DELETE, { id: set.id })).deleteBackupSet.id).toBe(set.id);
    expect(existsSync(files.pathOf(DLH.id, set.id))).toBe(false);
    expect(await usedBytes(DLH.id)).toBe(0);
    expect((await eventsOf(DLH.id, set.id)).map((e) => e.eventType)).toEqual(['Zalozeni', 'Export', 'Zruseni']);
  });

  it("expires sets by the client's own policy (keepLast or retentionDays, restic-style), audited as Zniceni", async () => {
    const day = 86_400_000;
    const now = new Date('2026-12-06T02:00:00Z');
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const sets = [];
    for (const d of [40, 20, 10, 2, 1]) sets.push(await upload(dlhClient, `d-${d}`, randomBytes(100), { now: at(d) }));
    const mlhOld = await upload(mlhClient, 'mlh-old', randomBytes(100), { now: at(400) });

    // Validation: nothing written on bad input.
    expect(codeOf(await t.run(dlhClient, SET_RETENTION, { d: 0, k: null }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(await t.run(dlhClient, SET_RETENTION, { d: null, k: -1 }))).toBe(ErrorCode.BAD_USER_INPUT);
    // No rule: nothing expires (MLH has none either).
    expect(await expireBackupSets(t.orm, { files, now })).toEqual({ expired: 0 });

    const policy = (await ok(dlhClient, SET_RETENTION, { d: 15, k: 2 })).setBackupSetRetention;
    expect(policy).toMatchObject({ retentionDays: 15, keepLast: 2, usedBytes: 500, quotaBytes: expect.any(Number) });
    // Kept: younger than 15 days (10, 2, 1) or among the newest 2; 40 and 20 days old go.
    expect(await expireBackupSets(t.orm, { files, now })).toEqual({ expired: 2 });
    const left = (await ok(dlhClient, LIST)).backupSets.map((s: { name: string }) => s.name);
    expect(left).toEqual(['d-1', 'd-2', 'd-10']);
    expect(existsSync(files.pathOf(DLH.id, sets[0].id))).toBe(false);
    expect(await usedBytes(DLH.id)).toBe(300);
    const [, gone] = await eventsOf(DLH.id, sets[0].id);
    expect(gone).toMatchObject({ eventType: 'Zniceni', actorId: null });
    // Another municipality's sets follow only its own policy (none).
    expect(await t.orm.em.fork().findOne(BackupSet, { id: mlhOld.id }, { filters: false })).not.toBeNull();

    // keepLast alone.
    await ok(dlhClient, SET_RETENTION, { d: null, k: 1 });
    expect(await expireBackupSets(t.orm, { files, now })).toEqual({ expired: 2 });
    expect((await ok(dlhClient, LIST)).backupSets.map((s: { name: string }) => s.name)).toEqual(['d-1']);
    expect((await eventsOf(DLH.id, DLH.id)).filter((e) => e.eventType === 'Uprava')).toHaveLength(2);
  });

  it('decides expiry as a pure function', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const mk = (id: string, daysAgo: number) =>
      ({ id, createdAt: new Date(now.getTime() - daysAgo * 86_400_000) }) as BackupSet;
    const sets = [mk('a', 1), mk('b', 5), mk('c', 30)];
    expect(expiredSets(sets, { retentionDays: null, keepLast: null }, now)).toEqual([]);
    expect(expiredSets(sets, { retentionDays: 7, keepLast: null }, now).map((s) => s.id)).toEqual(['c']);
    expect(expiredSets(sets, { retentionDays: null, keepLast: 1 }, now).map((s) => s.id)).toEqual(['b', 'c']);
    expect(expiredSets(sets, { retentionDays: 2, keepLast: 3 }, now)).toEqual([]);
  });
});
