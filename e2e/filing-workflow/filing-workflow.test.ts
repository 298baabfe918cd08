// Issue 4's story through the gateway: a received document of Blansko goes from registration to a closed
// case file with the right disposal code and year; refused steps change nothing; the audit trail tells it
// all; the records office's forecast lists it under the right year.
import { AuditEvent, DEMO_MUNICIPALITIES, demoId, testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);
const thisYear = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Europe/Prague', year: 'numeric' }).format(new Date()),
);

const DOC = `id state referenceNumber disposalCode retentionYears disposalYear handler { login } orgUnit { id }`;
const step = (mutation: string, args: string) =>
  `mutation { ${mutation}(${args}) { auditEventId document { ${DOC} } } }`;

describe.each(testDatabaseKinds())('filing workflow on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  let handler: string;
  let records: string;
  const filingEvents = () => hub.subgraphs.filing.orm.em.fork().count(AuditEvent, {}, { filters: false });

  beforeAll(async () => {
    hub = await startHub(kind);
    [clerk, handler, records] = await Promise.all(['mbk.clerk', 'mbk.handler', 'mbk.records'].map((l) => hub.login(l)));
  });
  afterAll(() => hub?.stop());

  /** Expects a refusal with `code`, and that nothing was written. */
  async function refused(token: string, query: string, code: string, variables?: Record<string, unknown>) {
    const before = await filingEvents();
    const res = await hub.gql(token, query, variables);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await filingEvents()).toBe(before);
  }

  it('takes a received document from registration to a closed case file, and forecasts its disposal', async () => {
    const handlerUnit = blansko.orgUnits[1].id;
    const me = await hub.gql(handler, '{ me { id } }');
    const handlerId = me.data.me.id;

    // Podatelna registers the complaint and assigns it to the handler of Odbor vnitřních věcí.
    const reg = await hub.gql(clerk, REGISTER, { input: received('Stížnost na hluk z provozovny') });
    const id = reg.data.registerDocument.document.id;
    // Not the handler's yet: to them it does not exist.
    await refused(handler, step('settleDocument', `documentId: "${id}", input: { method: ACKNOWLEDGED }`), 'NOT_FOUND');
    const assigned = await hub.gql(
      clerk,
      step('assignDocument', `documentId: "${id}", orgUnitId: "${handlerUnit}", handlerId: "${handlerId}"`),
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data.assignDocument.document).toMatchObject({
      state: 'ASSIGNED',
      handler: { login: 'mbk.handler' },
      orgUnit: { id: handlerUnit },
    });

    // Assigned but not accepted: settling skips a state.
    await refused(handler, step('settleDocument', `documentId: "${id}", input: { method: ACKNOWLEDGED }`), 'CONFLICT');
    // The handler takes it over, classifies it (616 Stížnosti, S/5 from settlement) and settles it.
    expect(
      (await hub.gql(handler, step('acceptDocument', `documentId: "${id}"`))).data.acceptDocument.document.state,
    ).toBe('IN_PROGRESS');
    await refused(clerk, step('settleDocument', `documentId: "${id}", input: { method: ACKNOWLEDGED }`), 'FORBIDDEN');
    await refused(handler, step('settleDocument', `documentId: "${id}", input: { method: OTHER }`), 'BAD_USER_INPUT');
    const classified = await hub.gql(
      handler,
      step('classifyDocument', `documentId: "${id}", filingPlanNodeId: "${node('616')}"`),
    );
    expect(classified.data.classifyDocument.document).toMatchObject({
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: null,
    });
    const settled = await hub.gql(
      handler,
      step('settleDocument', `documentId: "${id}", input: { method: ACKNOWLEDGED }`),
    );
    expect(settled.data.settleDocument.document).toMatchObject({ state: 'SETTLED', disposalYear: thisYear + 1 + 5 });

    // A second, related document (A/10: 101 Zastupitelstvo) goes into the case file opened from the first.
    const second = await hub.gql(clerk, REGISTER, { input: received('Usnesení zastupitelstva ke stížnosti') });
    const secondId = second.data.registerDocument.document.id;
    await hub.gql(
      clerk,
      step('assignDocument', `documentId: "${secondId}", orgUnitId: "${handlerUnit}", handlerId: "${handlerId}"`),
    );
    await hub.gql(handler, step('acceptDocument', `documentId: "${secondId}"`));
    await hub.gql(handler, step('classifyDocument', `documentId: "${secondId}", filingPlanNodeId: "${node('101')}"`));

    const opened = await hub.gql(
      handler,
      `mutation { openCaseFile(input: { initiatingDocumentId: "${id}", title: "Stížnost na hluk – provozovna Komenského" filingPlanNodeId: "${node('616')}" }) { caseFile { id referenceNumber state } } }`,
    );
    expect(opened.errors).toBeUndefined();
    const caseFile = opened.data.openCaseFile.caseFile;
    expect(caseFile.referenceNumber).toBe(reg.data.registerDocument.document.referenceNumber);
    const inserted = await hub.gql(
      handler,
      `mutation { insertIntoCaseFile(caseFileId: "${caseFile.id}", documentId: "${secondId}") { caseFile { documents { id } } } }`,
    );
    expect(inserted.data.insertIntoCaseFile.caseFile.documents.map((d: any) => d.id)).toEqual([id, secondId]);

    // Not every document is settled yet: closing is refused and changes nothing.
    await refused(handler, `mutation { closeCaseFile(id: "${caseFile.id}") { caseFile { state } } }`, 'CONFLICT');
    await hub.gql(handler, step('settleDocument', `documentId: "${secondId}", input: { method: BY_DOCUMENT }`));

    const closed = await hub.gql(
      handler,
      `mutation { closeCaseFile(id: "${caseFile.id}") { caseFile { state disposalCode retentionYears disposalYear documents { state } } } }`,
    );
    expect(closed.errors).toBeUndefined();
    // §5.3: the closure year + 1 + the longest period over the case file (S/5) and its documents (A/10), the strongest code.
    expect(closed.data.closeCaseFile.caseFile).toEqual({
      state: 'CLOSED',
      disposalCode: 'A',
      retentionYears: 10,
      disposalYear: thisYear + 1 + 10,
      documents: [{ state: 'CLOSED' }, { state: 'CLOSED' }],
    });

    // The records office's forecast lists the case file under its year, and not the documents inside it.
    const year = closed.data.closeCaseFile.caseFile.disposalYear;
    const forecast = await hub.gql(
      records,
      `query($y: Int!) { disposalForecast(year: $y) { totalCount pageInfo { hasNextPage } edges { node { caseFile { id } document { id } fullFilingCode disposalCode } } } }`,
      { y: year },
    );
    expect(forecast.data.disposalForecast).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [{ node: { caseFile: { id: caseFile.id }, document: null, fullFilingCode: '616', disposalCode: 'A' } }],
    });
    const other = await hub.gql(
      records,
      `query($y: Int!) { disposalForecast(year: $y) { edges { node { caseFile { id } } } } }`,
      { y: year - 1 },
    );
    expect(other.data.disposalForecast.edges).toEqual([]);

    // The audit trail tells the story of the first document, in order.
    const trail = await hub.gql(
      records,
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType actorLogin } } }`,
      { id },
    );
    expect(trail.data.auditTrail.events.map((e: any) => e.eventType)).toEqual([
      'Zalozeni',
      'ZmenaZpracovatele',
      'Uprava',
      'Uprava',
      'Vyrizeni',
      'VlozeniDoSpisu',
      'Uzavreni',
    ]);
    const caseTrail = await hub.gql(records, `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`, {
      id: caseFile.id,
    });
    expect(caseTrail.data.auditTrail.events.map((e: any) => e.eventType)).toEqual([
      'Zalozeni',
      'VlozeniDoSpisu',
      'Uzavreni',
    ]);

    // Another municipality sees none of it.
    const adamov = await hub.login('ouada.records');
    expect((await hub.gql(adamov, `query { document(id: "${id}") { id } }`)).data.document).toBeNull();
    expect((await hub.gql(adamov, `query { caseFile(id: "${caseFile.id}") { id } }`)).data.caseFile).toBeNull();
  });
});
