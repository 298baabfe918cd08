import { EntitySchema, type EventArgs } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { foldForSearch } from '../documents/search';

/** Kind of a party (druh subjektu), as ISDS types boxes (isds.md dbType / dmSenderType): OVM, PO, FO and PFO. */
export type PartyKind = 'PUBLIC_AUTHORITY' | 'LEGAL_PERSON' | 'NATURAL_PERSON';
export const PARTY_KINDS: PartyKind[] = ['PUBLIC_AUTHORITY', 'LEGAL_PERSON', 'NATURAL_PERSON'];

/** How the party got into the register: with a received document, a shipment, by hand, or from rows older than the register. */
export type PartySource = 'INTAKE' | 'DISPATCH' | 'MANUAL' | 'UPGRADE';

/**
 * A party of the name register (jmenný rejstřík, NSESSS `tSubjektExterni`): a sender or recipient kept once per
 * municipality. Tenant-owned. Documents and shipments point at it and keep a snapshot of it as it was when they
 * were registered or put into dispatch (their flat sender / recipient columns), which the SIP uses.
 */
export class Party {
  id!: string;
  municipalityId!: string;
  kind!: PartyKind;
  /** NazevOrganizace, or NazevFyzickeOsoby (given and family name). */
  name!: string;
  /** IČO, checksum-valid (kit ico.ts); one party per IČO within a municipality. */
  ico!: string | null;
  givenName!: string | null;
  familyName!: string | null;
  /** YYYY-MM-DD. */
  birthDate!: string | null;
  /** The address in parts (kit address.ts `PostalAddress`); all null when it is known as one line only. */
  street!: string | null;
  houseNumber!: string | null;
  orientationNumber!: string | null;
  addressMunicipality!: string | null;
  municipalityPart!: string | null;
  postCode!: string | null;
  /** The address on one line (PostovniAdresa / SidloOrganizace): formatted from the parts, or free text. */
  address!: string | null;
  /** ID datové schránky; one party per box within a municipality. */
  dataBoxId!: string | null;
  email!: string | null;
  /** `name` folded like Document.subjectFolded, for `parties(search)` on both databases alike. */
  nameFolded!: string;
  /**
   * SHA-256 of the folded name and address: the dedup rule's last step (same name and address = same party) as an
   * indexed equality, since the two texts together are longer than an index key may be.
   */
  matchKey!: string;
  source!: PartySource;
  createdAt!: Date;
  createdById!: string | null;
  updatedAt!: Date;
  updatedById!: string | null;
}

/** Folded, with runs of spaces as one: "Jan  Novák" and "jan novak" are the same name. */
const canonical = (text: string | null) => (text ? foldForSearch(text).replace(/\s+/g, ' ').trim() : '');

/** The dedup key of a name and address (see `Party.matchKey`). */
export function partyMatchKey(name: string, address: string | null): string {
  return createHash('sha256')
    .update(`${canonical(name)}\n${canonical(address)}`)
    .digest('hex');
}

function syncDerived({ entity }: EventArgs<Party>): void {
  entity.nameFolded = foldForSearch(entity.name);
  entity.matchKey = partyMatchKey(entity.name, entity.address);
}

export const PartySchema = new EntitySchema<Party>({
  class: Party,
  tableName: 'party',
  hooks: { beforeCreate: [syncDerived], beforeUpdate: [syncDerived] },
  // The dedup rule, enforced by the database so two concurrent intakes cannot both add the same IČO or box
  // (NULLs do not collide, on SQLite and MariaDB alike).
  uniques: [{ properties: ['municipalityId', 'ico'] }, { properties: ['municipalityId', 'dataBoxId'] }],
  indexes: [
    { properties: ['municipalityId', 'matchKey'] },
    // The list: newest first, keyset on (createdAt, id).
    { properties: ['municipalityId', 'createdAt', 'id'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    kind: { type: 'string', length: 20 },
    name: { type: 'string', length: 300 },
    ico: { type: 'string', length: 8, nullable: true },
    givenName: { type: 'string', length: 100, nullable: true },
    familyName: { type: 'string', length: 100, nullable: true },
    birthDate: { type: 'string', length: 10, nullable: true },
    street: { type: 'string', length: 100, nullable: true },
    houseNumber: { type: 'string', length: 10, nullable: true },
    orientationNumber: { type: 'string', length: 10, nullable: true },
    addressMunicipality: { type: 'string', length: 100, nullable: true },
    municipalityPart: { type: 'string', length: 100, nullable: true },
    postCode: { type: 'string', length: 6, nullable: true },
    address: { type: 'string', length: 500, nullable: true },
    dataBoxId: { type: 'string', length: 7, nullable: true },
    email: { type: 'string', length: 254, nullable: true },
    nameFolded: { type: 'string', length: 300 },
    matchKey: { type: 'string', length: 64 },
    source: { type: 'string', length: 10 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid', nullable: true },
    updatedAt: { type: 'datetime', length: 3 },
    updatedById: { type: 'uuid', nullable: true },
  },
});
