// Text no field may hold (NUL, control characters, lone surrogates, bidi overrides) and out-of-range times are
// BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR, and nothing is written; error messages never echo
// a long input back. Through the gateway and directly at a subgraph, on SQLite and MariaDB.
import { AuditEvent, testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type GraphQLResponse, type Hub } from '../harness';

const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const LOGIN = 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }';

describe.each(testDatabaseKinds())('input validation on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  let admin: string;
  /** Every state change writes an audit event in its transaction: no new event, nothing written. */
  const events = async () =>
    (
      await Promise.all(
        (['users', 'filing'] as const).map((s) =>
          hub.subgraphs[s].orm.em.fork().count(AuditEvent, {}, { filters: false }),
        ),
      )
    ).join('/');
  const users = async () =>
    (await hub.subgraphs.users.orm.em.getConnection().execute('select count(*) as n from user_account'))[0].n;
  const documents = async () =>
    (await hub.subgraphs.filing.orm.em.getConnection().execute('select count(*) as n from document'))[0].n;

  beforeAll(async () => {
    hub = await startHub(kind);
    clerk = await hub.login('mbk.clerk');
    admin = await hub.login('mbk.admin');
  });
  afterAll(() => hub?.stop());

  function expectRefused(res: GraphQLResponse, field: string, message: RegExp) {
    expect(res.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  }

  it('a NUL in document(id), as a literal and as a variable', async () => {
    expectRefused(
      await hub.gql(clerk, '{ document(id: "6d0f1f7e-8a43-4f7e-9a55-3b1f2f0c\\u0000d11") { id } }'),
      'id',
      /NUL/,
    );
    expectRefused(
      await hub.gql(clerk, 'query($id: ID!) { document(id: $id) { id } }', { id: '6d0f1f7e\u0000' }),
      'id',
      /NUL/,
    );
  });

  it('a NUL in a login (anonymous sign-in)', async () => {
    expectRefused(await hub.gql(null, LOGIN, { l: 'mbk.clerk\u0000', p: 'blansko-demo' }), 'login', /NUL/);
  });

  it.each([
    ['a NUL in a name', { name: 'Jan\u0000 Novák' }, 'name', /NUL/],
    ['a NUL in a login', { login: 'mbk.no\u0000va' }, 'login', /NUL/],
    ['a bidi override in a name', { name: 'Jan \u202Ekávon' }, 'name', /bidirectional/],
    ['a lone surrogate in a name', { name: 'Jan \ud800Novák' }, 'name', /lone surrogate/],
    ['a line break in a name', { name: 'Jan\nNovák' }, 'name', /single line/],
  ])('createUser with %s: refused, no user, no event', async (_, change, field, message) => {
    const [u, e] = [await users(), await events()];
    const input = {
      login: 'mbk.novak',
      name: 'Jan Novák',
      password: 'a-long-password-2026',
      roles: ['CASE_HANDLER'],
      ...change,
    };
    expectRefused(await hub.gql(admin, CREATE_USER, { input }), field, message);
    expect([await users(), await events()]).toEqual([u, e]);
  });

  it.each([
    ['a NUL in the subject', received('Žádost\u0000 o kácení'), 'subject', /NUL/],
    ['a RIGHT-TO-LEFT OVERRIDE in the subject', received('Faktura \u202Efdp.exe'), 'subject', /bidirectional/],
    ['an isolate in the subject', received('Žádost \u2066x\u2069'), 'subject', /bidirectional/],
    ['a lone surrogate in the subject', received('Žádost \udc00'), 'subject', /lone surrogate/],
    ['a bell in the subject', received('Žádost \u0007'), 'subject', /control character/],
    [
      'a C1 control in the sender',
      received('Žádost', { sender: { name: 'Jan\u009b Novák' } }),
      'sender.name',
      /control character/,
    ],
    [
      'T24:00:00 in deliveredAt',
      received('Žádost', { deliveredAt: '2026-03-02T24:00:00+01:00' }),
      null,
      /out of range/,
    ],
  ])('registerDocument with %s: refused, no document, no event', async (_, input, field, message) => {
    const [d, e] = [await documents(), await events()];
    const res = await hub.gql(clerk, REGISTER, { input });
    if (field) expectRefused(res, field, message);
    else {
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(message);
    }
    expect([await documents(), await events()]).toEqual([d, e]);
  });

  it('line breaks in a multi-line text are fine; the same document registers once the text is clean', async () => {
    const [d] = [await documents()];
    const ok = await hub.gql(clerk, REGISTER, {
      input: received('Žádost o kácení', { sender: { name: 'Jan Novák', address: 'Komenského 1\n678 01 Blansko' } }),
    });
    expect(ok.errors).toBeUndefined();
    expect(await documents()).toBe(Number(d) + 1);
  });

  it('a subgraph refuses on its own too (a request that did not pass the gateway check)', async () => {
    const res = await hub.direct('filing', null, '{ document(id: "a\\u0000b") { id } }');
    expectRefused(res, 'id', /NUL/);
    const users = await hub.direct(
      'users',
      null,
      'mutation { login(login: "mbk.clerk\\u202E", password: "x") { token } }',
    );
    expectRefused(users, 'login', /bidirectional/);
  });

  it('a 100 kB bad input gets a short message, without the input', async () => {
    const long = 'x'.repeat(100_000);
    for (const [res, code] of [
      // NOT_FOUND echoes the id in its message and in extensions.id: both bounded.
      [
        await hub.gql(clerk, 'mutation($id: ID!) { acceptDocument(documentId: $id) { auditEventId } }', { id: long }),
        'NOT_FOUND',
      ],
      // graphql-js's coercion messages quote the value whole.
      [
        await hub.gql(clerk, 'query($n: Int) { documents(first: $n) { edges { node { id } } } }', { n: long }),
        'BAD_USER_INPUT',
      ],
      [await hub.gql(clerk, REGISTER, { input: received('Žádost', { origin: long }) }), 'BAD_USER_INPUT'],
      [
        await hub.gql(clerk, REGISTER, { input: received('Žádost', { deliveredAt: `2026-03-02T10:00:00Z${long}` }) }),
        'BAD_USER_INPUT',
      ],
    ] as const) {
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(res.errors?.[0].message).toMatch(/\w{4,}/);
      expect(JSON.stringify(res).length).toBeLessThan(1_000);
    }
  });
});
