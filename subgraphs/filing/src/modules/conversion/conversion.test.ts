import {
  AuditEvent,
  DEMO_USERS,
  demoId,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type Caller,
  type TestSubgraph,
} from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import type { Component } from '../components/component.entity';
import { storeUpload } from '../components/components';
import { Document } from '../documents/document.entity';
import { componentsToConvert, runConversionRound } from './conversion';
import { checkPdfA, parsePdfFonts } from './pdfa-check';
import { docxOf, plainPdf } from './test-files';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const as = (login: string) => {
  const u = demo(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const handler = as('mbk.handler');
const clerk = as('mbk.clerk');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const CLASSIFY = `mutation($id: ID!, $node: ID!) { classifyDocument(documentId: $id, filingPlanNodeId: $node) { document { id } } }`;
const SETTLE = `mutation($id: ID!) { settleDocument(documentId: $id, input: { method: ACKNOWLEDGED }) { document { state } } }`;
const CLOSE = `mutation($id: ID!) { closeDocument(documentId: $id) { document { state } } }`;
const CONVERT = `mutation($id: ID!) { convertDocumentComponents(documentId: $id) { queued document { conversion { state pending } } } }`;
const STATUS = `query($id: ID!) { document(id: $id) { state
  components { id order version form fileName mediaType sha256 }
  conversion { state pending done failed closeBlockedReason
    jobs { state outcome attempts lastError pdfaPart pdfaConformance component { version } output { version form sha256 } } } } }`;

describe('which components are converted', () => {
  const c = (order: number, version: number, form: string, mediaType: string) =>
    ({ id: `${order}.${version}`, order, version, form, mediaType }) as Component;
  it('takes the newest original of each order that is not an output format as it is', () => {
    expect(
      componentsToConvert([
        c(1, 1, 'ORIGINAL', DOCX), // converted: a word-processor file
        c(2, 1, 'ORIGINAL', 'image/png'), // an output format as it is
        c(3, 1, 'ORIGINAL', DOCX),
        c(3, 2, 'ORIGINAL_OUTPUT_FORMAT', 'application/pdf'), // done already
        c(4, 1, 'ORIGINAL', 'application/pdf'), // queued: the worker reads whether it is PDF/A
        c(5, 1, 'CONTAINER', 'application/zip'),
        c(6, 1, 'CONCEPT', DOCX),
      ]).map((x) => x.id),
    ).toEqual(['1.1', '4.1']);
  });
});

describe('the PDF/A check', () => {
  it('reads the emb column of pdffonts', () => {
    const out =
      'name                                 type              encoding         emb sub uni object ID\n' +
      '------------------------------------ ----------------- ---------------- --- --- --- ---------\n' +
      'BAAAAA+DejaVuSans                    TrueType          WinAnsi          yes yes yes     11  0\n' +
      'Helvetica                            Type 1            Custom           no  no  no       5  0\n';
    expect(parsePdfFonts(out).map((f) => [f.name, f.type, f.embedded])).toEqual([
      ['BAAAAA+DejaVuSans', 'TrueType', true],
      ['Helvetica', 'Type 1', false],
    ]);
  });
  it('refuses a PDF without PDF/A identification and with a font not embedded, and what is no PDF', async () => {
    const plain = await checkPdfA(plainPdf());
    expect(plain.ok).toBe(false);
    expect(plain.problems).toEqual([expect.stringContaining('pdfaid:part'), 'fonts not embedded: Helvetica']);
    expect((await checkPdfA(Buffer.from('not a pdf'))).problems).toEqual([
      expect.stringContaining('not a readable PDF'),
    ]);
  });
});

describe.each(testDatabaseKinds())('conversion to output formats on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;

  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };
  const status = async (id: string) => (await ok(handler, STATUS, { id })).document;
  /** The document's events except views (reading its status is one). */
  const events = (id: string) =>
    scopeToTenant(t.orm.em.fork(), handler.municipalityId!).find(
      AuditEvent,
      { objectId: id, eventType: { $ne: 'Zobrazeni' } },
      { orderBy: { sequence: 'asc' } },
    );
  /** An own document in progress with `bytes` attached as its main component (.docx). */
  const ownWith = async (bytes: Buffer, subject: string) => {
    const id = (await ok(handler, DRAFT, { i: { subject } })).createDraftDocument.document.id;
    const em = scopeToTenant(t.orm.em.fork(), handler.municipalityId!);
    const upload = await storeUpload(em, store, handler as never, Readable.from([bytes]), {
      fileName: 'rozhodnuti.docx',
      mediaType: DOCX,
      maxBytes: 1_000_000,
    });
    await ok(handler, ATTACH, { d: id, u: upload.id });
    await ok(handler, `mutation($id: ID!) { registerDraft(documentId: $id) { document { state } } }`, { id });
    await em.nativeUpdate(
      Document,
      { id },
      { state: 'IN_PROGRESS', handlerId: handler.userId, orgUnitId: handler.orgUnitId },
    );
    await ok(handler, CLASSIFY, { id, node: demoId('filing-plan-node', 'MBK:616') });
    return id as string;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-conversion-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts a .docx at settlement into a PDF/A-2 version (fonts embedded), keeps the original, logs both hashes', async () => {
    const docx = await docxOf('Rozhodnutí města Blansko: žluťoučký kůň úpěl ďábelské ódy');
    const id = await ownWith(docx, 'Rozhodnutí o kácení');
    await ok(handler, SETTLE, { id });
    expect((await status(id)).conversion).toMatchObject({
      state: 'PENDING',
      pending: 1,
      jobs: [{ state: 'QUEUED', attempts: 0, component: { version: 1 } }],
    });

    expect(await runConversionRound(t.orm, store)).toEqual({ done: 1, retried: 0, failed: 0 });
    const doc = await status(id);
    expect(doc.components.map((c: any) => [c.order, c.version, c.form, c.mediaType, c.fileName])).toEqual([
      [1, 1, 'ORIGINAL', DOCX, 'rozhodnuti.docx'],
      [1, 2, 'ORIGINAL_OUTPUT_FORMAT', 'application/pdf', 'rozhodnuti.pdf'],
    ]);
    expect(doc.components[0].sha256).toBe(sha(docx));
    const output = doc.components[1];
    expect(doc.conversion).toMatchObject({
      state: 'DONE',
      pending: 0,
      done: 1,
      failed: 0,
      closeBlockedReason: null,
      jobs: [
        {
          state: 'DONE',
          outcome: 'CONVERTED',
          attempts: 1,
          lastError: null,
          pdfaPart: '2',
          pdfaConformance: 'B',
          output: { version: 2, sha256: output.sha256 },
        },
      ],
    });
    // The stored bytes are a PDF/A-2 with every font embedded (checked again here, from the blob).
    const pdf = readFileSync(store.pathOf(output.sha256));
    expect(sha(pdf)).toBe(output.sha256);
    const check = await checkPdfA(pdf);
    expect(check).toMatchObject({ ok: true, part: '2', conformance: 'B', notEmbedded: [] });
    expect(check.fonts).toBeGreaterThan(0);

    const conversion = (await events(id)).filter((e) => e.eventType === 'KonverzeFormatu');
    expect(conversion).toHaveLength(1);
    expect(conversion[0].actorLogin).toBe('system');
    expect(conversion[0].changes).toEqual(
      expect.arrayContaining([
        { name: 'sha256', old: sha(docx), new: output.sha256 },
        { name: 'componentId', old: doc.components[0].id, new: output.id },
        { name: 'form', old: 'ORIGINAL', new: 'ORIGINAL_OUTPUT_FORMAT' },
      ]),
    );
    // Nothing left to do: a second round and a new request change nothing.
    expect(await runConversionRound(t.orm, store)).toEqual({ done: 0, retried: 0, failed: 0 });
    expect((await ok(handler, CONVERT, { id })).convertDocumentComponents.queued).toBe(0);
    expect((await ok(handler, CLOSE, { id })).closeDocument.document.state).toBe('CLOSED');
  });

  it('retries a corrupt .docx, then fails it: closing is refused with the reason until a new request succeeds', async () => {
    // A ZIP signature and garbage: LibreOffice cannot load it (random bytes alone it may import as text).
    const id = await ownWith(
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('garbage')]),
      'Poškozený soubor',
    );
    await ok(handler, SETTLE, { id });
    let now = new Date();
    // First attempt: LibreOffice is not there (a passing fault), so the job waits for another attempt.
    expect(
      await runConversionRound(t.orm, store, { maxAttempts: 2, now: () => now, soffice: join(dir, 'no-soffice') }),
    ).toEqual({ done: 0, retried: 1, failed: 0 });
    let doc = await status(id);
    expect(doc.conversion).toMatchObject({
      state: 'PENDING',
      jobs: [{ state: 'QUEUED', attempts: 1, lastError: expect.stringContaining('ENOENT') }],
    });
    // Not before its pause is over.
    expect(await runConversionRound(t.orm, store, { maxAttempts: 2, now: () => now })).toEqual({
      done: 0,
      retried: 0,
      failed: 0,
    });
    now = new Date(now.getTime() + 31_000);
    expect(await runConversionRound(t.orm, store, { maxAttempts: 2, now: () => now })).toEqual({
      done: 0,
      retried: 0,
      failed: 1,
    });
    doc = await status(id);
    expect(doc.components).toHaveLength(1);
    expect(doc.conversion).toMatchObject({ state: 'FAILED', failed: 1, jobs: [{ state: 'FAILED', attempts: 2 }] });
    expect(doc.conversion.closeBlockedReason).toMatch(
      /cannot be closed: its conversion to an output format failed \(component 1 v1 \(rozhodnuti\.docx\): LibreOffice/,
    );

    const before = (await events(id)).length;
    const refused = await t.run(handler, CLOSE, { id });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toBe(doc.conversion.closeBlockedReason);
    expect((await status(id)).state).toBe('SETTLED');
    expect(await events(id)).toHaveLength(before);

    // Another user of the municipality who does not handle it may not ask; the handler may, with fresh attempts.
    expect((await t.run(clerk, CONVERT, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ok(handler, CONVERT, { id })).convertDocumentComponents).toEqual({
      queued: 1,
      document: { conversion: { state: 'PENDING', pending: 1 } },
    });
    expect((await status(id)).conversion.closeBlockedReason).toBeNull();
  });
});
