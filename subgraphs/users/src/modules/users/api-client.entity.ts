import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@hub/kit';

/**
 * A service account of an office app (the ISDS connector, an agenda system): signs in with a secret instead
 * of a person's password and acts under its own login. Tenant-owned, like `User`: the tenant filter limits
 * every query to the caller's municipality and the write guard refuses rows of others.
 */
export class ApiClient {
  /** Also the client id the app signs in with. */
  id!: string;
  municipalityId!: string;
  name!: string;
  /** `api.<slug of the name>`; unique across users, platform operators and API clients. */
  login!: string;
  roles!: Role[];
  /** scrypt hash (kit `hashPassword`) of the current secret; the secret itself is never stored. */
  secretHash!: string;
  /** False once revoked: cannot sign in, and the gateway's account check refuses its tokens. */
  active!: boolean;
  createdAt!: Date;
  createdById!: string;
  rotatedAt!: Date | null;
  revokedAt!: Date | null;
}

export const ApiClientSchema = new EntitySchema<ApiClient>({
  class: ApiClient,
  tableName: 'api_client',
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid', index: true },
    name: { type: 'string', length: 100 },
    login: { type: 'string', length: 64, unique: true },
    roles: { type: 'json' },
    secretHash: { type: 'string', length: 200 },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
    rotatedAt: { type: 'datetime', length: 3, nullable: true },
    revokedAt: { type: 'datetime', length: 3, nullable: true },
  },
});
