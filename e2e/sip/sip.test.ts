// SIPs through the gateway (issue 11 items 2 and 3): the route reaches filing with the caller's assertion, filing
// reads the municipality and the people from their owners through federation (the route's peers), checks the
// archive's content rules and answers what blocks the package (409, rule ids) — a document settled today has not
// served its retention; the same list through GraphQL (`archiveReadiness`); roles and municipalities are enforced.
import { DEMO_MUNICIPALITIES, demoId, testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);
const step = (mutation: string, args: string) => `mutation { ${mutation}(${args}) { document { id state } } }`;

describe.each(testDatabaseKinds())('SIP route through the gateway on %s', (kind) => {
  let hub: Hub;
  let sipUrl: string;
  beforeAll(async () => {
    hub = await startHub(kind);
    sipUrl = hub.url.replace(/\/graphql$/, '/exports/sip');
  });
  afterAll(() => hub?.stop());

  const get = (token: string | null, id: string, profile = 'metadata') =>
    fetch(`${sipUrl}?id=${encodeURIComponent(id)}&profile=${profile}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('refuses a document whose retention has not expired, naming the rule; enforces roles and municipalities', async () => {
    const [clerk, handler, records, adamovRecords] = await Promise.all(
      ['mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.records'].map((l) => hub.login(l)),
    );
    const handlerId = (await hub.gql(handler, '{ me { id } }')).data.me.id;
    // A letter on paper, its sheets counted at the podatelna.
    const reg = await hub.gql(clerk, REGISTER, {
      input: received('Stížnost na hluk', { form: 'ANALOG', sheetCount: 2, attachmentCount: 0 }),
    });
    const id = reg.data.registerDocument.document.id;
    expect(
      (
        await hub.gql(
          clerk,
          step(
            'assignDocument',
            `documentId: "${id}", orgUnitId: "${blansko.orgUnits[1].id}", handlerId: "${handlerId}"`,
          ),
        )
      ).errors,
    ).toBeUndefined();
    expect((await hub.gql(handler, step('acceptDocument', `documentId: "${id}"`))).errors).toBeUndefined();
    expect(
      (await hub.gql(handler, step('classifyDocument', `documentId: "${id}", filingPlanNodeId: "${node('616')}"`)))
        .errors,
    ).toBeUndefined();
    expect(
      (await hub.gql(handler, step('settleDocument', `documentId: "${id}", input: { method: ACKNOWLEDGED }`))).errors,
    ).toBeUndefined();

    const res = await get(records, id);
    expect(res.status).toBe(409);
    const body = (await res.json()) as {
      errors: { extensions: { code: string; problems: { rule: string; message: string }[] } }[];
    };
    expect(body.errors[0].extensions.code).toBe('CONFLICT');
    // A paper document not in the records office has no storage unit (obs85); S/5 from settlement this year has not
    // expired (obs64). Everything else held, including its quantity (obs61), the municipality's IČO read from the
    // municipalities subgraph (obs92) and the handler's name from users.
    expect(body.errors[0].extensions.problems.map((p) => p.rule)).toEqual(['obs85', 'obs64']);

    const readiness = await hub.gql(
      records,
      `query($id: ID!) { document(id: $id) { archiveReadiness { ready problems { rule } } sipDownloadPath(profile: METADATA) } }`,
      { id },
    );
    expect(readiness.errors).toBeUndefined();
    expect(readiness.data.document).toEqual({
      archiveReadiness: { ready: false, problems: [{ rule: 'obs85' }, { rule: 'obs64' }] },
      sipDownloadPath: `/exports/sip?id=${id}&profile=metadata`,
    });

    expect((await get(null, id)).status).toBe(401);
    expect((await get(handler, id)).status).toBe(403);
    expect((await get(adamovRecords, id)).status).toBe(404);
    expect((await get(records, id, 'everything')).status).toBe(400);
  });
});
