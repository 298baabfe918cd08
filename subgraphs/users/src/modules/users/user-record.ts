import { Role, type Caller } from '@hub/kit';
import { ApiClient } from './api-client.entity';
import type { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';

/**
 * What the GraphQL `User` type is resolved from: a municipality's user, a platform operator, or an API
 * client (a service account, so that audit actors and the gateway's account check work for it unchanged).
 */
export type UserRecord = User | PlatformOperator | ApiClient;

/**
 * A class check, not a property check: a `User` has every property of a `PlatformOperator`, so only the
 * class tells them apart (all are loaded as class instances by MikroORM).
 */
export const isTenantUser = (r: UserRecord): r is User => r instanceof User;

export const isApiClient = (r: UserRecord): r is ApiClient => r instanceof ApiClient;

export const rolesOf = (r: UserRecord): Role[] => (isTenantUser(r) || isApiClient(r) ? r.roles : [Role.PLATFORM_ADMIN]);

export const municipalityIdOf = (r: UserRecord): string | null =>
  isTenantUser(r) || isApiClient(r) ? r.municipalityId : null;

/** The identity a signed-in user (or API client) carries in the access token. */
export function callerOf(r: UserRecord): Caller {
  return {
    userId: r.id,
    login: r.login,
    name: r.name,
    municipalityId: municipalityIdOf(r),
    roles: rolesOf(r),
    orgUnitId: isTenantUser(r) ? r.orgUnitId : null,
  };
}
