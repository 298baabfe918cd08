import { DEMO_MUNICIPALITIES, startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { encodeLogCursor } from './log-query';
import { appendLogEntries } from './log-fixtures';
import type { LogEntry } from './log-entry.entity';
import { assertValidTp } from './tp-validator';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const uid = () => randomUUID();
const auditor = testCaller(BLANSKO.id, ['AUDITOR'], 'mbk.auditor', uid());
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager', uid());
const adamovAuditor = testCaller(ADAMOV.id, ['AUDITOR'], 'ouada.auditor', uid());
const clerkId = uid();
const handlerId = uid();

const ENTRY =
  'poradi recordedAt occurredAt actor { id } actorLogin eventType objectType objectId objectSource description changes { name old new } source prevHash hash';
const LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ENTRY} } } }
}`;
const OBJECT_XML = 'query($id: ID!) { auditLogObjectXml(objectId: $id) }';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 8, minutes));

describe.each(testDatabaseKinds())('reading the transaction log on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let blansko: LogEntry[];
  let adamov: LogEntry[];
  const docA = uid();
  const docB = uid();

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    // 30 entries: two documents edited in turns, a few events of others, occurredAt not in poradi order at 20–21.
    blansko = await appendLogEntries(
      t.orm,
      BLANSKO.id,
      Array.from({ length: 30 }, (_, i) => ({
        occurredAt: i === 20 ? at(100) : i === 21 ? at(5) : at(i * 3),
        actorId: i % 3 === 0 ? null : i % 3 === 1 ? clerkId : handlerId,
        actorLogin: i % 3 === 0 ? 'system' : i % 3 === 1 ? 'mbk.clerk' : 'mbk.handler',
        eventType: i < 2 ? 'Zalozeni' : i % 5 === 0 ? 'ZmenaZpracovatele' : 'Uprava',
        objectType: i % 7 === 6 ? 'Spis' : 'Dokument',
        objectId: i % 7 === 6 ? `spis-${i}` : i % 2 === 0 ? docA : docB,
        objectSource: 'cz.blansko.essl.MBK',
        description: `Událost č. ${i + 1} <&>`,
        changes: i === 0 ? [] : [{ name: 'věc', old: `stará ${i}`, new: i === 29 ? null : `nová ${i}` }],
      })),
    );
    adamov = await appendLogEntries(
      t.orm,
      ADAMOV.id,
      Array.from({ length: 5 }, (_, i) => ({ occurredAt: at(i), objectId: i < 3 ? docA : uid() })),
    );
  });
  afterAll(() => t.dispose());

  it('pages through the whole log in poradi order with keyset cursors', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await t.run(auditor, LOG, { first: 7, after });
      expect(res.errors).toBeUndefined();
      const page = res.data.auditLog;
      expect(page.totalCount).toBe(30);
      seen.push(...page.edges.map((e: any) => e.node.poradi));
      for (const e of page.edges) expect(e.cursor).toBe(encodeLogCursor(e.node.poradi));
      pages++;
      if (!page.pageInfo.hasNextPage) {
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('returns every field of an entry, the actor as a User reference', async () => {
    const res = await t.run(manager, LOG, { first: 3 });
    expect(res.errors).toBeUndefined();
    const [first, second] = res.data!.auditLog.edges.map((e: any) => e.node);
    const e1 = blansko[0];
    expect(first).toEqual({
      poradi: 1,
      recordedAt: e1.recordedAt.toISOString(),
      occurredAt: e1.occurredAt.toISOString(),
      actor: null,
      actorLogin: 'system',
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: docA,
      objectSource: 'cz.blansko.essl.MBK',
      description: 'Událost č. 1 <&>',
      changes: [],
      source: 'filing',
      prevHash: '0'.repeat(64),
      hash: e1.hash,
    });
    expect(second.actor).toEqual({ id: clerkId });
    expect(second.changes).toEqual([{ name: 'věc', old: 'stará 1', new: 'nová 1' }]);
    expect(second.prevHash).toBe(e1.hash);
  });

  it('filters by period, object, event type and person', async () => {
    const poradiOf = async (filter: object, first = 500) => {
      const res = await t.run(auditor, LOG, { filter, first });
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.auditLog.edges.map((e: any) => e.node);
      expect(res.data!.auditLog.totalCount).toBe(nodes.length);
      return nodes.map((n: any) => n.poradi);
    };
    const expected = (pred: (e: LogEntry) => boolean) => blansko.filter(pred).map((e) => e.poradi);

    const from = at(15).toISOString();
    const to = at(30).toISOString();
    expect(await poradiOf({ from, to })).toEqual(expected((e) => e.occurredAt >= at(15) && e.occurredAt < at(30)));
    // Entry 22 happened at 08:05 (before its neighbours): it is in the early period, still in poradi order.
    expect(await poradiOf({ to: at(6).toISOString() })).toEqual([1, 2, 22]);
    expect(await poradiOf({ from: at(100).toISOString() })).toEqual([21]);
    expect(await poradiOf({ objectId: docB })).toEqual(expected((e) => e.objectId === docB));
    expect(await poradiOf({ eventType: 'ZmenaZpracovatele' })).toEqual(
      expected((e) => e.eventType === 'ZmenaZpracovatele'),
    );
    expect(await poradiOf({ actorId: handlerId })).toEqual(expected((e) => e.actorId === handlerId));
    expect(
      await poradiOf({ objectId: docA, eventType: 'Uprava', actorId: handlerId, from: at(10).toISOString() }),
    ).toEqual(
      expected(
        (e) => e.objectId === docA && e.eventType === 'Uprava' && e.actorId === handlerId && e.occurredAt >= at(10),
      ),
    );
    expect(await poradiOf({ objectId: 'nothing-like-this' })).toEqual([]);
    expect(await poradiOf({ eventType: 'Zniceni' })).toEqual([]);

    // Paging within a filter.
    const page1 = await t.run(auditor, LOG, { filter: { objectId: docA }, first: 4 });
    const page2 = await t.run(auditor, LOG, {
      filter: { objectId: docA },
      first: 4,
      after: page1.data!.auditLog.pageInfo.endCursor,
    });
    expect([...page1.data!.auditLog.edges, ...page2.data!.auditLog.edges].map((e: any) => e.node.poradi)).toEqual(
      expected((e) => e.objectId === docA).slice(0, 8),
    );
  });

  it('refuses bad input', async () => {
    const code = async (vars: object) => (await t.run(auditor, LOG, vars)).errors?.[0]?.extensions;
    expect(await code({ filter: { eventType: 'Prohlizeni' } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.eventType',
    });
    expect(await code({ filter: { eventType: 'zalozeni' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code({ first: 0 })).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await code({ first: 501 })).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await code({ after: 'bm9wZQ' })).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await code({ after: '!!' })).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await code({ filter: { from: at(10).toISOString(), to: at(5).toISOString() } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
    });
    expect(await code({ filter: { from: 'yesterday' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await t.run(auditor, LOG, { first: 500 })).errors).toBeUndefined();
  });

  it('serves only auditors and records managers of the municipality', async () => {
    for (const roles of [
      ['RECORDS_OFFICER'],
      ['TENANT_ADMIN'],
      ['CASE_HANDLER'],
      ['INTAKE_CLERK', 'DISPATCH_CLERK'],
      ['UNIT_HEAD'],
    ] as const) {
      const res = await t.run(testCaller(BLANSKO.id, [...roles]), LOG, { first: 1 });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const xml = await t.run(testCaller(BLANSKO.id, [...roles]), OBJECT_XML, { id: docA });
      expect(xml.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const platform = testCaller(null, ['PLATFORM_ADMIN', 'AUDITOR', 'RECORDS_MANAGER'], 'platform.admin');
    expect((await t.run(platform, LOG, { first: 1 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(platform, OBJECT_XML, { id: docA })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(null, LOG, { first: 1 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.run(null, OBJECT_XML, { id: docA })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("gives another municipality's auditor only that municipality's log", async () => {
    const res = await t.run(adamovAuditor, LOG, { first: 500 });
    expect(res.data!.auditLog.totalCount).toBe(5);
    expect(res.data!.auditLog.edges.map((e: any) => e.node.hash)).toEqual(adamov.map((e) => e.hash));
    // The same object id in both logs: each sees its own entries only.
    const a = await t.run(adamovAuditor, LOG, { filter: { objectId: docA }, first: 500 });
    expect(a.data!.auditLog.edges.map((e: any) => e.node.poradi)).toEqual([1, 2, 3]);
    const b = await t.run(adamovAuditor, LOG, { filter: { objectId: docB }, first: 500 });
    expect(b.data!.auditLog.totalCount).toBe(0);
    // A cursor of Blansko's log is just a position: it shows nothing of Blansko's.
    const c = await t.run(adamovAuditor, LOG, { first: 500, after: encodeLogCursor(2) });
    expect(c.data!.auditLog.edges.map((e: any) => e.node.hash)).toEqual(adamov.slice(2).map((e) => e.hash));
  });

  it("renders one object's history as a TransakcniLogObjektu that validates", async () => {
    const res = await t.run(auditor, OBJECT_XML, { id: docB });
    expect(res.errors).toBeUndefined();
    const xml: string = res.data!.auditLogObjectXml;
    await assertValidTp(xml, 'object log');
    expect(xml).toContain('<tp:TransakcniLogObjektu');
    expect(xml).toContain(
      `<tp:Objekt><tp:TypObjektu><tp:TypObjektuId>Dokument</tp:TypObjektuId></tp:TypObjektu><tp:Identifikator><tp:HodnotaID>${docB}</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID>`,
    );
    expect(xml).toMatch(
      /<tp:HodnotaID>TP-MBK-\d{8}T\d{6}Z-\d{8}(T\d{6}Z)?-[0-9a-f]{6}<\/tp:HodnotaID><tp:ZdrojID>cz\.blansko\.essl\.MBK<\/tp:ZdrojID>/,
    );
    const poradi = [...xml.matchAll(/<tp:Poradi>(\d+)<\/tp:Poradi>/g)].map((m) => Number(m[1]));
    expect(poradi).toEqual(blansko.filter((e) => e.objectId === docB).map((e) => e.poradi));
    expect(xml.match(/<tp:Objekt>/g)).toHaveLength(1); // only in the header
    expect(xml).toContain('<tp:PopisUdalosti>Událost č. 2 &lt;&amp;&gt;</tp:PopisUdalosti>');
    expect(xml).toContain(
      '<tp:NazevParametru>vec.old</tp:NazevParametru><tp:HodnotaParametru>stará 1</tp:HodnotaParametru>',
    );
    expect(xml).toContain('<tp:provedlKdo>mbk.clerk</tp:provedlKdo>');
  });

  it("answers NOT_FOUND for an object the municipality's log does not know", async () => {
    const unknown = await t.run(auditor, OBJECT_XML, { id: uid() });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Adamov's object, asked by Blansko's auditor (its own docA is a different history).
    const adamovOnly = adamov[4].objectId;
    expect((await t.run(auditor, OBJECT_XML, { id: adamovOnly })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = await t.run(adamovAuditor, OBJECT_XML, { id: docA });
    const poradi = [...own.data!.auditLogObjectXml.matchAll(/<tp:Poradi>(\d+)<\/tp:Poradi>/g)].map(
      (m: RegExpMatchArray) => Number(m[1]),
    );
    expect(poradi).toEqual([1, 2, 3]);
    await assertValidTp(own.data!.auditLogObjectXml, 'Adamov object log');
  });
});
