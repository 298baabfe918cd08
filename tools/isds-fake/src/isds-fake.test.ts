import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PASSWORD, FICTION_MS, LocalBox, LocalIsds, startLocalIsds } from './index';
import { validateEnvelope } from './validate';
import { NIL, NS, XmlNode, buildXml, parseXml, textOf } from './xml';

const ADAMOV: LocalBox = {
  id: 'adam0v1',
  type: 'OVM',
  name: 'Město Adamov',
  address: 'Pod Horkou 101/2, 679 04 Adamov',
};
const BLANSKO: LocalBox = {
  id: 'blk2345',
  type: 'OVM',
  name: 'Město Blansko',
  users: [{ username: 'podatelna', password: 'tajne-heslo' }],
};
const CITIZEN: LocalBox = { id: 'novakj1', type: 'FO', name: 'Jan Novák', address: 'Adamov 12, 679 04 Adamov' };
const START = new Date('2026-03-02T08:00:00.000Z');

let isds: LocalIsds;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'isds-fake-'));
  isds = await startLocalIsds({ boxes: [ADAMOV, BLANSKO, CITIZEN], now: () => START });
  writeFileSync(join(tmp, 'ca.pem'), isds.pki.caCertPem);
});
afterAll(async () => {
  await isds.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function envelope(op: string, children: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${buildXml({
    'soap:Envelope': {
      '@_xmlns:soap': NS.soap,
      'soap:Body': { [`p:${op}`]: { '@_xmlns:p': NS.isds, '@_xmlns:xsi': NS.xsi, ...children } },
    },
  })}`;
}

interface Answer {
  http: number;
  text: string;
  code: string | null;
  body: XmlNode;
}

/** One SOAP call as box `user` (Basic). */
async function call(
  endpoint: 'dz' | 'dx' | 'df',
  op: string,
  children: XmlNode,
  user = `${ADAMOV.id}:${DEFAULT_PASSWORD}`,
  raw?: string,
  base = isds.url,
): Promise<Answer> {
  const res = await fetch(`${base}/DS/${endpoint}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: '""',
      Authorization: `Basic ${Buffer.from(user).toString('base64')}`,
    },
    body: raw ?? envelope(op, children),
  });
  const text = await res.text();
  const doc = res.headers.get('content-type')?.includes('xml') ? parseXml(text) : {};
  const body =
    (((doc.Envelope as XmlNode | undefined)?.Body as XmlNode | undefined)?.[`${op}Response`] as XmlNode | undefined) ??
    {};
  const status = (body.dmStatus ?? body.dbStatus) as XmlNode | undefined;
  return { http: res.status, text, code: status ? textOf(status.dmStatusCode ?? status.dbStatusCode) : null, body };
}

/** DummyOperation against another instance. */
function callAt(url: string, op: string, user: string): Promise<Answer> {
  return call('dz', op, {}, user, undefined, url);
}

const listAll = {
  dmFromTime: NIL,
  dmToTime: NIL,
  dmRecipientOrgUnitNum: NIL,
  dmStatusFilter: '-1',
  dmOffset: '1',
  dmLimit: '100',
};
const prefixed = (o: Record<string, XmlNode[string]>): XmlNode =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`p:${k}`, v]));

function createMessage(
  to: string,
  files: { name: string; meta: string; content: Buffer; xml?: string }[],
  extra: Record<string, string> = {},
): XmlNode {
  return {
    'p:dmEnvelope': prefixed({
      dmSenderOrgUnit: NIL,
      dmSenderOrgUnitNum: NIL,
      dbIDRecipient: to,
      dmRecipientOrgUnit: NIL,
      dmRecipientOrgUnitNum: NIL,
      dmToHands: NIL,
      dmAnnotation: extra.annotation ?? 'Rozhodnutí',
      dmRecipientRefNumber: NIL,
      dmSenderRefNumber: extra.ref ?? NIL,
      dmRecipientIdent: NIL,
      dmSenderIdent: NIL,
      dmLegalTitleLaw: NIL,
      dmLegalTitleYear: NIL,
      dmLegalTitleSect: NIL,
      dmLegalTitlePar: NIL,
      dmLegalTitlePoint: NIL,
      dmPersonalDelivery: extra.personal ?? 'false',
      dmAllowSubstDelivery: extra.fiction ?? 'true',
    }),
    'p:dmFiles': {
      'p:dmFile': files.map((f) => ({
        '@_dmMimeType': f.xml ? 'text/xml' : 'application/pdf',
        '@_dmFileMetaType': f.meta,
        '@_dmFileDescr': f.name,
        ...(f.xml ? { 'p:dmXMLContent': f.xml } : { 'p:dmEncodedContent': f.content.toString('base64') }),
      })),
    },
  };
}

/** Every answer must itself be valid against the official XSD (the fake is checked like a client would be). */
async function expectValidAnswer(a: Answer, schema: 'dm' | 'db' = 'dm'): Promise<void> {
  const v = await validateEnvelope(Buffer.from(a.text), schema);
  expect(v.errors).toBe('');
}

describe('local ISDS', () => {
  it('validates every request against the XSD and refuses bad ones with 9005', async () => {
    const bad = await call('dz', 'MessageDownload', { 'p:dmId': '1' });
    expect(bad).toMatchObject({ http: 200, code: '9005' });
    expect(textOf((bad.body.dmStatus as XmlNode).dmStatusMessage)).toMatch(/dmId.*not expected/);
    // A box id of the wrong length breaks tIdDb.
    const shortBox = await call(
      'dz',
      'CreateMessage',
      createMessage('abc123', [{ name: 'a.pdf', meta: 'main', content: Buffer.from('x') }]),
    );
    expect(shortBox.code).toBe('9005');
    const notSoap = await call('dz', 'MessageDownload', {}, undefined, '<hello/>');
    expect(notSoap.http).toBe(500);
    expect(notSoap.text).toContain('Fault');
    const wrongEndpoint = await call('dz', 'GetListOfReceivedMessages', prefixed(listAll));
    expect(wrongEndpoint.code).toBe('2006');
    expect(
      isds.requests().filter((r) => r.operation === 'MessageDownload' && r.valid === false).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong password with 401', async () => {
    const a = await call('dz', 'DummyOperation', {}, `${ADAMOV.id}:wrong`);
    expect(a.http).toBe(401);
    const ok = await call('dz', 'DummyOperation', {}, 'podatelna:tajne-heslo');
    expect(ok).toMatchObject({ http: 200, code: '0000' });
  });

  it('runs a received message through list (serves it) → signed download → mark downloaded', async () => {
    const { dmId } = await isds.inject({
      from: CITIZEN.id,
      to: ADAMOV.id,
      annotation: 'Žádost o kopii <smlouvy> & přílohy',
      senderRefNumber: 'NOV-1',
      files: [
        { name: 'zadost.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF-1.4 žádost') },
        { name: 'priloha.txt', mimeType: 'text/plain', content: Buffer.from('příloha') },
      ],
    });
    expect(dmId).toMatch(/^\d+$/);
    expect(isds.message(dmId)).toMatchObject({ status: 4, acceptanceTime: null, deliveryTime: START.toISOString() });
    // Another box does not see it.
    const other = await call('dx', 'GetListOfReceivedMessages', prefixed(listAll), 'podatelna:tajne-heslo');
    expect(JSON.stringify(other.body)).not.toContain(dmId);

    isds.advance(60_000);
    const list = await call(
      'dx',
      'GetListOfReceivedMessages',
      prefixed({ ...listAll, dmStatusFilter: String(2 ** 4) }),
    );
    expect(list.code).toBe('0000');
    await expectValidAnswer(list);
    const records = (list.body.dmRecords as XmlNode).dmRecord as XmlNode;
    expect(textOf(records.dmID)).toBe(dmId);
    expect(textOf(records.dmMessageStatus)).toBe('6');
    const served = new Date(START.getTime() + 60_000).toISOString();
    expect(textOf(records.dmAcceptanceTime)).toBe(served);
    expect(isds.message(dmId)).toMatchObject({ status: 6, acceptanceTime: served });
    expect(isds.message(dmId)!.events.map((e) => e.code)).toEqual(['EV0', 'EV5', 'EV11']);
    // Status filter 4 now finds nothing: the listing served it.
    const again = await call(
      'dx',
      'GetListOfReceivedMessages',
      prefixed({ ...listAll, dmStatusFilter: String(2 ** 4) }),
    );
    expect(again.body.dmRecords).toBe('');

    const plain = await call('dz', 'MessageDownload', { 'p:dmID': dmId });
    await expectValidAnswer(plain);
    const signed = await call('dz', 'SignedMessageDownload', { 'p:dmID': dmId });
    expect(signed.code).toBe('0000');
    await expectValidAnswer(signed);
    const zfo = Buffer.from(textOf(signed.body.dmSignature)!, 'base64');
    writeFileSync(join(tmp, 'msg.zfo'), zfo);
    const xml = execFileSync(
      'openssl',
      ['cms', '-verify', '-inform', 'DER', '-in', join(tmp, 'msg.zfo'), '-CAfile', join(tmp, 'ca.pem')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString('utf8');
    expect(xml).toContain(`<q:MessageDownloadResponse xmlns:q="${NS.message}"`);
    // dmHash is SHA-256 over the raw bytes of dmDm, the same in the SOAP answer and in the ZFO.
    const dmDm = /<p:dmDm[\s\S]*<\/p:dmDm>/.exec(xml)![0];
    const hash = textOf(
      (parseXml(xml).MessageDownloadResponse as XmlNode).dmReturnedMessage &&
        ((parseXml(xml).MessageDownloadResponse as XmlNode).dmReturnedMessage as XmlNode).dmHash,
    );
    expect(require('node:crypto').createHash('sha256').update(dmDm, 'utf8').digest('base64')).toBe(hash);
    expect(plain.text).toContain(dmDm);
    // dmQTimestamp is an RFC 3161 token over that hash.
    const stamp = textOf((plain.body.dmReturnedMessage as XmlNode).dmQTimestamp)!;
    writeFileSync(join(tmp, 'stamp.der'), Buffer.from(stamp, 'base64'));
    const tsOut = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        join(tmp, 'stamp.der'),
        '-digest',
        Buffer.from(hash!, 'base64').toString('hex'),
        '-CAfile',
        join(tmp, 'ca.pem'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
    expect(tsOut).toContain('OK');
    expect(Buffer.from(/dmEncodedContent>([^<]+)</.exec(dmDm)![1], 'base64').toString()).toBe('%PDF-1.4 žádost');
    // A ZFO from another CA fails verification: the check above can fail.
    const foreign = await startLocalIsds({ boxes: [CITIZEN] });
    writeFileSync(join(tmp, 'foreign.pem'), foreign.pki.caCertPem);
    await foreign.stop();
    expect(() =>
      execFileSync(
        'openssl',
        ['cms', '-verify', '-inform', 'DER', '-in', join(tmp, 'msg.zfo'), '-CAfile', join(tmp, 'foreign.pem')],
        { stdio: 'pipe' },
      ),
    ).toThrow();

    // AuthenticateMessage: the ZFO as sealed is genuine; one changed byte is not.
    const auth = await call('dz', 'AuthenticateMessage', { 'p:dmMessage': zfo.toString('base64') });
    await expectValidAnswer(auth);
    expect(textOf(auth.body.dmAuthResult)).toBe('true');
    const tampered = Buffer.from(zfo);
    tampered[tampered.length - 1] ^= 1;
    expect(
      textOf(
        (await call('dz', 'AuthenticateMessage', { 'p:dmMessage': tampered.toString('base64') })).body.dmAuthResult,
      ),
    ).toBe('false');

    const mark = await call('dx', 'MarkMessageAsDownloaded', { 'p:dmID': dmId });
    expect(mark.code).toBe('0000');
    expect(isds.message(dmId)!.status).toBe(7);
    // The sender sees 6 where the recipient sees 7.
    const info = await call('dx', 'GetDeliveryInfo', { 'p:dmID': dmId }, `${CITIZEN.id}:${DEFAULT_PASSWORD}`);
    await expectValidAnswer(info);
    expect(textOf((info.body.dmDelivery as XmlNode).dmMessageStatus)).toBe('6');
    // The citizen cannot download Adamov's received message as received.
    expect((await call('dz', 'MessageDownload', { 'p:dmID': dmId }, `${CITIZEN.id}:${DEFAULT_PASSWORD}`)).code).toBe(
      '1219',
    );
  });

  it('CreateMessage sends from the logged-in box to the recipient inbox, then delivery info and receipt follow', async () => {
    const before = START.getTime();
    const xmlFile = '__XML_FILE__';
    const request = createMessage(
      CITIZEN.id,
      [
        { name: 'rozhodnuti.pdf', meta: 'main', content: Buffer.from('%PDF rozhodnutí') },
        { name: 'data.xml', meta: 'enclosure', content: Buffer.alloc(0), xml: xmlFile },
      ],
      { ref: 'MBK 12/2026', personal: 'true' },
    );
    // An XML file goes as dmXMLContent and must come back byte for byte (the builder would escape it as text).
    const xmlContent = '<x:podani xmlns:x="urn:test">Žádost &amp; příloha</x:podani>';
    const created = await call(
      'dz',
      'CreateMessage',
      {},
      undefined,
      envelope('CreateMessage', request).replace(xmlFile, xmlContent),
    );
    expect(created.code).toBe('0000');
    await expectValidAnswer(created);
    const dmId = textOf(created.body.dmID)!;
    expect(isds.inbox(CITIZEN.id).map((m) => m.dmId)).toContain(dmId);
    expect(isds.message(dmId)).toMatchObject({
      from: ADAMOV.id,
      to: CITIZEN.id,
      status: 4,
      senderRefNumber: 'MBK 12/2026',
      personalDelivery: true,
    });
    expect(isds.sent(ADAMOV.id).map((m) => m.dmId)).toContain(dmId);
    const download = await call('dz', 'MessageDownload', { 'p:dmID': dmId }, `${CITIZEN.id}:${DEFAULT_PASSWORD}`);
    await expectValidAnswer(download);
    expect(download.text).toContain(`<p:dmXMLContent>${xmlContent}</p:dmXMLContent>`);

    const sentList = await call(
      'dx',
      'GetListOfSentMessages',
      prefixed({
        dmFromTime: NIL,
        dmToTime: NIL,
        dmSenderOrgUnitNum: NIL,
        dmStatusFilter: '-1',
        dmOffset: '1',
        dmLimit: '10',
      }),
    );
    await expectValidAnswer(sentList);
    expect(sentList.text).toContain(`<p:dmID>${dmId}</p:dmID>`);

    // The citizen logs in (lists) → served 6; Adamov sees the change.
    await call('dx', 'GetListOfReceivedMessages', prefixed(listAll), `${CITIZEN.id}:${DEFAULT_PASSWORD}`);
    const changes = await call('dx', 'GetMessageStateChanges', {
      'p:dmFromTime': new Date(before - 1).toISOString(),
      'p:dmToTime': NIL,
    });
    await expectValidAnswer(changes);
    const mine = ([] as XmlNode[])
      .concat((changes.body.dmRecords as XmlNode).dmRecord as XmlNode[])
      .filter((r) => textOf(r.dmID) === dmId);
    expect(mine.map((r) => textOf(r.dmMessageStatus))).toEqual(['4', '6']);

    const receipt = await call('dx', 'GetSignedDeliveryInfo', { 'p:dmID': dmId });
    await expectValidAnswer(receipt);
    writeFileSync(join(tmp, 'dd.zfo'), Buffer.from(textOf(receipt.body.dmSignature)!, 'base64'));
    const xml = execFileSync(
      'openssl',
      ['cms', '-verify', '-inform', 'DER', '-in', join(tmp, 'dd.zfo'), '-CAfile', join(tmp, 'ca.pem')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString('utf8');
    expect(xml).toContain(`<q:GetDeliveryInfoResponse xmlns:q="${NS.delivery}"`);
    expect(xml).toContain('EV11');

    // Unknown recipient; two main files.
    expect(
      (
        await call(
          'dz',
          'CreateMessage',
          createMessage('zzzzzz9', [{ name: 'a.pdf', meta: 'main', content: Buffer.from('x') }]),
        )
      ).code,
    ).toBe('1201');
    expect(
      (
        await call(
          'dz',
          'CreateMessage',
          createMessage(CITIZEN.id, [
            { name: 'a.pdf', meta: 'main', content: Buffer.from('x') },
            { name: 'b.pdf', meta: 'main', content: Buffer.from('y') },
          ]),
        )
      ).code,
    ).toBe('9005');
  });

  it('refuses what needs VoDZ: more than 100 files or more than 20 MB', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      name: `f${i}.pdf`,
      meta: i === 0 ? 'main' : 'enclosure',
      content: Buffer.from('x'),
    }));
    expect((await call('dz', 'CreateMessage', createMessage(CITIZEN.id, many))).code).toBe('1214');
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    expect(
      (await call('dz', 'CreateMessage', createMessage(CITIZEN.id, [{ name: 'big.pdf', meta: 'main', content: big }])))
        .code,
    ).toBe('1214');
    const hundred = many.slice(0, 100);
    expect((await call('dz', 'CreateMessage', createMessage(CITIZEN.id, hundred))).code).toBe('0000');
  });

  it('serves by fiction 10 days after delivery on its own clock, unless fiction is excluded', async () => {
    const { dmId } = await isds.inject({
      from: CITIZEN.id,
      to: BLANSKO.id,
      annotation: 'Podání',
      files: [{ name: 'p.pdf', mimeType: 'application/pdf', content: Buffer.from('p') }],
    });
    const noFiction = await call(
      'dz',
      'CreateMessage',
      createMessage(CITIZEN.id, [{ name: 'a.pdf', meta: 'main', content: Buffer.from('x') }], { fiction: 'false' }),
    );
    const delivered = new Date(isds.message(dmId)!.deliveryTime!).getTime();
    isds.advance(FICTION_MS - 1000 - (isds.now().getTime() - delivered));
    expect(isds.message(dmId)!.status).toBe(4);
    isds.advance(1000);
    expect(isds.message(dmId)).toMatchObject({
      status: 5,
      acceptanceTime: new Date(delivered + FICTION_MS).toISOString(),
    });
    expect(isds.message(dmId)!.events.map((e) => e.code)).toContain('EV2');
    expect(isds.message(textOf(noFiction.body.dmID)!)!.status).toBe(4);
  });

  it('answers 3009 to a concurrent request on the same box, and to failNext(throttle)', async () => {
    // A slow ISDS (every request takes 1.5 s) keeps the box busy while a second request arrives.
    const slow = await startLocalIsds({ boxes: [ADAMOV, BLANSKO], latencyMs: 1500, pki: isds.pki });
    try {
      const at = (user: string, delay: number) =>
        new Promise<Answer>((r) => setTimeout(() => r(callAt(slow.url, 'DummyOperation', user)), delay));
      const [first, second, otherBox] = await Promise.all([
        at(`${ADAMOV.id}:${DEFAULT_PASSWORD}`, 0),
        at(`${ADAMOV.id}:${DEFAULT_PASSWORD}`, 300),
        at('podatelna:tajne-heslo', 300),
      ]);
      // Whichever of Adamov's two arrives first is served; the other is refused. Blansko is not affected.
      expect([first.code, second.code].sort()).toEqual(['0000', '3009']);
      expect(otherBox.code).toBe('0000');
      expect((await callAt(slow.url, 'DummyOperation', `${ADAMOV.id}:${DEFAULT_PASSWORD}`)).code).toBe('0000');
      expect(slow.requests().filter((r) => r.statusCode === '3009')).toEqual([
        expect.objectContaining({ box: ADAMOV.id, operation: 'DummyOperation', valid: null }),
      ]);
    } finally {
      await slow.stop();
    }
    isds.failNext(1, 'throttle');
    const throttled = await call('dx', 'GetListOfReceivedMessages', prefixed(listAll));
    expect(throttled.code).toBe('3009');
    await expectValidAnswer(throttled);
    expect((await call('dx', 'GetListOfReceivedMessages', prefixed(listAll))).code).toBe('0000');
  });

  it('answers HTTP 503 with a SOAP fault on demand (also through the admin API)', async () => {
    isds.failNext(2, 'unavailable');
    const a = await call('dz', 'DummyOperation', {});
    expect(a.http).toBe(503);
    expect(a.text).toContain('SOAP-ENV:Fault');
    expect((await call('dz', 'DummyOperation', {})).http).toBe(503);
    expect((await call('dz', 'DummyOperation', {})).http).toBe(200);
    const res = await fetch(`${isds.url}/_local/fail`, {
      method: 'POST',
      body: JSON.stringify({ n: 1, kind: 'unavailable' }),
    });
    expect(res.status).toBe(200);
    expect((await call('dz', 'DummyOperation', {})).http).toBe(503);
  });

  it('has an admin API to inject and list messages and move the clock', async () => {
    const res = await fetch(`${isds.url}/_local/messages`, {
      method: 'POST',
      body: JSON.stringify({
        from: CITIZEN.id,
        to: ADAMOV.id,
        annotation: 'Přes API',
        files: [{ name: 'a.txt', mimeType: 'text/plain', content: Buffer.from('ahoj').toString('base64') }],
      }),
    });
    expect(res.status).toBe(201);
    const { dmId } = (await res.json()) as { dmId: string };
    const box = (await (await fetch(`${isds.url}/_local/boxes/${ADAMOV.id}/messages`)).json()) as {
      received: { dmId: string; files: { size: number }[] }[];
    };
    expect(box.received.find((m) => m.dmId === dmId)?.files).toEqual([
      { name: 'a.txt', mimeType: 'text/plain', metaType: 'main', size: 4 },
    ]);
    const bad = await fetch(`${isds.url}/_local/messages`, {
      method: 'POST',
      body: JSON.stringify({ from: CITIZEN.id, to: 'nobody1', annotation: 'x', files: [] }),
    });
    expect(bad.status).toBe(400);
    const before = isds.now().getTime();
    const adv = await fetch(`${isds.url}/_local/clock/advance`, { method: 'POST', body: JSON.stringify({ ms: 5000 }) });
    expect(adv.status).toBe(200);
    expect(isds.now().getTime()).toBe(before + 5000);
  });

  it('finds and checks boxes on db_search', async () => {
    const check = await call('df', 'CheckDataBox', { 'p:dbID': CITIZEN.id });
    expect(check.code).toBe('0000');
    await expectValidAnswer(check, 'db');
    expect((await call('df', 'CheckDataBox', { 'p:dbID': 'nobody1' })).code).toBe('5001');
    const owner = prefixed({
      dbID: NIL,
      dbType: 'OVM',
      ic: NIL,
      pnFirstName: NIL,
      pnMiddleName: NIL,
      pnLastName: NIL,
      pnLastNameAtBirth: NIL,
      firmName: 'Blansko',
      biDate: NIL,
      biCity: NIL,
      biCounty: NIL,
      biState: NIL,
      adCity: NIL,
      adStreet: NIL,
      adNumberInStreet: NIL,
      adNumberInMunicipality: NIL,
      adZipCode: NIL,
      adState: NIL,
      nationality: NIL,
      identifier: NIL,
      registryCode: NIL,
      dbState: NIL,
      dbEffectiveOVM: NIL,
      dbOpenAddressing: NIL,
    });
    const found = await call('df', 'FindDataBox', { 'p:dbOwnerInfo': owner });
    expect(found.code).toBe('0000');
    await expectValidAnswer(found, 'db');
    expect(found.text).toContain(`<p:dbID>${BLANSKO.id}</p:dbID>`);
    expect(found.text).not.toContain(ADAMOV.id);
  });
});
