// Components and the blob store through the gateway (issue 6, item 1): bytes go up over POST /uploads (streamed
// to filing's content-addressed store), `attachComponent` makes them a document's component, GET
// /downloads/component streams them back with their hash to those who may read the document (logged), oversize
// uploads are refused with nothing left behind, and the document's audit trail carries the hash.
import { testDatabaseKinds } from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTER, received, startHub, type Hub } from '../harness';

const ATTACH = `mutation($documentId: ID!, $uploadId: ID!, $form: ComponentForm!, $order: Int) {
  attachComponent(documentId: $documentId, uploadId: $uploadId, form: $form, order: $order) {
    auditEventId
    document { id components { id order version form fileName mediaType size sha256 downloadPath } }
  }
}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, recursively (the store's shards and temp dir). */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? (e as any).path, e.name));
  } catch {
    return [];
  }
}

describe.each(testDatabaseKinds())('components through the gateway on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let blobDir: string;
  const tokens: Record<string, string> = {};
  let documentId = '';
  const savedEnv = { dir: process.env.HUB_BLOB_DIR, max: process.env.HUB_MAX_UPLOAD_BYTES };

  const upload = (token: string | null, body: Buffer, fileName: string, type = 'application/pdf') =>
    fetch(`${origin}/uploads?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const download = (token: string | null, path: string) =>
    fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-blobs-'));
    process.env.HUB_BLOB_DIR = blobDir;
    process.env.HUB_MAX_UPLOAD_BYTES = String(64 * 1024);
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    for (const login of ['mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.clerk'])
      tokens[login] = await hub.login(login);
    const res = await hub.gql(tokens['mbk.clerk'], REGISTER, { input: received('Žádost s přílohami') });
    if (!res.data?.registerDocument) throw new Error(JSON.stringify(res.errors));
    documentId = res.data.registerDocument.document.id;
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    for (const [k, v] of [
      ['HUB_BLOB_DIR', savedEnv.dir],
      ['HUB_MAX_UPLOAD_BYTES', savedEnv.max],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const main = Buffer.from('%PDF-1.7\n' + 'Žádost o kácení dřevin\n'.repeat(500));
  const annex = Buffer.alloc(20_000, 7);

  it('uploads two files, attaches them, downloads them with matching bytes and hash, and logs it all', async () => {
    const up1 = await upload(tokens['mbk.clerk'], main, 'žádost "lípa".pdf');
    expect(up1.status).toBe(201);
    const u1 = await up1.json();
    expect(u1).toEqual({ uploadId: expect.any(String), sha256: sha(main), size: main.length });
    const up2 = await upload(tokens['mbk.clerk'], annex, 'příloha.bin', 'application/octet-stream');
    const u2 = await up2.json();
    expect(u2.sha256).toBe(sha(annex));

    const a1 = await hub.gql(tokens['mbk.clerk'], ATTACH, { documentId, uploadId: u1.uploadId, form: 'ORIGINAL' });
    expect(a1.errors).toBeUndefined();
    const a2 = await hub.gql(tokens['mbk.clerk'], ATTACH, { documentId, uploadId: u2.uploadId, form: 'DIGITIZED' });
    const components = a2.data.attachComponent.document.components;
    expect(components.map((c: any) => [c.order, c.version, c.form, c.sha256, c.size])).toEqual([
      [1, 1, 'ORIGINAL', sha(main), main.length],
      [2, 1, 'DIGITIZED', sha(annex), annex.length],
    ]);
    // An upload is used once.
    const again = await hub.gql(tokens['mbk.clerk'], ATTACH, { documentId, uploadId: u1.uploadId, form: 'ORIGINAL' });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const res = await download(tokens['mbk.records'], components[0].downloadPath);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-sha256')).toBe(sha(main));
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('žádost "lípa".pdf')}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(sha(bytes)).toBe(sha(main));
    expect(bytes.equals(main)).toBe(true);

    // The audit trail of the document shows the insertion with the hash; the download is logged on the component.
    const trail = await hub.gql(
      tokens['mbk.records'],
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType changes { name new } } } }`,
      { id: documentId },
    );
    const inserted = trail.data.auditTrail.events.filter((e: any) => e.eventType === 'VlozeniKDokumentu');
    expect(inserted).toHaveLength(2);
    expect(inserted[0].changes).toContainEqual({ name: 'sha256', new: sha(main) });
    const viewed = await hub.gql(
      tokens['mbk.records'],
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`,
      { id: components[0].id },
    );
    expect(viewed.data.auditTrail.events.map((e: any) => e.eventType)).toContain('Zobrazeni');
  });

  it("answers another municipality's clerk and anonymous callers with NOT_FOUND / UNAUTHENTICATED", async () => {
    const doc = await hub.gql(
      tokens['mbk.clerk'],
      `query($id: ID!) { document(id: $id) { components { downloadPath } } }`,
      { id: documentId },
    );
    const path = doc.data.document.components[0].downloadPath;
    const foreign = await download(tokens['ouada.clerk'], path);
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await download(null, path)).status).toBe(401);
    // Nor can they attach their own upload to Blansko's document.
    const up = await (await upload(tokens['ouada.clerk'], Buffer.from('x'), 'x.txt', 'text/plain')).json();
    const attach = await hub.gql(tokens['ouada.clerk'], ATTACH, {
      documentId,
      uploadId: up.uploadId,
      form: 'ORIGINAL',
    });
    expect(attach.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await upload(null, Buffer.from('x'), 'x.txt')).status).toBe(401);
  });

  it('refuses an oversize upload with 413 PAYLOAD_TOO_LARGE, leaving no row and no file', async () => {
    const before = filesIn(blobDir).sort();
    const count = async () => Number((await hub.subgraphs.filing.orm.em.getKnex()('upload').count({ n: '*' }))[0].n);
    const rowsBefore = await count();
    const big = Buffer.alloc(200 * 1024, 1);
    const res = await upload(tokens['mbk.clerk'], big, 'velky.bin', 'application/octet-stream');
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // A streamed body without a declared length is cut off in the store too.
    const chunks = async function* () {
      for (let i = 0; i < 10; i++) yield new Uint8Array(16 * 1024).fill(i);
    };
    const streamed = await fetch(`${origin}/uploads?fileName=stream.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['mbk.clerk']}`, 'content-type': 'application/octet-stream' },
      body: ReadableStream.from(chunks()),
      duplex: 'half',
    } as RequestInit).catch((e) => e as Error);
    if (!(streamed instanceof Error)) expect(streamed.status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(filesIn(blobDir).sort()).toEqual(before);
    expect(await count()).toBe(rowsBefore);
  });
});
