import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  Role,
  inTransaction,
  recordAudit,
  scopeToTenant,
  verifyAccessToken,
  verifyPassword,
  type Caller,
} from '@hub/kit';
import { fakePeers } from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { UsersContext } from './context';
import { users } from './index';
import { ApiClient } from './modules/users/api-client.entity';

const TOKEN_SECRET = 'users-test-token-secret-0123456789abcdef';
process.env.HUB_TOKEN_SECRET = TOKEN_SECRET;

const municipality = (abbreviation: string) => DEMO_MUNICIPALITIES.find((m) => m.abbreviation === abbreviation)!;
const BLANSKO = municipality('MBK');
const ADAMOV = municipality('OUADA');
const as = (login: string): Caller => {
  const u = DEMO_USERS.find((d) => d.login === login)!;
  return testCaller(u.municipalityId, u.roles, u.login, u.id);
};
const blanskoAdmin = as('mbk.admin');
const adamovAdmin = testCaller(ADAMOV.id, [Role.TENANT_ADMIN], 'ouada.admin');

const CLIENT_FIELDS = 'id name login roles active createdAt rotatedAt revokedAt';
const CREATE = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId secret client { ${CLIENT_FIELDS} } } }`;
const ROTATE = `mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientId secret client { ${CLIENT_FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiClient(id: $id) { ${CLIENT_FIELDS} } }`;
const LIST = `{ apiClients { ${CLIENT_FIELDS} } }`;
const LOGIN = `mutation($clientId: ID!, $secret: String!) {
  loginApiClient(clientId: $clientId, secret: $secret) { token expiresAt user { id login name roles active municipality { id } orgUnit { id } } }
}`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id login active roles } } }`;
const TRAIL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail {
  usersEvents { eventType objectType objectId actorLogin actor { id login } changes { name old new } }
} } }`;

type Result = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (res: Result) => res.errors?.[0]?.extensions?.code;

describe.each(testDatabaseKinds())('API clients on %s', (kind) => {
  let t: TestSubgraph<UsersContext>;
  beforeAll(async () => {
    // The municipalities subgraph as far as API clients need it: every municipality's abbreviation (login prefix).
    const peers = fakePeers({
      Municipality: Object.fromEntries(
        DEMO_MUNICIPALITIES.map((m) => [m.id, { id: m.id, abbreviation: m.abbreviation }]),
      ),
    });
    t = await startTestSubgraph(users, kind, { seedDemo: true, peers });
  });
  afterAll(() => t?.dispose());

  const ok = async (caller: Caller | null, query: string, variables?: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const create = async (name: string, roles: Role[] = [Role.INTAKE_CLERK], caller = blanskoAdmin) =>
    (await ok(caller, CREATE, { input: { name, roles } })).createApiClient;
  const signIn = (clientId: string, secret: string) => t.run(null, LOGIN, { clientId, secret });
  const clientsWritten = () => t.orm.em.fork().count(ApiClient, {}, { filters: false });

  it('creates a client whose secret is shown once and stored only as a hash', async () => {
    const created = await create('Spisová služba – ISDS konektor', [Role.INTAKE_CLERK, Role.DISPATCH_CLERK]);
    expect(created.client).toMatchObject({
      name: 'Spisová služba – ISDS konektor',
      login: 'mbk.api.spisova-sluzba-isds-konektor',
      roles: [Role.INTAKE_CLERK, Role.DISPATCH_CLERK],
      active: true,
      rotatedAt: null,
      revokedAt: null,
    });
    expect(created.clientId).toBe(created.client.id);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.orm.em.fork().findOneOrFail(ApiClient, { id: created.clientId }, { filters: false });
    expect(row.secretHash).not.toContain(created.secret);
    expect(await verifyPassword(created.secret, row.secretHash)).toBe(true);
    expect(row).toMatchObject({ municipalityId: BLANSKO.id, createdById: blanskoAdmin.userId });
    // Listed for the admin, without the secret (the type has no such field).
    const { apiClients } = await ok(blanskoAdmin, LIST);
    expect(apiClients.map((c: { id: string }) => c.id)).toContain(created.clientId);
  });

  it('signs in with the secret: a one-hour token carrying the client as the caller, resolving as an active User', async () => {
    const created = await create('Agenda přestupků', [Role.CASE_HANDLER]);
    const before = Date.now();
    const res = await signIn(created.clientId, created.secret);
    expect(res.errors).toBeUndefined();
    const result = res.data!.loginApiClient;
    expect(await verifyAccessToken(result.token, TOKEN_SECRET)).toEqual({
      userId: created.clientId,
      login: 'mbk.api.agenda-prestupku',
      name: 'Agenda přestupků',
      municipalityId: BLANSKO.id,
      roles: [Role.CASE_HANDLER],
      orgUnitId: null,
    });
    const ttl = new Date(result.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(3600_000 - 5_000);
    expect(ttl).toBeLessThanOrEqual(3600_000 + 1_000);
    expect(result.user).toEqual({
      id: created.clientId,
      login: 'mbk.api.agenda-prestupku',
      name: 'Agenda přestupků',
      roles: [Role.CASE_HANDLER],
      active: true,
      municipality: { id: BLANSKO.id },
      orgUnit: null,
    });
    // What the gateway's account check asks, as the client itself.
    const caller = (await verifyAccessToken(result.token, TOKEN_SECRET))!;
    const { _entities } = await ok(caller, ENTITIES, { r: [{ __typename: 'User', id: created.clientId }] });
    expect(_entities).toEqual([
      { id: created.clientId, login: 'mbk.api.agenda-prestupku', active: true, roles: [Role.CASE_HANDLER] },
    ]);
    expect((await ok(caller, '{ me { login } }')).me.login).toBe('mbk.api.agenda-prestupku');
  });

  it('gives the same UNAUTHENTICATED answer for a wrong secret, an unknown client and a revoked client', async () => {
    const created = await create('Wrong secret app');
    const wrong = await signIn(created.clientId, 'x'.repeat(43));
    const unknown = await signIn('00000000-0000-4000-8000-000000000000', created.secret);
    await ok(blanskoAdmin, REVOKE, { id: created.clientId });
    const revoked = await signIn(created.clientId, created.secret);
    for (const res of [wrong, unknown, revoked]) {
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0].message).toBe(wrong.errors![0].message);
    }
  });

  it('rotates the secret: the old one stops working, the new one works', async () => {
    const created = await create('Rotated app');
    const { rotateApiClientSecret: rotated } = await ok(blanskoAdmin, ROTATE, { id: created.clientId });
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.client.rotatedAt).not.toBeNull();
    expect(codeOf(await signIn(created.clientId, created.secret))).toBe('UNAUTHENTICATED');
    expect((await signIn(created.clientId, rotated.secret)).errors).toBeUndefined();
  });

  it('revokes a client: inactive as a User (the gateway then refuses its tokens), idempotent', async () => {
    const created = await create('Revoked app');
    const { token } = (await signIn(created.clientId, created.secret)).data!.loginApiClient;
    const caller = (await verifyAccessToken(token, TOKEN_SECRET))!;
    const { revokeApiClient: revoked } = await ok(blanskoAdmin, REVOKE, { id: created.clientId });
    expect(revoked).toMatchObject({ active: false });
    expect(revoked.revokedAt).not.toBeNull();
    expect(
      (await ok(caller, ENTITIES, { r: [{ __typename: 'User', id: created.clientId }] }))._entities[0].active,
    ).toBe(false);
    expect((await ok(blanskoAdmin, REVOKE, { id: created.clientId })).revokeApiClient.revokedAt).toBe(
      revoked.revokedAt,
    );
    expect(codeOf(await t.run(blanskoAdmin, ROTATE, { id: created.clientId }))).toBe('CONFLICT');
  });

  it('validates name and roles, and keeps logins unique', async () => {
    const before = await clientsWritten();
    const refused = async (input: Record<string, unknown>) => {
      const res = await t.run(blanskoAdmin, CREATE, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    };
    await refused({ name: 'Admin app', roles: [Role.TENANT_ADMIN] });
    await refused({ name: 'Platform app', roles: [Role.INTAKE_CLERK, Role.PLATFORM_ADMIN] });
    await refused({ name: 'No roles', roles: [] });
    await refused({ name: 'Twice', roles: [Role.AUDITOR, Role.AUDITOR] });
    await refused({ name: '   ', roles: [Role.AUDITOR] });
    await refused({ name: '–––', roles: [Role.AUDITOR] });
    await refused({ name: 'x'.repeat(101), roles: [Role.AUDITOR] });
    expect(await clientsWritten()).toBe(before);
    await create('Unique app');
    // The same name in the same municipality is taken …
    expect(codeOf(await t.run(blanskoAdmin, CREATE, { input: { name: 'unique APP', roles: [Role.AUDITOR] } }))).toBe(
      'CONFLICT',
    );
    // … but another municipality's names are its own: Adamov's client gets a login in Adamov's namespace, and
    // learns nothing about Blansko's.
    expect(
      (await ok(adamovAdmin, CREATE, { input: { name: 'unique APP', roles: [Role.AUDITOR] } })).createApiClient.client
        .login,
    ).toBe('ouada.api.unique-app');
    // A user cannot take a client's login either.
    const userInput = {
      login: 'mbk.api.unique-app',
      name: 'Person',
      password: 'long-enough-password',
      roles: [Role.AUDITOR],
    };
    expect(
      codeOf(
        await t.run(blanskoAdmin, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
          input: userInput,
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('keeps clients to their municipality and to tenant admins', async () => {
    const created = await create('Blansko only');
    expect(codeOf(await t.run(adamovAdmin, REVOKE, { id: created.clientId }))).toBe('NOT_FOUND');
    expect(codeOf(await t.run(adamovAdmin, ROTATE, { id: created.clientId }))).toBe('NOT_FOUND');
    expect((await ok(adamovAdmin, LIST)).apiClients.map((c: { id: string }) => c.id)).not.toContain(created.clientId);
    expect((await ok(adamovAdmin, ENTITIES, { r: [{ __typename: 'User', id: created.clientId }] }))._entities).toEqual([
      null,
    ]);
    const handler = testCaller(BLANSKO.id, [Role.CASE_HANDLER]);
    expect(codeOf(await t.run(handler, CREATE, { input: { name: 'Mine', roles: [Role.CASE_HANDLER] } }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await t.run(handler, LIST))).toBe('FORBIDDEN');
    expect(codeOf(await t.run(handler, REVOKE, { id: created.clientId }))).toBe('FORBIDDEN');
    expect(codeOf(await t.run(as('platform.admin'), LIST))).toBe('FORBIDDEN');
    expect(codeOf(await t.run(null, CREATE, { input: { name: 'Anon', roles: [Role.AUDITOR] } }))).toBe(
      'UNAUTHENTICATED',
    );
    // Still active: nothing above changed it.
    expect((await signIn(created.clientId, created.secret)).errors).toBeUndefined();
  });

  it('audits creation, rotation and revocation under the admin, never with the secret; the client acts under its own name', async () => {
    const created = await create('Audited app', [Role.AUDITOR]);
    await ok(blanskoAdmin, ROTATE, { id: created.clientId });
    await ok(blanskoAdmin, REVOKE, { id: created.clientId });
    const events = (await ok(blanskoAdmin, TRAIL, { r: [{ __typename: 'AuditTrail', objectId: created.clientId }] }))
      ._entities[0].usersEvents;
    expect(events.map((e: any) => [e.eventType, e.objectType, e.actorLogin, e.actor?.login])).toEqual([
      ['Zalozeni', 'Osoba', 'mbk.admin', 'mbk.admin'],
      ['Uprava', 'Osoba', 'mbk.admin', 'mbk.admin'],
      ['Uprava', 'Osoba', 'mbk.admin', 'mbk.admin'],
    ]);
    expect(events[0].changes).toEqual([
      { name: 'login', old: null, new: 'mbk.api.audited-app' },
      { name: 'name', old: null, new: 'Audited app' },
      { name: 'roles', old: null, new: Role.AUDITOR },
    ]);
    expect(events[1].changes.map((c: any) => c.name)).toEqual(['rotatedAt']);
    expect(events[2].changes).toEqual([{ name: 'active', old: 'true', new: 'false' }]);
    const stored = await t.orm.em.fork().find(AuditEvent, { objectId: created.clientId }, { filters: false });
    expect(JSON.stringify(stored)).not.toContain('scrypt');
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    // An event a client's request writes names the client as its actor, resolved as a User.
    const other = await create('Actor app', [Role.AUDITOR]);
    const client = (await verifyAccessToken(
      (await signIn(other.clientId, other.secret)).data!.loginApiClient.token,
      TOKEN_SECRET,
    ))!;
    const objectId = '00000000-0000-4000-8000-00000000a11c';
    await inTransaction(scopeToTenant(t.orm.em.fork(), BLANSKO.id), (tx) =>
      recordAudit(tx, client, { municipalityId: BLANSKO.id, eventType: 'Uprava', objectType: 'Osoba', objectId }),
    );
    const trail = (await ok(blanskoAdmin, TRAIL, { r: [{ __typename: 'AuditTrail', objectId }] }))._entities[0]
      .usersEvents;
    expect(trail.map((e: any) => [e.actorLogin, e.actor])).toEqual([
      ['mbk.api.actor-app', { id: other.clientId, login: 'mbk.api.actor-app' }],
    ]);
  });
});
