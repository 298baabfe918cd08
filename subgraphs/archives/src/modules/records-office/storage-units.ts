import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, inTransaction, notFound, recordAudit, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { validText } from './common';
import { STORAGE_UNIT_KINDS, StorageUnit, type StorageUnitKind } from './storage-unit.entity';

export interface CreateStorageUnitInput {
  kind: StorageUnitKind;
  name: string;
  parentId?: string | null;
}

const rank = (kind: StorageUnitKind) => STORAGE_UNIT_KINDS.indexOf(kind);

/**
 * A new storage unit. A building stands alone; anything else lies in a larger unit (a box on a shelf or directly
 * in a room, a shelf in a room, a room in a building). Names are unique among a unit's children. Audit `Zalozeni`
 * on the `UkladaciJednotka`.
 */
export async function createStorageUnit(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateStorageUnitInput,
  now: Date,
): Promise<StorageUnit> {
  const name = validText(input.name, 'name', 200, true)!;
  if (!STORAGE_UNIT_KINDS.includes(input.kind))
    throw badInput(`kind must be one of ${STORAGE_UNIT_KINDS.join(', ')}`, 'kind');
  if (input.kind === 'BUILDING' && input.parentId)
    throw badInput('A building lies in no other storage unit', 'parentId');
  if (input.kind !== 'BUILDING' && !input.parentId)
    throw badInput(`A ${input.kind.toLowerCase()} lies in a larger storage unit: give its parentId`, 'parentId');
  return inTransaction(em, async (tx) => {
    const parent = input.parentId ? await tx.findOne(StorageUnit, { id: input.parentId }) : null;
    if (input.parentId && !parent) throw notFound('StorageUnit', input.parentId);
    if (parent && rank(parent.kind) >= rank(input.kind))
      throw conflict(`A ${input.kind.toLowerCase()} cannot lie in a ${parent.kind.toLowerCase()}`);
    const siblings = await tx.find(StorageUnit, { parentId: parent?.id ?? null });
    if (siblings.some((s) => s.name.toLocaleLowerCase('cs') === name.toLocaleLowerCase('cs'))) {
      throw conflict(
        `There is already a storage unit named ${name} ${parent ? `in ${parent.name}` : 'at the top level'}`,
      );
    }
    const id = randomUUID();
    const unit = tx.create(StorageUnit, {
      id,
      municipalityId: caller.municipalityId,
      kind: input.kind,
      name,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      createdAt: now,
      createdById: caller.userId,
    });
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'UkladaciJednotka',
      objectId: unit.id,
      description: `Storage unit ${name} created`,
      changes: [
        { name: 'kind', old: null, new: unit.kind },
        { name: 'name', old: null, new: name },
        { name: 'parentId', old: null, new: unit.parentId },
      ],
    });
    return unit;
  });
}

/** The unit and its ancestors, from the building down (ids from its path; one query). */
export async function unitTrail(em: SqlEntityManager, unit: StorageUnit): Promise<StorageUnit[]> {
  const ids = unit.path.split('/').filter(Boolean);
  const rows = await em.find(StorageUnit, { id: { $in: ids } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((u): u is StorageUnit => !!u);
}
