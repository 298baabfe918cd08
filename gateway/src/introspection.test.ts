import { DEMO_MUNICIPALITIES, Role, issueAccessToken } from '@hub/kit';
import { testCaller, testKeys } from '@hub/kit/testing';
import { getIntrospectionQuery } from 'graphql';
import { startGateway, type RunningGateway } from './index';
import { introspectionModeFromEnv, withoutSuggestions, type IntrospectionMode } from './introspection';
import { bearer, deadPort, fakeActiveUsers, post } from './test-helpers';

describe('introspectionModeFromEnv', () => {
  it('defaults to authenticated under NODE_ENV=production and to all otherwise; refuses unknown values', () => {
    expect(introspectionModeFromEnv({ NODE_ENV: 'production' })).toBe('authenticated');
    expect(introspectionModeFromEnv({ NODE_ENV: 'development' })).toBe('all');
    expect(introspectionModeFromEnv({ NODE_ENV: 'test' })).toBe('all');
    expect(introspectionModeFromEnv({ NODE_ENV: 'production', HUB_INTROSPECTION: 'all' })).toBe('all');
    expect(introspectionModeFromEnv({ HUB_INTROSPECTION: 'off' })).toBe('off');
    expect(() => introspectionModeFromEnv({ HUB_INTROSPECTION: 'yes' })).toThrow(
      /HUB_INTROSPECTION must be one of all, authenticated, off/,
    );
  });

  it("strips graphql's suggestion sentences, field and enum ones alike", () => {
    expect(
      withoutSuggestions('Cannot query field "documentz" on type "Query". Did you mean "documents" or "document"?'),
    ).toBe('Cannot query field "documentz" on type "Query".');
    expect(
      withoutSuggestions('Value "DRAFTT" does not exist in "DocumentState" enum. Did you mean the enum value "DRAFT"?'),
    ).toBe('Value "DRAFTT" does not exist in "DocumentState" enum.');
  });
});

describe('introspection and field suggestions per HUB_INTROSPECTION (real supergraph; no subgraph needed)', () => {
  const keys = testKeys();
  const blansko = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'MBK')!;
  const gateways = new Map<IntrospectionMode, RunningGateway>();
  let users: Awaited<ReturnType<typeof fakeActiveUsers>>;
  let clerkAuth: ReturnType<typeof bearer>;
  const INTROSPECTION = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  });

  beforeAll(async () => {
    users = await fakeActiveUsers(keys);
    clerkAuth = bearer(
      (await issueAccessToken(testCaller(blansko.id, [Role.INTAKE_CLERK], 'mbk.clerk'), keys.tokenSecret, 3600)).token,
    );
    const dead = `http://127.0.0.1:${await deadPort()}/graphql`;
    for (const mode of ['all', 'authenticated', 'off'] as const) {
      gateways.set(
        mode,
        await startGateway({
          port: 0,
          tokenKeys: keys.tokenSecret,
          assertionKey: keys.gatewayPrivateKey,
          introspection: mode,
          subgraphUrls: { users: users.url, filing: dead, municipalities: dead, archives: dead },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const gw of gateways.values()) await gw.stop();
    await users?.stop();
  });

  const url = (mode: IntrospectionMode) => gateways.get(mode)!.url;

  it('all: anonymous callers introspect (GraphiQL query included) and get suggestions', async () => {
    const r = await post(url('all'), INTROSPECTION);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.__schema.types.length).toBeGreaterThan(50);
    const typo = await post(url('all'), '{ documentz { totalCount } }');
    expect(typo.body.errors?.[0].message).toMatch(/Did you mean .*"documents"/);
  });

  it('authenticated: anonymous introspection is refused with UNAUTHENTICATED, a signed-in caller introspects', async () => {
    for (const q of [
      INTROSPECTION,
      '{ __type(name: "Document") { fields { name } } }',
      '{ __typename ... on Query { __schema { queryType { name } } } }',
    ]) {
      const anon = await post(url('authenticated'), q);
      expect(anon.status).toBe(401);
      expect(anon.body).toEqual({
        errors: [{ message: expect.stringMatching(/signed-in callers only/), extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const signedIn = await post(url('authenticated'), INTROSPECTION, clerkAuth);
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data.__schema.queryType.name).toBe('Query');
    // __typename is not introspection: anonymous callers keep it.
    expect((await post(url('authenticated'), '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('authenticated: suggestions are hidden from anonymous callers (fields, arguments, enum values), shown to signed-in ones', async () => {
    const typo = '{ documentz { totalCount } }';
    const anon = await post(url('authenticated'), typo);
    expect(anon.body.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "documentz" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    const signedIn = await post(url('authenticated'), typo, clerkAuth);
    expect(signedIn.body.errors?.[0].message).toMatch(/Did you mean .*"documents"/);

    const badArgument = await post(url('authenticated'), '{ documents(frist: 1) { totalCount } }');
    expect(badArgument.body.errors?.[0].message).toMatch(/Unknown argument "frist"/);
    expect(badArgument.text).not.toMatch(/Did you mean/);

    const enumValue = await post(
      url('authenticated'),
      'query($s: DocumentState) { myDocuments(state: $s) { totalCount } }',
      {},
      { s: 'DRAFTT' },
    );
    expect(enumValue.body.errors?.[0].message).toMatch(/DRAFTT/);
    expect(enumValue.text).not.toMatch(/Did you mean|"DRAFT"/);
    // The same mistake from a signed-in caller: graphql suggests (so the anonymous answers above were masked).
    const enumSignedIn = await post(
      url('authenticated'),
      'query($s: DocumentState) { myDocuments(state: $s) { totalCount } }',
      clerkAuth,
      { s: 'DRAFTT' },
    );
    expect(enumSignedIn.body.errors?.[0].message).toMatch(/Did you mean the enum value "DRAFT"/);
    const enumLiteral = await post(url('authenticated'), '{ myDocuments(state: DRAFTT) { totalCount } }');
    expect(enumLiteral.body.errors?.[0].message).toMatch(/DRAFTT/);
    expect(enumLiteral.text).not.toMatch(/Did you mean|"DRAFT"/);
  });

  it('off: nobody introspects, nobody gets suggestions', async () => {
    for (const headers of [{}, clerkAuth]) {
      const r = await post(url('off'), INTROSPECTION, headers);
      expect(r.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.data).toBeUndefined();
      const typo = await post(url('off'), '{ documentz { totalCount } }', headers);
      expect(typo.body.errors?.[0].message).toBe('Cannot query field "documentz" on type "Query".');
    }
  });
});
