import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, diff, inTransaction, notFound, recordAudit, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { CreateDocumentKindInput, UpdateDocumentKindInput } from '../../generated/graphql';
import { municipalitySource, validateIdentifier } from '../filing-plans/identifiers';
import { DocumentKind } from './document-kind.entity';

/**
 * The vocabulary of document kinds (druhy dokumentů, NSESSS `tDruhDokumentu`) of a municipality. Records managers
 * keep it; everybody of the municipality reads it. Kinds are never deleted (documents point at them): a kind no
 * longer wanted is made inactive and takes no new documents.
 */

const AUDITED: (keyof DocumentKind)[] = [
  'identifierValue',
  'identifierSource',
  'name',
  'comment',
  'isDefault',
  'active',
];
const MAX_NAME = 100;
const MAX_COMMENT = 500;

/** The standard set every municipality starts with: [identifier value, name (Czech, as the SIP shows it), comment]. */
export const STANDARD_KINDS: [string, string, string | null][] = [
  ['ZADOST', 'Žádost', 'Podání, jímž se někdo na obec obrací (žádost, návrh)'],
  ['ROZHODNUTI', 'Rozhodnutí', 'Rozhodnutí ve správním řízení'],
  ['SMLOUVA', 'Smlouva', 'Smlouvy, dodatky, objednávky'],
  ['FAKTURA', 'Faktura', 'Účetní doklady: faktury přijaté i vydané'],
  ['STIZNOST', 'Stížnost', 'Stížnosti, petice, podněty'],
  ['OZNAMENI', 'Oznámení', 'Oznámení, vyrozumění, informace'],
  ['OSTATNI', 'Ostatní', 'Dokument, jehož druh nebyl určen'],
];
/** The standard kind a document gets when none is given. */
export const DEFAULT_KIND_VALUE = 'OSTATNI';

/**
 * Creates the standard set for the EntityManager's municipality if it has no kinds yet, each with its `Zalozeni`
 * (actor `caller`, null: the system). Returns the kinds created (none when it had some). Call inside a transaction.
 */
export async function ensureStandardKinds(
  tx: SqlEntityManager,
  municipalityId: string,
  caller: TenantCaller | null,
  description: string,
): Promise<DocumentKind[]> {
  if ((await tx.count(DocumentKind, {})) > 0) return [];
  const source = await municipalitySource(tx, municipalityId);
  const now = new Date();
  const kinds = STANDARD_KINDS.map(([value, name, comment]) =>
    tx.create(DocumentKind, {
      id: randomUUID(),
      municipalityId,
      identifierValue: value,
      identifierSource: source,
      name,
      comment,
      isDefault: value === DEFAULT_KIND_VALUE,
      active: true,
      createdAt: now,
    }),
  );
  await tx.flush();
  for (const k of kinds) {
    await recordAudit(tx, caller, {
      municipalityId,
      eventType: 'Zalozeni',
      objectType: 'DruhDokumentu',
      objectId: k.id,
      description: `${description}: ${k.name}`,
      changes: diff({}, k, AUDITED),
    });
  }
  return kinds;
}

export function findDocumentKinds(em: SqlEntityManager, includeInactive: boolean): Promise<DocumentKind[]> {
  return em.find(DocumentKind, includeInactive ? {} : { active: true }, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

/** The kind a new document gets: `kindId` if given (of this municipality and active), else the default. */
export async function kindForDocument(tx: SqlEntityManager, kindId: string | null | undefined): Promise<string | null> {
  if (kindId) {
    const kind = await tx.findOne(DocumentKind, { id: kindId });
    if (!kind) throw notFound('DocumentKind', kindId);
    if (!kind.active) throw conflict(`Document kind ${kind.name} is inactive and takes no new documents`);
    return kind.id;
  }
  return (await tx.findOne(DocumentKind, { isDefault: true, active: true }))?.id ?? null;
}

function text(value: string, max: number, field: string): string {
  const t = value.trim();
  if (t.length === 0 || t.length > max) throw badInput(`${field} must be 1–${max} characters`, field);
  return t;
}

const optionalText = (value: string | null | undefined, max: number, field: string) =>
  value == null || value.trim() === '' ? null : text(value, max, field);

/** Duplicate names and identifiers are CONFLICT, also when a concurrent request wins the race to the unique index. */
async function flushKind(tx: SqlEntityManager, kind: DocumentKind): Promise<void> {
  try {
    const clash = await tx.findOne(DocumentKind, {
      id: { $ne: kind.id },
      $or: [{ name: kind.name }, { identifierSource: kind.identifierSource, identifierValue: kind.identifierValue }],
    });
    if (clash)
      throw conflict(
        `Another document kind already has the ${clash.name === kind.name ? `name ${kind.name}` : `identifier ${kind.identifierValue}`}`,
      );
    await tx.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      throw conflict('Another document kind has this name or identifier');
    throw e;
  }
}

/** Only one default: making a kind the default takes the mark from the previous one (audited too). */
async function takeDefault(tx: SqlEntityManager, caller: TenantCaller, kind: DocumentKind): Promise<void> {
  for (const other of await tx.find(DocumentKind, { isDefault: true, id: { $ne: kind.id } })) {
    other.isDefault = false;
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'DruhDokumentu',
      objectId: other.id,
      description: `Document kind ${other.name} is no longer the default`,
      changes: [{ name: 'isDefault', old: 'true', new: 'false' }],
    });
  }
}

/** `createDocumentKind` (records managers): a new kind; the identifier defaults to `<DRUH-n>` of the municipality's source. */
export async function createDocumentKind(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateDocumentKindInput,
  now: Date,
): Promise<DocumentKind> {
  const name = text(input.name, MAX_NAME, 'name');
  const comment = optionalText(input.comment, MAX_COMMENT, 'comment');
  return inTransaction(em, async (tx) => {
    const source = await municipalitySource(tx, caller.municipalityId);
    const id = randomUUID();
    const identifier = input.identifier
      ? validateIdentifier(input.identifier, source, 'identifier')
      : { value: `DRUH-${id.slice(0, 8).toUpperCase()}`, source };
    const kind = tx.create(DocumentKind, {
      id,
      municipalityId: caller.municipalityId,
      identifierValue: identifier.value,
      identifierSource: identifier.source,
      name,
      comment,
      isDefault: input.isDefault ?? false,
      active: true,
      createdAt: now,
    });
    await flushKind(tx, kind);
    if (kind.isDefault) await takeDefault(tx, caller, kind);
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'DruhDokumentu',
      objectId: kind.id,
      description: `Document kind ${kind.name} created`,
      changes: diff({}, kind, AUDITED),
    });
    return kind;
  });
}

/** `updateDocumentKind` (records managers): name, comment, active, default. The default cannot be made inactive. */
export async function updateDocumentKind(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: UpdateDocumentKindInput,
): Promise<DocumentKind> {
  const name = input.name == null ? undefined : text(input.name, MAX_NAME, 'name');
  const comment = input.comment === undefined ? undefined : optionalText(input.comment, MAX_COMMENT, 'comment');
  if (input.isDefault === false) throw badInput('Make another kind the default instead', 'isDefault');
  return inTransaction(em, async (tx) => {
    const kind = await tx.findOne(DocumentKind, { id });
    if (!kind) throw notFound('DocumentKind', id);
    const before = { ...kind };
    if (name !== undefined) kind.name = name;
    if (comment !== undefined) kind.comment = comment;
    if (input.active != null) kind.active = input.active;
    if (input.isDefault) kind.isDefault = true;
    if (kind.isDefault && !kind.active)
      throw conflict(`Document kind ${kind.name} is the default and cannot be inactive`);
    const changes = diff(before, kind, AUDITED);
    if (changes.length === 0) return kind;
    await flushKind(tx, kind);
    if (kind.isDefault && !before.isDefault) await takeDefault(tx, caller, kind);
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'DruhDokumentu',
      objectId: kind.id,
      description: `Document kind ${kind.name} changed`,
      changes,
    });
    return kind;
  });
}
