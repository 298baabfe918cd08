import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  createCrl,
  createTestCa,
  createTimeStampToken,
  cryptoEngine,
  issueCertificate,
  makeTestPdf,
  OID,
  signCms,
  signPdf,
  toArrayBuffer,
  toPkcs12,
  type TestCa,
  type TestIdentity,
} from './index';

// Outside tools check what this package makes (OpenSSL, poppler's pdfsig); both are on the hub's machines.
const dir = mkdtempSync(join(tmpdir(), 'test-pki-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function signedData(cms: Buffer): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
  return new pkijs.SignedData({ schema: info.content });
}

async function verify(cms: Buffer, trusted: TestIdentity[], data?: Buffer): Promise<boolean> {
  const result = await signedData(cms)
    .verify(
      {
        signer: 0,
        checkChain: true,
        trustedCerts: trusted.map((t) => t.certificate),
        data: data ? toArrayBuffer(data) : undefined,
        extendedMode: true,
      },
      cryptoEngine,
    )
    .catch(() => ({ signatureVerified: false }));
  return result.signatureVerified === true;
}

let root: TestCa;
let intermediate: TestCa;
let signer: TestIdentity;
let tsa: TestIdentity;

beforeAll(async () => {
  root = await createTestCa({ name: 'Test Root CA' });
  intermediate = await createTestCa({ name: 'Test Qualified CA', issuer: root });
  signer = await issueCertificate(intermediate, {
    subject: { commonName: 'Jana Nováková', givenName: 'Jana', surname: 'Nováková', countryName: 'CZ' },
    usage: 'signing',
  });
  tsa = await issueCertificate(root, { subject: 'Test TSA', usage: 'tsa' });
});

test('certificates chain to the root (OpenSSL) and carry their usage', async () => {
  const seal = await issueCertificate(intermediate, {
    subject: {
      commonName: 'Město Blansko',
      organizationName: 'Město Blansko',
      organizationIdentifier: 'NTRCZ-00279943',
    },
    usage: 'seal',
  });
  const server = await issueCertificate(root, { subject: 'localhost', usage: 'tls-server' });
  const caFile = file('root.pem', root.certPem);
  const untrusted = file('intermediate.pem', intermediate.certPem);
  for (const [name, id] of [
    ['signer', signer],
    ['seal', seal],
  ] as const) {
    expect(openssl(['verify', '-CAfile', caFile, '-untrusted', untrusted, file(`${name}.pem`, id.certPem)])).toContain(
      ': OK',
    );
  }
  expect(openssl(['verify', '-CAfile', caFile, '-purpose', 'sslserver', file('server.pem', server.certPem)])).toContain(
    ': OK',
  );
  expect(openssl(['verify', '-CAfile', caFile, '-purpose', 'timestampsign', file('tsa.pem', tsa.certPem)])).toContain(
    ': OK',
  );
  const other = await createTestCa({ name: 'Other CA' });
  expect(() =>
    openssl(['verify', '-CAfile', file('other.pem', other.certPem), file('signer2.pem', signer.certPem)]),
  ).toThrow();
  expect(openssl(['x509', '-in', file('seal2.pem', seal.certPem), '-noout', '-subject'])).toContain('Blansko');
});

test('attached and detached CMS verify (PKI.js, OpenSSL); a changed byte does not', async () => {
  const data = Buffer.from('<zprava>obsah</zprava>');
  const attached = await signCms(data, signer);
  expect(await verify(attached, [root])).toBe(true);
  const out = openssl([
    'cms',
    '-verify',
    '-inform',
    'DER',
    '-in',
    file('a.p7m', attached),
    '-CAfile',
    file('root2.pem', root.certPem),
    '-purpose',
    'any',
  ]);
  expect(out).toBe(data.toString());

  const detached = await signCms(data, signer, { detached: true });
  expect(await verify(detached, [root], data)).toBe(true);
  expect(await verify(detached, [root], Buffer.from('<zprava>obsaH</zprava>'))).toBe(false);
  const other = await createTestCa({ name: 'Other CA' });
  await expect(verify(detached, [other], data)).resolves.toBe(false);
});

test('a signature time-stamp (CAdES-T) is an RFC 3161 token over the signature value', async () => {
  const genTime = new Date('2026-01-02T03:04:05Z');
  const cms = await signCms(Buffer.from('x'), signer, { timeStamp: { tsa, genTime } });
  const sd = signedData(cms);
  const attr = sd.signerInfos[0].unsignedAttrs!.attributes.find((a) => a.type === OID.signatureTimeStampToken)!;
  const token = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: attr.values[0] }).content });
  const tst = pkijs.TSTInfo.fromBER(token.encapContentInfo.eContent!.getValue());
  expect(tst.genTime.toISOString()).toBe(genTime.toISOString());
  const expected = Buffer.from(
    await crypto.subtle.digest('SHA-256', sd.signerInfos[0].signature.valueBlock.valueHexView),
  );
  expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(expected);
  const standalone = await createTimeStampToken(tsa, Buffer.from('y'));
  expect(await verify(standalone, [root], Buffer.from('y'))).toBe(true);
  expect(await verify(standalone, [root], Buffer.from('z'))).toBe(false);
  const reply = openssl(['ts', '-reply', '-in', file('t.tsr', standalone), '-token_in', '-token_out', '-text']);
  expect(reply).toContain('Policy OID');
});

test('a CRL lists the revoked certificate (OpenSSL)', async () => {
  const crl = await createCrl(intermediate, { revoked: [{ certificate: signer }] });
  const text = openssl(['crl', '-inform', 'DER', '-in', file('c.crl', crl), '-noout', '-text']);
  expect(text).toContain(
    Buffer.from(signer.certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().slice(0, 8),
  );
  const parsed = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(crl));
  expect(await parsed.verify({ issuerCertificate: intermediate.certificate }, cryptoEngine)).toBe(true);
});

test('PKCS#12 opens with its password in Node TLS and OpenSSL', async () => {
  const server = await issueCertificate(root, { subject: 'localhost', usage: 'tls-server' });
  const p12 = await toPkcs12(server, 'heslo');
  expect(() => createSecureContext({ pfx: p12, passphrase: 'heslo' })).not.toThrow();
  expect(() => createSecureContext({ pfx: p12, passphrase: 'spatne' })).toThrow();
  const info = openssl(['pkcs12', '-in', file('s.p12', p12), '-passin', 'pass:heslo', '-nokeys']);
  expect(info).toContain('BEGIN CERTIFICATE');
});

test('a PAdES-signed PDF verifies (pdfsig, PKI.js over the byte range); a changed byte does not', async () => {
  const pdf = await signPdf(await makeTestPdf('Rozhodnutí'), signer, {
    reason: 'Podpis',
    signingTime: new Date('2026-03-01T10:00:00Z'),
  });
  const text = pdf.toString('latin1');
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text)!;
  const [a, b, c, d] = m.slice(1).map(Number);
  expect(a + b + d + (c - b)).toBe(pdf.length);
  const hex = text.slice(b + 1, c - 1);
  const cms = Buffer.from(hex, 'hex');
  const ci = asn1js.fromBER(toArrayBuffer(cms));
  const der = Buffer.from(cms.subarray(0, ci.offset));
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  expect(await verify(der, [root], signed)).toBe(true);
  const out = execFileSync('pdfsig', [file('s.pdf', pdf)], { encoding: 'utf8' });
  expect(out).toContain('Signature is Valid');
  expect(out).toContain('ETSI.CAdES.detached');

  const tampered = Buffer.from(pdf);
  // the text sits in a compressed content stream: change a byte in the middle of the first signed range
  tampered[Math.floor(b / 2)] ^= 0x01;
  const signed2 = Buffer.concat([tampered.subarray(a, a + b), tampered.subarray(c, c + d)]);
  expect(await verify(der, [root], signed2)).toBe(false);
});
