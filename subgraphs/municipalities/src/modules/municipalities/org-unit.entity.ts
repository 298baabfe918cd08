import { EntitySchema } from '@mikro-orm/core';

/** Org unit (organizační jednotka: odbor, oddělení) of a municipality's office. Tenant-owned. */
export class OrgUnit {
  id!: string;
  municipalityId!: string;
  name!: string;
  code!: string;
  active!: boolean;
}

export const OrgUnitSchema = new EntitySchema<OrgUnit>({
  class: OrgUnit,
  tableName: 'org_unit',
  uniques: [{ properties: ['municipalityId', 'code'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid', index: true },
    name: { type: 'string', length: 200 },
    code: { type: 'string', length: 50 },
    active: { type: 'boolean' },
  },
});
