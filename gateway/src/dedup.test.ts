import { composeServices } from '@apollo/composition';
import { Role, issueAccessToken } from '@hub/kit';
import { testCaller, testKeys } from '@hub/kit/testing';
import { parse } from 'graphql';
import { InFlightQueries, isMutationOperation, isQueryOperation } from './dedup';
import { startGateway, type RunningGateway } from './index';
import { ACTIVE_USERS_SDL, activeUsersResolvers, bearer, fakeSubgraph, post } from './test-helpers';

/**
 * In-flight deduplication (dedup.ts) over real HTTP: a subgraph whose answers take a while and carry the caller it
 * saw and a serial number per upstream call, two callers of two municipalities sending the same query at once.
 */
describe('gateway: in-flight deduplication of subgraph queries', () => {
  const keys = testKeys();
  const alice = testCaller('11111111-1111-4111-8111-111111111111', [Role.INTAKE_CLERK], 'mbk.alice');
  const bob = testCaller('22222222-2222-4222-8222-222222222222', [Role.INTAKE_CLERK], 'ouada.bob');
  let calls = 0;
  const seenHeaders: string[][] = [];
  let sub: Awaited<ReturnType<typeof fakeSubgraph>>;
  let gw: RunningGateway;
  let gwOff: RunningGateway;
  const token = (c: typeof alice) => issueAccessToken(c, keys.tokenSecret, 3600).then((t) => t.token);

  const typeDefs = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    ${ACTIVE_USERS_SDL}
    type Answer { login: String municipalityId: String call: Int! }
    type Query { whoami(delayMs: Int!, tag: String): Answer }
    type Mutation { touch(tag: String): Answer }`;
  const answer = (ctx: { caller: typeof alice | null }) => ({
    login: ctx.caller?.login ?? null,
    municipalityId: ctx.caller?.municipalityId ?? null,
    call: ++calls,
  });
  const resolvers = {
    ...activeUsersResolvers,
    Query: {
      whoami: async (_: unknown, { delayMs }: { delayMs: number }, ctx: { caller: typeof alice | null }) => {
        const a = answer(ctx);
        await new Promise((r) => setTimeout(r, delayMs));
        return a;
      },
    },
    Mutation: {
      touch: async (_: unknown, _args: unknown, ctx: { caller: typeof alice | null }) => {
        const a = answer(ctx);
        await new Promise((r) => setTimeout(r, 100));
        return a;
      },
    },
  };

  beforeAll(async () => {
    sub = await fakeSubgraph(typeDefs, resolvers, { gatewayPublicKey: keys.gatewayPublicKey }, 'users', (req) =>
      seenHeaders.push(Object.keys(req.headers)),
    );
    const composed = composeServices([{ name: 'users', url: sub.url, typeDefs: parse(typeDefs) }]);
    if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.errors));
    const common = {
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      supergraphSdl: composed.supergraphSdl,
      subgraphUrls: { users: sub.url },
      accountCheckSeconds: 3600,
    };
    gw = await startGateway({ ...common, dedup: true });
    gwOff = await startGateway({ ...common, dedup: false });
  });
  afterAll(async () => {
    await gw?.stop();
    await gwOff?.stop();
    await sub?.stop();
  });

  const WHOAMI = 'query($d: Int!, $t: String) { whoami(delayMs: $d, tag: $t) { login municipalityId call } }';
  const TOUCH = 'mutation($t: String) { touch(tag: $t) { login municipalityId call } }';

  it("shares one fetch among one caller's identical concurrent queries, never with another caller", async () => {
    const [a, b] = [bearer(await token(alice)), bearer(await token(bob))];
    // Warm the account check, so both callers' queries reach the data source at about the same moment.
    await Promise.all([post(gw.url, '{ __typename }', a), post(gw.url, '{ __typename }', b)]);
    const before = calls;
    const requests = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? { who: bob, headers: b } : { who: alice, headers: a },
    );
    const answers = await Promise.all(
      requests.map((r) => post(gw.url, WHOAMI, r.headers, { d: 400, t: 'same' }).then((res) => ({ ...r, res }))),
    );
    for (const { who, res } of answers) {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.whoami).toEqual({
        login: who.login,
        municipalityId: who.municipalityId,
        call: expect.any(Number),
      });
    }
    const callsOf = (who: typeof alice) =>
      new Set(answers.filter((x) => x.who === who).map((x) => x.res.body.data.whoami.call));
    // One upstream call per caller, and not the same one.
    expect(callsOf(alice).size).toBe(1);
    expect(callsOf(bob).size).toBe(1);
    expect([...callsOf(alice)][0]).not.toBe([...callsOf(bob)][0]);
    expect(calls - before).toBe(2);
    expect(gw.inFlight.size).toBe(0);
  });

  it('does not share between two tokens of the same person, nor for other variables', async () => {
    const [a1, a2] = [bearer(await token(alice)), bearer(await token(alice))];
    await Promise.all([post(gw.url, '{ __typename }', a1), post(gw.url, '{ __typename }', a2)]);
    const before = calls;
    const rs = await Promise.all([
      post(gw.url, WHOAMI, a1, { d: 300, t: 'x' }),
      post(gw.url, WHOAMI, a2, { d: 300, t: 'x' }),
      post(gw.url, WHOAMI, a1, { d: 300, t: 'y' }),
    ]);
    expect(new Set(rs.map((r) => r.body.data.whoami.call)).size).toBe(3);
    expect(calls - before).toBe(3);
  });

  it('never shares a mutation', async () => {
    const a = bearer(await token(alice));
    const before = calls;
    const rs = await Promise.all(Array.from({ length: 6 }, () => post(gw.url, TOUCH, a, { t: 'same' })));
    expect(rs.map((r) => r.body.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(rs.map((r) => r.body.data.touch.call)).size).toBe(6);
    expect(calls - before).toBe(6);
  });

  it('a query that starts after a write completed does not join a fetch that started before it', async () => {
    const a = bearer(await token(alice));
    await post(gw.url, '{ __typename }', a);
    const first = post(gw.url, WHOAMI, a, { d: 800, t: 'ryw' });
    await new Promise((r) => setTimeout(r, 150));
    // Without a write in between, the same query joins the fetch in flight …
    const joined = await post(gw.url, WHOAMI, a, { d: 800, t: 'ryw' });
    // … (that one has completed by now: start another and write meanwhile.)
    const second = post(gw.url, WHOAMI, a, { d: 800, t: 'ryw2' });
    await new Promise((r) => setTimeout(r, 150));
    const write = await post(gw.url, TOUCH, a, { t: 'w' });
    expect(write.body.errors).toBeUndefined();
    const afterWrite = await post(gw.url, WHOAMI, a, { d: 10, t: 'ryw2' });
    expect(joined.body.data.whoami.call).toBe((await first).body.data.whoami.call);
    expect(afterWrite.body.data.whoami.call).not.toBe((await second).body.data.whoami.call);
  });

  it('sends no internal header to the subgraph', () => {
    expect(seenHeaders.length).toBeGreaterThan(0);
    for (const names of seenHeaders) expect(names.filter((n) => n.startsWith('x-hub-internal'))).toEqual([]);
  });

  it('can be switched off (HUB_SUBGRAPH_DEDUP=0): every request fetches', async () => {
    const a = bearer(await token(alice));
    await post(gwOff.url, '{ __typename }', a);
    const before = calls;
    const rs = await Promise.all(Array.from({ length: 4 }, () => post(gwOff.url, WHOAMI, a, { d: 300, t: 'off' })));
    expect(new Set(rs.map((r) => r.body.data.whoami.call)).size).toBe(4);
    expect(calls - before).toBe(4);
  });
});

describe('dedup: operation kinds and keys', () => {
  it("tells the planner's query texts from mutations", () => {
    expect(isQueryOperation('{ a }')).toBe(true);
    expect(isQueryOperation('query Q__users__0($x:Int){a}')).toBe(true);
    expect(isQueryOperation('  # c\n query { a }')).toBe(true);
    expect(isQueryOperation('mutation { a }')).toBe(false);
    expect(isQueryOperation('subscription { a }')).toBe(false);
    expect(isQueryOperation('queryX { a }')).toBe(false);
    expect(isMutationOperation('mutation M__users__0{touch}')).toBe(true);
    expect(isMutationOperation('query { a }')).toBe(false);
  });

  it('a failed fetch is shared by its joiners and then forgotten', async () => {
    const f = new InFlightQueries();
    let n = 0;
    const send = () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`boom ${++n}`)), 20));
    const results = await Promise.allSettled([f.run('k', send), f.run('k', send)]);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['boom 1', 'boom 1']);
    expect(f.size).toBe(0);
    await expect(f.run('k', send)).rejects.toThrow('boom 2');
  });
});
