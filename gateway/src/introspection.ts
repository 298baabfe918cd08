import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, HubError, type Caller } from '@hub/kit/gateway';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';

/**
 * Who may read the schema through introspection (`__schema`, `__type`) — HUB_INTROSPECTION:
 * - `all`: everyone, anonymous callers included (development);
 * - `authenticated`: callers with a valid token only (the default under NODE_ENV=production, so `npm start`);
 * - `off`: nobody.
 * Field suggestions in error messages ("Did you mean …?") go to exactly the callers who may introspect: they
 * reveal nothing the schema would not, and to the others they would reveal the schema name by name.
 */
export type IntrospectionMode = 'all' | 'authenticated' | 'off';

const MODES: readonly IntrospectionMode[] = ['all', 'authenticated', 'off'];

export function introspectionModeFromEnv(env: NodeJS.ProcessEnv = process.env): IntrospectionMode {
  const raw = env.HUB_INTROSPECTION;
  if (raw === undefined || raw === '') return env.NODE_ENV === 'production' ? 'authenticated' : 'all';
  if (!(MODES as readonly string[]).includes(raw))
    throw new Error(`HUB_INTROSPECTION must be one of ${MODES.join(', ')}, not "${raw}"`);
  return raw as IntrospectionMode;
}

export const mayIntrospect = (mode: IntrospectionMode, caller: Caller | null | undefined) =>
  mode === 'all' || (mode === 'authenticated' && !!caller);

export const INTROSPECTION_NEEDS_SIGN_IN =
  'Introspection is available to signed-in callers only on this hub: send a valid token';

/** graphql-js's suggestion sentences: ` Did you mean "a", "b", or "c"?`, ` Did you mean the enum value "X"?`. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Removes graphql's "Did you mean …?" suggestions from a message. */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

/**
 * Apollo options for `mode`. `off` uses Apollo's own switch (`introspection: false`: a validation rule for
 * everyone). `authenticated` keeps it on and refuses anonymous introspection once the operation is known,
 * with graphql-js's NoSchemaIntrospectionCustomRule, before anything is executed.
 *
 * graphql-armor's block-field-suggestions was not used: it masks for every caller alike (no per-caller switch)
 * and its pattern misses graphql's enum suggestions (`Did you mean the enum value "DRAFT"?`).
 */
export function introspectionOptions(mode: IntrospectionMode) {
  const plugin: ApolloServerPlugin<{ caller?: Caller | null }> = {
    async requestDidStart({ contextValue }) {
      const allowed = mayIntrospect(mode, contextValue.caller);
      return {
        async didResolveOperation(ctx) {
          if (allowed || mode === 'off' || !ctx.document) return;
          if (validate(ctx.schema, ctx.document, [NoSchemaIntrospectionCustomRule]).length) {
            throw new HubError(ErrorCode.UNAUTHENTICATED, INTROSPECTION_NEEDS_SIGN_IN, { http: { status: 401 } });
          }
        },
        async didEncounterErrors(ctx) {
          if (allowed) return;
          for (const error of ctx.errors) hideSuggestions(error);
        },
      };
    },
  };
  return { introspection: mode !== 'off', plugins: [plugin] };
}

function hideSuggestions(error: GraphQLError) {
  if (error.message.includes('Did you mean')) error.message = withoutSuggestions(error.message);
  // Apollo wraps validation and coercion errors: the message a client sees is the wrapper's, but hide the
  // original's too so that no later formatting can bring it back.
  const original = error.originalError;
  if (original && original !== error && original.message.includes('Did you mean'))
    original.message = withoutSuggestions(original.message);
}
