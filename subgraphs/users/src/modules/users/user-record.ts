import { Role, type Caller } from '@hub/kit';
import type { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';

/** What the GraphQL `User` type is resolved from: a municipality's user or a platform operator. */
export type UserRecord = User | PlatformOperator;

/**
 * A class check, not a property check: a `User` has every property of a `PlatformOperator`, so only the
 * class tells them apart (both are loaded as class instances by MikroORM).
 */
export const isTenantUser = (r: UserRecord): r is User => r instanceof User;

export const rolesOf = (r: UserRecord): Role[] => (isTenantUser(r) ? r.roles : [Role.PLATFORM_ADMIN]);

export const municipalityIdOf = (r: UserRecord): string | null => (isTenantUser(r) ? r.municipalityId : null);

/** The identity a signed-in user carries in the access token. */
export function callerOf(r: UserRecord): Caller {
  return {
    userId: r.id,
    login: r.login,
    municipalityId: municipalityIdOf(r),
    roles: rolesOf(r),
    orgUnitId: isTenantUser(r) ? r.orgUnitId : null,
  };
}
