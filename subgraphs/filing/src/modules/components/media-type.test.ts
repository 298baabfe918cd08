import {
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { makeTestPdf, signCms } from '@hub/test-pki';
import { createTestCa, issueCertificate } from '@hub/test-pki';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from './blob-store';
import { storeUpload } from './components';
import { detectMediaType, judgeMediaType, peekStream, refusedMediaTypes } from './media-type';
import { Upload } from './upload.entity';

const zipWithFirstEntry = (name: string, content = '') => {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from(content)]);
};

describe('media type detection (the table)', () => {
  it('tells formats by their first bytes, whatever the name says', async () => {
    const pdf = await makeTestPdf('x');
    expect(detectMediaType(pdf, 'letter.docx')).toBe('application/pdf');
    expect(detectMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectMediaType(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(detectMediaType(Buffer.from('II*\0xxxx', 'latin1'))).toBe('image/tiff');
    expect(detectMediaType(zipWithFirstEntry('mimetype', 'application/vnd.oasis.opendocument.text'))).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(detectMediaType(zipWithFirstEntry('[Content_Types].xml', 'word/document.xml'))).toContain(
      'wordprocessingml',
    );
    expect(detectMediaType(zipWithFirstEntry('a.txt'))).toBe('application/zip');
    expect(detectMediaType(Buffer.from('MZ\x90\0', 'latin1'), 'invoice.pdf')).toBe('application/x-msdownload');
    expect(detectMediaType(Buffer.from('\x7fELF', 'latin1'))).toBe('application/x-executable');
    expect(detectMediaType(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('application/x-sh');
    expect(detectMediaType(Buffer.from('\ufeff <?xml version="1.0"?><a/>'))).toBe('application/xml');
    expect(detectMediaType(Buffer.from('Dobrý den,\nžádám o…'))).toBe('text/plain');
    expect(detectMediaType(Buffer.from([0, 1, 2, 3, 250, 251]))).toBeNull();
  });

  it('recognises CMS signed data (a .p7s, a ZFO) and judges declared types', async () => {
    const ca = await createTestCa({ name: 'Detect CA' });
    const signer = await issueCertificate(ca, { subject: 'Signer', usage: 'signing' });
    const p7s = await signCms(Buffer.from('data'), signer, { detached: true });
    expect(detectMediaType(p7s)).toBe('application/pkcs7-mime');
    expect(judgeMediaType(p7s, 'application/pkcs7-signature')).toEqual({
      detected: 'application/pkcs7-mime',
      check: 'MATCH',
    });
    expect(judgeMediaType(p7s, 'application/vnd.software602.filler.form-xml-zip').check).toBe('MATCH');
    const pdf = await makeTestPdf('x');
    expect(judgeMediaType(pdf, 'image/jpeg').check).toBe('MISMATCH');
    expect(judgeMediaType(pdf, 'application/octet-stream').check).toBe('MATCH');
    expect(judgeMediaType(Buffer.from('a,b\n1,2\n'), 'text/csv').check).toBe('MATCH');
    expect(judgeMediaType(Buffer.from([0, 1, 2, 3]), 'application/x-foo')).toEqual({
      detected: null,
      check: 'UNRECOGNISED',
    });
  });

  it('reads the refused list from HUB_REFUSED_MEDIA_TYPES (default: executables; none)', () => {
    expect(refusedMediaTypes({}).has('application/x-msdownload')).toBe(true);
    expect(refusedMediaTypes({ HUB_REFUSED_MEDIA_TYPES: 'none' }).size).toBe(0);
    expect([...refusedMediaTypes({ HUB_REFUSED_MEDIA_TYPES: ' Image/GIF , text/html' })]).toEqual([
      'image/gif',
      'text/html',
    ]);
  });

  it('peeks the head and still hands on every byte', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(4096, i));
    const { head, stream } = await peekStream(Readable.from(chunks), 10_000);
    expect(head.length).toBe(10_000);
    const all: Buffer[] = [];
    for await (const c of stream) all.push(c as Buffer);
    expect(Buffer.concat(all).equals(Buffer.concat(chunks))).toBe(true);
  });
});

const BLANSKO = DEMO_MUNICIPALITIES[0];
const demo = DEMO_USERS.find((u) => u.login === 'mbk.clerk')!;
const clerk = testCaller(demo.municipalityId, demo.roles, demo.login, demo.id, demo.orgUnitId);

describe.each(testDatabaseKinds())('formats at the boundary on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-media-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (bytes: Buffer, fileName: string, mediaType: string) =>
    storeUpload(scopeToTenant(t.orm.em.fork(), BLANSKO.id), store, clerk as never, Readable.from([bytes]), {
      fileName,
      mediaType,
      maxBytes: 1_000_000,
    });

  it('records a mismatch between the declared and the detected type on the component, and in the log', async () => {
    const pdf = await makeTestPdf('Žádost');
    const upload = await put(pdf, 'zadost.jpg', 'image/jpeg');
    expect(upload.detectedMediaType).toBe('application/pdf');
    expect(upload.mediaTypeCheck).toBe('MISMATCH');
    const reg = await t.run(
      clerk,
      `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`,
      {
        i: {
          subject: 'Formáty',
          origin: 'RECEIVED',
          deliveredAt: '2026-03-02T09:15:00+01:00',
          sender: { name: 'Jan Novák' },
        },
      },
    );
    const res = await t.run(
      clerk,
      `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) {
        document { components { mediaType detectedMediaType mediaTypeCheck signatureStatus } } } }`,
      { d: reg.data!.registerDocument.document.id, u: upload.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.attachComponent.document.components).toEqual([
      {
        mediaType: 'image/jpeg',
        detectedMediaType: 'application/pdf',
        mediaTypeCheck: 'MISMATCH',
        signatureStatus: 'PENDING',
      },
    ]);
  });

  it('refuses a dangerous type (detected or declared) with UNSUPPORTED_MEDIA_TYPE and writes nothing', async () => {
    const before = await t.orm.em.fork().count(Upload, {}, { filters: false });
    const exe = Buffer.concat([Buffer.from('MZ\x90\0', 'latin1'), Buffer.alloc(200_000, 7)]);
    await expect(put(exe, 'faktura.pdf', 'application/pdf')).rejects.toMatchObject({
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    await expect(put(Buffer.from('echo hi'), 'run.txt', 'application/x-sh')).rejects.toMatchObject({
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(await t.orm.em.fork().count(Upload, {}, { filters: false })).toBe(before);
    const keys: string[] = [];
    for await (const k of store.keys()) keys.push(k);
    expect(keys).toHaveLength(1); // only the PDF of the test before
    // The list is a setting: with it emptied, the same file is taken (and recorded as what it is).
    process.env.HUB_REFUSED_MEDIA_TYPES = 'none';
    try {
      const taken = await put(exe, 'tool.exe', 'application/octet-stream');
      expect(taken.detectedMediaType).toBe('application/x-msdownload');
    } finally {
      delete process.env.HUB_REFUSED_MEDIA_TYPES;
    }
  });
});
