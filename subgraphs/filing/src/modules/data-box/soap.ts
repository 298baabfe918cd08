import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * SOAP 1.1 document/literal for ISDS (isds.md §1): `soapAction=""`, body elements in `http://isds.czechpoint.cz/v20`.
 * Requests are built as objects by fast-xml-parser's XMLBuilder (escaping, order as given) — never string templates —
 * and the order of each object's keys is the XSD sequence (dmBaseTypes.xsd). Answers are parsed without namespace
 * prefixes (ISDS and the fakes use different ones).
 */
export const ISDS_NS = 'http://isds.czechpoint.cz/v20';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A value of a request element: text, a nested sequence, a list (repeated element), nil, or text with attributes. */
export type XmlValue = string | number | boolean | null | XmlNode | XmlValue[];
export interface XmlNode {
  [key: string]: XmlValue | undefined;
}

/** `xsi:nil` for a nillable element without value: the XSD requires the element itself (minOccurs 1). */
export const NIL: XmlNode = { '@_xsi:nil': 'true' };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
  format: false,
  processEntities: true,
});

/** Prefixes every element name of a request body with `p:` (attributes and text stay as they are). */
function prefixed(value: XmlValue | undefined): XmlValue | undefined {
  if (value === null) return NIL;
  if (Array.isArray(value)) return value.map((v) => prefixed(v) as XmlValue);
  if (typeof value !== 'object' || value === undefined) return value;
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k.startsWith('@_') || k === '#text' ? k : `p:${k}`] = prefixed(v);
  }
  return out;
}

function operationNode(operation: string, body: XmlNode): XmlNode {
  return { [`p:${operation}`]: { '@_xmlns:p': ISDS_NS, '@_xmlns:xsi': XSI_NS, ...(prefixed(body) as XmlNode) } };
}

/** The operation element alone (`<p:Op xmlns:p=… xmlns:xsi=…>…</p:Op>`): what the XSD validates (tests use xmllint). */
export function operationXml(operation: string, body: XmlNode): string {
  return builder.build(operationNode(operation, body));
}

/** The whole SOAP 1.1 request. */
export function soapEnvelope(operation: string, body: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ 'soap:Envelope': { '@_xmlns:soap': SOAP_NS, 'soap:Body': operationNode(operation, body) } })}`;
}

/** Elements that may repeat are always arrays, also when one came. */
const REPEATED = new Set(['dmRecord', 'dmFile', 'dmEvent']);

export const isdsParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
  // An XML file of a message (dmXMLContent) is kept as written, not parsed into objects.
  stopNodes: ['*.dmXMLContent'],
});

/** Why a call failed, and whether trying again later may help. */
export type IsdsFailure =
  | 'UNAVAILABLE' // 503 + SOAP Fault (maintenance), other 5xx, network errors, timeouts
  | 'THROTTLED' // 3008/3009: too many (parallel) requests on the account
  | 'UNAUTHORIZED' // 401/403: wrong credentials or certificate
  | 'REFUSED' // an ISDS status code other than 0000 for this request
  | 'PROTOCOL'; // an answer that is not what the WSDL says

export class IsdsError extends Error {
  constructor(
    readonly failure: IsdsFailure,
    /** dmStatusCode (e.g. `3009`, `1219`) or the HTTP status (`HTTP 503`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IsdsError';
  }

  /** Worth another attempt later (the same request may then succeed). */
  get retryable(): boolean {
    return this.failure === 'UNAVAILABLE' || this.failure === 'THROTTLED';
  }
}

/** isds.md §1 codes: 3008/3009 too many (parallel) requests. */
const THROTTLING_CODES = new Set(['3008', '3009']);

export type Parsed = Record<string, unknown>;

/** The operation's answer element from a SOAP answer, or the IsdsError it stands for. */
export function parseAnswer(xml: string, operation: string, httpStatus: number): Parsed {
  let doc: Parsed;
  try {
    doc = isdsParser.parse(xml) as Parsed;
  } catch {
    if (httpStatus >= 500) throw new IsdsError('UNAVAILABLE', `HTTP ${httpStatus}`, `ISDS answered HTTP ${httpStatus}`);
    throw new IsdsError('PROTOCOL', `HTTP ${httpStatus}`, `${operation}: the answer is not XML`);
  }
  const body = ((doc.Envelope as Parsed | undefined)?.Body ?? {}) as Parsed;
  const fault = body.Fault as Parsed | undefined;
  if (fault || httpStatus >= 500) {
    const text = String(fault?.faultstring ?? '').slice(0, 200);
    throw new IsdsError(
      'UNAVAILABLE',
      `HTTP ${httpStatus}`,
      `ISDS is unavailable (HTTP ${httpStatus}${text ? `: ${text}` : ''})`,
    );
  }
  const answer = body[`${operation}Response`] as Parsed | undefined;
  if (!answer)
    throw new IsdsError('PROTOCOL', `HTTP ${httpStatus}`, `${operation}: no ${operation}Response in the answer`);
  const status = (answer.dmStatus ?? answer.dbStatus) as Parsed | undefined;
  const code = String(status?.dmStatusCode ?? status?.dbStatusCode ?? '');
  if (code !== '0000') {
    const message = String(status?.dmStatusMessage ?? status?.dbStatusMessage ?? '').slice(0, 200);
    const failure = THROTTLING_CODES.has(code) ? 'THROTTLED' : 'REFUSED';
    throw new IsdsError(
      failure,
      code || 'none',
      `${operation}: ISDS ${code || 'gave no status'}${message ? ` ${message}` : ''}`,
    );
  }
  return answer;
}

/** How the connector proves who it is (isds.md §1 "Auth modes"). */
export interface IsdsCredentials {
  /** Sent as HTTP Basic: user name and password (hosted mode: the box id and an empty password). */
  username: string;
  password: string;
  /** TLS client certificate and key (PEM), for the certificate modes. */
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface TransportOptions {
  timeoutMs: number;
  /** Answers larger than this are cut off (a ZFO of an ordinary message is at most about 30 MB in base64). */
  maxAnswerBytes: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One POST of a SOAP request; network failures and timeouts become UNAVAILABLE. */
export function postSoap(
  url: string,
  xml: string,
  creds: IsdsCredentials,
  opts: TransportOptions,
): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(xml, 'utf8');
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: '""',
          'content-length': String(body.length),
          authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`,
        },
        ...(target.protocol === 'https:' && creds.cert ? { cert: creds.cert, key: creds.key } : {}),
        timeout: opts.timeoutMs,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > opts.maxAnswerBytes) {
            req.destroy();
            reject(new IsdsError('PROTOCOL', 'TOO_LARGE', `the answer is larger than ${opts.maxAnswerBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(new IsdsError('UNAVAILABLE', 'NETWORK', `the answer broke off (${e.message})`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e instanceof IsdsError
          ? e
          : new IsdsError('UNAVAILABLE', 'NETWORK', `ISDS could not be reached (${e.code ?? e.message})`),
      ),
    );
    req.end(body);
  });
}

/** HTTP statuses that say the credentials were refused (isds.md §5: real ISDS answers 401 where 403 is meant). */
export function checkHttpAuth(status: number): void {
  if (status === 401 || status === 403)
    throw new IsdsError('UNAUTHORIZED', `HTTP ${status}`, `ISDS refused the credentials (HTTP ${status})`);
}
