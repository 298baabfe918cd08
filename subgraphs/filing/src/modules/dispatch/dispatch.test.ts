import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { storeUpload } from '../components/components';
import { Upload } from '../components/upload.entity';
import { DeliveryProof } from './delivery-proof.entity';
import { filesToSend } from './dispatch';
import { Shipment } from './shipment.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const as = (login: string) => {
  const u = demo(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
type TestCaller = ReturnType<typeof as>;
const clerk = as('mbk.clerk');
const handler = as('mbk.handler');
const records = as('mbk.records');
const adamovClerk = as('ouada.clerk');
/** A second case handler of Blansko's unit who has nothing to do with the document. */
const colleague = testCaller(
  BLANSKO.id,
  ['CASE_HANDLER'],
  'mbk.colleague',
  '00000000-0000-4000-8000-00000000c011',
  demo('mbk.handler').orgUnitId,
);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const REGISTER_DRAFT = `mutation($d: ID!) { registerDraft(documentId: $d) { document { id referenceNumber } } }`;
const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`;
const SHIPMENT_FIELDS = `id state channel postalKind externalId documentReferenceNumber documentSubject
  recipient { name address dataBoxId email } handedOverAt dispatchedAt deliveredAt deliveredByFiction returnedAt returnReason returnNote cancelReason
  files { order version fileName sha256 } proofs { kind fileName sha256 size downloadPath } document { id }`;
const CREATE = `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { auditEventId shipment { ${SHIPMENT_FIELDS} } } }`;
const HAND_OVER = `mutation($s: ID!) { handOverShipment(shipmentId: $s) { shipment { ${SHIPMENT_FIELDS} } } }`;
const CANCEL = `mutation($s: ID!, $r: String!) { cancelShipment(shipmentId: $s, reason: $r) { shipment { ${SHIPMENT_FIELDS} } } }`;
const DISPATCH = `mutation($i: DispatchShipmentInput!) { dispatchShipment(input: $i) { shipment { ${SHIPMENT_FIELDS} } } }`;
const DELIVERED = `mutation($i: RecordShipmentDeliveryInput!) { recordShipmentDelivery(input: $i) { shipment { ${SHIPMENT_FIELDS} } } }`;
const RETURNED = `mutation($i: RecordShipmentReturnInput!) { recordShipmentReturn(input: $i) { shipment { ${SHIPMENT_FIELDS} } } }`;
const QUEUE = `query($state: ShipmentState, $channel: ShipmentChannel, $first: Int, $after: String) {
  dispatchQueue(state: $state, channel: $channel, first: $first, after: $after) { edges { cursor node { id state channel } } pageInfo { hasNextPage endCursor } totalCount }
}`;
const SHIPMENT = `query($id: ID!) { shipment(id: $id) { id state } }`;
const DOCUMENT_SHIPMENTS = `query($id: ID!) { document(id: $id) { shipments { id state channel } } }`;
const CANCEL_DOCUMENT = `mutation($d: ID!) { cancelDocument(documentId: $d, reason: "omylem") { document { state } } }`;

const dataBox = (documentId: string) => ({
  documentId,
  channel: 'DATA_BOX',
  recipient: { name: 'Jan Novák', dataBoxId: 'abc1234' },
});
const post = (documentId: string) => ({
  documentId,
  channel: 'POST',
  postalKind: 'DELIVERY_NOTE',
  recipient: { name: 'Jan Novák', address: 'Komenského 1, 678 01 Blansko' },
});

describe.each(testDatabaseKinds())('dispatch on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;

  const put = async (caller: TestCaller, text: string) => {
    const em = scopeToTenant(t.orm.em.fork(), caller.municipalityId!);
    return storeUpload(em, store, caller as never, Readable.from([Buffer.from(text)]), {
      fileName: `${text}.pdf`,
      mediaType: 'application/pdf',
      maxBytes: 10_000,
    });
  };
  const ok = async (caller: TestCaller, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };
  const fails = async (caller: TestCaller, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    expect(res.errors).toHaveLength(1);
    return {
      code: res.errors![0].extensions?.code,
      field: res.errors![0].extensions?.field,
      message: res.errors![0].message,
    };
  };
  /** An own registered document of mbk.handler, with `files` attached as originals. */
  const ownDocument = async (subject: string, files: string[] = ['odpoved']) => {
    const id = (await ok(handler, DRAFT, { i: { subject } })).createDraftDocument.document.id;
    for (const f of files) await ok(handler, ATTACH, { d: id, u: (await put(handler, `${f}-${subject}`)).id });
    await ok(handler, REGISTER_DRAFT, { d: id });
    return id as string;
  };
  const counts = async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    return {
      shipments: await em.count(Shipment, {}),
      proofs: await em.count(DeliveryProof, {}),
      audit: await em.count(AuditEvent, {}),
    };
  };
  const eventsOf = async (documentId: string) => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    return em.find(AuditEvent, { objectId: documentId }, { orderBy: { sequence: 'asc' } });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-dispatch-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a reply by data box and by post through their states, every step audited on the document with hashes', async () => {
    const documentId = await ownDocument('Odpověď na žádost', ['odpoved', 'priloha']);
    const byBox = (await ok(handler, CREATE, { i: dataBox(documentId) })).createShipment.shipment;
    const byPost = (await ok(handler, CREATE, { i: post(documentId) })).createShipment.shipment;
    expect(byBox).toMatchObject({
      state: 'CREATED',
      channel: 'DATA_BOX',
      postalKind: null,
      recipient: { dataBoxId: 'abc1234' },
      documentSubject: 'Odpověď na žádost',
    });
    expect(byPost).toMatchObject({ state: 'CREATED', channel: 'POST', postalKind: 'DELIVERY_NOTE' });
    expect(byBox.files.map((f: any) => [f.order, f.fileName, f.sha256])).toEqual([
      [1, 'odpoved-Odpověď na žádost.pdf', sha('odpoved-Odpověď na žádost')],
      [2, 'priloha-Odpověď na žádost.pdf', sha('priloha-Odpověď na žádost')],
    ]);

    // Not in the dispatch office's queue until handed over.
    expect((await ok(clerk, QUEUE, {})).dispatchQueue.edges.map((e: any) => e.node.id)).not.toContain(byBox.id);
    for (const s of [byBox, byPost])
      expect((await ok(handler, HAND_OVER, { s: s.id })).handOverShipment.shipment.state).toBe('TO_DISPATCH');
    const queue = (await ok(clerk, QUEUE, {})).dispatchQueue.edges.map((e: any) => e.node.id);
    expect(queue.indexOf(byBox.id)).toBeLessThan(queue.indexOf(byPost.id));
    expect((await ok(clerk, QUEUE, { channel: 'POST' })).dispatchQueue.edges.map((e: any) => e.node.id)).toContain(
      byPost.id,
    );
    expect((await ok(clerk, QUEUE, { channel: 'POST' })).dispatchQueue.edges.map((e: any) => e.node.id)).not.toContain(
      byBox.id,
    );

    const sent = (await ok(clerk, DISPATCH, { i: { shipmentId: byBox.id, externalId: '1234567890' } })).dispatchShipment
      .shipment;
    expect(sent).toMatchObject({ state: 'DISPATCHED', externalId: '1234567890' });
    const posted = (await ok(clerk, DISPATCH, { i: { shipmentId: byPost.id, externalId: 'RR123456789CZ' } }))
      .dispatchShipment.shipment;
    expect(posted.state).toBe('DISPATCHED');

    const receipt = await put(clerk, 'dorucenka');
    const delivered = (
      await ok(clerk, DELIVERED, {
        i: { shipmentId: byBox.id, deliveredAt: new Date().toISOString(), proofUploadId: receipt.id },
      })
    ).recordShipmentDelivery.shipment;
    expect(delivered.state).toBe('DELIVERED');
    expect(delivered.proofs).toEqual([
      expect.objectContaining({
        kind: 'DELIVERY_RECEIPT',
        fileName: 'dorucenka.pdf',
        sha256: sha('dorucenka'),
        size: 9,
      }),
    ]);
    expect(delivered.proofs[0].downloadPath).toMatch(/^\/downloads\/delivery-proof\?id=/);
    const returned = (
      await ok(clerk, RETURNED, {
        i: { shipmentId: byPost.id, returnedAt: new Date().toISOString(), reason: 'NOT_COLLECTED' },
      })
    ).recordShipmentReturn.shipment;
    expect(returned).toMatchObject({ state: 'RETURNED', returnReason: 'NOT_COLLECTED', deliveredByFiction: false });

    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    expect(await em.count(Upload, { id: receipt.id })).toBe(0);
    const events = (await eventsOf(documentId)).filter((e) => e.changes.some((c) => c.name === 'shipmentId'));
    const of = (id: string) => events.filter((e) => e.changes.some((c) => c.name === 'shipmentId' && c.new === id));
    expect(of(byBox.id).map((e) => e.eventType)).toEqual([
      'VlozeniKVypraveni',
      'PredaniVypravne',
      'Vypraveno',
      'Doruceno',
    ]);
    expect(of(byPost.id).map((e) => e.eventType)).toEqual([
      'VlozeniKVypraveni',
      'PredaniVypravne',
      'Vypraveno',
      'Uprava',
    ]);
    const vypraveno = of(byBox.id)[2];
    expect(vypraveno.actorLogin).toBe('mbk.clerk');
    expect(vypraveno.changes.filter((c) => c.name.startsWith('file[')).map((c) => c.new)).toEqual([
      expect.stringContaining(sha('odpoved-Odpověď na žádost')),
      expect.stringContaining(sha('priloha-Odpověď na žádost')),
    ]);
    expect(vypraveno.changes).toContainEqual({ name: 'externalId', old: null, new: '1234567890' });
    expect(of(byBox.id)[3].changes).toContainEqual({ name: 'proofSha256', old: null, new: sha('dorucenka') });
    expect(of(byPost.id)[3].changes).toContainEqual({ name: 'state', old: 'DISPATCHED', new: 'RETURNED' });

    const listed = (await ok(handler, DOCUMENT_SHIPMENTS, { id: documentId })).document.shipments;
    expect(listed.map((s: any) => [s.id, s.state])).toEqual([
      [byBox.id, 'DELIVERED'],
      [byPost.id, 'RETURNED'],
    ]);
    expect((await ok(clerk, QUEUE, { state: 'DELIVERED' })).dispatchQueue.edges.map((e: any) => e.node.id)).toContain(
      byBox.id,
    );
  });

  it('refuses bad recipients and channels with stable codes, writing nothing', async () => {
    const documentId = await ownDocument('Výzva k doplnění');
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...dataBox(documentId), recipient: { name: 'Jan Novák' } }, 'recipient.dataBoxId'],
      [{ ...dataBox(documentId), recipient: { name: 'Jan Novák', dataBoxId: 'ABC12' } }, 'recipient.dataBoxId'],
      [{ documentId, channel: 'EMAIL', recipient: { name: 'Jan Novák', email: 'not-an-address' } }, 'recipient.email'],
      [
        {
          documentId,
          channel: 'EMAIL',
          postalKind: 'ORDINARY',
          recipient: { name: 'Jan Novák', email: 'jan@example.cz' },
        },
        'postalKind',
      ],
      [{ ...post(documentId), postalKind: null }, 'postalKind'],
      [{ ...post(documentId), recipient: { name: 'Jan Novák' } }, 'recipient.address'],
      [{ ...post(documentId), recipient: { name: '   ', address: 'Blansko' } }, 'recipient.name'],
    ];
    for (const [input, field] of cases) {
      expect(await fails(handler, CREATE, { i: input })).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await counts()).toEqual(before);
  });

  it('dispatches only own registered documents with files, and only through the dispatch office', async () => {
    const draft = (await ok(handler, DRAFT, { i: { subject: 'Koncept' } })).createDraftDocument.document.id;
    expect((await fails(handler, CREATE, { i: dataBox(draft) })).code).toBe('CONFLICT');
    const received = (
      await ok(clerk, REGISTER, {
        i: {
          subject: 'Žádost',
          origin: 'RECEIVED',
          deliveredAt: new Date().toISOString(),
          sender: { name: 'Eva Malá' },
        },
      })
    ).registerDocument.document.id;
    expect((await fails(clerk, CREATE, { i: dataBox(received) })).code).toBe('CONFLICT');

    const noFiles = await ownDocument('Bez příloh', []);
    const s = (await ok(handler, CREATE, { i: dataBox(noFiles) })).createShipment.shipment;
    const before = await counts();
    expect((await fails(handler, HAND_OVER, { s: s.id })).code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);

    const documentId = await ownDocument('Rozhodnutí');
    const box = (await ok(handler, CREATE, { i: dataBox(documentId) })).createShipment.shipment;
    // Nobody else prepares it: a colleague of the unit does not even see it, the records office may not hand it over.
    expect((await fails(colleague, HAND_OVER, { s: box.id })).code).toBe('NOT_FOUND');
    expect((await fails(records, HAND_OVER, { s: box.id })).code).toBe('FORBIDDEN');
    expect((await fails(clerk, DISPATCH, { i: { shipmentId: box.id, externalId: '42' } })).code).toBe('CONFLICT');
    await ok(handler, HAND_OVER, { s: box.id });
    expect((await fails(handler, DISPATCH, { i: { shipmentId: box.id, externalId: '42' } })).code).toBe('FORBIDDEN');
    expect(await fails(clerk, DISPATCH, { i: { shipmentId: box.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'externalId',
    });
    expect(
      await fails(clerk, DISPATCH, {
        i: { shipmentId: box.id, externalId: '42', dispatchedAt: '2001-01-01T00:00:00Z' },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatchedAt' });
    expect(
      (await fails(clerk, DELIVERED, { i: { shipmentId: box.id, deliveredAt: new Date().toISOString() } })).code,
    ).toBe('CONFLICT');
    await ok(clerk, DISPATCH, { i: { shipmentId: box.id, externalId: '42' } });
    const before2 = await counts();
    expect(
      await fails(clerk, DELIVERED, { i: { shipmentId: box.id, deliveredAt: '2001-01-01T00:00:00Z' } }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveredAt' });
    expect(
      await fails(clerk, DELIVERED, {
        i: { shipmentId: box.id, deliveredAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveredAt' });
    expect(
      await fails(clerk, RETURNED, {
        i: { shipmentId: box.id, returnedAt: new Date().toISOString(), reason: 'OTHER_VERIFIED' },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    // Another user's upload is not theirs to attach as proof.
    const foreign = await put(handler, 'cizi');
    expect(
      (
        await fails(clerk, DELIVERED, {
          i: { shipmentId: box.id, deliveredAt: new Date().toISOString(), proofUploadId: foreign.id },
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before2);
    // Another municipality's dispatch office does not see it.
    expect(
      (await fails(adamovClerk, DELIVERED, { i: { shipmentId: box.id, deliveredAt: new Date().toISOString() } })).code,
    ).toBe('NOT_FOUND');
    expect((await t.run(adamovClerk, SHIPMENT, { id: box.id })).data!.shipment).toBeNull();
    expect((await fails(adamovClerk, QUEUE, { first: 0 })).code).toBe('BAD_USER_INPUT');
    expect(
      (await ok(adamovClerk, QUEUE, { state: 'DISPATCHED', first: 100 })).dispatchQueue.edges.map(
        (e: any) => e.node.id,
      ),
    ).not.toContain(box.id);
    expect((await fails(handler, QUEUE, {})).code).toBe('FORBIDDEN');
  });

  it('records delivery by fiction for data-box and postal items only', async () => {
    const documentId = await ownDocument('Výzva');
    const [box, personal] = [
      dataBox(documentId),
      { documentId, channel: 'PERSONAL_DELIVERY', recipient: { name: 'Eva Malá' } },
    ];
    const ids: string[] = [];
    for (const input of [box, personal]) {
      const s = (await ok(handler, CREATE, { i: input })).createShipment.shipment;
      await ok(handler, HAND_OVER, { s: s.id });
      await ok(clerk, DISPATCH, { i: { shipmentId: s.id, externalId: '77' } });
      ids.push(s.id);
    }
    expect(
      await fails(clerk, DELIVERED, {
        i: { shipmentId: ids[1], deliveredAt: new Date().toISOString(), byFiction: true },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'byFiction' });
    const s = (
      await ok(clerk, DELIVERED, { i: { shipmentId: ids[0], deliveredAt: new Date().toISOString(), byFiction: true } })
    ).recordShipmentDelivery.shipment;
    expect(s).toMatchObject({ state: 'DELIVERED', deliveredByFiction: true });
    const doruceno = (await eventsOf(documentId)).find((e) => e.eventType === 'Doruceno')!;
    expect(doruceno.changes).toContainEqual({ name: 'deliveredByFiction', old: null, new: 'true' });
  });

  it('lets one of two concurrent dispatches of a shipment win', async () => {
    const documentId = await ownDocument('Souběh');
    const s = (await ok(handler, CREATE, { i: post(documentId) })).createShipment.shipment;
    await ok(handler, HAND_OVER, { s: s.id });
    const results = await Promise.all([0, 1].map(() => t.run(clerk, DISPATCH, { i: { shipmentId: s.id } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect((await eventsOf(documentId)).filter((e) => e.eventType === 'Vypraveno')).toHaveLength(1);
  });

  it('keeps a document with shipments not yet sent from being cancelled until they are taken out', async () => {
    const documentId = await ownDocument('Stornovaný dopis');
    const s = (await ok(handler, CREATE, { i: post(documentId) })).createShipment.shipment;
    await ok(handler, HAND_OVER, { s: s.id });
    expect((await fails(handler, CANCEL_DOCUMENT, { d: documentId })).code).toBe('CONFLICT');
    expect(await fails(handler, CANCEL, { s: s.id, r: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    // The dispatch office may take it out too; here the handler does.
    expect((await ok(handler, CANCEL, { s: s.id, r: 'Adresa se změnila' })).cancelShipment.shipment).toMatchObject({
      state: 'CANCELLED',
      cancelReason: 'Adresa se změnila',
    });
    expect((await fails(clerk, DISPATCH, { i: { shipmentId: s.id } })).code).toBe('CONFLICT');
    expect((await ok(handler, CANCEL_DOCUMENT, { d: documentId })).cancelDocument.document.state).toBe('CANCELLED');
    expect((await eventsOf(documentId)).map((e) => e.eventType)).toContain('VyjmutiZVypraveni');
  });

  it('pages the queue by keyset without skipping or repeating', async () => {
    const documentId = await ownDocument('Hromadná obálka');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = (
        await ok(handler, CREATE, {
          i: { documentId, channel: 'PERSONAL_DELIVERY', recipient: { name: `Adresát ${i}` } },
        })
      ).createShipment.shipment;
      await ok(handler, HAND_OVER, { s: s.id });
      ids.push(s.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(clerk, QUEUE, { channel: 'PERSONAL_DELIVERY', first: 2, after })).dispatchQueue;
      expect(page.totalCount).toBe(ids.length); // the whole queue of that channel, on every page
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect((await fails(clerk, QUEUE, { after: 'nonsense' })).code).toBe('BAD_USER_INPUT');
  });
});

describe('filesToSend', () => {
  const c = (order: number, version: number, form = 'ORIGINAL') => ({ order, version, form }) as never;
  it('sends the newest version of each order, without concepts', () => {
    expect(filesToSend([c(1, 1), c(1, 2), c(2, 1, 'CONCEPT'), c(3, 1)]).map((x: any) => [x.order, x.version])).toEqual([
      [1, 2],
      [3, 1],
    ]);
  });
});
