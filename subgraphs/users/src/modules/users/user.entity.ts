import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@hub/kit';

/**
 * A user (uživatel) of one municipality. Tenant-owned: the kit's tenant filter limits every query to the
 * caller's municipality and its write guard refuses rows of other municipalities.
 */
export class User {
  id!: string;
  municipalityId!: string;
  /** Unique across all municipalities and platform operators: it is what a person signs in with. */
  login!: string;
  name!: string;
  /** scrypt hash from the kit's `hashPassword`; never leaves this subgraph. */
  passwordHash!: string;
  roles!: Role[];
  orgUnitId!: string | null;
  /** False once disabled: the user can no longer sign in, but stays for the audit trail. */
  active!: boolean;
  createdAt!: Date;
  disabledAt!: Date | null;
  /**
   * Set while the password is a one-time password (from `resetTenantAdmin`): it signs in once, until then.
   * Cleared by `changePassword`.
   */
  oneTimePasswordExpiresAt?: Date | null;
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  // `user` is a reserved word in SQL; a distinct table name avoids quoting surprises.
  tableName: 'user_account',
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid', index: true },
    login: { type: 'string', length: 64, unique: true },
    name: { type: 'string', length: 200 },
    passwordHash: { type: 'string', length: 200 },
    roles: { type: 'json' },
    orgUnitId: { type: 'uuid', nullable: true },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', length: 3 },
    disabledAt: { type: 'datetime', length: 3, nullable: true },
    oneTimePasswordExpiresAt: { type: 'datetime', length: 3, nullable: true },
  },
});
