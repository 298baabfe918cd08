import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type UsersContext } from './context';
import { ApiClientSchema } from './modules/users/api-client.entity';
import { PlatformOperatorSchema } from './modules/users/platform-operator.entity';
import { UserSchema } from './modules/users/user.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

/** The users subgraph: who may sign in, with which roles, in which municipality; issues access tokens. */
export const users: SubgraphDefinition<UsersContext> = {
  name: 'users',
  typeDefs: loadSchema('users'),
  resolvers,
  entities: [UserSchema, PlatformOperatorSchema, ApiClientSchema],
  migrations,
  createContext,
  seedDemo,
};
