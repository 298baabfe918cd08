import {
  AuditEvent,
  DEMO_BACKUP_CLIENTS,
  DEMO_MUNICIPALITIES,
  DEMO_PASSWORD,
  DEMO_USERS,
  Role,
  verifyAccessToken,
  type Caller,
  type Peers,
} from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { UsersContext } from './context';
import { users } from './index';
import { PlatformOperator } from './modules/users/platform-operator.entity';
import { User } from './modules/users/user.entity';

const TOKEN_SECRET = 'users-test-token-secret-0123456789abcdef';
process.env.HUB_TOKEN_SECRET = TOKEN_SECRET;
const PASSWORD = process.env.HUB_DEMO_PASSWORD || DEMO_PASSWORD;

const municipality = (abbreviation: string) => DEMO_MUNICIPALITIES.find((m) => m.abbreviation === abbreviation)!;
const BLANSKO = municipality('MBK');
const ADAMOV = municipality('OUADA');
const LUBE = municipality('OULUB');

/** A municipality the platform admin has just created: no users yet. */
const NEW_MUNICIPALITY = { id: '00000000-0000-4000-8000-0000000005e1', abbreviation: 'OUSVI' };

const demoUser = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
/** The caller the gateway would assert for a demo user. */
const as = (login: string): Caller => {
  const u = demoUser(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id);
};
const blanskoAdmin = as('mbk.admin');
const platformAdmin = as('platform.admin');

/**
 * Stands in for the municipalities subgraph: every municipality resolves for a signed-in caller, an org
 * unit only for a caller of its own municipality (as that subgraph's tenant filter decides). `Peers` does
 * not carry the caller, so `actAs` sets it before each request.
 */
function fakeMunicipalities() {
  let viewer: Caller | null = null;
  /** Simulates a municipalities subgraph that wrongly answers for other municipalities' units. */
  let leaky = false;
  const units = new Map(DEMO_MUNICIPALITIES.flatMap((m) => m.orgUnits.map((u) => [u.id, m.id] as const)));
  const peers: Peers = {
    async entities<T>(subgraph: string, typename: string, ids: string[]) {
      if (subgraph !== 'municipalities' || !viewer) return ids.map(() => null);
      return ids.map((id) => {
        if (typename === 'Municipality') {
          const m = [...DEMO_MUNICIPALITIES, NEW_MUNICIPALITY].find((d) => d.id === id);
          return m ? ({ id, abbreviation: m.abbreviation } as T) : null;
        }
        if (typename === 'OrgUnit' && units.has(id) && (leaky || units.get(id) === viewer!.municipalityId))
          return { id, municipality: { id: units.get(id) } } as T;
        return null;
      });
    },
  };
  return {
    peers,
    actAs: (caller: Caller | null) => void (viewer = caller),
    setLeaky: (value: boolean) => void (leaky = value),
  };
}

const USER_FIELDS = 'id login name roles active municipality { id } orgUnit { id }';
const LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { token expiresAt user { ${USER_FIELDS} } }
}`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const DISABLE = `mutation($id: ID!) { disableUser(id: $id) { ${USER_FIELDS} } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${USER_FIELDS} } } }`;
const TRAIL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail {
  usersEvents { eventType objectType objectId actorLogin actor { id login } description changes { name old new } source }
} } }`;

type Result = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (res: Result) => res.errors?.[0]?.extensions?.code;

describe.each(testDatabaseKinds())('users subgraph on %s', (kind) => {
  const municipalities = fakeMunicipalities();
  let t: TestSubgraph<UsersContext>;

  beforeAll(async () => {
    t = await startTestSubgraph(users, kind, { seedDemo: true, peers: municipalities.peers });
  });
  afterAll(() => t?.dispose());

  const run = (caller: Caller | null, query: string, variables?: Record<string, unknown>): Promise<Result> => {
    municipalities.actAs(caller);
    return t.run(caller, query, variables);
  };
  const ok = async (caller: Caller | null, query: string, variables?: Record<string, unknown>) => {
    const res = await run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const login = (name: string, password = PASSWORD) => run(null, LOGIN, { login: name, password });
  /** Rows of every municipality, bypassing the tenant filter: "nothing written" must hold for all of them. */
  const written = async () => {
    const em = t.orm.em.fork();
    return {
      users: await em.count(User, {}, { filters: false }),
      operators: await em.count(PlatformOperator, {}),
      events: await em.count(AuditEvent, {}, { filters: false }),
    };
  };
  const trailOf = async (caller: Caller, objectId: string) =>
    (await ok(caller, TRAIL, { r: [{ __typename: 'AuditTrail', objectId }] }))._entities[0].usersEvents;

  it('seeds every demo user once, with a creation event per municipality user', async () => {
    const tenantUsers = DEMO_USERS.filter((u) => u.municipalityId).length;
    // Plus one creation event per backup client of the backup-only municipalities (they have no users).
    const events = tenantUsers + DEMO_BACKUP_CLIENTS.length;
    expect(await written()).toEqual({ users: tenantUsers, operators: 1, events });
    await users.seedDemo!(t.orm);
    expect(await written()).toEqual({ users: tenantUsers, operators: 1, events });
  });

  describe('login', () => {
    it('returns a token the gateway accepts, carrying the municipality and roles', async () => {
      const before = Date.now();
      const { login: result } = await ok(null, LOGIN, { login: 'mbk.admin', password: PASSWORD });
      const caller = await verifyAccessToken(result.token, TOKEN_SECRET);
      // With the person's name, for the transaction log's provedlKdo.
      expect(caller).toEqual({
        userId: demoUser('mbk.admin').id,
        login: 'mbk.admin',
        name: demoUser('mbk.admin').name,
        municipalityId: BLANSKO.id,
        roles: [Role.TENANT_ADMIN, Role.RECORDS_MANAGER],
        orgUnitId: BLANSKO.orgUnits[0].id,
      });
      expect(await verifyAccessToken(result.token, 'another-secret-of-at-least-32-characters!')).toBeNull();
      expect(new Date(result.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 8 * 3600_000 - 1000);
      expect(result.user).toMatchObject({
        login: 'mbk.admin',
        municipality: { id: BLANSKO.id },
        orgUnit: { id: BLANSKO.orgUnits[0].id },
        active: true,
      });
    });

    it('signs in platform operators without a municipality, and accepts the login in any letter case', async () => {
      const { login: result } = await ok(null, LOGIN, { login: 'Platform.Admin', password: PASSWORD });
      expect(await verifyAccessToken(result.token, TOKEN_SECRET)).toMatchObject({
        login: 'platform.admin',
        municipalityId: null,
        roles: [Role.PLATFORM_ADMIN],
      });
      expect(result.user).toMatchObject({
        id: demoUser('platform.admin').id,
        roles: [Role.PLATFORM_ADMIN],
        municipality: null,
        orgUnit: null,
      });
    });

    it('gives the same UNAUTHENTICATED answer for a wrong password and an unknown login', async () => {
      for (const res of [await login('mbk.clerk', 'not-the-password'), await login('nobody.here', PASSWORD)]) {
        expect(res.data).toBeNull();
        expect(res.errors).toEqual([
          expect.objectContaining({ message: 'Wrong login or password', extensions: { code: 'UNAUTHENTICATED' } }),
        ]);
      }
    });

    it('refuses over-long input as BAD_USER_INPUT', async () => {
      expect(codeOf(await login('a'.repeat(65)))).toBe('BAD_USER_INPUT');
      expect(codeOf(await login('mbk.clerk', 'p'.repeat(201)))).toBe('BAD_USER_INPUT');
    });
  });

  describe('me, users and user', () => {
    it('me is the caller’s own record, for tenant users and platform operators', async () => {
      expect((await ok(as('mbk.handler'), `{ me { ${USER_FIELDS} } }`)).me).toEqual({
        id: demoUser('mbk.handler').id,
        login: 'mbk.handler',
        name: demoUser('mbk.handler').name,
        roles: [Role.CASE_HANDLER],
        active: true,
        municipality: { id: BLANSKO.id },
        orgUnit: { id: demoUser('mbk.handler').orgUnitId },
      });
      expect((await ok(platformAdmin, '{ me { login roles municipality { id } } }')).me).toEqual({
        login: 'platform.admin',
        roles: [Role.PLATFORM_ADMIN],
        municipality: null,
      });
      expect(codeOf(await run(testCaller(BLANSKO.id, [Role.CASE_HANDLER]), '{ me { id } }'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await run(null, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    });

    it('users lists the own municipality only, by name; platform admins are refused', async () => {
      const list = (await ok(as('ouada.clerk'), '{ users { login name municipality { id } } }')).users as {
        login: string;
        name: string;
        municipality: { id: string };
      }[];
      expect(list.map((u) => u.login).sort()).toEqual(
        DEMO_USERS.filter((u) => u.municipalityId === ADAMOV.id)
          .map((u) => u.login)
          .sort(),
      );
      expect(list.every((u) => u.municipality.id === ADAMOV.id)).toBe(true);
      expect(list.map((u) => u.name)).toEqual([...list.map((u) => u.name)].sort((a, b) => a.localeCompare(b, 'cs')));
      expect(codeOf(await run(platformAdmin, '{ users { id } }'))).toBe('FORBIDDEN');
    });

    it('user(id) finds a colleague, and null for another municipality’s user', async () => {
      const q = 'query($id: ID!) { user(id: $id) { login } }';
      expect((await ok(as('ouada.clerk'), q, { id: demoUser('ouada.admin').id })).user).toEqual({
        login: 'ouada.admin',
      });
      expect((await ok(as('ouada.clerk'), q, { id: demoUser('mbk.admin').id })).user).toBeNull();
    });
  });

  describe('createUser', () => {
    const input = (fields: Record<string, unknown> = {}) => ({
      login: 'mbk.novak',
      name: '  Jan Novák  ',
      password: 'correct horse battery',
      roles: [Role.CASE_HANDLER],
      orgUnitId: BLANSKO.orgUnits[1].id,
      ...fields,
    });

    it('lets a tenant admin create a user of its own municipality, audited without the password', async () => {
      const before = await written();
      const created = (await ok(blanskoAdmin, CREATE, { input: input({ municipalityId: BLANSKO.id }) })).createUser;
      expect(created).toMatchObject({
        login: 'mbk.novak',
        name: 'Jan Novák',
        roles: [Role.CASE_HANDLER],
        active: true,
        municipality: { id: BLANSKO.id },
        orgUnit: { id: BLANSKO.orgUnits[1].id },
      });
      expect(await written()).toEqual({ ...before, users: before.users + 1, events: before.events + 1 });

      const [event] = await trailOf(blanskoAdmin, created.id);
      expect(event).toMatchObject({
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: created.id,
        actorLogin: 'mbk.admin',
        actor: { id: blanskoAdmin.userId, login: 'mbk.admin' },
        source: 'users',
      });
      expect(event.changes).toEqual([
        { name: 'login', old: null, new: 'mbk.novak' },
        { name: 'name', old: null, new: 'Jan Novák' },
        { name: 'roles', old: null, new: 'CASE_HANDLER' },
        { name: 'orgUnitId', old: null, new: BLANSKO.orgUnits[1].id },
      ]);
      expect(JSON.stringify(event)).not.toMatch(/horse|scrypt/);

      const { login: session } = await ok(null, LOGIN, { login: 'mbk.novak', password: 'correct horse battery' });
      expect(await verifyAccessToken(session.token, TOKEN_SECRET)).toMatchObject({
        userId: created.id,
        municipalityId: BLANSKO.id,
        roles: [Role.CASE_HANDLER],
      });
    });

    const refusals: [string, () => Caller, Record<string, unknown>, string][] = [
      [
        'a user of another municipality',
        () => blanskoAdmin,
        input({ login: 'mbk.other', municipalityId: ADAMOV.id }),
        'FORBIDDEN',
      ],
      [
        'the PLATFORM_ADMIN role',
        () => blanskoAdmin,
        input({ login: 'mbk.root', roles: [Role.PLATFORM_ADMIN] }),
        'BAD_USER_INPUT',
      ],
      ['a login taken in the own municipality', () => blanskoAdmin, input({ login: 'mbk.clerk' }), 'CONFLICT'],
      [
        'a login of another municipality’s namespace, taken',
        () => blanskoAdmin,
        input({ login: 'ouada.clerk' }),
        'BAD_USER_INPUT',
      ],
      [
        'a login of another municipality’s namespace, free',
        () => blanskoAdmin,
        input({ login: 'ouada.nobody' }),
        'BAD_USER_INPUT',
      ],
      ['a login outside any namespace', () => blanskoAdmin, input({ login: 'novak' }), 'BAD_USER_INPUT'],
      ['a login that is only the prefix', () => blanskoAdmin, input({ login: 'mbk.' }), 'BAD_USER_INPUT'],
      ['a platform operator’s login', () => blanskoAdmin, input({ login: 'platform.admin' }), 'BAD_USER_INPUT'],
      ['a short password', () => blanskoAdmin, input({ login: 'mbk.short', password: 'short' }), 'BAD_USER_INPUT'],
      [
        'another municipality’s org unit',
        () => blanskoAdmin,
        input({ login: 'mbk.unit', orgUnitId: ADAMOV.orgUnits[0].id }),
        'BAD_USER_INPUT',
      ],
      ['a malformed login', () => blanskoAdmin, input({ login: 'Mbk Novak' }), 'BAD_USER_INPUT'],
      ['a blank name', () => blanskoAdmin, input({ login: 'mbk.blank', name: '   ' }), 'BAD_USER_INPUT'],
      ['no roles', () => blanskoAdmin, input({ login: 'mbk.noroles', roles: [] }), 'BAD_USER_INPUT'],
      [
        'a repeated role',
        () => blanskoAdmin,
        input({ login: 'mbk.twice', roles: [Role.CASE_HANDLER, Role.CASE_HANDLER] }),
        'BAD_USER_INPUT',
      ],
      ['a caller who is not an admin', () => as('mbk.handler'), input({ login: 'mbk.byhandler' }), 'FORBIDDEN'],
      [
        'a platform admin creating a CASE_HANDLER',
        () => platformAdmin,
        input({ login: 'oulub.handler2', orgUnitId: null, municipalityId: LUBE.id }),
        'FORBIDDEN',
      ],
      [
        'a platform admin creating a second TENANT_ADMIN',
        () => platformAdmin,
        input({ login: 'oulub.admin2', orgUnitId: null, roles: [Role.TENANT_ADMIN], municipalityId: LUBE.id }),
        'FORBIDDEN',
      ],
      [
        'a platform admin naming no municipality',
        () => platformAdmin,
        input({ login: 'oulub.admin2', orgUnitId: null, roles: [Role.TENANT_ADMIN] }),
        'BAD_USER_INPUT',
      ],
      [
        'a platform admin naming an unknown municipality',
        () => platformAdmin,
        input({
          login: 'x.admin2',
          orgUnitId: null,
          roles: [Role.TENANT_ADMIN],
          municipalityId: '00000000-0000-4000-8000-000000000000',
        }),
        'BAD_USER_INPUT',
      ],
      [
        'a platform admin assigning an org unit',
        () => platformAdmin,
        input({
          login: 'oulub.admin3',
          roles: [Role.TENANT_ADMIN],
          municipalityId: LUBE.id,
          orgUnitId: LUBE.orgUnits[0].id,
        }),
        'BAD_USER_INPUT',
      ],
    ];
    it.each(refusals)('refuses %s and writes nothing', async (_, caller, fields, code) => {
      const before = await written();
      const res = await run(caller(), CREATE, { input: fields });
      expect(codeOf(res)).toBe(code);
      expect(res.data).toBeNull();
      expect(await written()).toEqual(before);
    });

    it('refuses another municipality’s org unit even when the municipalities subgraph answers for it', async () => {
      municipalities.setLeaky(true);
      try {
        const before = await written();
        expect(
          codeOf(
            await run(blanskoAdmin, CREATE, { input: input({ login: 'mbk.leak', orgUnitId: ADAMOV.orgUnits[0].id }) }),
          ),
        ).toBe('BAD_USER_INPUT');
        expect(await written()).toEqual(before);
      } finally {
        municipalities.setLeaky(false);
      }
    });

    it('lets exactly one of two concurrent creations of the same login through', async () => {
      const before = await written();
      const results = await Promise.all(
        [1, 2].map(() => run(blanskoAdmin, CREATE, { input: input({ login: 'mbk.race' }) })),
      );
      expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
      expect(await written()).toEqual({ ...before, users: before.users + 1, events: before.events + 1 });
    });

    it('lets a platform admin create the first tenant admin of a municipality, once, even when asked twice at once', async () => {
      const before = await written();
      const first = (login: string) => ({
        input: {
          login,
          name: 'Starosta Svinošic',
          password: 'a-long-enough-password',
          roles: [Role.TENANT_ADMIN],
          municipalityId: NEW_MUNICIPALITY.id,
        },
      });
      // Namespaced like everyone else's.
      expect(codeOf(await run(platformAdmin, CREATE, first('oulub.starosta')))).toBe('BAD_USER_INPUT');
      const results = await Promise.all([
        run(platformAdmin, CREATE, first('ousvi.starosta')),
        run(platformAdmin, CREATE, first('ousvi.mistostarosta')),
      ]);
      expect(results.map(codeOf).sort()).toEqual(['FORBIDDEN', undefined]);
      const created = results.find((r) => !r.errors)!.data!.createUser;
      expect(created).toMatchObject({
        roles: [Role.TENANT_ADMIN],
        municipality: { id: NEW_MUNICIPALITY.id },
        orgUnit: null,
      });
      expect(await written()).toEqual({ ...before, users: before.users + 1, events: before.events + 1 });
      // The event belongs to the municipality; its actor, a platform operator, still resolves there.
      const newAdmin = testCaller(NEW_MUNICIPALITY.id, [Role.TENANT_ADMIN], created.login, created.id);
      const [event] = await trailOf(newAdmin, created.id);
      expect(event).toMatchObject({
        eventType: 'Zalozeni',
        actorLogin: 'platform.admin',
        actor: { id: platformAdmin.userId, login: 'platform.admin' },
      });
      expect(await trailOf(blanskoAdmin, created.id)).toEqual([]);
      // From now on, the municipality's own admin creates its users; the platform admin cannot add anyone.
      expect(codeOf(await run(platformAdmin, CREATE, first('ousvi.druhy')))).toBe('FORBIDDEN');
      expect(await written()).toEqual({ ...before, users: before.users + 1, events: before.events + 1 });
    });

    it('lets no municipality probe or squat another’s logins: same answer for taken and free names', async () => {
      const adamovAdmin = as('ouada.admin');
      const taken = await run(adamovAdmin, CREATE, { input: input({ login: 'mbk.records', orgUnitId: null }) });
      const free = await run(adamovAdmin, CREATE, { input: input({ login: 'mbk.free-name', orgUnitId: null }) });
      expect(codeOf(taken)).toBe('BAD_USER_INPUT');
      expect(taken.errors![0]).toMatchObject({
        message: free.errors![0].message,
        extensions: { code: 'BAD_USER_INPUT', field: 'login' },
      });
      expect(taken.errors![0].message).toMatch(/ouada\./);
      expect(taken.errors![0].message).not.toMatch(/taken/);
    });
  });

  describe('resetTenantAdmin and one-time passwords', () => {
    const RESET = `mutation($input: ResetTenantAdminInput!) { resetTenantAdmin(input: $input) {
      user { ${USER_FIELDS} } oneTimePassword oneTimePasswordExpiresAt disabledUsers { login active } } }`;
    const SIGN_IN =
      'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token passwordChangeRequired } }';
    const CHANGE = 'mutation($c: String, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    const ACTIONS = '{ platformActions { eventType objectId actorLogin description changes { name old new } } }';
    const reason = 'Written request of the mayor, ref. OULUB-12/2026: the admin left';
    const resetInput = (fields: Record<string, unknown> = {}) => ({
      municipalityId: LUBE.id,
      reason,
      login: 'oulub.novy-spravce',
      name: 'Nový správce',
      ...fields,
    });

    it('is for platform admins only, with a reason and a namespaced login, and writes nothing when refused', async () => {
      const before = await written();
      expect(codeOf(await run(as('oulub.admin'), RESET, { input: resetInput() }))).toBe('FORBIDDEN');
      expect(codeOf(await run(blanskoAdmin, RESET, { input: resetInput() }))).toBe('FORBIDDEN');
      expect(codeOf(await run(platformAdmin, RESET, { input: resetInput({ reason: 'because' }) }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await run(platformAdmin, RESET, { input: resetInput({ login: 'mbk.novy-spravce' }) }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await run(platformAdmin, RESET, { input: resetInput({ login: 'oulub.clerk' }) }))).toBe('CONFLICT');
      expect(
        codeOf(
          await run(platformAdmin, RESET, {
            input: resetInput({ municipalityId: '00000000-0000-4000-8000-000000000000' }),
          }),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(await written()).toEqual(before);
      expect((await login('oulub.admin')).errors).toBeUndefined();
    });

    it('disables the tenant admins and creates one with a one-time password, visibly to the municipality', async () => {
      const before = await written();
      const reset = (await ok(platformAdmin, RESET, { input: resetInput() })).resetTenantAdmin;
      expect(reset.user).toMatchObject({
        login: 'oulub.novy-spravce',
        roles: [Role.TENANT_ADMIN],
        active: true,
        municipality: { id: LUBE.id },
      });
      expect(reset.disabledUsers).toEqual([{ login: 'oulub.admin', active: false }]);
      expect(new Date(reset.oneTimePasswordExpiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);
      expect(await written()).toEqual({ ...before, users: before.users + 1, events: before.events + 2 });
      // The old admin is out at once.
      expect(codeOf(await login('oulub.admin'))).toBe('UNAUTHENTICATED');

      // The one-time password signs in once.
      const first = await run(null, SIGN_IN, { l: 'oulub.novy-spravce', p: reset.oneTimePassword });
      expect(first.errors).toBeUndefined();
      expect(first.data!.login.passwordChangeRequired).toBe(true);
      expect(codeOf(await run(null, SIGN_IN, { l: 'oulub.novy-spravce', p: reset.oneTimePassword }))).toBe(
        'UNAUTHENTICATED',
      );
      // In that session, the new admin sets a password of their own without the used-up one.
      const newAdmin = (await verifyAccessToken(first.data!.login.token, TOKEN_SECRET))!;
      expect((await ok(newAdmin, CHANGE, { n: 'my own long password' })).changePassword).toBe(true);
      const again = await run(null, SIGN_IN, { l: 'oulub.novy-spravce', p: 'my own long password' });
      expect(again.data!.login.passwordChangeRequired).toBe(false);

      // The municipality sees what the platform operator did, and why; nobody else does.
      const actions = (await ok(newAdmin, ACTIONS)).platformActions;
      expect(actions.filter((a: any) => a.description?.includes(reason))).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            eventType: 'Uprava',
            objectId: demoUser('oulub.admin').id,
            actorLogin: 'platform.admin',
            changes: [{ name: 'active', old: 'true', new: 'false' }],
          }),
          expect.objectContaining({ eventType: 'Zalozeni', objectId: reset.user.id, actorLogin: 'platform.admin' }),
        ]),
      );
      expect(actions.every((a: any) => a.actorLogin === 'platform.admin')).toBe(true);
      expect((await ok(as('oulub.records'), ACTIONS)).platformActions.length).toBe(actions.length);
      expect(JSON.stringify((await ok(blanskoAdmin, ACTIONS)).platformActions)).not.toContain(reason);
      expect(codeOf(await run(as('oulub.handler'), ACTIONS))).toBe('FORBIDDEN');
      expect(codeOf(await run(platformAdmin, ACTIONS))).toBe('FORBIDDEN');
      // Nothing in the audit trail carries a password or hash.
      expect(JSON.stringify(await trailOf(newAdmin, reset.user.id))).not.toMatch(
        /scrypt|my own long password|one-time-password-used/,
      );
    });

    it('changing one’s password otherwise needs the current one', async () => {
      const handler = as('mbk.handler');
      expect(codeOf(await run(handler, CHANGE, { n: 'another long password' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await run(handler, CHANGE, { c: 'not-the-password', n: 'another long password' }))).toBe(
        'FORBIDDEN',
      );
      expect((await ok(handler, CHANGE, { c: PASSWORD, n: 'another long password' })).changePassword).toBe(true);
      expect((await login('mbk.handler', 'another long password')).errors).toBeUndefined();
      expect(codeOf(await login('mbk.handler'))).toBe('UNAUTHENTICATED');
    });
  });

  describe('disableUser', () => {
    const target = demoUser('mbk.records');

    it('disables a colleague once, audited, and the user can no longer sign in', async () => {
      expect((await login('mbk.records')).errors).toBeUndefined();
      const before = await written();
      expect((await ok(blanskoAdmin, DISABLE, { id: target.id })).disableUser).toMatchObject({
        login: 'mbk.records',
        active: false,
      });
      expect((await ok(blanskoAdmin, DISABLE, { id: target.id })).disableUser).toMatchObject({ active: false });
      expect(await written()).toEqual({ ...before, events: before.events + 1 });
      const events = await trailOf(blanskoAdmin, target.id);
      expect(events.at(-1)).toMatchObject({
        eventType: 'Uprava',
        objectType: 'Osoba',
        actorLogin: 'mbk.admin',
        changes: [{ name: 'active', old: 'true', new: 'false' }],
      });

      const refused = await login('mbk.records');
      expect(refused.errors).toEqual([
        expect.objectContaining({ message: 'Wrong login or password', extensions: { code: 'UNAUTHENTICATED' } }),
      ]);
      expect(codeOf(await run(as('mbk.records'), '{ me { id } }'))).toBe('UNAUTHENTICATED');
      const listed = async (includeDisabled: boolean) =>
        (
          (
            await ok(blanskoAdmin, 'query($all: Boolean) { users(includeDisabled: $all) { login } }', {
              all: includeDisabled,
            })
          ).users as { login: string }[]
        ).map((u) => u.login);
      expect(await listed(false)).not.toContain('mbk.records');
      expect(await listed(true)).toContain('mbk.records');
    });

    it('refuses another municipality’s user (NOT_FOUND), oneself (CONFLICT) and non-admins (FORBIDDEN), writing nothing', async () => {
      const before = await written();
      expect(codeOf(await run(blanskoAdmin, DISABLE, { id: demoUser('ouada.clerk').id }))).toBe('NOT_FOUND');
      expect(codeOf(await run(blanskoAdmin, DISABLE, { id: blanskoAdmin.userId }))).toBe('CONFLICT');
      expect(codeOf(await run(as('mbk.clerk'), DISABLE, { id: demoUser('mbk.handler').id }))).toBe('FORBIDDEN');
      expect(codeOf(await run(platformAdmin, DISABLE, { id: demoUser('mbk.handler').id }))).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
      expect((await login('ouada.clerk')).errors).toBeUndefined();
    });
  });

  describe('_entities', () => {
    const refs = (...logins: string[]) => ({ r: logins.map((l) => ({ __typename: 'User', id: demoUser(l).id })) });

    it('resolves users of the caller’s municipality and platform operators; other municipalities’ users are null', async () => {
      const { _entities } = await ok(
        as('mbk.clerk'),
        ENTITIES,
        refs('mbk.handler', 'ouada.handler', 'platform.admin', 'mbk.admin'),
      );
      expect(_entities.map((u: { login: string } | null) => u?.login ?? null)).toEqual([
        'mbk.handler',
        null,
        'platform.admin',
        'mbk.admin',
      ]);
      expect(_entities[2]).toMatchObject({ roles: [Role.PLATFORM_ADMIN], municipality: null, orgUnit: null });
      expect(_entities[0]).toMatchObject({
        municipality: { id: BLANSKO.id },
        orgUnit: { id: demoUser('mbk.handler').orgUnitId },
      });
    });

    it('gives a platform admin operators only, and an anonymous caller nothing', async () => {
      const { _entities } = await ok(platformAdmin, ENTITIES, refs('mbk.handler', 'platform.admin'));
      expect(_entities.map((u: { login: string } | null) => u?.login ?? null)).toEqual([null, 'platform.admin']);
      expect(codeOf(await run(null, ENTITIES, refs('mbk.handler')))).toBe('UNAUTHENTICATED');
    });
  });
});
