import {
  AuditEvent,
  DEMO_BACKUP_CLIENTS,
  DEMO_BACKUP_SECRET,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  ErrorCode,
  Role,
  fakePeers,
  scopeToTenant,
  verifyAccessToken,
} from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { UsersContext } from './context';
import { users } from './index';
import { ApiClient } from './modules/users/api-client.entity';
import { User } from './modules/users/user.entity';

const TOKEN_SECRET = 'users-test-token-secret-0123456789abcdef';
process.env.HUB_TOKEN_SECRET = TOKEN_SECRET;

const byAbbr = (a: string) => DEMO_MUNICIPALITIES.find((m) => m.abbreviation === a)!;
const BLANSKO = byAbbr('MBK');
const DLH = byAbbr('OUDLH');
const HOL = byAbbr('OUHOL');
const platformAdmin = testCaller(
  null,
  [Role.PLATFORM_ADMIN],
  'platform.admin',
  DEMO_USERS.find((u) => u.login === 'platform.admin')!.id,
);
const blanskoAdmin = (() => {
  const u = DEMO_USERS.find((d) => d.login === 'mbk.admin')!;
  return testCaller(u.municipalityId, u.roles, u.login, u.id);
})();

const CREATE_BACKUP = `mutation($m: ID!, $name: String) { createBackupClient(municipalityId: $m, name: $name) { clientId secret client { id name login roles active } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const CREATE_API = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId } }`;
const RESET = `mutation($input: ResetTenantAdminInput!) { resetTenantAdmin(input: $input) { user { id } } }`;
const LOGIN = `mutation($clientId: ID!, $secret: String!) { loginApiClient(clientId: $clientId, secret: $secret) { token user { login roles municipality { id } } } }`;

type Result = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (res: Result) => res.errors?.[0]?.extensions?.code;

describe.each(testDatabaseKinds())('backup clients on %s', (kind) => {
  let t: TestSubgraph<UsersContext>;
  beforeAll(async () => {
    // The municipalities subgraph as users asks it: abbreviation and the backup-only flag.
    const peers = fakePeers({
      Municipality: Object.fromEntries(
        DEMO_MUNICIPALITIES.map((m) => [m.id, { id: m.id, abbreviation: m.abbreviation, backupOnly: m.backupOnly }]),
      ),
    });
    t = await startTestSubgraph(users, kind, { seedDemo: true, peers });
  });
  afterAll(() => t?.dispose());

  const written = async () => ({
    clients: await t.orm.em.fork().count(ApiClient, {}, { filters: false }),
    users: await t.orm.em.fork().count(User, {}, { filters: false }),
    events: await t.orm.em.fork().count(AuditEvent, {}, { filters: false }),
  });

  it('seeds the three backup-only demo municipalities with a backup client each and no users', async () => {
    expect(DEMO_BACKUP_CLIENTS.map((c) => c.login).sort()).toEqual([
      'oudlh.api.zalohy',
      'ouhol.api.zalohy',
      'oumlh.api.zalohy',
    ]);
    for (const b of DEMO_BACKUP_CLIENTS) {
      expect(await t.orm.em.fork().count(User, { municipalityId: b.municipalityId }, { filters: false })).toBe(0);
      const res = await t.run(null, LOGIN, { clientId: b.id, secret: DEMO_BACKUP_SECRET });
      expect(res.errors).toBeUndefined();
      expect(res.data!.loginApiClient.user).toEqual({
        login: b.login,
        roles: [Role.BACKUP_CLIENT],
        municipality: { id: b.municipalityId },
      });
      const caller = await verifyAccessToken(res.data!.loginApiClient.token, TOKEN_SECRET);
      expect(caller).toMatchObject({ municipalityId: b.municipalityId, roles: [Role.BACKUP_CLIENT] });
    }
  });

  it('lets the platform admin create a backup client for a backup-only municipality, audited there', async () => {
    const res = await t.run(platformAdmin, CREATE_BACKUP, { m: HOL.id, name: 'Zálohy spisovky' });
    expect(res.errors).toBeUndefined();
    const created = res.data!.createBackupClient;
    expect(created.client).toEqual({
      id: created.clientId,
      name: 'Zálohy spisovky',
      login: 'ouhol.api.zalohy-spisovky',
      roles: [Role.BACKUP_CLIENT],
      active: true,
    });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const signedIn = await t.run(null, LOGIN, { clientId: created.clientId, secret: created.secret });
    expect(signedIn.data!.loginApiClient.user.roles).toEqual([Role.BACKUP_CLIENT]);
    const [event] = await scopeToTenant(t.orm.em.fork(), HOL.id).find(AuditEvent, { objectId: created.clientId });
    expect(event).toMatchObject({ eventType: 'Zalozeni', objectType: 'Osoba', actorLogin: 'platform.admin' });
    // The default name gives the demo's login pattern; taken already (seeded) → CONFLICT.
    expect(codeOf(await t.run(platformAdmin, CREATE_BACKUP, { m: HOL.id }))).toBe(ErrorCode.CONFLICT);
  });

  it('refuses backup clients elsewhere and users, API clients and admins for backup-only municipalities; nothing written', async () => {
    const before = await written();
    // Only the platform admin creates backup clients, only for backup-only municipalities.
    expect(codeOf(await t.run(blanskoAdmin, CREATE_BACKUP, { m: BLANSKO.id }))).toBe(ErrorCode.FORBIDDEN);
    expect(await t.run(platformAdmin, CREATE_BACKUP, { m: BLANSKO.id })).toMatchObject({
      errors: [{ extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'municipalityId' } }],
    });
    // No users for a backup-only municipality: not its first tenant admin, not through a reset.
    const user = {
      login: 'oudlh.starosta',
      name: 'Starosta',
      password: 'Dlouha-Lhota-2026!x',
      roles: [Role.TENANT_ADMIN],
      municipalityId: DLH.id,
    };
    expect(codeOf(await t.run(platformAdmin, CREATE_USER, { input: user }))).toBe(ErrorCode.BACKUP_ONLY_MUNICIPALITY);
    expect(
      codeOf(
        await t.run(platformAdmin, RESET, {
          input: {
            municipalityId: DLH.id,
            reason: 'Žádost obce č. j. 12/2026',
            login: 'oudlh.starosta',
            name: 'Starosta',
          },
        }),
      ),
    ).toBe(ErrorCode.BACKUP_ONLY_MUNICIPALITY);
    // BACKUP_CLIENT is no role for a person, nor for an ordinary API client.
    expect(
      codeOf(
        await t.run(blanskoAdmin, CREATE_USER, {
          input: { login: 'mbk.zaloha', name: 'Záloha', password: 'Blansko-zaloha-2026!', roles: [Role.BACKUP_CLIENT] },
        }),
      ),
    ).toBe(ErrorCode.BAD_USER_INPUT);
    expect(
      codeOf(await t.run(blanskoAdmin, CREATE_API, { input: { name: 'Zálohy', roles: [Role.BACKUP_CLIENT] } })),
    ).toBe(ErrorCode.BAD_USER_INPUT);
    expect(await written()).toEqual(before);
  });

  it('lets the platform admin rotate and revoke a backup client, and no other client; audited in its municipality', async () => {
    const ROTATE = 'mutation($id: ID!) { rotateBackupClientSecret(id: $id) { clientId secret } }';
    const REVOKE = 'mutation($id: ID!) { revokeBackupClient(id: $id) { id active } }';
    const created = (await t.run(platformAdmin, CREATE_BACKUP, { m: DLH.id, name: 'Zálohy 2' })).data!
      .createBackupClient;
    // Blansko's admin cannot; nor can the platform admin touch an ordinary client.
    expect(codeOf(await t.run(blanskoAdmin, ROTATE, { id: created.clientId }))).toBe(ErrorCode.FORBIDDEN);
    const ordinary = (await t.run(blanskoAdmin, CREATE_API, { input: { name: 'Agenda', roles: [Role.CASE_HANDLER] } }))
      .data!.createApiClient;
    expect(codeOf(await t.run(platformAdmin, ROTATE, { id: ordinary.clientId }))).toBe(ErrorCode.NOT_FOUND);
    expect(codeOf(await t.run(platformAdmin, REVOKE, { id: ordinary.clientId }))).toBe(ErrorCode.NOT_FOUND);

    const rotated = (await t.run(platformAdmin, ROTATE, { id: created.clientId })).data!.rotateBackupClientSecret;
    expect(rotated.secret).not.toBe(created.secret);
    expect(codeOf(await t.run(null, LOGIN, { clientId: created.clientId, secret: created.secret }))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    expect((await t.run(null, LOGIN, { clientId: created.clientId, secret: rotated.secret })).errors).toBeUndefined();
    expect((await t.run(platformAdmin, REVOKE, { id: created.clientId })).data!.revokeBackupClient).toEqual({
      id: created.clientId,
      active: false,
    });
    expect(codeOf(await t.run(null, LOGIN, { clientId: created.clientId, secret: rotated.secret }))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    const events = await scopeToTenant(t.orm.em.fork(), DLH.id).find(
      AuditEvent,
      { objectId: created.clientId },
      { orderBy: { sequence: 'asc' } },
    );
    expect(events.map((e) => [e.eventType, e.actorLogin, e.description])).toEqual([
      ['Zalozeni', 'platform.admin', 'Backup client created by the platform admin'],
      ['Uprava', 'platform.admin', 'API client secret rotated'],
      ['Uprava', 'platform.admin', 'API client revoked'],
    ]);
  });
});
