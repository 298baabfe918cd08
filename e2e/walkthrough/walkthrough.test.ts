// The "done when" story, through the gateway over HTTP: register in two municipalities, each sees
// only its own, follow references across subgraphs, place a disposal hold, read the audit trail.
import { testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

describe.each(testDatabaseKinds())('walkthrough on %s', (kind) => {
  let hub: Hub;
  let mbkClerk: string;
  let adaClerk: string;
  beforeAll(async () => {
    hub = await startHub(kind);
    [mbkClerk, adaClerk] = await Promise.all([hub.login('mbk.clerk'), hub.login('ouada.clerk')]);
  });
  afterAll(() => hub?.stop());

  it('registers documents with gapless reference numbers per municipality', async () => {
    const mbk1 = await hub.gql(mbkClerk, REGISTER, { input: received('Žádost o kácení dřevin') });
    const mbk2 = await hub.gql(mbkClerk, REGISTER, { input: received('Stížnost na hluk') });
    const ada1 = await hub.gql(adaClerk, REGISTER, { input: received('Žádost o pronájem sálu') });
    expect([mbk1.errors, mbk2.errors, ada1.errors]).toEqual([undefined, undefined, undefined]);
    const year = mbk1.data.registerDocument.document.year;
    expect(mbk1.data.registerDocument.document.referenceNumber).toBe(`MBK 1/${year}`);
    expect(mbk2.data.registerDocument.document.referenceNumber).toBe(`MBK 2/${year}`);
    expect(ada1.data.registerDocument.document.referenceNumber).toBe(`OUADA 1/${year}`);
    expect(mbk1.data.registerDocument.document.pid).toMatch(/^MBK/);
  });

  it('shows each municipality only its own documents, following references across subgraphs', async () => {
    const q = `{ me { municipality { name documents(first: 10) { totalCount edges { node { subject registeredBy { name login } municipality { abbreviation competentArchive { abbreviation } } } } } } } }`;
    const mbk = await hub.gql(mbkClerk, q);
    expect(mbk.errors).toBeUndefined();
    const m = mbk.data.me.municipality;
    expect(m.name).toBe('Blansko');
    expect(m.documents.totalCount).toBe(2);
    expect(m.documents.edges.map((e: any) => e.node.subject).sort()).toEqual([
      'Stížnost na hluk',
      'Žádost o kácení dřevin',
    ]);
    for (const { node } of m.documents.edges) {
      expect(node.registeredBy.login).toBe('mbk.clerk');
      expect(node.registeredBy.name).toMatch(/\S/);
      expect(node.municipality).toEqual({ abbreviation: 'MBK', competentArchive: { abbreviation: 'SOkA Blansko' } });
    }
    const ada = await hub.gql(adaClerk, `{ documents(first: 10) { totalCount edges { node { subject } } } }`);
    expect(ada.data.documents.edges.map((e: any) => e.node.subject)).toEqual(['Žádost o pronájem sálu']);
  });

  it('places a disposal hold and tells the whole story in the audit trail', async () => {
    const records = await hub.login('mbk.records');
    const list = await hub.gql(
      records,
      `{ documents(first: 1, filter: { subjectContains: "kácení" }) { edges { node { id } } } }`,
    );
    const documentId = list.data.documents.edges[0].node.id;
    const hold = await hub.gql(
      records,
      `mutation($id: ID!) { placeDisposalHold(documentId: $id, reason: "Soudní spor sp. zn. 12 C 34/2026") { id active document { referenceNumber } placedBy { login } } }`,
      { id: documentId },
    );
    expect(hold.errors).toBeUndefined();
    expect(hold.data.placeDisposalHold).toMatchObject({ active: true, placedBy: { login: 'mbk.records' } });
    expect(hold.data.placeDisposalHold.document.referenceNumber).toMatch(/^MBK 1\//);

    const doc = await hub.gql(records, `query($id: ID!) { document(id: $id) { disposalHolds { reason } } }`, {
      id: documentId,
    });
    expect(doc.data.document.disposalHolds).toEqual([{ reason: 'Soudní spor sp. zn. 12 C 34/2026' }]);

    const trail = await hub.gql(
      records,
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType objectType actorLogin source actor { login } changes { name new } } } }`,
      { id: documentId },
    );
    expect(trail.errors).toBeUndefined();
    const events = trail.data.auditTrail.events;
    expect(events.map((e: any) => [e.eventType, e.source, e.actorLogin])).toEqual([
      ['Zalozeni', 'filing', 'mbk.clerk'],
      ['PozastaveniSkartacniOperace', 'archives', 'mbk.records'],
      // Opening the document to see its holds is a read, and reads are logged.
      ['Zobrazeni', 'filing', 'mbk.records'],
    ]);
    expect(events[0].actor.login).toBe('mbk.clerk');
    expect(events[0].objectType).toBe('Dokument');

    // The clerk of the same municipality may not read the log; the other municipality sees nothing of it.
    const clerk = await hub.gql(mbkClerk, `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`, {
      id: documentId,
    });
    expect(clerk.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const adaRecords = await hub.login('ouada.records');
    const foreign = await hub.gql(
      adaRecords,
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`,
      { id: documentId },
    );
    expect(foreign.data.auditTrail.events).toEqual([]);
  });
});
