// Issue 6's story through the gateway: the ISDS connector (an API client) delivers a data message with two PDFs
// twice — one document; the podatelna downloads its files (hashes match) and assigns it; the handler replies with
// an own document sent by data box and by post; the connector and the dispatch office send both and record their
// delivery with proofs; the audit trail shows it all with hashes. An oversize upload and a malformed envelope are
// refused with nothing written.
import { AuditEvent, DEMO_MUNICIPALITIES, Role, testDatabaseKinds } from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string, lines: number) => Buffer.from('%PDF-1.7\n' + `${text}\n`.repeat(lines) + '%%EOF\n');
const MAX_UPLOAD = 256 * 1024;

const RECEIVE = `mutation($input: DataMessageInput!) {
  receiveDataMessage(input: $input) { duplicate document { id referenceNumber components { order fileName sha256 downloadPath } } }
}`;
const SHIPMENT = `id state channel postalKind externalId documentReferenceNumber files { fileName sha256 downloadPath } proofs { kind sha256 downloadPath }`;

describe.each(testDatabaseKinds())('intake, reply and dispatch through the gateway on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let blobDir: string;
  const saved = { dir: process.env.HUB_BLOB_DIR, max: process.env.HUB_MAX_UPLOAD_BYTES };
  const tokens: Record<string, string> = {};

  const gql = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const res = await hub.gql(tokens[who], query, variables);
    if (res.errors) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const upload = (who: string, body: Buffer, fileName: string) =>
    fetch(`${origin}/uploads?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${tokens[who]}` },
      body,
    });
  const uploaded = async (who: string, body: Buffer, fileName: string) => {
    const res = await upload(who, body, fileName);
    expect(res.status).toBe(201);
    return (await res.json()).uploadId as string;
  };
  const download = async (who: string, path: string) => {
    const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return {
      status: res.status,
      header: res.headers.get('x-content-sha256'),
      hash: sha(Buffer.from(await res.arrayBuffer())),
    };
  };
  const apiClient = async (name: string, roles: Role[]) => {
    const { createApiClient } = await gql(
      'mbk.admin',
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId secret } }`,
      { input: { name, roles } },
    );
    const signedIn = await hub.gql(
      null,
      `mutation($c: ID!, $s: String!) { loginApiClient(clientId: $c, secret: $s) { token } }`,
      { c: createApiClient.clientId, s: createApiClient.secret },
    );
    return signedIn.data.loginApiClient.token as string;
  };
  /** What a refusal must leave untouched: filing's rows and the blob store's files. */
  const written = async () => {
    const knex = hub.subgraphs.filing.orm.em.getKnex();
    const count = async (table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
    return {
      documents: await count('document'),
      uploads: await count('upload'),
      messages: await count('data_message'),
      events: await hub.subgraphs.filing.orm.em.fork().count(AuditEvent, {}, { filters: false }),
      blobs: readdirSync(blobDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length,
    };
  };

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-dispatch-blobs-'));
    process.env.HUB_BLOB_DIR = blobDir;
    process.env.HUB_MAX_UPLOAD_BYTES = String(MAX_UPLOAD);
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    for (const login of ['mbk.admin', 'mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.clerk'])
      tokens[login] = await hub.login(login);
    // Two office apps: the ISDS connector's intake side, and its sending side (which sees only what it must send).
    tokens.intake = await apiClient('ISDS příjem', [Role.INTAKE_CLERK]);
    tokens.sending = await apiClient('ISDS odesílání', [Role.DISPATCH_CLERK]);
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    for (const [k, v] of [
      ['HUB_BLOB_DIR', saved.dir],
      ['HUB_MAX_UPLOAD_BYTES', saved.max],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('receives a message once, replies by data box and by post, records both deliveries; the trail shows it all with hashes', async () => {
    // 1. The connector delivers a message with two PDFs, twice (a retry): one document.
    const decision = pdf('Žádost o stavební povolení', 300);
    const annex = pdf('Příloha: situační výkres', 200);
    const envelope = (uploadIds: string[]) => ({
      dmId: '987654321',
      senderBoxId: 'vqbab52',
      senderName: 'Stavební společnost Blansko s.r.o.',
      annotation: 'Žádost o stavební povolení',
      deliveryTime: new Date(Date.now() - 3_600_000).toISOString(),
      status: 4,
      uploadIds,
    });
    const first = (
      await gql('intake', RECEIVE, {
        input: envelope([
          await uploaded('intake', decision, 'zadost.pdf'),
          await uploaded('intake', annex, 'vykres.pdf'),
        ]),
      })
    ).receiveDataMessage;
    const again = (
      await gql('intake', RECEIVE, {
        input: envelope([
          await uploaded('intake', decision, 'zadost.pdf'),
          await uploaded('intake', annex, 'vykres.pdf'),
        ]),
      })
    ).receiveDataMessage;
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(again.document.id).toBe(first.document.id);
    const received = first.document;

    // 2. The podatelna downloads its files (the hashes match) and assigns it to the handler, who accepts.
    for (const [c, bytes] of [
      [received.components[0], decision],
      [received.components[1], annex],
    ] as const) {
      expect(c.sha256).toBe(sha(bytes));
      expect(await download('mbk.clerk', c.downloadPath)).toEqual({
        status: 200,
        header: sha(bytes),
        hash: sha(bytes),
      });
    }
    const handlerId = (await gql('mbk.handler', '{ me { id } }')).me.id;
    await gql(
      'mbk.clerk',
      `mutation { assignDocument(documentId: "${received.id}", orgUnitId: "${blansko.orgUnits[1].id}", handlerId: "${handlerId}") { document { state } } }`,
    );
    await gql('mbk.handler', `mutation { acceptDocument(documentId: "${received.id}") { document { state } } }`);

    // 3. The handler writes the reply: a draft with its PDF, registered (it gets its reference number).
    const replyPdf = pdf('Rozhodnutí: stavební povolení se vydává', 250);
    const reply = (
      await gql(
        'mbk.handler',
        `mutation { createDraftDocument(input: { subject: "Stavební povolení" }) { document { id } } }`,
      )
    ).createDraftDocument.document.id;
    await gql(
      'mbk.handler',
      `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`,
      { d: reply, u: await uploaded('mbk.handler', replyPdf, 'rozhodnuti.pdf') },
    );
    const { referenceNumber } = (
      await gql('mbk.handler', `mutation { registerDraft(documentId: "${reply}") { document { referenceNumber } } }`)
    ).registerDraft.document;

    // 4. Two shipments, by data box to the sender and by post with a delivery note; both handed to the dispatch office.
    const create = async (input: Record<string, unknown>) =>
      (
        await gql(
          'mbk.handler',
          `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { shipment { id } } }`,
          { i: { documentId: reply, ...input } },
        )
      ).createShipment.shipment.id as string;
    const byBox = await create({
      channel: 'DATA_BOX',
      recipient: { name: 'Stavební společnost Blansko s.r.o.', dataBoxId: 'vqbab52' },
    });
    const byPost = await create({
      channel: 'POST',
      postalKind: 'DELIVERY_NOTE',
      recipient: { name: 'Jan Soused', address: 'Rožmitálova 3, 678 01 Blansko' },
    });
    for (const id of [byBox, byPost])
      await gql('mbk.handler', `mutation { handOverShipment(shipmentId: "${id}") { shipment { state } } }`);

    // 5. The connector's sending side takes the data-box shipment from its queue, fetches the file it sends (it may
    // read that one, not the received document's files), sends it and records the delivery receipt.
    const queue = (
      await gql('sending', `{ dispatchQueue(channel: DATA_BOX) { edges { node { ${SHIPMENT} } } } }`)
    ).dispatchQueue.edges.map((e: any) => e.node);
    const toSend = queue.find((s: any) => s.id === byBox);
    expect(toSend).toMatchObject({
      state: 'TO_DISPATCH',
      documentReferenceNumber: referenceNumber,
      files: [{ fileName: 'rozhodnuti.pdf', sha256: sha(replyPdf) }],
    });
    expect(await download('sending', toSend.files[0].downloadPath)).toEqual({
      status: 200,
      header: sha(replyPdf),
      hash: sha(replyPdf),
    });
    expect((await download('sending', received.components[0].downloadPath)).status).toBe(404);
    await gql(
      'sending',
      `mutation { dispatchShipment(input: { shipmentId: "${byBox}", externalId: "987654999" }) { shipment { state } } }`,
    );
    const receipt = pdf('Doručenka: dodáno, doručeno přihlášením', 40);
    const delivered = (
      await gql(
        'sending',
        `mutation($i: RecordShipmentDeliveryInput!) { recordShipmentDelivery(input: $i) { shipment { ${SHIPMENT} } } }`,
        {
          i: {
            shipmentId: byBox,
            deliveredAt: new Date().toISOString(),
            proofUploadId: await uploaded('sending', receipt, 'dorucenka.pdf'),
          },
        },
      )
    ).recordShipmentDelivery.shipment;
    expect(delivered).toMatchObject({
      state: 'DELIVERED',
      externalId: '987654999',
      proofs: [{ kind: 'DELIVERY_RECEIPT', sha256: sha(receipt) }],
    });

    // 6. The dispatch office posts the letter, and records its delivery with the scanned delivery note.
    await gql(
      'mbk.clerk',
      `mutation { dispatchShipment(input: { shipmentId: "${byPost}", externalId: "RR123456789CZ" }) { shipment { state } } }`,
    );
    const note = pdf('Dodejka: převzal Jan Soused', 30);
    const posted = (
      await gql(
        'mbk.clerk',
        `mutation($i: RecordShipmentDeliveryInput!) { recordShipmentDelivery(input: $i) { shipment { ${SHIPMENT} } } }`,
        {
          i: {
            shipmentId: byPost,
            deliveredAt: new Date().toISOString(),
            proofUploadId: await uploaded('mbk.clerk', note, 'dodejka.pdf'),
          },
        },
      )
    ).recordShipmentDelivery.shipment;
    expect(posted).toMatchObject({
      state: 'DELIVERED',
      postalKind: 'DELIVERY_NOTE',
      proofs: [{ kind: 'DELIVERY_RECEIPT', sha256: sha(note) }],
    });
    expect(await download('mbk.handler', posted.proofs[0].downloadPath)).toEqual({
      status: 200,
      header: sha(note),
      hash: sha(note),
    });

    // 7. The audit trail: the received document's files with their hashes, the reply's dispatch step by step.
    const trail = async (id: string) =>
      (
        await gql(
          'mbk.records',
          `query($id: ID!) { auditTrail(objectId: $id) { events { eventType actorLogin changes { name new } } } }`,
          { id },
        )
      ).auditTrail.events as {
        eventType: string;
        actorLogin: string;
        changes: { name: string; new: string | null }[];
      }[];
    const value = (e: { changes: { name: string; new: string | null }[] }, name: string) =>
      e.changes.find((c) => c.name === name)?.new;
    const intakeEvents = await trail(received.id);
    expect(intakeEvents.filter((e) => e.eventType === 'VlozeniKDokumentu').map((e) => value(e, 'sha256'))).toEqual([
      sha(decision),
      sha(annex),
    ]);
    expect(intakeEvents.find((e) => e.eventType === 'Zalozeni')?.actorLogin).toBe('mbk.api.isds-prijem');
    const replyEvents = await trail(reply);
    const steps = (shipmentId: string) => replyEvents.filter((e) => value(e, 'shipmentId') === shipmentId);
    for (const id of [byBox, byPost]) {
      expect(steps(id).map((e) => e.eventType)).toEqual([
        'VlozeniKVypraveni',
        'PredaniVypravne',
        'Vypraveno',
        'Doruceno',
      ]);
      expect(value(steps(id)[2], 'file[1]')).toContain(sha(replyPdf));
    }
    expect(steps(byBox)[2].actorLogin).toBe('mbk.api.isds-odesilani');
    expect(value(steps(byBox)[3], 'proofSha256')).toBe(sha(receipt));
    expect(value(steps(byPost)[3], 'proofSha256')).toBe(sha(note));
    expect(steps(byPost)[2].actorLogin).toBe('mbk.clerk');

    // 8. Adamov's dispatch office (who sees every shipment of its own municipality) reaches none of this.
    expect((await gql('ouada.clerk', `query { shipment(id: "${byBox}") { id } }`)).shipment).toBeNull();
    const adamovQueue = (
      await gql('ouada.clerk', '{ dispatchQueue(state: DELIVERED, first: 100) { edges { node { id } } } }')
    ).dispatchQueue.edges;
    expect(adamovQueue.map((e: any) => e.node.id)).not.toContain(byBox);
    expect((await download('ouada.clerk', posted.proofs[0].downloadPath)).status).toBe(404);
    expect((await download('ouada.clerk', toSend.files[0].downloadPath)).status).toBe(404);
    const bad = await fetch(`${origin}/downloads/delivery-proof?id=nonsense`, {
      headers: { authorization: `Bearer ${tokens['mbk.clerk']}` },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('refuses an oversize upload and a malformed envelope, writing nothing', async () => {
    const ids = [await uploaded('intake', pdf('Podání', 10), 'podani.pdf')];
    const before = await written();
    const big = await upload('intake', Buffer.alloc(MAX_UPLOAD + 1, 7), 'velky.pdf');
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await hub.gql(tokens.intake, RECEIVE, {
      input: {
        dmId: '555',
        senderBoxId: 'toolong12',
        senderName: 'Někdo',
        annotation: 'Podání',
        deliveryTime: new Date().toISOString(),
        status: 4,
        uploadIds: ids,
      },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'senderBoxId' });
    expect(await written()).toEqual(before);
  });
});
