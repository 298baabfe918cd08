import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SealSigner } from './signer';

/**
 * The CMS of a PAdES signature (ETSI EN 319 142-1 baseline B, SubFilter ETSI.CAdES.detached), built with PKI.js:
 * a detached SignedData over the PDF's byte range with the signed attributes contentType, messageDigest and ESS
 * signing-certificate-v2 (no signing-time: the claimed time is the signature dictionary's /M). The private-key
 * operation is the `SealSigner`'s, so the key may live in an HSM. With a time-stamp authority it becomes baseline
 * T: an RFC 3161 token over the signature value as the unsigned attribute signature-time-stamp.
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

const ab = (b: Uint8Array) => {
  const out = new Uint8Array(b.byteLength);
  out.set(b);
  return out.buffer;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

export class TimeStampError extends Error {}

export interface TimeStamp {
  token: pkijs.ContentInfo;
  genTime: Date;
  serial: string;
  /** The TSA certificate's subject, when the token carries it. */
  tsa: string | null;
}

function subjectOf(cert: pkijs.Certificate): string {
  const names: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.6': 'C',
    '2.5.4.97': 'organizationIdentifier',
  };
  return cert.subject.typesAndValues
    .map((tv) => `${names[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`)
    .join(', ');
}

/**
 * Asks the RFC 3161 authority at `url` for a token over `data` (SHA-256, a random nonce, certReq): the answer must be
 * granted, be over this imprint with this nonce, and carry a signature that verifies against its own certificate
 * (the chain is the verifier's business, as for the seal).
 */
export async function requestTimeStamp(
  url: string,
  data: Uint8Array,
  opts: { timeoutMs?: number } = {},
): Promise<TimeStamp> {
  const digest = sha256(data);
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f; // a positive INTEGER
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    certReq: true,
  });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(req.toSchema().toBER(false)),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (e) {
    throw new TimeStampError(`the time-stamp authority cannot be reached: ${(e as Error).message}`);
  }
  if (!res.ok) throw new TimeStampError(`the time-stamp authority answered HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const asn = asn1js.fromBER(ab(body));
  if (asn.offset === -1) throw new TimeStampError('the time-stamp authority did not answer a TimeStampResp');
  const resp = new pkijs.TimeStampResp({ schema: asn.result });
  if (resp.status.status !== 0 && resp.status.status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimeStampError(
      `the time-stamp authority refused (status ${resp.status.status}${text ? `: ${text}` : ''})`,
    );
  }
  if (!resp.timeStampToken) throw new TimeStampError('the time-stamp authority granted no token');
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !signed.encapContentInfo.eContent)
    throw new TimeStampError('the token holds no TSTInfo');
  const tst = new pkijs.TSTInfo({
    schema: asn1js.fromBER(signed.encapContentInfo.eContent.valueBlock.valueHexView).result,
  });
  if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest))
    throw new TimeStampError('the token is over another imprint');
  if (!tst.nonce || !Buffer.from(tst.nonce.valueBlock.valueHexView).equals(nonce))
    throw new TimeStampError('the token does not carry the request nonce');
  // For a TSTInfo, PKI.js checks the imprint against `data` as well as the signature.
  const verified = await signed
    .verify({ signer: 0, data: ab(data), checkChain: false, extendedMode: true })
    .catch((e) => ({ signatureVerified: false, message: String(e) }));
  if (!verified.signatureVerified) throw new TimeStampError('the token signature does not verify');
  const tsaCert = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  return {
    token: resp.timeStampToken,
    genTime: tst.genTime,
    serial: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString('hex'),
    tsa: tsaCert ? subjectOf(tsaCert) : null,
  };
}

export interface PadesCms {
  der: Buffer;
  signer: string;
  certificateSha256: string;
  timeStamp: TimeStamp | null;
}

/** The detached CMS over `content` (the PDF's byte range), optionally time-stamped at `tsaUrl`. */
export async function padesCms(
  signer: SealSigner,
  content: Uint8Array,
  opts: { tsaUrl?: string | null } = {},
): Promise<PadesCms> {
  const ders = await signer.certificates();
  const certs = ders.map((d) => new pkijs.Certificate({ schema: asn1js.fromBER(ab(d)).result }));
  const [own] = certs;
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [own.issuer.toSchema()] })],
      }),
      own.serialNumber,
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(sha256(ders[0])) }), issuerSerial] }),
        ],
      }),
    ],
  });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: ab(sha256(content)) })],
      }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
    ],
  });
  // What is signed is the attributes' DER as a SET (tag 0x31), not as the [0] they are stored under (RFC 5652 §5.4).
  const toSign = Buffer.from(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31;
  const signature = await signer.sign(toSign);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      signer.keyType === 'RSA'
        ? { algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }
        : { algorithmId: OID.ecdsaWithSHA256 },
    ),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  let timeStamp: TimeStamp | null = null;
  if (opts.tsaUrl) {
    timeStamp = await requestTimeStamp(opts.tsaUrl, signature);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [timeStamp.token.toSchema()] })],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const der = Buffer.from(
    new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER(false),
  );
  return { der, signer: subjectOf(own), certificateSha256: sha256(ders[0]).toString('hex'), timeStamp };
}
