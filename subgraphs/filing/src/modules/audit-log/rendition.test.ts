import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  appendOnlyTriggerSql,
  asDatabaseOwner,
  createTestOrm,
  isSqlite,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type HubORM,
  type TestSubgraph,
} from '@hub/kit';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { blobStoreFromEnv } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { Document } from '../documents/document.entity';
import { demoNodeId } from '../filing-plans/demo-plan';
import { Register } from '../registers/register.entity';
import { GENESIS_HASH, entryHash } from './chain';
import { czechDayRange } from './days';
import { LogEntry } from './log-entry.entity';
import { fixDay, renditionHashOf, sha256Hex } from './rendition';
import { LogRendition } from './rendition.entity';
import { auditLogRegisterId } from './rendition-register';
import { RENDITION_DOWNLOAD_PATH, renditionDownloadHandler } from './rendition-route';
import { RENDITIONS_APPEND_ONLY, renditionTriggerNames } from './rendition-triggers';
import { verifyRenditions } from './rendition-verify';
import { renditionsEnabled, runRenditionRound, startRenditionScheduler } from './scheduler';
import { Ed25519Sealer, setPlatformSealer, verifySeal } from './seal';
import { assertValidTp } from './tp-validator';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const VERIFY_SEAL = resolve(__dirname, '../../../../../scripts/verify-seal.mjs');
const sealer = Ed25519Sealer.ephemeral();

/** Log entries with a valid chain, recorded at the given instants (poradi 1, 2, … in that order). */
function chainOf(
  municipalityId: string,
  recorded: string[],
  first = { poradi: 1, prevHash: GENESIS_HASH },
): LogEntry[] {
  let prevHash = first.prevHash;
  return recorded.map((at, i) => {
    const e = {
      municipalityId,
      poradi: first.poradi + i,
      recordedAt: new Date(at),
      source: 'filing',
      sourceEventId: randomUUID(),
      occurredAt: new Date(new Date(at).getTime() - 1000),
      actorId: null,
      actorLogin: 'mbk.clerk',
      eventType: i % 2 ? 'Uprava' : 'Zalozeni',
      objectType: 'Dokument',
      objectId: randomUUID(),
      objectSource: 'cz.blansko.essl.MBK',
      description: `Událost ${i + 1} <&> „test“`,
      changes: [{ name: 'subject', old: null, new: `Věc ${i + 1}` }],
      prevHash,
    };
    const entry = Object.assign(new LogEntry(), e, { id: randomUUID(), hash: entryHash(e) });
    prevHash = entry.hash;
    return entry;
  });
}

async function insertEntries(orm: HubORM, municipalityId: string, entries: LogEntry[]) {
  const em = scopeToTenant(orm.em.fork(), municipalityId);
  for (const e of entries) em.persist(em.create(LogEntry, { ...e }));
  await em.flush();
}

const em = (orm: HubORM, municipalityId: string) => scopeToTenant(orm.em.fork(), municipalityId);
const renditionsOf = (orm: HubORM, municipalityId: string) =>
  em(orm, municipalityId).find(LogRendition, {}, { orderBy: { day: 'asc' }, populate: ['xml'] });

/**
 * Changes the database behind the triggers' back, as an administrator could: drop, change, put them back (with schema
 * rights: on MariaDB the subgraph's own runtime account has none).
 */
async function tamper(orm: HubORM, sql: string, params: unknown[]) {
  const names = renditionTriggerNames();
  await asDatabaseOwner(orm, async (exec) => {
    await exec(`drop trigger if exists ${names.update}`);
    await exec(`drop trigger if exists ${names.delete}`);
    await exec(sql, params);
    for (const create of appendOnlyTriggerSql(isSqlite(orm) ? 'sqlite' : 'mariadb', RENDITIONS_APPEND_ONLY))
      await exec(create);
  });
}

describe.each(testDatabaseKinds())('daily renditions of the log on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.admin');
  const auditor = testCaller(BLANSKO.id, ['AUDITOR'], 'mbk.auditor');
  const handler = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler');
  const adamovAuditor = testCaller(ADAMOV.id, ['AUDITOR'], 'ouada.auditor');

  let blobDir: string;
  let previousBlobDir: string | undefined;

  beforeAll(async () => {
    // The renditions' XML components go to the blob store the environment names: this suite's own.
    previousBlobDir = process.env.HUB_BLOB_DIR;
    blobDir = mkdtempSync(join(tmpdir(), 'rendition-blobs-'));
    process.env.HUB_BLOB_DIR = blobDir;
    setPlatformSealer(sealer);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    // Blansko: two entries on 28 March 2025, none on the 29th, three on the 30th (the day the clocks go forward,
    // 23 hours long; the last at 23:30 local time), one just after midnight on the 31st.
    await insertEntries(
      t.orm,
      BLANSKO.id,
      chainOf(BLANSKO.id, [
        '2025-03-27T23:00:00.000Z', // 28 March 00:00 in Prague
        '2025-03-28T12:00:00.000Z',
        '2025-03-29T23:00:00.000Z', // 30 March 00:00 (CET)
        '2025-03-30T08:00:00.000Z',
        '2025-03-30T21:59:59.999Z', // 30 March 23:59:59.999 (CEST)
        '2025-03-30T22:00:00.000Z', // 31 March 00:00
      ]),
    );
    await insertEntries(t.orm, ADAMOV.id, chainOf(ADAMOV.id, ['2025-03-29T10:00:00.000Z', '2025-04-02T10:00:00.000Z']));
  });
  afterAll(async () => {
    await t.dispose();
    setPlatformSealer(undefined);
    if (previousBlobDir === undefined) delete process.env.HUB_BLOB_DIR;
    else process.env.HUB_BLOB_DIR = previousBlobDir;
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('fixes the asked day and every earlier day, empty ones too, in one hash chain', async () => {
    const r = await fixDay(t.orm.em.fork(), BLANSKO.id, '2025-03-30', sealer);
    expect(r.day).toBe('2025-03-30');
    const all = await renditionsOf(t.orm, BLANSKO.id);
    expect(all.map((x) => [x.day, x.fromPoradi, x.toPoradi, x.entryCount])).toEqual([
      ['2025-03-28', 1, 2, 2],
      ['2025-03-29', null, null, 0],
      ['2025-03-30', 3, 5, 3],
    ]);
    expect(all[0].prevRenditionHash).toBe(GENESIS_HASH);
    for (let i = 0; i < all.length; i++) {
      if (i > 0) expect(all[i].prevRenditionHash).toBe(all[i - 1].renditionHash);
      expect(all[i].renditionHash).toBe(renditionHashOf(all[i]));
      expect(all[i].sha256).toBe(sha256Hex(Buffer.from(all[i].xml, 'utf8')));
      expect(all[i].keyId).toBe(sealer.keyId);
      expect(all[i].signatureAlgorithm).toBe('Ed25519');
    }
    const { start, end } = czechDayRange('2025-03-30');
    expect(end.getTime() - start.getTime()).toBe(23 * 3600_000);
    expect(all[2].xml).toContain(`<tp:DatumCasOd>${start.toISOString()}</tp:DatumCasOd>`);
    expect(all[2].xml).toContain('<tp:DatumCasDo>2025-03-30T21:59:59.999Z</tp:DatumCasDo>');
    expect(all[1].xml).toMatch(/<tp:Udalosti>\s*<\/tp:Udalosti>/);

    // Each rendition's document carries the XML as its component: the same bytes, the same SHA-256, in the store.
    const store = blobStoreFromEnv();
    for (const r of all) {
      const components = await em(t.orm, BLANSKO.id).find(Component, { documentId: r.documentId });
      expect(
        components.map((c) => [c.order, c.version, c.form, c.mediaType, c.fileName, c.sha256, c.size, c.createdById]),
      ).toEqual([
        [
          1,
          1,
          'ORIGINAL',
          'application/xml',
          `transakcni-protokol-MBK-${r.day}.xml`,
          r.sha256,
          Buffer.byteLength(r.xml, 'utf8'),
          null,
        ],
      ]);
      const chunks: Buffer[] = [];
      for await (const chunk of store.open(components[0].blobKey)) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      expect(sha256Hex(bytes)).toBe(r.sha256);
      expect(bytes.toString('utf8')).toBe(r.xml);
      expect(await store.verify(components[0].blobKey)).toBe(true);
    }
    // And the attachment is in the document's audit trail (the system attached it).
    const attached = await em(t.orm, BLANSKO.id).find(AuditEvent, {
      objectId: { $in: all.map((r) => r.documentId) },
      eventType: 'VlozeniKDokumentu',
    });
    expect(attached.map((e) => e.changes.find((c) => c.name === 'sha256')?.new).sort()).toEqual(
      all.map((r) => r.sha256).sort(),
    );
    expect(attached.every((e) => e.actorLogin === 'system')).toBe(true);
  });

  it('is idempotent: a fixed day is returned as it is, later days continue the chain', async () => {
    const before = await renditionsOf(t.orm, BLANSKO.id);
    const again = await fixDay(t.orm.em.fork(), BLANSKO.id, '2025-03-29', sealer);
    expect(again.id).toBe(before[1].id);
    const next = await fixDay(t.orm.em.fork(), BLANSKO.id, '2025-03-31', sealer);
    const after = await renditionsOf(t.orm, BLANSKO.id);
    expect(after.map((x) => x.id)).toEqual([...before.map((x) => x.id), next.id]);
    expect([next.fromPoradi, next.toPoradi, next.entryCount, next.prevRenditionHash]).toEqual([
      6,
      6,
      1,
      before[2].renditionHash,
    ]);
  });

  it('writes renditions that validate against nsesss-TrP.xsd (with entries and empty)', async () => {
    const all = await renditionsOf(t.orm, BLANSKO.id);
    for (const r of [all[1], all[2]])
      expect(['pass', 'skipped']).toContain(await assertValidTp(r.xml, `rendition ${r.day}`));
  });

  it('seals the exact bytes: verifySeal and scripts/verify-seal.mjs accept them and refuse one flipped byte', async () => {
    const [r] = await renditionsOf(t.orm, BLANSKO.id);
    const bytes = Buffer.from(r.xml, 'utf8');
    const flipped = Buffer.from(bytes);
    flipped[200] ^= 0x01;
    expect(verifySeal(bytes, r.signature, sealer.publicKeyPem)).toBe(true);
    expect(verifySeal(flipped, r.signature, sealer.publicKeyPem)).toBe(false);
    expect(verifySeal(bytes, r.signature, Ed25519Sealer.ephemeral().publicKeyPem)).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'seal-'));
    try {
      writeFileSync(join(dir, 'r.xml'), bytes);
      writeFileSync(join(dir, 'bad.xml'), flipped);
      writeFileSync(join(dir, 'r.sig'), `${r.signature}\n`);
      writeFileSync(join(dir, 'key.pem'), sealer.publicKeyPem);
      const run = (args: string[], input?: string) =>
        spawnSync(process.execPath, [VERIFY_SEAL, ...args], { input, encoding: 'utf8' });
      const ok = run([join(dir, 'r.xml'), join(dir, 'r.sig'), join(dir, 'key.pem')]);
      expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/^VALID: .*key [0-9a-f]{16}/)]);
      expect(ok.stdout).toContain(sealer.keyId);
      const fromStdin = run([join(dir, 'r.xml'), '-', join(dir, 'key.pem')], r.signature);
      expect(fromStdin.status).toBe(0);
      const bad = run([join(dir, 'bad.xml'), join(dir, 'r.sig'), join(dir, 'key.pem')]);
      expect([bad.status, bad.stdout]).toEqual([1, expect.stringMatching(/^INVALID/)]);
      expect(run([join(dir, 'r.xml')]).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('files each rendition as a document of the TP register, classified under 99 (A/10), with an audit event', async () => {
    const all = await renditionsOf(t.orm, BLANSKO.id);
    const docs = await em(t.orm, BLANSKO.id).find(Document, { id: { $in: all.map((r) => r.documentId) } });
    const byId = new Map(docs.map((d) => [d.id, d]));
    const register = await em(t.orm, BLANSKO.id).findOneOrFail(Register, { id: auditLogRegisterId(BLANSKO.id) });
    expect([register.name, register.kind, register.referencePrefix, register.active]).toEqual([
      'Transakční protokoly',
      'SEPARATE',
      'TP',
      true,
    ]);
    all.forEach((r, i) => {
      const d = byId.get(r.documentId)!;
      expect(d).toMatchObject({
        municipalityId: BLANSKO.id,
        registerId: register.id,
        state: 'REGISTERED',
        origin: 'OWN',
        subject: `Transakční protokol MBK za ${r.day}`,
        sequenceNumber: i + 1,
        registeredById: null,
        createdById: null,
        filingPlanNodeId: demoNodeId('MBK', '99'),
        disposalCode: 'A',
        retentionYears: 10,
        // Node 99's trigger is the end of the calendar year of settlement (CALENDAR_YEAR_END): none while only registered.
        disposalYear: null,
      });
      expect(d.referenceNumber).toBe(`TP-${String(i + 1).padStart(4, '0')}/${d.year}`);
      expect(d.pid).toMatch(/^MBKX[0-9A-Z]{8}$/);
    });
    const events = await em(t.orm, BLANSKO.id).find(
      AuditEvent,
      { objectId: all[0].documentId },
      { orderBy: { sequence: 'asc' } },
    );
    // Created, then its XML attached as component 1.
    expect(events.map((e) => e.eventType)).toEqual(['Zalozeni', 'VlozeniKDokumentu']);
    expect(events[0]).toMatchObject({
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      actorId: null,
      actorLogin: 'system',
      description: 'Denní ztvárnění transakčního protokolu 2025-03-28',
    });
    expect(events[0].changes).toEqual(
      expect.arrayContaining([{ name: 'filingPlanNodeId', old: null, new: demoNodeId('MBK', '99') }]),
    );
  });

  it('refuses UPDATE and DELETE of a rendition in the database', async () => {
    const conn = t.orm.em.getConnection();
    await expect(
      conn.execute(`update log_rendition set entry_count = 7 where municipality_id = ?`, [BLANSKO.id]),
    ).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from log_rendition where municipality_id = ?`, [BLANSKO.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('does not duplicate a day under concurrent fixations', async () => {
    const results = await Promise.all([1, 2, 3].map(() => fixDay(t.orm.em.fork(), ADAMOV.id, '2025-04-02', sealer)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const all = await renditionsOf(t.orm, ADAMOV.id);
    expect(all.map((r) => r.day)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02']);
    const docs = await em(t.orm, ADAMOV.id).find(
      Document,
      { registerId: auditLogRegisterId(ADAMOV.id) },
      { orderBy: { sequenceNumber: 'asc' } },
    );
    expect(docs.map((d) => d.sequenceNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(docs.map((d) => d.id).sort()).toEqual(all.map((r) => r.documentId).sort());
  });

  it('fixAuditLogDay: records managers only, a past day only', async () => {
    const FIX = `mutation($day: String!) { fixAuditLogDay(day: $day) { id day fromPoradi toPoradi entryCount keyId document { referenceNumber subject } } }`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    for (const day of [today, tomorrow, '2025-02-30', 'yesterday']) {
      const res = await t.run(manager, FIX, { day });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await t.run(handler, FIX, { day: '2025-03-31' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(auditor, FIX, { day: '2025-03-31' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Before the municipality's log begins there is nothing to fix.
    expect((await t.run(manager, FIX, { day: '2025-03-01' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const res = await t.run(manager, FIX, { day: '2025-03-31' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.fixAuditLogDay).toMatchObject({
      day: '2025-03-31',
      fromPoradi: 6,
      toPoradi: 6,
      entryCount: 1,
      keyId: sealer.keyId,
      document: {
        subject: 'Transakční protokol MBK za 2025-03-31',
        referenceNumber: expect.stringMatching(/^TP-0004\//),
      },
    });
  });

  it('auditLogRenditions and auditLogSealKey: roles and tenant isolation', async () => {
    const LIST = `query($from: String, $to: String) { auditLogRenditions(from: $from, to: $to) { id day entryCount sha256 signature prevRenditionHash renditionHash createdAt document { id } } }`;
    const mine = await t.run(auditor, LIST, { from: '2025-03-29', to: '2025-03-30' });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.auditLogRenditions.map((r: { day: string }) => r.day)).toEqual(['2025-03-29', '2025-03-30']);
    expect(mine.data!.auditLogRenditions[0].document.id).toEqual(expect.any(String));
    const all = await t.run(manager, LIST);
    expect(all.data!.auditLogRenditions).toHaveLength(4);
    const theirs = await t.run(adamovAuditor, LIST);
    expect(theirs.data!.auditLogRenditions.map((r: { day: string }) => r.day)).toEqual([
      '2025-03-29',
      '2025-03-30',
      '2025-03-31',
      '2025-04-01',
      '2025-04-02',
    ]);
    const blanskoIds = new Set(all.data!.auditLogRenditions.map((r: { id: string }) => r.id));
    expect(theirs.data!.auditLogRenditions.some((r: { id: string }) => blanskoIds.has(r.id))).toBe(false);
    expect((await t.run(handler, LIST)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(auditor, LIST, { from: '28.3.2025' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const KEY = `{ auditLogSealKey { keyId algorithm publicKeyPem } }`;
    expect((await t.run(handler, KEY)).data!.auditLogSealKey).toEqual({
      keyId: sealer.keyId,
      algorithm: 'Ed25519',
      publicKeyPem: sealer.publicKeyPem,
    });
    expect((await t.run(testCaller(null, ['PLATFORM_ADMIN']), KEY)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(null, KEY)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('download route', () => {
    let server: Server;
    let base: string;
    let caller: ReturnType<typeof testCaller> | null;
    beforeAll(async () => {
      const handle = renditionDownloadHandler(t.orm);
      server = createServer((req, res) => void handle(req, res, { caller, service: null, assertion: undefined }));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${RENDITION_DOWNLOAD_PATH}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("serves the sealed bytes with the seal in headers, to the municipality's auditors only", async () => {
      const [r] = await renditionsOf(t.orm, BLANSKO.id);
      caller = auditor;
      const res = await fetch(`${base}?id=${r.id}`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(Buffer.from(r.xml, 'utf8'))).toBe(true);
      expect(res.headers.get('x-hub-seal-signature')).toBe(r.signature);
      expect(res.headers.get('x-hub-seal-key-id')).toBe(sealer.keyId);
      expect(verifySeal(body, res.headers.get('x-hub-seal-signature')!, sealer.publicKeyPem)).toBe(true);
      const logged = await em(t.orm, BLANSKO.id).find(AuditEvent, { objectId: r.documentId, eventType: 'Export' });
      expect(logged).toHaveLength(1);

      caller = adamovAuditor;
      expect((await fetch(`${base}?id=${r.id}`)).status).toBe(404);
      caller = handler;
      expect((await fetch(`${base}?id=${r.id}`)).status).toBe(403);
      caller = null;
      expect((await fetch(`${base}?id=${r.id}`)).status).toBe(401);
      caller = auditor;
      expect((await fetch(`${base}?id=nonsense`)).status).toBe(400);
    });
  });

  it('verifyRenditions: a valid chain passes; a changed XML and a removed day are named', async () => {
    const keys = [sealer.publicKeyPem];
    expect(await verifyRenditions(t.orm.em.fork(), BLANSKO.id, keys)).toEqual({
      ok: true,
      renditionsChecked: 4,
      firstBadRenditionDay: null,
      renditionProblem: null,
    });
    expect(await verifyRenditions(t.orm.em.fork(), ADAMOV.id, keys)).toMatchObject({ ok: true, renditionsChecked: 5 });
    // A key the platform does not trust.
    expect(await verifyRenditions(t.orm.em.fork(), BLANSKO.id, [Ed25519Sealer.ephemeral().publicKeyPem])).toMatchObject(
      {
        ok: false,
        firstBadRenditionDay: '2025-03-28',
        renditionProblem: expect.stringContaining('not a key the platform trusts'),
      },
    );

    const VERIFY = `{ verifyAuditLog { ok entriesChecked renditionsChecked firstBadRenditionDay renditionProblem } }`;
    expect((await t.run(auditor, VERIFY)).data!.verifyAuditLog).toEqual({
      ok: true,
      entriesChecked: 6,
      renditionsChecked: 4,
      firstBadRenditionDay: null,
      renditionProblem: null,
    });

    const [, , day30] = await renditionsOf(t.orm, BLANSKO.id);
    await tamper(t.orm, 'update log_rendition set xml = ? where id = ?', [
      day30.xml.replace('Událost 4', 'Událost 9'),
      day30.id,
    ]);
    expect(await verifyRenditions(t.orm.em.fork(), BLANSKO.id, keys)).toMatchObject({
      ok: false,
      renditionsChecked: 2,
      firstBadRenditionDay: '2025-03-30',
      renditionProblem: expect.stringContaining('sha256'),
    });
    expect((await t.run(manager, VERIFY)).data!.verifyAuditLog).toMatchObject({
      ok: false,
      entriesChecked: 6,
      renditionsChecked: 2,
      firstBadRenditionDay: '2025-03-30',
    });

    await tamper(t.orm, 'delete from log_rendition where municipality_id = ? and day = ?', [ADAMOV.id, '2025-03-31']);
    expect(await verifyRenditions(t.orm.em.fork(), ADAMOV.id, keys)).toMatchObject({
      ok: false,
      renditionsChecked: 2,
      firstBadRenditionDay: '2025-03-31',
      renditionProblem: expect.stringContaining('missing'),
    });
    await tamper(t.orm, 'delete from log_rendition where municipality_id = ? and day = ?', [ADAMOV.id, '2025-03-29']);
    expect(await verifyRenditions(t.orm.em.fork(), ADAMOV.id, keys)).toMatchObject({
      ok: false,
      renditionsChecked: 0,
      firstBadRenditionDay: '2025-03-29',
    });
    // The triggers are back.
    await expect(t.orm.em.getConnection().execute('delete from log_rendition')).rejects.toThrow(/append-only/);
  });
});

describe.each(testDatabaseKinds())('the rendition scheduler on %s', (kind) => {
  let orm: HubORM;
  let dispose: () => Promise<void>;
  // Not a demo municipality: no register of transaction logs and no filing plan yet.
  const municipalityId = randomUUID();

  beforeAll(async () => {
    const t = await createTestOrm(kind, 'filing', filing.entities, filing);
    orm = t.orm;
    dispose = t.dispose;
    const recorded = [
      ...Array.from({ length: 510 }, (_, i) => new Date(Date.parse('2025-05-01T06:00:00Z') + i * 1000).toISOString()),
      '2025-05-03T10:00:00.000Z',
    ];
    await insertEntries(orm, municipalityId, chainOf(municipalityId, recorded));
  });
  afterAll(() => dispose());

  it('fixes the missing days up to yesterday in bounded rounds, creating the register on first use', async () => {
    const now = () => new Date('2025-05-05T08:00:00Z');
    const first = await runRenditionRound(orm, { sealer, now, maxPerRound: 3 });
    expect(first).toEqual({ created: 3, failed: 0, more: true });
    const second = await runRenditionRound(orm, { sealer, now, maxPerRound: 3 });
    expect(second).toEqual({ created: 1, failed: 0, more: false });
    expect(await runRenditionRound(orm, { sealer, now, maxPerRound: 3 })).toEqual({
      created: 0,
      failed: 0,
      more: false,
    });

    const all = await renditionsOf(orm, municipalityId);
    expect(all.map((r) => [r.day, r.fromPoradi, r.toPoradi, r.entryCount])).toEqual([
      ['2025-05-01', 1, 510, 510], // more than one page of entries
      ['2025-05-02', null, null, 0],
      ['2025-05-03', 511, 511, 1],
      ['2025-05-04', null, null, 0],
    ]);
    expect(await verifyRenditions(orm.em.fork(), municipalityId, [sealer.publicKeyPem])).toMatchObject({
      ok: true,
      renditionsChecked: 4,
    });
    const register = await em(orm, municipalityId).findOneOrFail(Register, { id: auditLogRegisterId(municipalityId) });
    expect([register.name, register.referencePrefix]).toEqual(['Transakční protokoly', 'TP']);
    // No filing plan: filed unclassified, without retention (the records manager classifies it).
    const doc = await em(orm, municipalityId).findOneOrFail(Document, { id: all[0].documentId });
    expect([doc.filingPlanNodeId, doc.disposalCode, doc.registeredById]).toEqual([null, null, null]);
    expect(['pass', 'skipped']).toContain(await assertValidTp(all[0].xml, 'rendition of 510 entries'));
  });

  it('leaves a day alone until it is over (plus a grace period after midnight)', async () => {
    const justAfterMidnight = () => new Date('2025-05-05T22:00:30Z'); // 6 May 00:00:30 in Prague
    expect(await runRenditionRound(orm, { sealer, now: justAfterMidnight })).toEqual({
      created: 0,
      failed: 0,
      more: false,
    });
    const later = () => new Date('2025-05-05T22:10:00Z');
    expect(await runRenditionRound(orm, { sealer, now: later })).toEqual({ created: 1, failed: 0, more: false });
  });

  it('runs in the background until stopped; off under NODE_ENV=test unless asked', async () => {
    expect(renditionsEnabled({ NODE_ENV: 'test' })).toBe(false);
    expect(renditionsEnabled({ NODE_ENV: 'test', HUB_AUDIT_RENDITIONS: '1' })).toBe(true);
    expect(renditionsEnabled({ NODE_ENV: 'production' })).toBe(true);
    expect(renditionsEnabled({ NODE_ENV: 'production', HUB_AUDIT_RENDITIONS: '0' })).toBe(false);

    const scheduler = startRenditionScheduler(orm, {
      sealer,
      now: () => new Date('2025-05-08T08:00:00Z'),
      firstDelayMs: 0,
      intervalMs: 3600_000,
      log: () => undefined,
    });
    try {
      for (let i = 0; i < 100 && (await renditionsOf(orm, municipalityId)).length < 7; i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await scheduler.stop();
    }
    expect((await renditionsOf(orm, municipalityId)).map((r) => r.day).slice(-2)).toEqual(['2025-05-06', '2025-05-07']);
  });
});
