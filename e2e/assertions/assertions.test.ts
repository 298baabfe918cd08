// Issue 18, finding 7: a gateway → subgraph assertion works only for the subgraph and route it was minted for and
// only for seconds; subgraph → subgraph calls keep working as the same caller; service and caller assertions do not
// mix — all on the real subgraphs over HTTP.
import {
  CALLER_ASSERTION_TTL_SECONDS,
  DEMO_MUNICIPALITIES,
  GRAPHQL_ROUTE,
  SUBGRAPH_NAMES,
  signCallerAssertion,
  signPeerAssertion,
  signServiceAssertion,
  testCaller,
  testDatabaseKinds,
  type SubgraphName,
} from '@hub/kit';
import { postJson, startHub, type Hub } from '../harness';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK'], 'mbk.clerk');
const QUERY = { query: '{ __typename }' };

describe.each(testDatabaseKinds())('caller assertions on the real subgraphs, on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind, { relays: false });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const graphqlOf = (s: SubgraphName) => hub.subgraphs[s].url;
  const routeOf = (s: SubgraphName, path: string) => hub.subgraphs[s].url.replace(/\/graphql$/, path);
  const sign = (subgraph: string, route = GRAPHQL_ROUTE, now?: number) =>
    signCallerAssertion(clerk, hub.keys.gatewayPrivateKey, { subgraph, route }, { now });

  it('an assertion minted for filing is accepted by filing only', async () => {
    const forFiling = await sign('filing');
    for (const s of SUBGRAPH_NAMES) {
      const res = await postJson(graphqlOf(s), QUERY, { 'x-hub-caller': forFiling });
      expect([s, res.status]).toEqual([s, s === 'filing' ? 200 : 401]);
    }
    // Each subgraph takes the one minted for it.
    for (const s of SUBGRAPH_NAMES)
      expect((await postJson(graphqlOf(s), QUERY, { 'x-hub-caller': await sign(s) })).status).toBe(200);
  });

  it(`an assertion older than ${CALLER_ASSERTION_TTL_SECONDS} s is refused`, async () => {
    const stale = await sign('filing', GRAPHQL_ROUTE, Date.now() - (CALLER_ASSERTION_TTL_SECONDS + 1) * 1000);
    expect((await postJson(graphqlOf('filing'), QUERY, { 'x-hub-caller': stale })).status).toBe(401);
    const recent = await sign('filing', GRAPHQL_ROUTE, Date.now() - 5_000);
    expect((await postJson(graphqlOf('filing'), QUERY, { 'x-hub-caller': recent })).status).toBe(200);
  });

  it('an assertion for one route is refused on another route of the same subgraph', async () => {
    const forUploads = await sign('filing', '/uploads');
    expect((await postJson(graphqlOf('filing'), QUERY, { 'x-hub-caller': forUploads })).status).toBe(401);
    const upload = (assertion: string) =>
      fetch(`${routeOf('filing', '/uploads')}?fileName=a.txt`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-hub-caller': assertion },
        body: 'hello',
      });
    const wrongRoute = await upload(await sign('filing'));
    expect(wrongRoute.status).toBe(401);
    expect(
      ((await wrongRoute.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    expect((await upload(forUploads)).status).toBe(201);
  });

  it('a service assertion is no caller assertion, a caller assertion no service assertion', async () => {
    const service = await signServiceAssertion('users', hub.keys.serviceSecret, {
      subgraph: 'filing',
      route: GRAPHQL_ROUTE,
    });
    expect((await postJson(graphqlOf('filing'), QUERY, { 'x-hub-caller': service })).status).toBe(401);
    const ingest = routeOf('filing', '/internal/audit-log');
    const asCaller = await sign('filing', '/internal/audit-log');
    expect((await postJson(ingest, { events: [] }, { 'x-hub-service': asCaller })).status).toBe(401);
    expect((await postJson(ingest, { events: [] }, { 'x-hub-caller': asCaller })).status).toBe(401);
    const genuine = await signServiceAssertion('users', hub.keys.serviceSecret, {
      subgraph: 'filing',
      route: '/internal/audit-log',
    });
    expect((await postJson(ingest, { events: [] }, { 'x-hub-service': genuine })).status).toBe(200);
  });

  it('a subgraph calls a peer as the caller it serves, but cannot pass on an assertion meant for another', async () => {
    const q = {
      query: 'query($r:[_Any!]!){_entities(representations:$r){...on Municipality{id}}}',
      variables: { r: [{ __typename: 'Municipality', id: BLANSKO.id }] },
    };
    // users, serving the clerk (the gateway's assertion for users), asks municipalities: accepted.
    const forUsers = await sign('users');
    const call = { caller: clerk, clientAddress: null, via: null, gatewayAssertion: forUsers };
    const peer = await postJson(graphqlOf('municipalities'), q, {
      'x-hub-caller': await signPeerAssertion(call, 'users', 'municipalities', hub.keys.peerSecret),
    });
    expect(peer).toMatchObject({ status: 200, data: { _entities: [{ id: BLANSKO.id }] } });
    // archives relaying the assertion users got: refused.
    const relayed = await signPeerAssertion(call, 'archives', 'municipalities', hub.keys.peerSecret);
    expect((await postJson(graphqlOf('municipalities'), q, { 'x-hub-caller': relayed })).status).toBe(401);
  });

  it('peer calls through the gateway keep working (users → municipalities when a user is created)', async () => {
    const admin = await hub.login('mbk.admin');
    const units = await hub.gql(admin, 'query($id: ID!) { municipality(id: $id) { orgUnits { id } } }', {
      id: BLANSKO.id,
    });
    const created = await hub.gql(
      admin,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { login orgUnit { id } } }',
      {
        input: {
          login: `mbk.peer${Date.now() % 100000}`,
          name: 'Peer Check',
          password: 'a-long-enough-password-1',
          roles: ['CASE_HANDLER'],
          orgUnitId: units.data.municipality.orgUnits[0].id,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createUser.orgUnit.id).toBe(units.data.municipality.orgUnits[0].id);
  });
});
