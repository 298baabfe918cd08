import type { MutationResolvers } from '../generated/graphql';
import {
  createApiClient,
  createBackupClient,
  revokeApiClient,
  revokeBackupClient,
  rotateApiClientSecret,
  rotateBackupClientSecret,
} from '../modules/users/api-clients';
import { signIn, signInApiClient } from '../modules/users/login';
import { changePassword } from '../modules/users/passwords';
import { createUser, disableUser, resetTenantAdmin } from '../modules/users/user-admin';

export const Mutation: MutationResolvers = {
  login: (_, { login, password }, ctx) => signIn(ctx, login, password),
  createUser: (_, { input }, ctx) => createUser(ctx, input),
  disableUser: (_, { id }, ctx) => disableUser(ctx, id),
  resetTenantAdmin: (_, { input }, ctx) => resetTenantAdmin(ctx, input),
  changePassword: (_, { currentPassword, newPassword }, ctx) => changePassword(ctx, currentPassword, newPassword),
  createApiClient: (_, { input }, ctx) => createApiClient(ctx, input),
  rotateApiClientSecret: (_, { id }, ctx) => rotateApiClientSecret(ctx, id),
  revokeApiClient: (_, { id }, ctx) => revokeApiClient(ctx, id),
  createBackupClient: (_, { municipalityId, name }, ctx) => createBackupClient(ctx, municipalityId, name),
  rotateBackupClientSecret: (_, { id }, ctx) => rotateBackupClientSecret(ctx, id),
  revokeBackupClient: (_, { id }, ctx) => revokeBackupClient(ctx, id),
  loginApiClient: (_, { clientId, secret }, ctx) => signInApiClient(ctx, clientId, secret),
};
