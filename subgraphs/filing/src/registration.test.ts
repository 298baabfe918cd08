import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  demoId,
  inTransaction,
  nextInSeries,
  poolSettings,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type SubgraphContext,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from './context';
import { filing } from './index';
import { Document } from './modules/documents/document.entity';
import { insertWithUniquePid } from './modules/documents/registration';
import { Register } from './modules/registers/register.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const BLANSKO_MAIN = demoId('register', 'MBK:main');
const BLANSKO_INVOICES = demoId('register', 'MBK:invoices');
const ADAMOV_MAIN = demoId('register', 'OUADA:main');
const PID = /^MBKX[0-9A-HJKMNP-TV-Z]{8}$/;

const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK'], 'mbk.clerk');
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager');

/** The registration clock of the test server: null = real time. */
let clock: Date | null = null;
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({
    ...filing.createContext(base),
    now: () => clock ?? new Date(),
  }),
};

const REGISTER = `mutation($input: RegisterDocumentInput!) {
  registerDocument(input: $input) {
    auditEventId
    document {
      id pid referenceNumber sequenceNumber year subject origin deliveredAt registeredAt senderReferenceNumber state createdAt createdBy { id }
      sender { name address dataBoxId ico }
      register { id kind referencePrefix }
      registeredBy { id }
      municipality { id }
    }
  }
}`;

const received = (extra: Record<string, unknown> = {}) => ({
  subject: 'Žádost o vyjádření ke stavbě',
  origin: 'RECEIVED',
  deliveredAt: new Date((clock ?? new Date()).getTime() - 60_000).toISOString(),
  sender: { name: 'Jan Novák', address: 'Wanklova 1, 678 01 Blansko', dataBoxId: 'abc1234', ico: '25596641' },
  ...extra,
});

describe.each(testDatabaseKinds())('document registration on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;

  beforeAll(async () => {
    // The 50 concurrent registrations below all queue on one counter row's lock while holding a pool connection;
    // the default MariaDB pool (HUB_DB_POOL_MAX 10, HUB_DB_ACQUIRE_TIMEOUT_MS 2 s) would refuse most of them with
    // SERVICE_UNAVAILABLE before they get a connection. These tests are about numbering, not the pool (budget.test.ts
    // covers failing fast), so the pool here waits as long as the test may run.
    t = await startTestSubgraph(clockedFiling, kind, {
      seedDemo: true,
      pool: { ...poolSettings(), acquireTimeoutMs: 60_000 },
    });
  });
  afterAll(() => t.dispose());
  afterEach(() => {
    clock = null;
  });

  async function register(input: Record<string, unknown>, caller = clerk) {
    const res = await t.run(caller, REGISTER, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.registerDocument as { auditEventId: string; document: Record<string, any> };
  }

  /** Rows of every municipality, bypassing the tenant filter: what a failed call must not have written. */
  async function writtenRows() {
    const em = t.orm.em.fork();
    return {
      documents: await em.count(Document, {}, { filters: false }),
      auditEvents: await em.count(AuditEvent, {}, { filters: false }),
      registers: await em.count(Register, {}, { filters: false }),
    };
  }

  it('numbers the main register 1, 2, 3 with čj "MBK n/year" and binds a PID', async () => {
    clock = new Date('2026-03-02T09:15:00+01:00');
    const docs = [];
    for (let i = 0; i < 3; i++)
      docs.push((await register(received({ deliveredAt: '2026-03-02T08:00:00.750+01:00' }))).document);

    expect(docs.map((d) => d.sequenceNumber)).toEqual([1, 2, 3]);
    expect(docs.map((d) => d.referenceNumber)).toEqual(['MBK 1/2026', 'MBK 2/2026', 'MBK 3/2026']);
    expect(docs.map((d) => d.year)).toEqual([2026, 2026, 2026]);
    for (const d of docs) {
      expect(d.pid).toMatch(PID);
      expect(d.register).toEqual({ id: BLANSKO_MAIN, kind: 'MAIN', referencePrefix: 'MBK' });
      expect(d.registeredBy).toEqual({ id: clerk.userId });
      expect(d.municipality).toEqual({ id: BLANSKO.id });
      expect(d.registeredAt).toBe('2026-03-02T08:15:00.000Z');
      // A registration is where a received document comes into being in the hub.
      expect(d).toMatchObject({
        state: 'REGISTERED',
        createdAt: '2026-03-02T08:15:00.000Z',
        createdBy: { id: clerk.userId },
      });
      // Delivery is kept to the second.
      expect(d.deliveredAt).toBe('2026-03-02T07:00:00.000Z');
      expect(d.sender).toEqual({
        name: 'Jan Novák',
        address: 'Wanklova 1, 678 01 Blansko',
        dataBoxId: 'abc1234',
        ico: '25596641',
      });
    }
    expect(new Set(docs.map((d) => d.pid)).size).toBe(3);
  });

  it('numbers a separate register "FP-nnnn/year", with the PID still carrying the municipality abbreviation', async () => {
    clock = new Date('2026-04-01T10:00:00Z');
    const docs = [];
    for (let i = 0; i < 3; i++)
      docs.push((await register(received({ registerId: BLANSKO_INVOICES, subject: `Faktura ${i}` }))).document);
    expect(docs.map((d) => d.referenceNumber)).toEqual(['FP-0001/2026', 'FP-0002/2026', 'FP-0003/2026']);
    expect(docs.map((d) => d.register.kind)).toEqual(['SEPARATE', 'SEPARATE', 'SEPARATE']);
    for (const d of docs) expect(d.pid).toMatch(PID);
  });

  it('runs one series per register and per year, and per municipality', async () => {
    clock = new Date('2024-06-01T10:00:00Z');
    const main2024 = await register(received({ deliveredAt: '2024-06-01T09:00:00Z' }));
    const invoices2024 = await register(
      received({ deliveredAt: '2024-06-01T09:00:00Z', registerId: BLANSKO_INVOICES }),
    );
    clock = new Date('2026-05-01T10:00:00Z');
    const main2026 = await register(received());
    const adamov = await register(received(), testCaller(ADAMOV.id, ['INTAKE_CLERK']));

    expect(main2024.document.referenceNumber).toBe('MBK 1/2024');
    expect(invoices2024.document.referenceNumber).toBe('FP-0001/2024');
    // The 2026 main series continues where the first test left it, untouched by 2024 and by the invoices.
    expect(main2026.document.referenceNumber).toBe('MBK 4/2026');
    expect(adamov.document.referenceNumber).toBe('OUADA 1/2026');
    expect(adamov.document.register.id).toBe(ADAMOV_MAIN);
    expect(adamov.document.pid).toMatch(/^OUADAX[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('takes the year from the Prague calendar, not from UTC', async () => {
    clock = new Date('2025-12-31T23:30:00Z'); // 00:30 on 1 January 2026 in Prague
    const newYear = await register(received({ deliveredAt: '2025-12-31T23:10:00Z' }));
    clock = new Date('2025-12-31T22:59:59Z'); // 23:59:59 on 31 December in Prague
    const oldYear = await register(received({ deliveredAt: '2025-12-31T22:00:00Z' }));
    expect(newYear.document.year).toBe(2026);
    expect(newYear.document.referenceNumber).toMatch(/^MBK \d+\/2026$/);
    expect(oldYear.document.year).toBe(2025);
    expect(oldYear.document.referenceNumber).toBe('MBK 1/2025');
  });

  it('registers own documents without sender, and writes the audit event in the same transaction', async () => {
    const { document, auditEventId } = await register(
      { subject: '  Výzva k doplnění  ', origin: 'OWN' },
      testCaller(BLANSKO.id, ['CASE_HANDLER']),
    );
    expect(document.subject).toBe('Výzva k doplnění');
    expect(document.sender).toBeNull();
    expect(document.deliveredAt).toBeNull();

    const event = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).findOneOrFail(AuditEvent, { id: auditEventId });
    expect(event).toMatchObject({
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: document.id,
      actorLogin: 'test.user',
    });
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { name: 'referenceNumber', old: null, new: document.referenceNumber },
        { name: 'pid', old: null, new: document.pid },
        { name: 'subject', old: null, new: 'Výzva k doplnění' },
        { name: 'origin', old: null, new: 'OWN' },
        { name: 'state', old: null, new: 'REGISTERED' },
      ]),
    );
    expect(event.changes.map((c) => c.name)).not.toContain('deliveredAt');
  });

  const bigSubject = 'x'.repeat(10 * 1024 * 1024);
  const invalid: [string, () => Record<string, unknown>, string, string | undefined][] = [
    ['a blank subject', () => received({ subject: '   ' }), 'BAD_USER_INPUT', 'subject'],
    ['a 10 MB subject', () => received({ subject: bigSubject }), 'BAD_USER_INPUT', 'subject'],
    ['a 2001-character subject', () => received({ subject: 'a'.repeat(2001) }), 'BAD_USER_INPUT', 'subject'],
    [
      'an own document with deliveredAt',
      () => ({ subject: 'x', origin: 'OWN', deliveredAt: new Date().toISOString() }),
      'BAD_USER_INPUT',
      'deliveredAt',
    ],
    [
      'an own document with a sender',
      () => ({ subject: 'x', origin: 'OWN', sender: { name: 'Jan' } }),
      'BAD_USER_INPUT',
      'sender',
    ],
    ['a received document without sender', () => received({ sender: null }), 'BAD_USER_INPUT', 'sender'],
    ['a received document without deliveredAt', () => received({ deliveredAt: null }), 'BAD_USER_INPUT', 'deliveredAt'],
    [
      'a delivery 10 minutes in the future',
      () => received({ deliveredAt: new Date(Date.now() + 600_000).toISOString() }),
      'BAD_USER_INPUT',
      'deliveredAt',
    ],
    [
      'a delivery before 1990',
      () => received({ deliveredAt: '1989-12-31T12:00:00Z' }),
      'BAD_USER_INPUT',
      'deliveredAt',
    ],
    ['a blank sender name', () => received({ sender: { name: ' ' } }), 'BAD_USER_INPUT', 'sender.name'],
    [
      'a 301-character sender name',
      () => received({ sender: { name: 'n'.repeat(301) } }),
      'BAD_USER_INPUT',
      'sender.name',
    ],
    [
      'a malformed data box id',
      () => received({ sender: { name: 'Jan', dataBoxId: 'ABC1234' } }),
      'BAD_USER_INPUT',
      'sender.dataBoxId',
    ],
    [
      'an IČO with a wrong check digit',
      () => received({ sender: { name: 'Jan', ico: '25596642' } }),
      'BAD_USER_INPUT',
      'sender.ico',
    ],
    [
      'a 51-character sender reference number',
      () => received({ senderReferenceNumber: 'r'.repeat(51) }),
      'BAD_USER_INPUT',
      'senderReferenceNumber',
    ],
    ['an unknown register', () => received({ registerId: randomUUID() }), 'NOT_FOUND', undefined],
    ["another municipality's register", () => received({ registerId: ADAMOV_MAIN }), 'NOT_FOUND', undefined],
  ];

  it.each(invalid)('refuses %s and writes nothing', async (_, input, code, field) => {
    const before = await writtenRows();
    const res = await t.run(clerk, REGISTER, { input: input() });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await writtenRows()).toEqual(before);
  });

  it('accepts a delivery stamped within the 5-minute clock skew', async () => {
    const { document } = await register(received({ deliveredAt: new Date(Date.now() + 4 * 60_000).toISOString() }));
    expect(document.origin).toBe('RECEIVED');
  });

  it('refuses a closed register with CONFLICT, and leaves no gap in the numbers after failures', async () => {
    clock = new Date('2027-02-01T10:00:00Z');
    const created = await t.run(
      manager,
      `mutation { createRegister(input: { name: "Smlouvy", kind: SEPARATE, referencePrefix: "SML" }) { id } }`,
    );
    const registerId = created.data!.createRegister.id as string;
    const first = await register(received({ registerId, deliveredAt: '2027-02-01T09:00:00Z' }));
    await t.run(clerk, REGISTER, { input: received({ registerId, subject: '' }) });
    const second = await register(received({ registerId, deliveredAt: '2027-02-01T09:00:00Z' }));
    expect([first.document.referenceNumber, second.document.referenceNumber]).toEqual([
      'SML-0001/2027',
      'SML-0002/2027',
    ]);

    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    await em.nativeUpdate(Register, { id: registerId }, { active: false });
    const before = await writtenRows();
    const res = await t.run(clerk, REGISTER, { input: received({ registerId }) });
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await writtenRows()).toEqual(before);
  });

  it.each([
    ['a records officer', testCaller(BLANSKO.id, ['RECORDS_OFFICER']), 'FORBIDDEN'],
    ['a tenant admin', testCaller(BLANSKO.id, ['TENANT_ADMIN']), 'FORBIDDEN'],
    ['the platform admin', testCaller(null, ['PLATFORM_ADMIN', 'INTAKE_CLERK']), 'FORBIDDEN'],
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
  ] as const)('does not let %s register', async (_, caller, code) => {
    const before = await writtenRows();
    const res = await t.run(caller, REGISTER, { input: received() });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await writtenRows()).toEqual(before);
  });

  it('lets case handlers and records managers register', async () => {
    for (const roles of [['CASE_HANDLER'], ['RECORDS_MANAGER']] as const) {
      const res = await t.run(testCaller(BLANSKO.id, [...roles]), REGISTER, {
        input: { subject: 'Sdělení', origin: 'OWN' },
      });
      expect(res.errors).toBeUndefined();
    }
  });

  it('gives 50 concurrent registrations the numbers 1..50 exactly once', async () => {
    const created = await t.run(
      manager,
      `mutation { createRegister(input: { name: "Souběh", kind: SEPARATE, referencePrefix: "SOUBEH" }) { id } }`,
    );
    const registerId = created.data!.createRegister.id as string;
    const before = await writtenRows();

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.run(testCaller(BLANSKO.id, ['INTAKE_CLERK']), REGISTER, {
          input: { registerId, subject: `Souběžné podání ${i}`, origin: 'OWN' },
        }),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const docs = results.map((r) => r.data!.registerDocument.document);
    expect(docs.map((d) => d.sequenceNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(new Set(docs.map((d) => d.referenceNumber)).size).toBe(50);
    expect(new Set(docs.map((d) => d.pid)).size).toBe(50);
    const after = await writtenRows();
    expect(after.documents - before.documents).toBe(50);
    expect(after.auditEvents - before.auditEvents).toBe(50);
  });

  it('retries the insert under a new PID when the PID is taken, keeping the allocated number', async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const taken = (await em.findOneOrFail(Document, { registerId: BLANSKO_MAIN }, { orderBy: { registeredAt: 'asc' } }))
      .pid;
    const pids = [taken, taken, 'MBKX00000TST'];
    const now = new Date();

    const doc = await inTransaction(em, async (tx) => {
      const sequenceNumber = await nextInSeries(tx, `test-series:${randomUUID()}`);
      return insertWithUniquePid(tx, () => pids.shift()!, {
        id: randomUUID(),
        municipalityId: BLANSKO.id,
        registerId: BLANSKO_MAIN,
        referenceNumber: `TEST ${sequenceNumber}/1999`,
        sequenceNumber,
        year: 1999,
        subject: 'PID collision',
        subjectFolded: 'pid collision',
        origin: 'OWN',
        deliveredAt: null,
        senderName: null,
        senderAddress: null,
        senderDataBoxId: null,
        senderIco: null,
        senderReferenceNumber: null,
        registeredAt: now,
        registeredById: clerk.userId,
      });
    });
    expect(doc.pid).toBe('MBKX00000TST');
    expect(pids).toEqual([]);
    const stored = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).findOneOrFail(Document, { id: doc.id });
    expect(stored).toMatchObject({ pid: 'MBKX00000TST', sequenceNumber: 1, year: 1999 });
  });

  it('does not mistake another unique violation for a PID collision', async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const existing = await em.findOneOrFail(Document, { registerId: BLANSKO_MAIN, year: 2026, sequenceNumber: 1 });
    let calls = 0;
    const attempt = inTransaction(em, (tx) =>
      insertWithUniquePid(tx, () => `MBKXDUP${String(++calls).padStart(5, '0')}`, { ...existing, id: randomUUID() }),
    );
    await expect(attempt).rejects.toThrow(
      /document_register_id_year_sequence_number_unique|constraint failed: document\.register_id/,
    );
    expect(calls).toBe(1);
  });
});
