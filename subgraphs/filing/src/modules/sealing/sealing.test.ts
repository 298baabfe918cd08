import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type Caller,
  type TestSubgraph,
} from '@hub/kit';
import { createTestCa, cryptoEngine, issueCertificate, toArrayBuffer, toPkcs12, type TestCa } from '@hub/test-pki';
import { startTsaFake, type TsaFake } from '@hub/tsa-fake';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { storeUpload } from '../components/components';
import { runConversionRound } from '../conversion/conversion';
import { checkPdfA } from '../conversion/pdfa-check';
import { docxOf } from '../conversion/test-files';
import { Document } from '../documents/document.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const as = (login: string) => {
  const u = demo(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const handler = as('mbk.handler');
const clerk = as('mbk.clerk');

const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const CONVERT = `mutation($id: ID!) { convertDocumentComponents(documentId: $id) { queued } }`;
const COMPONENT =
  'id order version form mediaType sha256 seal { sealedAt signer certificateSha256 timeStampedAt timeStampAuthority }';
const SEAL = `mutation($c: ID!) { sealComponent(componentId: $c) { auditEventId component { ${COMPONENT} } document { components { ${COMPONENT} } } } }`;
const COMPONENTS = `query($id: ID!) { document(id: $id) { components { ${COMPONENT} } } }`;
const CREATE_SHIPMENT = `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { shipment { id } } }`;
const HAND_OVER = `mutation($s: ID!) { handOverShipment(shipmentId: $s) { shipment { state files { order version form sha256 } } } }`;

/** The signed byte ranges and the CMS of a PAdES PDF. */
function signatureOf(pdf: Buffer): { signedBytes: Buffer; cms: Buffer } {
  const text = pdf.toString('latin1');
  const m = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1)!;
  const [a, b, c, d] = m.slice(1).map(Number);
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = pdf
    .subarray(a + b + 1, c - 1)
    .toString('latin1')
    .replace(/0+$/, '');
  return { signedBytes, cms: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex') };
}

describe.each(testDatabaseKinds())('sealing own documents on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;
  let ca: TestCa;
  let tsa: TsaFake;
  const saved = { ...process.env };

  const ok = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };
  const fails = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toHaveLength(1);
    return { code: res.errors![0].extensions?.code, message: res.errors![0].message };
  };
  const events = (id: string, eventType: string) =>
    scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(AuditEvent, { objectId: id, eventType: eventType as never });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-sealing-'));
    store = new LocalDiskBlobStore(join(dir, 'blobs'));
    ca = await createTestCa({ name: 'Test Qualified CA' });
    const seal = await issueCertificate(ca, {
      subject: { commonName: 'Město Blansko', organizationName: 'Město Blansko', countryName: 'CZ' },
      usage: 'seal',
    });
    mkdirSync(join(dir, 'eseal'));
    writeFileSync(join(dir, 'eseal', `${BLANSKO.id}.p12`), await toPkcs12(seal, 'tajne-heslo'));
    writeFileSync(join(dir, 'eseal', `${BLANSKO.id}.pass`), 'tajne-heslo\n');
    tsa = await startTsaFake({ tsa: await issueCertificate(ca, { subject: 'Test TSA', usage: 'tsa' }) });
    Object.assign(process.env, {
      HUB_BLOB_DIR: join(dir, 'blobs'),
      HUB_ESEAL_DIR: join(dir, 'eseal'),
      HUB_TSA_URL: tsa.url,
    });
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    await tsa?.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals the PDF/A version of a .docx (PAdES, time-stamped), logs both, and the data-box shipment carries it', async () => {
    const id = (await ok(handler, DRAFT, { i: { subject: 'Rozhodnutí k odeslání' } })).createDraftDocument.document.id;
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const upload = await storeUpload(
      em,
      store,
      handler as never,
      Readable.from([await docxOf('Rozhodnutí: povoluje se kácení dvou lip.')]),
      { fileName: 'rozhodnuti.docx', mediaType: DOCX, maxBytes: 1_000_000 },
    );
    await ok(handler, ATTACH, { d: id, u: upload.id });
    await ok(handler, `mutation($id: ID!) { registerDraft(documentId: $id) { document { state } } }`, { id });
    await em.nativeUpdate(
      Document,
      { id },
      { state: 'IN_PROGRESS', handlerId: handler.userId, orgUnitId: handler.orgUnitId },
    );

    // Not in an output format yet: refused, nothing written.
    const [docx] = (await ok(handler, COMPONENTS, { id })).document.components;
    expect(await fails(handler, SEAL, { c: docx.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('convert it first'),
    });
    expect((await ok(handler, CONVERT, { id })).convertDocumentComponents.queued).toBe(1);
    expect((await runConversionRound(t.orm, store)).done).toBe(1);
    const [, unsealed] = (await ok(handler, COMPONENTS, { id })).document.components;
    expect(unsealed).toMatchObject({ version: 2, form: 'ORIGINAL_OUTPUT_FORMAT', seal: null });

    const sealed = (await ok(handler, SEAL, { c: unsealed.id })).sealComponent;
    expect(sealed.document.components.map((c: any) => [c.version, c.form, !!c.seal])).toEqual([
      [1, 'ORIGINAL', false],
      [2, 'CONCEPT', false],
      [3, 'ORIGINAL_OUTPUT_FORMAT', true],
    ]);
    expect(sealed.component.seal).toMatchObject({
      signer: expect.stringContaining('CN=Město Blansko'),
      timeStampAuthority: expect.stringContaining('Test TSA'),
    });
    expect(tsa.issued).toHaveLength(1);

    // The sealed file: the unsealed bytes as its prefix (an incremental update), still PDF/A, and a CMS that
    // verifies with PKI.js against the test CA over its byte range, with a time-stamp token over its signature.
    const before = readFileSync(store.pathOf(unsealed.sha256));
    const pdf = readFileSync(store.pathOf(sealed.component.sha256));
    expect(pdf.subarray(0, before.length).equals(before)).toBe(true);
    expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    expect((await checkPdfA(pdf)).ok).toBe(true);
    const { signedBytes, cms } = signatureOf(pdf);
    const signedData = new pkijs.SignedData({
      schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(toArrayBuffer(cms)).result }).content,
    });
    const verified = await signedData.verify(
      {
        signer: 0,
        data: toArrayBuffer(signedBytes),
        trustedCerts: [ca.certificate],
        checkChain: true,
        extendedMode: true,
      },
      cryptoEngine,
    );
    expect(verified.signatureVerified).toBe(true);
    const tampered = Buffer.from(signedBytes);
    tampered[100] ^= 1;
    expect(
      (
        await signedData
          .verify({ signer: 0, data: toArrayBuffer(tampered), extendedMode: true }, cryptoEngine)
          .catch(() => ({ signatureVerified: false }))
      ).signatureVerified,
    ).toBe(false);
    const stamp = signedData.signerInfos[0].unsignedAttrs!.attributes.find(
      (a) => a.type === '1.2.840.113549.1.9.16.2.14',
    )!;
    const token = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: stamp.values[0] }).content });
    const signatureValue = toArrayBuffer(new Uint8Array(signedData.signerInfos[0].signature.valueBlock.valueHexView));
    expect(
      (
        await token.verify(
          { signer: 0, data: signatureValue, trustedCerts: [ca.certificate], checkChain: true, extendedMode: true },
          cryptoEngine,
        )
      ).signatureVerified,
    ).toBe(true);
    expect(tsa.issued[0].imprint).toBe(
      createHash('sha256')
        .update(Buffer.from(signedData.signerInfos[0].signature.valueBlock.valueHexView))
        .digest('hex'),
    );

    const [podpis] = await events(id, 'PripojeniPodpisu');
    expect(podpis.changes).toEqual(
      expect.arrayContaining([
        { name: 'sha256', old: unsealed.sha256, new: sealed.component.sha256 },
        { name: 'sourceForm', old: 'ORIGINAL_OUTPUT_FORMAT', new: 'CONCEPT' },
        { name: 'signer', old: null, new: sealed.component.seal.signer },
      ]),
    );
    const [razitko] = await events(id, 'PripojeniRazitka');
    expect(razitko.changes).toEqual(
      expect.arrayContaining([
        { name: 'sha256', old: null, new: sealed.component.sha256 },
        { name: 'serial', old: null, new: expect.any(String) },
      ]),
    );
    expect(await events(id, 'KonverzeFormatu')).toHaveLength(1);

    // Sealed already: refused. A data-box shipment carries the sealed version, and the hand-over logs its hash.
    expect(await fails(handler, SEAL, { c: sealed.component.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('sealed already'),
    });
    const shipmentId = (
      await ok(handler, CREATE_SHIPMENT, {
        i: { documentId: id, channel: 'DATA_BOX', recipient: { name: 'Jan Novák', dataBoxId: 'abc1234' } },
      })
    ).createShipment.shipment.id;
    const handed = (await ok(handler, HAND_OVER, { s: shipmentId })).handOverShipment.shipment;
    expect(handed.files).toEqual([
      { order: 1, version: 3, form: 'ORIGINAL_OUTPUT_FORMAT', sha256: sealed.component.sha256 },
    ]);
    const [handOver] = await events(id, 'PredaniVypravne');
    expect(handOver.changes).toContainEqual({
      name: 'file[1]',
      old: null,
      new: `rozhodnuti.pdf v3 sha256:${sealed.component.sha256}`,
    });
  });

  it('refuses received documents, other users, and writes nothing when the time-stamp authority fails', async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    // A PDF/A original of an own document (the output of the first test's conversion, uploaded again).
    const pdfa = await em.findOneOrFail(Component, { form: 'CONCEPT', mediaType: 'application/pdf' });
    const bytes = readFileSync(store.pathOf(pdfa.blobKey));
    const id = (await ok(handler, DRAFT, { i: { subject: 'Sdělení' } })).createDraftDocument.document.id;
    const upload = await storeUpload(em, store, handler as never, Readable.from([bytes]), {
      fileName: 'sdeleni.pdf',
      mediaType: 'application/pdf',
      maxBytes: 1_000_000,
    });
    await ok(handler, ATTACH, { d: id, u: upload.id });
    await ok(handler, `mutation($id: ID!) { registerDraft(documentId: $id) { document { state } } }`, { id });
    const [original] = (await ok(handler, COMPONENTS, { id })).document.components;
    expect((await fails(clerk, SEAL, { c: original.id })).code).toBe('FORBIDDEN');

    tsa.setFailing(true);
    const count = async () => ({
      components: (await ok(handler, COMPONENTS, { id })).document.components.length,
      events: (await events(id, 'PripojeniPodpisu')).length,
    });
    expect(await fails(handler, SEAL, { c: original.id })).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('refused'),
    });
    expect(await count()).toEqual({ components: 1, events: 0 });
    tsa.setFailing(false);
    // An original that is a PDF/A is sealed into an output-format version; the original stays ORIGINAL.
    const sealed = (await ok(handler, SEAL, { c: original.id })).sealComponent;
    expect(sealed.document.components.map((c: any) => [c.version, c.form])).toEqual([
      [1, 'ORIGINAL'],
      [2, 'ORIGINAL_OUTPUT_FORMAT'],
    ]);

    const received = (
      await ok(clerk, `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`, {
        i: {
          subject: 'Žádost',
          origin: 'RECEIVED',
          deliveredAt: '2026-03-02T09:15:00+01:00',
          sender: { name: 'Jan Novák' },
        },
      })
    ).registerDocument.document.id;
    const u2 = await storeUpload(
      scopeToTenant(t.orm.em.fork(), BLANSKO.id),
      store,
      clerk as never,
      Readable.from([bytes]),
      { fileName: 'zadost.pdf', mediaType: 'application/pdf', maxBytes: 1_000_000 },
    );
    await ok(clerk, ATTACH, { d: received, u: u2.id });
    const [receivedPdf] = (await ok(clerk, COMPONENTS, { id: received })).document.components;
    expect(await fails(clerk, SEAL, { c: receivedPdf.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('only own documents'),
    });
  });
});
