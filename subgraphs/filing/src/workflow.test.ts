import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  demoId,
  fakePeers,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type Caller,
  type DemoUser,
  type Role,
  type SubgraphContext,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from './context';
import { filing } from './index';
import { CaseFile } from './modules/case-files/case-file.entity';
import { Document, type DocumentState } from './modules/documents/document.entity';
import { WORKFLOW } from './modules/documents/workflow';
import { FilingPlanNode } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import { Register } from './modules/registers/register.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const [PODATELNA, VNITRNI, ZIVOTNI] = BLANSKO.orgUnits.map((u) => u.id);
const INACTIVE_UNIT = demoId('org-unit', 'MBK:zrušený');
const PID = /^MBKX[0-9A-HJKMNP-TV-Z]{8}$/;

const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const callerOf = (u: DemoUser) => testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
const testUser = (
  login: string,
  roles: Role[],
  orgUnitId: string | null,
  active = true,
): DemoUser & { active: boolean } => ({
  id: demoId('user', `MBK.${login}`),
  login,
  name: login,
  municipalityId: BLANSKO.id,
  orgUnitId,
  roles,
  active,
});

// Demo users (podatelna, referent of Odbor vnitřních věcí, spisovna, správce) and test users around them.
const clerk = callerOf(demo('mbk.clerk'));
const handler = callerOf(demo('mbk.handler'));
const records = callerOf(demo('mbk.records'));
const manager = callerOf(demo('mbk.admin'));
const USERS = {
  handler2: testUser('mbk.handler2', ['CASE_HANDLER'], VNITRNI),
  envHandler: testUser('mbk.zp.handler', ['CASE_HANDLER'], ZIVOTNI),
  head1: testUser('mbk.head.vnitrni', ['UNIT_HEAD'], VNITRNI),
  head2: testUser('mbk.head.zp', ['UNIT_HEAD'], ZIVOTNI),
  otherClerk: testUser('mbk.clerk2', ['INTAKE_CLERK'], PODATELNA),
  disabled: testUser('mbk.former', ['CASE_HANDLER'], VNITRNI, false),
};
const handler2 = callerOf(USERS.handler2);
const envHandler = callerOf(USERS.envHandler);
const head1 = callerOf(USERS.head1);
const head2 = callerOf(USERS.head2);
const otherClerk = callerOf(USERS.otherClerk);
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK', 'RECORDS_MANAGER'], 'ouada.clerk');

/** What municipalities and users answer for Blansko's callers (their own tenant filter hides the rest). */
const peers = fakePeers({
  OrgUnit: {
    ...Object.fromEntries(BLANSKO.orgUnits.map((u) => [u.id, { id: u.id, active: true }])),
    [INACTIVE_UNIT]: { id: INACTIVE_UNIT, active: false },
  },
  User: Object.fromEntries(
    [
      ...DEMO_USERS.filter((u) => u.municipalityId === BLANSKO.id).map((u) => ({ ...u, active: true })),
      ...Object.values(USERS),
    ].map((u) => [
      u.id,
      { id: u.id, active: u.active, roles: u.roles, orgUnit: u.orgUnitId ? { id: u.orgUnitId } : null },
    ]),
  ),
});

/** The clock of the test server (registration, settlement, "today"): null = real time. */
let clock: Date | null = null;
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({
    ...filing.createContext(base),
    now: () => clock ?? new Date(),
  }),
};

const DOC = `id state pid referenceNumber sequenceNumber year subject registeredAt registeredBy { id } createdAt createdBy { id }
  orgUnit { id } handler { id } assignedAt closedAt triggerEventOn disposalCode retentionYears disposalYear
  settlement { method settledOn content reason handler { id } recordedAt }
  cancellation { reason cancelledAt cancelledBy { id } }
  filingPlanNode { id } caseFile { id }`;

const op = (field: string, params: string, args: string) =>
  `mutation($id: ID!${params}) { ${field}(documentId: $id${args}) { auditEventId document { ${DOC} } } }`;

/** One mutation per step of the workflow table, named like its entries. */
const STEP = {
  registerDraft: op('registerDraft', '', ''),
  assign: op('assignDocument', ', $orgUnitId: ID!, $handlerId: ID', ', orgUnitId: $orgUnitId, handlerId: $handlerId'),
  accept: op('acceptDocument', '', ''),
  return: op('returnDocument', ', $reason: String!', ', reason: $reason'),
  settle: op('settleDocument', ', $input: SettleDocumentInput!', ', input: $input'),
  reopen: op('reopenDocument', ', $reason: String!', ', reason: $reason'),
  close: op('closeDocument', '', ''),
  cancel: op('cancelDocument', ', $reason: String!', ', reason: $reason'),
  classify: op('classifyDocument', ', $nodeId: ID!', ', filingPlanNodeId: $nodeId'),
  recordTrigger: op('recordDocumentTriggerEvent', ', $on: String!', ', occurredOn: $on'),
};
type Step = keyof typeof STEP;

/** The specification (brief + domain.md §4.1), written out independently of workflow.ts. */
const SPEC: Record<Step, { from: DocumentState[]; to: DocumentState | null }> = {
  registerDraft: { from: ['DRAFT'], to: 'REGISTERED' },
  assign: { from: ['REGISTERED', 'IN_PROGRESS'], to: 'ASSIGNED' },
  accept: { from: ['ASSIGNED'], to: 'IN_PROGRESS' },
  return: { from: ['ASSIGNED'], to: 'REGISTERED' },
  settle: { from: ['IN_PROGRESS'], to: 'SETTLED' },
  reopen: { from: ['SETTLED'], to: 'IN_PROGRESS' },
  close: { from: ['SETTLED'], to: 'CLOSED' },
  cancel: { from: ['REGISTERED'], to: 'CANCELLED' },
  classify: { from: ['DRAFT', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'], to: null },
  recordTrigger: { from: ['SETTLED', 'CLOSED'], to: null },
};
const STATES: DocumentState[] = ['DRAFT', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED', 'CLOSED', 'CANCELLED'];

/** The filing plan of the tests, made here through the entities (the demo plan is not relied on). */
const NODE = {
  inner: demoId('filing-plan-node', 'test:52'),
  s5: demoId('filing-plan-node', 'test:52.1'),
  a10: demoId('filing-plan-node', 'test:101'),
  s50: demoId('filing-plan-node', 'test:118'),
  external: demoId('filing-plan-node', 'test:56.1'),
};

async function createTestPlan(t: TestSubgraph<FilingContext>) {
  const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
  const planId = randomUUID();
  em.create(FilingPlan, {
    id: planId,
    municipalityId: BLANSKO.id,
    name: 'Plán pro testy workflow',
    validFrom: '2020-01-01',
    validTo: null,
    legacy: false,
    separator: '.',
    createdAt: new Date(),
    createdById: null,
  });
  const node = (
    id: string,
    code: string,
    fullCode: string,
    parentId: string | null,
    schedule: Partial<FilingPlanNode> = {},
  ) =>
    em.create(FilingPlanNode, {
      id,
      municipalityId: BLANSKO.id,
      planId,
      parentId,
      code,
      fullCode,
      name: `Skupina ${fullCode}`,
      active: true,
      activeCodeKey: `${planId}:${fullCode}`,
      replacesId: null,
      replacedById: null,
      disposalCode: null,
      retentionYears: null,
      fixedDisposalYear: null,
      triggerKind: null,
      triggerEvent: null,
      triggerCheckYears: null,
      createdAt: new Date(),
      deactivatedAt: null,
      ...schedule,
    });
  const settlement = (disposalCode: 'A' | 'S', retentionYears: number) =>
    ({ disposalCode, retentionYears, triggerKind: 'SETTLEMENT', triggerEvent: 'vyřízení/uzavření' }) as const;
  node(NODE.inner, '52', '52', null);
  node(NODE.s5, '1', '52.1', NODE.inner, settlement('S', 5));
  node(NODE.a10, '101', '101', null, settlement('A', 10));
  node(NODE.s50, '118', '118', null, settlement('S', 50));
  node(NODE.external, '56.1', '56.1', null, {
    disposalCode: 'S',
    retentionYears: 5,
    triggerKind: 'EXTERNAL',
    triggerEvent: 'ukončení platnosti smlouvy',
  });
  await em.flush();
}

describe.each(testDatabaseKinds())('document workflow on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true, peers });
    await createTestPlan(t);
  });
  afterAll(() => t.dispose());
  afterEach(() => {
    clock = null;
  });

  const scoped = () => scopeToTenant(t.orm.em.fork(), BLANSKO.id);

  async function act(caller: Caller | null, step: Step, vars: Record<string, unknown>) {
    const res = await t.run(caller, STEP[step], vars);
    const payload = res.data ? Object.values(res.data)[0] : null;
    return {
      doc: payload?.document as Record<string, any> | undefined,
      auditEventId: payload?.auditEventId as string | undefined,
      errors: res.errors,
    };
  }

  async function ok(caller: Caller, step: Step, vars: Record<string, unknown>) {
    const res = await act(caller, step, vars);
    expect(res.errors).toBeUndefined();
    return res as { doc: Record<string, any>; auditEventId: string };
  }

  async function register(
    subject = 'Žádost o součinnost',
    caller = clerk,
    registerId?: string,
  ): Promise<Record<string, any>> {
    const res = await t.run(
      caller,
      `mutation($input: RegisterDocumentInput!) { registerDocument(input: $input) { document { ${DOC} } } }`,
      {
        input: { subject, origin: 'OWN', registerId },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.registerDocument.document;
  }

  async function draft(subject = 'Koncept odpovědi', caller = handler, registerId?: string) {
    const res = await t.run(
      caller,
      `mutation($input: CreateDraftDocumentInput!) { createDraftDocument(input: $input) { auditEventId document { ${DOC} } } }`,
      {
        input: { subject, registerId },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createDraftDocument as { auditEventId: string; document: Record<string, any> };
  }

  /** A document of Blansko brought into `state` through the API; from ASSIGNED on it is the handler's in Odbor vnitřních věcí. */
  async function inState(state: DocumentState): Promise<string> {
    if (state === 'DRAFT') return (await draft()).document.id;
    const { id } = await register();
    if (state === 'REGISTERED') return id;
    if (state === 'CANCELLED') {
      await ok(manager, 'cancel', { id, reason: 'Zaevidováno omylem' });
      return id;
    }
    await ok(clerk, 'assign', { id, orgUnitId: VNITRNI, handlerId: handler.userId });
    if (state === 'ASSIGNED') return id;
    await ok(handler, 'accept', { id });
    if (state === 'IN_PROGRESS') return id;
    await ok(handler, 'classify', { id, nodeId: NODE.s5 });
    await ok(handler, 'settle', { id, input: { method: 'ACKNOWLEDGED' } });
    if (state === 'SETTLED') return id;
    await ok(handler, 'close', { id });
    return id;
  }

  /** The stored row and every audit event and document of every municipality: what a refused call must not change. */
  async function written(id: string) {
    const em = t.orm.em.fork();
    const row = await em.findOne(Document, { id }, { filters: false });
    return {
      row: row && JSON.parse(JSON.stringify(row)),
      auditEvents: await em.count(AuditEvent, {}, { filters: false }),
      documents: await em.count(Document, {}, { filters: false }),
      caseFiles: await em.count(CaseFile, {}, { filters: false }),
    };
  }

  async function refused(
    caller: Caller | null,
    step: Step,
    vars: Record<string, unknown> & { id: string },
    code: string,
    field?: string,
  ) {
    const before = await written(vars.id);
    const res = await act(caller, step, vars);
    expect(res.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(res.doc).toBeUndefined();
    expect(await written(vars.id)).toEqual(before);
    return res.errors![0];
  }

  const eventsOf = (id: string) => scoped().find(AuditEvent, { objectId: id }, { orderBy: { sequence: 'asc' } });

  it('states the transition table of the brief', () => {
    for (const step of Object.keys(SPEC) as Step[])
      expect({ step, ...WORKFLOW[step] }).toEqual({ step, ...SPEC[step] });
  });

  it('takes a received document REGISTERED → ASSIGNED → IN_PROGRESS → SETTLED → CLOSED, auditing every step with old and new values', async () => {
    clock = new Date('2026-03-02T09:00:00+01:00');
    const registered = await register('Stížnost na hluk z provozovny');
    expect(registered).toMatchObject({
      state: 'REGISTERED',
      orgUnit: null,
      handler: null,
      settlement: null,
      createdBy: { id: clerk.userId },
    });
    expect(registered.createdAt).toBe(registered.registeredAt);
    const id = registered.id;

    clock = new Date('2026-03-03T08:00:00Z');
    const assigned = await ok(clerk, 'assign', { id, orgUnitId: VNITRNI, handlerId: handler.userId });
    expect(assigned.doc).toMatchObject({
      state: 'ASSIGNED',
      orgUnit: { id: VNITRNI },
      handler: { id: handler.userId },
      assignedAt: '2026-03-03T08:00:00.000Z',
    });
    const accepted = await ok(handler, 'accept', { id });
    expect(accepted.doc).toMatchObject({ state: 'IN_PROGRESS', handler: { id: handler.userId } });
    const classified = await ok(handler, 'classify', { id, nodeId: NODE.s5 });
    expect(classified.doc).toMatchObject({
      filingPlanNode: { id: NODE.s5 },
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: null,
    });

    clock = new Date('2026-07-01T10:00:00Z');
    const settled = await ok(handler, 'settle', {
      id,
      input: { method: 'ACKNOWLEDGED', settledOn: '2026-06-15', content: '  Vzato na vědomí.  ' },
    });
    expect(settled.doc).toMatchObject({
      state: 'SETTLED',
      settlement: {
        method: 'ACKNOWLEDGED',
        settledOn: '2026-06-15',
        content: 'Vzato na vědomí.',
        reason: null,
        handler: { id: handler.userId },
        recordedAt: '2026-07-01T10:00:00.000Z',
      },
      // S/5 from settlement in 2026: 2026 + 1 + 5.
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: 2032,
    });
    const closed = await ok(handler, 'close', { id });
    expect(closed.doc).toMatchObject({
      state: 'CLOSED',
      closedAt: '2026-07-01T10:00:00.000Z',
      disposalYear: 2032,
      referenceNumber: registered.referenceNumber,
    });

    const events = await eventsOf(id);
    expect(events.map((e) => [e.eventType, e.objectType, e.actorId])).toEqual([
      ['Zalozeni', 'Dokument', clerk.userId],
      ['ZmenaZpracovatele', 'Dokument', clerk.userId],
      ['Uprava', 'Dokument', handler.userId],
      ['Uprava', 'Dokument', handler.userId],
      ['Vyrizeni', 'Dokument', handler.userId],
      ['Uzavreni', 'Dokument', handler.userId],
    ]);
    expect(events.slice(1).map((e) => e.id)).toEqual(
      [assigned, accepted, classified, settled, closed].map((s) => s.auditEventId),
    );
    const [, assignEvent, acceptEvent, classifyEvent, settleEvent, closeEvent] = events;
    expect(assignEvent.changes).toEqual([
      { name: 'state', old: 'REGISTERED', new: 'ASSIGNED' },
      { name: 'orgUnitId', old: null, new: VNITRNI },
      { name: 'handlerId', old: null, new: handler.userId },
      { name: 'assignedAt', old: null, new: '2026-03-03T08:00:00.000Z' },
    ]);
    expect(acceptEvent.changes).toEqual([{ name: 'state', old: 'ASSIGNED', new: 'IN_PROGRESS' }]);
    expect(classifyEvent.changes).toEqual([
      { name: 'filingPlanNodeId', old: null, new: NODE.s5 },
      { name: 'disposalCode', old: null, new: 'S' },
      { name: 'retentionYears', old: null, new: '5' },
      { name: 'fullCode', old: null, new: '52.1' },
    ]);
    expect(settleEvent.changes).toEqual([
      { name: 'state', old: 'IN_PROGRESS', new: 'SETTLED' },
      { name: 'settlementMethod', old: null, new: 'ACKNOWLEDGED' },
      { name: 'settledOn', old: null, new: '2026-06-15' },
      { name: 'settlementContent', old: null, new: 'Vzato na vědomí.' },
      { name: 'settledById', old: null, new: handler.userId },
      { name: 'settlementRecordedAt', old: null, new: '2026-07-01T10:00:00.000Z' },
      { name: 'disposalYear', old: null, new: '2032' },
    ]);
    expect(closeEvent.changes).toEqual([
      { name: 'state', old: 'SETTLED', new: 'CLOSED' },
      { name: 'closedAt', old: null, new: '2026-07-01T10:00:00.000Z' },
    ]);

    // The audit trail query tells the same story.
    const trail = await t.run(
      manager,
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType source } } }`,
      { id },
    );
    expect(trail.data!.auditTrail.events.map((e: { eventType: string }) => e.eventType)).toEqual(
      events.map((e) => e.eventType),
    );
  });

  describe('refuses every step the table does not allow from a state, with CONFLICT naming the state, and writes nothing', () => {
    const docs = {} as Record<DocumentState, string>;
    beforeAll(async () => {
      for (const state of STATES) docs[state] = await inState(state);
    });

    const VARS: Record<Step, Record<string, unknown>> = {
      registerDraft: {},
      accept: {},
      close: {},
      assign: { orgUnitId: VNITRNI, handlerId: demo('mbk.handler').id },
      return: { reason: 'Nepatří nám' },
      settle: { input: { method: 'ACKNOWLEDGED' } },
      reopen: { reason: 'Doplnění' },
      cancel: { reason: 'Omyl' },
      classify: { nodeId: NODE.s5 },
      recordTrigger: { on: '2026-01-01' },
    };
    const cases = STATES.flatMap((state) =>
      (Object.keys(SPEC) as Step[])
        .filter((step) => !SPEC[step].from.includes(state))
        .map((step) => [state, step] as const),
    );

    it('(every state has refusals, and the states are what they say)', async () => {
      expect(cases.length).toBe(STATES.length * Object.keys(SPEC).length - 16);
      for (const state of STATES)
        expect((await scoped().findOneOrFail(Document, { id: docs[state] })).state).toBe(state);
    });

    it.each(cases)('from %s: %s', async (state, step) => {
      // A records manager sees every document and may take several steps: the state is what refuses.
      const error = await refused(manager, step, { id: docs[state], ...VARS[step] }, 'CONFLICT');
      expect(error.message).toContain(state);
    });
  });

  describe('refuses callers', () => {
    const docs = {} as Record<'registered' | 'assigned' | 'inProgress' | 'settled' | 'draft', string>;
    beforeAll(async () => {
      docs.registered = await inState('REGISTERED');
      docs.assigned = await inState('ASSIGNED');
      docs.inProgress = await inState('IN_PROGRESS');
      docs.settled = await inState('SETTLED');
      docs.draft = await inState('DRAFT');
    });

    const forbidden: [string, Caller, Step, keyof typeof docs, Record<string, unknown>][] = [
      ['the records office assigning', records, 'assign', 'registered', { orgUnitId: VNITRNI }],
      ['the podatelna assigning a document in progress', clerk, 'assign', 'inProgress', { orgUnitId: ZIVOTNI }],
      ['the unit head accepting a document assigned to a named handler', head1, 'accept', 'assigned', {}],
      ['the podatelna accepting', clerk, 'accept', 'assigned', {}],
      ['the podatelna returning', clerk, 'return', 'assigned', { reason: 'x' }],
      ['the podatelna settling', clerk, 'settle', 'inProgress', { input: { method: 'ACKNOWLEDGED' } }],
      ['the records office reopening', records, 'reopen', 'settled', { reason: 'x' }],
      ['the podatelna closing', clerk, 'close', 'settled', {}],
      ['another intake clerk cancelling', otherClerk, 'cancel', 'registered', { reason: 'x' }],
      ['the records office classifying', records, 'classify', 'inProgress', { nodeId: NODE.s5 }],
      ['the podatelna classifying a document in progress', clerk, 'classify', 'inProgress', { nodeId: NODE.s5 }],
      ['the podatelna registering a case handler’s draft', clerk, 'registerDraft', 'draft', {}],
      // The records office and records managers may (modules/retention/retention-rules.test.ts); the podatelna may not.
      ['the podatelna entering a trigger date', clerk, 'recordTrigger', 'settled', { on: '2026-01-01' }],
    ];
    it.each(forbidden)('FORBIDDEN: %s', async (_, caller, step, doc, vars) => {
      await refused(caller, step, { id: docs[doc], ...vars }, 'FORBIDDEN');
    });

    it('FORBIDDEN: anyone but a case handler creating a draft', async () => {
      const before = await written(docs.draft);
      for (const caller of [clerk, manager, head1, records]) {
        const res = await t.run(
          caller,
          `mutation { createDraftDocument(input: { subject: "Koncept" }) { document { id } } }`,
        );
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect(await written(docs.draft)).toEqual(before);
    });

    const invisible: [string, Caller, Step, keyof typeof docs | 'unknown', Record<string, unknown>][] = [
      ['another case handler of the unit', handler2, 'settle', 'inProgress', { input: { method: 'ACKNOWLEDGED' } }],
      ['a case handler of another unit', envHandler, 'accept', 'assigned', {}],
      ['the head of another unit', head2, 'settle', 'inProgress', { input: { method: 'ACKNOWLEDGED' } }],
      [
        'a case handler, on a document only the podatelna has seen',
        handler,
        'assign',
        'registered',
        { orgUnitId: VNITRNI },
      ],
      [
        'a case handler, with a bad org unit too (checked after visibility)',
        handler,
        'assign',
        'registered',
        { orgUnitId: randomUUID() },
      ],
      ['another case handler, on a draft', handler2, 'registerDraft', 'draft', {}],
      ['another municipality', adamovClerk, 'cancel', 'registered', { reason: 'x' }],
      ['anyone, on an unknown id', manager, 'accept', 'unknown', {}],
    ];
    it.each(invisible)('NOT_FOUND: %s', async (_, caller, step, doc, vars) => {
      const id = doc === 'unknown' ? randomUUID() : docs[doc];
      const error = await refused(caller, step, { id, ...vars }, 'NOT_FOUND');
      expect(error.message).not.toMatch(/REGISTERED|ASSIGNED|IN_PROGRESS|SETTLED|DRAFT/);
      expect((await t.run(caller, `query($id: ID!) { document(id: $id) { id } }`, { id })).data!.document).toBeNull();
    });

    it('UNAUTHENTICATED without a caller; FORBIDDEN for the platform admin', async () => {
      await refused(null, 'accept', { id: docs.assigned }, 'UNAUTHENTICATED');
      await refused(testCaller(null, ['PLATFORM_ADMIN']), 'accept', { id: docs.assigned }, 'FORBIDDEN');
    });
  });

  describe('drafts and numbers', () => {
    let registerId: string;
    const number = (n: number) => `KON-${String(n).padStart(4, '0')}/2026`;

    beforeAll(async () => {
      const res = await t.run(
        manager,
        `mutation { createRegister(input: { name: "Koncepty", kind: SEPARATE, referencePrefix: "KON" }) { id } }`,
      );
      registerId = res.data!.createRegister.id;
    });

    it('gives a draft a PID but no number, then the next number of the series, without gaps next to registrations', async () => {
      clock = new Date('2026-05-04T08:00:00Z');
      const first = await register('První', clerk, registerId);
      clock = new Date('2026-05-04T09:00:00Z');
      const created = await draft('Odpověď na žádost', handler, registerId);
      expect(created.document).toMatchObject({
        state: 'DRAFT',
        referenceNumber: null,
        sequenceNumber: null,
        year: null,
        registeredAt: null,
        registeredBy: null,
        createdAt: '2026-05-04T09:00:00.000Z',
        createdBy: { id: handler.userId },
        subject: 'Odpověď na žádost',
      });
      expect(created.document.pid).toMatch(PID);
      clock = new Date('2026-05-05T08:00:00Z');
      const second = await register('Druhý', clerk, registerId);
      clock = new Date('2026-05-06T08:00:00Z');
      const numbered = await ok(handler, 'registerDraft', { id: created.document.id });
      const third = await register('Třetí', clerk, registerId);

      expect([first, second, numbered.doc, third].map((d) => [d.sequenceNumber, d.referenceNumber])).toEqual(
        [1, 2, 3, 4].map((n) => [n, number(n)]),
      );
      expect(numbered.doc).toMatchObject({
        state: 'REGISTERED',
        pid: created.document.pid,
        year: 2026,
        registeredAt: '2026-05-06T08:00:00.000Z',
        registeredBy: { id: handler.userId },
        createdAt: '2026-05-04T09:00:00.000Z',
        createdBy: { id: handler.userId },
      });

      const [createdEvent, numberedEvent] = await eventsOf(created.document.id);
      expect(createdEvent).toMatchObject({ id: created.auditEventId, eventType: 'Zalozeni', actorId: handler.userId });
      expect(createdEvent.changes).toEqual(
        expect.arrayContaining([
          { name: 'pid', old: null, new: created.document.pid },
          { name: 'state', old: null, new: 'DRAFT' },
          { name: 'origin', old: null, new: 'OWN' },
        ]),
      );
      expect(createdEvent.changes.map((c) => c.name)).not.toContain('referenceNumber');
      expect(numberedEvent).toMatchObject({ id: numbered.auditEventId, eventType: 'PripojeniCJ' });
      expect(numberedEvent.changes).toEqual([
        { name: 'state', old: 'DRAFT', new: 'REGISTERED' },
        { name: 'referenceNumber', old: null, new: number(3) },
        { name: 'sequenceNumber', old: null, new: '3' },
        { name: 'year', old: null, new: '2026' },
        { name: 'registeredAt', old: null, new: '2026-05-06T08:00:00.000Z' },
        { name: 'registeredById', old: null, new: handler.userId },
      ]);
      // Twice is once too many.
      await refused(handler, 'registerDraft', { id: created.document.id }, 'CONFLICT');
    });

    it('lets a records manager register a draft, and the author classify it', async () => {
      clock = new Date('2026-05-07T08:00:00Z');
      const created = await draft('Koncept rozhodnutí', handler, registerId);
      await ok(handler, 'classify', { id: created.document.id, nodeId: NODE.a10 });
      const numbered = await ok(manager, 'registerDraft', { id: created.document.id });
      expect(numbered.doc).toMatchObject({
        referenceNumber: number(5),
        registeredBy: { id: manager.userId },
        filingPlanNode: { id: NODE.a10 },
      });
    });

    it('cancels a registered document keeping its number; the next registration gets the next one', async () => {
      clock = new Date('2026-05-08T08:00:00Z');
      const doc = await register('Zaevidováno dvakrát', clerk, registerId);
      expect(doc.referenceNumber).toBe(number(6));
      await refused(manager, 'cancel', { id: doc.id, reason: '   ' }, 'BAD_USER_INPUT', 'reason');
      await refused(manager, 'cancel', { id: doc.id, reason: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'reason');
      const cancelled = await ok(manager, 'cancel', { id: doc.id, reason: ' Duplicitní záznam ' });
      expect(cancelled.doc).toMatchObject({
        state: 'CANCELLED',
        referenceNumber: number(6),
        sequenceNumber: 6,
        cancellation: {
          reason: 'Duplicitní záznam',
          cancelledAt: '2026-05-08T08:00:00.000Z',
          cancelledBy: { id: manager.userId },
        },
      });
      const [, storno] = await eventsOf(doc.id);
      expect(storno).toMatchObject({ eventType: 'Storno', id: cancelled.auditEventId });
      expect(storno.changes).toEqual([
        { name: 'state', old: 'REGISTERED', new: 'CANCELLED' },
        { name: 'cancelReason', old: null, new: 'Duplicitní záznam' },
        { name: 'cancelledAt', old: null, new: '2026-05-08T08:00:00.000Z' },
        { name: 'cancelledById', old: null, new: manager.userId },
      ]);
      expect((await register('Další', clerk, registerId)).referenceNumber).toBe(number(7));

      // Whoever registered it may cancel it too.
      const own = await register('Omyl podatelny', clerk, registerId);
      expect((await ok(clerk, 'cancel', { id: own.id, reason: 'Omyl' })).doc.state).toBe('CANCELLED');
    });

    it('refuses to number a draft of a closed register, and the series does not move', async () => {
      clock = new Date('2026-05-09T08:00:00Z');
      const created = await draft('Koncept do zavřené evidence', handler, registerId);
      await scoped().nativeUpdate(Register, { id: registerId }, { active: false });
      const error = await refused(handler, 'registerDraft', { id: created.document.id }, 'CONFLICT');
      expect(error.message).toMatch(/closed/);
      await scoped().nativeUpdate(Register, { id: registerId }, { active: true });
      expect((await ok(handler, 'registerDraft', { id: created.document.id })).doc.referenceNumber).toBe(number(9));
    });
  });

  describe('settlement', () => {
    let id: string;
    beforeAll(async () => {
      clock = new Date('2026-03-02T09:00:00+01:00');
      id = await inState('IN_PROGRESS');
      clock = null;
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['OTHER without content', { method: 'OTHER', reason: 'Důvod' }, 'content'],
      ['OTHER with a blank content', { method: 'OTHER', content: '  ', reason: 'Důvod' }, 'content'],
      ['OTHER without reason', { method: 'OTHER', content: 'Obsah' }, 'reason'],
      ['OTHER with a 2001-character reason', { method: 'OTHER', content: 'Obsah', reason: 'r'.repeat(2001) }, 'reason'],
      ['a 2001-character content', { method: 'ACKNOWLEDGED', content: 'c'.repeat(2001) }, 'content'],
      ['a day in the future', { method: 'ACKNOWLEDGED', settledOn: '2026-07-02' }, 'settledOn'],
      ['a day before the registration', { method: 'ACKNOWLEDGED', settledOn: '2026-03-01' }, 'settledOn'],
      ['a day that does not exist', { method: 'ACKNOWLEDGED', settledOn: '2026-02-30' }, 'settledOn'],
      ['a 13th month', { method: 'ACKNOWLEDGED', settledOn: '2026-13-01' }, 'settledOn'],
      ['a day written the Czech way', { method: 'ACKNOWLEDGED', settledOn: '1.7.2026' }, 'settledOn'],
    ];
    it.each(invalid)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_, input, field) => {
      clock = new Date('2026-07-01T12:00:00Z');
      await refused(handler, 'settle', { id, input }, 'BAD_USER_INPUT', field);
    });

    it('settles in another way with content and reason, then reopens: the settlement and its disposal year go, the reason is audited', async () => {
      clock = new Date('2026-07-01T12:00:00Z');
      await ok(handler, 'classify', { id, nodeId: NODE.s5 });
      const settled = await ok(handler, 'settle', {
        id,
        input: {
          method: 'OTHER',
          content: ' Telefonicky ',
          reason: ' Žadatel podání vzal zpět ',
          settledOn: '2026-03-02',
        },
      });
      expect(settled.doc).toMatchObject({
        state: 'SETTLED',
        settlement: {
          method: 'OTHER',
          settledOn: '2026-03-02',
          content: 'Telefonicky',
          reason: 'Žadatel podání vzal zpět',
        },
        disposalYear: 2032,
      });

      await refused(handler, 'reopen', { id, reason: '' }, 'BAD_USER_INPUT', 'reason');
      const reopened = await ok(handler, 'reopen', { id, reason: 'Žadatel doplnil podání' });
      expect(reopened.doc).toMatchObject({
        state: 'IN_PROGRESS',
        settlement: null,
        disposalCode: 'S',
        retentionYears: 5,
        disposalYear: null,
      });
      const event = (await eventsOf(id)).at(-1)!;
      expect(event).toMatchObject({ id: reopened.auditEventId, eventType: 'Otevreni' });
      expect(event.changes).toEqual(
        expect.arrayContaining([
          { name: 'state', old: 'SETTLED', new: 'IN_PROGRESS' },
          { name: 'settlementMethod', old: 'OTHER', new: null },
          { name: 'settledOn', old: '2026-03-02', new: null },
          { name: 'settlementReason', old: 'Žadatel podání vzal zpět', new: null },
          { name: 'disposalYear', old: '2032', new: null },
          { name: 'reason', old: null, new: 'Žadatel doplnil podání' },
        ]),
      );
      const row = await scoped().findOneOrFail(Document, { id });
      expect([row.settledById, row.settlementRecordedAt, row.settlementContent]).toEqual([null, null, null]);

      // Settled again a year later: the year of the new settlement counts.
      clock = new Date('2027-01-15T12:00:00Z');
      expect((await ok(handler, 'settle', { id, input: { method: 'BY_DOCUMENT' } })).doc).toMatchObject({
        settlement: { settledOn: '2027-01-15' },
        disposalYear: 2033,
      });
    });

    it('takes the settlement day from the Czech calendar', async () => {
      clock = new Date('2026-12-31T20:00:00Z');
      const other = await inState('IN_PROGRESS');
      clock = new Date('2026-12-31T23:30:00Z'); // already 1 January 2027 in Prague
      await ok(handler, 'classify', { id: other, nodeId: NODE.s5 });
      expect((await ok(handler, 'settle', { id: other, input: { method: 'ACKNOWLEDGED' } })).doc).toMatchObject({
        settlement: { settledOn: '2027-01-01' },
        disposalYear: 2033,
      });
    });
  });

  describe('assignment, forwarding and return', () => {
    it.each([
      ['an unknown org unit', () => ({ orgUnitId: randomUUID() }), 'orgUnitId'],
      ['an inactive org unit', () => ({ orgUnitId: INACTIVE_UNIT }), 'orgUnitId'],
      ["another municipality's org unit", () => ({ orgUnitId: ADAMOV.orgUnits[0].id }), 'orgUnitId'],
      ['an unknown handler', () => ({ orgUnitId: VNITRNI, handlerId: randomUUID() }), 'handlerId'],
      ['a disabled handler', () => ({ orgUnitId: VNITRNI, handlerId: USERS.disabled.id }), 'handlerId'],
      ['a handler of another unit', () => ({ orgUnitId: VNITRNI, handlerId: USERS.envHandler.id }), 'handlerId'],
      ['a user who handles nothing', () => ({ orgUnitId: PODATELNA, handlerId: clerk.userId }), 'handlerId'],
    ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_, vars, field) => {
      const id = await inState('REGISTERED');
      await refused(clerk, 'assign', { id, ...vars() }, 'BAD_USER_INPUT', field);
    });

    it('forwards a document in progress to another unit, whose handler accepts it; the first handler no longer sees it', async () => {
      const id = await inState('IN_PROGRESS');
      const forwarded = await ok(handler, 'assign', { id, orgUnitId: ZIVOTNI, handlerId: envHandler.userId });
      expect(forwarded.doc).toMatchObject({
        state: 'ASSIGNED',
        orgUnit: { id: ZIVOTNI },
        handler: { id: envHandler.userId },
      });
      expect((await eventsOf(id)).at(-1)!.changes).toEqual(
        expect.arrayContaining([
          { name: 'state', old: 'IN_PROGRESS', new: 'ASSIGNED' },
          { name: 'orgUnitId', old: VNITRNI, new: ZIVOTNI },
          { name: 'handlerId', old: handler.userId, new: envHandler.userId },
        ]),
      );
      expect((await t.run(handler, `query($id: ID!) { document(id: $id) { id } }`, { id })).data!.document).toBeNull();
      expect((await ok(envHandler, 'accept', { id })).doc).toMatchObject({
        state: 'IN_PROGRESS',
        handler: { id: envHandler.userId },
      });
      // The head of the unit may redistribute it within the unit.
      expect((await ok(head2, 'assign', { id, orgUnitId: ZIVOTNI })).doc).toMatchObject({
        state: 'ASSIGNED',
        handler: null,
      });
    });

    it('lets the handler return an assignment with a reason: back to the podatelna, unassigned', async () => {
      const id = await inState('ASSIGNED');
      await refused(handler, 'return', { id, reason: ' ' }, 'BAD_USER_INPUT', 'reason');
      const returned = await ok(handler, 'return', { id, reason: 'Věcně přísluší odboru životního prostředí' });
      expect(returned.doc).toMatchObject({ state: 'REGISTERED', orgUnit: null, handler: null, assignedAt: null });
      const event = (await eventsOf(id)).at(-1)!;
      expect(event).toMatchObject({ eventType: 'Uprava', id: returned.auditEventId });
      expect(event.changes).toEqual(
        expect.arrayContaining([
          { name: 'state', old: 'ASSIGNED', new: 'REGISTERED' },
          { name: 'handlerId', old: handler.userId, new: null },
          { name: 'orgUnitId', old: VNITRNI, new: null },
          { name: 'reason', old: null, new: 'Věcně přísluší odboru životního prostředí' },
        ]),
      );
      // The podatelna assigns it again.
      expect((await ok(clerk, 'assign', { id, orgUnitId: ZIVOTNI, handlerId: envHandler.userId })).doc.state).toBe(
        'ASSIGNED',
      );
    });

    it('lets a case handler of the unit, or its head, accept a document assigned to the unit with no handler named', async () => {
      const one = await inState('REGISTERED');
      await ok(clerk, 'assign', { id: one, orgUnitId: VNITRNI });
      await refused(envHandler, 'accept', { id: one }, 'NOT_FOUND');
      expect((await ok(handler2, 'accept', { id: one })).doc).toMatchObject({
        state: 'IN_PROGRESS',
        handler: { id: handler2.userId },
      });
      expect((await eventsOf(one)).at(-1)!.changes).toEqual([
        { name: 'state', old: 'ASSIGNED', new: 'IN_PROGRESS' },
        { name: 'handlerId', old: null, new: handler2.userId },
      ]);

      const two = await inState('REGISTERED');
      await ok(clerk, 'assign', { id: two, orgUnitId: VNITRNI });
      expect((await ok(head1, 'accept', { id: two })).doc).toMatchObject({
        state: 'IN_PROGRESS',
        handler: { id: head1.userId },
      });
    });

    it('lets only one of two concurrent acceptances through', async () => {
      const id = await inState('ASSIGNED');
      const before = await written(id);
      const results = await Promise.all([act(handler, 'accept', { id }), act(handler, 'accept', { id })]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
      expect((await written(id)).auditEvents).toBe(before.auditEvents + 1);
    });
  });

  describe('closing and classification', () => {
    async function caseFileOf(documentId: string, state: 'OPEN' | 'CLOSED', filingPlanNodeId: string | null) {
      const em = scoped();
      const doc = await em.findOneOrFail(Document, { id: documentId });
      const caseFile = em.create(CaseFile, {
        id: randomUUID(),
        municipalityId: BLANSKO.id,
        referenceNumber: doc.referenceNumber!,
        title: 'Spis pro test',
        state,
        // Opened by the records manager and nobody's to handle: the document's handler does not see it.
        initiatingDocumentId: documentId,
        filingPlanNodeId,
        handlerId: null,
        orgUnitId: null,
        openedAt: new Date(),
        openedById: manager.userId,
        closedAt: null,
        closedById: null,
        closedOn: null,
        triggerEventOn: null,
        disposalCode: null,
        retentionYears: null,
        disposalYear: null,
      });
      doc.caseFileId = caseFile.id;
      doc.caseFileInsertedAt = new Date();
      await em.flush();
      return caseFile.id;
    }

    it('closes only classified documents', async () => {
      const id = await inState('IN_PROGRESS');
      await ok(handler, 'settle', { id, input: { method: 'ACKNOWLEDGED' } });
      const error = await refused(handler, 'close', { id }, 'CONFLICT');
      expect(error.message).toMatch(/classif/);
      await ok(handler, 'classify', { id, nodeId: NODE.a10 });
      expect((await ok(handler, 'close', { id })).doc).toMatchObject({ state: 'CLOSED', disposalCode: 'A' });
    });

    it('refuses to close a document of a case file on its own, and to classify one in a closed case file', async () => {
      const settled = await inState('SETTLED');
      const caseFileId = await caseFileOf(settled, 'OPEN', NODE.a10);
      const error = await refused(handler, 'close', { id: settled }, 'CONFLICT');
      expect(error.message).toMatch(/case file/);

      const inClosed = await inState('SETTLED');
      await caseFileOf(inClosed, 'CLOSED', NODE.a10);
      await refused(manager, 'classify', { id: inClosed, nodeId: NODE.s50 }, 'CONFLICT');
      expect(caseFileId).toBeTruthy();
    });

    it('classifies a document in an open case file and keeps the case file’s retention fresh', async () => {
      const id = await inState('IN_PROGRESS');
      const caseFileId = await caseFileOf(id, 'OPEN', NODE.a10);
      const classified = await ok(handler, 'classify', { id, nodeId: NODE.s50 });
      expect(classified.doc).toMatchObject({ disposalCode: 'S', retentionYears: 50, disposalYear: null });
      // §5.3: the strongest code and the longest period over the case file (A/10) and its documents (S/50).
      const caseFile = await scoped().findOneOrFail(CaseFile, { id: caseFileId });
      expect([caseFile.disposalCode, caseFile.retentionYears, caseFile.disposalYear]).toEqual(['A', 50, null]);
      // The document's handler is not the case file's opener: seeing the document does not show the case file.
      expect(
        (await t.run(handler, `query($id: ID!) { document(id: $id) { caseFile { id } } }`, { id })).data!.document,
      ).toEqual({ caseFile: null });
      expect(
        (await t.run(manager, `query($id: ID!) { document(id: $id) { caseFile { id } } }`, { id })).data!.document,
      ).toEqual({ caseFile: { id: caseFileId } });
    });

    it('reclassifies with the old and new full codes in the audit event, and refuses nodes that take no documents', async () => {
      const id = await inState('REGISTERED');
      await ok(clerk, 'classify', { id, nodeId: NODE.s5 });
      await refused(clerk, 'classify', { id, nodeId: NODE.inner }, 'BAD_USER_INPUT');
      await refused(clerk, 'classify', { id, nodeId: randomUUID() }, 'NOT_FOUND');
      const again = await ok(clerk, 'classify', { id, nodeId: NODE.a10 });
      expect((await eventsOf(id)).at(-1)!).toMatchObject({
        id: again.auditEventId,
        eventType: 'Uprava',
        changes: [
          { name: 'filingPlanNodeId', old: NODE.s5, new: NODE.a10 },
          { name: 'disposalCode', old: 'S', new: 'A' },
          { name: 'retentionYears', old: '5', new: '10' },
          { name: 'fullCode', old: '52.1', new: '101' },
        ],
      });
    });
  });

  describe('external trigger events', () => {
    it('waits for the entered date when the schedule says EXTERNAL, before and after closing', async () => {
      clock = new Date('2026-07-01T12:00:00Z');
      const id = await inState('IN_PROGRESS');
      await ok(handler, 'classify', { id, nodeId: NODE.external });
      const settled = await ok(handler, 'settle', { id, input: { method: 'BY_DOCUMENT' } });
      expect(settled.doc).toMatchObject({
        disposalCode: 'S',
        retentionYears: 5,
        disposalYear: null,
        triggerEventOn: null,
      });

      await refused(handler, 'recordTrigger', { id, on: '2026-07-02' }, 'BAD_USER_INPUT', 'occurredOn');
      await refused(handler, 'recordTrigger', { id, on: '2026-13-01' }, 'BAD_USER_INPUT', 'occurredOn');
      await refused(clerk, 'recordTrigger', { id, on: '2025-12-31' }, 'FORBIDDEN');
      const recorded = await ok(handler, 'recordTrigger', { id, on: '2025-12-31' });
      expect(recorded.doc).toMatchObject({ triggerEventOn: '2025-12-31', disposalYear: 2031 });
      expect((await eventsOf(id)).at(-1)!).toMatchObject({
        eventType: 'Uprava',
        changes: [
          { name: 'triggerEventOn', old: null, new: '2025-12-31' },
          { name: 'disposalYear', old: null, new: '2031' },
        ],
      });

      await ok(handler, 'close', { id });
      expect((await ok(head1, 'recordTrigger', { id, on: '2026-03-31' })).doc).toMatchObject({
        state: 'CLOSED',
        triggerEventOn: '2026-03-31',
        disposalYear: 2032,
      });
    });

    it('refuses a trigger date where the settlement starts the period, or nothing is classified', async () => {
      const settled = await inState('SETTLED');
      await refused(handler, 'recordTrigger', { id: settled, on: '2026-01-01' }, 'CONFLICT');
      const unclassified = await inState('IN_PROGRESS');
      await ok(handler, 'settle', { id: unclassified, input: { method: 'ACKNOWLEDGED' } });
      await refused(handler, 'recordTrigger', { id: unclassified, on: '2026-01-01' }, 'CONFLICT');
    });
  });
});

describe.each(testDatabaseKinds())('who sees which documents, and whose queue they are in, on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  /** A: in progress with the handler (Odbor vnitřních věcí); B: assigned to that unit, no handler; C: in progress in
   * Odbor životního prostředí; D: registered, waiting; E: the handler's draft; F: settled by the handler. */
  const doc = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string>;

  const run = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const mutate = (caller: Caller, query: string) =>
    run(caller, query).then((d) => Object.values(d)[0] as { document: { id: string } });
  const register = async (subject: string) =>
    (
      await mutate(
        clerk,
        `mutation { registerDocument(input: { subject: "${subject}", origin: OWN }) { document { id } } }`,
      )
    ).document.id;

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true, peers });
    await createTestPlan(t);
    const assign = (id: string, unit: string, h?: Caller) =>
      mutate(
        clerk,
        `mutation { assignDocument(documentId: "${id}", orgUnitId: "${unit}"${h ? `, handlerId: "${h.userId}"` : ''}) { document { id } } }`,
      );
    const accept = (id: string, h: Caller) =>
      mutate(h, `mutation { acceptDocument(documentId: "${id}") { document { id } } }`);
    for (const k of ['A', 'B', 'C', 'D', 'F'] as const) doc[k] = await register(`Dokument ${k}`);
    await assign(doc.A, VNITRNI, handler).then(() => accept(doc.A, handler));
    await assign(doc.B, VNITRNI);
    await assign(doc.C, ZIVOTNI, envHandler).then(() => accept(doc.C, envHandler));
    await assign(doc.F, VNITRNI, handler).then(() => accept(doc.F, handler));
    await mutate(
      handler,
      `mutation { settleDocument(documentId: "${doc.F}", input: { method: ACKNOWLEDGED }) { document { id } } }`,
    );
    doc.E = (
      await mutate(handler, `mutation { createDraftDocument(input: { subject: "Koncept E" }) { document { id } } }`)
    ).document.id;
  });
  afterAll(() => t.dispose());

  const names = (ids: string[]) =>
    ids
      .map((id) => Object.entries(doc).find(([, v]) => v === id)?.[0] ?? id)
      .sort()
      .join('');
  const CONNECTION = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }`;

  async function listAll(caller: Caller, field: 'documents' | 'myDocuments', args: string) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: any = await run(
        caller,
        `query($after: String) { ${field}(first: 2, after: $after${args}) { ${CONNECTION} } }`,
        { after },
      );
      ids.push(...data[field].edges.map((e: any) => e.node.id));
      if (!data[field].pageInfo.hasNextPage) {
        expect(data[field].totalCount).toBe(ids.length);
        return ids;
      }
      after = data[field].pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it.each([
    ['the handler: what they handle, their draft, and the unit’s unclaimed document', handler, 'ABEF'],
    ['another case handler of the unit: the unit’s unclaimed document', handler2, 'B'],
    ['a case handler of another unit: that unit’s document they handle', envHandler, 'C'],
    ['the unit head: all of the unit', head1, 'ABF'],
    ['the head of another unit: that unit', head2, 'C'],
    ['the podatelna: everything', clerk, 'ABCDEF'],
    ['the records office: everything', records, 'ABCDEF'],
    ['a tenant admin: nothing', testCaller(BLANSKO.id, ['TENANT_ADMIN']), ''],
  ])('%s', async (_, caller, expected) => {
    expect(names(await listAll(caller, 'documents', ''))).toBe(expected);
    const municipality = await run(
      caller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { documents(first: 100) { edges { node { id } } } } } }`,
      {
        r: [{ __typename: 'Municipality', id: BLANSKO.id }],
      },
    );
    expect(names(municipality._entities[0].documents.edges.map((e: any) => e.node.id))).toBe(expected);
    for (const [k, id] of Object.entries(doc)) {
      const one = await run(caller, `query($id: ID!) { document(id: $id) { id } }`, { id });
      expect([k, one.document?.id ?? null]).toEqual([k, expected.includes(k) ? id : null]);
    }
    const refs = await run(
      caller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id } } }`,
      {
        r: Object.values(doc).map((id) => ({ __typename: 'Document', id })),
      },
    );
    expect(names(refs._entities.filter(Boolean).map((d: any) => d.id))).toBe(expected);
  });

  it.each([
    ['the handler: what they handle', handler, '', 'AF'],
    ['the handler, settled ones only', handler, ', state: SETTLED', 'F'],
    ['another case handler of the unit: nothing assigned to them yet', handler2, '', ''],
    ['the unit head: the unit’s documents nobody handles', head1, '', 'B'],
    ['the unit head, in progress only', head1, ', state: IN_PROGRESS', ''],
    ['the podatelna: registered documents waiting to be assigned', clerk, '', 'D'],
    ['the podatelna, assigned only', clerk, ', state: ASSIGNED', ''],
    ['the other unit’s handler', envHandler, '', 'C'],
  ])('myDocuments for %s', async (_, caller, args, expected) => {
    expect(names(await listAll(caller, 'myDocuments', args))).toBe(expected);
  });

  it('refuses the platform admin and anonymous callers a queue', async () => {
    expect(
      (await t.run(testCaller(null, ['PLATFORM_ADMIN']), `{ myDocuments { totalCount } }`)).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await t.run(null, `{ myDocuments { totalCount } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
