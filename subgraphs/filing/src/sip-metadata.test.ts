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
  type TestSubgraph,
} from '@hub/kit';
import type { FilingContext } from './context';
import { filing } from './index';
import { CaseFile } from './modules/case-files/case-file.entity';
import { DocumentKind } from './modules/document-kinds/document-kind.entity';
import { Document } from './modules/documents/document.entity';
import { caseFileForm } from './modules/documents/metadata';
import { FilingPlanNode } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import { upgradeData } from './upgrade';

/**
 * Metadata the archive's SIP needs, captured where it arises: identifiers of plans, nodes and schedules, document
 * kinds (a per-municipality vocabulary), form and quantities, the author of own documents; and the data upgrade
 * that fills rows stored before them.
 */
const [BLANSKO, ADAMOV] = DEMO_MUNICIPALITIES;
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const callerOf = (u: DemoUser): Caller => ({
  ...testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId),
  name: u.name,
});
const clerk = callerOf(demo('mbk.clerk'));
const handler = callerOf(demo('mbk.handler'));
const manager = callerOf(demo('mbk.admin'));
const adamovManager = callerOf(demo('ouada.admin'));
const adamovClerk = callerOf(demo('ouada.clerk'));
const HANDLER_UNIT = BLANSKO.orgUnits.find((u) => u.id === handler.orgUnitId)!;
const peers = fakePeers({
  OrgUnit: Object.fromEntries(BLANSKO.orgUnits.map((u) => [u.id, { id: u.id, name: u.name }])),
});
const SOURCE = 'cz.blansko.essl.MBK';

const KINDS = `query($all: Boolean) { documentKinds(includeInactive: $all) { id identifier { value source } name comment isDefault active } }`;
const CREATE_KIND = `mutation($input: CreateDocumentKindInput!) { createDocumentKind(input: $input) { id identifier { value source } name comment isDefault active } }`;
const UPDATE_KIND = `mutation($id: ID!, $input: UpdateDocumentKindInput!) { updateDocumentKind(id: $id, input: $input) { id name isDefault active } }`;
const DOC =
  'id state origin form sheetCount attachmentCount attachmentKind kind { id name identifier { value } } author { user { id } name orgUnitName position }';
const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { ${DOC} } } }`;
const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { ${DOC} } } }`;
const DESCRIBE = `mutation($id: ID!, $i: DescribeDocumentInput!) { describeDocument(documentId: $id, input: $i) { document { ${DOC} } } }`;
const SETTLE = `mutation($id: ID!) { settleDocument(documentId: $id, input: { method: ACKNOWLEDGED }) { document { state } } }`;
const CLOSE = `mutation($id: ID!) { closeDocument(documentId: $id) { document { state } } }`;
const CLASSIFY = `mutation($id: ID!, $node: ID!) { classifyDocument(documentId: $id, filingPlanNodeId: $node) { document { id } } }`;
const SCHEDULE_ID = 'retentionSchedule { identifier { value source } }';
const NODE = `id fullCode identifier { value source } ${SCHEDULE_ID}`;
const CREATE_PLAN = `mutation($input: CreateFilingPlanInput!) { createFilingPlan(input: $input) { id identifier { value source } } }`;
const ADD_NODE = `mutation($input: AddFilingPlanNodeInput!) { addFilingPlanNode(input: $input) { ${NODE} } }`;
const REPLACE_NODE = `mutation($id: ID!, $input: ReviseFilingPlanNodeInput!) { replaceFilingPlanNode(id: $id, input: $input) { ${NODE} } }`;
const received = {
  subject: 'Žádost o kácení',
  origin: 'RECEIVED',
  deliveredAt: '2026-03-02T09:15:00+01:00',
  sender: { name: 'Jan Novák' },
};

describe('a case file form from its documents (computed)', () => {
  it.each<[string[], string]>([
    [[], 'DIGITAL'],
    [['DIGITAL', 'DIGITAL'], 'DIGITAL'],
    [['ANALOG'], 'ANALOG'],
    [['ANALOG', 'ANALOG'], 'ANALOG'],
    [['DIGITAL', 'ANALOG'], 'HYBRID'],
    [['HYBRID'], 'HYBRID'],
    [['ANALOG', 'HYBRID'], 'HYBRID'],
  ])('%j → %s', (forms, form) => {
    expect(caseFileForm(forms.map((f) => ({ form: f as never })))).toBe(form);
  });
});

describe.each(testDatabaseKinds())('SIP metadata on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true, peers });
  });
  afterAll(() => t.dispose());

  async function ok<T = any>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }
  /** Everything a refused call must not have written, across municipalities. */
  async function written() {
    const em = t.orm.em.fork();
    return {
      kinds: await em.count(DocumentKind, {}, { filters: false }),
      documents: await em.count(Document, {}, { filters: false }),
      plans: await em.count(FilingPlan, {}, { filters: false }),
      nodes: await em.count(FilingPlanNode, {}, { filters: false }),
      events: await em.count(AuditEvent, {}, { filters: false }),
      described: (
        await em.find(
          Document,
          {},
          { filters: false, fields: ['kindId', 'form', 'sheetCount', 'attachmentCount', 'attachmentKind'] },
        )
      )
        .map((d) => `${d.id}:${d.kindId}:${d.form}:${d.sheetCount}:${d.attachmentCount}:${d.attachmentKind}`)
        .sort()
        .join(','),
    };
  }
  async function refused(
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    field?: string,
  ) {
    const before = await written();
    const res = await t.run(caller, query, variables);
    expect(res.errors?.[0].extensions).toMatchObject(field ? { code, field } : { code });
    expect(await written()).toEqual(before);
  }
  /** A handler's own draft, registered and in their hands (IN_PROGRESS), as the workflow leaves it. */
  async function ownInProgress(input: Record<string, unknown> = {}) {
    const { createDraftDocument } = await ok(handler, DRAFT, { i: { subject: 'Odpověď na stížnost', ...input } });
    const id = createDraftDocument.document.id;
    await ok(handler, `mutation($id: ID!) { registerDraft(documentId: $id) { document { state } } }`, { id });
    await scopeToTenant(t.orm.em.fork(), BLANSKO.id).nativeUpdate(
      Document,
      { id },
      { state: 'IN_PROGRESS', handlerId: handler.userId, orgUnitId: handler.orgUnitId },
    );
    return id as string;
  }

  describe('document kinds', () => {
    it('gives each demo municipality the standard vocabulary with its own identifiers, one default', async () => {
      const { documentKinds } = await ok(clerk, KINDS);
      expect(documentKinds.map((k: any) => k.identifier.value).sort()).toEqual([
        'FAKTURA',
        'OSTATNI',
        'OZNAMENI',
        'ROZHODNUTI',
        'SMLOUVA',
        'STIZNOST',
        'ZADOST',
      ]);
      expect(documentKinds.every((k: any) => k.identifier.source === SOURCE && k.active)).toBe(true);
      expect(documentKinds.filter((k: any) => k.isDefault).map((k: any) => k.name)).toEqual(['Ostatní']);
      const adamov = (await ok(adamovClerk, KINDS)).documentKinds;
      expect(adamov.every((k: any) => k.identifier.source === 'cz.blansko.essl.OUADA')).toBe(true);
      // Tenant isolation: no id in common, nothing of Blansko's visible to Adamov.
      expect(adamov.filter((k: any) => documentKinds.some((b: any) => b.id === k.id))).toEqual([]);
    });

    it("keeps another municipality's kinds out of reach: not listed, not resolvable, not usable, not changeable", async () => {
      const blanskoKind = (await ok(clerk, KINDS)).documentKinds.find((k: any) => k.identifier.value === 'SMLOUVA');
      const ref = await ok(
        adamovClerk,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on DocumentKind { name } } }`,
        {
          r: [{ __typename: 'DocumentKind', id: blanskoKind.id }],
        },
      );
      expect(ref._entities).toEqual([null]);
      await refused(adamovClerk, REGISTER, { i: { ...received, kindId: blanskoKind.id } }, 'NOT_FOUND');
      await refused(adamovManager, UPDATE_KIND, { id: blanskoKind.id, input: { name: 'Převzato' } }, 'NOT_FOUND');
      await refused(adamovManager, CREATE_KIND, { input: { name: 'Smlouva' } }, 'CONFLICT'); // Adamov's own Smlouva
    });

    it('lets only records managers keep the vocabulary', async () => {
      await refused(handler, CREATE_KIND, { input: { name: 'Posudek' } }, 'FORBIDDEN');
      await refused(
        clerk,
        UPDATE_KIND,
        { id: (await ok(clerk, KINDS)).documentKinds[0].id, input: { name: 'X' } },
        'FORBIDDEN',
      );
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['an empty name', { name: '  ' }, 'BAD_USER_INPUT', 'name'],
      ['a name over 100 characters', { name: 'n'.repeat(101) }, 'BAD_USER_INPUT', 'name'],
      ['a comment over 500 characters', { name: 'Posudek', comment: 'c'.repeat(501) }, 'BAD_USER_INPUT', 'comment'],
      [
        'an identifier over 50 characters',
        { name: 'Posudek', identifier: { value: 'v'.repeat(51) } },
        'BAD_USER_INPUT',
        'identifier.value',
      ],
      [
        'an identifier source with a line break',
        { name: 'Posudek', identifier: { value: 'POS', source: 'a\nb' } },
        'BAD_USER_INPUT',
        'identifier.source',
      ],
      ['a name taken', { name: 'Faktura' }, 'CONFLICT', ''],
      ['an identifier taken', { name: 'Posudek', identifier: { value: 'FAKTURA' } }, 'CONFLICT', ''],
    ])('refuses a kind with %s, writing nothing', async (_, input, code, field) => {
      await refused(manager, CREATE_KIND, { input }, code, field || undefined);
    });

    it('creates a kind with a default identifier, moves the default mark (audited), refuses an inactive default', async () => {
      const { createDocumentKind: k } = await ok(manager, CREATE_KIND, {
        input: { name: 'Posudek', comment: 'Znalecké posudky', isDefault: true },
      });
      expect(k).toMatchObject({ name: 'Posudek', isDefault: true, active: true, identifier: { source: SOURCE } });
      expect(k.identifier.value).toMatch(/^DRUH-[0-9A-F]{8}$/);
      const kinds = (await ok(clerk, KINDS)).documentKinds;
      expect(kinds.filter((x: any) => x.isDefault).map((x: any) => x.name)).toEqual(['Posudek']);
      const other = kinds.find((x: any) => x.identifier.value === 'OSTATNI');
      const events = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(
        AuditEvent,
        { objectId: { $in: [k.id, other.id] } },
        { orderBy: { sequence: 'asc' } },
      );
      expect(events.map((e) => [e.objectType, e.eventType, e.objectId === k.id ? 'new' : 'old'])).toEqual(
        expect.arrayContaining([
          ['DruhDokumentu', 'Zalozeni', 'new'],
          ['DruhDokumentu', 'Uprava', 'old'],
        ]),
      );
      await refused(manager, UPDATE_KIND, { id: k.id, input: { active: false } }, 'CONFLICT');
      await refused(manager, UPDATE_KIND, { id: k.id, input: { isDefault: false } }, 'BAD_USER_INPUT', 'isDefault');
      // Back to the standard default, so the other tests see "Ostatní".
      expect(
        (await ok(manager, UPDATE_KIND, { id: other.id, input: { isDefault: true } })).updateDocumentKind.isDefault,
      ).toBe(true);
      const inactive = await ok(manager, UPDATE_KIND, { id: k.id, input: { active: false } });
      expect(inactive.updateDocumentKind).toMatchObject({ isDefault: false, active: false });
      expect((await ok(clerk, KINDS)).documentKinds.some((x: any) => x.id === k.id)).toBe(false);
      expect((await ok(clerk, KINDS, { all: true })).documentKinds.some((x: any) => x.id === k.id)).toBe(true);
      await refused(clerk, REGISTER, { i: { ...received, kindId: k.id } }, 'CONFLICT');
    });
  });

  describe('kind, form, quantities and author of new documents', () => {
    it('defaults a received document to the default kind, DIGITAL, no author', async () => {
      const d = (await ok(clerk, REGISTER, { i: received })).registerDocument.document;
      expect(d).toMatchObject({
        form: 'DIGITAL',
        sheetCount: null,
        attachmentCount: null,
        kind: { name: 'Ostatní', identifier: { value: 'OSTATNI' } },
        author: null,
      });
    });

    it('takes kind, form and quantities at registration, and snapshots the author of own documents', async () => {
      const smlouva = (await ok(clerk, KINDS)).documentKinds.find((k: any) => k.identifier.value === 'SMLOUVA');
      const own = (
        await ok(handler, REGISTER, {
          i: {
            subject: 'Smlouva o dílo',
            origin: 'OWN',
            kindId: smlouva.id,
            form: 'ANALOG',
            sheetCount: 4,
            attachmentCount: 1,
            attachmentKind: ' 1 výkres A3 ',
          },
        })
      ).registerDocument.document;
      expect(own).toMatchObject({
        form: 'ANALOG',
        sheetCount: 4,
        attachmentCount: 1,
        attachmentKind: '1 výkres A3',
        kind: { name: 'Smlouva' },
        author: { user: { id: handler.userId }, name: handler.name, orgUnitName: HANDLER_UNIT.name, position: null },
      });
      const draft = (await ok(handler, DRAFT, { i: { subject: 'Koncept odpovědi' } })).createDraftDocument.document;
      expect(draft).toMatchObject({
        state: 'DRAFT',
        form: 'DIGITAL',
        kind: { name: 'Ostatní' },
        author: { name: handler.name, orgUnitName: HANDLER_UNIT.name },
      });
      // The snapshot stays as it was when the person changes: it is stored, not looked up.
      const stored = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).findOneOrFail(Document, { id: own.id });
      expect([stored.authorUserId, stored.authorName, stored.authorOrgUnitName]).toEqual([
        handler.userId,
        handler.name,
        HANDLER_UNIT.name,
      ]);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['sheetCount 0', { sheetCount: 0 }, 'sheetCount'],
      ['sheetCount over 100000', { sheetCount: 100_001 }, 'sheetCount'],
      ['attachmentCount -1', { attachmentCount: -1 }, 'attachmentCount'],
      ['attachmentKind over 200 characters', { attachmentKind: 'k'.repeat(201) }, 'attachmentKind'],
    ])('refuses %s at registration, at drafting and when describing, writing nothing', async (_, input, field) => {
      await refused(clerk, REGISTER, { i: { ...received, ...input } }, 'BAD_USER_INPUT', field);
      await refused(handler, DRAFT, { i: { subject: 'Koncept', ...input } }, 'BAD_USER_INPUT', field);
      const id = (await ok(clerk, REGISTER, { i: received })).registerDocument.document.id;
      await refused(clerk, DESCRIBE, { id, i: input }, 'BAD_USER_INPUT', field);
    });

    it('needs the quantities of a paper document by settlement, and keeps them on a settled one', async () => {
      const id = await ownInProgress({ form: 'HYBRID' });
      await refused(handler, SETTLE, { id }, 'CONFLICT');
      await ok(handler, DESCRIBE, { id, i: { sheetCount: 3, attachmentCount: 2 } });
      await refused(handler, SETTLE, { id }, 'CONFLICT'); // two attachments of an unknown kind
      const described = (await ok(handler, DESCRIBE, { id, i: { attachmentKind: 'fotografie' } })).describeDocument
        .document;
      expect(described).toMatchObject({
        form: 'HYBRID',
        sheetCount: 3,
        attachmentCount: 2,
        attachmentKind: 'fotografie',
      });
      expect((await ok(handler, SETTLE, { id })).settleDocument.document.state).toBe('SETTLED');
      // Settled: still describable, but an attachment count without a kind is refused.
      await refused(handler, DESCRIBE, { id, i: { attachmentCount: 3, attachmentKind: '' } }, 'CONFLICT');
      const events = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(AuditEvent, {
        objectId: id,
        eventType: 'Uprava',
      });
      expect(events.flatMap((e) => e.changes.map((c) => c.name)).sort()).toEqual([
        'attachmentCount',
        'attachmentKind',
        'sheetCount',
      ]);
    });

    it('settles a digital document without quantities, and refuses describing a closed one', async () => {
      const id = await ownInProgress();
      await ok(handler, CLASSIFY, { id, node: demoId('filing-plan-node', 'MBK:616') });
      await ok(handler, SETTLE, { id });
      await ok(handler, CLOSE, { id });
      await refused(handler, DESCRIBE, { id, i: { form: 'ANALOG' } }, 'CONFLICT');
    });

    it("describes only documents the caller may handle; another municipality's are not found", async () => {
      const id = (await ok(clerk, REGISTER, { i: received })).registerDocument.document.id;
      await refused(adamovClerk, DESCRIBE, { id, i: { form: 'ANALOG' } }, 'NOT_FOUND');
      const kinds = (await ok(clerk, KINDS)).documentKinds;
      const zadost = kinds.find((k: any) => k.identifier.value === 'ZADOST');
      const d = (
        await ok(clerk, DESCRIBE, { id, i: { kindId: zadost.id, form: 'ANALOG', sheetCount: 1, attachmentCount: 0 } })
      ).describeDocument.document;
      expect(d).toMatchObject({ kind: { name: 'Žádost' }, form: 'ANALOG', sheetCount: 1, attachmentCount: 0 });
    });

    it("shows a case file's form from its documents", async () => {
      const id = await ownInProgress({ form: 'ANALOG', sheetCount: 2, attachmentCount: 0 });
      const q = `mutation($id: ID!, $node: ID!) { openCaseFile(input: { initiatingDocumentId: $id, title: "Stížnost", filingPlanNodeId: $node }) { caseFile { id form } } }`;
      const opened = (await ok(handler, q, { id, node: demoId('filing-plan-node', 'MBK:616') })).openCaseFile.caseFile;
      expect(opened.form).toBe('ANALOG');
      await scopeToTenant(t.orm.em.fork(), BLANSKO.id).nativeUpdate(
        Document,
        { caseFileId: opened.id },
        { form: 'DIGITAL' },
      );
      const digital = await ok(handler, `query($id: ID!) { caseFile(id: $id) { form } }`, { id: opened.id });
      expect(digital.caseFile.form).toBe('DIGITAL');
      expect(await scopeToTenant(t.orm.em.fork(), BLANSKO.id).count(CaseFile, { id: opened.id })).toBe(1);
    });
  });

  describe('identifiers of plans, nodes and schedules', () => {
    it('gives the demo plan, its nodes and schedules the defaults; equal schedules share one', async () => {
      const q = `query($id: ID!) { filingPlan(id: $id) { identifier { value source } nodes { ${NODE} } } }`;
      const plan = (await ok(manager, q, { id: demoId('filing-plan', 'MBK') })).filingPlan;
      expect(plan.identifier).toEqual({ value: 'MBK-2026', source: SOURCE });
      const byCode = new Map(plan.nodes.map((n: any) => [n.fullCode, n]));
      const schedule = (code: string) => (byCode.get(code) as any).retentionSchedule?.identifier.value;
      expect((byCode.get('54.4.2') as any).identifier).toEqual({ value: '54.4.2', source: SOURCE });
      expect([schedule('101'), schedule('51.1'), schedule('616'), schedule('119'), schedule('51')]).toEqual([
        'A/10',
        'A/10',
        'S/5',
        'S/30/KR',
        undefined,
      ]);
      expect(schedule('53.1')).toMatch(/^A\/5\/U[0-9a-f]{6}(\/K\d+)?$/);
      expect(schedule('53.1')).toBe(schedule('53.2')); // same schedule, same identifier
      expect(schedule('56.1')).not.toBe(schedule('53.1'));
    });

    it('defaults a new plan to <ABBR>-<year>, then -2; takes a given identifier; refuses a taken one', async () => {
      const a = (await ok(manager, CREATE_PLAN, { input: { name: 'Plán 2027', validFrom: '2027-01-01' } }))
        .createFilingPlan;
      const b = (await ok(manager, CREATE_PLAN, { input: { name: 'Plán 2027 b', validFrom: '2027-06-01' } }))
        .createFilingPlan;
      expect([a.identifier, b.identifier]).toEqual([
        { value: 'MBK-2027', source: SOURCE },
        { value: 'MBK-2027-2', source: SOURCE },
      ]);
      const imported = (
        await ok(manager, CREATE_PLAN, {
          input: {
            name: 'Import',
            validFrom: '2027-01-01',
            identifier: { value: 'SP-7', source: 'cz.gordic.ginis.mbk' },
          },
        })
      ).createFilingPlan;
      expect(imported.identifier).toEqual({ value: 'SP-7', source: 'cz.gordic.ginis.mbk' });
      await refused(
        manager,
        CREATE_PLAN,
        { input: { name: 'Dup', validFrom: '2027-01-01', identifier: { value: 'MBK-2027' } } },
        'CONFLICT',
      );
      await refused(
        manager,
        CREATE_PLAN,
        { input: { name: 'Long', validFrom: '2027-01-01', identifier: { value: 'x'.repeat(51) } } },
        'BAD_USER_INPUT',
        'identifier.value',
      );
      // Another municipality's plans do not collide with Blansko's identifiers (their own source, their own scope).
      const adamov = (
        await ok(adamovManager, CREATE_PLAN, {
          input: { name: 'Plán 2027', validFrom: '2027-01-01', identifier: { value: 'MBK-2027', source: SOURCE } },
        })
      ).createFilingPlan;
      expect(adamov.identifier.value).toBe('MBK-2027');
    });

    it('defaults a node to its full code, a replacement to code-2, and keeps one identifier per schedule in a plan', async () => {
      const plan = (await ok(manager, CREATE_PLAN, { input: { name: 'Plán uzlů', validFrom: '2028-01-01' } }))
        .createFilingPlan;
      const root = (await ok(manager, ADD_NODE, { input: { planId: plan.id, code: '7', name: 'Správa' } }))
        .addFilingPlanNode;
      const leaf = (
        await ok(manager, ADD_NODE, {
          input: {
            planId: plan.id,
            parentId: root.id,
            code: '1',
            name: 'Stížnosti',
            retentionSchedule: { disposalCode: 'S', retentionYears: 5 },
          },
        })
      ).addFilingPlanNode;
      expect([
        root.identifier.value,
        root.retentionSchedule,
        leaf.identifier.value,
        leaf.retentionSchedule.identifier.value,
      ]).toEqual(['7', null, '7.1', 'S/5']);
      const given = (
        await ok(manager, ADD_NODE, {
          input: {
            planId: plan.id,
            parentId: root.id,
            code: '2',
            name: 'Petice',
            identifier: { value: 'VS-PETICE' },
            retentionSchedule: { disposalCode: 'S', retentionYears: 10, identifier: { value: 'SR-10' } },
          },
        })
      ).addFilingPlanNode;
      expect([given.identifier, given.retentionSchedule.identifier.value]).toEqual([
        { value: 'VS-PETICE', source: SOURCE },
        'SR-10',
      ]);
      await refused(
        manager,
        ADD_NODE,
        { input: { planId: plan.id, code: '3', name: 'X', identifier: { value: '7.1' } } },
        'CONFLICT',
      );
      // SR-10 names S/10 in this plan: it cannot name A/10 too.
      await refused(
        manager,
        ADD_NODE,
        {
          input: {
            planId: plan.id,
            parentId: root.id,
            code: '4',
            name: 'Y',
            retentionSchedule: { disposalCode: 'A', retentionYears: 10, identifier: { value: 'SR-10' } },
          },
        },
        'CONFLICT',
      );
      const replacement = (
        await ok(manager, REPLACE_NODE, {
          id: leaf.id,
          input: { retentionSchedule: { disposalCode: 'S', retentionYears: 10 } },
        })
      ).replaceFilingPlanNode;
      expect([
        replacement.fullCode,
        replacement.identifier.value,
        replacement.retentionSchedule.identifier.value,
      ]).toEqual(['7.1', '7.1-2', 'S/10']);
    });
  });

  it('fills rows stored before the metadata existed (data upgrade), once, each change audited by the system', async () => {
    const em = () => scopeToTenant(t.orm.em.fork(), ADAMOV.id);
    const own = (await ok(adamovManager, REGISTER, { i: { subject: 'Výroční zpráva', origin: 'OWN' } }))
      .registerDocument.document;
    const other = (await ok(adamovClerk, REGISTER, { i: received })).registerDocument.document;
    const planId = demoId('filing-plan', 'OUADA');
    // Pre-upgrade rows: what the migration leaves (new columns empty, no kinds, the mark not set).
    await em().nativeUpdate(FilingPlan, { id: planId }, { identifierValue: null, identifierSource: null });
    await em().nativeUpdate(
      FilingPlanNode,
      { planId },
      { identifierValue: null, identifierSource: null, scheduleIdentifierValue: null, scheduleIdentifierSource: null },
    );
    await em().nativeUpdate(
      Document,
      { id: { $in: [own.id, other.id] } },
      {
        kindId: null,
        authorUserId: null,
        authorName: null,
        authorOrgUnitName: null,
      },
    );
    await em().nativeDelete(DocumentKind, {});
    await t.orm.em.getKnex()('sequence_counter').where({ name: 'upgrade:sip-metadata-1' }).delete();

    await upgradeData(t.orm);
    const eventsAfterFirst = await t.orm.em.fork().count(AuditEvent, {}, { filters: false });
    await upgradeData(t.orm);
    expect(await t.orm.em.fork().count(AuditEvent, {}, { filters: false })).toBe(eventsAfterFirst);

    const plan = await em().findOneOrFail(FilingPlan, { id: planId });
    expect([plan.identifierValue, plan.identifierSource]).toEqual(['OUADA-2026', 'cz.blansko.essl.OUADA']);
    const nodes = new Map((await em().find(FilingPlanNode, { planId })).map((n) => [n.fullCode, n]));
    expect([
      nodes.get('616')!.identifierValue,
      nodes.get('616')!.scheduleIdentifierValue,
      nodes.get('51')!.scheduleIdentifierValue,
    ]).toEqual(['616', 'S/5', null]);
    const kinds = await em().find(DocumentKind, {});
    expect(kinds).toHaveLength(7);
    const defaultKind = kinds.find((k) => k.isDefault)!;
    expect(defaultKind.identifierValue).toBe('OSTATNI');
    const [ownRow, otherRow] = await Promise.all(
      [own.id, other.id].map((id) => em().findOneOrFail(Document, { id }, { refresh: true })),
    );
    expect([ownRow.kindId, otherRow.kindId]).toEqual([defaultKind.id, defaultKind.id]);
    // The author: the person who created it, by the name the log recorded; received documents have none.
    expect([ownRow.authorUserId, ownRow.authorName]).toEqual([adamovManager.userId, adamovManager.name]);
    expect([otherRow.authorUserId, otherRow.authorName]).toEqual([null, null]);

    const events = await em().find(AuditEvent, {
      objectId: { $in: [planId, nodes.get('616')!.id, own.id] },
      eventType: 'Uprava',
      actorLogin: 'system',
    });
    expect(
      events
        .map((e) => [
          e.objectType,
          e.changes
            .map((c) => c.name)
            .sort()
            .join(','),
        ])
        .sort(),
    ).toEqual([
      ['Dokument', 'authorName,authorUserId'],
      ['Dokument', 'kindId'],
      ['SpisovyPlan', 'identifierSource,identifierValue'],
      ['VecnaSkupina', 'identifierSource,identifierValue,scheduleIdentifierSource,scheduleIdentifierValue'],
    ]);
    // Blansko's rows were complete: the upgrade wrote nothing for it.
    expect(
      await scopeToTenant(t.orm.em.fork(), BLANSKO.id).count(AuditEvent, {
        actorLogin: 'system',
        description: { $like: 'Filled by the data upgrade%' },
      }),
    ).toBe(0);
  });
});
