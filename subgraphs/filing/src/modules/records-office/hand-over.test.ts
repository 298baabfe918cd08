// Hand-over to the records office in filing, and the mirror of archives' custody steps in the log ingest, on SQLite
// and MariaDB. Case files and documents are set up as rows in the states a test needs.
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DISPOSAL_PROPOSAL_CHANGE,
  RECORDS_OFFICE_STATE_CHANGE,
  scopeToTenant,
  testCaller,
  testDatabaseKinds,
  type TenantCaller,
} from '@hub/kit';
import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { ingest } from '../audit-log/ingest';
import { attachComponent } from '../components/components';
import { CaseFile, type CaseFileState } from '../case-files/case-file.entity';
import { DocumentKind } from '../document-kinds/document-kind.entity';
import { Document, type DocumentState } from '../documents/document.entity';
import { authorOf, newDocumentMetadata } from '../documents/metadata';
import { notYetHandled, ownDocumentContent } from '../documents/registration';
import { findActiveMainRegister } from '../registers/registers';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const UNIT = BLANSKO.orgUnits[1].id;
const handler = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler', randomUUID(), UNIT);
const colleague = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.colleague', randomUUID(), BLANSKO.orgUnits[2].id);
const records = testCaller(BLANSKO.id, ['RECORDS_OFFICER'], 'mbk.records', randomUUID(), null);

const HAND_OVER = `mutation($i: HandOverToRecordsOfficeInput!) { handOverToRecordsOffice(input: $i) {
  auditEventId handOverList { id document { id referenceNumber state handler { id } } entries { kind id state documentIds } } } }`;

describe.each(testDatabaseKinds())('hand-over to the records office on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const em = () => scopeToTenant(t.orm.em.fork(), BLANSKO.id);
  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
  const events = () => t.orm.em.fork().count(AuditEvent, {}, { filters: false });

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(() => t?.dispose());

  let n = 1000;
  async function document(state: DocumentState, caseFileId: string | null = null): Promise<Document> {
    const e = em();
    const main = (await findActiveMainRegister(e))!;
    const seq = n++;
    const d = e.create(Document, {
      id: randomUUID(),
      municipalityId: BLANSKO.id,
      registerId: main.id,
      pid: `MBKT${seq}`,
      referenceNumber: `MBK ${seq}/2026`,
      sequenceNumber: seq,
      year: 2026,
      registeredAt: new Date(),
      registeredById: handler.userId,
      state,
      ...ownDocumentContent(`Dokument ${seq}`),
      createdAt: new Date(),
      createdById: handler.userId,
      ...notYetHandled(),
      handlerId: handler.userId,
      orgUnitId: UNIT,
      caseFileId,
      caseFileInsertedAt: caseFileId ? new Date() : null,
      // Every document has a kind (the municipality's default) and a form, as registration gives them.
      ...(await newDocumentMetadata(e, {})),
      ...authorOf(handler as TenantCaller, null),
    });
    await e.flush();
    return d;
  }
  async function caseFile(state: CaseFileState): Promise<{ caseFile: CaseFile; documents: Document[] }> {
    const id = randomUUID();
    const first = await document(state === 'OPEN' ? 'SETTLED' : 'CLOSED', id);
    const second = await document(state === 'OPEN' ? 'SETTLED' : 'CLOSED', id);
    const e = em();
    const c = e.create(CaseFile, {
      id,
      municipalityId: BLANSKO.id,
      referenceNumber: first.referenceNumber!,
      title: 'Spis',
      state,
      initiatingDocumentId: first.id,
      filingPlanNodeId: null,
      handlerId: handler.userId,
      orgUnitId: UNIT,
      openedAt: new Date(),
      openedById: handler.userId,
      closedAt: null,
      closedById: null,
      closedOn: null,
      triggerEventOn: null,
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
      forecastKey: null,
      handOverListId: null,
    });
    await e.flush();
    return { caseFile: c, documents: [first, second] };
  }
  const stateOf = async (id: string) =>
    (await em().findOne(CaseFile, { id }))?.state ?? (await em().findOne(Document, { id }))?.state;

  it('hands a closed case file (with its documents) and a closed document over on a list filed as a document', async () => {
    const { caseFile: c, documents } = await caseFile('CLOSED');
    const alone = await document('CLOSED');
    const res = await t.run(handler, HAND_OVER, { i: { caseFileIds: [c.id], documentIds: [alone.id] } });
    expect(res.errors).toBeUndefined();
    const list = res.data!.handOverToRecordsOffice.handOverList;
    expect(list.document).toMatchObject({
      referenceNumber: expect.stringMatching(/^MBK \d+\/\d{4}$/),
      state: 'REGISTERED',
      handler: { id: handler.userId },
    });
    expect(list.entries).toEqual([
      { kind: 'CASE_FILE', id: c.id, state: 'HANDED_TO_RECORDS_OFFICE', documentIds: documents.map((d) => d.id) },
      { kind: 'DOCUMENT', id: alone.id, state: 'HANDED_TO_RECORDS_OFFICE', documentIds: [] },
    ]);
    for (const id of [c.id, ...documents.map((d) => d.id), alone.id])
      expect(await stateOf(id)).toBe('HANDED_TO_RECORDS_OFFICE');
    const handed = await em().find(AuditEvent, {
      eventType: 'PredaniNaSpisovnu',
      objectId: { $in: [c.id, alone.id, ...documents.map((d) => d.id)] },
    });
    expect(handed).toHaveLength(4);
    // The records office reads the list through _entities (as archives does when it takes it over).
    const ref = await t.run(
      records,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on RecordsHandOver { id entries { id } } } }',
      {
        r: [
          { __typename: 'RecordsHandOver', id: list.id },
          { __typename: 'RecordsHandOver', id: randomUUID() },
        ],
      },
    );
    expect(ref.data!._entities).toEqual([{ id: list.id, entries: [{ id: c.id }, { id: alone.id }] }, null]);
  });

  it("refuses what is not closed, a document of a case file, someone else's files and empty input, writing nothing", async () => {
    const open = await caseFile('OPEN');
    const closed = await caseFile('CLOSED');
    const before = await events();
    const cases: [typeof handler, Record<string, unknown>, string][] = [
      [handler, { caseFileIds: [open.caseFile.id] }, 'CONFLICT'],
      [handler, { documentIds: [closed.documents[1].id] }, 'CONFLICT'],
      [handler, { caseFileIds: [closed.caseFile.id, open.caseFile.id] }, 'CONFLICT'],
      [colleague, { caseFileIds: [closed.caseFile.id] }, 'NOT_FOUND'],
      [records, { caseFileIds: [closed.caseFile.id] }, 'FORBIDDEN'],
      [handler, {}, 'BAD_USER_INPUT'],
      [handler, { caseFileIds: [closed.caseFile.id, closed.caseFile.id] }, 'BAD_USER_INPUT'],
    ];
    for (const [caller, i, code] of cases) expect(codeOf(await t.run(caller, HAND_OVER, { i }))).toBe(code);
    expect(await events()).toBe(before);
    expect(await stateOf(closed.caseFile.id)).toBe('CLOSED');
  });

  it("applies archives' custody steps from the log ingest once, with the case file's documents", async () => {
    const { caseFile: c, documents } = await caseFile('CLOSED');
    const res = await t.run(handler, HAND_OVER, { i: { caseFileIds: [c.id] } });
    expect(res.errors).toBeUndefined();
    let sequence = 1_000_000;
    const event = (from: string, to: string, objectId = c.id, objectType = 'Spis') => ({
      id: randomUUID(),
      municipalityId: BLANSKO.id,
      sequence: sequence++,
      occurredAt: new Date().toISOString(),
      actorId: records.userId,
      actorLogin: 'mbk.records',
      eventType: 'PrevzetiNaSpisovnu',
      objectType,
      objectId,
      description: null,
      changes: [{ name: RECORDS_OFFICE_STATE_CHANGE, old: from, new: to }],
    });
    const takeOver = event('HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE');
    // The same event from another source changes nothing (only archives runs the records office).
    await ingest(t.orm, 'users', [takeOver]);
    expect(await stateOf(c.id)).toBe('HANDED_TO_RECORDS_OFFICE');
    expect(await ingest(t.orm, 'archives', [takeOver])).toBe(1);
    for (const id of [c.id, ...documents.map((d) => d.id)]) expect(await stateOf(id)).toBe('IN_RECORDS_OFFICE');

    const lend = event('IN_RECORDS_OFFICE', 'ON_LOAN');
    const giveBack = event('ON_LOAN', 'IN_RECORDS_OFFICE');
    await ingest(t.orm, 'archives', [lend]);
    expect(await stateOf(c.id)).toBe('ON_LOAN');
    await ingest(t.orm, 'archives', [giveBack]);
    // A re-sent event is skipped with its log entry: the loan is not applied again.
    expect(await ingest(t.orm, 'archives', [lend])).toBe(0);
    expect(await stateOf(c.id)).toBe('IN_RECORDS_OFFICE');
    // A step that does not start where the entity stands, or that is no custody step, is left alone.
    await ingest(t.orm, 'archives', [
      event('HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE'),
      event('IN_RECORDS_OFFICE', 'DESTROYED'),
    ]);
    expect(await stateOf(c.id)).toBe('IN_RECORDS_OFFICE');
    // Back to the office: CLOSED, the list forgotten, and the handler may hand it over again.
    await ingest(t.orm, 'archives', [event('IN_RECORDS_OFFICE', 'CLOSED')]);
    const back = await em().findOneOrFail(CaseFile, { id: c.id });
    expect([back.state, back.handOverListId]).toEqual(['CLOSED', null]);
    for (const d of documents) expect(await stateOf(d.id)).toBe('CLOSED');
    expect((await t.run(handler, HAND_OVER, { i: { caseFileIds: [c.id] } })).errors).toBeUndefined();
  });

  it('locks what archives puts in a disposal proposal (mirrored from the log ingest) and frees what it takes out', async () => {
    const { caseFile: c, documents } = await caseFile('CLOSED');
    expect((await t.run(handler, HAND_OVER, { i: { caseFileIds: [c.id] } })).errors).toBeUndefined();
    let sequence = 2_000_000;
    const event = (eventType: string, old: string | null, to: string | null, name = DISPOSAL_PROPOSAL_CHANGE) => ({
      id: randomUUID(),
      municipalityId: BLANSKO.id,
      sequence: sequence++,
      occurredAt: new Date().toISOString(),
      actorId: records.userId,
      actorLogin: 'mbk.records',
      eventType,
      objectType: 'Spis',
      objectId: c.id,
      description: null,
      changes: [{ name, old, new: to }],
    });
    await ingest(t.orm, 'archives', [
      event('PrevzetiNaSpisovnu', 'HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE', RECORDS_OFFICE_STATE_CHANGE),
    ]);
    const proposalId = randomUUID();
    const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager', randomUUID(), null);
    // Not locked yet: the attach gets as far as the (unknown) upload.
    const attach = () =>
      attachComponent(em(), manager as TenantCaller, {
        documentId: documents[0].id,
        uploadId: randomUUID(),
        form: 'ORIGINAL',
      }).then(
        () => 'OK',
        (e) => e.extensions?.code,
      );
    expect(await attach()).toBe('NOT_FOUND');
    // Other events naming the proposal (the archive's decision) and other sources move nothing.
    await ingest(t.orm, 'archives', [event('Uprava', null, proposalId)]);
    await ingest(t.orm, 'users', [event('VlozeniDoSkartacnihoNavrhu', null, proposalId)]);
    expect((await em().findOneOrFail(CaseFile, { id: c.id })).disposalProposalId).toBeNull();

    await ingest(t.orm, 'archives', [event('VlozeniDoSkartacnihoNavrhu', null, proposalId)]);
    expect((await em().findOneOrFail(CaseFile, { id: c.id })).disposalProposalId).toBe(proposalId);
    for (const d of documents)
      expect((await em().findOneOrFail(Document, { id: d.id })).disposalProposalId).toBe(proposalId);
    const before = await events();
    expect(await attach()).toBe('CONFLICT');
    expect(await events()).toBe(before);

    await ingest(t.orm, 'archives', [event('VyjmutiZeSkartacnihoNavrhu', proposalId, null)]);
    for (const d of documents) expect((await em().findOneOrFail(Document, { id: d.id })).disposalProposalId).toBeNull();
    expect(await attach()).toBe('NOT_FOUND');
  });

  it('files a submitted disposal proposal from the log ingest once, as a document of the main register under its id', async () => {
    const proposalId = randomUUID();
    const submit = (id = randomUUID()) => ({
      id,
      municipalityId: BLANSKO.id,
      sequence: 3_000_000,
      occurredAt: new Date().toISOString(),
      actorId: records.userId,
      actorLogin: 'mbk.records',
      actorName: 'Marie Spisová',
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposalId,
      description: null,
      changes: [
        { name: 'state', old: 'OPEN', new: 'SUBMITTED' },
        { name: 'year', old: null, new: '2026' },
        { name: 'entryCount', old: null, new: '3' },
      ],
    });
    const first = submit();
    // Only archives runs disposal proposals.
    await ingest(t.orm, 'users', [submit()]);
    expect(await em().findOne(Document, { id: proposalId })).toBeNull();
    expect(await ingest(t.orm, 'archives', [first])).toBe(1);
    const d = await em().findOneOrFail(Document, { id: proposalId });
    expect(d).toMatchObject({
      state: 'REGISTERED',
      origin: 'OWN',
      handlerId: records.userId,
      subject: 'Skartační návrh za rok 2026 (3 entit)',
    });
    expect(d.referenceNumber).toMatch(/^MBK \d+\/\d{4}$/);
    // The SIP metadata every document has: the municipality's default kind, DIGITAL, the submitting officer as author.
    const defaultKind = await em().findOneOrFail(DocumentKind, { isDefault: true });
    expect(d).toMatchObject({
      kindId: defaultKind.id,
      form: 'DIGITAL',
      authorUserId: records.userId,
      authorName: 'Marie Spisová',
    });
    expect(await em().count(AuditEvent, { eventType: 'Zalozeni', objectId: proposalId })).toBe(1);
    // Sent again, or a second submit event of the same proposal: filed once.
    expect(await ingest(t.orm, 'archives', [first])).toBe(0);
    await ingest(t.orm, 'archives', [submit()]);
    expect(await em().count(Document, { id: proposalId })).toBe(1);
    expect(await em().count(AuditEvent, { eventType: 'Zalozeni', objectId: proposalId })).toBe(1);
  });
});
