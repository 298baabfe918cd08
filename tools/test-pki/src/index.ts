/**
 * Test PKI: certification authorities, certificates per usage, CRLs, PKCS#12, CMS/CAdES signatures, RFC 3161
 * time-stamp tokens and PAdES-signed PDFs for the hub's tests. Built on PKI.js + asn1js over Node's WebCrypto;
 * everything is made in memory, nothing is fetched. Keys are ECDSA P-256 unless a caller asks for RSA (fast to
 * generate on a shared test machine; both are what qualified certificates use).
 *
 * Not for production: keys are extractable, serial numbers random, no policy checks.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts } from 'pdf-lib';

// The DOM lib is not in the hub's tsconfig: Node's WebCrypto types stand in for the global ones PKI.js names.
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type BufferSource = webcrypto.BufferSource;
const crypto = webcrypto;
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: crypto as any });
pkijs.setEngine('node', engine);

/** The PKI.js crypto engine this package uses (Node's WebCrypto); verifiers in tests may pass it on. */
export const cryptoEngine: pkijs.ICryptoEngine = engine;

export const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  /** ETSI EN 319 412-1 QCStatement id-etsi-qct-esign / -eseal: marks a test certificate as for a signature or a seal. */
  qcTypeEsign: '0.4.0.1862.1.6.1',
  qcTypeEseal: '0.4.0.1862.1.6.2',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcType: '0.4.0.1862.1.6',
} as const;

export type KeyAlgorithm = 'ECDSA' | 'RSA';

/** A distinguished name: a plain string is the common name. */
export type SubjectInput =
  | string
  | {
      commonName: string;
      organizationName?: string;
      organizationalUnitName?: string;
      organizationIdentifier?: string;
      givenName?: string;
      surname?: string;
      serialNumber?: string;
      countryName?: string;
      localityName?: string;
    };

/** A certificate with its private key (a CA or an end entity). */
export interface TestIdentity {
  certificate: pkijs.Certificate;
  certDer: Buffer;
  certPem: string;
  privateKey: CryptoKey;
  privateKeyPem: string;
  /** Issuers from the direct one up to the root (empty for a root CA). */
  chain: TestIdentity[];
}

export interface TestCa extends TestIdentity {
  name: string;
}

export type CertificateUsage = 'signing' | 'seal' | 'tls-server' | 'tls-client' | 'tsa';

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Bytes and PEM

/** A fresh ArrayBuffer holding exactly the bytes (Buffers may share a larger pool; jest realms differ). */
export function toArrayBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const out = new Uint8Array(view.byteLength);
  out.set(view);
  return out.buffer;
}

export function toPem(der: Uint8Array | ArrayBuffer, label: string): string {
  const b64 = Buffer.from(toArrayBuffer(der)).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

export function fromPem(pem: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of pem.matchAll(/-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/g))
    out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  return out;
}

function randomSerial(): asn1js.Integer {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x01; // no leading zero byte: DER stays minimal
  return new asn1js.Integer({ valueHex: toArrayBuffer(bytes) });
}

// ---------------------------------------------------------------------------------------------------------------
// Keys, names, extensions

async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  const params =
    algorithm === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function setName(target: pkijs.RelativeDistinguishedNames, subject: SubjectInput): void {
  const s = typeof subject === 'string' ? { commonName: subject } : subject;
  const add = (type: string, value: string | undefined, printable = false) => {
    if (value === undefined) return;
    target.typesAndValues.push(
      new pkijs.AttributeTypeAndValue({
        type,
        value: printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
      }),
    );
  };
  add(OID.countryName, s.countryName, true);
  add(OID.organizationName, s.organizationName);
  add(OID.organizationalUnitName, s.organizationalUnitName);
  add(OID.organizationIdentifier, s.organizationIdentifier);
  add(OID.localityName, s.localityName);
  add(OID.givenName, s.givenName);
  add(OID.surname, s.surname);
  add(OID.serialNumber, s.serialNumber, true);
  add(OID.commonName, s.commonName);
}

/** keyUsage bits (RFC 5280 4.2.1.3) as a DER named BIT STRING. */
function keyUsageBits(bits: number[]): asn1js.BitString {
  let value = 0;
  for (const bit of bits) value |= 1 << (15 - bit);
  const bytes = value & 0xff ? [value >> 8, value & 0xff] : [value >> 8];
  const last = bytes[bytes.length - 1];
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return new asn1js.BitString({ valueHex: new Uint8Array(bytes).buffer, unusedBits: unused });
}

const KU = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };

function extension(
  extnID: string,
  critical: boolean,
  value: { toSchema(): asn1js.BaseBlock<any> } | asn1js.BaseBlock<any>,
): pkijs.Extension {
  const schema =
    'toSchema' in value && typeof value.toSchema === 'function' ? value.toSchema() : (value as asn1js.BaseBlock<any>);
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

async function keyIdentifier(cert: pkijs.Certificate): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-1', cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
}

function qcType(oid: string): asn1js.Sequence {
  // QCStatements ::= SEQUENCE OF QCStatement; QCStatement { statementId, statementInfo: SEQUENCE OF OID }
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.qcType }),
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] }),
        ],
      }),
    ],
  });
}

interface MakeCertificate {
  subject: SubjectInput;
  issuer?: TestIdentity;
  ca: boolean;
  extensions: pkijs.Extension[];
  notBefore?: Date;
  notAfter?: Date;
  keyAlgorithm?: KeyAlgorithm;
  crlUrl?: string;
}

async function makeCertificate(input: MakeCertificate): Promise<Omit<TestIdentity, 'chain'>> {
  const keys = await generateKeyPair(
    input.issuer
      ? (keyAlgorithmOf(input.issuer.privateKey) ?? input.keyAlgorithm ?? 'ECDSA')
      : (input.keyAlgorithm ?? 'ECDSA'),
  );
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  setName(cert.subject, input.subject);
  if (input.issuer) cert.issuer = input.issuer.certificate.subject;
  else setName(cert.issuer, input.subject);
  const now = Date.now();
  cert.notBefore.value = input.notBefore ?? new Date(now - DAY);
  cert.notAfter.value = input.notAfter ?? new Date(now + 365 * DAY);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  const extensions = [...input.extensions];
  extensions.push(
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: await keyIdentifier(cert) })),
  );
  const issuerCert = input.issuer?.certificate ?? cert;
  extensions.push(
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: await keyIdentifier(issuerCert) }),
      }),
    ),
  );
  if (input.crlUrl) {
    extensions.push(
      extension(
        OID.crlDistributionPoints,
        false,
        new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({
              distributionPoint: [new pkijs.GeneralName({ type: 6, value: input.crlUrl })],
            }),
          ],
        }),
      ),
    );
  }
  cert.extensions = extensions;
  await cert.sign(input.issuer?.privateKey ?? keys.privateKey, 'SHA-256', engine);
  const certDer = Buffer.from(cert.toSchema().toBER(false));
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  // Re-read the certificate from its DER: a parsed Certificate is what verifiers see (encoded TBS kept).
  const parsed = pkijs.Certificate.fromBER(toArrayBuffer(certDer));
  return {
    certificate: parsed,
    certDer,
    certPem: toPem(certDer, 'CERTIFICATE'),
    privateKey: keys.privateKey,
    privateKeyPem: toPem(pkcs8, 'PRIVATE KEY'),
  };
}

function keyAlgorithmOf(key: CryptoKey): KeyAlgorithm | undefined {
  return key.algorithm.name === 'ECDSA' ? 'ECDSA' : key.algorithm.name.startsWith('RSA') ? 'RSA' : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// CAs and certificates

export interface CreateTestCaOptions {
  /** Common name of the CA, also its organization. */
  name: string;
  /** Makes an intermediate CA issued by this CA instead of a self-signed root. */
  issuer?: TestCa;
  notBefore?: Date;
  notAfter?: Date;
  keyAlgorithm?: KeyAlgorithm;
}

/** A certification authority: a self-signed root, or an intermediate when `issuer` is given. */
export async function createTestCa(options: CreateTestCaOptions): Promise<TestCa> {
  const made = await makeCertificate({
    subject: { commonName: options.name, organizationName: options.name, countryName: 'CZ' },
    issuer: options.issuer,
    ca: true,
    notBefore: options.notBefore,
    notAfter: options.notAfter ?? (options.notBefore ? undefined : new Date(Date.now() + 10 * 365 * DAY)),
    keyAlgorithm: options.keyAlgorithm,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true })),
      extension(OID.keyUsage, true, keyUsageBits([KU.digitalSignature, KU.keyCertSign, KU.cRLSign])),
    ],
  });
  return { ...made, name: options.name, chain: options.issuer ? [options.issuer, ...options.issuer.chain] : [] };
}

export interface IssueCertificateOptions {
  subject: SubjectInput;
  usage: CertificateUsage;
  notBefore?: Date;
  notAfter?: Date;
  /** DNS names / IP addresses for TLS certificates (default localhost and 127.0.0.1). */
  hosts?: string[];
  /** URL put in the CRL distribution points extension (nothing fetches it). */
  crlUrl?: string;
}

/**
 * An end-entity certificate for a usage: 'signing' (natural person, non-repudiation, QC type e-sign), 'seal'
 * (legal person, QC type e-seal), 'tls-server' / 'tls-client' (extended key usage, SAN for servers) and 'tsa'
 * (critical extended key usage timeStamping, RFC 3161).
 */
export async function issueCertificate(
  ca: TestCa | TestIdentity,
  options: IssueCertificateOptions,
): Promise<TestIdentity> {
  const ext: pkijs.Extension[] = [extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }))];
  switch (options.usage) {
    case 'signing':
      ext.push(extension(OID.keyUsage, true, keyUsageBits([KU.digitalSignature, KU.nonRepudiation])));
      ext.push(extension(OID.qcStatements, false, qcType(OID.qcTypeEsign)));
      break;
    case 'seal':
      ext.push(extension(OID.keyUsage, true, keyUsageBits([KU.digitalSignature, KU.nonRepudiation])));
      ext.push(extension(OID.qcStatements, false, qcType(OID.qcTypeEseal)));
      break;
    case 'tsa':
      ext.push(extension(OID.keyUsage, true, keyUsageBits([KU.digitalSignature, KU.nonRepudiation])));
      ext.push(extension(OID.extKeyUsage, true, new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] })));
      break;
    case 'tls-server':
    case 'tls-client': {
      ext.push(extension(OID.keyUsage, true, keyUsageBits([KU.digitalSignature, KU.keyEncipherment])));
      ext.push(
        extension(
          OID.extKeyUsage,
          false,
          new pkijs.ExtKeyUsage({ keyPurposes: [options.usage === 'tls-server' ? OID.serverAuth : OID.clientAuth] }),
        ),
      );
      if (options.usage === 'tls-server') {
        const hosts = options.hosts ?? ['localhost', '127.0.0.1'];
        const altNames = hosts.map((h) =>
          /^\d+\.\d+\.\d+\.\d+$/.test(h)
            ? new pkijs.GeneralName({
                type: 7,
                value: new asn1js.OctetString({ valueHex: new Uint8Array(h.split('.').map(Number)).buffer }),
              })
            : new pkijs.GeneralName({ type: 2, value: h }),
        );
        ext.push(extension(OID.subjectAltName, false, new pkijs.AltName({ altNames })));
      }
      break;
    }
    default:
      throw new Error(`unknown certificate usage ${String(options.usage)}`);
  }
  const made = await makeCertificate({
    subject: options.subject,
    issuer: ca,
    ca: false,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    extensions: ext,
    crlUrl: options.crlUrl,
  });
  return { ...made, chain: [ca, ...ca.chain] };
}

export interface CrlOptions {
  revoked?: { certificate: TestIdentity | pkijs.Certificate; date?: Date }[];
  thisUpdate?: Date;
  nextUpdate?: Date;
}

/** A CRL signed by the CA (DER), listing the revoked certificates. */
export async function createCrl(ca: TestIdentity, options: CrlOptions = {}): Promise<Buffer> {
  const thisUpdate = options.thisUpdate ?? new Date();
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: ca.certificate.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: thisUpdate }),
    nextUpdate: new pkijs.Time({ type: 0, value: options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY) }),
  });
  if (options.revoked?.length) {
    crl.revokedCertificates = options.revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: ('certDer' in r.certificate ? r.certificate.certificate : r.certificate).serialNumber,
          revocationDate: new pkijs.Time({ type: 0, value: r.date ?? new Date(thisUpdate.getTime() - 1000) }),
        }),
    );
  }
  await crl.sign(ca.privateKey, 'SHA-256', engine);
  return Buffer.from(crl.toSchema(true).toBER(false));
}

/** The trust-store bundle of CAs (PEM, concatenated), as the hub's trust-store setting reads it. */
export function pemBundle(...identities: TestIdentity[]): string {
  return identities.map((i) => i.certPem).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// PKCS#12

/**
 * A PKCS#12 (.p12/.pfx) file with the certificate, its chain and the private key: PBES2 (AES-256-CBC, PBKDF2
 * SHA-256) for the key and certificates, HMAC-SHA-256 integrity; OpenSSL 3 and Node's tls read it.
 */
export async function toPkcs12(identity: TestIdentity, password: string): Promise<Buffer> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', identity.privateKey);
  const passwordBuffer = toArrayBuffer(Buffer.from(password, 'utf8'));
  const certBags = [identity, ...identity.chain].map(
    (c) =>
      new pkijs.SafeBag({
        bagId: '1.2.840.113549.1.12.10.1.3',
        bagValue: new pkijs.CertBag({ parsedValue: c.certificate }),
      }),
  );
  const keyBag = new pkijs.SafeBag({
    bagId: '1.2.840.113549.1.12.10.1.2',
    bagValue: new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) }),
  });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
          ],
        },
      }),
    },
  });
  const encryption = {
    password: passwordBuffer,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: 2048,
  };
  await (keyBag.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues(encryption, engine);
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, encryption] }, engine);
  await pfx.makeInternalValues(
    { password: passwordBuffer, iterations: 2048, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' },
    engine,
  );
  return Buffer.from(pfx.toSchema().toBER(false));
}

// ---------------------------------------------------------------------------------------------------------------
// CMS / CAdES

export interface SignCmsOptions {
  /** Detached: the content is not inside (a .p7s beside the file, PAdES). Default false (attached, e.g. a ZFO). */
  detached?: boolean;
  /** signingTime signed attribute; `null` leaves it out (PAdES puts the time into the signature dictionary). */
  signingTime?: Date | null;
  /** eContentType (default id-data). */
  contentType?: string;
  /** Put the issuers' certificates into the SignedData too (default true). */
  includeChain?: boolean;
  /** Add an RFC 3161 signature time-stamp (CAdES-T) from this TSA identity. */
  timeStamp?: { tsa: TestIdentity; genTime?: Date };
}

function attribute(type: string, value: asn1js.BaseBlock<any>): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

async function sha256(data: BufferSource): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', data);
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate (CAdES-BES requires it). */
async function signingCertificateV2(cert: TestIdentity): Promise<asn1js.Sequence> {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [cert.certificate.issuer.toSchema()],
          }),
        ],
      }),
      cert.certificate.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: await sha256(toArrayBuffer(cert.certDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * A CMS SignedData (DER ContentInfo) over the bytes by the signer: CAdES-BES signed attributes (contentType,
 * messageDigest, signingTime, signing-certificate-v2), SHA-256; attached by default, detached on request;
 * optionally CAdES-T (a signature time-stamp as an unsigned attribute).
 */
export async function signCms(data: Uint8Array, signer: TestIdentity, options: SignCmsOptions = {}): Promise<Buffer> {
  const content = toArrayBuffer(data);
  const contentType = options.contentType ?? OID.data;
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(options.detached ? {} : { eContent: new asn1js.OctetString({ valueHex: content }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.certificate.issuer,
          serialNumber: signer.certificate.serialNumber,
        }),
      }),
    ],
    certificates:
      options.includeChain === false
        ? [signer.certificate]
        : [signer.certificate, ...signer.chain.map((c) => c.certificate)],
  });
  const attributes = [attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType }))];
  const signingTime = options.signingTime === undefined ? new Date() : options.signingTime;
  if (signingTime) attributes.push(attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime })));
  attributes.push(attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: await sha256(content) })));
  attributes.push(attribute(OID.signingCertificateV2, await signingCertificateV2(signer)));
  signedData.signerInfos[0].signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  await signedData.sign(signer.privateKey, 0, 'SHA-256', undefined, engine);
  if (options.timeStamp) {
    const signatureValue = signedData.signerInfos[0].signature.valueBlock.valueHexView;
    const token = await createTimeStampToken(options.timeStamp.tsa, signatureValue, {
      genTime: options.timeStamp.genTime,
    });
    signedData.signerInfos[0].unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attribute(OID.signatureTimeStampToken, asn1js.fromBER(toArrayBuffer(token)).result)],
    });
  }
  const schema = signedData.toSchema(true) as asn1js.Sequence;
  if (!options.detached) {
    // PKI.js writes eContent as a constructed (BER, chunked) OCTET STRING; time-stamp tokens and most readers
    // expect DER, so the content goes in as one primitive OCTET STRING.
    const encap = schema.valueBlock.value[2] as asn1js.Sequence;
    encap.valueBlock.value[1] = new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 0 },
      value: [new asn1js.OctetString({ valueHex: content })],
    });
  }
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: schema });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

export interface TimeStampOptions {
  genTime?: Date;
  policy?: string;
}

/**
 * An RFC 3161 time-stamp token (DER ContentInfo of a SignedData over a TSTInfo) by the TSA identity over the
 * SHA-256 hash of the bytes.
 */
export async function createTimeStampToken(
  tsa: TestIdentity,
  data: Uint8Array,
  options: TimeStampOptions = {},
): Promise<Buffer> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: options.policy ?? '1.3.6.1.4.1.99999.1.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: await sha256(toArrayBuffer(data)) }),
    }),
    serialNumber: randomSerial(),
    genTime: options.genTime ?? new Date(),
    ordering: false,
  });
  const tstDer = tstInfo.toSchema().toBER(false);
  return signCms(new Uint8Array(tstDer), tsa, { contentType: OID.tstInfo, signingTime: null, includeChain: true });
}

// ---------------------------------------------------------------------------------------------------------------
// PDF and PAdES

/** A small one-page PDF with the text (Helvetica, no embedded files), for tests that need "a PDF". */
export async function makeTestPdf(text = 'Test document'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font });
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export interface SignPdfOptions {
  reason?: string;
  location?: string;
  /** The claimed signing time (/M in the signature dictionary). */
  signingTime?: Date;
  /** Bytes reserved for the CMS in /Contents (default 16 KiB). */
  reserve?: number;
  timeStamp?: SignCmsOptions['timeStamp'];
}

const BYTE_RANGE_PLACEHOLDER = '**********';

/**
 * A PAdES baseline-B signed PDF (SubFilter ETSI.CAdES.detached): an invisible signature field on the first page
 * whose /Contents holds a detached CAdES signature over the /ByteRange (the whole file but /Contents).
 *
 * The PDF is written anew by pdf-lib (no incremental update): signing a PDF that is already signed invalidates
 * the earlier signatures. Good enough for one signature or seal per test document.
 */
export async function signPdf(pdf: Uint8Array, signer: TestIdentity, options: SignPdfOptions = {}): Promise<Buffer> {
  const reserve = options.reserve ?? 16384;
  const doc = await PDFDocument.load(pdf);
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(reserve * 2)),
    M: PDFString.fromDate(options.signingTime ?? new Date()),
    ...(options.reason ? { Reason: PDFString.of(options.reason) } : {}),
    ...(options.location ? { Location: PDFString.of(options.location) } : {}),
  });
  const sigRef = ctx.register(sig);
  const page = doc.getPages()[0];
  const existingFields = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fieldCount = existingFields ? (existingFields.lookupMaybe(PDFName.of('Fields'), PDFArray)?.size() ?? 0) : 0;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFString.of(`Signature${fieldCount + 1}`),
    F: 4,
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(widgetRef);
  else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
  if (existingFields) {
    const fields = existingFields.lookupMaybe(PDFName.of('Fields'), PDFArray);
    if (fields) fields.push(widgetRef);
    else existingFields.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
    existingFields.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  } else {
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widgetRef], SigFlags: 3 }));
  }
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));

  // Fill the byte range in place (same length, padded with spaces), then sign everything but /Contents.
  const text = bytes.toString('latin1');
  const rangeStart = text.indexOf(`/ByteRange [ 0 /${BYTE_RANGE_PLACEHOLDER}`);
  const rangeEnd = text.indexOf(']', rangeStart) + 1;
  const contentsStart = text.indexOf('<', text.indexOf('/Contents', rangeStart));
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  if (rangeStart < 0 || contentsStart < 0) throw new Error('signature placeholder not found in the saved PDF');
  const range = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `/ByteRange [${range.join(' ')}]`;
  if (rangeText.length > rangeEnd - rangeStart) throw new Error('byte range does not fit its placeholder');
  bytes.write(rangeText.padEnd(rangeEnd - rangeStart, ' '), rangeStart, 'latin1');
  const signed = Buffer.concat([bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd)]);
  const cms = await signCms(signed, signer, { detached: true, signingTime: null, timeStamp: options.timeStamp });
  if (cms.length > reserve) throw new Error(`signature (${cms.length} bytes) exceeds the reserve of ${reserve} bytes`);
  bytes.write(cms.toString('hex').padEnd(reserve * 2, '0'), contentsStart + 1, 'latin1');
  return bytes;
}
