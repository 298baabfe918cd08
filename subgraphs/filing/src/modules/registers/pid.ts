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
export function generatePid(abbreviation: string): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CROCKFORD[b & 31];
  return `${abbreviation}X${code}`;
}
