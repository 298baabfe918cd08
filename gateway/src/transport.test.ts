import { composeServices } from '@apollo/composition';
import { HOST, Role, closeServer, issueAccessToken, listen } from '@hub/kit';
import { testCaller, testKeys } from '@hub/kit/testing';
import { parse } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SERVICE_UNAVAILABLE_MESSAGE, startGateway, type RunningGateway } from './index';
import { ACTIVE_USERS_SDL, activeUsersResolvers, bearer, fakeSubgraph, post } from './test-helpers';
import { SubgraphTimeoutError, createSubgraphTransport, transportOptionsFromEnv } from './transport';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Polls `cond` until true or `ms` passed. */
async function until(cond: () => boolean, ms = 3_000) {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await sleep(20);
  return cond();
}

/** An HTTP server that answers `{"ok":n}` after `?ms=` milliseconds (or never: `?ms=never`) and records its sockets. */
async function slowServer() {
  const sockets = new Set<Socket>();
  let open = 0;
  let maxOpen = 0;
  const server: Server = createServer((req, res) => {
    const ms = new URL(req.url!, 'http://x').searchParams.get('ms');
    req.resume();
    req.on('end', () => {
      if (ms === 'never') return;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('keep-alive', 'timeout=65');
        res.end(JSON.stringify({ ok: Number(ms) }));
      }, Number(ms));
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    maxOpen = Math.max(maxOpen, ++open);
    s.on('close', () => {
      open--;
      sockets.delete(s);
    });
  });
  const port = await listen(server, 0, HOST);
  return {
    url: `http://${HOST}:${port}/graphql`,
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
    get connections() {
      return sockets.size;
    },
    stop: () => {
      for (const s of sockets) s.destroy();
      return closeServer(server);
    },
  };
}

describe('subgraph transport (undici pool)', () => {
  let server: Awaited<ReturnType<typeof slowServer>>;
  beforeAll(async () => {
    server = await slowServer();
  });
  afterAll(() => server?.stop());

  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

  it('fails one request that gets no answer within the timeout, not the others', async () => {
    const t = createSubgraphTransport(server.url, { connections: 4, idleTimeoutMs: 1_000, requestTimeoutMs: 300 });
    try {
      const started = Date.now();
      const [hung, fine] = await Promise.allSettled([
        t.fetcher(`${server.url}?ms=never`, post),
        t.fetcher(`${server.url}?ms=50`, post),
      ]);
      expect(hung.status).toBe('rejected');
      expect((hung as PromiseRejectedResult).reason).toBeInstanceOf(SubgraphTimeoutError);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(fine.status).toBe('fulfilled');
      const res = (fine as PromiseFulfilledResult<Awaited<ReturnType<typeof t.fetcher>>>).value;
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/json');
      expect(await res.json()).toEqual({ ok: 50 });
    } finally {
      await t.close();
    }
  });

  it('opens at most `connections` sockets and reuses them', async () => {
    const t = createSubgraphTransport(server.url, { connections: 3, idleTimeoutMs: 5_000, requestTimeoutMs: 5_000 });
    try {
      expect(await until(() => server.open === 0)).toBe(true);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.fetcher(`${server.url}?ms=20`, post).then((r) => r.json())),
      );
      expect(answers).toHaveLength(20);
      expect(server.maxOpen).toBeLessThanOrEqual(3);
      expect(server.open).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('closes idle sockets itself, before the server would (which announces 65 s)', async () => {
    // Earlier tests' sockets are gone first.
    expect(await until(() => server.open === 0)).toBe(true);
    const t = createSubgraphTransport(server.url, { connections: 2, idleTimeoutMs: 200, requestTimeoutMs: 5_000 });
    try {
      await (await t.fetcher(`${server.url}?ms=1`, post)).text();
      expect(server.open).toBe(1);
      await sleep(100);
      expect(server.open).toBe(1);
      expect(await until(() => server.open === 0, 1_000)).toBe(true);
      // And the next request simply opens a new one.
      expect(await (await t.fetcher(`${server.url}?ms=1`, post)).json()).toEqual({ ok: 1 });
    } finally {
      await t.close();
    }
  });

  it("keeps the idle timeout below the subgraphs' keep-alive whatever the environment says", () => {
    expect(transportOptionsFromEnv({}).idleTimeoutMs).toBe(30_000);
    expect(transportOptionsFromEnv({ HUB_SUBGRAPH_IDLE_MS: '600000' }).idleTimeoutMs).toBeLessThan(65_000);
    expect(transportOptionsFromEnv({ HUB_REQUEST_TIMEOUT_MS: '2000' }).requestTimeoutMs).toBe(7_000);
    expect(transportOptionsFromEnv({ HUB_SUBGRAPH_TIMEOUT_MS: '1234', HUB_SUBGRAPH_CONNECTIONS: '8' })).toMatchObject({
      requestTimeoutMs: 1234,
      connections: 8,
    });
  });
});

describe('gateway: a subgraph that does not answer in time', () => {
  const keys = testKeys();
  let sub: Awaited<ReturnType<typeof fakeSubgraph>>;
  let gw: RunningGateway;
  const typeDefs = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    ${ACTIVE_USERS_SDL} type Query { wait(ms: Int!): Int }`;

  beforeAll(async () => {
    const resolvers = {
      ...activeUsersResolvers,
      Query: { wait: async (_: unknown, { ms }: { ms: number }) => (await sleep(ms), ms) },
    };
    sub = await fakeSubgraph(typeDefs, resolvers, { gatewayPublicKey: keys.gatewayPublicKey }, 'users');
    const composed = composeServices([{ name: 'users', url: sub.url, typeDefs: parse(typeDefs) }]);
    gw = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      supergraphSdl: composed.supergraphSdl!,
      subgraphUrls: { users: sub.url },
      subgraphTransport: { requestTimeoutMs: 400 },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await sub?.stop();
  });

  it("answers SERVICE_UNAVAILABLE for that request only, without the subgraph's address", async () => {
    const auth = bearer(
      (await issueAccessToken(testCaller(null, [Role.PLATFORM_ADMIN], 'platform.admin'), keys.tokenSecret, 600)).token,
    );
    await post(gw.url, '{ __typename }', auth);
    const started = Date.now();
    const [slow, quick] = await Promise.all([
      post(gw.url, '{ wait(ms: 3000) }', auth),
      post(gw.url, '{ wait(ms: 10) }', auth),
    ]);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(slow.body.errors).toEqual([
      expect.objectContaining({
        message: SERVICE_UNAVAILABLE_MESSAGE,
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
      }),
    ]);
    expect(slow.text).not.toContain(sub.url.replace('/graphql', ''));
    expect(quick.body).toEqual({ data: { wait: 10 } });
  });
});
