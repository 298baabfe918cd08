// A caller must never see or change another municipality's data, whatever id it sends.
import { AuditEvent, testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

describe.each(testDatabaseKinds())('tenant isolation on %s', (kind) => {
  let hub: Hub;
  let mbkClerk: string;
  let mbkRecords: string;
  let adaClerk: string;
  let adaDocumentId: string;
  let adaRegisterId: string;

  /** Rows in every subgraph database, all tenants (bypassing the filter on purpose). */
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const [name, s] of Object.entries(hub.subgraphs)) {
      out[name] = await s.orm.em.fork().count(AuditEvent, {}, { filters: false });
    }
    return out;
  };

  beforeAll(async () => {
    hub = await startHub(kind);
    [mbkClerk, mbkRecords, adaClerk] = await Promise.all(
      ['mbk.clerk', 'mbk.records', 'ouada.clerk'].map((l) => hub.login(l)),
    );
    const reg = await hub.gql(adaClerk, REGISTER, { input: received('Adamov: smlouva o dílo') });
    adaDocumentId = reg.data.registerDocument.document.id;
    const registers = await hub.gql(adaClerk, `{ registers { id kind } }`);
    adaRegisterId = registers.data.registers.find((r: any) => r.kind === 'MAIN').id;
  });
  afterAll(() => hub?.stop());

  it('reads: another municipality’s document is not found, lists never include it', async () => {
    const one = await hub.gql(mbkClerk, `query($id: ID!) { document(id: $id) { id subject } }`, { id: adaDocumentId });
    expect(one.errors).toBeUndefined();
    expect(one.data.document).toBeNull();
    const list = await hub.gql(mbkClerk, `{ documents(first: 100) { totalCount edges { node { id } } } }`);
    expect(list.data.documents.edges.map((e: any) => e.node.id)).not.toContain(adaDocumentId);
    const mun = await hub.gql(mbkClerk, `{ municipalities { abbreviation id } }`);
    const adamov = mun.data.municipalities.find((m: any) => m.abbreviation === 'OUADA');
    const theirs = await hub.gql(
      mbkClerk,
      `query($id: ID!) { municipality(id: $id) { name documents(first: 5) { totalCount } } }`,
      { id: adamov.id },
    );
    expect(theirs.data.municipality.documents).toBeNull();
    expect(theirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('writes: registering into another municipality’s register or holding its document is refused, nothing written', async () => {
    const before = await snapshot();
    const reg = await hub.gql(mbkClerk, REGISTER, { input: received('Podvrh', { registerId: adaRegisterId }) });
    expect(reg.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const hold = await hub.gql(
      mbkRecords,
      `mutation($id: ID!) { placeDisposalHold(documentId: $id, reason: "x") { id } }`,
      { id: adaDocumentId },
    );
    expect(hold.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);
    const theirs = await hub.gql(adaClerk, `{ documents(first: 100) { totalCount } }`);
    expect(theirs.data.documents.totalCount).toBe(1);
  });

  it('users: another municipality’s users are invisible, a tenant admin cannot disable them', async () => {
    const adaAdmin = await hub.login('ouada.admin');
    const mbkUsers = await hub.gql(mbkClerk, `{ users { login } }`);
    expect(mbkUsers.data.users.every((u: any) => u.login.startsWith('mbk.'))).toBe(true);
    const victim = mbkUsers.data.users.find((u: any) => u.login === 'mbk.clerk');
    const me = await hub.gql(mbkClerk, `{ me { id } }`);
    const before = await snapshot();
    const res = await hub.gql(adaAdmin, `mutation($id: ID!) { disableUser(id: $id) { id } }`, { id: me.data.me.id });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);
    expect(victim).toBeDefined();
  });

  it('subgraphs refuse requests that did not come through the gateway', async () => {
    for (const s of Object.values(hub.subgraphs)) {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(res.status).toBe(401);
      expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const forged = await fetch(s.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-caller': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA',
        },
        body: '{"query":"{ __typename }"}',
      });
      expect(forged.status).toBe(401);
    }
  });
});
