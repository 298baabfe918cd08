import {
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  fakePeers,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { Document } from './document.entity';
import { myQueue } from './document-query';
import { visibleDocuments } from './visibility';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const as = (login: string) => {
  const u = DEMO_USERS.find((x) => x.login === login)!;
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const clerk = as('mbk.clerk');
const handler = as('mbk.handler');

const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`;
const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
/** What municipalities and users would answer about Blansko's units and people (assignDocument asks them). */
const peers = fakePeers({
  OrgUnit: Object.fromEntries(BLANSKO.orgUnits.map((u) => [u.id, { id: u.id, active: true }])),
  User: Object.fromEntries(
    DEMO_USERS.filter((u) => u.municipalityId === BLANSKO.id).map((u) => [
      u.id,
      { id: u.id, active: true, roles: u.roles, orgUnit: u.orgUnitId ? { id: u.orgUnitId } : null },
    ]),
  ),
});
const received = (subject: string) => ({
  subject,
  origin: 'RECEIVED',
  deliveredAt: new Date().toISOString(),
  sender: { name: 'Jan Novák' },
});

// A caller who sees only part of the register gets the union of several conditions (handled, created, registered by
// them; their unit's queue): the pages must be exactly that union in the list order, each document once.
describe.each(testDatabaseKinds())('pages of a partial view on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const ok = async (caller: typeof clerk, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as any;
  };
  /** Every id of the caller's list, page by page. */
  const walk = async (
    caller: typeof clerk,
    field: 'documents' | 'myDocuments',
    first: number,
    filter?: Record<string, unknown>,
  ) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const args =
        field === 'documents' ? '$first: Int, $after: String, $filter: DocumentFilter' : '$first: Int, $after: String';
      const call =
        field === 'documents'
          ? 'documents(first: $first, after: $after, filter: $filter)'
          : 'myDocuments(first: $first, after: $after)';
      const page: any = (
        await ok(caller, `query(${args}) { ${call} { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, {
          first,
          after,
          filter,
        })
      )[field];
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  };
  /** The same list as one query with the OR (the reference the merged pages must equal). */
  const reference = async (scope: object, extra: object = {}) => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const rows = await em.find(
      Document,
      { $and: [scope, extra] },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    );
    return rows.map((d) => d.id);
  };

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true, peers });
    const handlerUnit = DEMO_USERS.find((u) => u.login === 'mbk.handler')!.orgUnitId!;
    for (let i = 0; i < 7; i++) {
      const id = (await ok(clerk, REGISTER, { i: received(`Podání ${i}`) })).registerDocument.document.id;
      // Some to the handler by name, some to the unit's queue, the rest nobody's (invisible to the handler).
      if (i % 3 === 0)
        await ok(
          clerk,
          `mutation { assignDocument(documentId: "${id}", orgUnitId: "${handlerUnit}", handlerId: "${handler.userId}") { document { id } } }`,
          {},
        );
      if (i % 3 === 1)
        await ok(
          clerk,
          `mutation { assignDocument(documentId: "${id}", orgUnitId: "${handlerUnit}") { document { id } } }`,
          {},
        );
    }
    // Created (drafts), and created and registered by the handler: one document in two branches.
    for (let i = 0; i < 4; i++) await ok(handler, DRAFT, { i: { subject: `Koncept ${i}` } });
    for (let i = 0; i < 3; i++) await ok(handler, REGISTER, { i: received(`Vlastní podání ${i}`) });
  });
  afterAll(() => t?.dispose());

  it('lists exactly what the caller sees, newest first, without skipping or repeating across pages', async () => {
    const expected = await reference(visibleDocuments(handler));
    expect(expected.length).toBe(3 + 2 + 4 + 3);
    for (const first of [1, 2, 5, 100]) expect(await walk(handler, 'documents', first)).toEqual(expected);
    // With a filter on top of the branches.
    const filtered = await walk(handler, 'documents', 2, { subjectContains: 'podání' });
    expect(filtered).toEqual(await reference(visibleDocuments(handler), { subjectFolded: { $like: '%podani%' } }));
    expect(filtered.length).toBe(3 + 2 + 3);
  });

  it('pages the queue (myDocuments) the same way', async () => {
    expect(await walk(handler, 'myDocuments', 2)).toEqual(await reference(myQueue(handler)));
  });
});
