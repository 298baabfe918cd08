import { ErrorCode, HubError } from '@hub/kit';
import { Readable } from 'node:stream';

/**
 * Formats at the boundary (issue 17 item 4): a file's media type is detected from its first bytes (magic numbers),
 * not trusted from the upload's content-type; the declared one is kept and a disagreement recorded (`MISMATCH`),
 * and a configured list of dangerous types is refused before anything is stored.
 *
 * A small table rather than the `file-type` package: its releases are ESM-only (as are its tokenizer
 * dependencies), which neither jest's CommonJS loader nor the hub's CommonJS build on Node 20 loads without
 * transforming half a dozen packages, and the hub only needs the formats of a records office (domain.md §5.5
 * output formats, office documents, containers, signatures) plus the executables it refuses.
 */

/** How many leading bytes detection reads (enough for a ZIP's first entry names and a PDF header after junk). */
export const MEDIA_TYPE_PEEK_BYTES = 64 * 1024;

/** The declared type against the detected one: agree, disagree, or the bytes are of no format the table knows. */
export type MediaTypeCheck = 'MATCH' | 'MISMATCH' | 'UNRECOGNISED';

/** Executables, scripts and shortcuts: refused unless HUB_REFUSED_MEDIA_TYPES says otherwise. */
export const DEFAULT_REFUSED_MEDIA_TYPES = [
  'application/x-msdownload',
  'application/x-executable',
  'application/x-mach-binary',
  'application/x-sh',
  'application/x-ms-shortcut',
  'application/x-msi',
  'application/java-archive',
  'application/javascript',
  'text/javascript',
  'application/x-bat',
];

/**
 * HUB_REFUSED_MEDIA_TYPES: comma-separated media types refused at upload (by the detected or the declared type);
 * unset → DEFAULT_REFUSED_MEDIA_TYPES, `none` (or empty) → nothing refused. Read at call time (tests change it).
 */
export function refusedMediaTypes(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const raw = env.HUB_REFUSED_MEDIA_TYPES;
  if (raw === undefined) return new Set(DEFAULT_REFUSED_MEDIA_TYPES);
  const list = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'none');
  return new Set(list);
}

const startsWith = (b: Buffer, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, s: string, at = 0) =>
  b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

/** DER/BER CMS ContentInfo of signedData (1.2.840.113549.1.7.2) in its first bytes: a .p7s/.p7m, a ZFO, a time-stamp token. */
function isCmsSignedData(b: Buffer): boolean {
  if (b[0] !== 0x30) return false;
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  const at = b.subarray(0, 16).indexOf(oid);
  return at >= 2 && at <= 5;
}

/** A ZIP's kind from its first entry (`mimetype` of ODF/ASiC/EPUB) or the entry names in the head (OOXML). */
function zipKind(b: Buffer): string {
  const nameLength = b.readUInt16LE(26);
  const extraLength = b.readUInt16LE(28);
  const name = b.toString('latin1', 30, 30 + nameLength);
  if (name === 'mimetype') {
    const start = 30 + nameLength + extraLength;
    const declared = b.toString('latin1', start, start + b.readUInt32LE(18)).trim();
    if (/^application\/[a-z0-9.+-]+$/.test(declared)) return declared;
  }
  const head = b.toString('latin1');
  if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  if (head.includes('META-INF/MANIFEST.MF')) return 'application/java-archive';
  return 'application/zip';
}

/** Legacy Office (OLE2 compound file): which one only the name tells without parsing the directory. */
function oleKind(fileName: string | undefined): string {
  const ext = fileName?.toLowerCase().split('.').pop();
  const byExt: Record<string, string> = {
    doc: 'application/msword',
    dot: 'application/msword',
    xls: 'application/vnd.ms-excel',
    ppt: 'application/vnd.ms-powerpoint',
    msg: 'application/vnd.ms-outlook',
    msi: 'application/x-msi',
  };
  return (ext && byExt[ext]) || 'application/x-ole-storage';
}

function isText(b: Buffer): boolean {
  if (b.length === 0) return false;
  for (const byte of b) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) return false;
  // A multi-byte character cut at the end of a peeked head is not a reason to call the file binary.
  const probe = b.length >= MEDIA_TYPE_PEEK_BYTES ? b.subarray(0, b.length - 3) : b;
  return !new TextDecoder('utf-8').decode(probe).includes('\ufffd');
}

/** The media type the bytes say (the file's first MEDIA_TYPE_PEEK_BYTES or all of a smaller one); null when unknown. */
export function detectMediaType(head: Buffer, fileName?: string): string | null {
  const b = head;
  if (b.length === 0) return null;
  // PDF: the header may follow some junk within the first 1024 bytes (ISO 32000-1 annex H).
  if (b.subarray(0, 1024).indexOf('%PDF-') >= 0) return 'application/pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(b, 'GIF87a') || ascii(b, 'GIF89a')) return 'image/gif';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(b, 'RIFF') && ascii(b, 'WAVE', 8)) return 'audio/x-wav';
  if (ascii(b, 'RIFF') && ascii(b, 'WEBP', 8)) return 'image/webp';
  if (ascii(b, 'RIFF') && ascii(b, 'AVI ', 8)) return 'video/x-msvideo';
  if (ascii(b, 'ID3') || (b.length > 1 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0))
    return 'audio/mpeg';
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba]) || startsWith(b, [0x00, 0x00, 0x01, 0xb3])) return 'video/mpeg';
  if (ascii(b, 'ftyp', 4)) return 'video/mp4';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.length >= 30) return zipKind(b);
  if (startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip'; // empty archive
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleKind(fileName);
  if (ascii(b, '{\\rtf')) return 'application/rtf';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (ascii(b, 'Rar!\x1a\x07')) return 'application/vnd.rar';
  if (startsWith(b, [0x1f, 0x8b])) return 'application/gzip';
  if (isCmsSignedData(b)) return 'application/pkcs7-mime';
  // Executables and the like (what the refused list is about).
  if (ascii(b, 'MZ')) return 'application/x-msdownload';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ]) {
    if (startsWith(b, magic)) return 'application/x-mach-binary';
  }
  if (startsWith(b, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00])) return 'application/x-ms-shortcut';
  if (ascii(b, '#!')) return 'application/x-sh';
  // Text formats, after an optional UTF-8 byte order mark and leading white space.
  if (!isText(b)) return null;
  const text = b
    .toString('utf8', 0, Math.min(b.length, 1024))
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<?xml')) return 'application/xml';
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'text/html';
  if (text.startsWith('-----begin pkcs7-----') || text.startsWith('-----begin cms-----'))
    return 'application/pkcs7-mime';
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext === 'bat' || ext === 'cmd') return 'application/x-bat';
  if (ext === 'js' || ext === 'mjs' || ext === 'vbs') return 'application/javascript';
  return 'text/plain';
}

/** Types that name the same format (declared spellings vary between senders). */
const SAME_FORMAT: string[][] = [
  [
    'application/pkcs7-mime',
    'application/pkcs7-signature',
    'application/x-pkcs7-mime',
    'application/x-pkcs7-signature',
    'application/vnd.software602.filler.form-xml-zip',
    'application/timestamp-token',
    'application/timestamp-reply',
  ],
  ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  ['audio/x-wav', 'audio/wav', 'audio/wave', 'audio/vnd.wave'],
  ['application/zip', 'application/x-zip-compressed', 'application/x-zip'],
  ['application/rtf', 'text/rtf'],
  ['application/gzip', 'application/x-gzip'],
  [
    'application/x-msdownload',
    'application/x-msdos-program',
    'application/vnd.microsoft.portable-executable',
    'application/x-dosexec',
  ],
  ['application/javascript', 'text/javascript', 'application/x-javascript'],
];

/** Whether the declared type is a fair name for what the bytes are. */
export function mediaTypesAgree(declared: string, detected: string): boolean {
  if (declared === detected) return true;
  if (SAME_FORMAT.some((group) => group.includes(declared) && group.includes(detected))) return true;
  switch (detected) {
    case 'text/plain':
      return (
        declared.startsWith('text/') ||
        ['application/json', 'application/xml', 'application/csv', 'application/x-yaml'].includes(declared)
      );
    case 'application/xml':
      return declared === 'text/xml' || declared === 'application/xml-dtd' || declared.endsWith('+xml');
    case 'application/zip':
      // A ZIP whose first entries did not tell more: any zip-based declared type is fair.
      return (
        declared.endsWith('+zip') ||
        declared.includes('zip') ||
        declared.startsWith('application/vnd.openxmlformats') ||
        declared.startsWith('application/vnd.oasis.opendocument')
      );
    case 'application/x-ole-storage':
      return (
        declared === 'application/msword' ||
        declared.startsWith('application/vnd.ms-') ||
        declared === 'application/x-msi'
      );
    default:
      return false;
  }
}

export interface MediaTypeVerdict {
  detected: string | null;
  check: MediaTypeCheck;
}

/** The verdict on a file: what it is and whether the declared type says so. */
export function judgeMediaType(head: Buffer, declared: string, fileName?: string): MediaTypeVerdict {
  const detected = detectMediaType(head, fileName);
  if (!detected) return { detected: null, check: 'UNRECOGNISED' };
  // application/octet-stream claims nothing: not a disagreement.
  const check = declared === 'application/octet-stream' || mediaTypesAgree(declared, detected) ? 'MATCH' : 'MISMATCH';
  return { detected, check };
}

/** UNSUPPORTED_MEDIA_TYPE when the detected or the declared type is on the refused list. */
export function refuseDangerous(
  verdict: MediaTypeVerdict,
  declared: string,
  refused: Set<string> = refusedMediaTypes(),
): void {
  const hit = [verdict.detected, declared].find((t) => t && refused.has(t));
  if (hit) {
    throw new HubError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Files of type ${hit} are not accepted (HUB_REFUSED_MEDIA_TYPES)`,
      { field: 'mediaType' },
    );
  }
}

/**
 * The first `bytes` of a stream, and a stream of all of it (head included) to store: detection reads before the
 * store writes, so a refused file leaves nothing behind.
 */
export async function peekStream(
  input: Readable,
  bytes = MEDIA_TYPE_PEEK_BYTES,
): Promise<{ head: Buffer; stream: Readable }> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const all = Buffer.concat(chunks);
  const stream = Readable.from(
    (async function* () {
      if (all.length) yield all;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
    })(),
  );
  return { head: all.subarray(0, bytes), stream };
}
