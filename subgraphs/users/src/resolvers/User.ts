import { requireCaller } from '@hub/kit';
import type { UserResolvers } from '../generated/graphql';
import { findUserRecord } from '../modules/users/directory';
import { isTenantUser, municipalityIdOf, rolesOf } from '../modules/users/user-record';

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => {
    requireCaller(ctx);
    return findUserRecord(ctx, ref.id);
  },
  roles: (u) => rolesOf(u),
  municipality: (u) => {
    const id = municipalityIdOf(u);
    return id ? { __typename: 'Municipality', id } : null;
  },
  orgUnit: (u) => (isTenantUser(u) && u.orgUnitId ? { __typename: 'OrgUnit', id: u.orgUnitId } : null),
};
