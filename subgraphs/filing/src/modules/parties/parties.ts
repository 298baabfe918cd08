import { LockMode, UniqueConstraintViolationException, type FindOneOptions } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  diff,
  formatPostalAddress,
  inTransaction,
  isValidIco,
  notFound,
  recordAudit,
  validatePostalAddress,
  type Caller,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { PartyInput } from '../../generated/graphql';
import { pastDay } from '../documents/validation';
import { czechDay } from '../retention/retention';
import { PARTY_KINDS, Party, partyMatchKey, type PartyKind, type PartySource } from './party.entity';

/**
 * Who edits the name register by hand (createParty, updateParty): the registry (podatelna, výpravna) and the
 * records staff. Everyone of the municipality reads it (a handler picks a shipment's recipient from it), and
 * intake and dispatch add to it as they go, whoever registers or dispatches.
 */
export const PARTY_EDITING_ROLES: Role[] = [
  Role.INTAKE_CLERK,
  Role.DISPATCH_CLERK,
  Role.RECORDS_OFFICER,
  Role.RECORDS_MANAGER,
];

const MAX_NAME = 300;
const MAX_PERSON_NAME = 100;
const MAX_ADDRESS = 500;
const MAX_EMAIL = 254;
/** isds.md §2: a box id is exactly 7 lowercase letters or digits. */
const BOX_ID = /^[a-z0-9]{7}$/;
/** Deliberately plain, as dispatch's: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A party's details after validation: trimmed, normalised, safe to store. */
export interface PartyFields {
  kind: PartyKind;
  name: string;
  ico: string | null;
  givenName: string | null;
  familyName: string | null;
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  orientationNumber: string | null;
  addressMunicipality: string | null;
  municipalityPart: string | null;
  postCode: string | null;
  address: string | null;
  dataBoxId: string | null;
  email: string | null;
}

/** What the audit events of a party list (its details; the derived columns follow from them). */
const AUDITED_FIELDS: (keyof Party)[] = [
  'kind',
  'name',
  'ico',
  'givenName',
  'familyName',
  'birthDate',
  'street',
  'houseNumber',
  'orientationNumber',
  'addressMunicipality',
  'municipalityPart',
  'postCode',
  'address',
  'dataBoxId',
  'email',
];

function optional(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** IČO, data box and e-mail, checked the same way for every way a party comes in. */
function identifiers(v: { ico?: string | null; dataBoxId?: string | null; email?: string | null }, field: string) {
  const ico = optional(v.ico, `${field}.ico`, 8);
  if (ico && !isValidIco(ico)) throw badInput(`${field}.ico must be 8 digits with a valid check digit`, `${field}.ico`);
  const dataBoxId = optional(v.dataBoxId, `${field}.dataBoxId`, 7);
  if (dataBoxId && !BOX_ID.test(dataBoxId))
    throw badInput(`${field}.dataBoxId must be exactly 7 lowercase letters or digits`, `${field}.dataBoxId`);
  const email = optional(v.email, `${field}.email`, MAX_EMAIL);
  if (email && !EMAIL.test(email)) throw badInput(`${field}.email is not an e-mail address`, `${field}.email`);
  return { ico, dataBoxId, email };
}

const NO_PARTS = {
  street: null,
  houseNumber: null,
  orientationNumber: null,
  addressMunicipality: null,
  municipalityPart: null,
  postCode: null,
};

/**
 * Checks a structured party (createParty, updateParty, inline senders and recipients) before anything is read or
 * written; BAD_USER_INPUT naming the first wrong field as `<field>.<name>`. Natural persons have their name parts
 * (NazevFyzickeOsoby is made from them unless a `name`, e.g. with a title, is given); the others a name.
 */
export function validateParty(input: PartyInput, field: string, now: Date): PartyFields {
  const kind = input.kind as PartyKind;
  if (!PARTY_KINDS.includes(kind))
    throw badInput(`${field}.kind must be one of ${PARTY_KINDS.join(', ')}`, `${field}.kind`);
  const givenName = optional(input.givenName, `${field}.givenName`, MAX_PERSON_NAME);
  const familyName = optional(input.familyName, `${field}.familyName`, MAX_PERSON_NAME);
  let name = optional(input.name, `${field}.name`, MAX_NAME);
  let birthDate: string | null = null;
  if (kind === 'NATURAL_PERSON') {
    if (!givenName) throw badInput(`${field}.givenName is required for a natural person`, `${field}.givenName`);
    if (!familyName) throw badInput(`${field}.familyName is required for a natural person`, `${field}.familyName`);
    name ??= `${givenName} ${familyName}`;
    birthDate = input.birthDate?.trim() ? pastDay(input.birthDate.trim(), `${field}.birthDate`, czechDay(now)) : null;
  } else {
    if (!name)
      throw badInput(
        `${field}.name is required for a ${kind === 'LEGAL_PERSON' ? 'legal person' : 'public authority'}`,
        `${field}.name`,
      );
    // A legal person's contact person may be named (tSubjektExterni's optional person); a birth date is personal data it does not need.
    if (input.birthDate?.trim()) throw badInput(`${field}.birthDate is only for natural persons`, `${field}.birthDate`);
  }
  if (input.postalAddress && input.address?.trim()) {
    throw badInput(
      `${field}: give the address in parts (postalAddress) or as one line (address), not both`,
      `${field}.address`,
    );
  }
  let parts: Pick<PartyFields, keyof typeof NO_PARTS | 'address'> = {
    ...NO_PARTS,
    address: optional(input.address, `${field}.address`, MAX_ADDRESS),
  };
  if (input.postalAddress) {
    const a = validatePostalAddress(input.postalAddress, `${field}.postalAddress`);
    parts = {
      street: a.street,
      houseNumber: a.houseNumber,
      orientationNumber: a.orientationNumber,
      addressMunicipality: a.municipality,
      municipalityPart: a.municipalityPart,
      postCode: a.postCode,
      address: formatPostalAddress(a),
    };
  }
  return { kind, name, givenName, familyName, birthDate, ...parts, ...identifiers(input, field) };
}

/** A flat sender or recipient (name, one-line address, box, IČO, e-mail), as documents and shipments have always taken them. */
export interface FlatParty {
  name: string;
  address?: string | null;
  dataBoxId?: string | null;
  ico?: string | null;
  email?: string | null;
}

/**
 * A party from a flat sender or recipient already checked by its caller. Its kind is what the caller knows (ISDS's
 * sender type), else a legal person when it has an IČO and a natural person otherwise; a natural person's name is
 * not split into parts (guessing which word is the family name would be wrong for "Nováková Jana"), so records
 * staff complete them with updateParty.
 */
export function partyFromFlat(flat: FlatParty, kind?: PartyKind | null): PartyFields {
  return {
    kind: kind ?? (flat.ico ? 'LEGAL_PERSON' : 'NATURAL_PERSON'),
    name: flat.name.trim(),
    givenName: null,
    familyName: null,
    birthDate: null,
    ...NO_PARTS,
    address: flat.address?.trim() || null,
    ico: flat.ico?.trim() || null,
    dataBoxId: flat.dataBoxId?.trim() || null,
    email: flat.email?.trim() || null,
  };
}

/**
 * THE dedup rule of the name register: the party with the same IČO, else with the same data box, else with the
 * same name and address (folded: case, diacritics and spacing ignored) that has no other IČO or box than the
 * candidate's. In the caller's municipality only (tenant filter).
 */
export async function findMatchingParty(
  em: SqlEntityManager,
  f: Pick<PartyFields, 'ico' | 'dataBoxId' | 'name' | 'address'>,
  latest = false,
): Promise<Party | null> {
  // `latest`: a locking read, which sees a row committed after this transaction's snapshot (MariaDB's repeatable
  // read would otherwise hide the party a concurrent intake just added, whose IČO or box this insert collided with).
  const options: FindOneOptions<Party> = latest ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {};
  if (f.ico) {
    const byIco = await em.findOne(Party, { ico: f.ico }, options);
    if (byIco) return byIco;
  }
  if (f.dataBoxId) {
    const byBox = await em.findOne(Party, { dataBoxId: f.dataBoxId }, options);
    if (byBox) return byBox;
  }
  const candidates = await em.find(
    Party,
    { matchKey: partyMatchKey(f.name, f.address) },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return (
    candidates.find(
      (p) => (!p.ico || !f.ico || p.ico === f.ico) && (!p.dataBoxId || !f.dataBoxId || p.dataBoxId === f.dataBoxId),
    ) ?? null
  );
}

const creationChanges = (p: Party) => diff({}, p, AUDITED_FIELDS).concat({ name: 'source', old: null, new: p.source });

/** Inserts a party in a savepoint, so a concurrent insert of the same IČO or box undoes only this row. */
async function insertParty(
  tx: SqlEntityManager,
  caller: Caller | null,
  municipalityId: string,
  f: PartyFields,
  source: PartySource,
  now: Date,
): Promise<Party> {
  return tx.transactional(async (savepoint) => {
    const party = savepoint.create(Party, {
      id: randomUUID(),
      municipalityId,
      ...f,
      source,
      createdAt: now,
      createdById: caller?.userId ?? null,
      updatedAt: now,
      updatedById: caller?.userId ?? null,
    } as Party);
    await savepoint.flush();
    return party;
  });
}

/**
 * Fills what the register lacks and the newcomer brings: an IČO or data box the party has none of and no other
 * party holds (ISDS gives a box's IČO; a letter brings the box of someone known by name and address). Nothing is
 * overwritten: a different name or address on a new document is the document's snapshot, not a correction.
 */
async function complete(
  tx: SqlEntityManager,
  caller: Caller | null,
  party: Party,
  f: PartyFields,
  now: Date,
): Promise<void> {
  const before = { ...party };
  if (!party.ico && f.ico && !(await tx.findOne(Party, { ico: f.ico }))) party.ico = f.ico;
  if (!party.dataBoxId && f.dataBoxId && !(await tx.findOne(Party, { dataBoxId: f.dataBoxId })))
    party.dataBoxId = f.dataBoxId;
  if (!party.email && f.email) party.email = f.email;
  if (!party.address && f.address) Object.assign(party, { ...NO_PARTS, address: f.address }, pick(f));
  const changes = diff(before, party, AUDITED_FIELDS);
  if (changes.length === 0) return;
  party.updatedAt = now;
  party.updatedById = caller?.userId ?? null;
  await tx.flush();
  await recordAudit(tx, caller, {
    municipalityId: party.municipalityId,
    eventType: 'Uprava',
    objectType: 'Subjekt',
    objectId: party.id,
    description: `Party ${party.name} completed from a new ${f.dataBoxId || f.ico ? 'delivery' : 'entry'}`,
    changes,
  });
}

/** The address parts of `f` when it has them. */
const pick = (f: PartyFields) =>
  f.houseNumber
    ? {
        street: f.street,
        houseNumber: f.houseNumber,
        orientationNumber: f.orientationNumber,
        addressMunicipality: f.addressMunicipality,
        municipalityPart: f.municipalityPart,
        postCode: f.postCode,
      }
    : {};

/**
 * The party of the name register these details belong to (dedup rule: `findMatchingParty`), completed with what it
 * lacked, or a new one (`Zalozeni` of the Subjekt) with `source`. Call it inside the write's transaction, after its
 * number is allocated (counters first, the audit counter last, as everywhere). `caller` null: the data upgrade.
 */
export async function findOrCreateParty(
  tx: SqlEntityManager,
  caller: Caller | null,
  municipalityId: string,
  f: PartyFields,
  source: PartySource,
  now: Date,
): Promise<Party> {
  const found = await findMatchingParty(tx, f);
  if (found) {
    await complete(tx, caller, found, f, now);
    return found;
  }
  let party: Party;
  try {
    party = await insertParty(tx, caller, municipalityId, f, source, now);
  } catch (e) {
    // Someone added the same IČO or box meanwhile: theirs is the party.
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    const winner = await findMatchingParty(tx, f, true);
    if (!winner) throw e;
    return winner;
  }
  await recordAudit(tx, caller, {
    municipalityId,
    eventType: 'Zalozeni',
    objectType: 'Subjekt',
    objectId: party.id,
    description: `Party ${party.name} added to the name register (${source})`,
    changes: creationChanges(party),
  });
  return party;
}

/** How a write names its sender or recipient: a party of the register, or details to find or add. */
export type PartyChoice = { by: 'id'; id: string } | { by: 'details'; fields: PartyFields; flat: FlatParty | null };

/**
 * Exactly one of a flat value, structured details or a party id (BAD_USER_INPUT naming `field` otherwise);
 * null when none is given. `flatFields` is the flat value already checked by its caller.
 */
export function choosePartyInput(
  field: string,
  given: {
    flat: FlatParty | null;
    flatFields?: PartyFields | null;
    party?: PartyInput | null;
    partyId?: string | null;
  },
  now: Date,
): PartyChoice | null {
  const partyId = given.partyId?.trim() || null;
  const count = [given.flat, given.party, partyId].filter((v) => v != null).length;
  if (count > 1) throw badInput(`Give one of ${field}, ${field}Party or ${field}PartyId`, field);
  if (partyId) return { by: 'id', id: partyId };
  if (given.party) return { by: 'details', fields: validateParty(given.party, `${field}Party`, now), flat: null };
  if (given.flat) return { by: 'details', fields: given.flatFields ?? partyFromFlat(given.flat), flat: given.flat };
  return null;
}

/** The chosen party: one of the caller's municipality (NOT_FOUND otherwise, as for any foreign id), or found or added. */
export async function resolvePartyChoice(
  tx: SqlEntityManager,
  caller: TenantCaller,
  choice: PartyChoice,
  source: PartySource,
  now: Date,
): Promise<Party> {
  if (choice.by === 'id') {
    const party = await tx.findOne(Party, { id: choice.id });
    if (!party) throw notFound('Party', choice.id);
    return party;
  }
  return findOrCreateParty(tx, caller, caller.municipalityId, choice.fields, source, now);
}

export interface PartyResult {
  party: Party;
  auditEventId: string;
}

/** CONFLICT when another party of the municipality already is this one (same IČO, box, or name and address). */
async function assertNotRegistered(em: SqlEntityManager, f: PartyFields, self: string | null): Promise<void> {
  const checks: [string, Party | null][] = [
    ['IČO', f.ico ? await em.findOne(Party, { ico: f.ico, id: { $ne: self ?? '' } }) : null],
    ['data box', f.dataBoxId ? await em.findOne(Party, { dataBoxId: f.dataBoxId, id: { $ne: self ?? '' } }) : null],
  ];
  for (const [what, other] of checks) {
    if (other) throw conflict(`The name register has ${other.name} (${other.id}) with this ${what}`);
  }
  // Without an IČO or a box, the name and address are all that tell two parties apart.
  if (f.ico || f.dataBoxId) return;
  const same = (
    await em.find(Party, { matchKey: partyMatchKey(f.name, f.address), id: { $ne: self ?? '' } }, { limit: 1 })
  )[0];
  if (same) throw conflict(`The name register has ${same.name} (${same.id}) with this name and address`);
}

/** `createParty`: by hand (source MANUAL), refused when the register already has it. */
export async function createParty(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: PartyInput,
  now: Date,
): Promise<PartyResult> {
  const f = validateParty(input, 'input', now);
  return inTransaction(em, async (tx) => {
    await assertNotRegistered(tx, f, null);
    let party: Party;
    try {
      party = await insertParty(tx, caller, caller.municipalityId, f, 'MANUAL', now);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('The name register has a party with this IČO or data box');
      throw e;
    }
    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Subjekt',
      objectId: party.id,
      description: `Party ${party.name} added to the name register`,
      changes: creationChanges(party),
    });
    return { party, auditEventId: event.id };
  });
}

/**
 * `updateParty`: replaces the details (the input is the whole party), `Uprava` with old and new values, so the
 * audit trail is the party's history. Documents and shipments keep their snapshots: what was registered stays.
 */
export async function updateParty(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: PartyInput,
  now: Date,
): Promise<PartyResult> {
  const f = validateParty(input, 'input', now);
  return inTransaction(em, async (tx) => {
    const party = await tx.findOne(Party, { id }, { refresh: true });
    if (!party) throw notFound('Party', id);
    await assertNotRegistered(tx, f, party.id);
    const before = { ...party };
    Object.assign(party, f, { updatedAt: now, updatedById: caller.userId });
    try {
      await tx.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('The name register has another party with this IČO or data box');
      throw e;
    }
    const event = await recordAudit(tx, caller, {
      municipalityId: party.municipalityId,
      eventType: 'Uprava',
      objectType: 'Subjekt',
      objectId: party.id,
      description: `Party ${party.name} updated`,
      changes: diff(before, party, AUDITED_FIELDS),
    });
    return { party, auditEventId: event.id };
  });
}
