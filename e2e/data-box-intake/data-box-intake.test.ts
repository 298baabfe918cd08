// Data-box (ISDS) intake through the gateway (issue 6, item 3): an office app signs in as an API client with
// INTAKE_CLERK, uploads a message's two PDFs and delivers the message twice — one document, numbered once; a clerk
// downloads its files with matching hashes; a malformed envelope is refused with nothing written.
import { Role, testDatabaseKinds } from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTER, received, startHub, type Hub } from '../harness';

const RECEIVE = `mutation($input: DataMessageInput!) {
  receiveDataMessage(input: $input) {
    duplicate
    dataMessage { dmId senderBoxId status documentId }
    document { id referenceNumber sequenceNumber subject origin deliveredAt sender { name dataBoxId }
      components { id order form fileName sha256 size downloadPath } }
  }
}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(testDatabaseKinds())('data-box intake through the gateway on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let blobDir: string;
  let app = '';
  let clerk = '';
  const savedDir = process.env.HUB_BLOB_DIR;

  const upload = async (token: string, body: Buffer, fileName: string) => {
    const res = await fetch(`${origin}/uploads?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` },
      body,
    });
    expect(res.status).toBe(201);
    return (await res.json()).uploadId as string;
  };
  const envelope = (dmId: string, uploadIds: string[], extra: Record<string, unknown> = {}) => ({
    dmId,
    senderBoxId: 'vqbab52',
    senderName: 'Krajský úřad Jihomoravského kraje',
    annotation: 'Rozhodnutí o odvolání',
    senderRefNumber: 'JMK 123/2026',
    deliveryTime: '2026-03-02T09:15:42.500+01:00',
    status: 4,
    uploadIds,
    ...extra,
  });

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-intake-blobs-'));
    process.env.HUB_BLOB_DIR = blobDir;
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    const admin = await hub.login('mbk.admin');
    const created = await hub.gql(
      admin,
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId secret } }`,
      { input: { name: 'ISDS konektor', roles: [Role.INTAKE_CLERK] } },
    );
    if (!created.data?.createApiClient) throw new Error(JSON.stringify(created.errors));
    const { clientId, secret } = created.data.createApiClient;
    const signedIn = await hub.gql(
      null,
      `mutation($c: ID!, $s: String!) { loginApiClient(clientId: $c, secret: $s) { token } }`,
      { c: clientId, s: secret },
    );
    app = signedIn.data.loginApiClient.token;
    clerk = await hub.login('mbk.clerk');
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    if (savedDir === undefined) delete process.env.HUB_BLOB_DIR;
    else process.env.HUB_BLOB_DIR = savedDir;
  });

  const main = Buffer.from('%PDF-1.7\n' + 'Rozhodnutí o odvolání\n'.repeat(200) + '%%EOF\n');
  const annex = Buffer.from('%PDF-1.7\n' + 'Příloha: odůvodnění\n'.repeat(100) + '%%EOF\n');

  it('delivers a message with two PDFs twice: one document; a clerk downloads its files with matching hashes', async () => {
    const ids = [await upload(app, main, 'rozhodnuti.pdf'), await upload(app, annex, 'oduvodneni.pdf')];
    const first = await hub.gql(app, RECEIVE, { input: envelope('151916', ids) });
    expect(first.errors).toBeUndefined();
    const r1 = first.data.receiveDataMessage;
    expect(r1.duplicate).toBe(false);
    expect(r1.document).toMatchObject({
      subject: 'Rozhodnutí o odvolání',
      origin: 'RECEIVED',
      sender: { name: 'Krajský úřad Jihomoravského kraje', dataBoxId: 'vqbab52' },
    });
    expect(new Date(r1.document.deliveredAt).toISOString()).toBe('2026-03-02T08:15:42.000Z');
    expect(r1.document.components.map((c: any) => [c.order, c.form, c.fileName, c.sha256])).toEqual([
      [1, 'ORIGINAL', 'rozhodnuti.pdf', sha(main)],
      [2, 'ORIGINAL', 'oduvodneni.pdf', sha(annex)],
    ]);

    // The connector delivers it again (e.g. after a timeout): the same document, no new number.
    const repeatIds = [await upload(app, main, 'rozhodnuti.pdf'), await upload(app, annex, 'oduvodneni.pdf')];
    const second = await hub.gql(app, RECEIVE, { input: envelope('151916', repeatIds) });
    expect(second.errors).toBeUndefined();
    expect(second.data.receiveDataMessage.duplicate).toBe(true);
    expect(second.data.receiveDataMessage.document.id).toBe(r1.document.id);
    expect(second.data.receiveDataMessage.document.referenceNumber).toBe(r1.document.referenceNumber);
    expect(second.data.receiveDataMessage.document.components).toHaveLength(2);
    const next = await hub.gql(clerk, REGISTER, { input: received('Další podání') });
    expect(next.data.registerDocument.document.sequenceNumber).toBe(r1.document.sequenceNumber + 1);

    for (const [c, bytes] of [
      [r1.document.components[0], main],
      [r1.document.components[1], annex],
    ] as const) {
      const res = await fetch(`${origin}${c.downloadPath}`, { headers: { authorization: `Bearer ${clerk}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-sha256')).toBe(sha(bytes));
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(bytes));
    }
  });

  it('refuses a malformed envelope with BAD_USER_INPUT and writes nothing', async () => {
    const ids = [await upload(app, main, 'rozhodnuti.pdf')];
    const before = await hub.gql(clerk, REGISTER, { input: received('Před') });
    for (const [extra, field] of [
      [{ senderBoxId: 'vqbab5' }, 'senderBoxId'],
      [{ dmId: '' }, 'dmId'],
      [{ annotation: 'a'.repeat(256) }, 'annotation'],
      [{ acceptanceTime: '2026-03-02T09:00:00+01:00' }, 'acceptanceTime'],
      [{ status: 42 }, 'status'],
    ] as const) {
      const res = await hub.gql(app, RECEIVE, { input: envelope('151917', ids, extra) });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Nothing was written: no number was taken, the dmId is still free and the upload still unattached.
    const after = await hub.gql(clerk, REGISTER, { input: received('Po') });
    expect(after.data.registerDocument.document.sequenceNumber).toBe(
      before.data.registerDocument.document.sequenceNumber + 1,
    );
    const good = await hub.gql(app, RECEIVE, { input: envelope('151917', ids) });
    expect(good.errors).toBeUndefined();
    expect(good.data.receiveDataMessage.duplicate).toBe(false);
    expect(good.data.receiveDataMessage.document.sequenceNumber).toBe(
      after.data.registerDocument.document.sequenceNumber + 1,
    );
  });
});
