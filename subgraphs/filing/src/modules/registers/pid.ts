import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a PID read off a barcode label cannot be misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 8;

/**
 * A new PID (jednoznačný identifikátor, domain.md §2): the originator's abbreviation (the prefix of its
 * MAIN register), `X`, and 8 random Crockford characters, e.g. `MBKX04AHNVG7`. 40 random bits per
 * municipality make a collision unlikely; the unique index catches the rest and registration retries.
 * Meaningless by design: the PID must not change when the document's number or register does.
 */
export function generatePid(abbreviation: string, kind: PidKind = 'DOCUMENT'): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CROCKFORD[b & 31];
  return `${abbreviation}${PID_MARKER[kind]}${code}`;
}

/**
 * What a PID names. A case file's PID has `S` (spis) where a document's has `X`: the marker always stands 9
 * characters from the end, so the two sets can never share a value, whatever the abbreviation. This matters
 * because the archive matches entities by identifier (value + zdroj, rules obs54, obs59): a case file and a
 * document with one PID would be "the same entity" with different content.
 */
export type PidKind = 'DOCUMENT' | 'CASE_FILE';
const PID_MARKER: Record<PidKind, string> = { DOCUMENT: 'X', CASE_FILE: 'S' };

/** The originator's abbreviation a PID starts with (everything before the marker and the 8-character code). */
export function pidAbbreviationOf(pid: string): string {
  return pid.slice(0, Math.max(0, pid.length - CODE_LENGTH - 1));
}
