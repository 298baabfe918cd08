import { EntitySchema } from '@mikro-orm/core';

/** Kinds of storage units (ukládací jednotka), from the largest: a box stands on a shelf in a room of a building. */
export type StorageUnitKind = 'BUILDING' | 'ROOM' | 'SHELF' | 'BOX';
export const STORAGE_UNIT_KINDS: readonly StorageUnitKind[] = ['BUILDING', 'ROOM', 'SHELF', 'BOX'];

/**
 * A storage unit of the records office (ukládací jednotka, TrP object `UkladaciJednotka`): a building, a room, a
 * shelf or a box, in a hierarchy. Tenant-owned. Units are never moved, so each keeps the ids of its ancestors and
 * itself as `path` (`/building/room/shelf/box/`), and an entity placed in it keeps that path: "everything in this
 * room" is one indexed prefix match.
 */
export class StorageUnit {
  id!: string;
  municipalityId!: string;
  kind!: StorageUnitKind;
  name!: string;
  parentId!: string | null;
  path!: string;
  createdAt!: Date;
  createdById!: string;
}

export const StorageUnitSchema = new EntitySchema<StorageUnit>({
  class: StorageUnit,
  tableName: 'storage_unit',
  indexes: [{ properties: ['municipalityId', 'parentId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    kind: { type: 'string', length: 10 },
    name: { type: 'string', length: 200 },
    parentId: { type: 'uuid', nullable: true },
    path: { type: 'string', length: 160 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
  },
});
