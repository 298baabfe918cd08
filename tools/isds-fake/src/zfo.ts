import { createHash } from 'node:crypto';
import { createTestCa, createTimeStampToken, issueCertificate, signCms, TestCa, TestIdentity } from '@hub/test-pki';
import type { StoredMessage } from './store';

/**
 * Test PKI of the local ISDS (made with @hub/test-pki): a CA, the seal that signs ZFOs and delivery receipts in
 * ISDS's name, and the time-stamping authority of dmQTimestamp. Pass your own to share one CA between fakes.
 */
export interface LocalIsdsPki {
  ca: TestCa;
  seal: TestIdentity;
  tsa: TestIdentity;
  /** The CA certificate to verify ZFOs against (= ca.certPem). */
  caCertPem: string;
}

export interface Signer {
  readonly pki: LocalIsdsPki;
  /** A ZFO: DER CMS SignedData with `content` attached (isds.md §3). */
  sign(content: Buffer): Promise<Buffer>;
  /** dmQTimestamp: an RFC 3161 token whose message imprint is SHA-256 over the dmDm bytes, i.e. dmHash. */
  timestamp(m: StoredMessage): Promise<Buffer>;
  /** AuthenticateMessage: is this exactly a document this ISDS sealed? */
  issued(document: Buffer): boolean;
}

const YEAR = 365 * 24 * 3600 * 1000;

/**
 * A CA, seal and TSA valid from a year before `now` for 20 years, so ZFOs stamped on an advanced clock stay
 * inside the certificates' validity. RSA like the real seal (isds.md §3), 2048-bit to stay quick.
 */
export async function generatePki(now: Date): Promise<LocalIsdsPki> {
  const notBefore = new Date(now.getTime() - YEAR);
  const notAfter = new Date(now.getTime() + 20 * YEAR);
  const ca = await createTestCa({ name: 'Local ISDS Test CA', keyAlgorithm: 'RSA', notBefore, notAfter });
  const org = 'Local ISDS (test only)';
  const seal = await issueCertificate(ca, {
    subject: { commonName: 'Local ISDS Seal', organizationName: org, countryName: 'CZ' },
    usage: 'seal',
    notBefore,
    notAfter,
  });
  const tsa = await issueCertificate(ca, {
    subject: { commonName: 'Local ISDS TSA', organizationName: org, countryName: 'CZ' },
    usage: 'tsa',
    notBefore,
    notAfter,
  });
  return { ca, seal, tsa, caCertPem: ca.certPem };
}

/** The signer. The CAdES-BES signed attributes and the DER shape come from @hub/test-pki's signCms. */
export function createSigner(pki: LocalIsdsPki, now: () => Date): Signer {
  // Digests of every ZFO handed out: real ISDS checks its own seal; remembering what it sealed is the same
  // answer for a fake whose documents never leave the test.
  const sealed = new Set<string>();
  const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  return {
    pki,
    sign: async (content) => {
      const zfo = await signCms(content, pki.seal, { signingTime: now() });
      sealed.add(digest(zfo));
      return zfo;
    },
    timestamp: (m) => createTimeStampToken(pki.tsa, Buffer.from(m.dmDmXml, 'utf8'), { genTime: m.submittedAt }),
    issued: (document) => sealed.has(digest(document)),
  };
}
