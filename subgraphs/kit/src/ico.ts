/**
 * IČO (`ico`): the 8-digit Czech company id. Check digit rule (domain.md §2): weights 8..2 on the
 * first 7 digits, r = sum mod 11; check = 1 if r = 0, 0 if r = 1, else 11 − r.
 */
export function icoCheckDigit(first7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(first7[i]) * (8 - i);
  const r = sum % 11;
  return r === 0 ? 1 : r === 1 ? 0 : 11 - r;
}

export function isValidIco(ico: string): boolean {
  return /^\d{8}$/.test(ico) && icoCheckDigit(ico.slice(0, 7)) === Number(ico[7]);
}

/** Completes 7 digits to a checksum-valid IČO (used for invented demo data). */
export function icoFrom(first7: string): string {
  if (!/^\d{7}$/.test(first7)) throw new Error(`expected 7 digits, got ${first7}`);
  return first7 + icoCheckDigit(first7);
}
