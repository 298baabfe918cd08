// The gateway's query limits on the real hub: the big queries people really send pass, the nested query and
// alias flood are refused with QUERY_TOO_COMPLEX in well under a second, and the hub keeps answering.
import { testDatabaseKinds } from '@hub/kit';
import { getIntrospectionQuery } from 'graphql';
import { REGISTER, received, startHub, type Hub } from '../harness';

/** documents(first:100) → municipality → documents(first:100) → municipality → documents(first:100), as in the issue. */
const NESTED = `{ documents(first: 100) { edges { node { id subject municipality {
  documents(first: 100) { edges { node { id subject municipality {
    documents(first: 100) { edges { node { id subject } } } } } } } } } } } }`;
const aliasFlood = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** A full page of 100 documents with their fields, references into the other subgraphs, and files. */
const BIG_PAGE = `{ documents(first: 100) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node {
  id pid referenceNumber subject state origin registeredAt deliveredAt sender { name address dataBoxId }
  registeredBy { name login } orgUnit { name code } municipality { name abbreviation competentArchive { name } }
  disposalCode retentionYears disposalYear components { id order version fileName sha256 downloadPath } } } } }`;
/** The README's walkthrough query. */
const WALKTHROUGH =
  '{ me { municipality { name documents(first: 10) { totalCount edges { node { referenceNumber subject registeredBy { name } municipality { competentArchive { name } } } } } } } }';
/** The largest page the API allows, with each entry's changes. */
const LOG_500 =
  '{ auditLog(first: 500) { totalCount edges { node { poradi occurredAt actorLogin eventType objectType objectId changes { name old new } hash } } } }';

describe.each(testDatabaseKinds())('query limits on %s', (kind) => {
  let hub: Hub;
  let clerk: string;

  beforeAll(async () => {
    hub = await startHub(kind);
    clerk = await hub.login('mbk.clerk');
    for (let i = 0; i < 3; i++) {
      const r = await hub.gql(clerk, REGISTER, { input: received(`Žádost ${i}`) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => hub?.stop());

  it('passes the big legitimate queries: a page of 100 with everything, the walkthrough, 500 log entries, introspection', async () => {
    const page = await hub.gql(clerk, BIG_PAGE);
    expect(page.errors).toBeUndefined();
    expect(page.data.documents.totalCount).toBe(3);
    expect(page.data.documents.edges[0].node.municipality.abbreviation).toBe('MBK');

    const walk = await hub.gql(clerk, WALKTHROUGH);
    expect(walk.errors).toBeUndefined();
    expect(walk.data.me.municipality.documents.edges).toHaveLength(3);

    const log = await hub.gql(await hub.login('mbk.admin'), LOG_500);
    expect(log.errors).toBeUndefined();

    const intro = await hub.gql(
      clerk,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(intro.errors).toBeUndefined();
  });

  it.each([
    ['the nested documents → municipality → documents query', NESTED, 'cost'],
    // 500 × 10 tokens: the parser stops at 2,000 tokens, before the alias count.
    ['500 aliases of documents(first: 100)', aliasFlood(500, 'documents(first: 100) { totalCount }'), 'tokens'],
    [
      '100 aliases of documents (under the token limit)',
      aliasFlood(100, 'documents(first: 100) { totalCount }'),
      'aliases',
    ],
  ])('refuses %s with QUERY_TOO_COMPLEX in well under a second', async (_, query, limit) => {
    const started = performance.now();
    const r = await hub.gql(clerk, query);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors).toEqual([{ message: expect.any(String), extensions: { code: 'QUERY_TOO_COMPLEX', limit } }]);
    // The hub answers the next request normally.
    expect((await hub.gql(clerk, '{ documents(first: 5) { totalCount } }')).data.documents.totalCount).toBe(3);
  });
});
