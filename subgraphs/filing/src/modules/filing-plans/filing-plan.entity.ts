import { EntitySchema } from '@mikro-orm/core';

/**
 * A filing plan (spisový plán) of a municipality. Several may be valid at once (domain.md §5.2), so there is
 * no "current" flag: validity is the interval [validFrom, validTo], calendar days as YYYY-MM-DD (compared as
 * strings, which orders them correctly and avoids time-zone shifts of DATE columns).
 */
export class FilingPlan {
  id!: string;
  municipalityId!: string;
  name!: string;
  validFrom!: string;
  validTo!: string | null;
  /** Legacy plans may still use disposal code V; plans after decree 96/2023 only A and S. */
  legacy!: boolean;
  /** Between the levels of a full filing code: ' ', '-', '/' or '.'. */
  separator!: string;
  /**
   * `tIdentifikator` of the plan in the SIP (HodnotaID, ZdrojID ≤ 50; filing-plans/identifiers.ts), unique per
   * municipality and source. Nullable in the database only for rows from before it existed, which the data
   * upgrade fills (upgrade.ts); every write path sets it.
   */
  identifierValue!: string | null;
  identifierSource!: string | null;
  createdAt!: Date;
  createdById!: string | null;
}

export const FilingPlanSchema = new EntitySchema<FilingPlan>({
  class: FilingPlan,
  tableName: 'filing_plan',
  indexes: [{ properties: ['municipalityId', 'validFrom'] }],
  uniques: [{ properties: ['municipalityId', 'identifierSource', 'identifierValue'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    name: { type: 'string', length: 200 },
    validFrom: { type: 'string', length: 10 },
    validTo: { type: 'string', length: 10, nullable: true },
    legacy: { type: 'boolean' },
    separator: { type: 'string', length: 1 },
    identifierValue: { type: 'string', length: 50, nullable: true },
    identifierSource: { type: 'string', length: 50, nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid', nullable: true },
  },
});
