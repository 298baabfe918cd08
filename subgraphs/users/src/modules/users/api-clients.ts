import {
  Role,
  badInput,
  conflict,
  diff,
  hashPassword,
  inTransaction,
  notFound,
  recordAudit,
  requireCaller,
  requireTenantCaller,
  scopeToTenant,
  type Caller,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UsersContext } from '../../context';
import { ApiClient } from './api-client.entity';
import { loginPrefixOf } from './login-namespace';
import { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';

/** What the audit log records of an API client; never the secret or its hash. */
const AUDITED_FIELDS: (keyof ApiClient)[] = ['login', 'name', 'roles'];

/** Administrative roles are for people: an app's credentials must not be able to create users or clients. */
const REFUSED_ROLES: readonly Role[] = [Role.TENANT_ADMIN, Role.PLATFORM_ADMIN, Role.BACKUP_CLIENT];

/** What follows the municipality's login prefix in an API client's login: `mbk.api.isds-konektor`. */
export const API_LOGIN_INFIX = 'api.';

/** 32 random bytes, base64url: shown to the tenant admin once, only its hash is kept. */
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * The municipality's prefix, `api.`, then the name in lower case ASCII with other characters as `-` (e.g. Blansko's
 * "Spisová služba – ISDS" → mbk.api.spisova-sluzba-isds). In the municipality's namespace like its users' logins
 * (login-namespace.ts); clients created before namespaces keep their `api.…` logins.
 */
export function loginForName(name: string, municipalityPrefix: string): string {
  const prefix = municipalityPrefix + API_LOGIN_INFIX;
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64 - prefix.length)
    .replace(/-+$/, '');
  if (!slug) throw badInput('name must contain at least one letter or digit', 'name');
  return prefix + slug;
}

export interface CreateApiClientRequest {
  name: string;
  roles: readonly Role[];
}

function validate(
  input: CreateApiClientRequest,
  municipalityPrefix: string,
  backupClient = false,
): { name: string; roles: Role[]; login: string } {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badInput('name must be 1–100 characters', 'name');
  if (backupClient) return { name, roles: [Role.BACKUP_CLIENT], login: loginForName(name, municipalityPrefix) };
  if (input.roles.length === 0) throw badInput('an API client needs at least one role', 'roles');
  if (new Set(input.roles).size !== input.roles.length) throw badInput('roles must not repeat', 'roles');
  const refused = input.roles.filter((r) => REFUSED_ROLES.includes(r));
  if (refused.length) throw badInput(`${refused.join(', ')} cannot be given to an API client`, 'roles');
  return { name, roles: [...input.roles], login: loginForName(name, municipalityPrefix) };
}

const loginTaken = (login: string) => conflict(`The login ${login} is already taken; choose another name`);

const byCzechName = (a: ApiClient, b: ApiClient) => a.name.localeCompare(b.name, 'cs');

/** `apiClients`: the caller's municipality's clients (tenant filter), revoked ones included. */
export async function listApiClients(ctx: UsersContext): Promise<ApiClient[]> {
  requireTenantCaller(ctx, [Role.TENANT_ADMIN]);
  return (await ctx.em.find(ApiClient, {})).sort(byCzechName);
}

/** `createApiClient`: a new client of the caller's municipality, with its secret shown this once. */
export async function createApiClient(ctx: UsersContext, input: CreateApiClientRequest) {
  const caller = requireTenantCaller(ctx, [Role.TENANT_ADMIN]);
  const fields = validate(input, await loginPrefixOf(ctx, caller.municipalityId));
  // Logins are unique across users, platform operators and API clients. In the municipality's namespace, a clash
  // can only be with one of its own names. Among API clients the unique index on `login` decides, below.
  if (
    (await ctx.em.findOne(User, { login: fields.login }, { filters: false, fields: ['id'] })) ||
    (await ctx.em.findOne(PlatformOperator, { login: fields.login }, { fields: ['id'] }))
  ) {
    throw loginTaken(fields.login);
  }
  const secret = newSecret();
  // scrypt takes tens of milliseconds: hash before the transaction so no locks are held meanwhile.
  const secretHash = await hashPassword(secret);
  try {
    const client = await inTransaction(ctx.em, async (tx) => {
      const c = tx.create(ApiClient, {
        id: randomUUID(),
        municipalityId: caller.municipalityId,
        name: fields.name,
        login: fields.login,
        roles: fields.roles,
        secretHash,
        active: true,
        createdAt: new Date(),
        createdById: caller.userId,
        rotatedAt: null,
        revokedAt: null,
      });
      tx.persist(c);
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: c.id,
        description: 'API client created',
        changes: diff({}, c, AUDITED_FIELDS),
      });
      return c;
    });
    return { client, clientId: client.id, secret };
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && /login/i.test(e.message)) throw loginTaken(fields.login);
    throw e;
  }
}

/** The backup client's name unless the platform admin gives another: its login is then `<prefix>api.zalohy`. */
export const BACKUP_CLIENT_NAME = 'Zálohy';

/**
 * `createBackupClient`: the platform admin gives a backup-only municipality its API client (role BACKUP_CLIENT, and
 * only that), with the secret shown this once. The municipality has no tenant admin who could, and the client can do
 * nothing but use its own backup sets, which the platform admin itself cannot see. Audited in the municipality.
 */
export async function createBackupClient(ctx: UsersContext, municipalityId: string, name: string | null | undefined) {
  const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
  const prefix = await loginPrefixOf(ctx, municipalityId, { backupClient: true });
  const fields = validate({ name: name ?? BACKUP_CLIENT_NAME, roles: [] as Role[] }, prefix, true);
  const em = scopeToTenant(ctx.em.fork(), municipalityId);
  if (await em.findOne(User, { login: fields.login }, { filters: false, fields: ['id'] }))
    throw loginTaken(fields.login);
  const secret = newSecret();
  const secretHash = await hashPassword(secret);
  try {
    const client = await inTransaction(em, async (tx) => {
      const c = tx.create(ApiClient, {
        id: randomUUID(),
        municipalityId,
        name: fields.name,
        login: fields.login,
        roles: [Role.BACKUP_CLIENT],
        secretHash,
        active: true,
        createdAt: new Date(),
        createdById: caller.userId,
        rotatedAt: null,
        revokedAt: null,
      });
      tx.persist(c);
      await recordAudit(tx, caller, {
        municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: c.id,
        description: 'Backup client created by the platform admin',
        changes: diff({}, c, AUDITED_FIELDS),
      });
      return c;
    });
    return { client, clientId: client.id, secret };
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && /login/i.test(e.message)) throw loginTaken(fields.login);
    throw e;
  }
}

/** `rotateApiClientSecret`: a new secret replaces the old one, which no longer signs in. */
export async function rotateApiClientSecret(ctx: UsersContext, id: string) {
  const caller = requireTenantCaller(ctx, [Role.TENANT_ADMIN]);
  return rotateSecret(ctx.em, caller, id);
}

/** `revokeApiClient`: the client can no longer sign in; the row stays for the audit trail. Idempotent. */
export async function revokeApiClient(ctx: UsersContext, id: string): Promise<ApiClient> {
  const caller = requireTenantCaller(ctx, [Role.TENANT_ADMIN]);
  return revoke(ctx.em, caller, id);
}

/**
 * A backup client as the platform admin may manage it: found across municipalities (the platform admin has no
 * tenant), then handled on an EntityManager scoped to its own. Any other client is "not found" to the platform admin.
 */
async function backupClientScope(ctx: UsersContext, id: string): Promise<SqlEntityManager> {
  const c = await ctx.em.fork().findOne(ApiClient, { id }, { filters: false });
  if (!c || !c.roles.includes(Role.BACKUP_CLIENT)) throw notFound('Backup client', id);
  return scopeToTenant(ctx.em.fork(), c.municipalityId) as SqlEntityManager;
}

/** `rotateBackupClientSecret`: the platform admin, for a backup-only municipality's client (it has no tenant admin). */
export async function rotateBackupClientSecret(ctx: UsersContext, id: string) {
  const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
  return rotateSecret(await backupClientScope(ctx, id), caller, id);
}

/** `revokeBackupClient`: the platform admin locks a backup client out. Idempotent. */
export async function revokeBackupClient(ctx: UsersContext, id: string): Promise<ApiClient> {
  const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
  return revoke(await backupClientScope(ctx, id), caller, id);
}

async function rotateSecret(em: SqlEntityManager, caller: Caller, id: string) {
  const secret = newSecret();
  const secretHash = await hashPassword(secret);
  const client = await inTransaction(em, async (tx) => {
    // The tenant filter makes another municipality's client look missing.
    const c = await tx.findOne(ApiClient, { id });
    if (!c) throw notFound('API client', id);
    if (!c.active) throw conflict('The API client is revoked; create a new one');
    const before: Partial<ApiClient> = { rotatedAt: c.rotatedAt };
    c.secretHash = secretHash;
    c.rotatedAt = new Date();
    await recordAudit(tx, caller, {
      municipalityId: c.municipalityId,
      eventType: 'Uprava',
      objectType: 'Osoba',
      objectId: c.id,
      description: 'API client secret rotated',
      changes: diff(before, c, ['rotatedAt']),
    });
    return c;
  });
  return { client, clientId: client.id, secret };
}

async function revoke(em: SqlEntityManager, caller: Caller, id: string): Promise<ApiClient> {
  return inTransaction(em, async (tx) => {
    const c = await tx.findOne(ApiClient, { id });
    if (!c) throw notFound('API client', id);
    if (!c.active) return c;
    const before: Partial<ApiClient> = { active: c.active };
    c.active = false;
    c.revokedAt = new Date();
    await recordAudit(tx, caller, {
      municipalityId: c.municipalityId,
      eventType: 'Uprava',
      objectType: 'Osoba',
      objectId: c.id,
      description: 'API client revoked',
      changes: diff(before, c, ['active']),
    });
    return c;
  });
}
