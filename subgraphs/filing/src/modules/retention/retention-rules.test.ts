// The retention rules the archive's validator recomputes (issue 10, item 1), case by case through the subgraph's
// schema on both databases: a case file's year from its closure and the longest period, V refused after 2026
// (ZAF obs66) also under legacy plans, a plan's validity where a node is used, calendar triggers computed, trigger
// dates entered by the records office, fixed disposal years, and the data upgrade that recomputes old rows.
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
import { CaseFile } from '../case-files/case-file.entity';
import { Document, type DocumentState } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { FilingPlan } from '../filing-plans/filing-plan.entity';
import { refreshDocumentRetention } from './apply';
import type { DisposalCode, TriggerKind } from './retention';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const UNIT = BLANSKO.orgUnits[1].id;
const uid = () => randomUUID();
const handler = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler', uid(), UNIT);
const records = testCaller(BLANSKO.id, ['RECORDS_OFFICER'], 'mbk.records', uid(), null);
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager', uid(), null);
const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK'], 'mbk.clerk', uid(), BLANSKO.orgUnits[0].id);

let clock = new Date('2026-10-01T10:00:00Z');
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({ ...filing.createContext(base), now: () => clock }),
};
/** Noon in Prague of a day. */
const on = (day: string) => new Date(`${day}T11:00:00Z`);

const FIGURES = 'disposalCode retentionYears triggerYear disposalYear';
const CF = `id state ${FIGURES}`;
const DOC = `id state triggerEventOn ${FIGURES}`;
const OPEN = `mutation($input: OpenCaseFileInput!) { openCaseFile(input: $input) { caseFile { ${CF} } } }`;
const UPDATE_CF = `mutation($id: ID!, $input: UpdateCaseFileInput!) { updateCaseFile(id: $id, input: $input) { caseFile { ${CF} } } }`;
const INSERT = `mutation($c: ID!, $d: ID!) { insertIntoCaseFile(caseFileId: $c, documentId: $d) { caseFile { ${CF} } } }`;
const CLOSE_CF = `mutation($id: ID!) { closeCaseFile(id: $id) { caseFile { ${CF} } } }`;
const SETTLE = `mutation($id: ID!, $input: SettleDocumentInput!) { settleDocument(documentId: $id, input: $input) { document { ${DOC} } } }`;
const CLOSE_DOC = `mutation($id: ID!) { closeDocument(documentId: $id) { document { ${DOC} } } }`;
const CLASSIFY = `mutation($id: ID!, $node: ID!) { classifyDocument(documentId: $id, filingPlanNodeId: $node) { document { ${DOC} } } }`;
const TRIGGER = `mutation($id: ID!, $on: String!) { recordDocumentTriggerEvent(documentId: $id, occurredOn: $on) { document { ${DOC} } } }`;
const FORECAST = `query($year: Int!) { disposalForecast(year: $year, first: 100) {
  edges { node { caseFile { id } document { id } ${FIGURES} } } } }`;

interface NodeSpec {
  code: string;
  disposalCode: DisposalCode;
  retentionYears?: number | null;
  fixedDisposalYear?: number | null;
  triggerKind?: TriggerKind;
  triggerEvent?: string;
}
type NodeKey =
  | 's5'
  | 's10'
  | 'a10'
  | 'a20'
  | 'cal5'
  | 'ext5'
  | 'ext10'
  | 'fixed2045'
  | 'fixed2050'
  | 'legacyV5'
  | 'legacyS5'
  | 'endedS5';

describe.each(testDatabaseKinds())('retention rules on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const node = {} as Record<NodeKey, FilingPlanNode>;
  let sequence = 0;
  const em = () => scopeToTenant(t.orm.em.fork(), BLANSKO.id);

  async function addPlan(
    plan: { legacy: boolean; validTo?: string | null },
    specs: NodeSpec[],
  ): Promise<FilingPlanNode[]> {
    const e = em();
    const p = e.create(FilingPlan, {
      id: uid(),
      municipalityId: BLANSKO.id,
      name: `Plán ${uid().slice(0, 6)}`,
      validFrom: '2000-01-01',
      validTo: plan.validTo ?? null,
      legacy: plan.legacy,
      separator: '.',
      createdAt: new Date(),
      createdById: null,
    });
    const nodes = specs.map((s) =>
      e.create(FilingPlanNode, {
        id: uid(),
        municipalityId: BLANSKO.id,
        planId: p.id,
        parentId: null,
        code: s.code,
        fullCode: s.code,
        name: `Skupina ${s.code}`,
        active: true,
        activeCodeKey: `${p.id}:${s.code}`,
        replacesId: null,
        replacedById: null,
        disposalCode: s.disposalCode,
        retentionYears: s.retentionYears ?? null,
        fixedDisposalYear: s.fixedDisposalYear ?? null,
        triggerKind: s.triggerKind ?? 'SETTLEMENT',
        triggerEvent: s.triggerEvent ?? 'vyřízení/uzavření',
        triggerCheckYears: null,
        createdAt: new Date(),
        deactivatedAt: null,
      }),
    );
    await e.flush();
    return nodes;
  }

  /** A received document of the handler in `state`, as the workflow would have left it. */
  async function addDocument(spec: {
    state: DocumentState;
    nodeId?: string | null;
    deliveredOn?: string;
    settledOn?: string | null;
  }): Promise<Document> {
    const e = em();
    const seq = ++sequence;
    const deliveredAt = on(spec.deliveredOn ?? '2026-03-02');
    const settled = spec.state === 'SETTLED' || spec.state === 'CLOSED';
    const d = e.create(Document, {
      id: uid(),
      municipalityId: BLANSKO.id,
      pid: `TST${uid().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      registerId: demoId('register', 'MBK:main'),
      referenceNumber: `MBK ${seq}/${deliveredAt.getUTCFullYear()}`,
      sequenceNumber: 10_000 + seq,
      year: deliveredAt.getUTCFullYear(),
      subject: `Podání ${seq}`,
      subjectFolded: `podani ${seq}`,
      origin: 'RECEIVED',
      deliveredAt,
      senderName: 'Jan Novák',
      senderAddress: null,
      senderDataBoxId: null,
      senderIco: null,
      senderReferenceNumber: null,
      registeredAt: deliveredAt,
      registeredById: clerk.userId,
      state: spec.state,
      createdAt: deliveredAt,
      createdById: clerk.userId,
      orgUnitId: UNIT,
      handlerId: handler.userId,
      assignedAt: deliveredAt,
      settlementMethod: settled ? 'ACKNOWLEDGED' : null,
      settledOn: settled ? (spec.settledOn ?? '2026-06-15') : null,
      settlementContent: null,
      settlementReason: null,
      settledById: settled ? handler.userId : null,
      settlementRecordedAt: settled ? deliveredAt : null,
      closedAt: spec.state === 'CLOSED' ? deliveredAt : null,
      cancelReason: null,
      cancelledAt: null,
      cancelledById: null,
      filingPlanNodeId: spec.nodeId ?? null,
      caseFileId: null,
      caseFileInsertedAt: null,
      triggerEventOn: null,
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
      forecastKey: null,
    });
    await refreshDocumentRetention(e, d);
    await e.flush();
    return d;
  }

  async function ok<T = any>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.run(caller, query, variables);
    if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
    return Object.values(res.data as object)[0] as T;
  }

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

  /** Refused with `code` and a message matching `message`, and nothing written. */
  async function refused(
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    message: RegExp,
  ) {
    const before = await everything();
    const res = await t.run(caller, query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors![0].message).toMatch(message);
    expect(await everything()).toEqual(before);
  }

  const forecastOf = async (year: number, id: string) =>
    ((await ok(records, FORECAST, { year })).edges as any[])
      .map((e) => e.node)
      .find((n) => (n.caseFile ?? n.document).id === id);

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true });
    [node.s5, node.s10, node.a10, node.a20, node.cal5, node.ext5, node.ext10, node.fixed2045, node.fixed2050] =
      await addPlan({ legacy: false }, [
        { code: '52.1', disposalCode: 'S', retentionYears: 5 },
        { code: '51.2', disposalCode: 'S', retentionYears: 10 },
        { code: '101', disposalCode: 'A', retentionYears: 10 },
        { code: '113', disposalCode: 'A', retentionYears: 20 },
        {
          code: '178',
          disposalCode: 'S',
          retentionYears: 5,
          triggerKind: 'CALENDAR_YEAR_END',
          triggerEvent: 'konec účetního období',
        },
        {
          code: '56.1',
          disposalCode: 'S',
          retentionYears: 5,
          triggerKind: 'EXTERNAL',
          triggerEvent: 'ukončení platnosti smlouvy',
        },
        { code: '256', disposalCode: 'S', retentionYears: 10, triggerKind: 'EXTERNAL', triggerEvent: 'ukončení nájmu' },
        { code: '99', disposalCode: 'A', fixedDisposalYear: 2045 },
        { code: '98', disposalCode: 'S', fixedDisposalYear: 2050 },
      ]);
    [node.legacyV5, node.legacyS5] = await addPlan({ legacy: true }, [
      { code: '616', disposalCode: 'V', retentionYears: 5 },
      { code: '620', disposalCode: 'S', retentionYears: 5 },
    ]);
    [node.endedS5] = await addPlan({ legacy: false, validTo: '2026-12-31' }, [
      { code: '280', disposalCode: 'S', retentionYears: 5 },
    ]);
  });
  afterAll(() => t?.dispose());
  beforeEach(() => {
    clock = new Date('2026-10-01T10:00:00Z');
  });

  describe('a case file: closure year + 1 + the longest period, strongest code, never before a document', () => {
    interface Row {
      caseFileNode: NodeKey;
      documents: { node: NodeKey | null; deliveredOn: string; settledOn: string; triggerOn?: string }[];
      closedOn: string;
      /** A document's external trigger date entered by the records office after the case file closed. */
      triggerAfterClose?: { document: number; on: string };
      expected: {
        disposalCode: DisposalCode;
        retentionYears: number | null;
        triggerYear: number | null;
        disposalYear: number;
      };
    }
    it.each<[string, Row]>([
      [
        'issue 10: closed 2027, an S/10 document from 2026 → 2038, "10 years, closed 2027"',
        {
          caseFileNode: 's5',
          documents: [{ node: 's10', deliveredOn: '2026-05-04', settledOn: '2026-11-30' }],
          closedOn: '2027-02-10',
          expected: { disposalCode: 'S', retentionYears: 10, triggerYear: 2027, disposalYear: 2038 },
        },
      ],
      [
        'the strongest code and the longest period of two documents',
        {
          caseFileNode: 's5',
          documents: [
            { node: 'a10', deliveredOn: '2025-05-01', settledOn: '2025-06-01' },
            { node: 'a20', deliveredOn: '2026-02-01', settledOn: '2026-03-01' },
          ],
          closedOn: '2026-10-01',
          expected: { disposalCode: 'A', retentionYears: 20, triggerYear: 2026, disposalYear: 2047 },
        },
      ],
      [
        'the case file alone',
        {
          caseFileNode: 'a10',
          documents: [{ node: null, deliveredOn: '2026-02-01', settledOn: '2026-03-01' }],
          closedOn: '2026-10-01',
          expected: { disposalCode: 'A', retentionYears: 10, triggerYear: 2026, disposalYear: 2037 },
        },
      ],
      [
        'a calendar-triggered document counts from its settlement year, the case file from closure',
        {
          caseFileNode: 's5',
          documents: [{ node: 'cal5', deliveredOn: '2026-02-01', settledOn: '2026-03-01' }],
          closedOn: '2027-01-20',
          expected: { disposalCode: 'S', retentionYears: 5, triggerYear: 2027, disposalYear: 2033 },
        },
      ],
      [
        'a document’s external trigger entered before closure counts, the longest period still from closure',
        {
          caseFileNode: 's10',
          documents: [{ node: 'ext5', deliveredOn: '2026-02-01', settledOn: '2026-03-01', triggerOn: '2026-09-30' }],
          closedOn: '2026-10-01',
          expected: { disposalCode: 'S', retentionYears: 10, triggerYear: 2026, disposalYear: 2037 },
        },
      ],
      [
        'a document’s external trigger entered after closure, later than the sum: it governs, with its own figures',
        {
          caseFileNode: 's5',
          documents: [{ node: 'ext10', deliveredOn: '2026-02-01', settledOn: '2026-03-01' }],
          closedOn: '2026-10-01',
          triggerAfterClose: { document: 0, on: '2028-06-30' },
          expected: { disposalCode: 'S', retentionYears: 10, triggerYear: 2028, disposalYear: 2039 },
        },
      ],
      [
        'a document with a fixed year beyond the sum governs',
        {
          caseFileNode: 's5',
          documents: [{ node: 'fixed2050', deliveredOn: '2026-02-01', settledOn: '2026-03-01' }],
          closedOn: '2026-10-01',
          expected: { disposalCode: 'S', retentionYears: null, triggerYear: null, disposalYear: 2050 },
        },
      ],
      [
        'the case file’s fixed year overrides the sum',
        {
          caseFileNode: 'fixed2045',
          documents: [{ node: 's10', deliveredOn: '2026-02-01', settledOn: '2026-03-01' }],
          closedOn: '2026-10-01',
          expected: { disposalCode: 'A', retentionYears: null, triggerYear: null, disposalYear: 2045 },
        },
      ],
    ])('%s', async (_, row) => {
      const docs = [];
      for (const d of row.documents) {
        clock = on(d.settledOn);
        const doc = await addDocument({
          state: 'SETTLED',
          nodeId: d.node ? node[d.node].id : null,
          deliveredOn: d.deliveredOn,
          settledOn: d.settledOn,
        });
        if (d.triggerOn) {
          clock = on(d.triggerOn);
          await ok(handler, TRIGGER, { id: doc.id, on: d.triggerOn });
        }
        docs.push(doc);
      }
      const cf = await ok(handler, OPEN, {
        input: { initiatingDocumentId: docs[0].id, title: 'Spis', filingPlanNodeId: node[row.caseFileNode].id },
      });
      for (const d of docs.slice(1)) await ok(handler, INSERT, { c: cf.caseFile.id, d: d.id });
      clock = on(row.closedOn);
      let closed = (await ok(handler, CLOSE_CF, { id: cf.caseFile.id })).caseFile;
      if (row.triggerAfterClose) {
        clock = on(row.triggerAfterClose.on);
        await ok(records, TRIGGER, { id: docs[row.triggerAfterClose.document].id, on: row.triggerAfterClose.on });
        closed = await ok(records, `query($id: ID!) { caseFile(id: $id) { ${CF} } }`, { id: closed.id });
      }
      expect(closed).toMatchObject({ state: 'CLOSED', ...row.expected });
      // The stored figures are what the forecast lists, in the computed year and no other.
      expect(await forecastOf(row.expected.disposalYear, closed.id)).toEqual({
        caseFile: { id: closed.id },
        document: null,
        ...row.expected,
      });
      expect(await forecastOf(row.expected.disposalYear - 1, closed.id)).toBeUndefined();
    });
  });

  describe('V is refused for anything settled or closed after 31 December 2026 (obs66), legacy plans included', () => {
    const V = /Disposal code V is not allowed .* after 2026-12-31 \(ZAF obs66\)/;

    it.each<[string, string, () => Promise<[Caller, string, Record<string, unknown>]>]>([
      [
        'settling on 1 January 2027',
        '2027-01-01',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS', nodeId: node.legacyV5.id });
          return [handler, SETTLE, { id: d.id, input: { method: 'ACKNOWLEDGED' } }];
        },
      ],
      [
        'closing a document settled in 2026',
        '2027-01-04',
        async () => {
          const d = await addDocument({ state: 'SETTLED', nodeId: node.legacyV5.id, settledOn: '2026-12-20' });
          return [handler, CLOSE_DOC, { id: d.id }];
        },
      ],
      [
        'closing a case file holding a V document',
        '2027-01-04',
        async () => {
          clock = on('2026-12-20');
          const d = await addDocument({ state: 'SETTLED', nodeId: node.legacyV5.id, settledOn: '2026-12-20' });
          const cf = await ok(handler, OPEN, {
            input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.legacyS5.id },
          });
          return [handler, CLOSE_CF, { id: cf.caseFile.id }];
        },
      ],
      [
        'closing a case file classified V in 2026',
        '2027-02-01',
        async () => {
          clock = on('2026-12-20');
          const d = await addDocument({ state: 'SETTLED', nodeId: node.legacyS5.id, settledOn: '2026-12-20' });
          const cf = await ok(handler, OPEN, {
            input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.legacyV5.id },
          });
          return [handler, CLOSE_CF, { id: cf.caseFile.id }];
        },
      ],
      [
        'classifying a document into V in 2027',
        '2027-01-04',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS' });
          return [handler, CLASSIFY, { id: d.id, node: node.legacyV5.id }];
        },
      ],
      [
        'opening a case file into V in 2027',
        '2027-01-04',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS' });
          return [
            handler,
            OPEN,
            { input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.legacyV5.id } },
          ];
        },
      ],
      [
        'reclassifying a case file into V in 2027',
        '2027-01-04',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS' });
          const cf = await ok(handler, OPEN, {
            input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.legacyS5.id },
          });
          return [handler, UPDATE_CF, { id: cf.caseFile.id, input: { filingPlanNodeId: node.legacyV5.id } }];
        },
      ],
    ])('CONFLICT: %s', async (_, day, setUp) => {
      const [caller, query, vars] = await setUp();
      clock = on(day);
      await refused(caller, query, vars, 'CONFLICT', V);
    });

    it.each<[string, string, string | undefined, number]>([
      ['settled on 31 December 2026', '2026-12-31', undefined, 2032],
      ['settled in 2027 with the settlement day 31 December 2026', '2027-01-05', '2026-12-31', 2032],
    ])('allowed: %s', async (_, today, settledOn, disposalYear) => {
      const d = await addDocument({ state: 'IN_PROGRESS', nodeId: node.legacyV5.id });
      clock = on(today);
      const settled = await ok(handler, SETTLE, { id: d.id, input: { method: 'ACKNOWLEDGED', settledOn } });
      expect(settled.document).toMatchObject({
        state: 'SETTLED',
        disposalCode: 'V',
        retentionYears: 5,
        triggerYear: 2026,
        disposalYear,
      });
    });
  });

  describe('a plan is valid where its node is used', () => {
    const INVALID = /Filing plan .* is not valid on 2027-0/;
    it.each<[string, () => Promise<[string, Record<string, unknown>]>]>([
      [
        'settling after the plan ended',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS', nodeId: node.endedS5.id });
          return [SETTLE, { id: d.id, input: { method: 'ACKNOWLEDGED' } }];
        },
      ],
      [
        'closing a document after the plan ended',
        async () => {
          const d = await addDocument({ state: 'SETTLED', nodeId: node.endedS5.id, settledOn: '2026-12-01' });
          return [CLOSE_DOC, { id: d.id }];
        },
      ],
      [
        'closing a case file after its plan ended',
        async () => {
          const d = await addDocument({ state: 'SETTLED', nodeId: node.s5.id, settledOn: '2026-12-01' });
          const cf = await ok(handler, OPEN, {
            input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.endedS5.id },
          });
          return [CLOSE_CF, { id: cf.caseFile.id }];
        },
      ],
      [
        'closing a case file whose document’s plan ended',
        async () => {
          const d = await addDocument({ state: 'SETTLED', nodeId: node.endedS5.id, settledOn: '2026-12-01' });
          const cf = await ok(handler, OPEN, {
            input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.s5.id },
          });
          return [CLOSE_CF, { id: cf.caseFile.id }];
        },
      ],
      [
        'classifying after the plan ended',
        async () => {
          const d = await addDocument({ state: 'IN_PROGRESS' });
          return [CLASSIFY, { id: d.id, node: node.endedS5.id }];
        },
      ],
    ])('CONFLICT: %s', async (_, setUp) => {
      clock = on('2026-12-01');
      const [query, vars] = await setUp();
      clock = on('2027-01-04');
      await refused(handler, query, vars, 'CONFLICT', INVALID);
    });
  });

  describe('triggers', () => {
    it('a calendar trigger (konec účetního období) gives the year at settlement; there is no date to enter', async () => {
      const d = await addDocument({ state: 'IN_PROGRESS', nodeId: node.cal5.id });
      clock = on('2026-06-10');
      const settled = await ok(handler, SETTLE, { id: d.id, input: { method: 'ACKNOWLEDGED' } });
      expect(settled.document).toMatchObject({
        disposalCode: 'S',
        retentionYears: 5,
        triggerYear: 2026,
        disposalYear: 2032,
        triggerEventOn: null,
      });
      await refused(records, TRIGGER, { id: d.id, on: '2026-06-10' }, 'CONFLICT', /not started by an external event/);
    });

    it.each<[string, Caller]>([
      ['the records office', records],
      ['a records manager', manager],
      ['the handler', handler],
    ])('%s enters the external trigger date of a document', async (_, caller) => {
      const d = await addDocument({ state: 'SETTLED', nodeId: node.ext10.id, settledOn: '2026-06-15' });
      expect(d.disposalYear).toBeNull();
      clock = on('2026-10-01');
      const recorded = await ok(caller, TRIGGER, { id: d.id, on: '2026-09-30' });
      expect(recorded.document).toMatchObject({
        triggerEventOn: '2026-09-30',
        retentionYears: 10,
        triggerYear: 2026,
        disposalYear: 2037,
      });
      const [event] = await em().find(AuditEvent, { objectId: d.id, eventType: 'Uprava' });
      expect(event.actorLogin).toBe(caller.login);
    });

    it('an intake clerk does not', async () => {
      const d = await addDocument({ state: 'SETTLED', nodeId: node.ext10.id, settledOn: '2026-06-15' });
      await refused(clerk, TRIGGER, { id: d.id, on: '2026-09-30' }, 'FORBIDDEN', /records office/);
    });

    it('a fixed disposal year (rok vyřazení) overrides the sum for a document', async () => {
      const d = await addDocument({ state: 'IN_PROGRESS', nodeId: node.fixed2050.id });
      const settled = await ok(handler, SETTLE, { id: d.id, input: { method: 'ACKNOWLEDGED' } });
      expect(settled.document).toMatchObject({
        disposalCode: 'S',
        retentionYears: null,
        triggerYear: null,
        disposalYear: 2050,
      });
    });
  });

  describe('the data upgrade', () => {
    it('recomputes case files and calendar-triggered documents stored the old way, once, with their events', async () => {
      // A case file as the old rule stored it (the document's year 2026 + 1 + 10 = 2037) ...
      clock = on('2026-11-30');
      const d = await addDocument({ state: 'SETTLED', nodeId: node.s10.id, settledOn: '2026-11-30' });
      const cf = (
        await ok(handler, OPEN, { input: { initiatingDocumentId: d.id, title: 'Spis', filingPlanNodeId: node.s5.id } })
      ).caseFile;
      clock = on('2027-02-10');
      await ok(handler, CLOSE_CF, { id: cf.id });
      // ... and a calendar node stored as EXTERNAL with a settled document waiting for a date that never comes.
      const [oldCalendar] = await addPlan({ legacy: false }, [
        {
          code: '119',
          disposalCode: 'S',
          retentionYears: 30,
          triggerKind: 'EXTERNAL',
          triggerEvent: 'konec kalendářního roku',
        },
      ]);
      const waiting = await addDocument({ state: 'SETTLED', nodeId: oldCalendar.id, settledOn: '2026-05-05' });
      expect(waiting.disposalYear).toBeNull();
      const e = em();
      await e.nativeUpdate(CaseFile, { id: cf.id }, { disposalYear: 2037 });
      const knex = t.orm.em.getKnex();
      await knex('sequence_counter').where({ name: 'upgrade:retention-2' }).delete();

      await clockedFiling.upgradeData!(t.orm);
      const after = em();
      expect(await after.findOneOrFail(CaseFile, { id: cf.id })).toMatchObject({
        disposalCode: 'S',
        retentionYears: 10,
        disposalYear: 2038,
      });
      expect(await after.findOneOrFail(FilingPlanNode, { id: oldCalendar.id })).toMatchObject({
        triggerKind: 'CALENDAR_YEAR_END',
      });
      expect(await after.findOneOrFail(Document, { id: waiting.id })).toMatchObject({
        disposalYear: 2057,
        forecastKey: expect.any(String),
      });
      // The same upgrade run also fills the SIP metadata of rows inserted here without it (its own events).
      const retentionFields = ['disposalCode', 'retentionYears', 'disposalYear', 'triggerKind'];
      const events = (
        await after.find(AuditEvent, { objectId: { $in: [cf.id, waiting.id, oldCalendar.id] }, actorLogin: 'system' })
      ).filter((ev) => ev.changes.some((c) => retentionFields.includes(c.name)));
      expect(events.map((ev) => [ev.objectType, ev.changes]).sort()).toEqual([
        ['Dokument', [{ name: 'disposalYear', old: null, new: '2057' }]],
        ['Spis', [{ name: 'disposalYear', old: '2037', new: '2038' }]],
        ['VecnaSkupina', [{ name: 'triggerKind', old: 'EXTERNAL', new: 'CALENDAR_YEAR_END' }]],
      ]);

      // Idempotent and cheap: the mark stops it, and even without the mark nothing changes a second time.
      const count = () => t.orm.em.fork().count(AuditEvent, {}, { filters: false });
      const before = await count();
      const statements: string[] = [];
      const listener = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', listener);
      try {
        await clockedFiling.upgradeData!(t.orm);
      } finally {
        knex.removeListener('query', listener);
      }
      expect(statements.filter((s) => /case_file|filing_plan_node/.test(s))).toEqual([]);
      await knex('sequence_counter').where({ name: 'upgrade:retention-2' }).delete();
      await clockedFiling.upgradeData!(t.orm);
      expect(await count()).toBe(before);
    });
  });
});
