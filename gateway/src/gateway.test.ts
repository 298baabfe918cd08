import { composeServices } from '@apollo/composition';
import { DEMO_MUNICIPALITIES, Role, issueAccessToken, runSubgraph, type RunningSubgraph } from '@hub/kit';
import { subgraphKeysOf, testCaller, testKeys } from '@hub/kit/testing';
import { municipalities } from '@hub/municipalities';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { startGateway, type RunningGateway } from './index';
import {
  ACTIVE_USERS_SDL,
  activeUsersResolvers,
  bearer,
  deadPort,
  fakeActiveUsers,
  fakeSubgraph,
  post,
} from './test-helpers';

const secret = () => randomBytes(48).toString('base64url');
const blansko = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'MBK')!;
const adamov = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'OUADA')!;

describe('gateway over the real supergraph (municipalities subgraph running, filing down)', () => {
  const keys = testKeys();
  let sub: RunningSubgraph;
  let activeUsers: Awaited<ReturnType<typeof fakeActiveUsers>>;
  let gw: RunningGateway;
  let deadFilingPort: number;
  const tokenFor = (municipalityId: string | null, roles = [Role.INTAKE_CLERK], now = Date.now(), ttl = 3600) =>
    issueAccessToken(testCaller(municipalityId, roles, 'test.clerk'), keys.tokenSecret, ttl, now).then((t) => t.token);

  beforeAll(async () => {
    // No filing here to ship audit events to: the outbox relay stays off.
    sub = await runSubgraph(municipalities, {
      port: 0,
      db: { kind: 'sqlite', file: ':memory:' },
      keys: subgraphKeysOf(keys),
      seedDemo: true,
      relay: false,
    });
    deadFilingPort = await deadPort();
    activeUsers = await fakeActiveUsers(keys);
    gw = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      subgraphUrls: {
        municipalities: sub.url,
        users: activeUsers.url,
        filing: `http://127.0.0.1:${deadFilingPort}/graphql`,
      },
      // The depth test below nests orgUnits lists 5 times (cost ~300,000): here only depth is under test (cost: query-limits.test.ts).
      queryLimits: { maxCost: 10_000_000 },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await sub?.stop();
    await activeUsers?.stop();
  });

  it('listens on loopback and reports health', async () => {
    expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await fetch(gw.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
  });

  it('answers anonymous requests that need no subgraph data', async () => {
    const r = await post(gw.url, '{ __typename }');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps introspection available', async () => {
    const r = await post(gw.url, '{ __schema { queryType { name } } }');
    expect(r.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('forwards the verified caller in a signed assertion the subgraph accepts', async () => {
    const r = await post(
      gw.url,
      'query($id: ID!) { municipality(id: $id) { name orgUnits { code } } }',
      bearer(await tokenFor(blansko.id)),
      { id: blansko.id },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.municipality.name).toBe('Blansko');
    expect(r.body.data.municipality.orgUnits.map((u: { code: string }) => u.code)).toEqual(
      expect.arrayContaining(['MBK-1']),
    );

    // Same query, a caller from another municipality: the subgraph sees who it is and refuses the org units.
    const other = await post(
      gw.url,
      'query($id: ID!) { municipality(id: $id) { name orgUnits { code } } }',
      bearer(await tokenFor(adamov.id)),
      { id: blansko.id },
    );
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('forwards anonymity: the subgraph refuses anonymous reads with UNAUTHENTICATED', async () => {
    const r = await post(gw.url, '{ municipalities { name } }');
    expect(r.status).toBe(200);
    expect(r.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.body.errors?.[0].extensions).not.toHaveProperty('stacktrace');
  });

  it('a subgraph refuses requests that bypass the gateway', async () => {
    const direct = await post(sub.url, '{ municipalities { name } }');
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const { signCallerAssertion } = await import('@hub/kit/gateway');
    const target = { subgraph: 'municipalities', route: '/graphql' };
    const forged = await post(sub.url, '{ municipalities { name } }', {
      'x-hub-caller': await signCallerAssertion(
        testCaller(null, [Role.PLATFORM_ADMIN]),
        testKeys().gatewayPrivateKey,
        target,
      ),
    });
    expect(forged.status).toBe(401);
    const genuine = await post(sub.url, '{ municipalities { name } }', {
      'x-hub-caller': await signCallerAssertion(testCaller(blansko.id, []), keys.gatewayPrivateKey, target),
    });
    expect(genuine.status).toBe(200);
    expect(genuine.body.data.municipalities.length).toBe(DEMO_MUNICIPALITIES.length);
  });

  it.each([
    ['garbage', 'Bearer not-a-token'],
    ['signed with another secret', 'OTHER_SECRET'],
    ['expired', 'EXPIRED'],
    ['empty bearer', 'Bearer '],
    ['another scheme', 'Basic bWJrLmNsZXJrOmJsYW5za28tZGVtbw=='],
  ])('refuses a present but invalid token (%s) with 401 UNAUTHENTICATED', async (_, header) => {
    const value =
      header === 'EXPIRED'
        ? `Bearer ${await tokenFor(blansko.id, [Role.INTAKE_CLERK], Date.now() - 7200_000, 3600)}`
        : header === 'OTHER_SECRET'
          ? `Bearer ${(await issueAccessToken(testCaller(null, []), secret(), 3600)).token}`
          : header;
    const r = await post(gw.url, '{ __typename }', { authorization: value });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      errors: [{ message: expect.stringMatching(/invalid or has expired/), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('refuses a body over 2 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` });
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // Just under the limit still works.
    const ok = await post(gw.url, `{ __typename } # ${'x'.repeat(1024 * 1024)}`);
    expect(ok.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses an oversized chunked body (no content-length) too', async () => {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const u = new URL(gw.url);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(256 * 1024);
      req.write(`{"query":"{ __typename } #`);
      let sent = 0;
      const pump = () => {
        while (sent < 12) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}');
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses queries nested deeper than 12 levels', async () => {
    // municipality → orgUnits → municipality → … : each hop is one level.
    const inMunicipality = (levels: number): string => (levels <= 1 ? 'id' : `orgUnits { ${inOrgUnit(levels - 1)} }`);
    const inOrgUnit = (levels: number): string =>
      levels <= 1 ? 'id' : `municipality { ${inMunicipality(levels - 1)} }`;
    const query = (depth: number) => `query($id: ID!) { municipality(id: $id) { ${inMunicipality(depth - 1)} } }`;
    const deep = await post(gw.url, query(13), bearer(await tokenFor(blansko.id)), { id: blansko.id });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/nested too deeply/),
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth' },
    });
    const ok = await post(gw.url, query(12), bearer(await tokenFor(blansko.id)), { id: blansko.id });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.municipality.orgUnits.length).toBeGreaterThan(0);
  });

  it('masks an unreachable subgraph as SERVICE_UNAVAILABLE without leaking addresses', async () => {
    const r = await post(
      gw.url,
      '{ documents(first: 1) { edges { node { id } } } }',
      bearer(await tokenFor(blansko.id)),
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors).toEqual([
      { message: 'A hub service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    expect(r.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{4,5}|stacktrace/);
  });
});

describe('gateway over fake subgraphs', () => {
  const keys = testKeys();
  let users: Awaited<ReturnType<typeof fakeSubgraph>>;
  let archives: Awaited<ReturnType<typeof fakeSubgraph>>;
  let gw: RunningGateway;
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

  beforeAll(async () => {
    const Day = new GraphQLScalarType({
      name: 'Day',
      parseValue: (v) => {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
          throw new GraphQLError('Day must be YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
        return v;
      },
      serialize: (v) => v,
    });
    users = await fakeSubgraph(
      `${link} scalar Day type Query { whoami: String, roles: [String!], dayOf(at: Day!): String, whereFrom: String } ${ACTIVE_USERS_SDL}`,
      {
        ...activeUsersResolvers,
        Day,
        Query: {
          whoami: (_: unknown, __: unknown, ctx: any) => ctx.caller?.login ?? 'anonymous',
          roles: (_: unknown, __: unknown, ctx: any) => ctx.caller?.roles ?? null,
          dayOf: (_: unknown, { at }: { at: string }) => at,
          whereFrom: (_: unknown, __: unknown, ctx: any) => ctx.clientAddress,
        },
      },
      keys,
      'users',
    );
    // A subgraph configured with another gateway key refuses the gateway (HTTP 401).
    archives = await fakeSubgraph(
      `${link} type Query { ping: String }`,
      { Query: { ping: () => 'pong' } },
      testKeys(),
      'archives',
    );
    const composed = composeServices([
      { name: 'users', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(users.typeDefs) },
      { name: 'archives', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(archives.typeDefs) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    gw = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      supergraphSdl: composed.supergraphSdl,
      subgraphUrls: { users: users.url, archives: archives.url },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await users?.stop();
    await archives?.stop();
  });

  it('asserts exactly the caller of the token, or anonymity', async () => {
    const caller = testCaller(
      '00000000-0000-4000-8000-000000000001',
      [Role.CASE_HANDLER, Role.AUDITOR],
      'jana.novakova',
    );
    const { token } = await issueAccessToken(caller, keys.tokenSecret, 60);
    const r = await post(gw.url, '{ whoami roles }', bearer(token));
    expect(r.body).toEqual({ data: { whoami: 'jana.novakova', roles: ['CASE_HANDLER', 'AUDITOR'] } });
    const anon = await post(gw.url, '{ whoami roles }');
    expect(anon.body).toEqual({ data: { whoami: 'anonymous', roles: null } });
  });

  it("hands the client's address to the subgraph inside the signed assertion", async () => {
    const r = await post(gw.url, '{ whereFrom }');
    expect(r.body.data.whereFrom).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('masks a subgraph that refuses the gateway (401) as SERVICE_UNAVAILABLE, without its URL or body', async () => {
    const r = await post(gw.url, '{ ping }');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: { ping: null },
      errors: [{ message: 'A hub service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
    // Other subgraphs keep working in the same request.
    const mixed = await post(gw.url, '{ ping whoami }');
    expect(mixed.body.data).toEqual({ ping: null, whoami: 'anonymous' });
  });

  it("hands on a subgraph's own request errors (HTTP 400: a variable its scalar rejects) with their code", async () => {
    const ok = await post(gw.url, 'query($d: Day!) { dayOf(at: $d) }', {}, { d: '2026-03-02' });
    expect(ok.body).toEqual({ data: { dayOf: '2026-03-02' } });
    const bad = await post(gw.url, 'query($d: Day!) { dayOf(at: $d) }', {}, { d: '02.03.2026' });
    expect(bad.status).toBe(200);
    expect(bad.body.data).toEqual({ dayOf: null });
    expect(bad.body.errors).toHaveLength(1);
    expect(bad.body.errors![0].message).toMatch(/Day must be YYYY-MM-DD/);
    expect(bad.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.text).not.toMatch(/127\.0\.0\.1|stacktrace/);
  });

  it('stops cleanly and stop() is idempotent', async () => {
    const extra = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      supergraphSdl: composeServices([{ name: 'users', url: users.url, typeDefs: parse(users.typeDefs) }])
        .supergraphSdl!,
      subgraphUrls: { users: users.url },
    });
    expect((await post(extra.url, '{ whoami }')).body.data).toEqual({ whoami: 'anonymous' });
    await Promise.all([extra.stop(), extra.stop()]);
    await expect(fetch(extra.url.replace('/graphql', '/health'))).rejects.toThrow();
  });
});
