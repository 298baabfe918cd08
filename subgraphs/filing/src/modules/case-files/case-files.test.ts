// Case files (spisy) and the records office's disposal forecast, through the subgraph's schema. Documents are set
// up directly as rows in the states a test needs (the workflow mutations are another module's business), and so
// is a filing plan of this suite's own: nothing here depends on the demo filing plan.
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  demoId,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type Caller,
  type SubgraphContext,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { Document, type DocumentState } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { FilingPlan } from '../filing-plans/filing-plan.entity';
import { refreshDocumentRetention } from '../retention/apply';
import type { DisposalCode, TriggerKind } from '../retention/retention';
import { CaseFile } from './case-file.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const UNIT = BLANSKO.orgUnits[1].id;
const OTHER_UNIT = BLANSKO.orgUnits[2].id;

const uid = () => randomUUID();
const handler = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler', uid(), UNIT);
const colleague = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.colleague', uid(), OTHER_UNIT);
const unitHead = testCaller(BLANSKO.id, ['UNIT_HEAD'], 'mbk.head', uid(), UNIT);
const otherHead = testCaller(BLANSKO.id, ['UNIT_HEAD'], 'mbk.otherhead', uid(), OTHER_UNIT);
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager', uid(), null);
const records = testCaller(BLANSKO.id, ['RECORDS_OFFICER'], 'mbk.records', uid(), null);
const auditor = testCaller(BLANSKO.id, ['AUDITOR'], 'mbk.auditor', uid(), null);
const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK', 'DISPATCH_CLERK'], 'mbk.clerk', uid(), BLANSKO.orgUnits[0].id);
const tenantAdmin = testCaller(BLANSKO.id, ['TENANT_ADMIN'], 'mbk.admin', uid(), null);
const platformAdmin = testCaller(null, ['PLATFORM_ADMIN'], 'platform.admin', uid(), null);
const adamovHandler = testCaller(
  ADAMOV.id,
  ['CASE_HANDLER', 'RECORDS_MANAGER'],
  'ouada.handler',
  uid(),
  ADAMOV.orgUnits[0].id,
);
const adamovRecords = testCaller(ADAMOV.id, ['RECORDS_OFFICER'], 'ouada.records', uid(), null);

/** The clock of the test server (ctx.now): the day a case file is opened or closed. */
let clock = new Date('2026-10-01T10:00:00Z');
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({ ...filing.createContext(base), now: () => clock }),
};

const CASE_FILE = `id referenceNumber title state openedAt closedAt triggerEventOn disposalCode retentionYears disposalYear
  initiatingDocument { id } documents { id state closedAt } filingPlanNode { id fullCode }
  handler { id } orgUnit { id } openedBy { id } closedBy { id } municipality { id }`;
const PAYLOAD = `{ auditEventId caseFile { ${CASE_FILE} } }`;
const OPEN = `mutation($input: OpenCaseFileInput!) { openCaseFile(input: $input) ${PAYLOAD} }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCaseFileInput!) { updateCaseFile(id: $id, input: $input) ${PAYLOAD} }`;
const INSERT = `mutation($c: ID!, $d: ID!) { insertIntoCaseFile(caseFileId: $c, documentId: $d) ${PAYLOAD} }`;
const REMOVE = `mutation($c: ID!, $d: ID!) { removeFromCaseFile(caseFileId: $c, documentId: $d) ${PAYLOAD} }`;
const CLOSE = `mutation($id: ID!) { closeCaseFile(id: $id) ${PAYLOAD} }`;
const REOPEN = `mutation($id: ID!, $reason: String!) { reopenCaseFile(id: $id, reason: $reason) ${PAYLOAD} }`;
const TRIGGER = `mutation($id: ID!, $on: String!) { recordCaseFileTriggerEvent(id: $id, occurredOn: $on) ${PAYLOAD} }`;
const GET = `query($id: ID!) { caseFile(id: $id) { ${CASE_FILE} } }`;
const LIST = `query($state: CaseFileState, $first: Int, $after: String) {
  caseFiles(state: $state, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id state } } }
}`;
const FORECAST = `query($year: Int!, $first: Int = 100, $after: String) { disposalForecast(year: $year, first: $first, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { caseFile { id title } document { id subject } referenceNumber title fullFilingCode disposalCode retentionYears disposalYear } }
} }`;
const FORECAST_COUNT = `query($year: Int!) { disposalForecast(year: $year, first: 1) { totalCount } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseFile { id referenceNumber title } } }`;

interface NodeSpec {
  code: string;
  disposalCode?: DisposalCode | null;
  retentionYears?: number | null;
  triggerKind?: TriggerKind;
  parentId?: string | null;
}

describe.each(testDatabaseKinds())('case files on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  /** This suite's filing plan nodes (Blansko): S/5 and A/10 from settlement, S/5 from an external event, an inner node. */
  const node = {} as Record<'s5' | 'a10' | 'ext' | 'inner' | 'adamov', FilingPlanNode>;
  let sequence = 0;

  const em = (municipalityId = BLANSKO.id) => scopeToTenant(t.orm.em.fork(), municipalityId);

  async function addNodes(municipalityId: string, specs: NodeSpec[]): Promise<FilingPlanNode[]> {
    const e = em(municipalityId);
    const plan = e.create(FilingPlan, {
      id: uid(),
      municipalityId,
      name: `Spisový plán ${uid().slice(0, 6)}`,
      validFrom: '2000-01-01',
      validTo: null,
      legacy: false,
      separator: '.',
      createdAt: new Date(),
      createdById: null,
    });
    const nodes = specs.map((s) =>
      e.create(FilingPlanNode, {
        id: uid(),
        municipalityId,
        planId: plan.id,
        parentId: s.parentId ?? null,
        code: s.code,
        fullCode: s.code,
        name: `Skupina ${s.code}`,
        active: true,
        activeCodeKey: `${plan.id}:${s.code}`,
        replacesId: null,
        replacedById: null,
        disposalCode: s.disposalCode ?? null,
        retentionYears: s.retentionYears ?? null,
        fixedDisposalYear: null,
        triggerKind: s.disposalCode ? (s.triggerKind ?? 'SETTLEMENT') : null,
        triggerEvent: s.disposalCode
          ? s.triggerKind === 'EXTERNAL'
            ? 'ukončení platnosti smlouvy'
            : 'vyřízení/uzavření'
          : null,
        triggerCheckYears: null,
        createdAt: new Date(),
        deactivatedAt: null,
      }),
    );
    await e.flush();
    return nodes;
  }

  interface DocSpec {
    state?: DocumentState;
    handlerId?: string | null;
    orgUnitId?: string | null;
    nodeId?: string | null;
    settledOn?: string | null;
    deliveredAt?: Date;
    referenceNumber?: string;
    municipalityId?: string;
    caseFileId?: string | null;
  }

  /** A document row in the wanted state, as the workflow would have left it (retention computed as it would). */
  async function addDocument(spec: DocSpec = {}): Promise<Document> {
    const municipalityId = spec.municipalityId ?? BLANSKO.id;
    const e = em(municipalityId);
    const state = spec.state ?? 'IN_PROGRESS';
    const seq = ++sequence;
    const draft = state === 'DRAFT';
    const deliveredAt = spec.deliveredAt ?? new Date('2026-03-02T08:15:00Z');
    const settled = state === 'SETTLED' || state === 'CLOSED';
    const registerId = demoId('register', `${municipalityId === BLANSKO.id ? 'MBK' : 'OUADA'}:main`);
    const d = e.create(Document, {
      id: uid(),
      municipalityId,
      pid: `TST${uid().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      registerId,
      referenceNumber: draft ? null : (spec.referenceNumber ?? `MBK ${seq}/2026`),
      sequenceNumber: draft ? null : seq,
      year: draft ? null : 2026,
      subject: `Podání ${seq}`,
      subjectFolded: `podani ${seq}`,
      origin: 'RECEIVED',
      deliveredAt,
      senderName: 'Jan Novák',
      senderAddress: null,
      senderDataBoxId: null,
      senderIco: null,
      senderReferenceNumber: null,
      registeredAt: draft ? null : deliveredAt,
      registeredById: draft ? null : clerk.userId,
      state,
      createdAt: deliveredAt,
      createdById: draft ? handler.userId : clerk.userId,
      orgUnitId: spec.orgUnitId === undefined ? UNIT : spec.orgUnitId,
      handlerId: spec.handlerId === undefined ? handler.userId : spec.handlerId,
      assignedAt: deliveredAt,
      settlementMethod: settled ? 'ACKNOWLEDGED' : null,
      settledOn: settled ? (spec.settledOn ?? '2026-06-15') : null,
      settlementContent: null,
      settlementReason: null,
      settledById: settled ? handler.userId : null,
      settlementRecordedAt: settled ? deliveredAt : null,
      closedAt: state === 'CLOSED' ? new Date('2026-06-16T10:00:00Z') : null,
      cancelReason: state === 'CANCELLED' ? 'omyl' : null,
      cancelledAt: state === 'CANCELLED' ? deliveredAt : null,
      cancelledById: state === 'CANCELLED' ? clerk.userId : null,
      filingPlanNodeId: spec.nodeId ?? null,
      caseFileId: spec.caseFileId ?? null,
      caseFileInsertedAt: spec.caseFileId ? deliveredAt : null,
      triggerEventOn: null,
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
    });
    await refreshDocumentRetention(e, d);
    await e.flush();
    return d;
  }

  async function ok<T = any>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.run(caller, query, variables);
    if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** The entries of a year's forecast (one page of up to 100). */
  const forecast = async (caller: Caller, year: number) =>
    (await ok(caller, FORECAST, { year })).disposalForecast.edges.map((e: any) => e.node);

  /** Every row a refused call could have touched, of every municipality: must be identical afterwards. */
  async function everything() {
    const e = t.orm.em.fork();
    const rows = async (entity: typeof CaseFile | typeof Document) =>
      JSON.stringify(await e.find(entity as typeof CaseFile, {}, { filters: false, orderBy: { id: 'asc' } }));
    return {
      auditEvents: await e.count(AuditEvent, {}, { filters: false }),
      caseFiles: await rows(CaseFile),
      documents: await rows(Document),
    };
  }

  /** Expects the call to be refused with `code` and to have written nothing. */
  async function refused(
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    message?: RegExp,
  ) {
    const before = await everything();
    const res = await t.run(caller, query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (message) expect(res.errors![0].message).toMatch(message);
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    expect(await everything()).toEqual(before);
    return res.errors![0];
  }

  const eventsOf = async (objectId: string, municipalityId = BLANSKO.id) =>
    (await em(municipalityId).find(AuditEvent, { objectId }, { orderBy: { sequence: 'asc' } })).map((e) => ({
      eventType: e.eventType,
      objectType: e.objectType,
      actorLogin: e.actorLogin,
      id: e.id,
      changes: e.changes,
      description: e.description,
    }));

  const open = async (documentId: string, extra: Record<string, unknown> = {}, caller: Caller = handler) =>
    (await ok(caller, OPEN, { input: { initiatingDocumentId: documentId, title: 'Stížnost na hluk', ...extra } }))
      .openCaseFile;

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true });
    [node.s5, node.a10, node.ext, node.inner] = await addNodes(BLANSKO.id, [
      { code: '52.1', disposalCode: 'S', retentionYears: 5 },
      { code: '101', disposalCode: 'A', retentionYears: 10 },
      { code: '56.1', disposalCode: 'S', retentionYears: 5, triggerKind: 'EXTERNAL' },
      { code: '52' },
    ]);
    [node.adamov] = await addNodes(ADAMOV.id, [{ code: '52.1', disposalCode: 'S', retentionYears: 5 }]);
  });
  afterAll(() => t?.dispose());
  beforeEach(() => {
    clock = new Date('2026-10-01T10:00:00Z');
  });

  describe('opening', () => {
    it('opens a case file from a registered document: its čj labels it and it becomes the first document', async () => {
      const doc = await addDocument({ state: 'IN_PROGRESS', referenceNumber: 'MBK 4711/2026' });
      const { caseFile, auditEventId } = await open(doc.id, {
        title: '  Stížnost na hluk z provozovny  ',
        filingPlanNodeId: node.s5.id,
      });
      expect(caseFile).toMatchObject({
        referenceNumber: 'MBK 4711/2026',
        title: 'Stížnost na hluk z provozovny',
        state: 'OPEN',
        openedAt: clock.toISOString(),
        closedAt: null,
        closedBy: null,
        initiatingDocument: { id: doc.id },
        documents: [{ id: doc.id, state: 'IN_PROGRESS', closedAt: null }],
        filingPlanNode: { id: node.s5.id, fullCode: '52.1' },
        handler: { id: handler.userId },
        orgUnit: { id: UNIT },
        openedBy: { id: handler.userId },
        municipality: { id: BLANSKO.id },
        // Code and period are known from the classification; no year until it is closed.
        disposalCode: 'S',
        retentionYears: 5,
        disposalYear: null,
      });
      const row = await em().findOneOrFail(Document, { id: doc.id });
      expect(row.caseFileId).toBe(caseFile.id);
      expect(row.caseFileInsertedAt?.toISOString()).toBe(clock.toISOString());

      const caseEvents = await eventsOf(caseFile.id);
      expect(caseEvents.map((e) => [e.eventType, e.objectType, e.actorLogin])).toEqual([
        ['Zalozeni', 'Spis', 'mbk.handler'],
      ]);
      expect(caseEvents[0].id).toBe(auditEventId);
      expect(caseEvents[0].changes).toEqual(
        expect.arrayContaining([
          { name: 'referenceNumber', old: null, new: 'MBK 4711/2026' },
          { name: 'fullFilingCode', old: null, new: '52.1' },
        ]),
      );
      const docEvents = await eventsOf(doc.id);
      expect(docEvents.map((e) => [e.eventType, e.objectType, e.changes])).toEqual([
        ['VlozeniDoSpisu', 'Dokument', [{ name: 'caseFileId', old: null, new: caseFile.id }]],
      ]);
    });

    it('takes handler and org unit from the document, or else from the caller', async () => {
      const doc = await addDocument({ state: 'REGISTERED', handlerId: null, orgUnitId: null });
      // Registered by the clerk and not assigned yet: only read-all roles see it; a records manager opens it.
      const { caseFile } = await open(doc.id, {}, manager);
      expect(caseFile).toMatchObject({
        handler: { id: manager.userId },
        orgUnit: null,
        openedBy: { id: manager.userId },
        filingPlanNode: null,
        disposalCode: null,
      });

      const assigned = await addDocument({ state: 'ASSIGNED', handlerId: null, orgUnitId: UNIT });
      const byHead = await open(assigned.id, {}, unitHead);
      expect(byHead.caseFile).toMatchObject({ handler: { id: unitHead.userId }, orgUnit: { id: UNIT } });
    });

    it.each(['DRAFT', 'CLOSED', 'CANCELLED'] as DocumentState[])(
      'refuses a %s document (CONFLICT), writing nothing',
      async (state) => {
        const doc = await addDocument({ state });
        await refused(
          handler,
          OPEN,
          { input: { initiatingDocumentId: doc.id, title: 'Spis' } },
          'CONFLICT',
          new RegExp(state),
        );
      },
    );

    it('opens from a settled document', async () => {
      const doc = await addDocument({ state: 'SETTLED' });
      expect((await open(doc.id)).caseFile.documents).toEqual([{ id: doc.id, state: 'SETTLED', closedAt: null }]);
    });

    it('refuses a document that is already in a case file, or initiates one', async () => {
      const doc = await addDocument();
      await open(doc.id);
      await refused(
        handler,
        OPEN,
        { input: { initiatingDocumentId: doc.id, title: 'Druhý spis' } },
        'CONFLICT',
        /already in a case file/,
      );
      const inserted = await addDocument();
      const other = await open((await addDocument()).id);
      await ok(handler, INSERT, { c: other.caseFile.id, d: inserted.id });
      await refused(handler, OPEN, { input: { initiatingDocumentId: inserted.id, title: 'Třetí spis' } }, 'CONFLICT');
    });

    it('validates the title and the classification before writing anything', async () => {
      const doc = await addDocument();
      const input = (extra: Record<string, unknown>) => ({
        input: { initiatingDocumentId: doc.id, title: 'Spis', ...extra },
      });
      expect((await refused(handler, OPEN, input({ title: '   ' }), 'BAD_USER_INPUT')).extensions?.field).toBe('title');
      await refused(handler, OPEN, input({ title: 'x'.repeat(501) }), 'BAD_USER_INPUT');
      await refused(handler, OPEN, input({ filingPlanNodeId: node.inner.id }), 'BAD_USER_INPUT', /52/);
      await refused(handler, OPEN, input({ filingPlanNodeId: node.adamov.id }), 'NOT_FOUND');
      await refused(handler, OPEN, input({ filingPlanNodeId: uid() }), 'NOT_FOUND');
      // 500 characters is fine.
      expect((await open(doc.id, { title: 'y'.repeat(500) })).caseFile.title).toHaveLength(500);
    });

    it('refuses documents the caller cannot see, and other municipalities’ documents, as NOT_FOUND', async () => {
      const colleagues = await addDocument({ handlerId: colleague.userId, orgUnitId: OTHER_UNIT });
      await refused(handler, OPEN, { input: { initiatingDocumentId: colleagues.id, title: 'Spis' } }, 'NOT_FOUND');
      await refused(unitHead, OPEN, { input: { initiatingDocumentId: colleagues.id, title: 'Spis' } }, 'NOT_FOUND');
      const adamovs = await addDocument({
        municipalityId: ADAMOV.id,
        handlerId: adamovHandler.userId,
        orgUnitId: ADAMOV.orgUnits[0].id,
      });
      await refused(handler, OPEN, { input: { initiatingDocumentId: adamovs.id, title: 'Spis' } }, 'NOT_FOUND');
      await refused(handler, OPEN, { input: { initiatingDocumentId: uid(), title: 'Spis' } }, 'NOT_FOUND');
    });

    it.each([
      ['an intake clerk', clerk],
      ['the records office', records],
      ['an auditor', auditor],
      ['a tenant admin', tenantAdmin],
      ['a platform admin', platformAdmin],
    ])('refuses %s (FORBIDDEN)', async (_, caller) => {
      const doc = await addDocument({ handlerId: caller.userId });
      await refused(caller, OPEN, { input: { initiatingDocumentId: doc.id, title: 'Spis' } }, 'FORBIDDEN');
    });

    it('refuses anonymous callers (UNAUTHENTICATED)', async () => {
      const doc = await addDocument();
      const res = await t.run(null, OPEN, { input: { initiatingDocumentId: doc.id, title: 'Spis' } });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('changing', () => {
    it('changes title and classification of an open case file, with old and new values and the full code', async () => {
      const doc = await addDocument();
      const { caseFile } = await open(doc.id, { title: 'Původní název', filingPlanNodeId: node.s5.id });
      const { updateCaseFile } = await ok(handler, UPDATE, {
        id: caseFile.id,
        input: { title: 'Nový název', filingPlanNodeId: node.a10.id },
      });
      expect(updateCaseFile.caseFile).toMatchObject({
        title: 'Nový název',
        filingPlanNode: { fullCode: '101' },
        disposalCode: 'A',
        retentionYears: 10,
      });
      const [, upr] = await eventsOf(caseFile.id);
      expect(upr).toMatchObject({ eventType: 'Uprava', objectType: 'Spis', id: updateCaseFile.auditEventId });
      expect(upr.changes).toEqual(
        expect.arrayContaining([
          { name: 'title', old: 'Původní název', new: 'Nový název' },
          { name: 'filingPlanNodeId', old: node.s5.id, new: node.a10.id },
          { name: 'fullFilingCode', old: '52.1', new: '101' },
          { name: 'disposalCode', old: 'S', new: 'A' },
          { name: 'retentionYears', old: '5', new: '10' },
        ]),
      );
      const stored = await em().findOneOrFail(CaseFile, { id: caseFile.id });
      expect([stored.disposalCode, stored.retentionYears]).toEqual(['A', 10]);
    });

    it('refuses empty, invalid and no-op changes, and closed case files', async () => {
      const doc = await addDocument({ state: 'SETTLED' });
      const { caseFile } = await open(doc.id, { title: 'Název', filingPlanNodeId: node.s5.id });
      await refused(handler, UPDATE, { id: caseFile.id, input: {} }, 'BAD_USER_INPUT');
      await refused(handler, UPDATE, { id: caseFile.id, input: { title: '' } }, 'BAD_USER_INPUT');
      await refused(handler, UPDATE, { id: caseFile.id, input: { title: 'Název' } }, 'CONFLICT');
      await refused(handler, UPDATE, { id: caseFile.id, input: { filingPlanNodeId: node.inner.id } }, 'BAD_USER_INPUT');
      await refused(colleague, UPDATE, { id: caseFile.id, input: { title: 'Cizí' } }, 'NOT_FOUND');
      await refused(adamovHandler, UPDATE, { id: caseFile.id, input: { title: 'Cizí' } }, 'NOT_FOUND');
      await ok(handler, CLOSE, { id: caseFile.id });
      await refused(handler, UPDATE, { id: caseFile.id, input: { title: 'Po uzavření' } }, 'CONFLICT', /CLOSED/);
    });
  });

  describe('inserting and removing', () => {
    it('puts documents in (in order) and takes them out again; a document belongs to at most one case file', async () => {
      const first = await open((await addDocument()).id);
      const second = await open((await addDocument()).id);
      const doc = await addDocument({ state: 'SETTLED' });
      const other = await addDocument({ state: 'REGISTERED' });

      clock = new Date('2026-10-02T10:00:00Z');
      const inserted = (await ok(handler, INSERT, { c: first.caseFile.id, d: doc.id })).insertIntoCaseFile;
      clock = new Date('2026-10-03T10:00:00Z');
      await ok(handler, INSERT, { c: first.caseFile.id, d: other.id });
      const now = (await ok(handler, GET, { id: first.caseFile.id })).caseFile;
      expect(now.documents.map((d: any) => d.id)).toEqual([first.caseFile.initiatingDocument.id, doc.id, other.id]);

      // The insertion is logged on the document and on the case file; the payload names the case file's event.
      expect((await eventsOf(doc.id)).map((e) => [e.eventType, e.objectType])).toEqual([
        ['VlozeniDoSpisu', 'Dokument'],
      ]);
      const caseEvents = await eventsOf(first.caseFile.id);
      expect(caseEvents.map((e) => e.eventType)).toEqual(['Zalozeni', 'VlozeniDoSpisu', 'VlozeniDoSpisu']);
      expect(caseEvents[1].id).toBe(inserted.auditEventId);
      expect(caseEvents[1].changes).toContainEqual({ name: 'documentId', old: null, new: doc.id });

      await refused(handler, INSERT, { c: first.caseFile.id, d: doc.id }, 'CONFLICT', /already in case file/);
      await refused(handler, INSERT, { c: second.caseFile.id, d: doc.id }, 'CONFLICT', /another case file/);
      await refused(handler, INSERT, { c: second.caseFile.id, d: first.caseFile.initiatingDocument.id }, 'CONFLICT');

      const removed = (await ok(handler, REMOVE, { c: first.caseFile.id, d: doc.id })).removeFromCaseFile;
      expect(removed.caseFile.documents.map((d: any) => d.id)).toEqual([
        first.caseFile.initiatingDocument.id,
        other.id,
      ]);
      const row = await em().findOneOrFail(Document, { id: doc.id });
      expect([row.caseFileId, row.caseFileInsertedAt]).toEqual([null, null]);
      expect((await eventsOf(doc.id)).map((e) => e.eventType)).toEqual(['VlozeniDoSpisu', 'VyjmutiZeSpisu']);
      const afterRemoval = await eventsOf(first.caseFile.id);
      expect(afterRemoval.at(-1)).toMatchObject({
        eventType: 'VyjmutiZeSpisu',
        objectType: 'Spis',
        id: removed.auditEventId,
      });

      // Out again, it may go into another case file.
      await ok(handler, INSERT, { c: second.caseFile.id, d: doc.id });
    });

    it('lets only one of two concurrent insertions of a document succeed', async () => {
      const cases = [await open((await addDocument()).id), await open((await addDocument()).id)];
      for (let round = 0; round < 3; round++) {
        const doc = await addDocument();
        const results = await Promise.all(cases.map((c) => t.run(handler, INSERT, { c: c.caseFile.id, d: doc.id })));
        expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
        const winner = cases[results.findIndex((r) => !r.errors)].caseFile.id;
        expect((await em().findOneOrFail(Document, { id: doc.id })).caseFileId).toBe(winner);
        expect((await eventsOf(doc.id)).map((e) => e.eventType)).toEqual(['VlozeniDoSpisu']);
      }
    });

    it('refuses to take out the initiating document, or a document that is not in the case file', async () => {
      const { caseFile } = await open((await addDocument()).id);
      await refused(handler, REMOVE, { c: caseFile.id, d: caseFile.initiatingDocument.id }, 'CONFLICT', /initiated/);
      const outside = await addDocument();
      await refused(handler, REMOVE, { c: caseFile.id, d: outside.id }, 'CONFLICT', /not in case file/);
      const invisible = await addDocument({ handlerId: colleague.userId, orgUnitId: OTHER_UNIT });
      await refused(handler, REMOVE, { c: caseFile.id, d: invisible.id }, 'NOT_FOUND');
    });

    it.each(['DRAFT', 'CANCELLED', 'CLOSED'] as DocumentState[])('refuses to put in a %s document', async (state) => {
      const { caseFile } = await open((await addDocument()).id);
      const doc = await addDocument({ state });
      await refused(handler, INSERT, { c: caseFile.id, d: doc.id }, 'CONFLICT', new RegExp(state));
    });

    it('needs both the case file and the document to be visible; other municipalities’ ids are NOT_FOUND', async () => {
      const { caseFile } = await open((await addDocument()).id);
      const colleagues = await addDocument({ handlerId: colleague.userId, orgUnitId: OTHER_UNIT });
      await refused(handler, INSERT, { c: caseFile.id, d: colleagues.id }, 'NOT_FOUND');
      await refused(colleague, INSERT, { c: caseFile.id, d: colleagues.id }, 'NOT_FOUND');
      await refused(otherHead, INSERT, { c: caseFile.id, d: colleagues.id }, 'NOT_FOUND');
      const adamovs = await addDocument({ municipalityId: ADAMOV.id, handlerId: adamovHandler.userId });
      await refused(handler, INSERT, { c: caseFile.id, d: adamovs.id }, 'NOT_FOUND');
      await refused(adamovHandler, INSERT, { c: caseFile.id, d: adamovs.id }, 'NOT_FOUND');
      // The unit head of the case file's unit and the records manager work with it.
      await ok(unitHead, INSERT, { c: caseFile.id, d: (await addDocument({ handlerId: null })).id });
      await ok(manager, INSERT, { c: caseFile.id, d: colleagues.id });
      await refused(records, INSERT, { c: caseFile.id, d: (await addDocument()).id }, 'FORBIDDEN');
    });

    it('refuses changes to a closed case file', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id, { filingPlanNodeId: node.s5.id });
      const inside = await addDocument({ state: 'SETTLED' });
      await ok(handler, INSERT, { c: caseFile.id, d: inside.id });
      await ok(handler, CLOSE, { id: caseFile.id });
      await refused(handler, INSERT, { c: caseFile.id, d: (await addDocument()).id }, 'CONFLICT', /CLOSED/);
      await refused(handler, REMOVE, { c: caseFile.id, d: inside.id }, 'CONFLICT', /CLOSED/);
    });
  });

  describe('closing', () => {
    it('is refused while a document is not settled, naming it, and writes nothing', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id, { filingPlanNodeId: node.s5.id });
      const pending = await addDocument({ state: 'IN_PROGRESS', referenceNumber: 'MBK 777/2026' });
      const pending2 = await addDocument({ state: 'ASSIGNED', referenceNumber: 'MBK 778/2026' });
      await ok(handler, INSERT, { c: caseFile.id, d: pending.id });
      await ok(handler, INSERT, { c: caseFile.id, d: pending2.id });
      const error = await refused(handler, CLOSE, { id: caseFile.id }, 'CONFLICT', /not every document is settled/);
      // Exactly the unsettled ones: not the settled initiating document.
      expect(/\(([^)]*)\)$/.exec(error.message)?.[1].split(', ').sort()).toEqual(['MBK 777/2026', 'MBK 778/2026']);
    });

    it('is refused while the case file is unclassified, classified without a schedule, or untitled', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id);
      await refused(handler, CLOSE, { id: caseFile.id }, 'CONFLICT', /not classified/);
      // Rows as an older version or a direct import might have left them.
      await em().nativeUpdate(CaseFile, { id: caseFile.id }, { filingPlanNodeId: node.inner.id });
      await refused(handler, CLOSE, { id: caseFile.id }, 'CONFLICT', /retention schedule/);
      await em().nativeUpdate(CaseFile, { id: caseFile.id }, { filingPlanNodeId: node.s5.id, title: '' });
      await refused(handler, CLOSE, { id: caseFile.id }, 'CONFLICT', /title/);
      await em().nativeUpdate(CaseFile, { id: caseFile.id }, { title: 'Spis' });
      await ok(handler, CLOSE, { id: caseFile.id });
    });

    it('closes the case file with its documents and computes retention over both (domain.md §5.3)', async () => {
      // Case file S/5 and a document A/10 (delivered 2025): the longest period from the closure year, code A.
      const initiating = await addDocument({
        state: 'SETTLED',
        nodeId: node.s5.id,
        deliveredAt: new Date('2026-02-01T09:00:00Z'),
      });
      const { caseFile } = await open(initiating.id, { filingPlanNodeId: node.s5.id });
      const older = await addDocument({
        state: 'SETTLED',
        nodeId: node.a10.id,
        deliveredAt: new Date('2025-05-01T09:00:00Z'),
        settledOn: '2026-01-10',
      });
      const cancelled = await addDocument({ state: 'CANCELLED' });
      clock = new Date('2026-10-02T10:00:00Z');
      await ok(handler, INSERT, { c: caseFile.id, d: older.id });
      // Cancelled after it was put in (a registered document can be cancelled): ignored by closure and retention.
      await em().nativeUpdate(
        Document,
        { id: cancelled.id },
        { caseFileId: caseFile.id, caseFileInsertedAt: new Date('2026-10-03T10:00:00Z') },
      );

      clock = new Date('2026-12-31T23:30:00Z'); // already 1 January 2027 in Prague
      const closed = (await ok(handler, CLOSE, { id: caseFile.id })).closeCaseFile;
      expect(closed.caseFile).toMatchObject({
        state: 'CLOSED',
        closedAt: clock.toISOString(),
        closedBy: { id: handler.userId },
        disposalCode: 'A',
        retentionYears: 10,
        // closed 2027 (Prague) + 1 + the longest period 10 = 2038 (the document alone: 2025 + 1 + 10 = 2036)
        disposalYear: 2038,
      });
      expect(closed.caseFile.documents).toEqual([
        { id: initiating.id, state: 'CLOSED', closedAt: clock.toISOString() },
        { id: older.id, state: 'CLOSED', closedAt: clock.toISOString() },
        { id: cancelled.id, state: 'CANCELLED', closedAt: null },
      ]);
      const stored = await em().findOneOrFail(CaseFile, { id: caseFile.id });
      expect(stored).toMatchObject({
        closedOn: '2027-01-01',
        disposalCode: 'A',
        retentionYears: 10,
        disposalYear: 2038,
        closedById: handler.userId,
      });

      const caseEvents = await eventsOf(caseFile.id);
      expect(caseEvents.at(-1)).toMatchObject({ eventType: 'Uzavreni', objectType: 'Spis', id: closed.auditEventId });
      expect(caseEvents.at(-1)!.changes).toEqual(
        expect.arrayContaining([
          { name: 'state', old: 'OPEN', new: 'CLOSED' },
          { name: 'closedOn', old: null, new: '2027-01-01' },
          { name: 'disposalCode', old: 'A', new: 'A' },
          { name: 'disposalYear', old: null, new: '2038' },
        ]),
      );
      for (const d of [initiating, older])
        expect((await eventsOf(d.id)).at(-1)).toMatchObject({ eventType: 'Uzavreni', objectType: 'Dokument' });
      expect((await eventsOf(cancelled.id)).map((e) => e.eventType)).toEqual([]);

      await refused(handler, CLOSE, { id: caseFile.id }, 'CONFLICT', /CLOSED/);
    });

    it('gives the case file its own year when its documents count for less', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED', nodeId: node.s5.id })).id, {
        filingPlanNodeId: node.a10.id,
      });
      const closed = (await ok(handler, CLOSE, { id: caseFile.id })).closeCaseFile.caseFile;
      // own: 2026 + 1 + 10 = 2037 beats the document's 2026 + 1 + 5
      expect(closed).toMatchObject({ disposalCode: 'A', retentionYears: 10, disposalYear: 2037 });
    });

    it('is refused to those who cannot see the case file, and to other roles', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id, { filingPlanNodeId: node.s5.id });
      await refused(colleague, CLOSE, { id: caseFile.id }, 'NOT_FOUND');
      await refused(adamovHandler, CLOSE, { id: caseFile.id }, 'NOT_FOUND');
      await refused(records, CLOSE, { id: caseFile.id }, 'FORBIDDEN');
      await refused(handler, CLOSE, { id: uid() }, 'NOT_FOUND');
      // The unit head of its unit may close it.
      await ok(unitHead, CLOSE, { id: caseFile.id });
    });
  });

  describe('reopening', () => {
    it('returns its documents to SETTLED and forgets the closure and the disposal year', async () => {
      const initiating = await addDocument({ state: 'SETTLED', nodeId: node.s5.id });
      const { caseFile } = await open(initiating.id, { filingPlanNodeId: node.s5.id });
      const cancelled = await addDocument({ state: 'CANCELLED' });
      await em().nativeUpdate(
        Document,
        { id: cancelled.id },
        { caseFileId: caseFile.id, caseFileInsertedAt: new Date('2026-10-03T10:00:00Z') },
      );
      expect((await ok(handler, CLOSE, { id: caseFile.id })).closeCaseFile.caseFile.disposalYear).toBe(2032);

      await refused(handler, REOPEN, { id: caseFile.id, reason: ' ' }, 'BAD_USER_INPUT');
      await refused(handler, REOPEN, { id: caseFile.id, reason: 'x'.repeat(2001) }, 'BAD_USER_INPUT');
      await refused(colleague, REOPEN, { id: caseFile.id, reason: 'Doplnění' }, 'NOT_FOUND');
      await refused(clerk, REOPEN, { id: caseFile.id, reason: 'Doplnění' }, 'FORBIDDEN');

      const reopened = (await ok(handler, REOPEN, { id: caseFile.id, reason: 'Doplnění podkladů' })).reopenCaseFile;
      expect(reopened.caseFile).toMatchObject({
        state: 'OPEN',
        closedAt: null,
        closedBy: null,
        disposalCode: 'S',
        retentionYears: 5,
        disposalYear: null,
      });
      expect(reopened.caseFile.documents).toEqual([
        { id: initiating.id, state: 'SETTLED', closedAt: null },
        { id: cancelled.id, state: 'CANCELLED', closedAt: null },
      ]);
      expect(await em().findOneOrFail(CaseFile, { id: caseFile.id })).toMatchObject({
        closedOn: null,
        closedAt: null,
        closedById: null,
        disposalYear: null,
      });
      const last = (await eventsOf(caseFile.id)).at(-1)!;
      expect(last).toMatchObject({
        eventType: 'Otevreni',
        objectType: 'Spis',
        id: reopened.auditEventId,
        description: 'Doplnění podkladů',
      });
      expect(last.changes).toEqual(
        expect.arrayContaining([
          { name: 'state', old: 'CLOSED', new: 'OPEN' },
          { name: 'disposalYear', old: '2032', new: null },
        ]),
      );
      expect((await eventsOf(initiating.id)).map((e) => e.eventType)).toEqual([
        'VlozeniDoSpisu',
        'Uzavreni',
        'Otevreni',
      ]);
      expect((await eventsOf(cancelled.id)).map((e) => e.eventType)).toEqual([]);

      await refused(handler, REOPEN, { id: caseFile.id, reason: 'Znovu' }, 'CONFLICT', /OPEN/);
      // Open again, it takes documents and can be closed again.
      await ok(handler, INSERT, { c: caseFile.id, d: (await addDocument({ state: 'SETTLED' })).id });
      expect((await ok(handler, CLOSE, { id: caseFile.id })).closeCaseFile.caseFile.state).toBe('CLOSED');
    });
  });

  describe('external trigger event', () => {
    it('counts the retention of a closed case file from the entered date, and keeps it through reopening', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id, { filingPlanNodeId: node.ext.id });
      const on = (occurredOn: string) => ({ id: caseFile.id, on: occurredOn });
      await refused(handler, TRIGGER, on('2026-09-30'), 'CONFLICT', /closed/);
      const closed = (await ok(handler, CLOSE, { id: caseFile.id })).closeCaseFile.caseFile;
      expect(closed).toMatchObject({ state: 'CLOSED', disposalCode: 'S', retentionYears: 5, disposalYear: null });

      clock = new Date('2029-01-15T10:00:00Z');
      for (const bad of ['2028-02-30', '28-06-30', '2028-6-30', 'yesterday', '2029-01-16']) {
        expect((await refused(handler, TRIGGER, on(bad), 'BAD_USER_INPUT')).extensions?.field).toBe('occurredOn');
      }
      await refused(clerk, TRIGGER, on('2028-06-30'), 'FORBIDDEN');
      await refused(adamovHandler, TRIGGER, on('2028-06-30'), 'NOT_FOUND');

      // The records office, which is reminded to check external triggers, enters the date.
      const entered = (await ok(records, TRIGGER, on('2028-06-30'))).recordCaseFileTriggerEvent;
      expect(entered.caseFile).toMatchObject({ triggerEventOn: '2028-06-30', disposalYear: 2034 });
      const last = (await eventsOf(caseFile.id)).at(-1)!;
      expect(last).toMatchObject({ eventType: 'Uprava', id: entered.auditEventId });
      expect(last.changes).toEqual([
        { name: 'triggerEventOn', old: null, new: '2028-06-30' },
        { name: 'disposalYear', old: null, new: '2034' },
      ]);
      // Today is allowed; the same date again is not a change.
      await refused(handler, TRIGGER, on('2028-06-30'), 'CONFLICT');
      expect((await ok(handler, TRIGGER, on('2029-01-15'))).recordCaseFileTriggerEvent.caseFile.disposalYear).toBe(
        2035,
      );

      const reopened = (await ok(handler, REOPEN, { id: caseFile.id, reason: 'Oprava' })).reopenCaseFile.caseFile;
      expect(reopened).toMatchObject({ state: 'OPEN', triggerEventOn: '2029-01-15', disposalYear: 2035 });
    });

    it('is refused when the schedule starts from closure', async () => {
      const { caseFile } = await open((await addDocument({ state: 'SETTLED' })).id, { filingPlanNodeId: node.s5.id });
      await ok(handler, CLOSE, { id: caseFile.id });
      await refused(handler, TRIGGER, { id: caseFile.id, on: '2026-09-30' }, 'CONFLICT', /external/);
    });
  });

  describe('queries', () => {
    it('caseFile(id): for those who may see it; null for others and other municipalities', async () => {
      const { caseFile } = await open((await addDocument()).id);
      for (const caller of [handler, unitHead, manager, records, auditor, clerk]) {
        expect((await ok(caller, GET, { id: caseFile.id })).caseFile?.id).toBe(caseFile.id);
      }
      for (const caller of [colleague, otherHead, adamovHandler, adamovRecords]) {
        expect((await ok(caller, GET, { id: caseFile.id })).caseFile).toBeNull();
      }
      expect((await ok(handler, GET, { id: uid() })).caseFile).toBeNull();
      expect((await t.run(platformAdmin, GET, { id: caseFile.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('caseFile.documents lists every document of a visible case file, also those the caller could not open alone', async () => {
      const { caseFile } = await open((await addDocument()).id);
      const colleagues = await addDocument({ handlerId: colleague.userId, orgUnitId: OTHER_UNIT });
      await ok(manager, INSERT, { c: caseFile.id, d: colleagues.id });
      expect((await ok(handler, GET, { id: caseFile.id })).caseFile.documents.map((d: any) => d.id)).toContain(
        colleagues.id,
      );
    });

    it('caseFiles: newest first with keyset paging, filtered by state and visibility', async () => {
      const me = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.lister', uid(), null);
      const ids: string[] = [];
      const times = [
        '2026-01-05T10:00:00Z',
        '2026-01-06T10:00:00Z',
        '2026-01-06T10:00:00Z',
        '2026-01-06T10:00:00Z',
        '2026-01-07T10:00:00Z',
      ];
      for (const time of times) {
        clock = new Date(time);
        const doc = await addDocument({ state: 'SETTLED', handlerId: me.userId, orgUnitId: null });
        ids.push((await open(doc.id, { filingPlanNodeId: node.s5.id }, me)).caseFile.id);
      }
      clock = new Date('2026-02-01T10:00:00Z');
      await ok(me, CLOSE, { id: ids[1] });
      // Someone else's case file in between: not the lister's to see.
      clock = new Date('2026-01-06T10:00:00Z');
      await open((await addDocument()).id);

      const expected = ids
        .map((id, i) => ({ id, at: times[i] }))
        .sort((a, b) => b.at.localeCompare(a.at) || (a.id < b.id ? 1 : -1))
        .map((x) => x.id);
      for (const first of [2, 1, 5]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 10; page++) {
          const c: any = (await ok(me, LIST, { first, after })).caseFiles;
          expect(c.totalCount).toBe(5);
          seen.push(...c.edges.map((e: any) => e.node.id));
          expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
          if (!c.pageInfo.hasNextPage) break;
          after = c.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
      }
      const closed = (await ok(me, LIST, { state: 'CLOSED' })).caseFiles;
      expect([closed.totalCount, closed.edges.map((e: any) => e.node)]).toEqual([1, [{ id: ids[1], state: 'CLOSED' }]]);
      expect((await ok(me, LIST, { state: 'OPEN' })).caseFiles.totalCount).toBe(4);
      // Read-all roles see them all, other municipalities none of them.
      expect((await ok(records, LIST, { first: 100 })).caseFiles.edges.map((e: any) => e.node.id)).toEqual(
        expect.arrayContaining(ids),
      );
      expect((await ok(adamovRecords, LIST, { first: 100 })).caseFiles.edges.map((e: any) => e.node.id)).not.toEqual(
        expect.arrayContaining([ids[0]]),
      );

      for (const args of [
        { first: 0 },
        { first: 101 },
        { after: 'not-a-cursor' },
        { after: Buffer.from('2026-13-01T00:00:00.000Z|x').toString('base64url') },
      ]) {
        expect((await t.run(me, LIST, args)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('_entities resolves visible case files of the caller’s municipality only', async () => {
      const { caseFile } = await open((await addDocument()).id, { title: 'Přes federaci' });
      const r = [
        { __typename: 'CaseFile', id: caseFile.id },
        { __typename: 'CaseFile', id: uid() },
      ];
      expect((await ok(handler, ENTITIES, { r }))._entities).toEqual([
        { id: caseFile.id, referenceNumber: caseFile.referenceNumber, title: 'Přes federaci' },
        null,
      ]);
      expect((await ok(colleague, ENTITIES, { r }))._entities).toEqual([null, null]);
      expect((await ok(adamovRecords, ENTITIES, { r }))._entities).toEqual([null, null]);
      expect((await ok(platformAdmin, ENTITIES, { r }))._entities).toEqual([null, null]);
    });
  });

  describe('disposal forecast', () => {
    // Everything here happens in 2041–2052, years no other test of this suite reaches.
    let due2047: { caseFile: string; standaloneA: string; standaloneS2: string; standaloneS10: string };
    let insideCaseFile: string;
    let laterCaseFile: string;

    beforeAll(async () => {
      clock = new Date('2041-03-01T10:00:00Z');
      // Closed case file S/5 closed in 2041 → 2047; its initiating document (S/5, settled 2041) would be 2047
      // alone too, but is disposed of with its case file.
      const initiating = await addDocument({
        state: 'SETTLED',
        nodeId: node.s5.id,
        settledOn: '2041-02-01',
        deliveredAt: new Date('2041-01-10T10:00:00Z'),
        referenceNumber: 'MBK 5/2041',
      });
      insideCaseFile = initiating.id;
      const cf = await open(initiating.id, { title: 'Spis k vyřazení', filingPlanNodeId: node.s5.id });
      await ok(handler, CLOSE, { id: cf.caseFile.id });
      // Another one, A/10 → 2052.
      const later = await open(
        (
          await addDocument({
            state: 'SETTLED',
            settledOn: '2041-02-01',
            deliveredAt: new Date('2041-01-10T10:00:00Z'),
          })
        ).id,
        { filingPlanNodeId: node.a10.id },
      );
      await ok(handler, CLOSE, { id: later.caseFile.id });
      laterCaseFile = later.caseFile.id;
      // An open case file whose documents are due in 2047 is not listed, and neither are they.
      const stillOpen = await open(
        (await addDocument({ state: 'SETTLED', nodeId: node.s5.id, settledOn: '2041-02-01' })).id,
        { filingPlanNodeId: node.s5.id },
      );
      expect(stillOpen.caseFile.state).toBe('OPEN');
      // Standalone documents: settled S/5 in 2041 → 2047 (two, ordered by number), closed A/10 settled 2036 → 2047.
      const s10 = await addDocument({
        state: 'SETTLED',
        nodeId: node.s5.id,
        settledOn: '2041-05-01',
        referenceNumber: 'MBK 10/2041',
      });
      const s2 = await addDocument({
        state: 'SETTLED',
        nodeId: node.s5.id,
        settledOn: '2041-05-01',
        referenceNumber: 'MBK 2/2041',
      });
      const a = await addDocument({
        state: 'CLOSED',
        nodeId: node.a10.id,
        settledOn: '2036-11-11',
        referenceNumber: 'MBK 99/2036',
      });
      // Not listed: unsettled (a fixed year would be possible, but it is not due while being handled), cancelled,
      // and another municipality's.
      const inProgress = await addDocument({ state: 'IN_PROGRESS', nodeId: node.s5.id });
      await em().nativeUpdate(
        Document,
        { id: inProgress.id },
        { disposalCode: 'S', retentionYears: 5, disposalYear: 2047 },
      );
      const cancelled = await addDocument({ state: 'CANCELLED', nodeId: node.s5.id });
      await em().nativeUpdate(
        Document,
        { id: cancelled.id },
        { disposalCode: 'S', retentionYears: 5, disposalYear: 2047 },
      );
      await addDocument({
        municipalityId: ADAMOV.id,
        state: 'SETTLED',
        nodeId: node.adamov.id,
        settledOn: '2041-05-01',
        handlerId: adamovHandler.userId,
      });
      due2047 = { caseFile: cf.caseFile.id, standaloneA: a.id, standaloneS2: s2.id, standaloneS10: s10.id };
    });

    it('lists what becomes due in a year, by full filing code and reference number', async () => {
      const entries = await forecast(records, 2047);
      expect(entries).toEqual([
        expect.objectContaining({
          caseFile: null,
          document: expect.objectContaining({ id: due2047.standaloneS2 }),
          referenceNumber: 'MBK 2/2041',
          fullFilingCode: '52.1',
          disposalCode: 'S',
          retentionYears: 5,
          disposalYear: 2047,
        }),
        {
          caseFile: { id: due2047.caseFile, title: 'Spis k vyřazení' },
          document: null,
          referenceNumber: 'MBK 5/2041',
          title: 'Spis k vyřazení',
          fullFilingCode: '52.1',
          disposalCode: 'S',
          retentionYears: 5,
          disposalYear: 2047,
        },
        expect.objectContaining({
          document: expect.objectContaining({ id: due2047.standaloneS10 }),
          referenceNumber: 'MBK 10/2041',
          fullFilingCode: '52.1',
        }),
        expect.objectContaining({
          document: expect.objectContaining({ id: due2047.standaloneA }),
          referenceNumber: 'MBK 99/2036',
          fullFilingCode: '101',
          disposalCode: 'A',
          retentionYears: 10,
          disposalYear: 2047,
        }),
      ]);
      expect(entries[0].title).toMatch(/^Podání \d+$/);
      expect(entries[0].title).toBe(entries[0].document.subject);
      expect(entries.map((e: any) => e.document?.id)).not.toContain(insideCaseFile);
      expect((await forecast(records, 2052)).map((e: any) => e.caseFile?.id)).toEqual([laterCaseFile]);
      for (const year of [2046, 2048]) expect(await forecast(records, year)).toEqual([]);
    });

    it('pages through a year in forecast order without skipping or repeating, also across equal keys', async () => {
      // Three standalone documents due in 2049 under one reference number (equal keys: the id decides), and one more.
      const same = [];
      for (let i = 0; i < 3; i++)
        same.push(
          await addDocument({
            state: 'SETTLED',
            nodeId: node.s5.id,
            settledOn: '2043-05-01',
            referenceNumber: 'MBK 7/2043',
          }),
        );
      const other = await addDocument({
        state: 'SETTLED',
        nodeId: node.s5.id,
        settledOn: '2043-05-01',
        referenceNumber: 'MBK 70/2043',
      });
      const ids = (entries: any[]) => entries.map((e) => e.caseFile?.id ?? e.document.id);
      expect(ids(await forecast(records, 2049))).toEqual([...same.map((d) => d.id).sort(), other.id]);

      for (const year of [2047, 2049]) {
        const all = await forecast(records, year);
        for (const first of [1, 2, 3]) {
          const seen: any[] = [];
          let after: string | null = null;
          for (let page = 0; page < 20; page++) {
            const c: any = (await ok(records, FORECAST, { year, first, after })).disposalForecast;
            expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
            seen.push(...c.edges.map((e: any) => e.node));
            if (!c.pageInfo.hasNextPage) break;
            expect(c.edges).toHaveLength(first);
            after = c.pageInfo.endCursor;
          }
          expect(seen).toEqual(all);
        }
        expect((await ok(records, FORECAST_COUNT, { year })).disposalForecast.totalCount).toBe(all.length);
      }

      const { endCursor } = (await ok(records, FORECAST, { year: 2047, first: 1 })).disposalForecast.pageInfo;
      for (const args of [
        { year: 2049, after: endCursor },
        { year: 2047, after: 'no cursor!' },
        { year: 2047, first: 0 },
        { year: 2047, first: 101 },
      ]) {
        const res = await t.run(records, FORECAST, args);
        expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('fills the forecast position of rows written before it was stored, at start (upgradeData)', async () => {
      const before = await forecast(records, 2047);
      const e = em();
      await e.nativeUpdate(Document, { disposalYear: 2047 }, { forecastKey: null });
      await e.nativeUpdate(CaseFile, { disposalYear: 2047 }, { forecastKey: null });
      const unkeyed = async () =>
        (await e.fork().count(Document, { disposalYear: 2047, forecastKey: null })) +
        (await e.fork().count(CaseFile, { disposalYear: 2047, forecastKey: null }));
      expect(await unkeyed()).toBeGreaterThanOrEqual(before.length);
      await clockedFiling.upgradeData!(t.orm);
      expect(await unkeyed()).toBe(0);
      expect(await forecast(records, 2047)).toEqual(before);
    });

    it('drops a case file from its year when it is reopened', async () => {
      clock = new Date('2041-03-01T10:00:00Z');
      const { caseFile } = await open((await addDocument({ state: 'SETTLED', settledOn: '2041-02-01' })).id, {
        filingPlanNodeId: node.s5.id,
      });
      await ok(handler, CLOSE, { id: caseFile.id });
      const ids = async () => (await forecast(manager, 2047)).map((e: any) => e.caseFile?.id ?? e.document.id);
      expect(await ids()).toContain(caseFile.id);
      await ok(handler, REOPEN, { id: caseFile.id, reason: 'Oprava' });
      expect(await ids()).not.toContain(caseFile.id);
    });

    it('is for the records office, records managers and auditors, within their municipality', async () => {
      for (const caller of [manager, auditor]) expect(await forecast(caller, 2052)).toHaveLength(1);
      expect(await forecast(adamovRecords, 2052)).toEqual([]);
      expect((await forecast(adamovRecords, 2047)).map((e: any) => e.fullFilingCode)).toEqual(['52.1']);
      for (const caller of [handler, unitHead, clerk, tenantAdmin, platformAdmin]) {
        expect((await t.run(caller, FORECAST, { year: 2047 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      for (const year of [1899, 3001]) {
        const res = await t.run(records, FORECAST, { year });
        expect([res.errors?.[0].extensions?.code, res.errors?.[0].extensions?.field]).toEqual([
          'BAD_USER_INPUT',
          'year',
        ]);
      }
      expect(await forecast(records, 1900)).toEqual([]);
      expect(await forecast(records, 3000)).toEqual([]);
    });

    it('costs the same number of statements for a long answer as for a short one', async () => {
      const knex = t.orm.em.getKnex();
      const count = async (year: number) => {
        let n = 0;
        const listener = () => n++;
        knex.on('query', listener);
        try {
          await ok(records, FORECAST, { year });
        } finally {
          knex.removeListener('query', listener);
        }
        return n;
      };
      const long = await count(2047);
      const short = await count(2052);
      expect(long).toBe(short);
      expect(long).toBeLessThanOrEqual(3);
    });
  });
});
