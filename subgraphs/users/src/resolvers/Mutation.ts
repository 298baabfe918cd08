import type { MutationResolvers } from '../generated/graphql';
import { signIn } from '../modules/users/login';
import { createUser, disableUser } from '../modules/users/user-admin';

export const Mutation: MutationResolvers = {
  login: (_, { login, password }, ctx) => signIn(ctx, login, password),
  createUser: (_, { input }, ctx) => createUser(ctx, input),
  disableUser: (_, { id }, ctx) => disableUser(ctx, id),
};
