import { createHash, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { StoredMessage } from './store';

/**
 * Test PKI of the local ISDS: a CA and the certificate that seals ZFOs in its name. PEM strings, so material
 * from elsewhere (a shared test CA) can be passed in as `startLocalIsds({ pki })`.
 */
export interface LocalIsdsPki {
  caCertPem: string;
  signerCertPem: string;
  /** PKCS#8 PEM, RSA. */
  signerKeyPem: string;
}

export interface Signer {
  readonly pki: LocalIsdsPki;
  /** A ZFO: DER CMS SignedData with `content` attached (isds.md §3). */
  sign(content: Buffer): Promise<Buffer>;
  /** dmQTimestamp of a message: a DER CMS SignedData over an RFC 3161 TSTInfo with the message's hash. */
  timestamp(m: StoredMessage): Promise<Buffer>;
}

type CryptoKey = webcrypto.CryptoKey;
const crypto = webcrypto;
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as EngineCrypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
};

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'CZ' }) }),
      new pkijs.AttributeTypeAndValue({ type: OID.organization, value: new asn1js.Utf8String({ value: 'Local ISDS (test only)' }) }),
      new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

function pem(label: string, der: ArrayBuffer | Buffer): string {
  const b64 = Buffer.from(der as ArrayBuffer).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function derOf(pemText: string): Buffer {
  return Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

async function issue(opts: {
  subject: string; issuer: string; publicKey: CryptoKey; issuerKey: CryptoKey; ca: boolean; from: Date; to: Date; tsa?: boolean;
}): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: new Uint8Array([0x01, ...randomBytes(15)]).buffer });
  cert.issuer = name(opts.issuer);
  cert.subject = name(opts.subject);
  cert.notBefore.value = opts.from;
  cert.notAfter.value = opts.to;
  // keyCertSign + cRLSign for the CA; digitalSignature + nonRepudiation for the seal (bit 0 is the top bit).
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([opts.ca ? 0x06 : 0xc0]).buffer, unusedBits: opts.ca ? 1 : 6 });
  cert.extensions = [
    new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: opts.ca }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: usage.toBER(false) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(opts.publicKey);
  await cert.sign(opts.issuerKey, 'SHA-256');
  return cert;
}

/** Generates a test CA and a sealing certificate valid from a year before `now` for 20 years. */
export async function generatePki(now: Date): Promise<LocalIsdsPki> {
  const params = { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const caKeys = await crypto.subtle.generateKey(params, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const sealKeys = await crypto.subtle.generateKey(params, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const from = new Date(now.getTime() - 365 * 24 * 3600 * 1000);
  const to = new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000);
  const ca = await issue({ subject: 'Local ISDS Test CA', issuer: 'Local ISDS Test CA', publicKey: caKeys.publicKey, issuerKey: caKeys.privateKey, ca: true, from, to });
  const seal = await issue({ subject: 'Local ISDS Seal', issuer: 'Local ISDS Test CA', publicKey: sealKeys.publicKey, issuerKey: caKeys.privateKey, ca: false, from, to });
  return {
    caCertPem: pem('CERTIFICATE', ca.toSchema().toBER(false)),
    signerCertPem: pem('CERTIFICATE', seal.toSchema().toBER(false)),
    signerKeyPem: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', sealKeys.privateKey)),
  };
}

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** CMS SignedData (ContentInfo, DER) with `content` attached, signed attributes as CAdES has them. */
async function signedData(content: Buffer, contentType: string, cert: pkijs.Certificate, key: CryptoKey, signingTime: Date): Promise<Buffer> {
  const digest = createHash('sha256').update(content).digest();
  const cms = new pkijs.SignedData({
    version: contentType === OID.data ? 1 : 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      eContent: new asn1js.OctetString({ valueHex: content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
            attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime })),
            attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: new Uint8Array(digest).buffer })),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  await cms.sign(key, 0, 'SHA-256');
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: cms.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

/**
 * The sealing signer. Signatures are RSASSA-PKCS1-v1_5 with SHA-256 (real ISDS seals with RSA-PSS, isds.md §3);
 * any CMS verifier accepts both.
 */
export async function createSigner(pki: LocalIsdsPki, now: () => Date): Promise<Signer> {
  const cert = pkijs.Certificate.fromBER(derOf(pki.signerCertPem));
  const keyDer = createPrivateKey(pki.signerKeyPem).export({ format: 'der', type: 'pkcs8' });
  const key = await crypto.subtle.importKey('pkcs8', keyDer, RSA, false, ['sign']);
  return {
    pki,
    sign: (content) => signedData(content, OID.data, cert, key, now()),
    timestamp: (m) => timestamp(m, cert, key),
  };
}

/** An RFC 3161 TSTInfo over the message hash (the time-stamping authority is the same test seal). */
async function timestamp(m: StoredMessage, cert: pkijs.Certificate, key: CryptoKey): Promise<Buffer> {
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(m.hash).buffer }),
    }),
    serialNumber: new asn1js.Integer({ value: Number(m.dmId) % 2 ** 31 }),
    genTime: m.submittedAt,
  });
  return signedData(Buffer.from(tst.toSchema().toBER(false)), OID.tstInfo, cert, key, m.submittedAt);
}
