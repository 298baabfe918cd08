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
import {
  createTestCa,
  createTimeStampToken,
  issueCertificate,
  makeTestPdf,
  pemBundle,
  signCms,
  signPdf,
  type TestCa,
  type TestIdentity,
} from '@hub/test-pki';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { storeUpload } from '../components/components';
import { verifyPendingComponents } from './job';
import { loadTrustStore, parsePdfDate, verifyFile, type TrustStore } from './verify';

const DAY = 86_400_000;
let ca: TestCa;
let stranger: TestCa;
let signer: TestIdentity;
let seal: TestIdentity;
let unknownSigner: TestIdentity;
let tsa: TestIdentity;
let trust: TrustStore;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'filing-signatures-'));
  // The CA and the TSA from a month ago: validity at a past time-stamp is tested.
  ca = await createTestCa({ name: 'Test Qualified CA', notBefore: new Date(Date.now() - 30 * DAY) });
  stranger = await createTestCa({ name: 'Unknown CA' });
  signer = await issueCertificate(ca, {
    subject: { commonName: 'Jana Nováková', givenName: 'Jana', surname: 'Nováková', countryName: 'CZ' },
    usage: 'signing',
  });
  seal = await issueCertificate(ca, {
    subject: {
      commonName: 'Krajský úřad JMK',
      organizationName: 'Jihomoravský kraj',
      organizationIdentifier: 'NTRCZ-70888337',
    },
    usage: 'seal',
  });
  unknownSigner = await issueCertificate(stranger, { subject: 'Podvodník', usage: 'signing' });
  tsa = await issueCertificate(ca, { subject: 'Test TSA', usage: 'tsa', notBefore: new Date(Date.now() - 30 * DAY) });
  // The trust store setting reads a PEM bundle (or a directory); the tests' own CA is its only anchor.
  const bundle = join(dir, 'trusted.pem');
  writeFileSync(bundle, pemBundle(ca));
  trust = loadTrustStore(bundle);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date();
const flipInFirstRange = (pdf: Buffer) => {
  const b = Number(/\/ByteRange \[0 (\d+)/.exec(pdf.toString('latin1'))![1]);
  const out = Buffer.from(pdf);
  out[Math.floor(b / 2)] ^= 0x01;
  return out;
};

describe('verifying files (verify.ts)', () => {
  it('a PAdES signature: valid, tampered, by an unknown CA, without a trust store', async () => {
    const signed = await signPdf(await makeTestPdf('Rozhodnutí'), signer, {
      signingTime: new Date(Date.now() - 60_000),
    });
    const [valid] = await verifyFile(
      { bytes: signed, fileName: 'r.pdf', mediaType: 'application/pdf' },
      { trust, now: now() },
    );
    expect(valid).toMatchObject({
      kind: 'SIGNATURE',
      format: 'PADES',
      result: 'VALID',
      reasons: [],
      signerName: 'Jana Nováková',
      revocation: 'NOT_CHECKED',
    });
    expect(valid.signedAt).toBeInstanceOf(Date);
    expect(valid.assessedAt).toEqual(valid.signedAt);

    const [tampered] = await verifyFile(
      { bytes: flipInFirstRange(signed), fileName: 'r.pdf', mediaType: 'application/pdf' },
      { trust, now: now() },
    );
    expect(tampered.result).toBe('INVALID');
    expect(tampered.reasons.join()).toMatch(/changed after signing/);

    const foreign = await signPdf(await makeTestPdf('Rozhodnutí'), unknownSigner);
    const [unknown] = await verifyFile(
      { bytes: foreign, fileName: 'r.pdf', mediaType: 'application/pdf' },
      { trust, now: now() },
    );
    expect(unknown.result).toBe('INDETERMINATE');
    expect(unknown.reasons.join()).toMatch(/does not chain to a trusted/);

    const [untrusted] = await verifyFile(
      { bytes: signed, fileName: 'r.pdf', mediaType: 'application/pdf' },
      { trust: null, now: now() },
    );
    expect(untrusted.result).toBe('INDETERMINATE');
    expect(untrusted.reasons.join()).toMatch(/HUB_SIGNATURE_TRUST_STORE/);

    expect(
      await verifyFile(
        { bytes: await makeTestPdf('bez podpisu'), fileName: 'x.pdf', mediaType: 'application/pdf' },
        { trust, now: now() },
      ),
    ).toEqual([]);
  });

  it('a seal, and validity judged at the time-stamp: a certificate expired since is still valid then, one expired before is not', async () => {
    const shortLived = await issueCertificate(ca, {
      subject: { commonName: 'Úřad', organizationName: 'Úřad', organizationIdentifier: 'NTRCZ-00279943' },
      usage: 'seal',
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    // Made while it was valid: stamped (and claimed) three days ago.
    const then = new Date(Date.now() - 3 * DAY);
    const stamped = await signCms(Buffer.from('<zprava/>'), shortLived, {
      signingTime: then,
      timeStamp: { tsa, genTime: then },
    });
    const findings = await verifyFile(
      { bytes: stamped, fileName: 'zprava.zfo', mediaType: 'application/pkcs7-mime' },
      { trust, now: now() },
    );
    expect(findings.map((f) => [f.kind, f.format, f.result])).toEqual([
      ['SEAL', 'CADES', 'VALID'],
      ['TIMESTAMP', 'TIMESTAMP_TOKEN', 'VALID'],
    ]);
    expect(findings[0].timeStampedAt?.toISOString()).toBe(then.toISOString());
    expect(findings[0].assessedAt).toEqual(findings[0].timeStampedAt);
    // Claimed today, nothing to prove otherwise: judged today, after it expired.
    const late = await signCms(Buffer.from('<zprava/>'), shortLived, { signingTime: new Date() });
    const [expired] = await verifyFile(
      { bytes: late, fileName: 'zprava.zfo', mediaType: 'application/pkcs7-mime' },
      { trust, now: now() },
    );
    expect(expired.result).toBe('INVALID');
    expect(expired.reasons.join()).toMatch(/not valid at/);
  });

  it('a detached .p7s needs its file; a stand-alone token is checked as far as it can be; PDF dates', async () => {
    const data = Buffer.from('smlouva');
    const p7s = await signCms(data, signer, { detached: true });
    const sibling = async (name: string) => (name === 'smlouva.txt' ? data : null);
    expect(
      (
        await verifyFile(
          { bytes: p7s, fileName: 'smlouva.txt.p7s', mediaType: 'application/pkcs7-signature' },
          { trust, now: now(), sibling },
        )
      )[0],
    ).toMatchObject({ format: 'CADES_DETACHED', result: 'VALID' });
    const [lost] = await verifyFile(
      { bytes: p7s, fileName: 'jina.txt.p7s', mediaType: 'application/pkcs7-signature' },
      { trust, now: now(), sibling },
    );
    expect(lost).toMatchObject({ format: 'CADES_DETACHED', result: 'INDETERMINATE' });
    const [token] = await verifyFile(
      { bytes: await createTimeStampToken(tsa, data), fileName: 'x.tsr', mediaType: 'application/timestamp-token' },
      { trust, now: now() },
    );
    expect(token).toMatchObject({ kind: 'TIMESTAMP', format: 'TIMESTAMP_TOKEN', result: 'INDETERMINATE' });
    expect(parsePdfDate("D:20260301110000+01'00'")?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
});

const BLANSKO = DEMO_MUNICIPALITIES[0];
const clerkUser = DEMO_USERS.find((u) => u.login === 'mbk.clerk')!;
const clerk = testCaller(clerkUser.municipalityId, clerkUser.roles, clerkUser.login, clerkUser.id, clerkUser.orgUnitId);

const RECEIVE = `mutation($i: DataMessageInput!) { receiveDataMessage(input: $i) { document { id } } }`;
const COMPONENTS = `query($id: ID!) { document(id: $id) { components {
  fileName mediaTypeCheck signatureStatus signaturesVerifiedAt
  signatures { position kind format result reasons signerName issuerSubject certificateSerial signedAt timeStampedAt assessedAt revocation verifiedAt }
} } }`;

describe.each(testDatabaseKinds())('signatures of received files on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let store: LocalDiskBlobStore;
  let blobDir: string;

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'filing-sig-blobs-'));
    store = new LocalDiskBlobStore(blobDir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(blobDir, { recursive: true, force: true });
  });

  const put = (bytes: Buffer, fileName: string, mediaType: string) =>
    storeUpload(scopeToTenant(t.orm.em.fork(), BLANSKO.id), store, clerk as never, Readable.from([bytes]), {
      fileName,
      mediaType,
      maxBytes: 1_000_000,
    });

  it('a data message with a valid, a tampered and a foreign-signed PDF, its ZFO and a detached .p7s: each shows its result, logged', async () => {
    const valid = await signPdf(await makeTestPdf('Rozhodnutí'), seal);
    const tampered = flipInFirstRange(await signPdf(await makeTestPdf('Rozhodnutí 2'), signer));
    const foreign = await signPdf(await makeTestPdf('Rozhodnutí 3'), unknownSigner);
    const zfo = await signCms(Buffer.from('<q:MessageDownloadResponse/>'), seal, { timeStamp: { tsa } });
    const text = Buffer.from('příloha');
    const p7s = await signCms(text, signer, { detached: true });
    const uploads = [
      await put(valid, 'rozhodnuti.pdf', 'application/pdf'),
      await put(tampered, 'zmeneny.pdf', 'application/pdf'),
      await put(foreign, 'cizi.pdf', 'application/pdf'),
      await put(zfo, 'DZ_123.zfo', 'application/vnd.software602.filler.form-xml-zip'),
      await put(text, 'priloha.txt', 'text/plain'),
      await put(p7s, 'priloha.txt.p7s', 'application/pkcs7-signature'),
    ];
    const res = await t.run(clerk, RECEIVE, {
      i: {
        dmId: String(Date.now() % 1e9),
        senderBoxId: 'vqbab52',
        senderName: 'Krajský úřad',
        annotation: 'Podepsané přílohy',
        deliveryTime: new Date(Date.now() - 60_000).toISOString(),
        status: 4,
        uploadIds: uploads.map((u) => u.id),
      },
    });
    expect(res.errors).toBeUndefined();
    const id = res.data!.receiveDataMessage.document.id;
    const before = await t.run(clerk, COMPONENTS, { id });
    expect(before.data!.document.components.map((c: any) => c.signatureStatus)).toEqual(Array(6).fill('PENDING'));

    const run = await verifyPendingComponents(t.orm, store, { trust });
    expect(run.verified).toBe(6);
    expect((await verifyPendingComponents(t.orm, store, { trust })).verified).toBe(0);

    const after = (await t.run(clerk, COMPONENTS, { id })).data!.document.components;
    const byName = Object.fromEntries(after.map((c: any) => [c.fileName, c]));
    expect(byName['rozhodnuti.pdf'].signatureStatus).toBe('VALID');
    expect(byName['rozhodnuti.pdf'].signatures).toEqual([
      expect.objectContaining({
        position: 1,
        kind: 'SEAL',
        format: 'PADES',
        result: 'VALID',
        reasons: [],
        signerName: 'Krajský úřad JMK',
        revocation: 'NOT_CHECKED',
      }),
    ]);
    expect(byName['rozhodnuti.pdf'].signatures[0].issuerSubject).toContain('CN=Test Qualified CA');
    expect(byName['zmeneny.pdf'].signatureStatus).toBe('INVALID');
    expect(byName['zmeneny.pdf'].signatures[0].reasons[0]).toMatch(/changed after signing/);
    expect(byName['cizi.pdf'].signatureStatus).toBe('INDETERMINATE');
    expect(byName['cizi.pdf'].signatures[0]).toMatchObject({ result: 'INDETERMINATE', signerName: 'Podvodník' });
    expect(byName['DZ_123.zfo'].mediaTypeCheck).toBe('MATCH');
    expect(byName['DZ_123.zfo'].signatures.map((s: any) => [s.kind, s.format, s.result])).toEqual([
      ['SEAL', 'CADES', 'VALID'],
      ['TIMESTAMP', 'TIMESTAMP_TOKEN', 'VALID'],
    ]);
    expect(byName['DZ_123.zfo'].signatures[0].assessedAt).toBe(byName['DZ_123.zfo'].signatures[0].timeStampedAt);
    expect(byName['priloha.txt'].signatureStatus).toBe('NONE');
    expect(byName['priloha.txt'].signatures).toEqual([]);
    expect(byName['priloha.txt.p7s'].signatures[0]).toMatchObject({
      format: 'CADES_DETACHED',
      result: 'VALID',
      signerName: 'Jana Nováková',
    });

    // The log: an Uprava of each Komponenta with the status and the findings.
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const events = await em.find(AuditEvent, { eventType: 'Uprava', objectType: 'Komponenta' });
    expect(events).toHaveLength(6);
    const tamperedEvent = events.find((e) => e.description?.includes('zmeneny.pdf'))!;
    expect(tamperedEvent.actorLogin).toBe('system');
    expect(tamperedEvent.changes).toContainEqual({ name: 'signatureStatus', old: 'PENDING', new: 'INVALID' });
    expect(tamperedEvent.changes.find((c) => c.name === 'signature1')?.new).toMatch(
      /^SIGNATURE PADES INVALID Jana Nováková: the signed content was changed/,
    );
  });

  it('components of own documents are not verified (no status)', async () => {
    const reg = await t.run(
      clerk,
      `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`,
      {
        i: { subject: 'Vlastní', origin: 'OWN' },
      },
    );
    expect(reg.errors).toBeUndefined();
    const u = await put(await signPdf(await makeTestPdf('x'), seal), 'vlastni.pdf', 'application/pdf');
    const res = await t.run(
      clerk,
      `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { components { signatureStatus signatures { result } } } } }`,
      {
        d: reg.data!.registerDocument.document.id,
        u: u.id,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.attachComponent.document.components).toEqual([{ signatureStatus: null, signatures: [] }]);
  });
});
