import { EntitySchema } from '@mikro-orm/core';
import type { MunicipalityType } from '@hub/kit';

/**
 * A municipality: the tenant (veřejnoprávní původce, `Originator`). Not tenant-filtered itself: the
 * directory is readable by every signed-in user; only the platform admin writes it.
 */
export class Municipality {
  id!: string;
  name!: string;
  ico!: string;
  abbreviation!: string;
  dataBoxId!: string;
  type!: MunicipalityType;
  population!: number;
  /** Owned by the archives subgraph; only the id is kept here. */
  competentArchiveId!: string | null;
  createdAt!: Date;
}

export const MunicipalitySchema = new EntitySchema<Municipality>({
  class: Municipality,
  tableName: 'municipality',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200 },
    ico: { type: 'string', length: 8, unique: true },
    abbreviation: { type: 'string', length: 20, unique: true },
    dataBoxId: { type: 'string', length: 7, unique: true },
    type: { type: 'string', length: 20 },
    population: { type: 'integer' },
    competentArchiveId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', length: 3 },
  },
});
