import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  demoId,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';
import { findClassifiableNode } from './classification';
import { compareFullCodes } from './codes';
import { FilingPlanNode } from './filing-plan-node.entity';
import { FilingPlan } from './filing-plan.entity';

const [BLANSKO, ADAMOV, BORITOV, BRTOV, BUKOVINA, BUKOVINKA] = DEMO_MUNICIPALITIES;
const node = (m: { abbreviation: string }, fullCode: string) =>
  demoId('filing-plan-node', `${m.abbreviation}:${fullCode}`);
const planOf = (m: { abbreviation: string }) => demoId('filing-plan', m.abbreviation);
/** The same caller (same user id) every time for a municipality and role. */
const callerOf =
  (role: 'RECORDS_MANAGER' | 'CASE_HANDLER', suffix: string) => (m: { id: string; abbreviation: string }) =>
    testCaller(
      m.id,
      [role],
      `${m.abbreviation.toLowerCase()}.${suffix}`,
      demoId('user', `${m.abbreviation}.test-${suffix}`),
    );
const managerOf = callerOf('RECORDS_MANAGER', 'manager');
const handlerOf = callerOf('CASE_HANDLER', 'handler');

const SCHEDULE =
  'retentionSchedule { disposalCode retentionYears fixedDisposalYear triggerKind triggerEvent triggerCheckYears }';
const NODE = `id code fullCode name active used ${SCHEDULE} parent { id } plan { id } replaces { id } replacedBy { id }`;
const PLAN = 'id name validFrom validTo legacy separator createdAt';

const CREATE_PLAN = `mutation($input: CreateFilingPlanInput!) { createFilingPlan(input: $input) { ${PLAN} } }`;
const ADD_NODE = `mutation($input: AddFilingPlanNodeInput!) { addFilingPlanNode(input: $input) { ${NODE} } }`;
const UPDATE_NODE = `mutation($id: ID!, $input: ReviseFilingPlanNodeInput!) { updateFilingPlanNode(id: $id, input: $input) { ${NODE} } }`;
const REPLACE_NODE = `mutation($id: ID!, $input: ReviseFilingPlanNodeInput!) { replaceFilingPlanNode(id: $id, input: $input) { ${NODE} } }`;
const DEACTIVATE_NODE = `mutation($id: ID!) { deactivateFilingPlanNode(id: $id) { ${NODE} } }`;
const END_PLAN = `mutation($planId: ID!, $validTo: String!) { endFilingPlanValidity(planId: $planId, validTo: $validTo) { ${PLAN} } }`;
const PLAN_TREE = `query($id: ID!, $all: Boolean) { filingPlan(id: $id) { ${PLAN} nodes(includeInactive: $all) { ${NODE} } roots { fullCode } } }`;
const PLANS = `query($validOn: String) { filingPlans(validOn: $validOn) { id name validFrom validTo } }`;
const NODE_QUERY = `query($id: ID!) { filingPlanNode(id: $id) { ${NODE} children(includeInactive: true) { fullCode active } } }`;

describe.each(testDatabaseKinds())('filing plans on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(() => t.dispose());

  const scoped = (municipalityId: string) => scopeToTenant(t.orm.em.fork(), municipalityId);

  /** Rows of every municipality, bypassing the tenant filter: what a refused call must not have written. */
  async function written() {
    const em = t.orm.em.fork();
    return {
      plans: await em.count(FilingPlan, {}, { filters: false }),
      nodes: await em.count(FilingPlanNode, {}, { filters: false }),
      activeNodes: await em.count(FilingPlanNode, { active: true }, { filters: false }),
      auditEvents: await em.count(AuditEvent, {}, { filters: false }),
    };
  }

  async function ok<T = any>(
    caller: ReturnType<typeof testCaller>,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }

  /** Runs a call that must be refused with `code`, and checks that it wrote nothing. */
  async function refused(
    caller: ReturnType<typeof testCaller>,
    query: string,
    variables: Record<string, unknown>,
    code: string,
  ) {
    const before = await written();
    const res = await t.run(caller, query, variables);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(await written()).toEqual(before);
    return res.errors![0];
  }

  async function createPlan(m: typeof BLANSKO, input: Record<string, unknown>) {
    return (await ok(managerOf(m), CREATE_PLAN, { input })).createFilingPlan;
  }
  async function addNode(m: typeof BLANSKO, input: Record<string, unknown>) {
    return (await ok(managerOf(m), ADD_NODE, { input })).addFilingPlanNode;
  }

  /** Classifies directly in the database: a document (or case file) of the municipality pointing at the node. */
  async function useNode(m: typeof BLANSKO, nodeId: string, by: 'document' | 'caseFile') {
    const em = scoped(m.id);
    const documentId = randomUUID();
    em.create(Document, {
      id: documentId,
      municipalityId: m.id,
      pid: `${m.abbreviation}X${randomUUID().slice(0, 8)}`,
      registerId: demoId('register', `${m.abbreviation}:main`),
      subject: 'Classified for the test',
      subjectFolded: 'classified for the test',
      origin: 'OWN',
      state: 'DRAFT',
      filingPlanNodeId: by === 'document' ? nodeId : null,
    } as Document);
    if (by === 'caseFile') {
      em.create(CaseFile, {
        id: randomUUID(),
        municipalityId: m.id,
        referenceNumber: `${m.abbreviation} 1/2026`,
        title: 'Test case file',
        state: 'OPEN',
        initiatingDocumentId: documentId,
        filingPlanNodeId: nodeId,
        openedAt: new Date(),
        openedById: randomUUID(),
      } as CaseFile);
    }
    await em.flush();
  }

  describe('the seeded demo plan', () => {
    it('gives every demo municipality the §7.3 plan with deterministic ids, the creation of the plan and of each node logged, once', async () => {
      for (const m of DEMO_MUNICIPALITIES) {
        // A backup-only municipality keeps no records here: no plan.
        if (m.backupOnly) {
          expect(await scoped(m.id).count(FilingPlan, {})).toBe(0);
          continue;
        }
        const plans = await scoped(m.id).find(FilingPlan, {});
        expect(plans.map((p) => [p.id, p.name, p.validFrom, p.validTo, p.legacy, p.separator])).toEqual([
          [planOf(m), 'Spisový plán 2026', '2026-01-01', null, false, '.'],
        ]);
        expect(await scoped(m.id).count(FilingPlanNode, { planId: planOf(m) })).toBe(35);
        const events = await scoped(m.id).find(
          AuditEvent,
          { objectType: { $in: ['SpisovyPlan', 'VecnaSkupina'] } },
          { orderBy: { sequence: 'asc' } },
        );
        const nodes = await scoped(m.id).find(FilingPlanNode, { planId: planOf(m) });
        // The plan first, then each node (parents before children), all by the system.
        expect(events.map((e) => [e.eventType, e.objectType, e.objectId, e.actorId])).toEqual([
          ['Zalozeni', 'SpisovyPlan', planOf(m), null],
          ...nodes
            .sort((a, b) => compareFullCodes(a.fullCode, b.fullCode))
            .map((n) => ['Zalozeni', 'VecnaSkupina', n.id, null]),
        ]);
        expect(events[0].description).toBe('Demo data');
        expect(events[1].description).toBe('Demo data: 51 Starosta a místostarosta');
        expect(events[1].changes).toEqual(expect.arrayContaining([{ name: 'fullCode', old: null, new: '51' }]));
      }
      const before = await written();
      await filing.seedDemo!(t.orm);
      expect(await written()).toEqual(before);
    });

    it('builds the tree from the dotted codes, in reading order, with inner nodes and schedules', async () => {
      const { filingPlan } = await ok(handlerOf(BLANSKO), PLAN_TREE, { id: planOf(BLANSKO) });
      expect(filingPlan).toMatchObject({
        id: planOf(BLANSKO),
        name: 'Spisový plán 2026',
        legacy: false,
        separator: '.',
      });
      expect(filingPlan.nodes.map((n: any) => n.fullCode)).toEqual([
        '51',
        '51.1',
        '51.2',
        '52',
        '52.1',
        '52.3',
        '53',
        '53.1',
        '53.2',
        '54',
        '54.1',
        '54.4',
        '54.4.2',
        '55',
        '56',
        '56.1',
        '98',
        '99',
        '101',
        '103',
        '113',
        '118',
        '119',
        '176',
        '177',
        '178',
        '180',
        '254',
        '256',
        '280',
        '601',
        '611',
        '616',
        '620',
        '623',
      ]);
      expect(filingPlan.roots.map((n: any) => n.fullCode)).toEqual([
        '51',
        '52',
        '53',
        '54',
        '55',
        '56',
        '98',
        '99',
        '101',
        '103',
        '113',
        '118',
        '119',
        '176',
        '177',
        '178',
        '180',
        '254',
        '256',
        '280',
        '601',
        '611',
        '616',
        '620',
        '623',
      ]);
      const byCode = new Map<string, any>(filingPlan.nodes.map((n: any) => [n.fullCode, n]));
      for (const n of filingPlan.nodes) {
        expect(n.id).toBe(node(BLANSKO, n.fullCode));
        expect(n).toMatchObject({
          active: true,
          used: false,
          plan: { id: planOf(BLANSKO) },
          replaces: null,
          replacedBy: null,
        });
      }
      expect(byCode.get('54.4.2')).toMatchObject({
        code: '2',
        fullCode: '54.4.2',
        name: 'Metodické materiály – ostatní',
        parent: { id: node(BLANSKO, '54.4') },
        retentionSchedule: {
          disposalCode: 'S',
          retentionYears: 5,
          fixedDisposalYear: null,
          triggerKind: 'SETTLEMENT',
          triggerEvent: 'vyřízení/uzavření',
          triggerCheckYears: null,
        },
      });
      expect(byCode.get('54.4')).toMatchObject({
        code: '4',
        name: 'Metodické materiály',
        parent: { id: node(BLANSKO, '54') },
        retentionSchedule: null,
      });
      expect(byCode.get('54')).toMatchObject({
        code: '54',
        name: 'Řízení a kontrola',
        parent: null,
        retentionSchedule: null,
      });
      for (const inner of ['51', '52', '53', '54', '54.4', '56'])
        expect(byCode.get(inner).retentionSchedule).toBeNull();
      expect(byCode.get('51.1').retentionSchedule).toMatchObject({
        disposalCode: 'A',
        retentionYears: 10,
        triggerKind: 'SETTLEMENT',
      });
      expect(byCode.get('53.1').retentionSchedule).toEqual({
        disposalCode: 'A',
        retentionYears: 5,
        fixedDisposalYear: null,
        triggerKind: 'EXTERNAL',
        triggerEvent: 'ztráta platnosti',
        triggerCheckYears: 5,
      });
      expect(byCode.get('118').retentionSchedule).toMatchObject({
        disposalCode: 'S',
        retentionYears: 50,
        triggerKind: 'EXTERNAL',
        triggerEvent: 'ukončení pracovního poměru',
      });
      expect(byCode.get('623').retentionSchedule).toMatchObject({
        disposalCode: 'S',
        retentionYears: 10,
        triggerKind: 'EXTERNAL',
        triggerEvent: 'uzavření ověřovací knihy',
        triggerCheckYears: 5,
      });
      // The end of a calendar (or accounting) year is computed, not entered: no external event.
      expect(byCode.get('99').retentionSchedule).toMatchObject({
        disposalCode: 'A',
        retentionYears: 10,
        triggerKind: 'CALENDAR_YEAR_END',
        triggerEvent: 'konec kalendářního roku',
        triggerCheckYears: null,
      });
      expect(byCode.get('178').retentionSchedule).toMatchObject({
        disposalCode: 'S',
        retentionYears: 5,
        triggerKind: 'CALENDAR_YEAR_END',
        triggerEvent: 'konec účetního období',
      });
      // Post-96/2023 plan: no V anywhere; every leaf has a schedule.
      const leaves = filingPlan.nodes.filter((n: any) => n.retentionSchedule);
      expect(leaves).toHaveLength(29);
      expect(new Set(leaves.map((n: any) => n.retentionSchedule.disposalCode))).toEqual(new Set(['A', 'S']));

      const { filingPlanNode } = await ok(handlerOf(BLANSKO), NODE_QUERY, { id: node(BLANSKO, '54') });
      expect(filingPlanNode.children).toEqual([
        { fullCode: '54.1', active: true },
        { fullCode: '54.4', active: true },
      ]);
    });

    it('lets documents be classified into seeded leaves only (findClassifiableNode)', async () => {
      const em = scoped(BLANSKO.id);
      await expect(findClassifiableNode(em, node(BLANSKO, '616'), '2026-11-25')).resolves.toMatchObject({
        fullCode: '616',
      });
      await expect(findClassifiableNode(em, node(BLANSKO, '54.4'), '2026-11-25')).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      await expect(findClassifiableNode(em, node(BLANSKO, '616'), '2025-12-31')).rejects.toMatchObject({
        extensions: { code: 'CONFLICT' },
      });
      await expect(findClassifiableNode(scoped(ADAMOV.id), node(BLANSKO, '616'), '2026-11-25')).rejects.toMatchObject({
        extensions: { code: 'NOT_FOUND' },
      });
    });
  });

  describe('creating plans and nodes', () => {
    it('creates a plan and composes full codes with its separator, audited', async () => {
      const manager = managerOf(BORITOV);
      const plan = await createPlan(BORITOV, {
        name: '  Spisový plán – lomítka ',
        validFrom: '2027-01-01',
        separator: '/',
      });
      expect(plan).toMatchObject({
        name: 'Spisový plán – lomítka',
        validFrom: '2027-01-01',
        validTo: null,
        legacy: false,
        separator: '/',
      });

      const root = await addNode(BORITOV, { planId: plan.id, code: 'A1', name: 'Správa' });
      expect(root).toMatchObject({
        code: 'A1',
        fullCode: 'A1',
        parent: null,
        retentionSchedule: null,
        active: true,
        used: false,
      });
      const inner = await addNode(BORITOV, { planId: plan.id, parentId: root.id, code: '12', name: 'Porady' });
      expect(inner.fullCode).toBe('A1/12');
      const leaf = await addNode(BORITOV, {
        planId: plan.id,
        parentId: inner.id,
        code: '3',
        name: ' Zápisy z porad ',
        retentionSchedule: { disposalCode: 'A', retentionYears: 10 },
      });
      expect(leaf).toMatchObject({
        code: '3',
        fullCode: 'A1/12/3',
        name: 'Zápisy z porad',
        parent: { id: inner.id },
        plan: { id: plan.id },
        retentionSchedule: {
          disposalCode: 'A',
          retentionYears: 10,
          fixedDisposalYear: null,
          triggerKind: 'SETTLEMENT',
          triggerEvent: 'vyřízení/uzavření',
          triggerCheckYears: null,
        },
      });
      const external = await addNode(BORITOV, {
        planId: plan.id,
        parentId: inner.id,
        code: '4',
        name: 'Nájemní smlouvy',
        retentionSchedule: {
          disposalCode: 'S',
          fixedDisposalYear: 2040,
          triggerKind: 'EXTERNAL',
          triggerEvent: 'ukončení nájmu',
          triggerCheckYears: 3,
        },
      });
      expect(external.retentionSchedule).toEqual({
        disposalCode: 'S',
        retentionYears: null,
        fixedDisposalYear: 2040,
        triggerKind: 'EXTERNAL',
        triggerEvent: 'ukončení nájmu',
        triggerCheckYears: 3,
      });

      const [planEvent] = await scoped(BORITOV.id).find(AuditEvent, { objectId: plan.id });
      expect(planEvent).toMatchObject({ eventType: 'Zalozeni', objectType: 'SpisovyPlan', actorId: manager.userId });
      expect(planEvent.changes).toEqual(
        expect.arrayContaining([
          { name: 'separator', old: null, new: '/' },
          { name: 'validFrom', old: null, new: '2027-01-01' },
        ]),
      );
      const [leafEvent] = await scoped(BORITOV.id).find(AuditEvent, { objectId: leaf.id });
      expect(leafEvent).toMatchObject({ eventType: 'Zalozeni', objectType: 'VecnaSkupina', actorId: manager.userId });
      expect(leafEvent.changes).toEqual(
        expect.arrayContaining([
          { name: 'fullCode', old: null, new: 'A1/12/3' },
          { name: 'disposalCode', old: null, new: 'A' },
          { name: 'retentionYears', old: null, new: '10' },
          { name: 'triggerKind', old: null, new: 'SETTLEMENT' },
          { name: 'triggerEvent', old: null, new: 'vyřízení/uzavření' },
        ]),
      );

      // A node without a schedule is a leaf-to-be: it takes children.
      const child = await addNode(BORITOV, { planId: plan.id, parentId: root.id, code: '13', name: 'Zatím list' });
      expect(
        (await addNode(BORITOV, { planId: plan.id, parentId: child.id, code: '1', name: 'Pod listem' })).fullCode,
      ).toBe('A1/13/1');

      const tree = (await ok(manager, PLAN_TREE, { id: plan.id })).filingPlan;
      expect(tree.nodes.map((n: any) => n.fullCode)).toEqual(['A1', 'A1/12', 'A1/12/3', 'A1/12/4', 'A1/13', 'A1/13/1']);
      expect(tree.roots).toEqual([{ fullCode: 'A1' }]);
    });

    it('accepts V in a legacy plan and the separators space and hyphen', async () => {
      const legacy = await createPlan(BORITOV, {
        name: 'Starý plán',
        validFrom: '2015-01-01',
        validTo: '2025-12-31',
        legacy: true,
        separator: ' ',
      });
      expect(legacy).toMatchObject({ legacy: true, separator: ' ', validTo: '2025-12-31' });
      const root = await addNode(BORITOV, { planId: legacy.id, code: '51', name: 'Starosta' });
      const leaf = await addNode(BORITOV, {
        planId: legacy.id,
        parentId: root.id,
        code: '1',
        name: 'Dokumenty',
        retentionSchedule: { disposalCode: 'V', retentionYears: 10 },
      });
      expect(leaf).toMatchObject({ fullCode: '51 1', retentionSchedule: { disposalCode: 'V' } });
      const hyphen = await createPlan(BORITOV, { name: 'Pomlčky', validFrom: '2027-01-01', separator: '-' });
      const r = await addNode(BORITOV, { planId: hyphen.id, code: '1', name: 'Kořen' });
      expect((await addNode(BORITOV, { planId: hyphen.id, parentId: r.id, code: '2', name: 'Dítě' })).fullCode).toBe(
        '1-2',
      );
    });

    it('refuses invalid plans with BAD_USER_INPUT and writes nothing', async () => {
      const m = managerOf(BORITOV);
      for (const [input, field] of [
        [{ name: 'X', validFrom: '2026-02-30' }, 'validFrom'],
        [{ name: 'X', validFrom: '2026-1-01' }, 'validFrom'],
        [{ name: 'X', validFrom: '2026-01-01T00:00:00Z' }, 'validFrom'],
        [{ name: 'X', validFrom: '2026-01-01', validTo: '2025-13-01' }, 'validTo'],
        [{ name: 'X', validFrom: '2026-01-01', validTo: '2025-12-31' }, 'validTo'],
        [{ name: 'X', validFrom: '2026-01-01', separator: '_' }, 'separator'],
        [{ name: 'X', validFrom: '2026-01-01', separator: '' }, 'separator'],
        [{ name: '   ', validFrom: '2026-01-01' }, 'name'],
        [{ name: 'x'.repeat(201), validFrom: '2026-01-01' }, 'name'],
      ] as const) {
        const error = await refused(m, CREATE_PLAN, { input }, 'BAD_USER_INPUT');
        expect(error.extensions?.field).toBe(field);
      }
    });

    it('refuses invalid nodes and schedules and writes nothing', async () => {
      const m = managerOf(BORITOV);
      const plan = await createPlan(BORITOV, { name: 'Plán pro chyby', validFrom: '2027-01-01' });
      const root = await addNode(BORITOV, { planId: plan.id, code: '1', name: 'Kořen' });
      const leaf = await addNode(BORITOV, {
        planId: plan.id,
        parentId: root.id,
        code: '1',
        name: 'List',
        retentionSchedule: { disposalCode: 'S', retentionYears: 5 },
      });
      // A chain of 50-character codes: 5 levels are 254 characters, one more level makes at least 256.
      let deep = await addNode(BORITOV, { planId: plan.id, code: 'D'.repeat(50), name: 'Hluboko 1' });
      for (let i = 2; i <= 5; i++)
        deep = await addNode(BORITOV, {
          planId: plan.id,
          parentId: deep.id,
          code: String(i).repeat(50),
          name: `Hluboko ${i}`,
        });
      expect(deep.fullCode).toHaveLength(254);

      const add = (input: Record<string, unknown>) => ({
        input: { planId: plan.id, parentId: root.id, code: '9', name: 'Nový', ...input },
      });
      const S5 = { disposalCode: 'S', retentionYears: 5 };
      for (const [variables, field] of [
        [add({ retentionSchedule: { disposalCode: 'V', retentionYears: 5 } }), 'retentionSchedule.disposalCode'],
        [
          add({ retentionSchedule: { disposalCode: 'S', retentionYears: 5, fixedDisposalYear: 2040 } }),
          'retentionSchedule.fixedDisposalYear',
        ],
        [add({ retentionSchedule: { disposalCode: 'S' } }), 'retentionSchedule.retentionYears'],
        [add({ retentionSchedule: { disposalCode: 'S', retentionYears: 1000 } }), 'retentionSchedule.retentionYears'],
        [add({ retentionSchedule: { disposalCode: 'S', retentionYears: -1 } }), 'retentionSchedule.retentionYears'],
        [
          add({ retentionSchedule: { disposalCode: 'S', fixedDisposalYear: 1899 } }),
          'retentionSchedule.fixedDisposalYear',
        ],
        [
          add({ retentionSchedule: { disposalCode: 'S', retentionYears: 5, triggerKind: 'EXTERNAL' } }),
          'retentionSchedule.triggerEvent',
        ],
        [
          add({
            retentionSchedule: { disposalCode: 'S', retentionYears: 5, triggerKind: 'EXTERNAL', triggerEvent: '  ' },
          }),
          'retentionSchedule.triggerEvent',
        ],
        [add({ retentionSchedule: { ...S5, triggerCheckYears: 0 } }), 'retentionSchedule.triggerCheckYears'],
        [add({ retentionSchedule: { ...S5, triggerCheckYears: 101 } }), 'retentionSchedule.triggerCheckYears'],
        [add({ code: '9.1' }), 'code'],
        [add({ code: '9/1' }), 'code'],
        [add({ code: '9 1' }), 'code'],
        [add({ code: '' }), 'code'],
        [add({ code: '9_1' }), 'code'],
        [add({ code: '1'.repeat(51) }), 'code'],
        [add({ name: '' }), 'name'],
        [add({ name: 'n'.repeat(301) }), 'name'],
        [{ input: { planId: plan.id, parentId: deep.id, code: '6', name: 'Příliš dlouhý znak' } }, 'code'],
      ] as const) {
        const error = await refused(m, ADD_NODE, variables, 'BAD_USER_INPUT');
        expect(error.extensions?.field).toBe(field);
      }
      expect((await refused(m, ADD_NODE, add({ code: '9.1' }), 'BAD_USER_INPUT')).message).toMatch(/separator/);
      expect(
        (
          await refused(
            m,
            ADD_NODE,
            { input: { planId: plan.id, parentId: deep.id, code: '6', name: 'X' } },
            'BAD_USER_INPUT',
          )
        ).message,
      ).toMatch(/256/);
      const error = await refused(m, ADD_NODE, add({ parentId: leaf.id }), 'CONFLICT');
      expect(error.message).toMatch(/lowest-level node with a retention schedule/);
      expect((await refused(m, ADD_NODE, add({ code: '1' }), 'CONFLICT')).message).toMatch(
        /already has an active node 1\.1/,
      );
      await refused(m, ADD_NODE, { input: { planId: randomUUID(), code: '1', name: 'X' } }, 'NOT_FOUND');
      await refused(m, ADD_NODE, add({ parentId: randomUUID() }), 'NOT_FOUND');
      const other = await createPlan(BORITOV, { name: 'Jiný plán', validFrom: '2027-01-01' });
      expect(
        (
          await refused(
            m,
            ADD_NODE,
            { input: { planId: other.id, parentId: root.id, code: '1', name: 'X' } },
            'BAD_USER_INPUT',
          )
        ).extensions?.field,
      ).toBe('parentId');
      // Case and accents do not make another code.
      const letters = await addNode(BORITOV, { planId: plan.id, code: 'Č1', name: 'Písmena' });
      expect(letters.fullCode).toBe('Č1');
      await refused(m, ADD_NODE, { input: { planId: plan.id, code: 'c1', name: 'Jinak psané' } }, 'CONFLICT');
    });

    it('gives a full code to one of several concurrent requests; the others get CONFLICT', async () => {
      const plan = await createPlan(BORITOV, { name: 'Souběh', validFrom: '2027-01-01' });
      const before = await written();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.run(managerOf(BORITOV), ADD_NODE, { input: { planId: plan.id, code: '77', name: `Pokus ${i}` } }),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(
        Array(5).fill('CONFLICT'),
      );
      const after = await written();
      expect([after.nodes - before.nodes, after.auditEvents - before.auditEvents]).toEqual([1, 1]);
    });

    it('allows a full code of exactly 255 characters', async () => {
      const plan = await createPlan(BORITOV, { name: 'Dlouhé znaky', validFrom: '2027-01-01' });
      let parent = await addNode(BORITOV, { planId: plan.id, code: 'a'.repeat(50), name: '1' });
      for (let i = 0; i < 3; i++)
        parent = await addNode(BORITOV, {
          planId: plan.id,
          parentId: parent.id,
          code: 'b'.repeat(50),
          name: String(i),
        });
      parent = await addNode(BORITOV, { planId: plan.id, parentId: parent.id, code: 'c'.repeat(49), name: 'pre' });
      expect(parent.fullCode).toHaveLength(253);
      const exact = await addNode(BORITOV, { planId: plan.id, parentId: parent.id, code: '1', name: 'exact' });
      expect(exact.fullCode).toHaveLength(255);
      await refused(
        managerOf(BORITOV),
        ADD_NODE,
        { input: { planId: plan.id, parentId: parent.id, code: '12', name: 'X' } },
        'BAD_USER_INPUT',
      );
    });

    it('refuses maintenance to anyone but records managers, and platform admins altogether', async () => {
      const plan = planOf(BORITOV);
      for (const caller of [
        handlerOf(BORITOV),
        testCaller(BORITOV.id, ['TENANT_ADMIN', 'RECORDS_OFFICER', 'INTAKE_CLERK']),
      ]) {
        await refused(caller, CREATE_PLAN, { input: { name: 'X', validFrom: '2027-01-01' } }, 'FORBIDDEN');
        await refused(caller, ADD_NODE, { input: { planId: plan, code: '7', name: 'X' } }, 'FORBIDDEN');
        await refused(caller, UPDATE_NODE, { id: node(BORITOV, '616'), input: { name: 'X' } }, 'FORBIDDEN');
        await refused(caller, REPLACE_NODE, { id: node(BORITOV, '616'), input: { name: 'X' } }, 'FORBIDDEN');
        await refused(caller, DEACTIVATE_NODE, { id: node(BORITOV, '616') }, 'FORBIDDEN');
        await refused(caller, END_PLAN, { planId: plan, validTo: '2030-12-31' }, 'FORBIDDEN');
      }
      const admin = testCaller(null, ['PLATFORM_ADMIN', 'RECORDS_MANAGER']);
      await refused(admin, CREATE_PLAN, { input: { name: 'X', validFrom: '2027-01-01' } }, 'FORBIDDEN');
      await refused(admin, PLANS, {}, 'FORBIDDEN');
      await refused(admin, PLAN_TREE, { id: plan }, 'FORBIDDEN');
      await refused(admin, NODE_QUERY, { id: node(BORITOV, '616') }, 'FORBIDDEN');
      // Everybody of the municipality reads.
      expect((await ok(handlerOf(BORITOV), PLANS)).filingPlans.map((p: any) => p.id)).toContain(plan);
    });
  });

  describe('changing nodes', () => {
    it('updates an unused node in place and rewrites the full codes below it', async () => {
      const m = managerOf(BRTOV);
      const updated = (await ok(m, UPDATE_NODE, { id: node(BRTOV, '54'), input: { code: '57', name: 'Kontrola' } }))
        .updateFilingPlanNode;
      expect(updated).toMatchObject({
        id: node(BRTOV, '54'),
        code: '57',
        fullCode: '57',
        name: 'Kontrola',
        active: true,
      });
      const n = async (id: string) => (await ok(m, NODE_QUERY, { id })).filingPlanNode;
      expect((await n(node(BRTOV, '54.4.2'))).fullCode).toBe('57.4.2');
      expect((await n(node(BRTOV, '54.4'))).fullCode).toBe('57.4');
      expect((await n(node(BRTOV, '54.1'))).fullCode).toBe('57.1');
      // The old full code is free again; the new one is taken.
      const again = await addNode(BRTOV, { planId: planOf(BRTOV), code: '54', name: 'Nové 54' });
      expect(again.fullCode).toBe('54');
      await refused(m, UPDATE_NODE, { id: again.id, input: { code: '57' } }, 'CONFLICT');

      const events = await scoped(BRTOV.id).find(
        AuditEvent,
        { objectId: node(BRTOV, '54') },
        { orderBy: { sequence: 'asc' } },
      );
      expect(events.at(-1)).toMatchObject({ eventType: 'Uprava', objectType: 'VecnaSkupina', actorId: m.userId });
      expect(events.at(-1)!.changes).toEqual(
        expect.arrayContaining([
          { name: 'code', old: '54', new: '57' },
          { name: 'fullCode', old: '54', new: '57' },
          { name: 'name', old: 'Řízení a kontrola', new: 'Kontrola' },
        ]),
      );
      const [below] = await scoped(BRTOV.id).find(AuditEvent, { objectId: node(BRTOV, '54.4.2'), eventType: 'Uprava' });
      expect(below.changes).toEqual([{ name: 'fullCode', old: '54.4.2', new: '57.4.2' }]);

      // A schedule on a leaf; an inner node with children gets none.
      const schedule = {
        disposalCode: 'A',
        retentionYears: 15,
        triggerKind: 'EXTERNAL',
        triggerEvent: 'ztráta platnosti',
      };
      expect(
        (await ok(m, UPDATE_NODE, { id: node(BRTOV, '55'), input: { retentionSchedule: schedule } }))
          .updateFilingPlanNode.retentionSchedule,
      ).toEqual({ ...schedule, fixedDisposalYear: null, triggerCheckYears: null });
      expect(
        (await refused(m, UPDATE_NODE, { id: node(BRTOV, '56'), input: { retentionSchedule: schedule } }, 'CONFLICT'))
          .message,
      ).toMatch(/child nodes/);
      await refused(
        m,
        UPDATE_NODE,
        { id: node(BRTOV, '55'), input: { retentionSchedule: { disposalCode: 'V', retentionYears: 5 } } },
        'BAD_USER_INPUT',
      );
      await refused(m, UPDATE_NODE, { id: node(BRTOV, '55'), input: { code: '5.5' } }, 'BAD_USER_INPUT');
      await refused(m, UPDATE_NODE, { id: node(BRTOV, '55'), input: {} }, 'BAD_USER_INPUT');
      // The same values again write nothing.
      const before = await written();
      expect(
        (await ok(m, UPDATE_NODE, { id: node(BRTOV, '54'), input: { name: 'Kontrola', code: '57' } }))
          .updateFilingPlanNode.fullCode,
      ).toBe('57');
      expect(await written()).toEqual(before);
      // Explicit null removes the schedule of an unused leaf.
      expect(
        (await ok(m, UPDATE_NODE, { id: node(BRTOV, '55'), input: { retentionSchedule: null } })).updateFilingPlanNode
          .retentionSchedule,
      ).toBeNull();
    });

    it('refuses to change a used node in place (document or case file), and replaces it instead', async () => {
      const m = managerOf(BRTOV);
      await useNode(BRTOV, node(BRTOV, '616'), 'document');
      await useNode(BRTOV, node(BRTOV, '620'), 'caseFile');
      const tree = (await ok(m, PLAN_TREE, { id: planOf(BRTOV) })).filingPlan;
      expect(tree.nodes.filter((n: any) => n.used).map((n: any) => n.fullCode)).toEqual(['616', '620']);

      for (const id of [node(BRTOV, '616'), node(BRTOV, '620')]) {
        const error = await refused(m, UPDATE_NODE, { id, input: { name: 'Přejmenováno' } }, 'CONFLICT');
        expect(error.message).toMatch(/used.*replace/);
      }

      const replacement = (
        await ok(m, REPLACE_NODE, {
          id: node(BRTOV, '616'),
          input: { name: 'Stížnosti a petice', retentionSchedule: { disposalCode: 'A', retentionYears: 10 } },
        })
      ).replaceFilingPlanNode;
      expect(replacement).toMatchObject({
        code: '616',
        fullCode: '616',
        name: 'Stížnosti a petice',
        active: true,
        used: false,
        parent: null,
        plan: { id: planOf(BRTOV) },
        replaces: { id: node(BRTOV, '616') },
        replacedBy: null,
        retentionSchedule: {
          disposalCode: 'A',
          retentionYears: 10,
          triggerKind: 'SETTLEMENT',
          triggerEvent: 'vyřízení/uzavření',
        },
      });
      const old = (await ok(m, NODE_QUERY, { id: node(BRTOV, '616') })).filingPlanNode;
      expect(old).toMatchObject({
        fullCode: '616',
        name: 'Stížnosti, petice, podněty',
        active: false,
        used: true,
        replacedBy: { id: replacement.id },
        retentionSchedule: { disposalCode: 'S', retentionYears: 5 },
      });
      const stored = await scoped(BRTOV.id).findOneOrFail(FilingPlanNode, { id: node(BRTOV, '616') });
      expect(stored.activeCodeKey).toBeNull();
      expect(stored.deactivatedAt).toBeInstanceOf(Date);

      const active = (await ok(m, PLAN_TREE, { id: planOf(BRTOV) })).filingPlan.nodes.filter(
        (n: any) => n.fullCode === '616',
      );
      expect(active.map((n: any) => n.id)).toEqual([replacement.id]);
      const all = (await ok(m, PLAN_TREE, { id: planOf(BRTOV), all: true })).filingPlan.nodes.filter(
        (n: any) => n.fullCode === '616',
      );
      expect(all.map((n: any) => n.id)).toEqual([node(BRTOV, '616'), replacement.id]);

      const [oldEvent] = await scoped(BRTOV.id).find(AuditEvent, {
        objectId: node(BRTOV, '616'),
        eventType: { $ne: 'Zalozeni' },
      });
      expect(oldEvent).toMatchObject({ eventType: 'Uprava', objectType: 'VecnaSkupina', actorId: m.userId });
      expect(oldEvent.changes).toEqual(
        expect.arrayContaining([
          { name: 'active', old: 'true', new: 'false' },
          { name: 'replacedById', old: null, new: replacement.id },
        ]),
      );
      const [newEvent] = await scoped(BRTOV.id).find(AuditEvent, { objectId: replacement.id });
      expect(newEvent).toMatchObject({ eventType: 'Zalozeni', objectType: 'VecnaSkupina' });
      expect(newEvent.changes).toEqual(
        expect.arrayContaining([{ name: 'replacesId', old: null, new: node(BRTOV, '616') }]),
      );

      // The old node takes no new classifications; its replacement does.
      await expect(findClassifiableNode(scoped(BRTOV.id), node(BRTOV, '616'), '2026-06-01')).rejects.toMatchObject({
        extensions: { code: 'CONFLICT' },
      });
      await expect(findClassifiableNode(scoped(BRTOV.id), replacement.id, '2026-06-01')).resolves.toMatchObject({
        id: replacement.id,
      });

      // A replaced node is history: no second replacement, no edits.
      await refused(m, REPLACE_NODE, { id: node(BRTOV, '616'), input: { name: 'Znovu' } }, 'CONFLICT');
      await refused(m, UPDATE_NODE, { id: node(BRTOV, '616'), input: { name: 'Znovu' } }, 'CONFLICT');
      await refused(m, DEACTIVATE_NODE, { id: node(BRTOV, '616') }, 'CONFLICT');
      // The replacement is unused: it may be edited in place.
      expect(
        (await ok(m, UPDATE_NODE, { id: replacement.id, input: { name: 'Stížnosti' } })).updateFilingPlanNode.name,
      ).toBe('Stížnosti');
      // A replacement under another code must not take an active one.
      await refused(m, REPLACE_NODE, { id: node(BRTOV, '620'), input: { code: '623' } }, 'CONFLICT');
      const moved = (await ok(m, REPLACE_NODE, { id: node(BRTOV, '620'), input: { code: '621' } }))
        .replaceFilingPlanNode;
      expect(moved).toMatchObject({
        fullCode: '621',
        name: 'Poskytování informací (zákon 106/1999)',
        retentionSchedule: { disposalCode: 'S', retentionYears: 5 },
      });
    });

    it('does not change a node in place while a classification into it is committing', async () => {
      const m = managerOf(BRTOV);
      let classified!: () => void;
      const locked = new Promise<void>((resolve) => (classified = resolve));
      const classification = scoped(BRTOV.id).transactional(async (tx) => {
        const n = await findClassifiableNode(tx, node(BRTOV, '601'), '2026-06-01');
        tx.create(Document, {
          id: randomUUID(),
          municipalityId: BRTOV.id,
          pid: `OUBRTX${randomUUID().slice(0, 8)}`,
          registerId: demoId('register', 'OUBRT:main'),
          subject: 'Concurrent classification',
          subjectFolded: 'concurrent classification',
          origin: 'OWN',
          state: 'DRAFT',
          filingPlanNodeId: n.id,
        } as Document);
        await tx.flush();
        classified();
        await new Promise((r) => setTimeout(r, 300));
      });
      await locked;
      const update = t.run(m, UPDATE_NODE, { id: node(BRTOV, '601'), input: { name: 'Volby' } });
      await classification;
      expect((await update).errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    });

    it('keeps the code of an inner node whose subtree is used, and replaces only lowest-level nodes', async () => {
      const m = managerOf(BRTOV);
      await useNode(BRTOV, node(BRTOV, '53.1'), 'document');
      expect(
        (await refused(m, UPDATE_NODE, { id: node(BRTOV, '53'), input: { code: '58' } }, 'CONFLICT')).message,
      ).toMatch(/53\.1/);
      // Its name is not part of any classification's code: it may change.
      expect(
        (await ok(m, UPDATE_NODE, { id: node(BRTOV, '53'), input: { name: 'Organizace' } })).updateFilingPlanNode
          .fullCode,
      ).toBe('53');
      expect(
        (await refused(m, REPLACE_NODE, { id: node(BRTOV, '53'), input: { name: 'X' } }, 'CONFLICT')).message,
      ).toMatch(/lowest-level/);
    });

    it('deactivates leaves, not nodes with active children, and frees their full code', async () => {
      const m = managerOf(BRTOV);
      expect((await refused(m, DEACTIVATE_NODE, { id: node(BRTOV, '51') }, 'CONFLICT')).message).toMatch(/child/);
      const off = (await ok(m, DEACTIVATE_NODE, { id: node(BRTOV, '51.2') })).deactivateFilingPlanNode;
      expect(off).toMatchObject({ fullCode: '51.2', active: false, replacedBy: null });
      const [event] = await scoped(BRTOV.id).find(AuditEvent, {
        objectId: node(BRTOV, '51.2'),
        eventType: { $ne: 'Zalozeni' },
      });
      expect(event).toMatchObject({ eventType: 'Uprava', objectType: 'VecnaSkupina' });
      expect(event.changes).toEqual(expect.arrayContaining([{ name: 'active', old: 'true', new: 'false' }]));
      const children = (await ok(m, NODE_QUERY, { id: node(BRTOV, '51') })).filingPlanNode.children;
      expect(children).toEqual([
        { fullCode: '51.1', active: true },
        { fullCode: '51.2', active: false },
      ]);
      // Under a deactivated parent nothing new goes.
      await refused(
        m,
        ADD_NODE,
        { input: { planId: planOf(BRTOV), parentId: node(BRTOV, '51.2'), code: '1', name: 'X' } },
        'CONFLICT',
      );
      const readded = await addNode(BRTOV, {
        planId: planOf(BRTOV),
        parentId: node(BRTOV, '51'),
        code: '2',
        name: 'Místostarosta',
        retentionSchedule: { disposalCode: 'S', retentionYears: 10 },
      });
      expect(readded.fullCode).toBe('51.2');
      await ok(m, DEACTIVATE_NODE, { id: node(BRTOV, '51.1') });
      await ok(m, DEACTIVATE_NODE, { id: readded.id });
      expect((await ok(m, DEACTIVATE_NODE, { id: node(BRTOV, '51') })).deactivateFilingPlanNode.active).toBe(false);
    });
  });

  describe('plan validity', () => {
    it('lists plans newest first and filters by validOn', async () => {
      const h = handlerOf(BUKOVINA);
      const old = await createPlan(BUKOVINA, { name: 'Plán 2020', validFrom: '2020-01-01' });
      const next = await createPlan(BUKOVINA, { name: 'Plán 2027', validFrom: '2027-01-01' });
      const ended = (await ok(managerOf(BUKOVINA), END_PLAN, { planId: old.id, validTo: '2025-12-31' }))
        .endFilingPlanValidity;
      expect(ended).toMatchObject({ id: old.id, validFrom: '2020-01-01', validTo: '2025-12-31' });
      const [event] = await scoped(BUKOVINA.id).find(AuditEvent, { objectId: old.id, eventType: 'Uprava' });
      expect(event).toMatchObject({
        objectType: 'SpisovyPlan',
        changes: [{ name: 'validTo', old: null, new: '2025-12-31' }],
      });

      const ids = async (validOn?: string) => (await ok(h, PLANS, { validOn })).filingPlans.map((p: any) => p.id);
      expect(await ids()).toEqual([next.id, planOf(BUKOVINA), old.id]);
      expect(await ids('2019-12-31')).toEqual([]);
      expect(await ids('2020-01-01')).toEqual([old.id]);
      expect(await ids('2025-12-31')).toEqual([old.id]);
      expect(await ids('2026-01-01')).toEqual([planOf(BUKOVINA)]);
      expect(await ids('2027-01-01')).toEqual([next.id, planOf(BUKOVINA)]);
      await refused(h, PLANS, { validOn: '2026-02-29' }, 'BAD_USER_INPUT');

      await refused(managerOf(BUKOVINA), END_PLAN, { planId: next.id, validTo: '2026-12-31' }, 'BAD_USER_INPUT');
      await refused(managerOf(BUKOVINA), END_PLAN, { planId: next.id, validTo: '31.12.2027' }, 'BAD_USER_INPUT');
      await refused(managerOf(BUKOVINA), END_PLAN, { planId: randomUUID(), validTo: '2027-12-31' }, 'NOT_FOUND');
      expect(
        (await ok(managerOf(BUKOVINA), END_PLAN, { planId: next.id, validTo: '2027-01-01' })).endFilingPlanValidity
          .validTo,
      ).toBe('2027-01-01');
      expect(await ids('2027-01-02')).toEqual([planOf(BUKOVINA)]);
    });
  });

  describe('statements per list', () => {
    it('reads a whole plan with parents, children, plans and `used` in a constant number of statements', async () => {
      const query = `query($id: ID!) { filingPlan(id: $id) { nodes { fullCode used parent { fullCode } plan { id } children { fullCode used } } } }`;
      const knex = t.orm.em.getKnex();
      let statements = 0;
      const count = () => statements++;
      knex.on('query', count);
      try {
        const res = await ok(handlerOf(BLANSKO), query, { id: planOf(BLANSKO) });
        expect(res.filingPlan.nodes).toHaveLength(35);
      } finally {
        knex.removeListener('query', count);
      }
      // plan, nodes of the plan, parents (by id), children (by parent), documents and case files per node (grouped).
      expect(statements).toBeLessThanOrEqual(6);
    });
  });

  describe('tenant isolation and federation', () => {
    it("does not show or change another municipality's plans and nodes", async () => {
      const adamov = managerOf(ADAMOV);
      expect((await ok(adamov, PLAN_TREE, { id: planOf(BLANSKO) })).filingPlan).toBeNull();
      expect((await ok(adamov, NODE_QUERY, { id: node(BLANSKO, '616') })).filingPlanNode).toBeNull();
      expect((await ok(adamov, PLANS)).filingPlans.map((p: any) => p.id)).toEqual([planOf(ADAMOV)]);
      await refused(adamov, ADD_NODE, { input: { planId: planOf(BLANSKO), code: '7', name: 'X' } }, 'NOT_FOUND');
      await refused(
        adamov,
        ADD_NODE,
        { input: { planId: planOf(ADAMOV), parentId: node(BLANSKO, '54'), code: '7', name: 'X' } },
        'NOT_FOUND',
      );
      await refused(adamov, UPDATE_NODE, { id: node(BLANSKO, '616'), input: { name: 'X' } }, 'NOT_FOUND');
      await refused(adamov, REPLACE_NODE, { id: node(BLANSKO, '616'), input: { name: 'X' } }, 'NOT_FOUND');
      await refused(adamov, DEACTIVATE_NODE, { id: node(BLANSKO, '616') }, 'NOT_FOUND');
      await refused(adamov, END_PLAN, { planId: planOf(BLANSKO), validTo: '2030-12-31' }, 'NOT_FOUND');
    });

    it('resolves FilingPlanNode and FilingPlan representations of the own municipality only', async () => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on FilingPlanNode { id fullCode used plan { id } retentionSchedule { disposalCode } }
        ... on FilingPlan { id name }
      } }`;
      const r = [
        { __typename: 'FilingPlanNode', id: node(BUKOVINKA, '616') },
        { __typename: 'FilingPlanNode', id: node(BLANSKO, '616') },
        { __typename: 'FilingPlanNode', id: node(BUKOVINKA, '54.4.2') },
        { __typename: 'FilingPlan', id: planOf(BUKOVINKA) },
        { __typename: 'FilingPlan', id: planOf(BLANSKO) },
      ];
      const res = await ok(handlerOf(BUKOVINKA), query, { r });
      expect(res._entities).toEqual([
        {
          id: node(BUKOVINKA, '616'),
          fullCode: '616',
          used: false,
          plan: { id: planOf(BUKOVINKA) },
          retentionSchedule: { disposalCode: 'S' },
        },
        null,
        {
          id: node(BUKOVINKA, '54.4.2'),
          fullCode: '54.4.2',
          used: false,
          plan: { id: planOf(BUKOVINKA) },
          retentionSchedule: { disposalCode: 'S' },
        },
        { id: planOf(BUKOVINKA), name: 'Spisový plán 2026' },
        null,
      ]);
      const admin = await ok(testCaller(null, ['PLATFORM_ADMIN']), query, { r });
      expect(admin._entities).toEqual([null, null, null, null, null]);
    });
  });
});
