import { EntitySchema } from '@mikro-orm/core';
import type { MunicipalityType, PostalAddress } from '@hub/kit';

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
  /**
   * The seat (sídlo) of the municipal office, kit address.ts `PostalAddress` as columns: the archive's SIP names
   * the originator by name, IČO and seat (`SidloOrganizace`). Nullable only for rows of municipalities created
   * before the seat existed that the data upgrade could not know (the demo ones it fills); required on create.
   */
  seatStreet!: string | null;
  seatHouseNumber!: string | null;
  seatOrientationNumber!: string | null;
  seatMunicipality!: string | null;
  seatMunicipalityPart!: string | null;
  seatPostCode!: string | null;
  /**
   * A backup-only tenant (issue 12): the municipality runs its own records system and keeps only that system's
   * backup sets on the hub, so it has no registers or users here. Nullable so rows older than the column need no
   * rewrite: null reads as false.
   */
  backupOnly!: boolean | null;
  createdAt!: Date;
}

export const isBackupOnly = (m: Pick<Municipality, 'backupOnly'>) => m.backupOnly === true;

/** The seat as a `PostalAddress`; null while it is not known (see `seatStreet`). */
export function seatAddressOf(m: Municipality): PostalAddress | null {
  if (!m.seatStreet || !m.seatHouseNumber || !m.seatMunicipality || !m.seatPostCode) return null;
  return {
    street: m.seatStreet,
    houseNumber: m.seatHouseNumber,
    orientationNumber: m.seatOrientationNumber,
    municipality: m.seatMunicipality,
    municipalityPart: m.seatMunicipalityPart,
    postCode: m.seatPostCode,
  };
}

/** The columns of a seat address (for create, assign and the upgrade). */
export function seatColumns(
  a: PostalAddress,
): Pick<
  Municipality,
  | 'seatStreet'
  | 'seatHouseNumber'
  | 'seatOrientationNumber'
  | 'seatMunicipality'
  | 'seatMunicipalityPart'
  | 'seatPostCode'
> {
  return {
    seatStreet: a.street,
    seatHouseNumber: a.houseNumber,
    seatOrientationNumber: a.orientationNumber,
    seatMunicipality: a.municipality,
    seatMunicipalityPart: a.municipalityPart,
    seatPostCode: a.postCode,
  };
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
    seatStreet: { type: 'string', length: 100, nullable: true },
    seatHouseNumber: { type: 'string', length: 12, nullable: true },
    seatOrientationNumber: { type: 'string', length: 6, nullable: true },
    seatMunicipality: { type: 'string', length: 100, nullable: true },
    seatMunicipalityPart: { type: 'string', length: 100, nullable: true },
    seatPostCode: { type: 'string', length: 5, nullable: true },
    backupOnly: { type: 'boolean', nullable: true },
    createdAt: { type: 'datetime', length: 3 },
  },
});
