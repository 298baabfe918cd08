import { loadSchema, logger, timeJob, type SubgraphDefinition } from '@hub/kit';
import { createContext, type UsersContext } from './context';
import { ApiClientSchema } from './modules/users/api-client.entity';
import { PlatformOperatorSchema } from './modules/users/platform-operator.entity';
import { UserSchema } from './modules/users/user.entity';
import { deleteExpiredCounters } from './modules/sign-in/db-rate-limiter';
import { ThrottleCounterSchema } from './modules/sign-in/throttle-counter.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

/** The users subgraph: who may sign in, with which roles, in which municipality; issues access tokens. */
export const users: SubgraphDefinition<UsersContext> = {
  name: 'users',
  typeDefs: loadSchema('users'),
  resolvers,
  entities: [UserSchema, PlatformOperatorSchema, ApiClientSchema, ThrottleCounterSchema],
  migrations,
  createContext,
  seedDemo,
  background: (orm) => {
    // Sign-in counters whose window has ended are worth nothing; without this, every guessed login would stay a row.
    const timer = setInterval(() => {
      timeJob('users', 'sign-in-counter-cleanup', () => deleteExpiredCounters(orm.em.fork())).catch((e) =>
        logger.child({ component: 'sign-in-throttle' }).warn({ err: e }, 'could not delete expired counters'),
      );
    }, 10 * 60_000);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  },
};
