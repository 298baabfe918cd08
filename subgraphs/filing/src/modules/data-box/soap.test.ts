import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as asn1js from 'asn1js';
import { parseConnections, DataBoxConfigError } from './config';
import { IsdsClient, operationUrl } from './isds-client';
import { IsdsError, isdsParser, operationXml, parseAnswer, soapEnvelope, type XmlNode } from './soap';
import { ZFO_MEDIA_TYPE, mediaTypeOf, readZfo, safeFileName, zfoContent } from './zfo';

/** The official XSD (isds.md, ../shared/isds/wsdl; v2.33): every request the client builds must validate against it. */
const XSD = [
  resolve(__dirname, '../../../../../../shared/isds/wsdl/dmBaseTypes.xsd'),
  '/work/shared/isds/wsdl/dmBaseTypes.xsd',
].find(existsSync);

/** The bodies the client sends, captured from a loopback server that answers OK. */
async function capture(fn: (c: IsdsClient) => Promise<unknown>, answer: string): Promise<string[]> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push(b);
      res.setHeader('content-type', 'text/xml');
      res.end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fn(
      new IsdsClient({
        baseUrl: url,
        authMode: 'BASIC',
        boxId: 'abcd234',
        credentials: { username: 'u', password: 'p' },
      }),
    ).catch(() => undefined);
  } finally {
    server.close();
  }
  return bodies;
}

const ok = (op: string, inner = '') =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><q:${op}Response xmlns:q="http://isds.czechpoint.cz/v20">${inner}<q:dmStatus><q:dmStatusCode>0000</q:dmStatusCode><q:dmStatusMessage>Provedeno úspěšně.</q:dmStatusMessage></q:dmStatus></q:${op}Response></s:Body></s:Envelope>`;

/** The operation element of a captured SOAP body, as its own document (xmllint validates it against the XSD). */
function operationOf(body: string): string {
  const m = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(body);
  if (!m) throw new Error(`no soap:Body in ${body.slice(0, 200)}`);
  return m[1];
}

describe('ISDS SOAP requests', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'isds-soap-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const validate = (xml: string) => {
    if (!XSD) throw new Error('dmBaseTypes.xsd not found (../shared/isds/wsdl)');
    const file = join(dir, `r${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, xml);
    // Throws (non-zero exit) with xmllint's message when the request breaks the schema.
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
  };

  it('every operation the connector uses builds a request valid against the official XSD', async () => {
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-02T00:00:00Z');
    const calls: [string, (c: IsdsClient) => Promise<unknown>][] = [
      ['GetListOfReceivedMessages', (c) => c.listReceived(from, to)],
      ['GetListOfSentMessages', (c) => c.listSent(from, to)],
      ['SignedMessageDownload', (c) => c.signedMessage('1234567')],
      ['MarkMessageAsDownloaded', (c) => c.markDownloaded('1234567')],
      ['GetMessageStateChanges', (c) => c.stateChanges(from, to)],
      ['GetDeliveryInfo', (c) => c.deliveryInfo('1234567')],
      ['GetSignedDeliveryInfo', (c) => c.signedDeliveryInfo('1234567')],
      [
        'CreateMessage',
        (c) =>
          c.createMessage({
            recipientBoxId: 'xyz2345',
            annotation: 'Rozhodnutí <o> "stavbě" & spol.',
            senderRefNumber: 'OUADA 12/2026',
            recipientRefNumber: null,
            senderIdent: null,
            recipientIdent: 'S-1/2026',
            toHands: null,
            personalDelivery: true,
            allowSubstDelivery: false,
            files: [
              {
                fileName: 'rozhodnuti.pdf',
                mediaType: 'application/pdf',
                metaType: 'main',
                content: Buffer.from('%PDF-1.4'),
              },
              { fileName: 'příloha.txt', mediaType: 'text/plain', metaType: 'enclosure', content: Buffer.from('ahoj') },
            ],
          }),
      ],
    ];
    for (const [op, call] of calls) {
      const [body] = await capture(call, ok(op));
      expect(body).toContain(`<p:${op} `);
      validate(operationOf(body));
    }
  });

  it('the validation can fail: a request that breaks the XSD is refused by xmllint', () => {
    expect(() =>
      validate(operationXml('GetListOfReceivedMessages', { dmFromTime: 'yesterday', dmToTime: null } as XmlNode)),
    ).toThrow();
    expect(() =>
      validate(operationXml('CreateMessage', { dmEnvelope: { dbIDRecipient: 'too-long-box' }, dmFiles: {} })),
    ).toThrow();
  });

  it('escapes text and attributes (no string templates)', () => {
    const xml = soapEnvelope('CreateMessage', { dmEnvelope: { dmAnnotation: 'a </p:dmAnnotation> & b' } });
    expect(xml).toContain('a &lt;/p:dmAnnotation&gt; &amp; b');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><soap:Envelope')).toBe(true);
  });

  it('reads answers: status codes, throttling, the 503 fault, missing answers', () => {
    expect(parseAnswer(ok('MarkMessageAsDownloaded'), 'MarkMessageAsDownloaded', 200)).toBeDefined();
    const status = (code: string) => ok('GetListOfReceivedMessages').replace('0000', code);
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as IsdsError;
      }
      throw new Error('no error');
    };
    const throttled = err(() => parseAnswer(status('3009'), 'GetListOfReceivedMessages', 200));
    expect([throttled.failure, throttled.code, throttled.retryable]).toEqual(['THROTTLED', '3009', true]);
    const refused = err(() => parseAnswer(status('1219'), 'GetListOfReceivedMessages', 200));
    expect([refused.failure, refused.retryable]).toEqual(['REFUSED', false]);
    const fault =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Service Unavailable</faultstring></s:Fault></s:Body></s:Envelope>';
    expect(err(() => parseAnswer(fault, 'GetListOfReceivedMessages', 503)).failure).toBe('UNAVAILABLE');
    expect(err(() => parseAnswer('<html>maintenance</html>', 'X', 503)).failure).toBe('UNAVAILABLE');
    expect(err(() => parseAnswer(ok('Other'), 'GetListOfReceivedMessages', 200)).failure).toBe('PROTOCOL');
  });

  it('paths: Basic under /DS, hosted certificate under /hspis/DS; dz and dx per operation', () => {
    expect(operationUrl({ baseUrl: 'https://ws1.datovka.gov.cz/', authMode: 'BASIC' }, 'CreateMessage')).toBe(
      'https://ws1.datovka.gov.cz/DS/dz',
    );
    expect(
      operationUrl({ baseUrl: 'https://ws1c.datovka.gov.cz', authMode: 'HOSTED_CERTIFICATE' }, 'GetDeliveryInfo'),
    ).toBe('https://ws1c.datovka.gov.cz/hspis/DS/dx');
  });

  it('one request at a time per box: calls queue behind each other', async () => {
    let inFlight = 0;
    let most = 0;
    const server = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      req.resume();
      setTimeout(() => {
        inFlight--;
        res.end(ok('MarkMessageAsDownloaded'));
      }, 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new IsdsClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      authMode: 'BASIC',
      boxId: 'abcd234',
      credentials: { username: 'u', password: 'p' },
    });
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.markDownloaded(String(100 + i))));
    server.close();
    expect(most).toBe(1);
  });

  it('sends the hosted mode as the box id with an empty password', async () => {
    let auth = '';
    const server = createServer((req, res) => {
      auth = req.headers.authorization ?? '';
      req.resume();
      res.end(ok('MarkMessageAsDownloaded'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const [c] = parseConnections({
      connections: [
        {
          municipalityId: '11111111-1111-4111-8111-111111111111',
          boxId: 'abcd234',
          authMode: 'HOSTED_CERTIFICATE',
          baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        },
      ],
    });
    await new IsdsClient(c.endpoint).markDownloaded('1');
    server.close();
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toBe('abcd234:');
  });
});

describe('data-box configuration', () => {
  const m = '11111111-1111-4111-8111-111111111111';
  const bad = (c: object, msg: RegExp) => expect(() => parseConnections({ connections: [c] })).toThrow(msg);

  it('refuses what would leak or mix up boxes, never echoing a secret', () => {
    bad({ municipalityId: m, boxId: 'ABC', authMode: 'BASIC', baseUrl: 'https://x' }, /boxId/);
    bad(
      {
        municipalityId: m,
        boxId: 'abcd234',
        authMode: 'BASIC',
        baseUrl: 'http://isds.example.cz',
        username: 'u',
        password: 'tajne-heslo',
      },
      /loopback/,
    );
    bad(
      { municipalityId: m, boxId: 'abcd234', authMode: 'BASIC', baseUrl: 'https://u:p@ws1.datovka.gov.cz' },
      /credentials/,
    );
    bad(
      { municipalityId: m, boxId: 'abcd234', authMode: 'HOSTED_CERTIFICATE', baseUrl: 'https://ws1c.datovka.gov.cz' },
      /HUB_ISDS_CLIENT_CERT_FILE/,
    );
    bad(
      { municipalityId: m, boxId: 'abcd234', authMode: 'PASSWORD', baseUrl: 'https://ws1.datovka.gov.cz' },
      /authMode/,
    );
    try {
      parseConnections({
        connections: [
          {
            municipalityId: m,
            boxId: 'abcd234',
            authMode: 'BASIC',
            baseUrl: 'http://10.0.0.1',
            username: 'u',
            password: 'tajne-heslo',
          },
        ],
      });
    } catch (e) {
      expect(e).toBeInstanceOf(DataBoxConfigError);
      expect((e as Error).message).not.toContain('tajne-heslo');
    }
    const two = { boxId: 'abcd234', authMode: 'BASIC', baseUrl: 'http://127.0.0.1:1', username: 'u', password: 'p' };
    expect(() =>
      parseConnections({
        connections: [
          { ...two, municipalityId: m },
          { ...two, municipalityId: '22222222-2222-4222-8222-222222222222' },
        ],
      }),
    ).toThrow(/two municipalities/);
  });
});

/** A CMS SignedData around `content`, as ISDS seals a ZFO (without signers: the reader does not check the seal). */
export function fakeZfo(content: string, pieces = 1): Buffer {
  const bytes = Buffer.from(content, 'utf8');
  const size = Math.ceil(bytes.length / pieces);
  const octets =
    pieces === 1
      ? new asn1js.OctetString({ valueHex: bytes })
      : new asn1js.OctetString({
          isConstructed: true,
          value: Array.from(
            { length: pieces },
            (_, i) => new asn1js.OctetString({ valueHex: bytes.subarray(i * size, (i + 1) * size) }),
          ),
        } as never);
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      new asn1js.Set({ value: [] }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [octets] }),
        ],
      }),
      new asn1js.Set({ value: [] }),
    ],
  });
  const info = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [signedData] }),
    ],
  });
  return Buffer.from(info.toBER());
}

const MESSAGE = `<?xml version="1.0" encoding="UTF-8"?>
<q:MessageDownloadResponse xmlns:q="http://isds.czechpoint.cz/v20/message" xmlns:p="http://isds.czechpoint.cz/v20">
 <q:dmReturnedMessage dmType="V">
  <p:dmDm>
   <p:dmID>151916</p:dmID><p:dbIDSender>vqbab52</p:dbIDSender><p:dmSender>Jan Novák</p:dmSender>
   <p:dmSenderAddress>Adamov 1</p:dmSenderAddress><p:dmSenderType>40</p:dmSenderType>
   <p:dmRecipient>Město Adamov</p:dmRecipient><p:dmRecipientAddress xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
   <p:dbIDRecipient>abcd234</p:dbIDRecipient>
   <p:dmAnnotation>Žádost o stavební povolení &amp; přílohy</p:dmAnnotation>
   <p:dmSenderRefNumber>ZN-1</p:dmSenderRefNumber>
   <p:dmFiles>
    <p:dmFile dmMimeType="pdf" dmFileMetaType="main" dmFileDescr="zadost.pdf"><p:dmEncodedContent>${Buffer.from('%PDF-1.4 zadost').toString('base64')}</p:dmEncodedContent></p:dmFile>
    <p:dmFile dmMimeType="application/xml" dmFileMetaType="enclosure" dmFileDescr="data/formular.xml"><p:dmXMLContent><f:form xmlns:f="urn:x"><f:a>1</f:a></f:form></p:dmXMLContent></p:dmFile>
   </p:dmFiles>
  </p:dmDm>
  <q:dmHash algorithm="SHA-256">AAAA</q:dmHash>
  <q:dmDeliveryTime>2026-03-02T09:15:42.678+01:00</q:dmDeliveryTime>
  <q:dmAcceptanceTime xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
  <q:dmMessageStatus>4</q:dmMessageStatus>
 </q:dmReturnedMessage>
</q:MessageDownloadResponse>`;

describe('ZFO', () => {
  it('unpacks envelope and files from the CMS content, also when the content comes in pieces', () => {
    for (const pieces of [1, 3]) {
      const zfo = fakeZfo(MESSAGE, pieces);
      expect(zfoContent(zfo).toString('utf8')).toBe(MESSAGE);
      const m = readZfo(zfo);
      expect(m).toMatchObject({
        kind: 'message',
        dmId: '151916',
        senderBoxId: 'vqbab52',
        senderName: 'Jan Novák',
        senderType: 40,
        recipientBoxId: 'abcd234',
        annotation: 'Žádost o stavební povolení & přílohy',
        senderRefNumber: 'ZN-1',
        status: 4,
        acceptedAt: null,
      });
      expect(m.deliveredAt?.toISOString()).toBe('2026-03-02T08:15:42.678Z');
      expect(m.files.map((f) => [f.fileName, f.mediaType, f.metaType])).toEqual([
        ['zadost.pdf', 'application/pdf', 'main'],
        ['data_formular.xml', 'application/xml', 'enclosure'],
      ]);
      expect(m.files[0].content.toString()).toBe('%PDF-1.4 zadost');
      expect(m.files[1].content.toString()).toContain('<f:a>1</f:a>');
    }
  });

  it('refuses what is not a signed message', () => {
    expect(() => readZfo(Buffer.from('not der'))).toThrow(/ZFO/);
    expect(() => readZfo(fakeZfo('<a/>'))).toThrow(/dmDm/);
  });

  it('names and media types', () => {
    expect(ZFO_MEDIA_TYPE).toBe('application/vnd.software602.filler.form-xml-zip');
    expect(mediaTypeOf('pdf', 'x')).toBe('application/pdf');
    expect(mediaTypeOf(null, 'a.DOCX')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mediaTypeOf('weird', 'noext')).toBe('application/octet-stream');
    expect(safeFileName('../../etc/passwd', 0)).toBe('.._.._etc_passwd');
    expect(safeFileName('', 2)).toBe('soubor-3');
    expect(isdsParser).toBeDefined();
  });
});
