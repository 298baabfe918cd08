import { badInput } from './errors';

/**
 * A Czech postal address (poštovní adresa) as the Czech Post writes it. Shared by the municipality's seat (sídlo)
 * and, later, the parties of the name register: this file's exported API (`PostalAddress`,
 * `formatPostalAddress`, `validatePostalAddress`) is what they coordinate on, so keep it stable.
 */
export interface PostalAddress {
  /** Street (ulice) or, in a village without streets, the name of the village or its part. */
  street: string;
  /** House number: číslo popisné, or číslo evidenční written with the prefix "ev. č." */
  houseNumber: string;
  /** Orientation number (číslo orientační), e.g. "3" or "12a"; null where the street has none. */
  orientationNumber: string | null;
  /** Municipality (obec). */
  municipality: string;
  /** Part of the municipality (část obce), when the post office names it; null otherwise. */
  municipalityPart: string | null;
  /** Postal code (PSČ): 5 digits, stored without the space. */
  postCode: string;
}

/** Field lengths: those of the Czech address register (RÚIAN) names, rounded up. */
const LIMITS = {
  street: 100,
  houseNumber: 12,
  orientationNumber: 6,
  municipality: 100,
  municipalityPart: 100,
} as const;

/**
 * The address in one line, the Czech postal format: "Street cp/co, [part, ]PSČ Obec", the PSČ as "678 01".
 * E.g. `nám. Republiky 1316/1, 678 01 Blansko`. The part is left out when it repeats the municipality's name.
 */
export function formatPostalAddress(a: PostalAddress): string {
  const number = a.orientationNumber ? `${a.houseNumber}/${a.orientationNumber}` : a.houseNumber;
  const part =
    a.municipalityPart && a.municipalityPart !== a.municipality && a.municipalityPart !== a.street
      ? `${a.municipalityPart}, `
      : '';
  const psc = `${a.postCode.slice(0, 3)} ${a.postCode.slice(3)}`;
  return `${a.street} ${number}, ${part}${psc} ${a.municipality}`;
}

/**
 * Checks and normalises an address given as input (trimmed texts, empty optional parts to null, the PSČ without
 * its space). Takes GraphQL input as it comes (optional parts may be absent). Throws BAD_USER_INPUT naming `<field>.<part>`, e.g. `seatAddress.postCode`.
 */
export function validatePostalAddress(a: { [K in keyof PostalAddress]?: string | null }, field: string): PostalAddress {
  const text = (part: keyof typeof LIMITS, required: boolean): string | null => {
    const raw = a[part];
    const v = raw == null ? '' : String(raw).trim().replace(/\s+/g, ' ');
    if (v.length === 0) {
      if (required) throw badInput(`${field}.${part} is required`, `${field}.${part}`);
      return null;
    }
    if (v.length > LIMITS[part])
      throw badInput(`${field}.${part} must be at most ${LIMITS[part]} characters`, `${field}.${part}`);
    return v;
  };
  const houseNumber = text('houseNumber', true)!;
  if (!/^(ev\. ?č\. ?)?[1-9][0-9]{0,5}$/.test(houseNumber)) {
    throw badInput(`${field}.houseNumber must be a číslo popisné (1–999999) or "ev. č. N"`, `${field}.houseNumber`);
  }
  const orientationNumber = text('orientationNumber', false);
  if (orientationNumber !== null && !/^[1-9][0-9]{0,3}[a-z]?$/.test(orientationNumber)) {
    throw badInput(
      `${field}.orientationNumber must be a number with an optional lower-case letter, e.g. 12a`,
      `${field}.orientationNumber`,
    );
  }
  const postCode = String(a.postCode ?? '').replace(/\s/g, '');
  if (!/^[1-7][0-9]{4}$/.test(postCode))
    throw badInput(`${field}.postCode must be a PSČ of 5 digits, e.g. 678 01`, `${field}.postCode`);
  return {
    street: text('street', true)!,
    houseNumber,
    orientationNumber,
    municipality: text('municipality', true)!,
    municipalityPart: text('municipalityPart', false),
    postCode,
  };
}
