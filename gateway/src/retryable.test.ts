import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  HOST,
  RequestError,
  closeServer,
  createHttpServer,
  listen,
  maskError,
  readJsonBody,
  serveGraphQL,
} from '@hub/kit/gateway';
import { ErrorCode, TIMEOUT_MESSAGE, runWithinBudget } from '@hub/kit';
import { testKeys } from '@hub/kit/testing';
import { parse } from 'graphql';
import { startGateway, type RunningGateway } from './index';
import { post } from './test-helpers';

/**
 * A subgraph that refuses whole requests the way the real ones do (kit/http.ts, kit/budget.ts): `{ slow }` runs over
 * its time budget (HTTP 504, TIMEOUT), `{ down }` hits an unreachable database before Apollo runs (HTTP 503,
 * SERVICE_UNAVAILABLE, Retry-After). The gateway must hand both codes on, with the retry hint, not mask them.
 */
async function refusingSubgraph() {
  const typeDefs =
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { slow: String down: String }';
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(typeDefs),
        resolvers: {
          Query: { slow: async () => new Promise((r) => setTimeout(() => r('late'), 2_000).unref()), down: () => 'up' },
        } as never,
      },
    ]),
    formatError: (f, e) => maskError(f, e),
  });
  await apollo.start();
  const http = createHttpServer({
    health: async () => undefined,
    graphql: async (req, res) => {
      const body = (await readJsonBody(req, 1 << 20)) as { query: string };
      if (body.query.includes('down'))
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 });
      await runWithinBudget(
        200,
        () => serveGraphQL(apollo, req, res, body, async () => ({})),
        () => new RequestError(ErrorCode.TIMEOUT, TIMEOUT_MESSAGE),
      );
    },
  });
  const port = await listen(http, 0, HOST);
  return {
    url: `http://${HOST}:${port}/graphql`,
    typeDefs,
    stop: async () => (await closeServer(http), await apollo.stop()),
  };
}

describe('gateway: a subgraph refusing a request as a whole (503, 504)', () => {
  let sub: Awaited<ReturnType<typeof refusingSubgraph>>;
  let gw: RunningGateway;
  beforeAll(async () => {
    sub = await refusingSubgraph();
    const composed = composeServices([{ name: 'users', url: sub.url, typeDefs: parse(sub.typeDefs) }]);
    const keys = testKeys();
    gw = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      supergraphSdl: composed.supergraphSdl!,
      subgraphUrls: { users: sub.url },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await sub?.stop();
  });

  it('hands on TIMEOUT from a subgraph over its time budget', async () => {
    const started = Date.now();
    const r = await post(gw.url, '{ slow }');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ message: TIMEOUT_MESSAGE, extensions: { code: 'TIMEOUT' } }),
    ]);
  });

  it('hands on SERVICE_UNAVAILABLE with retryAfter from a subgraph whose database is unreachable, without its details', async () => {
    const r = await post(gw.url, '{ down }');
    expect(r.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 } }),
    ]);
    expect(r.text).not.toMatch(/ECONNREFUSED|3306/);
  });
});
