// Bad input gets a clear error with a stable code and writes nothing; internal errors never leak.
import { AuditEvent, asDatabaseOwner, testDatabaseKinds } from '@hub/kit';
import { REGISTER, postJson, received, startHub, type Hub } from '../harness';

describe.each(testDatabaseKinds())('errors on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  const written = () => hub.subgraphs.filing.orm.em.fork().count(AuditEvent, {}, { filters: false });

  beforeAll(async () => {
    hub = await startHub(kind);
    clerk = await hub.login('mbk.clerk');
  });
  afterAll(() => hub?.stop());

  it.each([
    ['an empty subject', received('   '), 'BAD_USER_INPUT'],
    ['a 100 kB subject', received('x'.repeat(100_000)), 'BAD_USER_INPUT'],
    ['a date in the wrong format', received('Žádost', { deliveredAt: '02.03.2026 09:15' }), 'BAD_USER_INPUT'],
    ['a date that does not exist', received('Žádost', { deliveredAt: '2026-02-30T10:00:00Z' }), 'BAD_USER_INPUT'],
    ['a received document without sender', received('Žádost', { sender: undefined }), 'BAD_USER_INPUT'],
    ['an unknown register', received('Žádost', { registerId: '6d0f1f7e-8a43-4f7e-9a55-3b1f2f0c9d11' }), 'NOT_FOUND'],
  ])('%s → %s, nothing written', async (_, input, code) => {
    const before = await written();
    const res = await hub.gql(clerk, REGISTER, { input });
    expect(res.data?.registerDocument ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toMatch(/\w{4,}/);
    expect(await written()).toBe(before);
  });

  it('a 10 MB request is refused before it is read', async () => {
    const before = await written();
    const res = await hub.gql(clerk, REGISTER, { input: received('x'.repeat(10 * 1024 * 1024)) });
    expect(res.status).toBe(413);
    expect(res.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await written()).toBe(before);
  });

  it('no token, a forged token: UNAUTHENTICATED', async () => {
    const anonymous = await hub.gql(null, REGISTER, { input: received('Žádost') });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await hub.gql(clerk.slice(0, -3) + 'AAA', '{ me { id } }');
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a wrong role: FORBIDDEN', async () => {
    const records = await hub.login('mbk.records');
    const res = await hub.gql(records, REGISTER, { input: received('Žádost') });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('malformed requests get GraphQL errors, not stack traces', async () => {
    const parse = await postJson(hub.url, { query: '{ documents(first: 1) { ' }, { authorization: `Bearer ${clerk}` });
    expect(parse.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await hub.gql(clerk, '{ documents(first: 1) { edges { node { password } } } }');
    expect(unknown.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(unknown)).not.toMatch(/stacktrace/);
  });

  // Last: breaks the filing database on purpose.
  it('an internal failure is masked: no SQL, no stack trace, no driver message', async () => {
    // With schema rights (the subgraph's own MariaDB account has none).
    await asDatabaseOwner(hub.subgraphs.filing.orm, (exec) => exec('drop table document').then(() => undefined));
    const res = await hub.gql(clerk, `{ documents(first: 5) { totalCount } }`);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(res)).not.toMatch(/select|document`|no such table|doesn't exist|stack|\.ts:/i);
  });
});
