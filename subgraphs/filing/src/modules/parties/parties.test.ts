import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  icoFrom,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { storeUpload } from '../components/components';
import { Document } from '../documents/document.entity';
import { Shipment } from '../dispatch/shipment.entity';
import { Party } from './party.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const THIRD = DEMO_MUNICIPALITIES[2];
const user = (municipalityId: string, role: string) =>
  DEMO_USERS.find((u) => u.municipalityId === municipalityId && u.roles.includes(role as never))!;
const as = (u: (typeof DEMO_USERS)[number]) => testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
const clerk = as(user(BLANSKO.id, 'INTAKE_CLERK'));
const handler = as(user(BLANSKO.id, 'CASE_HANDLER'));
const records = as(user(BLANSKO.id, 'RECORDS_OFFICER'));
const adamovClerk = as(user(ADAMOV.id, 'INTAKE_CLERK'));
const thirdClerk = as(user(THIRD.id, 'INTAKE_CLERK'));
const thirdHandler = as(user(THIRD.id, 'CASE_HANDLER'));
type Caller = typeof clerk;

const ICO_A = icoFrom('2710001');
const ICO_B = icoFrom('2710002');
const BAD_ICO = ICO_A.slice(0, 7) + String((Number(ICO_A[7]) + 1) % 10);

const PARTY = `id kind name ico givenName familyName birthDate address dataBoxId email source
  postalAddress { street houseNumber orientationNumber municipality municipalityPart postCode }`;
const CREATE = `mutation($i: PartyInput!) { createParty(input: $i) { auditEventId party { ${PARTY} } } }`;
const UPDATE = `mutation($id: ID!, $i: PartyInput!) { updateParty(id: $id, input: $i) { auditEventId party { ${PARTY} } } }`;
const GET = `query($id: ID!) { party(id: $id) { ${PARTY} } }`;
const LIST = `query($s: String, $first: Int, $after: String) { parties(search: $s, first: $first, after: $after) {
  edges { cursor node { id name } } pageInfo { hasNextPage endCursor hasPreviousPage startCursor } totalCount } }`;
const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document {
  id sender { name address dataBoxId ico } senderParty { ${PARTY} } } } }`;
const RECEIVE = `mutation($i: DataMessageInput!) { receiveDataMessage(input: $i) { document { id sender { name dataBoxId ico } senderParty { ${PARTY} } } } }`;
const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const REGISTER_DRAFT = `mutation($d: ID!) { registerDraft(documentId: $d) { document { id } } }`;
const SHIP = `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { shipment { id recipient { name address dataBoxId email } recipientParty { id name } } } }`;

const received = (sender: Record<string, unknown>, subject = 'Žádost') => ({
  subject,
  origin: 'RECEIVED',
  deliveredAt: '2026-03-02T09:15:00+01:00',
  ...sender,
});
const novak = {
  kind: 'NATURAL_PERSON',
  givenName: 'Jan',
  familyName: 'Novák',
  birthDate: '1970-05-04',
  email: 'jan.novak@example.cz',
  postalAddress: {
    street: 'Komenského',
    houseNumber: '1234',
    orientationNumber: '12',
    municipality: 'Blansko',
    municipalityPart: 'Sever',
    postCode: '67801',
  },
};

describe.each(testDatabaseKinds())('name register on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;
  let nextDmId = 5000;

  const ok = async (caller: Caller, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };
  const fails = async (caller: Caller, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    expect(res.errors).toHaveLength(1);
    return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field };
  };
  const counts = async (municipalityId = BLANSKO.id) => {
    const em = scopeToTenant(t.orm.em.fork(), municipalityId);
    return {
      parties: await em.count(Party, {}),
      documents: await em.count(Document, {}),
      shipments: await em.count(Shipment, {}),
      audit: await em.count(AuditEvent, {}),
    };
  };
  const partyEvents = async (id: string) =>
    scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(AuditEvent, { objectId: id }, { orderBy: { sequence: 'asc' } });
  const put = async (caller: Caller, text: string) => {
    const em = scopeToTenant(t.orm.em.fork(), caller.municipalityId!);
    return storeUpload(em, store, caller as never, Readable.from([Buffer.from(text)]), {
      fileName: `${text}.pdf`,
      mediaType: 'application/pdf',
      maxBytes: 10_000,
    });
  };
  /** An own registered document of the handler with one file, ready for shipments. */
  const ownDocument = async (caller: Caller, subject: string) => {
    const id = (await ok(caller, DRAFT, { i: { subject } })).createDraftDocument.document.id;
    await ok(caller, ATTACH, { d: id, u: (await put(caller, subject)).id });
    await ok(caller, REGISTER_DRAFT, { d: id });
    return id as string;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-parties-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a natural person with the address in parts, audited, found by folded name; refuses a duplicate and the wrong roles', async () => {
    const { createParty } = await ok(clerk, CREATE, { i: novak });
    const p = createParty.party;
    expect(p).toMatchObject({
      kind: 'NATURAL_PERSON',
      name: 'Jan Novák',
      birthDate: '1970-05-04',
      source: 'MANUAL',
      ico: null,
      address: 'Komenského 1234/12, Sever, 678 01 Blansko',
      postalAddress: {
        street: 'Komenského',
        houseNumber: '1234',
        orientationNumber: '12',
        municipality: 'Blansko',
        municipalityPart: 'Sever',
        postCode: '67801',
      },
    });
    const [created] = await partyEvents(p.id);
    expect(created).toMatchObject({ id: createParty.auditEventId, eventType: 'Zalozeni', objectType: 'Subjekt' });
    expect(created.changes).toEqual(expect.arrayContaining([{ name: 'familyName', old: null, new: 'Novák' }]));

    expect((await ok(handler, LIST, { s: 'NOVAK' })).parties.edges.map((e: any) => e.node.id)).toContain(p.id);
    // The same name and address again, spelt otherwise: the register has it.
    expect(
      await fails(records, CREATE, { i: { ...novak, givenName: 'JAN', familyName: 'Novak', birthDate: null } }),
    ).toEqual({ code: 'CONFLICT', field: undefined });
    expect((await fails(handler, CREATE, { i: { kind: 'LEGAL_PERSON', name: 'Firma' } })).code).toBe('FORBIDDEN');
  });

  it('refuses a bad IČO with BAD_USER_INPUT and writes nothing, whether by hand, inline at registration or from ISDS', async () => {
    const before = await counts();
    expect(await fails(clerk, CREATE, { i: { kind: 'LEGAL_PERSON', name: 'Vadná s.r.o.', ico: BAD_ICO } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ico',
    });
    expect(
      await fails(clerk, REGISTER, {
        i: received({ senderParty: { kind: 'LEGAL_PERSON', name: 'Vadná s.r.o.', ico: BAD_ICO } }),
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'senderParty.ico' });
    expect(
      await fails(clerk, REGISTER, { i: received({ senderParty: { kind: 'NATURAL_PERSON', givenName: 'Jan' } }) }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'senderParty.familyName' });
    expect(
      await fails(clerk, REGISTER, {
        i: received({ senderParty: { ...novak, postalAddress: { ...novak.postalAddress, postCode: '6780' } } }),
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'senderParty.postalAddress.postCode' });
    const upload = await put(clerk, 'bad-ico');
    expect(
      await fails(clerk, RECEIVE, {
        i: {
          dmId: String(nextDmId++),
          senderBoxId: 'badico1',
          senderName: 'Vadná s.r.o.',
          senderIco: BAD_ICO,
          annotation: 'Dopis',
          deliveryTime: '2026-03-02T09:15:00+01:00',
          status: 6,
          uploadIds: [upload.id],
        },
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'senderIco' });
    // Two ways of naming the sender at once.
    expect(
      (
        await fails(clerk, REGISTER, {
          i: received({ sender: { name: 'A' }, senderPartyId: '00000000-0000-4000-8000-000000000001' }),
        })
      ).code,
    ).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('takes the same IČO or data box for the same party: registration, data messages and updates', async () => {
    const first = (
      await ok(clerk, REGISTER, {
        i: received({ sender: { name: 'Stavby Kras s.r.o.', address: 'Svitavská 5, Blansko', ico: ICO_A } }),
      })
    ).registerDocument.document;
    expect(first.senderParty).toMatchObject({
      kind: 'LEGAL_PERSON',
      name: 'Stavby Kras s.r.o.',
      ico: ICO_A,
      source: 'INTAKE',
    });
    // Another letter of the firm under another name: the same party; the register entry keeps the letter's words.
    const second = (await ok(clerk, REGISTER, { i: received({ sender: { name: 'STAVBY KRAS', ico: ICO_A } }) }))
      .registerDocument.document;
    expect(second.senderParty.id).toBe(first.senderParty.id);
    expect(second.sender).toEqual({ name: 'STAVBY KRAS', address: null, dataBoxId: null, ico: ICO_A });

    // A data message from a new box adds the party with ISDS's sender type; the next one from the box finds it and
    // gets its IČO when ISDS gives it.
    const message = async (over: Record<string, unknown>) =>
      (
        await ok(clerk, RECEIVE, {
          i: {
            dmId: String(nextDmId++),
            senderBoxId: 'kr4jjmk',
            senderName: 'Krajský úřad JMK',
            annotation: 'Rozhodnutí',
            deliveryTime: '2026-03-02T09:15:00+01:00',
            status: 6,
            uploadIds: [(await put(clerk, `dm-${nextDmId}`)).id],
            ...over,
          },
        })
      ).receiveDataMessage.document;
    const m1 = await message({ senderType: 10, senderAddress: 'Žerotínovo náměstí 449/3, 601 82 Brno' });
    expect(m1.senderParty).toMatchObject({
      kind: 'PUBLIC_AUTHORITY',
      dataBoxId: 'kr4jjmk',
      ico: null,
      address: 'Žerotínovo náměstí 449/3, 601 82 Brno',
    });
    const m2 = await message({ senderName: 'Krajský úřad Jihomoravského kraje', senderIco: ICO_B });
    expect(m2.senderParty).toMatchObject({ id: m1.senderParty.id, ico: ICO_B, name: 'Krajský úřad JMK' });
    expect(m2.sender).toEqual({ name: 'Krajský úřad Jihomoravského kraje', dataBoxId: 'kr4jjmk', ico: ICO_B });
    const events = await partyEvents(m1.senderParty.id);
    expect(events.map((e) => e.eventType)).toEqual(['Zalozeni', 'Uprava']);
    expect(events[1].changes).toEqual([{ name: 'ico', old: null, new: ICO_B }]);
    // Found by its IČO now too, and by the box in the search.
    const byIco = (await ok(clerk, REGISTER, { i: received({ sender: { name: 'KÚ', ico: ICO_B } }) })).registerDocument
      .document;
    expect(byIco.senderParty.id).toBe(m1.senderParty.id);
    expect((await ok(clerk, LIST, { s: 'kr4jjmk' })).parties.edges.map((e: any) => e.node.id)).toEqual([
      m1.senderParty.id,
    ]);

    // By id: the entry is the party's snapshot, which a later update of the party does not touch.
    const byId = (await ok(clerk, REGISTER, { i: received({ senderPartyId: first.senderParty.id }) })).registerDocument
      .document;
    expect(byId.sender).toEqual({
      name: 'Stavby Kras s.r.o.',
      address: 'Svitavská 5, Blansko',
      dataBoxId: null,
      ico: ICO_A,
    });
    const updated = (
      await ok(records, UPDATE, {
        id: first.senderParty.id,
        i: {
          kind: 'LEGAL_PERSON',
          name: 'Stavby Kras a.s.',
          ico: ICO_A,
          dataBoxId: 'kras123',
          postalAddress: {
            street: 'Svitavská',
            houseNumber: '1234',
            orientationNumber: '5',
            municipality: 'Blansko',
            postCode: '678 01',
          },
        },
      })
    ).updateParty;
    expect(updated.party).toMatchObject({
      name: 'Stavby Kras a.s.',
      address: 'Svitavská 1234/5, 678 01 Blansko',
      dataBoxId: 'kras123',
    });
    const history = await partyEvents(first.senderParty.id);
    expect(history.at(-1)).toMatchObject({ id: updated.auditEventId, eventType: 'Uprava' });
    expect(history.at(-1)!.changes).toEqual(
      expect.arrayContaining([{ name: 'name', old: 'Stavby Kras s.r.o.', new: 'Stavby Kras a.s.' }]),
    );
    const stored = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).findOneOrFail(Document, { id: byId.id });
    expect([stored.senderName, stored.senderPartyId]).toEqual(['Stavby Kras s.r.o.', first.senderParty.id]);
    // An update may not take another party's IČO (nothing written).
    const before = await counts();
    expect(
      (await fails(records, UPDATE, { id: first.senderParty.id, i: { kind: 'LEGAL_PERSON', name: 'X', ico: ICO_B } }))
        .code,
    ).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('dispatch reuses the party: by id (snapshot from the register), by the same box, and checks what the channel needs', async () => {
    const kras = (await ok(clerk, LIST, { s: 'kras' })).parties.edges[0].node;
    const documentId = await ownDocument(handler, 'Odpověď firmě');
    const byId = (await ok(handler, SHIP, { i: { documentId, channel: 'DATA_BOX', recipientPartyId: kras.id } }))
      .createShipment.shipment;
    expect(byId).toMatchObject({
      recipient: { name: 'Stavby Kras a.s.', dataBoxId: 'kras123' },
      recipientParty: { id: kras.id },
    });
    const flat = (
      await ok(handler, SHIP, {
        i: { documentId, channel: 'DATA_BOX', recipient: { name: 'Kras', dataBoxId: 'kras123' } },
      })
    ).createShipment.shipment;
    expect(flat).toMatchObject({ recipient: { name: 'Kras', dataBoxId: 'kras123' }, recipientParty: { id: kras.id } });
    // Inline structured: a new person, added with source DISPATCH.
    const inline = (
      await ok(handler, SHIP, {
        i: {
          documentId,
          channel: 'POST',
          postalKind: 'ORDINARY',
          recipientParty: {
            kind: 'NATURAL_PERSON',
            givenName: 'Eva',
            familyName: 'Svobodová',
            postalAddress: { street: 'Lažánky', houseNumber: '45', municipality: 'Lažánky', postCode: '679 02' },
          },
        },
      })
    ).createShipment.shipment;
    expect(inline.recipient).toEqual({
      name: 'Eva Svobodová',
      address: 'Lažánky 45, 679 02 Lažánky',
      dataBoxId: null,
      email: null,
    });
    expect((await ok(handler, GET, { id: inline.recipientParty.id })).party.source).toBe('DISPATCH');
    // The party has no e-mail: an EMAIL shipment to it is refused, and nothing is written.
    const before = await counts();
    expect(await fails(handler, SHIP, { i: { documentId, channel: 'EMAIL', recipientPartyId: kras.id } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'recipientPartyId',
    });
    expect(await counts()).toEqual(before);
  });

  it('two shipments to a new box at once add one party, which both name', async () => {
    const [d1, d2] = [await ownDocument(handler, 'Výzva 1'), await ownDocument(handler, 'Výzva 2')];
    const ship = (documentId: string) =>
      ok(handler, SHIP, {
        i: { documentId, channel: 'DATA_BOX', recipient: { name: 'Nový s.r.o.', dataBoxId: 'novy123' } },
      });
    const [a, b] = await Promise.all([ship(d1), ship(d2)]);
    expect(a.createShipment.shipment.recipientParty.id).toBe(b.createShipment.shipment.recipientParty.id);
    expect(await scopeToTenant(t.orm.em.fork(), BLANSKO.id).count(Party, { dataBoxId: 'novy123' })).toBe(1);
  });

  it('keeps municipalities apart: another one can neither read, list, update nor link a party', async () => {
    const kras = (await ok(clerk, LIST, { s: 'kras' })).parties.edges[0].node;
    expect((await ok(adamovClerk, GET, { id: kras.id })).party).toBeNull();
    expect((await ok(adamovClerk, LIST, {})).parties.edges.map((e: any) => e.node.id)).not.toContain(kras.id);
    const before = await counts(ADAMOV.id);
    expect(await fails(adamovClerk, REGISTER, { i: received({ senderPartyId: kras.id }) })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await fails(adamovClerk, UPDATE, { id: kras.id, i: { kind: 'LEGAL_PERSON', name: 'Převzato' } })).code,
    ).toBe('NOT_FOUND');
    expect(await counts(ADAMOV.id)).toEqual(before);
    // The same IČO in Adamov is Adamov's own party.
    const own = (await ok(adamovClerk, REGISTER, { i: received({ sender: { name: 'Stavby Kras', ico: ICO_A } }) }))
      .registerDocument.document;
    expect(own.senderParty.id).not.toBe(kras.id);
    expect((await ok(clerk, GET, { id: kras.id })).party.name).toBe('Stavby Kras a.s.');
  });

  it('pages the register newest first with the shared cursor', async () => {
    const page1 = (await ok(clerk, LIST, { first: 2 })).parties;
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    // Relay PageInfo: the first page has nothing before it; start and end cursors are its first and last edges'.
    expect(page1.pageInfo).toMatchObject({
      hasPreviousPage: false,
      startCursor: page1.edges[0].cursor,
      endCursor: page1.edges[1].cursor,
    });
    const page2 = (await ok(clerk, LIST, { first: 2, after: page1.pageInfo.endCursor })).parties;
    expect(page2.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: page2.edges[0].cursor });
    // totalCount counts the whole register, whatever the page: walk it and compare.
    let all = page1.edges.length,
      after = page1.pageInfo.endCursor,
      page = page1;
    while (page.pageInfo.hasNextPage) {
      page = (await ok(clerk, LIST, { first: 2, after })).parties;
      all += page.edges.length;
      after = page.pageInfo.endCursor;
    }
    expect(page1.totalCount).toBe(all);
    expect(page2.totalCount).toBe(all);
    const ids = [...page1.edges, ...page2.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await fails(clerk, LIST, { after: 'nonsense' })).field).toBe('after');
  });

  it('upgrade: senders and recipients stored before the register become its parties, deduplicated and linked, once', async () => {
    const em = () => scopeToTenant(t.orm.em.fork(), THIRD.id);
    const a = (await ok(thirdClerk, REGISTER, { i: received({ sender: { name: 'Lesy Blansko s.r.o.', ico: ICO_A } }) }))
      .registerDocument.document.id;
    const b = (
      await ok(thirdClerk, REGISTER, {
        i: received({ sender: { name: 'LESY BLANSKO', address: 'Jinde 1', ico: ICO_A } }),
      })
    ).registerDocument.document.id;
    const c = (
      await ok(thirdClerk, REGISTER, { i: received({ sender: { name: 'Petr Malý', address: 'Hlavní 3, Blansko' } }) })
    ).registerDocument.document.id;
    const d = (
      await ok(thirdClerk, REGISTER, { i: received({ sender: { name: 'petr  maly', address: 'HLAVNÍ 3, Blansko' } }) })
    ).registerDocument.document.id;
    const documentId = await ownDocument(thirdHandler, 'Odpověď');
    const s = (
      await ok(thirdHandler, SHIP, {
        i: { documentId, channel: 'DATA_BOX', recipient: { name: 'Lesy', dataBoxId: 'lesy123' } },
      })
    ).createShipment.shipment.id;

    // Make it a database of the release before: no parties, nothing linked, not marked.
    const knex = t.orm.em.getKnex();
    await knex('document').where({ municipality_id: THIRD.id }).update({ sender_party_id: null });
    await knex('shipment').where({ municipality_id: THIRD.id }).update({ recipient_party_id: null });
    await knex('party').where({ municipality_id: THIRD.id }).delete();
    await knex('sequence_counter').where({ name: 'upgrade:name-register-1' }).delete();
    const eventsBefore = await em().count(AuditEvent, { objectType: 'Subjekt' });

    await filing.upgradeData!(t.orm);
    const docs = new Map((await em().find(Document, { id: { $in: [a, b, c, d] } })).map((x) => [x.id, x]));
    const parties = await em().find(Party, {}, { orderBy: { name: 'asc' } });
    // The firm by its IČO (completed with the address the second letter had), the person by name and address
    // (case, diacritics and spacing aside), and the box nobody else has as its own.
    expect(parties.map((p) => [p.name, p.ico, p.dataBoxId, p.address, p.source])).toEqual([
      ['Lesy', null, 'lesy123', null, 'UPGRADE'],
      ['Lesy Blansko s.r.o.', ICO_A, null, 'Jinde 1', 'UPGRADE'],
      ['Petr Malý', null, null, 'Hlavní 3, Blansko', 'UPGRADE'],
    ]);
    const [box, lesy, maly] = parties;
    expect([a, b, c, d].map((id) => docs.get(id)!.senderPartyId)).toEqual([lesy.id, lesy.id, maly.id, maly.id]);
    // The flat columns stay: they are the snapshot.
    expect(docs.get(b)!.senderName).toBe('LESY BLANSKO');
    expect((await em().findOneOrFail(Shipment, { id: s })).recipientPartyId).toBe(box.id);
    // Each new party's creation is in the log, by the system.
    const created = await em().find(AuditEvent, {
      objectType: 'Subjekt',
      eventType: 'Zalozeni',
      objectId: { $in: parties.map((p) => p.id) },
    });
    expect(created.map((e) => e.actorLogin).sort()).toEqual(['system', 'system', 'system']);
    expect(await em().count(AuditEvent, { objectType: 'Subjekt' })).toBeGreaterThan(eventsBefore);

    // Once: a second start finds the mark and adds nothing.
    const n = await em().count(Party, {});
    await filing.upgradeData!(t.orm);
    expect(await em().count(Party, {})).toBe(n);
  });
});
