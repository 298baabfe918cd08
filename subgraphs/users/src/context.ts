import { byIdLoader, type SubgraphContext } from '@hub/kit';
import { ApiClient } from './modules/users/api-client.entity';
import { PlatformOperator } from './modules/users/platform-operator.entity';
import { User } from './modules/users/user.entity';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    loaders: {
      /** Users of the caller's municipality only (tenant filter); not for callers without a tenant. */
      user: byIdLoader(base.em, User),
      platformOperator: byIdLoader(base.em, PlatformOperator),
      /** API clients of the caller's municipality only (tenant filter). */
      apiClient: byIdLoader(base.em, ApiClient),
    },
  };
}

export type UsersContext = ReturnType<typeof createContext>;
