// The transaction log's core: ingest (poradi, dedup, chain), the append-only triggers, and the verifier that names
// the first changed, removed or inserted entry.
import {
  Role,
  appendOnlyTriggerSql,
  asDatabaseOwner,
  isSqlite,
  prepareSchema,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type HubORM,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { Register } from '../registers/register.entity';
import { entryHash } from './chain';
import { ingest, type IncomingAuditEvent } from './ingest';
import { LogEntry } from './log-entry.entity';
import { TRANSACTION_LOG_APPEND_ONLY } from './triggers';
import { verifyLog } from './verify';

const uid = () => randomUUID();

/** Audit events as a subgraph's outbox holds them (dates as ISO strings, as they arrive over HTTP). */
function events(municipalityId: string, n: number, from = 1): IncomingAuditEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: uid(),
    municipalityId,
    sequence: from + i,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 9, 0, i, 123)).toISOString(),
    actorId: uid(),
    actorLogin: 'mbk.clerk',
    eventType: 'Zalozeni',
    objectType: 'Dokument',
    objectId: uid(),
    description: `Událost ${from + i} <&> „uvozovky“`,
    changes: [{ name: 'subject', old: null, new: `Žádost ${from + i} 🙂` }],
  }));
}

/**
 * Runs SQL past the append-only triggers, as a database administrator could: drops them, runs it, puts them back
 * (with schema rights: on MariaDB the subgraph's own runtime account has none).
 */
async function asAdmin(orm: HubORM, sql: string, params: unknown[] = []): Promise<void> {
  await asDatabaseOwner(orm, async (exec) => {
    await exec('drop trigger log_entry_no_update');
    await exec('drop trigger log_entry_no_delete');
    try {
      await exec(sql, params);
    } finally {
      for (const create of appendOnlyTriggerSql(isSqlite(orm) ? 'sqlite' : 'mariadb', TRANSACTION_LOG_APPEND_ONLY))
        await exec(create);
    }
  });
}

describe.each(testDatabaseKinds())('transaction log on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let orm: HubORM;
  const A = uid();
  const B = uid();

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind);
    orm = t.orm;
    await filing.upgradeData!(orm);
    const em = scopeToTenant(orm.em.fork(), A);
    em.create(Register, {
      id: uid(),
      municipalityId: A,
      name: 'Podací deník',
      kind: 'MAIN',
      referencePrefix: 'MBK',
      active: true,
      createdAt: new Date(),
    });
    await em.flush();
  });
  afterAll(() => t.dispose());

  const entries = (m: string) => scopeToTenant(orm.em.fork(), m).find(LogEntry, {}, { orderBy: { poradi: 'asc' } });

  describe('ingest', () => {
    it('numbers each municipality 1..n in write order and chains every entry to the one before', async () => {
      const a = events(A, 5);
      const b = events(B, 4);
      // Interleaved in one delivery and over two sources.
      expect(await ingest(orm, 'users', [a[0], b[0], a[1], b[1], a[2]])).toBe(5);
      expect(await ingest(orm, 'archives', [b[2], a[3], b[3], a[4]])).toBe(4);
      const la = await entries(A);
      const lb = await entries(B);
      expect(la.map((e) => e.poradi)).toEqual([1, 2, 3, 4, 5]);
      expect(lb.map((e) => e.poradi)).toEqual([1, 2, 3, 4]);
      expect(la.map((e) => e.sourceEventId)).toEqual(a.map((e) => e.id));
      expect(la.map((e) => e.source)).toEqual(['users', 'users', 'users', 'archives', 'archives']);
      expect(la[0].prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < la.length; i++) expect(la[i].prevHash).toBe(la[i - 1].hash);
      for (const e of [...la, ...lb]) expect(entryHash(e)).toBe(e.hash);
      // ZdrojID: the main register's prefix, or the start of the municipality id when there is none.
      expect(la[0].objectSource).toBe('cz.blansko.essl.MBK');
      expect(lb[0].objectSource).toBe(`cz.blansko.essl.${B.slice(0, 8)}`);
      expect(la[0]).toMatchObject({
        occurredAt: new Date(a[0].occurredAt),
        actorLogin: 'mbk.clerk',
        description: a[0].description,
        changes: a[0].changes,
      });
      // recordedAt follows poradi.
      for (let i = 1; i < la.length; i++)
        expect(la[i].recordedAt.getTime()).toBeGreaterThanOrEqual(la[i - 1].recordedAt.getTime());
    });

    it('keeps one copy of a re-sent event, and the numbers stay gapless', async () => {
      const m = uid();
      const first = events(m, 3);
      expect(await ingest(orm, 'users', first)).toBe(3);
      expect(await ingest(orm, 'users', first)).toBe(0);
      const more = events(m, 2, 4);
      // Part old, part new.
      expect(await ingest(orm, 'users', [first[2], ...more, more[0]])).toBe(2);
      // The same event id from another source is another event.
      expect(await ingest(orm, 'archives', [{ ...first[0], sequence: 1 }])).toBe(1);
      const log = await entries(m);
      expect(log.map((e) => e.poradi)).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await verifyLog(orm.em.fork(), m)).ok).toBe(true);
    });

    it('gives 50 concurrent deliveries for one municipality the numbers 1..50 and one valid chain', async () => {
      const m = uid();
      const all = events(m, 50);
      const results = await Promise.all(all.map((e, i) => ingest(orm, i % 2 ? 'users' : 'archives', [e])));
      expect(results.every((n) => n === 1)).toBe(true);
      const log = await entries(m);
      expect(log.map((e) => e.poradi)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(log.map((e) => e.sourceEventId)).size).toBe(50);
      expect(await verifyLog(orm.em.fork(), m)).toEqual({
        ok: true,
        entriesChecked: 50,
        firstBadPoradi: null,
        problem: null,
      });
    });

    it('keeps one copy when the same event arrives several times at once', async () => {
      const m = uid();
      const [e] = events(m, 1);
      const results = await Promise.all(Array.from({ length: 10 }, () => ingest(orm, 'users', [e])));
      expect(results.reduce((x, y) => x + y, 0)).toBe(1);
      expect((await entries(m)).map((x) => x.poradi)).toEqual([1]);
      expect(await ingest(orm, 'users', events(m, 1, 2))).toBe(1);
      expect((await entries(m)).map((x) => x.poradi)).toEqual([1, 2]);
    });

    it('refuses malformed events and cuts provedlKdo to 100 characters', async () => {
      const m = uid();
      const [e] = events(m, 1);
      await expect(ingest(orm, 'users', [{ ...e, occurredAt: 'yesterday' }])).rejects.toThrow(/occurredAt/);
      await expect(ingest(orm, 'users', [{ ...e, objectId: 'x'.repeat(51) }])).rejects.toThrow(/objectId/);
      await expect(ingest(orm, 'users', [{ ...e, sequence: 0 }])).rejects.toThrow(/sequence/);
      const login = 'ř'.repeat(99) + '🙂🙂';
      expect(await ingest(orm, 'users', [{ ...e, actorLogin: login }])).toBe(1);
      const [entry] = await entries(m);
      expect(Array.from(entry.actorLogin)).toHaveLength(100);
      expect(entry.actorLogin).toBe('ř'.repeat(99) + '🙂');
      expect((await verifyLog(orm.em.fork(), m)).ok).toBe(true);
    });
  });

  describe('append-only', () => {
    it('refuses UPDATE and DELETE of log entries through the service’s own connection', async () => {
      const m = uid();
      await ingest(orm, 'users', events(m, 2));
      const conn = orm.em.getConnection();
      await expect(
        conn.execute("update log_entry set actor_login = 'mallory' where municipality_id = ?", [m]),
      ).rejects.toThrow(/append-only/);
      await expect(conn.execute('delete from log_entry where municipality_id = ?', [m])).rejects.toThrow(/append-only/);
      const em = scopeToTenant(orm.em.fork(), m);
      const [entry] = await em.find(LogEntry, {}, { orderBy: { poradi: 'asc' } });
      entry.description = 'rewritten';
      await expect(em.flush()).rejects.toThrow(/append-only/);
      const em2 = scopeToTenant(orm.em.fork(), m);
      em2.remove(await em2.findOneOrFail(LogEntry, { poradi: 2 }));
      await expect(em2.flush()).rejects.toThrow(/append-only/);
      expect((await entries(m)).map((e) => [e.poradi, e.description])).toEqual([
        [1, 'Událost 1 <&> „uvozovky“'],
        [2, 'Událost 2 <&> „uvozovky“'],
      ]);
      expect((await verifyLog(orm.em.fork(), m)).ok).toBe(true);
    });

    it('survives a restart: what a start runs (SQLite: triggers created again, idempotently; MariaDB: the migrations checked) keeps them', async () => {
      await prepareSchema(orm, filing);
      await expect(orm.em.getConnection().execute('delete from log_entry')).rejects.toThrow(/append-only/);
    });
  });

  describe('verifier', () => {
    /** A fresh municipality with `n` entries. */
    async function logOf(n: number) {
      const m = uid();
      await ingest(orm, 'users', events(m, n));
      return { m, log: await entries(m) };
    }
    const verify = (m: string, pageSize?: number) => verifyLog(scopeToTenant(orm.em.fork(), m), m, { pageSize });

    it('passes an intact log, reading it page by page', async () => {
      const { m } = await logOf(25);
      expect(await verify(m, 4)).toEqual({ ok: true, entriesChecked: 25, firstBadPoradi: null, problem: null });
      expect(await verify(uid())).toEqual({ ok: true, entriesChecked: 0, firstBadPoradi: null, problem: null });
    });

    it('names a changed entry', async () => {
      const { m } = await logOf(20);
      await asAdmin(
        orm,
        "update log_entry set actor_login = 'someone.else' where municipality_id = ? and poradi = 17",
        [m],
      );
      expect(await verify(m, 6)).toEqual({
        ok: false,
        entriesChecked: 16,
        firstBadPoradi: 17,
        problem: 'entry 17: content changed (hash mismatch)',
      });
    });

    it('names a changed entry whose hash was recomputed', async () => {
      const { m, log } = await logOf(10);
      const forged = { ...log[3], description: 'nothing happened' };
      await asAdmin(orm, 'update log_entry set description = ?, hash = ? where id = ?', [
        forged.description,
        entryHash(forged),
        forged.id,
      ]);
      const r = await verify(m);
      expect(r).toMatchObject({ ok: false, firstBadPoradi: 4, entriesChecked: 4 });
      expect(r.problem).toMatch(/^entry 4: content changed and re-hashed/);
    });

    it('names a removed entry', async () => {
      const { m } = await logOf(20);
      await asAdmin(orm, 'delete from log_entry where municipality_id = ? and poradi = 17', [m]);
      expect(await verify(m, 5)).toMatchObject({
        ok: false,
        entriesChecked: 16,
        firstBadPoradi: 17,
        problem: 'entry 17 is missing (removed)',
      });
    });

    it('names entries removed from the end (the log head knows how far it went)', async () => {
      const { m } = await logOf(10);
      await asAdmin(orm, 'delete from log_entry where municipality_id = ? and poradi >= 9', [m]);
      expect(await verify(m)).toMatchObject({ ok: false, entriesChecked: 8, firstBadPoradi: 9 });
    });

    it('names a removal hidden by renumbering the rest', async () => {
      const { m } = await logOf(10);
      await asAdmin(orm, 'delete from log_entry where municipality_id = ? and poradi = 6', [m]);
      for (let p = 7; p <= 10; p++)
        await asAdmin(orm, 'update log_entry set poradi = ? where municipality_id = ? and poradi = ?', [p - 1, m, p]);
      expect(await verify(m)).toMatchObject({
        ok: false,
        entriesChecked: 5,
        firstBadPoradi: 6,
        problem: expect.stringMatching(/^entry 6 is missing/),
      });
    });

    it('names an entry inserted in the middle (the rest renumbered, the forged entry correctly hashed)', async () => {
      const { m, log } = await logOf(10);
      for (let p = 10; p >= 4; p--)
        await asAdmin(orm, 'update log_entry set poradi = ? where municipality_id = ? and poradi = ?', [p + 1, m, p]);
      const forged = {
        ...log[3],
        id: uid(),
        sourceEventId: uid(),
        poradi: 4,
        prevHash: log[2].hash,
        description: 'forged',
      };
      await insertRaw(orm, { ...forged, hash: entryHash(forged) });
      expect(await verify(m)).toMatchObject({
        ok: false,
        entriesChecked: 4,
        firstBadPoradi: 4,
        problem: expect.stringMatching(/^entry 4 was inserted/),
      });
    });

    it('names an entry appended behind the ingest’s back, even with a valid hash', async () => {
      const { m, log } = await logOf(5);
      const forged = {
        ...log[4],
        id: uid(),
        sourceEventId: uid(),
        poradi: 6,
        prevHash: log[4].hash,
        description: 'forged',
      };
      await insertRaw(orm, { ...forged, hash: entryHash(forged) });
      expect(await verify(m)).toMatchObject({
        ok: false,
        entriesChecked: 5,
        firstBadPoradi: 6,
        problem: expect.stringMatching(/^entry 6 lies beyond the log head \(5\)/),
      });
    });

    it('answers verifyAuditLog to auditors and records managers of the municipality only', async () => {
      const { m } = await logOf(3);
      const Q =
        '{ verifyAuditLog { ok entriesChecked firstBadPoradi problem renditionsChecked firstBadRenditionDay renditionProblem } }';
      const auditor = testCaller(m, [Role.AUDITOR]);
      const ok = await t.run(auditor, Q);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.verifyAuditLog).toEqual({
        ok: true,
        entriesChecked: 3,
        firstBadPoradi: null,
        problem: null,
        renditionsChecked: 0,
        firstBadRenditionDay: null,
        renditionProblem: null,
      });
      expect((await t.run(testCaller(m, [Role.RECORDS_MANAGER]), Q)).data!.verifyAuditLog.ok).toBe(true);
      const refused = await t.run(testCaller(m, [Role.CASE_HANDLER, Role.TENANT_ADMIN]), Q);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await asAdmin(orm, "update log_entry set event_type = 'Zniceni' where municipality_id = ? and poradi = 2", [m]);
      expect((await t.run(auditor, Q)).data!.verifyAuditLog).toMatchObject({
        ok: false,
        entriesChecked: 1,
        firstBadPoradi: 2,
        problem: 'entry 2: content changed (hash mismatch)',
      });
    });
  });
});

/** Inserts a row as it is (no trigger refuses INSERT), the way a forger with database access would. */
async function insertRaw(orm: HubORM, e: LogEntry) {
  const em = scopeToTenant(orm.em.fork(), e.municipalityId);
  em.create(LogEntry, e);
  await em.flush();
}
