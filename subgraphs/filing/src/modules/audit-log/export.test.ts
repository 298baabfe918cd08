import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  closeServer,
  createHttpServer,
  listen,
  scopeToTenant,
  signCallerAssertion,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  testKeys,
  verifyCallerAssertion,
  type Caller,
  type TenantCaller,
  type TestSubgraph,
} from '@hub/kit';
import { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import {
  AUDIT_LOG_EXPORT_PATH,
  auditLogExportHandler,
  parseExportPeriod,
  prepareExport,
  type ExportRouteOptions,
} from './export';
import { appendLogEntries } from './log-fixtures';
import type { LogEntry } from './log-entry.entity';
import { assertValidTp } from './tp-validator';
import { writeSystemLog } from './xml';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const auditor = testCaller(BLANSKO.id, ['AUDITOR'], 'mbk.auditor');
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager');
const adamovAuditor = testCaller(ADAMOV.id, ['AUDITOR'], 'ouada.auditor');
const keys = testKeys();
const exportTarget = { subgraph: 'filing', route: AUDIT_LOG_EXPORT_PATH };

/** Period of the small log (March 2026) and of the generated big one (2024). */
const SMALL = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };
const BIG = { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' };
const BIG_COUNT = 20_000;
const PAGE = 1000;

/** A full garbage collection, to measure what is retained rather than what is not yet collected. */
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const poradiIn = (xml: string) => [...xml.matchAll(/<tp:Poradi>(\d+)<\/tp:Poradi>/g)].map((m) => Number(m[1]));
const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

describe('export period parameters', () => {
  const parse = (q: string) => parseExportPeriod(new URLSearchParams(q));
  it('takes from and to as ISO instants with a zone', () => {
    expect(parse('from=2026-01-01T00:00:00%2B01:00&to=2026-02-01T00:00:00Z')).toEqual({
      from: new Date('2025-12-31T23:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
    });
  });
  it.each([
    ['', 'from'],
    ['from=2026-01-01T00:00:00Z', 'to'],
    ['from=2026-01-01&to=2026-02-01', 'from'],
    ['from=2026-02-30T00:00:00Z&to=2026-03-01T00:00:00Z', 'from'],
    ['from=2026-01-01T00:00:00Z&from=2026-01-02T00:00:00Z&to=2026-02-01T00:00:00Z', 'from'],
    ['from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'to'],
    ['from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'to'],
    ['from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:01Z', 'to'],
  ])('refuses %s', (q, field) => {
    expect(() => parse(q)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }));
  });
  it('allows five years', () => {
    expect(() => parse('from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z')).not.toThrow();
  });
});

describe.each(testDatabaseKinds())('audit log export on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let server: Server;
  let base: string;
  let small: LogEntry[];
  let big: LogEntry[];
  let routeOptions: ExportRouteOptions = {};
  let done: Promise<{ written?: unknown; error?: unknown }>;

  /** The route as runSubgraph mounts it: the caller comes from the gateway's assertion. */
  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    const handler = auditLogExportHandler(t.orm, {
      get pageSize() {
        return routeOptions.pageSize;
      },
      onDone: (r) => routeOptions.onDone?.(r),
    });
    server = createHttpServer({
      health: async () => undefined,
      graphql: async (_req, res) => void res.end(),
      routes: {
        [AUDIT_LOG_EXPORT_PATH]: async (req, res) => {
          const assertion = req.headers['x-hub-caller'] as string | undefined;
          const call = await verifyCallerAssertion(assertion, keys, exportTarget);
          return handler(req, res, { caller: call ? call.caller : undefined, service: null, assertion });
        },
      },
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;

    // March 2026: entries inside and around the period, one that happened inside but was written late.
    const march = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour));
    small = await appendLogEntries(t.orm, BLANSKO.id, [
      { occurredAt: new Date('2026-02-28T22:59:59.999Z'), description: 'before (Feb 28, 23:59:59.999 Prague)' },
      {
        occurredAt: new Date('2026-02-28T23:00:00.000Z'),
        description: 'first instant of March in Prague',
        actorLogin: 'mbk.clerk',
        actorId: randomUUID(),
      },
      ...Array.from({ length: 40 }, (_, i) => ({
        occurredAt: march(2 + (i % 25), 8 + (i % 9)),
        eventType: ['Zalozeni', 'Uprava', 'ZmenaZpracovatele', 'Vyrizeni', 'Uzavreni'][i % 5],
        objectType: i % 4 === 3 ? 'Spis' : 'Dokument',
        description: `Událost ${i} <&> "x" 🙂`,
        changes: [{ name: 'věc', old: i % 2 ? null : `stará ${i}`, new: `nová ${i}\u0007` }],
        actorLogin: i % 3 ? 'mbk.handler' : '',
      })),
      { occurredAt: new Date('2026-03-31T21:59:59.999Z'), description: 'last instant of March in Prague' },
      { occurredAt: new Date('2026-03-31T22:00:00.000Z'), description: 'April' },
      { occurredAt: march(15), description: 'happened in March, written after April' },
    ]);
    await appendLogEntries(t.orm, ADAMOV.id, [{ occurredAt: march(3), description: 'Adamov entry' }]);
    const start = Date.UTC(2024, 0, 1);
    const step = Math.floor((366 * 24 * 3600 * 1000) / BIG_COUNT);
    big = await appendLogEntries(
      t.orm,
      BLANSKO.id,
      Array.from({ length: BIG_COUNT }, (_, i) => ({
        occurredAt: new Date(start + i * step),
        recordedAt: new Date(start + i * step + 500),
        actorLogin: `user${i % 50}`,
        eventType: i % 10 === 0 ? 'Zalozeni' : 'Uprava',
        objectId: `doc-${i % 3000}`,
        objectSource: 'cz.blansko.essl.MBK',
        description: `Změna dokumentu doc-${i % 3000} (${i})`,
        changes: [{ name: 'subject', old: `Předmět ${i}`, new: `Předmět ${i + 1}` }],
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await closeServer(server);
    await t.dispose();
  });

  async function download(
    caller: Caller | null | undefined,
    period: { from: string; to: string } | string,
    init: RequestInit = {},
  ) {
    const query =
      typeof period === 'string'
        ? period
        : `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const headers: Record<string, string> =
      caller === undefined
        ? {}
        : { 'x-hub-caller': await signCallerAssertion(caller, keys.gatewayPrivateKey, exportTarget) };
    return fetch(`${base}${AUDIT_LOG_EXPORT_PATH}?${query}`, { ...init, headers });
  }

  /** Waits for the handler's end (complete or cut) of the next download. */
  function nextDone(opts: Omit<ExportRouteOptions, 'onDone'> = {}) {
    done = new Promise((resolve) => {
      routeOptions = { ...opts, onDone: resolve };
    });
    return done;
  }

  const exportEvents = () =>
    scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(
      AuditEvent,
      { eventType: 'Export' },
      { orderBy: { sequence: 'asc' } },
    );

  it('answers who may not export, and bad periods, with JSON errors and the right status', async () => {
    const before = (await exportEvents()).length;
    const cases: [Caller | null | undefined, string, number, string][] = [
      [undefined, '', 401, 'UNAUTHENTICATED'],
      [null, '', 401, 'UNAUTHENTICATED'],
      [testCaller(BLANSKO.id, ['INTAKE_CLERK', 'DISPATCH_CLERK']), '', 403, 'FORBIDDEN'],
      [testCaller(BLANSKO.id, ['TENANT_ADMIN']), '', 403, 'FORBIDDEN'],
      [testCaller(BLANSKO.id, ['RECORDS_OFFICER']), '', 403, 'FORBIDDEN'],
      [testCaller(null, ['PLATFORM_ADMIN', 'AUDITOR']), '', 403, 'FORBIDDEN'],
      [auditor, '', 400, 'BAD_USER_INPUT'],
      [auditor, 'from=2026-03-01T00:00:00Z', 400, 'BAD_USER_INPUT'],
      [auditor, 'from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 400, 'BAD_USER_INPUT'],
      [auditor, 'from=2015-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 400, 'BAD_USER_INPUT'],
    ];
    for (const [caller, query, status, code] of cases) {
      const res = await download(
        caller,
        query ||
          (caller === auditor ? '' : `from=${SMALL.from.replace('+', '%2B')}&to=${SMALL.to.replace('+', '%2B')}`),
      );
      expect([query, res.status]).toEqual([query, status]);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe(code);
    }
    const post = await fetch(`${base}${AUDIT_LOG_EXPORT_PATH}?from=x`, {
      method: 'POST',
      headers: { 'x-hub-caller': await signCallerAssertion(auditor, keys.gatewayPrivateKey, exportTarget) },
    });
    expect(post.status).toBe(405);
    // Refused requests are not exports.
    expect(await exportEvents()).toHaveLength(before);
  });

  it("streams the period's entries in poradi order as a valid TransakcniLogSystemu and records the export", async () => {
    const finished = nextDone();
    const res = await download(auditor, SMALL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="transakcni-protokol-MBK-20260228T230000Z-20260331T220000Z.xml"',
    );
    const xml = await res.text();
    expect(await finished).toMatchObject({ written: { count: 43 } });
    await assertValidTp(xml, 'export');

    // Exactly the entries that happened in the period (in Prague's March), in poradi order, the late one last.
    const inMarch = small.filter(
      (e) => e.occurredAt >= new Date('2026-02-28T23:00:00Z') && e.occurredAt < new Date('2026-03-31T22:00:00Z'),
    );
    expect(inMarch).toHaveLength(43);
    expect(poradiIn(xml)).toEqual(inMarch.map((e) => e.poradi));
    expect(increasing(poradiIn(xml))).toBe(true);
    expect(xml).toContain('happened in March, written after April');
    expect(xml).not.toContain('Adamov entry');
    expect(xml).not.toContain('>April<');
    expect(xml).toContain(
      '<tp:DatumCasOd>2026-02-28T23:00:00.000Z</tp:DatumCasOd><tp:DatumCasDo>2026-03-31T22:00:00.000Z</tp:DatumCasDo>',
    );
    expect(xml).toMatch(
      /<tp:Identifikator><tp:HodnotaID>TP-MBK-20260228T230000Z-20260331T220000Z-[0-9a-f]{6}<\/tp:HodnotaID><tp:ZdrojID>cz\.blansko\.essl\.MBK<\/tp:ZdrojID><\/tp:Identifikator>/,
    );
    expect(xml).not.toContain('TypyObjektu'); // all events of the period, so no object type list (see the XSD)
    expect(xml).toContain('<tp:provedlKdo>system</tp:provedlKdo>');

    const [event] = (await exportEvents()).slice(-1);
    expect(event).toMatchObject({
      actorId: auditor.userId,
      actorLogin: 'mbk.auditor',
      eventType: 'Export',
      objectType: 'KonfiguraceSystemu',
      objectId: BLANSKO.id,
      description: 'Export transakčního protokolu za období 2026-02-28T23:00:00.000Z – 2026-03-31T22:00:00.000Z',
      changes: [
        { name: 'DatumCasOd', old: null, new: '2026-02-28T23:00:00.000Z' },
        { name: 'DatumCasDo', old: null, new: '2026-03-31T22:00:00.000Z' },
      ],
    });
  });

  it('serves records managers too, and each municipality only its own log', async () => {
    const res = await download(manager, SMALL);
    expect(res.status).toBe(200);
    expect(poradiIn(await res.text())).toHaveLength(43);

    const adamov = await download(adamovAuditor, SMALL);
    const xml = await adamov.text();
    await assertValidTp(xml, 'Adamov export');
    expect(poradiIn(xml)).toEqual([1]);
    expect(xml).toContain('Adamov entry');
    expect(xml).toContain('<tp:HodnotaID>TP-OUADA-');
    const adamovEvents = await scopeToTenant(t.orm.em.fork(), ADAMOV.id).find(AuditEvent, { eventType: 'Export' });
    expect(adamovEvents.map((e) => e.actorLogin)).toEqual(['ouada.auditor']);
  });

  it('exports an empty period as a valid document without events', async () => {
    const res = await download(auditor, { from: '2010-01-01T00:00:00Z', to: '2011-01-01T00:00:00Z' });
    const xml = await res.text();
    expect(res.status).toBe(200);
    await assertValidTp(xml, 'empty export');
    expect(poradiIn(xml)).toEqual([]);
  });

  /** Counts the page reads of log_entry (the export's keyset pages and its two bound look-ups). */
  function countLogReads() {
    const knex = t.orm.em.getKnex();
    const counter = { reads: 0, stop: () => void knex.removeListener('query', onQuery) };
    const onQuery = (q: { sql: string }) => {
      if (/from [`"]log_entry[`"]/i.test(q.sql) && /limit/i.test(q.sql)) counter.reads++;
    };
    knex.on('query', onQuery);
    return counter;
  }

  it(`writes while it reads: ${BIG_COUNT} entries in pages of ${PAGE}, chunks handed out between the page reads`, async () => {
    const reads = countLogReads();
    try {
      const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
      const prepared = await prepareExport(
        em,
        auditor as TenantCaller,
        parseExportPeriod(new URLSearchParams(`from=${BIG.from}&to=${BIG.to}`)),
        new Date(),
      );
      const readsAtWrite: number[] = [];
      const written = await writeSystemLog(
        () => void readsAtWrite.push(reads.reads),
        prepared.header,
        prepared.entries,
      );
      expect(written.count).toBe(BIG_COUNT);
      expect(reads.reads).toBe(BIG_COUNT / PAGE + 2);
      // Chunks went out after each page was read, long before the last one.
      expect(readsAtWrite.length).toBeGreaterThan(100);
      expect(new Set(readsAtWrite).size).toBe(BIG_COUNT / PAGE);
      expect(readsAtWrite.filter((r) => r < reads.reads).length).toBeGreaterThan(readsAtWrite.length * 0.9);
    } finally {
      reads.stop();
    }
  }, 60_000);

  it(`streams ${BIG_COUNT} entries with backpressure and in bounded memory, and the document validates`, async () => {
    const reads = countLogReads();
    const dir = mkdtempSync(join(tmpdir(), 'tp-export-'));
    try {
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let retainedPeak = 0;
      let bytes = 0;
      let chunks = 0;
      const file = createWriteStream(join(dir, 'export.xml'));
      const finished = nextDone();
      const started = Date.now();
      const res = await download(auditor, BIG);
      expect(res.status).toBe(200);

      // A client that does not read: the export stops reading the log once the sockets' buffers are full.
      let last = -1;
      for (let i = 0; i < 60 && reads.reads !== last; i++) {
        last = reads.reads;
        await new Promise((r) => setTimeout(r, 100));
      }
      const readsWhilePaused = reads.reads;
      expect(readsWhilePaused).toBeLessThan(BIG_COUNT / PAGE + 2);

      let tail = '';
      let lastPoradi = 0;
      let ordered = true;
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        chunks++;
        bytes += chunk.length;
        if (!file.write(chunk)) await new Promise((r) => file.once('drain', r));
        // Poradi strictly increasing, across chunk boundaries too.
        const text = tail + decoder.decode(chunk, { stream: true });
        const cut = text.lastIndexOf('</tp:Udalost>');
        for (const p of poradiIn(cut < 0 ? '' : text.slice(0, cut))) {
          if (p <= lastPoradi) ordered = false;
          lastPoradi = p;
        }
        tail = cut < 0 ? text : text.slice(cut);
        if (chunks % 25 === 0) {
          gc();
          retainedPeak = Math.max(retainedPeak, process.memoryUsage().heapUsed - heapBefore);
        }
      }
      await new Promise((r) => file.end(r));
      const elapsed = Date.now() - started;
      expect(await finished).toMatchObject({
        written: { count: BIG_COUNT, firstPoradi: big[0].poradi, lastPoradi: big.at(-1)!.poradi },
      });
      expect(ordered).toBe(true);
      expect(lastPoradi).toBe(big.at(-1)!.poradi);
      expect(reads.reads).toBe(BIG_COUNT / PAGE + 2);

      console.log(
        `[export ${kind}] ${BIG_COUNT} entries, ${(bytes / 1e6).toFixed(1)} MB in ${chunks} chunks, ${elapsed} ms; ` +
          `${readsWhilePaused} log reads while the client paused; retained heap at most ${(retainedPeak / 1e6).toFixed(1)} MB`,
      );
      expect(bytes).toBeGreaterThan(10_000_000);
      // What stays alive while streaming is about a page of entries and a chunk: well under half the document
      // (17 MB of UTF-8; holding it, or all its entries, would retain more than the whole).
      expect(retainedPeak).toBeLessThan(bytes / 2);

      await assertValidTp({ file: join(dir, 'export.xml') }, 'big export');
    } finally {
      reads.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('stops reading the log when the client goes away', async () => {
    const reads = countLogReads();
    try {
      const finished = nextDone({ pageSize: 100 });
      const abort = new AbortController();
      const res = await download(auditor, BIG, { signal: abort.signal });
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      const result = await finished;
      expect(String((result.error as Error)?.message)).toMatch(/client closed/);
      // 200 pages of 100 would be needed; it stopped before the end. (How long before depends on how fast the close
      // reaches the server: on a loaded machine about 100 pages were read, so the bound is the whole log.)
      expect(reads.reads).toBeLessThan(200);
    } finally {
      reads.stop();
    }
  });

  it('cuts the connection when the log cannot be read to the end', async () => {
    // The third page read of the export fails.
    const original = EntityManager.prototype.find;
    let pageReads = 0;
    const spy = jest.spyOn(EntityManager.prototype, 'find').mockImplementation(function (
      this: EntityManager,
      ...args: any[]
    ) {
      const options = args[2] as { limit?: number; disableIdentityMap?: boolean } | undefined;
      if (options?.limit === 100 && options.disableIdentityMap === true && ++pageReads === 3) {
        return Promise.reject(new Error('disk on fire'));
      }
      return (original as any).apply(this, args);
    });
    try {
      const finished = nextDone({ pageSize: 100 });
      const res = await download(auditor, BIG);
      expect(res.status).toBe(200);
      let received = '';
      const failure = await (async () => {
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
            received += Buffer.from(chunk).toString('utf8');
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(failure).not.toBeNull(); // the client sees a broken transfer, not the end of a document
      expect(received).not.toContain('</tp:TransakcniLogSystemu>');
      expect(String(((await finished).error as Error).message)).toBe('disk on fire');
    } finally {
      spy.mockRestore();
    }
    expect(pageReads).toBe(3);
  });
});
