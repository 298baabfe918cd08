import * as asn1js from 'asn1js';
import { isdsParser, type Parsed } from './soap';

/**
 * ZFO: a DER CMS SignedData with the message's XML as attached content (isds.md §3). This reads the content, it does
 * not check the seal: that is the "signatures" work on components (the ZFO is kept whole as the CONTAINER component,
 * so it can be verified later, or sent to AuthenticateMessage).
 */

/** isds.md §3 and Datovka's naming: what a ZFO is stored as. */
export const ZFO_MEDIA_TYPE = 'application/vnd.software602.filler.form-xml-zip';
export const messageZfoName = (dmId: string) => `DZ_${dmId}.zfo`;
export const deliveryZfoName = (dmId: string) => `DD_${dmId}.zfo`;

const SIGNED_DATA = '1.2.840.113549.1.7.2';

export class ZfoError extends Error {
  constructor(message: string) {
    super(`ZFO: ${message}`);
    this.name = 'ZfoError';
  }
}

/** The bytes of an OCTET STRING, primitive or constructed (BER allows the content in pieces). */
function octets(block: asn1js.AsnType): Buffer {
  if (!(block instanceof asn1js.OctetString)) throw new ZfoError('eContent is not an OCTET STRING');
  if (!block.idBlock.isConstructed) return Buffer.from(block.valueBlock.valueHexView);
  return Buffer.concat(block.valueBlock.value.map((part) => octets(part)));
}

const child = (block: asn1js.AsnType | undefined, i: number): asn1js.AsnType | undefined =>
  (block as asn1js.Constructed | undefined)?.valueBlock?.value?.[i];

/** ContentInfo → SignedData → encapContentInfo → eContent: the signed XML. */
export function zfoContent(der: Buffer): Buffer {
  const parsed = asn1js.fromBER(new Uint8Array(der.buffer, der.byteOffset, der.byteLength));
  if (parsed.offset === -1) throw new ZfoError(`not DER/BER (${parsed.result.error})`);
  const contentInfo = parsed.result;
  const type = child(contentInfo, 0);
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== SIGNED_DATA)
    throw new ZfoError('not a CMS SignedData');
  const signedData = child(child(contentInfo, 1), 0);
  // SignedData: version, digestAlgorithms, encapContentInfo, …
  const encap = child(signedData, 2);
  const explicit = child(encap, 1);
  if (!explicit) throw new ZfoError('no attached content (a detached signature)');
  return octets(child(explicit, 0)!);
}

export interface ZfoFile {
  fileName: string;
  mediaType: string;
  metaType: string;
  content: Buffer;
}

export interface ZfoMessage {
  /** `message` (received: MessageDownloadResponse), `sent` (SentMessage), `delivery` (GetDeliveryInfoResponse). */
  kind: 'message' | 'sent' | 'delivery';
  dmId: string;
  senderBoxId: string | null;
  senderName: string | null;
  senderAddress: string | null;
  senderType: number | null;
  recipientBoxId: string | null;
  annotation: string | null;
  senderRefNumber: string | null;
  recipientRefNumber: string | null;
  deliveredAt: Date | null;
  acceptedAt: Date | null;
  status: number | null;
  files: ZfoFile[];
}

const text = (v: unknown): string | null => {
  if (v === undefined || v === null || typeof v === 'object') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};
const time = (v: unknown): Date | null => {
  const s = text(v);
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const int = (v: unknown): number | null => {
  const s = text(v);
  return s !== null && /^-?\d+$/.test(s) ? Number(s) : null;
};
const list = (v: unknown): Parsed[] => (Array.isArray(v) ? (v as Parsed[]) : v ? [v as Parsed] : []);

/** A few extensions for when dmMimeType is not a media type (isds.md §2: a real message has `pdf`). */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  xml: 'application/xml',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  zfo: ZFO_MEDIA_TYPE,
  fo: 'application/vnd.software602.filler.form+xml',
  isdoc: 'application/vnd.isdoc+xml',
  p7s: 'application/pkcs7-signature',
  html: 'text/html',
  csv: 'text/csv',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

export function mediaTypeOf(declared: string | null, fileName: string): string {
  const d = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (MEDIA_TYPE.test(d) && d.length <= 255) return d;
  const ext = (d && BY_EXTENSION[d] ? d : fileName.split('.').pop()?.toLowerCase()) ?? '';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** dmFileDescr as a plain file name the hub accepts (components.ts checkFileName): no paths, no control characters. */
export function safeFileName(descr: string | null, i: number): string {
  const name = (descr ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    .trim()
    .slice(0, 255);
  return name && name !== '.' && name !== '..' ? name : `soubor-${i + 1}`;
}

/** The envelope and files of a ZFO (received or sent message, or delivery info). */
export function readZfo(der: Buffer): ZfoMessage {
  const xml = zfoContent(der).toString('utf8');
  let doc: Parsed;
  try {
    doc = isdsParser.parse(xml) as Parsed;
  } catch (e) {
    throw new ZfoError(`the content is not XML (${(e as Error).message})`);
  }
  const [rootName] = Object.keys(doc).filter((k) => k !== '?xml');
  const root = doc[rootName] as Parsed;
  // The namespace tells a received message from a sent one (isds.md §3: …/v20/message vs …/v20/SentMessage).
  const kind =
    rootName === 'GetDeliveryInfoResponse'
      ? 'delivery'
      : xml.includes('isds.czechpoint.cz/v20/SentMessage')
        ? 'sent'
        : 'message';
  const returned = (root?.dmReturnedMessage ?? root?.dmDelivery) as Parsed | undefined;
  const dm = returned?.dmDm as Parsed | undefined;
  if (!returned || !dm) throw new ZfoError(`${rootName ?? 'the root'} has no dmDm`);
  const dmId = text(dm.dmID);
  if (!dmId) throw new ZfoError('no dmID');
  const files = list((dm.dmFiles as Parsed | undefined)?.dmFile).map((f, i) => {
    const fileName = safeFileName(text(f['@_dmFileDescr']), i);
    const xmlContent = f.dmXMLContent;
    const content =
      xmlContent !== undefined
        ? Buffer.from(String(xmlContent), 'utf8')
        : Buffer.from(text(f.dmEncodedContent) ?? '', 'base64');
    return {
      fileName,
      mediaType: mediaTypeOf(text(f['@_dmMimeType']), fileName),
      metaType: text(f['@_dmFileMetaType']) ?? 'enclosure',
      content,
    };
  });
  return {
    kind,
    dmId,
    senderBoxId: text(dm.dbIDSender),
    senderName: text(dm.dmSender),
    senderAddress: text(dm.dmSenderAddress),
    senderType: int(dm.dmSenderType),
    recipientBoxId: text(dm.dbIDRecipient),
    annotation: text(dm.dmAnnotation),
    senderRefNumber: text(dm.dmSenderRefNumber),
    recipientRefNumber: text(dm.dmRecipientRefNumber),
    deliveredAt: time(returned.dmDeliveryTime),
    acceptedAt: time(returned.dmAcceptanceTime),
    status: int(returned.dmMessageStatus),
    files,
  };
}
