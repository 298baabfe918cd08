// Shared by the gateway tests: HTTP helpers and small fake subgraphs behind the kit's HTTP layer.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  CALLER_HEADER,
  ErrorCode,
  GRAPHQL_ROUTE,
  HOST,
  RequestError,
  closeServer,
  createHttpServer,
  listen,
  readJsonBody,
  serveGraphQL,
  verifyCallerAssertion,
  type Caller,
  type CallerVerificationKeys,
} from '@hub/kit/gateway';
import { createServer, type IncomingMessage } from 'node:http';
import { parse } from 'graphql';

export interface GqlResponse {
  status: number;
  text: string;
  body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[] };
}

export async function post(
  url: string,
  query: string,
  headers: Record<string, string> = {},
  variables?: object,
): Promise<GqlResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A loopback port nothing listens on (connections are refused). */
export async function deadPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s, 0, HOST);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A subgraph like the real ones at the HTTP level: refuses requests without a valid caller assertion for `name`. */
export async function fakeSubgraph(
  typeDefs: string,
  resolvers: object,
  keys: CallerVerificationKeys,
  name: string,
  onRequest?: (req: IncomingMessage) => void,
) {
  const apollo = new ApolloServer<{ caller: Caller | null }>({
    schema: buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: resolvers as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const http = createHttpServer({
    health: async () => undefined,
    graphql: async (req, res) => {
      onRequest?.(req);
      const header = req.headers[CALLER_HEADER];
      const call = await verifyCallerAssertion(Array.isArray(header) ? header[0] : header, keys, {
        subgraph: name,
        route: GRAPHQL_ROUTE,
      });
      if (call === undefined)
        throw new RequestError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
      const body = await readJsonBody(req, 1024 * 1024);
      await serveGraphQL(apollo, req, res, body, async () => ({
        caller: call.caller,
        clientAddress: call.clientAddress,
      }));
    },
  });
  const port = await listen(http, 0, HOST);
  return {
    url: `http://${HOST}:${port}/graphql`,
    typeDefs,
    async stop() {
      await closeServer(http);
      await apollo.stop();
    },
  };
}

/** What the gateway's account check asks the users subgraph: every account here is active. */
export const ACTIVE_USERS_SDL = 'type User @key(fields: "id") { id: ID! active: Boolean! }';
export const activeUsersResolvers = {
  User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, active: true }) },
};

/** A users subgraph that only answers the account check. */
export function fakeActiveUsers(keys: CallerVerificationKeys) {
  return fakeSubgraph(
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) ${ACTIVE_USERS_SDL} type Query { _unused: String }`,
    activeUsersResolvers,
    keys,
    'users',
  );
}
