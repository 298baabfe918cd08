import { EntitySchema } from '@mikro-orm/core';

/**
 * A platform operator (správce platformy, ORP IT): holds PLATFORM_ADMIN and belongs to no municipality.
 * Kept apart from `User` because every tenant-owned row must carry a tenant; this table has no
 * `municipalityId`, so the tenant filter does not apply to it.
 */
export class PlatformOperator {
  id!: string;
  login!: string;
  name!: string;
  passwordHash!: string;
  active!: boolean;
  createdAt!: Date;
}

export const PlatformOperatorSchema = new EntitySchema<PlatformOperator>({
  class: PlatformOperator,
  tableName: 'platform_operator',
  properties: {
    id: { type: 'uuid', primary: true },
    login: { type: 'string', length: 64, unique: true },
    name: { type: 'string', length: 200 },
    passwordHash: { type: 'string', length: 200 },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', length: 3 },
  },
});
