// Issue 10's records office through the gateway: a handler hands a closed case file over to the records office on a
// hand-over list filed as a document; the records officer takes it over into a box on a shelf, lends it to the
// handler and gets it back; a hold on it blocks its return out of the records office until released with a reason;
// the inventory finds it by disposal year and storage unit; filing's states follow archives' steps through the
// transaction log's outbox; another municipality sees none of it.
import { DEMO_MUNICIPALITIES, demoId, testDatabaseKinds } from '@hub/kit';
import { assertValidTp } from '../../subgraphs/filing/src/modules/audit-log/tp-validator';
import { REGISTER, expectations, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);
const thisYear = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Europe/Prague', year: 'numeric' }).format(new Date()),
);
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());

describe.each(testDatabaseKinds())('records office on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  let handler: string;
  let records: string;
  let adamov: string;

  beforeAll(async () => {
    hub = await startHub(kind);
    [clerk, handler, records, adamov] = await Promise.all(
      ['mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.records'].map((l) => hub.login(l)),
    );
  });
  afterAll(() => hub?.stop());

  const { ok, refused } = expectations(() => hub, 'archives');
  /** Filing applies archives' steps when their events reach the log: ship them, then read the state. */
  const caseFileState = async (id: string) => {
    await hub.flushRelays();
    return (await ok(records, `{ caseFile(id: "${id}") { state documents { state } } }`)).caseFile;
  };

  /** A closed case file of Blansko: 616 (S/5) holding a document under 51.2 (S/10), both settled and closed today. */
  async function closedCaseFile(subject: string) {
    const handlerId = (await ok(handler, '{ me { id } }')).me.id;
    const unit = blansko.orgUnits[1].id;
    const docs: string[] = [];
    for (const [s, code] of [
      [subject, '616'],
      [`${subject} – příloha`, '51.2'],
    ]) {
      const id = (await ok(clerk, REGISTER, { input: received(s) })).registerDocument.document.id;
      await ok(
        clerk,
        `mutation { assignDocument(documentId: "${id}", orgUnitId: "${unit}", handlerId: "${handlerId}") { document { id } } }`,
      );
      await ok(handler, `mutation { acceptDocument(documentId: "${id}") { document { id } } }`);
      await ok(
        handler,
        `mutation { classifyDocument(documentId: "${id}", filingPlanNodeId: "${node(code)}") { document { id } } }`,
      );
      await ok(
        handler,
        `mutation { settleDocument(documentId: "${id}", input: { method: ACKNOWLEDGED }) { document { id } } }`,
      );
      docs.push(id);
    }
    const caseFile = (
      await ok(
        handler,
        `mutation { openCaseFile(input: { initiatingDocumentId: "${docs[0]}", title: "${subject}", filingPlanNodeId: "${node('616')}" }) { caseFile { id referenceNumber } } }`,
      )
    ).openCaseFile.caseFile;
    await ok(
      handler,
      `mutation { insertIntoCaseFile(caseFileId: "${caseFile.id}", documentId: "${docs[1]}") { caseFile { id } } }`,
    );
    const closed = (
      await ok(
        handler,
        `mutation { closeCaseFile(id: "${caseFile.id}") { caseFile { disposalCode retentionYears disposalYear } } }`,
      )
    ).closeCaseFile.caseFile;
    // The longest period (the document's S/10) from the closure year: this year + 1 + 10.
    expect(closed).toEqual({ disposalCode: 'S', retentionYears: 10, disposalYear: thisYear + 11 });
    return { ...caseFile, documentIds: docs, disposalYear: closed.disposalYear };
  }

  it('hands over, takes over into a box on a shelf, lends and gets back, holds, finds, returns', async () => {
    const cf = await closedCaseFile('Stížnost na prašnost stavby');

    // Nothing is handed over twice, and an open document is no hand-over entry.
    const handOver = await hub.gql(
      handler,
      `mutation { handOverToRecordsOffice(input: { caseFileIds: ["${cf.id}"] }) {
      auditEventId handOverList { id document { referenceNumber subject state } entries { kind id state referenceNumber fullFilingCode year disposalYear documentIds } } } }`,
    );
    expect(handOver.errors).toBeUndefined();
    const list = handOver.data.handOverToRecordsOffice.handOverList;
    // The hand-over list is itself a registered document of the main register.
    expect(list.document).toEqual({
      referenceNumber: expect.stringMatching(/^MBK \d+\/\d{4}$/),
      subject: 'Předávací seznam do spisovny (1 spisů, 0 dokumentů)',
      state: 'REGISTERED',
    });
    expect(list.entries).toEqual([
      {
        kind: 'CASE_FILE',
        id: cf.id,
        state: 'HANDED_TO_RECORDS_OFFICE',
        referenceNumber: cf.referenceNumber,
        fullFilingCode: '616',
        year: thisYear,
        disposalYear: thisYear + 11,
        documentIds: cf.documentIds,
      },
    ]);
    expect(await caseFileState(cf.id)).toEqual({
      state: 'HANDED_TO_RECORDS_OFFICE',
      documents: [{ state: 'HANDED_TO_RECORDS_OFFICE' }, { state: 'HANDED_TO_RECORDS_OFFICE' }],
    });
    const again = await hub.gql(
      handler,
      `mutation { handOverToRecordsOffice(input: { caseFileIds: ["${cf.id}"] }) { auditEventId } }`,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // Storage: a building, a room, a shelf, a box. Only the records office builds them.
    await refused(
      handler,
      `mutation { createStorageUnit(input: { kind: BUILDING, name: "Budova A" }) { id } }`,
      'FORBIDDEN',
    );
    const unit = async (kind: string, name: string, parentId?: string) =>
      (
        await ok(records, `mutation($i: CreateStorageUnitInput!) { createStorageUnit(input: $i) { id label } }`, {
          i: { kind, name, parentId },
        })
      ).createStorageUnit;
    const building = await unit('BUILDING', 'Budova nám. Svobody 32/3');
    const room = await unit('ROOM', 'Místnost 12', building.id);
    const shelf = await unit('SHELF', 'Regál 3', room.id);
    const box = await unit('BOX', 'Krabice 7', shelf.id);
    expect(box.label).toBe('Budova nám. Svobody 32/3 / Místnost 12 / Regál 3 / Krabice 7');
    await refused(
      records,
      `mutation { createStorageUnit(input: { kind: ROOM, name: "Sklep", parentId: "${box.id}" }) { id } }`,
      'CONFLICT',
    );

    // Take-over of the list: only the records office, only once; filing follows through the log's outbox.
    await refused(handler, `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id } }`, 'FORBIDDEN');
    const taken = await ok(
      records,
      `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id kind state referenceNumber disposalYear } }`,
    );
    expect(taken.takeOverHandOverList).toEqual([
      {
        id: cf.id,
        kind: 'CASE_FILE',
        state: 'IN_RECORDS_OFFICE',
        referenceNumber: cf.referenceNumber,
        disposalYear: thisYear + 11,
      },
    ]);
    await refused(records, `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id } }`, 'CONFLICT');
    expect(await caseFileState(cf.id)).toEqual({
      state: 'IN_RECORDS_OFFICE',
      documents: [{ state: 'IN_RECORDS_OFFICE' }, { state: 'IN_RECORDS_OFFICE' }],
    });

    // Into the box, with its quantity.
    const placed = await ok(
      records,
      `mutation { placeInStorageUnit(entityId: "${cf.id}", storageUnitId: "${box.id}", quantity: "1 složka, 14 listů") { storageUnit { label } quantity } }`,
    );
    expect(placed.placeInStorageUnit).toEqual({ storageUnit: { label: box.label }, quantity: '1 složka, 14 listů' });

    // The inventory finds it by disposal year and by the shelf the box stands on (or the room), not elsewhere.
    const INVENTORY = `query($f: RecordsOfficeInventoryFilter) { recordsOfficeInventory(filter: $f) { totalCount edges { node { id caseFile { id title } storageUnit { name } disposalYear disposalBlocks } } } }`;
    const find = async (f: Record<string, unknown>) => (await ok(records, INVENTORY, { f })).recordsOfficeInventory;
    for (const f of [
      { disposalYear: thisYear + 11, storageUnitId: shelf.id },
      { storageUnitId: room.id },
      { filingCode: '616', year: thisYear },
    ]) {
      expect(await find(f)).toEqual({
        totalCount: 1,
        edges: [
          {
            node: {
              id: cf.id,
              caseFile: { id: cf.id, title: 'Stížnost na prašnost stavby' },
              storageUnit: { name: 'Krabice 7' },
              disposalYear: thisYear + 11,
              disposalBlocks: [],
            },
          },
        ],
      });
    }
    expect((await find({ disposalYear: thisYear + 10 })).totalCount).toBe(0);
    expect((await find({ filingCode: '51' })).totalCount).toBe(0);

    // A loan to the handler, due today: not overdue yet; while lent it cannot leave the records office.
    const handlerId = (await ok(handler, '{ me { id } }')).me.id;
    const lent = await ok(
      records,
      `mutation($i: LendInput!) { lendFromRecordsOffice(input: $i) { id borrower { login } dueOn overdue item { state } } }`,
      {
        i: { entityId: cf.id, borrowerId: handlerId, dueOn: today, reason: 'Podklad k odvolání' },
      },
    );
    expect(lent.lendFromRecordsOffice).toMatchObject({
      borrower: { login: 'mbk.handler' },
      dueOn: today,
      overdue: false,
      item: { state: 'ON_LOAN' },
    });
    expect(await caseFileState(cf.id)).toEqual({
      state: 'ON_LOAN',
      documents: [{ state: 'ON_LOAN' }, { state: 'ON_LOAN' }],
    });
    expect(await ok(records, '{ loans { id } overdueLoans { id } }')).toEqual({
      loans: [{ id: lent.lendFromRecordsOffice.id }],
      overdueLoans: [],
    });
    expect((await find({ onLoan: true })).edges[0].node.disposalBlocks).toEqual(['ON_LOAN']);
    await refused(
      records,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Chyba") { id } }`,
      'CONFLICT',
    );
    await refused(records, `mutation($i: LendInput!) { lendFromRecordsOffice(input: $i) { id } }`, 'CONFLICT', {
      i: { entityId: cf.id, borrowerName: 'Okresní soud v Blansku', dueOn: today },
    });
    // Back from the loan.
    const back = await ok(
      records,
      `mutation { returnLoan(entityId: "${cf.id}") { returnedAt item { state activeLoan { id } } } }`,
    );
    expect(back.returnLoan.item).toEqual({ state: 'IN_RECORDS_OFFICE', activeLoan: null });
    expect(await caseFileState(cf.id)).toEqual({
      state: 'IN_RECORDS_OFFICE',
      documents: [{ state: 'IN_RECORDS_OFFICE' }, { state: 'IN_RECORDS_OFFICE' }],
    });

    // A hold on a document inside the case file holds the case file: it shows in the forecast and the inventory,
    // and it blocks the return out of the records office until it is released with a reason.
    const hold = await ok(
      records,
      `mutation { placeDisposalHold(documentId: "${cf.documentIds[1]}", reason: "Soudní spor 12 C 34/${thisYear}") { id active } }`,
    );
    const caseHold = await ok(
      records,
      `mutation { placeDisposalHold(caseFileId: "${cf.id}", reason: "Kontrola KÚ") { id caseFile { id } document { id } } }`,
    );
    expect(caseHold.placeDisposalHold).toMatchObject({ caseFile: { id: cf.id }, document: null });
    const forecast = await ok(
      records,
      `query($y: Int!) { disposalForecast(year: $y) { edges { node { caseFile { id state disposalHolds { reason } recordsOfficeItem { storageUnit { name } } } } } } }`,
      { y: thisYear + 11 },
    );
    expect(forecast.disposalForecast.edges).toContainEqual({
      node: {
        caseFile: {
          id: cf.id,
          state: 'IN_RECORDS_OFFICE',
          disposalHolds: [{ reason: 'Kontrola KÚ' }],
          recordsOfficeItem: { storageUnit: { name: 'Krabice 7' } },
        },
      },
    });
    const held = await ok(records, `{ recordsOfficeItem(id: "${cf.id}") { disposalBlocks disposalHolds { id } } }`);
    expect(held.recordsOfficeItem.disposalBlocks).toEqual(['DISPOSAL_HOLD']);
    expect(held.recordsOfficeItem.disposalHolds.map((h: { id: string }) => h.id).sort()).toEqual(
      [hold.placeDisposalHold.id, caseHold.placeDisposalHold.id].sort(),
    );
    await refused(
      records,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Doplnění spisu") { id } }`,
      'CONFLICT',
    );
    await refused(
      records,
      `mutation { releaseDisposalHold(id: "${caseHold.placeDisposalHold.id}", reason: "  ") { id } }`,
      'BAD_USER_INPUT',
    );
    await ok(
      records,
      `mutation { releaseDisposalHold(id: "${caseHold.placeDisposalHold.id}", reason: "Kontrola skončila") { active } }`,
    );
    // Still held through its document.
    await refused(
      records,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Doplnění spisu") { id } }`,
      'CONFLICT',
    );
    await ok(
      records,
      `mutation { releaseDisposalHold(id: "${hold.placeDisposalHold.id}", reason: "Spor skončil") { active } }`,
    );

    // Another municipality sees none of it and can do nothing with it.
    expect((await ok(adamov, INVENTORY, { f: {} })).recordsOfficeInventory).toEqual({ totalCount: 0, edges: [] });
    expect(
      await ok(
        adamov,
        `{ recordsOfficeItem(id: "${cf.id}") { id } storageUnits { id } loans(activeOnly: false) { id } }`,
      ),
    ).toEqual({ recordsOfficeItem: null, storageUnits: [], loans: [] });
    await refused(adamov, `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id } }`, 'NOT_FOUND');
    await refused(
      adamov,
      `mutation { placeInStorageUnit(entityId: "${cf.id}", storageUnitId: "${box.id}") { id } }`,
      'NOT_FOUND',
    );
    await refused(adamov, `mutation { placeDisposalHold(caseFileId: "${cf.id}", reason: "Spor") { id } }`, 'NOT_FOUND');
    await refused(
      adamov,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Spor") { id } }`,
      'NOT_FOUND',
    );

    // Nothing blocks it now: back to the office, out of its box; filing shows it CLOSED again.
    const returned = await ok(
      records,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Doplnění spisu") { state storageUnit { id } } }`,
    );
    expect(returned.returnFromRecordsOffice).toEqual({ state: 'RETURNED', storageUnit: null });
    expect(await caseFileState(cf.id)).toEqual({
      state: 'CLOSED',
      documents: [{ state: 'CLOSED' }, { state: 'CLOSED' }],
    });
    expect((await find({ storageUnitId: building.id })).totalCount).toBe(0);

    // The case file's trail tells every step, from both subgraphs.
    const trail = await ok(records, `query($id: ID!) { auditTrail(objectId: $id) { events { eventType source } } }`, {
      id: cf.id,
    });
    expect(trail.auditTrail.events.map((e: { eventType: string }) => e.eventType)).toEqual([
      'Zalozeni',
      'VlozeniDoSpisu',
      'Uzavreni',
      'PredaniNaSpisovnu',
      'PrevzetiNaSpisovnu',
      'VlozeniDoUkladaciJednotky',
      'Uprava',
      'Uprava',
      'PozastaveniSkartacniOperace',
      'ZruseniPozastaveniSkartacniOperace',
      'VyjmutiZUkladaciJednotky',
      'VraceniZeSpisovny',
    ]);
    // And the one log of the municipality has them under the case file, in order.
    await hub.flushRelays();
    const admin = await hub.login('mbk.admin');
    const log = await ok(
      admin,
      `query($id: ID!) { auditLog(first: 50, filter: { objectId: $id }) { edges { node { eventType objectType } } } }`,
      { id: cf.id },
    );
    expect(log.auditLog.edges.map((e: { node: { eventType: string } }) => e.node.eventType)).toContain(
      'PrevzetiNaSpisovnu',
    );
    expect(new Set(log.auditLog.edges.map((e: { node: { objectType: string } }) => e.node.objectType))).toEqual(
      new Set(['Spis']),
    );

    // Under the case file's PID (as the archive matches it against the SIP, rule obs54): every step, with who acted
    // by login, name and role; the object's log validates strictly, and its export is itself logged.
    const { pid } = (await ok(records, `{ caseFile(id: "${cf.id}") { pid } }`)).caseFile;
    expect(pid).toMatch(/^MBKS[0-9A-HJKMNP-TV-Z]{8}$/);
    const LOG_BY = `query($id: ID!) { auditLog(first: 100, filter: { objectId: $id }) { edges { node { eventType objectId objectIdentifier provedlKdo source } } } }`;
    const byPid = (await ok(admin, LOG_BY, { id: pid })).auditLog.edges.map(
      (e: { node: Record<string, string> }) => e.node,
    );
    expect(byPid.map((e: { eventType: string }) => e.eventType)).toEqual(
      trail.auditTrail.events.map((e: { eventType: string }) => e.eventType),
    );
    for (const e of byPid) expect(e).toMatchObject({ objectId: cf.id, objectIdentifier: pid });
    const whoDid = (type: string) => byPid.find((e: { eventType: string }) => e.eventType === type).provedlKdo;
    expect(whoDid('Uzavreni')).toMatch(/^mbk\.handler \(.+; zpracovatel\)$/);
    expect(whoDid('PrevzetiNaSpisovnu')).toMatch(/^mbk\.records \(.+; spisovna\)$/);
    const xml: string = (await ok(admin, 'query($id: ID!) { auditLogObjectXml(objectId: $id) }', { id: pid }))
      .auditLogObjectXml;
    expect(await assertValidTp(xml, 'case file log through the gateway', { strict: true })).toBe('pass');
    expect(xml).toContain(
      `<tp:Identifikator><tp:HodnotaID>${pid}</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID></tp:Identifikator></tp:Objekt>`,
    );
    expect(xml).not.toContain(cf.id);
    await hub.flushRelays();
    const exported = (await ok(admin, LOG_BY, { id: pid })).auditLog.edges
      .map((e: { node: Record<string, string> }) => e.node)
      .at(-1);
    expect(exported).toMatchObject({
      eventType: 'Export',
      objectIdentifier: pid,
      provedlKdo: expect.stringMatching(/^mbk\.admin \(.+; .*správce spisové služby.*\)$/),
    });
  });
});
