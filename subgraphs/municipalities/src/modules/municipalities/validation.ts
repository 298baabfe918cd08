import { badInput, isValidIco } from '@hub/kit';
import type { MunicipalityType } from '@hub/kit';

export interface MunicipalityFields {
  name?: string | null;
  ico?: string | null;
  abbreviation?: string | null;
  dataBoxId?: string | null;
  type?: MunicipalityType | null;
  population?: number | null;
}

/** Validates the fields that are present; throws BAD_USER_INPUT naming the first wrong field. */
export function validateMunicipality(input: MunicipalityFields): void {
  if (input.name != null && (input.name.trim().length === 0 || input.name.length > 200)) {
    throw badInput('name must be 1–200 characters', 'name');
  }
  if (input.ico != null && !isValidIco(input.ico)) {
    throw badInput('ico must be 8 digits with a valid check digit', 'ico');
  }
  if (input.abbreviation != null && !/^[A-Z][A-Z0-9]{1,19}$/.test(input.abbreviation)) {
    throw badInput('abbreviation must be 2–20 capital letters or digits, starting with a letter', 'abbreviation');
  }
  if (input.dataBoxId != null && !/^[a-z0-9]{7}$/.test(input.dataBoxId)) {
    throw badInput('dataBoxId must be 7 lowercase letters or digits', 'dataBoxId');
  }
  if (
    input.population != null &&
    (!Number.isInteger(input.population) || input.population < 0 || input.population > 2_000_000)
  ) {
    throw badInput('population must be a whole number between 0 and 2,000,000', 'population');
  }
}
