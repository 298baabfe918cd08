import type { QueryResolvers } from '../generated/graphql';
import { listApiClients } from '../modules/users/api-clients';
import { currentUser, findColleague, listColleagues, listPlatformActions } from '../modules/users/directory';

export const Query: QueryResolvers = {
  me: (_, __, ctx) => currentUser(ctx),
  apiClients: (_, __, ctx) => listApiClients(ctx),
  users: (_, { includeDisabled }, ctx) => listColleagues(ctx, includeDisabled ?? false),
  user: (_, { id }, ctx) => findColleague(ctx, id),
  platformActions: (_, __, ctx) => listPlatformActions(ctx),
};
