import { EntitySchema } from '@mikro-orm/core';

/**
 * An archive institution (archiv), e.g. SOkA Blansko of the Moravian Land Archive. A directory shared by all
 * tenants, so not tenant-owned (no `municipalityId`): which archive is competent for a municipality is stored
 * by the municipalities subgraph.
 */
export class Archive {
  id!: string;
  name!: string;
  abbreviation!: string;
  /** Not unique: the district archives (SOkA) are units of a land archive and share its IČO and data box. */
  ico!: string;
  dataBoxId!: string;
  address!: string;
  email!: string | null;
}

export const ArchiveSchema = new EntitySchema<Archive>({
  class: Archive,
  tableName: 'archive',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 200 },
    abbreviation: { type: 'string', length: 50, unique: true },
    ico: { type: 'string', length: 8 },
    dataBoxId: { type: 'string', length: 7 },
    address: { type: 'string', length: 300 },
    email: { type: 'string', length: 254, nullable: true },
  },
});
