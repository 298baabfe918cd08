import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cryptoEngine, toArrayBuffer } from '@hub/test-pki';
import { FailureInfo, TSA_POLICY, startTsaFake, timeStampRequest, type TsaFake } from './index';

const post = async (url: string, body: Buffer, type = 'application/timestamp-query') => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};
const parseResp = (der: Buffer) => new pkijs.TimeStampResp({ schema: asn1js.fromBER(toArrayBuffer(der)).result });
/** The PKIFailureInfo bit set in a refusal. */
const failBit = (resp: pkijs.TimeStampResp) => {
  const bytes = new Uint8Array(resp.status.failInfo!.valueBlock.valueHexView);
  for (let i = 0; i < bytes.length * 8; i++) if (bytes[i >> 3] & (0x80 >> (i & 7))) return i;
  return -1;
};

describe('tsa-fake (RFC 3161 on loopback)', () => {
  let tsa: TsaFake;
  const genTime = new Date('2026-12-06T10:00:00.000Z');
  beforeAll(async () => {
    tsa = await startTsaFake({ clock: () => genTime });
  });
  afterAll(() => tsa.close());

  it('grants a token over the imprint with the nonce, signed by its TSA certificate (verified with PKI.js against the CA)', async () => {
    const data = Buffer.from('podpis k orazítkování');
    const digest = createHash('sha256').update(data).digest();
    const nonce = Buffer.from('0102030405060708', 'hex');
    const res = await post(tsa.url, timeStampRequest(digest, { nonce }));
    expect([res.status, res.type]).toEqual([200, 'application/timestamp-reply']);
    const resp = parseResp(res.body);
    expect(resp.status.status).toBe(0);
    const signed = new pkijs.SignedData({ schema: resp.timeStampToken!.content });
    const tst = new pkijs.TSTInfo({
      schema: asn1js.fromBER(signed.encapContentInfo.eContent!.valueBlock.valueHexView).result,
    });
    expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(digest);
    expect(Buffer.from(tst.nonce!.valueBlock.valueHexView)).toEqual(nonce);
    expect([tst.policy, tst.genTime.toISOString()]).toEqual([TSA_POLICY, genTime.toISOString()]);
    expect(signed.certificates).toHaveLength(2);
    const verified = await signed.verify(
      {
        signer: 0,
        data: toArrayBuffer(data),
        trustedCerts: [tsa.ca!.certificate],
        checkChain: true,
        extendedMode: true,
        checkDate: genTime,
      },
      cryptoEngine,
    );
    expect(verified.signatureVerified).toBe(true);
    expect(await tst.verify({ data: toArrayBuffer(data) }, cryptoEngine)).toBe(true);
    expect(tsa.issued.at(-1)).toMatchObject({
      imprint: digest.toString('hex'),
      nonce: nonce.toString('hex'),
      hashAlgorithm: 'sha256',
    });

    // A changed signature does not verify; without certReq the token carries no certificates.
    const bare = parseResp((await post(tsa.url, timeStampRequest(digest, { certReq: false }))).body);
    expect(new pkijs.SignedData({ schema: bare.timeStampToken!.content }).certificates ?? []).toHaveLength(0);
  });

  it.each([
    ['SHA-1', () => timeStampRequest(randomBytes(20), { hashAlgorithm: '1.3.14.3.2.26' }), FailureInfo.badAlg],
    ['a SHA-256 imprint of 20 bytes', () => timeStampRequest(randomBytes(20)), FailureInfo.badDataFormat],
    ['another policy', () => timeStampRequest(randomBytes(32), { policy: '1.2.3.4' }), FailureInfo.unacceptedPolicy],
    ['bytes that are no TimeStampReq', () => Buffer.from('30030201', 'hex'), FailureInfo.badDataFormat],
    [
      'version 2',
      () => {
        const der = timeStampRequest(randomBytes(32));
        const v = der.indexOf(Buffer.from('020101', 'hex'));
        der[v + 2] = 2;
        return der;
      },
      FailureInfo.badRequest,
    ],
  ])('refuses %s with status rejection and its failure bit', async (_, body, bit) => {
    const before = tsa.issued.length;
    const res = await post(tsa.url, body());
    expect(res.status).toBe(200);
    const resp = parseResp(res.body);
    expect([resp.status.status, failBit(resp), resp.timeStampToken]).toEqual([2, bit, undefined]);
    expect(tsa.issued).toHaveLength(before);
  });

  it('answers HTTP errors to what is not a time-stamp query, and systemFailure while failing', async () => {
    expect((await fetch(tsa.url)).status).toBe(405);
    expect((await post(tsa.url, timeStampRequest(randomBytes(32)), 'application/octet-stream')).status).toBe(415);
    tsa.setFailing(true);
    const resp = parseResp((await post(tsa.url, timeStampRequest(randomBytes(32)))).body);
    tsa.setFailing(false);
    expect([resp.status.status, failBit(resp)]).toEqual([2, FailureInfo.systemFailure]);
  });
});
