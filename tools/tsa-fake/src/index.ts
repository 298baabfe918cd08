/**
 * A time-stamp authority for tests and the demo (RFC 3161 over HTTP, RFC 3161 §3.4): `POST` a DER TimeStampReq with
 * `content-type: application/timestamp-query`, get a DER TimeStampResp (`application/timestamp-reply`). It listens
 * on loopback only. Requests are checked as a real TSA checks them, and refusals are answered the RFC's way
 * (status `rejection` with a PKIFailureInfo bit), not with HTTP errors:
 * - not DER, not a TimeStampReq → badDataFormat; version other than 1 → badRequest;
 * - a hash algorithm other than SHA-256/384/512 → badAlg; an imprint of the wrong length → badDataFormat;
 * - a requested policy other than the TSA's → unacceptedPolicy; any extension → unacceptedExtension.
 * A granted token is a CMS SignedData over a TSTInfo (the request's imprint and nonce, a serial number, genTime,
 * accuracy 1 s), signed by a TSA certificate with the critical extended key usage timeStamping and the ESS
 * signing-certificate-v2 attribute; the certificates go in when the request sets certReq.
 *
 * Not product code: the key is in memory and the clock is the machine's (or the test's).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  OID,
  createTestCa,
  cryptoEngine,
  issueCertificate,
  toArrayBuffer,
  type TestCa,
  type TestIdentity,
} from '@hub/test-pki';

export const TSA_POLICY = '1.3.6.1.4.1.99999.3161.1';

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
export const FailureInfo = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

const HASHES: Record<string, { name: string; length: number }> = {
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64 },
};

const MAX_REQUEST_BYTES = 64 * 1024;

export interface TsaFakeOptions {
  /** The TSA's identity (a certificate with usage 'tsa'); made with its own test CA when absent. */
  tsa?: TestIdentity;
  /** The TSA's policy OID. */
  policy?: string;
  /** The time put into tokens. */
  clock?: () => Date;
  /** Makes the TSA answer every request with status rejection / systemFailure (an outage that still speaks HTTP). */
  failing?: boolean;
}

export interface IssuedStamp {
  serial: string;
  genTime: Date;
  hashAlgorithm: string;
  imprint: string;
  nonce: string | null;
}

export interface TsaFake {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  tsa: TestIdentity;
  /** The CA that issued the TSA certificate when the fake made it itself. */
  ca: TestCa | null;
  policy: string;
  /** Every granted token, oldest first. */
  issued: IssuedStamp[];
  /** Every request with its status (0 granted, 2 rejection) and failure bit. */
  requests: { status: number; failInfo: number | null }[];
  setFailing(failing: boolean): void;
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly failInfo: number,
    message: string,
  ) {
    super(message);
  }
}

function failureBits(bit: number): asn1js.BitString {
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes.buffer, unusedBits: 7 - (bit & 7) });
}

const hex = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

/** The request, checked (see the module comment); a Refusal says which failure bit to answer. */
export function parseTimeStampReq(der: Buffer, policy = TSA_POLICY): pkijs.TimeStampReq {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1 || asn.offset !== der.length)
    throw new Refusal(FailureInfo.badDataFormat, 'the request is not one DER value');
  let req: pkijs.TimeStampReq;
  try {
    req = new pkijs.TimeStampReq({ schema: asn.result });
  } catch (e) {
    throw new Refusal(FailureInfo.badDataFormat, `not a TimeStampReq: ${(e as Error).message}`);
  }
  // DER, not just BER: encoded again, the request must give the same bytes.
  if (!Buffer.from(req.toSchema().toBER(false)).equals(der))
    throw new Refusal(FailureInfo.badDataFormat, 'the request is BER, not DER');
  if (req.version !== 1) throw new Refusal(FailureInfo.badRequest, `version ${req.version}, not 1`);
  const alg = HASHES[req.messageImprint.hashAlgorithm.algorithmId];
  if (!alg)
    throw new Refusal(
      FailureInfo.badAlg,
      `hash algorithm ${req.messageImprint.hashAlgorithm.algorithmId} is not accepted (SHA-256/384/512)`,
    );
  if (req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== alg.length) {
    throw new Refusal(
      FailureInfo.badDataFormat,
      `the ${alg.name} imprint has ${req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength} bytes, not ${alg.length}`,
    );
  }
  if (req.reqPolicy && req.reqPolicy !== policy)
    throw new Refusal(FailureInfo.unacceptedPolicy, `policy ${req.reqPolicy} is not this TSA's (${policy})`);
  if (req.extensions?.length) throw new Refusal(FailureInfo.unacceptedExtension, 'extensions are not supported');
  return req;
}

/** ESS signing-certificate-v2 (RFC 5035), which RFC 3161 (as updated by RFC 5816) requires in the token. */
function signingCertificateV2(cert: TestIdentity): asn1js.Sequence {
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
  const certHash = createHash('sha256').update(cert.certDer).digest();
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial] }),
        ],
      }),
    ],
  });
}

async function token(
  tsa: TestIdentity,
  req: pkijs.TimeStampReq,
  serial: bigint,
  genTime: Date,
  policy: string,
): Promise<pkijs.ContentInfo> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy,
    messageImprint: req.messageImprint,
    serialNumber: new asn1js.Integer({
      valueHex: toArrayBuffer(Buffer.from(serial.toString(16).padStart(16, '0'), 'hex')),
    }),
    genTime,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ordering: false,
    ...(req.nonce ? { nonce: req.nonce } : {}),
  });
  const content = tstInfo.toSchema().toBER(false);
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: content }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: tsa.certificate.issuer,
          serialNumber: tsa.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [
                new asn1js.OctetString({
                  valueHex: toArrayBuffer(createHash('sha256').update(Buffer.from(content)).digest()),
                }),
              ],
            }),
            new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(tsa)] }),
          ],
        }),
      }),
    ],
    ...(req.certReq ? { certificates: [tsa.certificate, ...tsa.chain.map((c) => c.certificate)] } : {}),
  });
  await signedData.sign(tsa.privateKey as never, 0, 'SHA-256', undefined, cryptoEngine);
  const schema = signedData.toSchema(true) as asn1js.Sequence;
  // eContent as one primitive OCTET STRING (DER), as verifiers expect (PKI.js would write it chunked).
  const encap = schema.valueBlock.value[2] as asn1js.Sequence;
  encap.valueBlock.value[1] = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [new asn1js.OctetString({ valueHex: content })],
  });
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: schema });
}

function response(status: number, opts: { token?: pkijs.ContentInfo; failInfo?: number; text?: string }): Buffer {
  const statusInfo = new pkijs.PKIStatusInfo({
    status,
    ...(opts.text ? { statusStrings: [new asn1js.Utf8String({ value: opts.text })] } : {}),
    ...(opts.failInfo !== undefined ? { failInfo: failureBits(opts.failInfo) } : {}),
  });
  const resp = new pkijs.TimeStampResp({ status: statusInfo, ...(opts.token ? { timeStampToken: opts.token } : {}) });
  return Buffer.from(resp.toSchema().toBER(false));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts the TSA on 127.0.0.1 at a random port. */
export async function startTsaFake(options: TsaFakeOptions = {}): Promise<TsaFake> {
  let ca: TestCa | null = null;
  let tsa = options.tsa;
  if (!tsa) {
    ca = await createTestCa({ name: 'Test TSA CA' });
    tsa = await issueCertificate(ca, {
      subject: { commonName: 'Test TSA', organizationName: 'Test TSA', countryName: 'CZ' },
      usage: 'tsa',
    });
  }
  const identity = tsa;
  const policy = options.policy ?? TSA_POLICY;
  const clock = options.clock ?? (() => new Date());
  let failing = options.failing ?? false;
  let serial = BigInt(Date.now()) * 1000n;
  const issued: IssuedStamp[] = [];
  const requests: TsaFake['requests'] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST a TimeStampReq\n');
        return;
      }
      if ((req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() !== 'application/timestamp-query') {
        res.writeHead(415, { 'content-type': 'text/plain' }).end('content-type must be application/timestamp-query\n');
        return;
      }
      const body = await readBody(req);
      if (!body) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end('request too large\n');
        return;
      }
      let answer: Buffer;
      try {
        if (failing) throw new Refusal(FailureInfo.systemFailure, 'the TSA is failing (test switch)');
        const parsed = parseTimeStampReq(body, policy);
        serial += 1n;
        const genTime = clock();
        answer = response(0, { token: await token(identity, parsed, serial, genTime, policy) });
        const alg = HASHES[parsed.messageImprint.hashAlgorithm.algorithmId];
        issued.push({
          serial: serial.toString(16),
          genTime,
          hashAlgorithm: alg.name,
          imprint: hex(parsed.messageImprint.hashedMessage.valueBlock.valueHexView),
          nonce: parsed.nonce ? hex(parsed.nonce.valueBlock.valueHexView) : null,
        });
        requests.push({ status: 0, failInfo: null });
      } catch (e) {
        const failInfo = e instanceof Refusal ? e.failInfo : FailureInfo.systemFailure;
        answer = response(2, { failInfo, text: (e as Error).message });
        requests.push({ status: 2, failInfo });
      }
      res
        .writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': answer.length })
        .end(answer);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    tsa: identity,
    ca,
    policy,
    issued,
    requests,
    setFailing: (f) => {
      failing = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A DER TimeStampReq over `digest` (SHA-256 unless another algorithm OID is given), for clients and tests. */
export function timeStampRequest(
  digest: Buffer,
  opts: { nonce?: Buffer; certReq?: boolean; hashAlgorithm?: string; policy?: string } = {},
): Buffer {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: opts.hashAlgorithm ?? OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
    }),
    certReq: opts.certReq ?? true,
    ...(opts.nonce ? { nonce: new asn1js.Integer({ valueHex: toArrayBuffer(opts.nonce) }) } : {}),
    ...(opts.policy ? { reqPolicy: opts.policy } : {}),
  });
  return Buffer.from(req.toSchema().toBER(false));
}
