import { DEMO_MUNICIPALITIES, HOST, Role, issueAccessToken, listen } from '@hub/kit';
import { testCaller, testKeys } from '@hub/kit/testing';
import { createServer, type Server } from 'node:http';
import {
  Kind,
  buildSchema,
  getIntrospectionQuery,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { startGateway, type RunningGateway } from './index';
import { DEFAULT_QUERY_LIMITS, operationCost, queryLimitsFromEnv } from './query-limits';
import { loadSupergraphSdl } from './supergraph';
import { bearer, fakeActiveUsers, post } from './test-helpers';

// The supergraph as a plain schema: the same types and fields as the gateway's API schema (plus the join types).
const schema = buildSchema(loadSupergraphSdl(), { assumeValidSDL: true });

function costOf(query: string, variables?: Record<string, unknown>, listSize = 10) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return operationCost(schema, op, fragments, variables, listSize);
}

/** The issue's query: pages of 100 documents, each document's municipality's 100 documents, … three levels. */
const NESTED = `{ documents(first: 100) { edges { node { id subject municipality {
  documents(first: 100) { edges { node { id subject municipality {
    documents(first: 100) { edges { node { id subject } } } } } } } } } } } }`;
const aliasFlood = (n: number, first = 100) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: documents(first: ${first}) { edges { node { id subject } } }`).join(' ')} }`;
/** A legitimate big page: 100 documents with their fields, references across subgraphs, and files. */
const BIG_PAGE = `{ documents(first: 100) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node {
  id pid referenceNumber subject state origin registeredAt deliveredAt sender { name address dataBoxId }
  registeredBy { name login } orgUnit { name code } municipality { name competentArchive { name } }
  disposalCode retentionYears disposalYear components { id order version fileName sha256 downloadPath } } } } }`;

describe('operationCost (on the committed supergraph)', () => {
  it('multiplies nested page sizes: the issue nested query costs millions, one big page far less than the limit', () => {
    expect(costOf(NESTED)).toBeGreaterThan(5_000_000);
    expect(costOf(BIG_PAGE)).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost / 4);
    expect(costOf(NESTED)).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost * 100);
  });

  it('takes the page size from the literal, the variable, the variable default or the schema default', () => {
    const page = (arg: string) => `query($n: Int = 7) { documents${arg} { edges { node { id } } } }`;
    // documents(first: 100): (documents 1 + edges 1 + node 1 + id 1) × 100 = 400
    expect(costOf(page('(first: 100)'))).toBe(400);
    expect(costOf(page('(first: $n)'), { n: 100 })).toBe(400);
    expect(costOf(page('(first: $n)'), { n: 5 })).toBe(20);
    expect(costOf(page('(first: $n)'))).toBe(28); // the variable's default, 7
    expect(costOf(page(''))).toBe(80); // the schema's `first: Int = 20`
    expect(costOf('{ auditLog { totalCount } }')).toBe(100); // `first: Int = 50`
  });

  it('counts every alias, a list without page size at listSize, and a connection edges list once', () => {
    expect(costOf(aliasFlood(500))).toBe(500 * 100 * 5);
    // municipalities: [Municipality!]!, 10 × (itself 1 + name 1 + orgUnits 10 × (itself 1 + code 1))
    expect(costOf('{ municipalities { name orgUnits { code } } }')).toBe(10 * (1 + 1 + 10 * 2));
    expect(costOf('{ municipalities { name } }', undefined, 33)).toBe(33 * 2);
  });

  it('costs fragments like the selections they stand for, and introspection at nothing', () => {
    const spread = costOf('{ documents(first: 10) { edges { node { ...F } } } } fragment F on Document { id subject }');
    expect(spread).toBe(costOf('{ documents(first: 10) { edges { node { id subject } } } }'));
    expect(costOf(getIntrospectionQuery())).toBe(0);
    // A document built to expand exponentially is costed in linear time (memoised) and simply comes out huge.
    const frags = Array.from(
      { length: 40 },
      (_, i) =>
        `fragment F${i} on Document { id municipality { documents(first: 2) { edges { node { ...F${i + 1} } } } } }`,
    );
    frags.push('fragment F40 on Document { id }');
    const started = Date.now();
    expect(costOf(`{ documents(first: 2) { edges { node { ...F0 } } } } ${frags.join('\n')}`)).toBeGreaterThan(1e12);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('queryLimitsFromEnv', () => {
  it('reads the limits and refuses values that are not positive integers', () => {
    expect(queryLimitsFromEnv({})).toEqual(DEFAULT_QUERY_LIMITS);
    expect(DEFAULT_QUERY_LIMITS).toEqual({
      maxCost: 50_000,
      maxAliases: 30,
      maxTokens: 2_000,
      maxDirectives: 30,
      maxDepth: 12,
      listSize: 10,
    });
    expect(
      queryLimitsFromEnv({
        HUB_MAX_QUERY_COST: '1000',
        HUB_MAX_ALIASES: '5',
        HUB_MAX_TOKENS: '300',
        HUB_MAX_DIRECTIVES: '3',
        HUB_MAX_QUERY_DEPTH: '8',
        HUB_QUERY_LIST_SIZE: '20',
      }),
    ).toEqual({
      maxCost: 1000,
      maxAliases: 5,
      maxTokens: 300,
      maxDirectives: 3,
      maxDepth: 8,
      listSize: 20,
    });
    for (const bad of ['0', '-1', '1.5', 'lots'])
      expect(() => queryLimitsFromEnv({ HUB_MAX_QUERY_COST: bad })).toThrow(
        /HUB_MAX_QUERY_COST must be a positive integer/,
      );
  });
});

describe('gateway query limits (real supergraph; the subgraphs behind it only count requests)', () => {
  const keys = testKeys();
  const blansko = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'MBK')!;
  let gw: RunningGateway;
  let counting: Server;
  let users: Awaited<ReturnType<typeof fakeActiveUsers>>;
  let subgraphRequests = 0;
  let token: string;

  beforeAll(async () => {
    // Stands in for filing, municipalities and archives: any request that reaches it is counted (and fails).
    counting = createServer((req, res) => {
      subgraphRequests++;
      req.resume();
      res.writeHead(503).end();
    });
    const port = await listen(counting, 0, HOST);
    const url = `http://${HOST}:${port}/graphql`;
    users = await fakeActiveUsers(keys);
    token = (await issueAccessToken(testCaller(blansko.id, [Role.INTAKE_CLERK], 'mbk.clerk'), keys.tokenSecret, 3600))
      .token;
    gw = await startGateway({
      port: 0,
      tokenKeys: keys.tokenSecret,
      assertionKey: keys.gatewayPrivateKey,
      subgraphUrls: { filing: url, municipalities: url, archives: url, users: users.url },
      introspection: 'all',
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await users?.stop();
    await new Promise((r) => counting?.close(r));
  });

  /** Sends `query`; expects a QUERY_TOO_COMPLEX refusal of `limit` in under a second that reached no subgraph. */
  async function expectRefused(query: string, limit: string, variables?: object) {
    const before = subgraphRequests;
    const started = performance.now();
    const r = await post(gw.url, query, bearer(token), variables);
    const ms = performance.now() - started;
    expect(r.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'QUERY_TOO_COMPLEX', limit } }]);
    expect(r.body.data).toBeUndefined();
    expect(r.status).toBe(400);
    expect(ms).toBeLessThan(1000);
    expect(subgraphRequests).toBe(before);
    return r.body.errors![0].message;
  }

  it('a query that needs filing does reach it (the counter works)', async () => {
    const before = subgraphRequests;
    const r = await post(gw.url, '{ documents(first: 5) { edges { node { id } } } }', bearer(token));
    expect(r.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(subgraphRequests).toBeGreaterThan(before);
  });

  it('refuses the nested documents → municipality → documents query by cost, also with the page size in a variable', async () => {
    expect(await expectRefused(NESTED, 'cost')).toMatch(/estimated cost [\d,]+ is over the limit of 50,000/);
    const viaVariable = NESTED.replace(/first: 100/g, 'first: $n').replace(/^\{/, 'query($n: Int) {');
    await expectRefused(viaVariable, 'cost', { n: 100 });
  });

  it('refuses 100 aliases (aliases limit) and, with small pages, still counts their cost', async () => {
    const flood = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: documents { totalCount }`).join(' ')} }`;
    expect(await expectRefused(flood, 'aliases')).toMatch(/Aliases limit of 30 exceeded, found 100/);
    // Within the alias limit, 30 pages of 100 with many fields are over the cost limit.
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: documents(first: 100) { edges { node { id subject pid referenceNumber state origin registeredAt deliveredAt sender { name address dataBoxId } municipality { name abbreviation } } } }`).join(' ')} }`;
    await expectRefused(wide, 'cost');
  });

  it('refuses documents over the token limit before parsing them to the end', async () => {
    expect(await expectRefused(`{ ${Array.from({ length: 2_000 }, () => '__typename').join(' ')} }`, 'tokens')).toMatch(
      /at most 2,000/,
    );
    // The issue's flood as it was sent (500 aliased pages with their fields) is over the token limit as well.
    await expectRefused(aliasFlood(500), 'tokens');
  });

  it('refuses too many directives and too deep nesting', async () => {
    await expectRefused(`{ ${'__typename @skip(if: false) '.repeat(31)} }`, 'directives');
    const inMunicipality = (levels: number): string => (levels <= 1 ? 'id' : `orgUnits { ${inOrgUnit(levels - 1)} }`);
    const inOrgUnit = (levels: number): string =>
      levels <= 1 ? 'id' : `municipality { ${inMunicipality(levels - 1)} }`;
    await expectRefused(`{ municipality(id: "x") { ${inMunicipality(12)} } }`, 'depth');
  });

  it('lets a legitimate big page and the standard introspection query through', async () => {
    const before = subgraphRequests;
    const big = await post(gw.url, BIG_PAGE, bearer(token));
    // Planned and sent to filing (which is a stub here: hence SERVICE_UNAVAILABLE, not a limit).
    expect(big.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(subgraphRequests).toBeGreaterThan(before);
    const intro = await post(
      gw.url,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(intro.body.errors).toBeUndefined();
    expect(intro.body.data.__schema.queryType.name).toBe('Query');
  });
});
