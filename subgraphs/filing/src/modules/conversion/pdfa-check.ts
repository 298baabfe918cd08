import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from './run';

/**
 * The check a PDF passes before it counts as an output format (rule kom4): its XMP metadata identifies it as
 * PDF/A (`pdfaid:part` 1–3 with a conformance level), and every font it uses is embedded. Both are read with
 * poppler-utils (Debian's package, installed with LibreOffice): `pdfinfo -meta` prints the XMP stream whether
 * it is compressed or not, `pdffonts` lists the fonts with their `emb` column. It is not a full PDF/A
 * validation (veraPDF is not packaged in Debian); it catches a plain PDF, a failed export and missing fonts.
 */
export interface PdfACheck {
  ok: boolean;
  /** `pdfaid:part`, e.g. "2"; null when the metadata has none. */
  part: string | null;
  /** `pdfaid:conformance`, e.g. "B". */
  conformance: string | null;
  fonts: number;
  /** Fonts that are not embedded (Type 3 fonts are defined in the file and count as embedded). */
  notEmbedded: string[];
  problems: string[];
}

const TIMEOUT_MS = 60_000;

/** `pdfaid:<name>` as an element or as an attribute of rdf:Description. */
function xmpValue(xmp: string, name: string): string | null {
  const m =
    xmp.match(new RegExp(`pdfaid:${name}\\s*>\\s*([^<\\s]+)\\s*<`)) ??
    xmp.match(new RegExp(`pdfaid:${name}\\s*=\\s*["']([^"']+)["']`));
  return m ? m[1] : null;
}

/** The `emb` column of each font line (`pdffonts` aligns columns; the name and type may contain spaces). */
export function parsePdfFonts(out: string): { name: string; type: string; embedded: boolean }[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => /^-+ -+/.test(l));
  if (start < 0) return [];
  return lines
    .slice(start + 1)
    .filter((l) => l.trim())
    .map((l) => {
      const tokens = l.trim().split(/\s+/);
      // … emb sub uni object-number generation
      const embedded = tokens[tokens.length - 5] === 'yes';
      return { name: tokens[0], type: l.slice(37, 55).trim(), embedded };
    });
}

export async function checkPdfA(pdf: Buffer, opts: { requirePart?: string } = {}): Promise<PdfACheck> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-pdfa-'));
  try {
    const file = join(dir, 'check.pdf');
    await writeFile(file, pdf, { mode: 0o600 });
    const problems: string[] = [];
    const meta = await runProgram('pdfinfo', ['-meta', file], { timeoutMs: TIMEOUT_MS });
    if (meta.code !== 0)
      problems.push(`not a readable PDF (${meta.stderr.trim().split('\n')[0] || `pdfinfo exit ${meta.code}`})`);
    const part = meta.code === 0 ? xmpValue(meta.stdout, 'part') : null;
    const conformance = meta.code === 0 ? xmpValue(meta.stdout, 'conformance') : null;
    if (meta.code === 0 && !part) problems.push('its XMP metadata has no PDF/A identification (pdfaid:part)');
    else if (part && !/^[123]$/.test(part)) problems.push(`pdfaid:part is ${part}, not 1, 2 or 3`);
    if (part && opts.requirePart && part !== opts.requirePart)
      problems.push(`PDF/A-${part}, not PDF/A-${opts.requirePart}`);
    if (part && !conformance) problems.push('its XMP metadata has no pdfaid:conformance');
    let fonts: ReturnType<typeof parsePdfFonts> = [];
    if (meta.code === 0) {
      const f = await runProgram('pdffonts', [file], { timeoutMs: TIMEOUT_MS });
      if (f.code !== 0) problems.push(`pdffonts failed (exit ${f.code})`);
      else fonts = parsePdfFonts(f.stdout);
    }
    const notEmbedded = fonts.filter((f) => !f.embedded && !/^Type 3/.test(f.type)).map((f) => f.name);
    if (notEmbedded.length) problems.push(`fonts not embedded: ${notEmbedded.join(', ')}`);
    return { ok: problems.length === 0, part, conformance, fonts: fonts.length, notEmbedded, problems };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
