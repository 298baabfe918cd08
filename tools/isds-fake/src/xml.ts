import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** Namespaces of the ISDS interface (isds.md §1, §3). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  isds: 'http://isds.czechpoint.cz/v20',
  /** eContent of a received message's ZFO. */
  message: 'http://isds.czechpoint.cz/v20/message',
  /** eContent of a sent message's ZFO. */
  sentMessage: 'http://isds.czechpoint.cz/v20/SentMessage',
  /** eContent of a delivery receipt (doručenka). */
  delivery: 'http://isds.czechpoint.cz/v20/delivery',
} as const;

/**
 * An element tree for the builder: keys are tag names (prefix included), `@_x` attributes, `#text` text.
 * Key order is document order, which the XSD's sequences need.
 */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlNode[] | XmlValue[];

/** `xsi:nil="true"`: most envelope fields are nillable but required (isds.md §2). */
export const NIL: XmlNode = { '@_xsi:nil': 'true' };

/** A nillable value: null/undefined → nil, otherwise its text. */
export function nillable(v: string | number | boolean | null | undefined): XmlValue {
  return v === null || v === undefined ? NIL : String(v);
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  processEntities: true,
});

/**
 * Pieces of XML kept byte for byte (the stored dmDm, whose hash must hold, and files' XML content) are put in
 * as placeholders and spliced in after building: the builder would escape them as text.
 */
export class RawXml {
  private readonly parts: string[] = [];
  /** A placeholder text for `xml`; the builder leaves it alone (no characters it escapes). */
  put(xml: string): string {
    this.parts.push(xml);
    return `__RAW_XML_${this.parts.length - 1}__`;
  }
  splice(built: string): string {
    return built.replace(/__RAW_XML_(\d+)__/g, (_, i: string) => this.parts[Number(i)]);
  }
}

export function buildXml(tree: XmlNode, raw?: RawXml): string {
  const out = builder.build(tree) as string;
  return raw ? raw.splice(out) : out;
}

/** A SOAP 1.1 envelope around one body element. */
export function soapEnvelope(body: XmlNode, raw?: RawXml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${buildXml(
    {
      'SOAP-ENV:Envelope': { '@_xmlns:SOAP-ENV': NS.soap, 'SOAP-ENV:Body': body },
    },
    raw,
  )}`;
}

/** A SOAP 1.1 fault (maintenance outage: HTTP 503; a request that is not SOAP: HTTP 500). */
export function soapFault(code: string, message: string): string {
  return soapEnvelope({ 'SOAP-ENV:Fault': { faultcode: code, faultstring: message } });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // XML content of a file stays raw text (kept byte for byte, see RawXml); base64 content is taken as it is,
  // which spares scanning megabytes of it for entities.
  stopNodes: ['*.dmXMLContent', '*.dmEncodedContent'],
  isArray: (name) => name === 'dmFile' || name === 'dmRecipient',
});

/** Parses a document; namespace prefixes are dropped (requests are schema-checked before, so names are unambiguous). */
export function parseXml(xml: string | Buffer): XmlNode {
  return parser.parse(xml) as XmlNode;
}

/** Text of an element: null when nil or absent, '' when empty. */
export function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o['@_nil'] === 'true' || o['@_nil'] === '1') return null;
    if (typeof o['#text'] === 'string') return o['#text'];
    return '';
  }
  return String(v);
}

/** xs:boolean text → boolean (null when nil/absent). */
export function boolOf(v: unknown): boolean | null {
  const t = textOf(v)?.trim();
  if (t === undefined || t === null || t === '') return null;
  return t === 'true' || t === '1';
}

/** xs:dateTime in the form ISDS writes it (UTC, milliseconds). */
export function isoTime(d: Date): string {
  return d.toISOString();
}
