/**
 * Output formats (výstupní datové formáty, domain.md §5.5, rules obs107/kom4) and what LibreOffice converts. A
 * component in one of the image/XML output formats counts as it is; a PDF counts only when it identifies itself as
 * PDF/A (checked from its bytes by pdfa-check.ts, not trusted from the media type).
 */

/** Output formats other than PDF: they need no conversion (obs107). */
const OUTPUT_FORMATS_AS_IS = new Set([
  'image/png',
  'image/tiff',
  'image/jpeg',
  'image/gif',
  'video/mpeg',
  'audio/mpeg',
  'audio/x-wav',
  'application/xml',
  'application/xml-dtd',
]);

/** LibreOffice's modules: each has its own PDF export filter (writer_pdf_Export for a spreadsheet fails). */
export type OfficeModule = 'writer' | 'calc' | 'impress' | 'draw';

interface Convertible {
  module: OfficeModule;
  /** The extension the input file gets: LibreOffice detects the import filter from the name and the bytes. */
  ext: string;
}

/**
 * Media types converted to PDF/A-2 with LibreOffice: word-processor files (obs105), spreadsheets, presentations,
 * and images that are not output formats themselves (BMP, WebP, SVG: LibreOffice Draw imports them, so one tool
 * does every conversion and every result passes the same PDF/A check). A PDF without PDF/A identification is
 * opened with Draw's PDF import and exported again.
 */
const CONVERTIBLE: Record<string, Convertible> = {
  'application/msword': { module: 'writer', ext: 'doc' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { module: 'writer', ext: 'docx' },
  'application/rtf': { module: 'writer', ext: 'rtf' },
  'text/rtf': { module: 'writer', ext: 'rtf' },
  'application/vnd.oasis.opendocument.text': { module: 'writer', ext: 'odt' },
  'text/plain': { module: 'writer', ext: 'txt' },
  'text/html': { module: 'writer', ext: 'html' },
  'application/vnd.ms-excel': { module: 'calc', ext: 'xls' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { module: 'calc', ext: 'xlsx' },
  'application/vnd.oasis.opendocument.spreadsheet': { module: 'calc', ext: 'ods' },
  'text/csv': { module: 'calc', ext: 'csv' },
  'application/vnd.ms-powerpoint': { module: 'impress', ext: 'ppt' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { module: 'impress', ext: 'pptx' },
  'application/vnd.oasis.opendocument.presentation': { module: 'impress', ext: 'odp' },
  'application/vnd.oasis.opendocument.graphics': { module: 'draw', ext: 'odg' },
  'image/bmp': { module: 'draw', ext: 'bmp' },
  'image/x-ms-bmp': { module: 'draw', ext: 'bmp' },
  'image/webp': { module: 'draw', ext: 'webp' },
  'image/svg+xml': { module: 'draw', ext: 'svg' },
  'application/pdf': { module: 'draw', ext: 'pdf' },
};

const base = (mediaType: string) => mediaType.split(';')[0].trim().toLowerCase();

/** An output format that needs no look at the bytes (everything but PDF). */
export const isOutputFormatAsIs = (mediaType: string) => OUTPUT_FORMATS_AS_IS.has(base(mediaType));

/** How LibreOffice converts this media type; null when it is not converted (unknown types, containers). */
export const convertibleOf = (mediaType: string): Convertible | null => CONVERTIBLE[base(mediaType)] ?? null;

export const isPdf = (mediaType: string) => base(mediaType) === 'application/pdf';
