import {
  Role,
  badInput,
  conflict,
  diff,
  forbidden,
  hashPassword,
  inTransaction,
  nextInSeries,
  notFound,
  recordAudit,
  requireCaller,
  requireTenantCaller,
  scopeToTenant,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UsersContext } from '../../context';
import { ApiClient } from './api-client.entity';
import { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';
import { assertLoginInNamespace, loginPrefixOf } from './login-namespace';
import { ONE_TIME_PASSWORD_HOURS } from './passwords';
import { validateNewUser, type NewUserFields } from './validation';

/** What the audit log records of a new user; never the password or its hash. */
const AUDITED_FIELDS: (keyof User)[] = ['login', 'name', 'roles', 'orgUnitId'];

export interface CreateUserRequest extends NewUserFields {
  orgUnitId?: string | null;
  municipalityId?: string | null;
}

/** A tenant admin creates users of its own municipality; naming another one is refused. */
function ownMunicipality(callerMunicipalityId: string, input: CreateUserRequest): string {
  if (input.municipalityId && input.municipalityId !== callerMunicipalityId) {
    throw forbidden('Tenant admins create users of their own municipality only');
  }
  return callerMunicipalityId;
}

/**
 * A platform admin only starts a municipality off with its first tenant admin: it has no access to the
 * municipality's content, so it can neither grant content roles nor see the org units. "First" is checked in the
 * transaction (platformMayCreateIn); later, it steps in only through the visible `resetTenantAdmin`.
 */
async function municipalityForPlatformAdmin(ctx: UsersContext, input: CreateUserRequest): Promise<string> {
  if (!input.municipalityId) {
    throw badInput(
      'municipalityId is required: platform administrators create the tenant admin of a given municipality',
      'municipalityId',
    );
  }
  if (input.roles.some((r) => r !== Role.TENANT_ADMIN)) {
    throw forbidden(
      'Platform administrators create tenant admins (TENANT_ADMIN) only; the tenant admin creates the other users',
    );
  }
  if (input.orgUnitId) {
    throw badInput(
      "Platform administrators cannot assign an org unit: they do not see a municipality's units",
      'orgUnitId',
    );
  }
  // Whether it exists is checked with its login namespace (the municipalities subgraph owns the tenants).
  return input.municipalityId;
}

/**
 * Org units are owned by the municipalities subgraph, whose tenant filter answers null for another
 * municipality's unit; the municipality is compared as well so a wrong answer cannot slip through.
 */
async function assertOrgUnitOf(ctx: UsersContext, orgUnitId: string, municipalityId: string): Promise<void> {
  const [unit] = await ctx.peers.entities<{ id: string; municipality: { id: string } | null }>(
    'municipalities',
    'OrgUnit',
    [orgUnitId],
    'id municipality { id }',
  );
  if (!unit || unit.municipality?.id !== municipalityId) throw badInput(`unknown org unit ${orgUnitId}`, 'orgUnitId');
}

const loginTaken = (login: string) => conflict(`The login ${login} is already taken`);

const ALREADY_STARTED =
  'The municipality already has users: its tenant admin creates the others. If it has lost access, use resetTenantAdmin';

/**
 * Serialises the platform operator's changes to one municipality's accounts (two concurrent "first tenant admin"
 * requests must not both see an empty municipality): a write-first counter row per municipality, taken as the
 * first statement of the transaction, is held until commit (see counters.ts).
 */
const lockPlatformChangesOf = (tx: SqlEntityManager, municipalityId: string) =>
  nextInSeries(tx, `platform-accounts:${municipalityId}`);

/**
 * The platform operator is a processor, not a reader: the only account it may create on its own is the first
 * one of a municipality with no users at all. Anything else would let it grant itself a way into the records.
 * `tx` is scoped to the municipality, so the tenant filter counts its users only (disabled ones included).
 */
async function assertNoUsersYet(tx: SqlEntityManager): Promise<void> {
  if ((await tx.count(User, {})) > 0) throw forbidden(ALREADY_STARTED);
}

/** `createUser`: validates, checks rights and references, then writes the user and its audit event together. */
export async function createUser(ctx: UsersContext, input: CreateUserRequest): Promise<User> {
  const caller = requireCaller(ctx, [Role.TENANT_ADMIN, Role.PLATFORM_ADMIN]);
  const fields = validateNewUser(input);
  const municipalityId = caller.municipalityId
    ? ownMunicipality(caller.municipalityId, input)
    : await municipalityForPlatformAdmin(ctx, input);
  assertLoginInNamespace(fields.login, await loginPrefixOf(ctx, municipalityId));
  if (input.orgUnitId) await assertOrgUnitOf(ctx, input.orgUnitId, municipalityId);
  // Logins are unique across all tables; being in the municipality's namespace, a clash can only be with one of
  // its own names. Platform operators are checked here; among users the unique index on `login` decides, below.
  if (await ctx.em.findOne(PlatformOperator, { login: fields.login })) throw loginTaken(fields.login);
  // API clients share the login namespace.
  if (await ctx.em.findOne(ApiClient, { login: fields.login }, { filters: false, fields: ['id'] }))
    throw loginTaken(fields.login);
  // Scoped to the target municipality: a platform admin's own context has no tenant to write under.
  const em = scopeToTenant(ctx.em.fork(), municipalityId);
  // Refused before the slow hash when it is already clear; checked again, under the lock, in the transaction.
  if (!caller.municipalityId) await assertNoUsersYet(em);
  // scrypt takes tens of milliseconds: hash before the transaction so no locks are held meanwhile.
  const passwordHash = await hashPassword(fields.password);
  try {
    return await inTransaction(em, async (tx) => {
      if (!caller.municipalityId) {
        await lockPlatformChangesOf(tx, municipalityId);
        await assertNoUsersYet(tx);
      }
      const user = tx.create(User, {
        id: randomUUID(),
        municipalityId,
        login: fields.login,
        name: fields.name,
        passwordHash,
        roles: [...fields.roles],
        orgUnitId: input.orgUnitId ?? null,
        active: true,
        createdAt: new Date(),
        disabledAt: null,
      });
      tx.persist(user);
      await recordAudit(tx, caller, {
        municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: user.id,
        changes: diff({}, user, AUDITED_FIELDS),
      });
      return user;
    });
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && /login/i.test(e.message)) throw loginTaken(fields.login);
    throw e;
  }
}

/** `disableUser`: the user can no longer sign in; the row stays, as audit events refer to it. Idempotent. */
export async function disableUser(ctx: UsersContext, id: string): Promise<User> {
  const caller = requireTenantCaller(ctx, [Role.TENANT_ADMIN]);
  if (id === caller.userId) throw conflict('You cannot disable your own account; ask another tenant admin');
  return inTransaction(ctx.em, async (tx) => {
    // The tenant filter makes another municipality's user look missing.
    const user = await tx.findOne(User, { id });
    if (!user) throw notFound('User', id);
    if (!user.active) return user;
    const before: Partial<User> = { active: user.active };
    user.active = false;
    user.disabledAt = new Date();
    await recordAudit(tx, caller, {
      municipalityId: user.municipalityId,
      eventType: 'Uprava',
      objectType: 'Osoba',
      objectId: user.id,
      changes: diff(before, user, ['active']),
    });
    return user;
  });
}

export interface ResetTenantAdminRequest {
  municipalityId: string;
  reason: string;
  login: string;
  name: string;
}

/**
 * `resetTenantAdmin`: the platform operator's one way back into a municipality's accounts, for when it has lost
 * access. In one transaction it disables every active tenant admin of the municipality and creates a new one with
 * a one-time password; each step is an audit event of the municipality, by the operator, carrying the reason.
 * So the municipality sees it (`platformActions`, the audit trail, the transaction log), and the old admins
 * notice at once that they can no longer sign in: the operator cannot use it to slip in quietly.
 */
export async function resetTenantAdmin(ctx: UsersContext, input: ResetTenantAdminRequest) {
  const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
  const reason = input.reason.trim();
  if (reason.length < 10 || reason.length > 500) throw badInput('reason must be 10–500 characters', 'reason');
  const oneTimePassword = randomBytes(18).toString('base64url');
  const fields = validateNewUser({
    login: input.login,
    name: input.name,
    password: oneTimePassword,
    roles: [Role.TENANT_ADMIN],
  });
  assertLoginInNamespace(fields.login, await loginPrefixOf(ctx, input.municipalityId));
  if (await ctx.em.findOne(PlatformOperator, { login: fields.login })) throw loginTaken(fields.login);
  if (await ctx.em.findOne(ApiClient, { login: fields.login }, { filters: false, fields: ['id'] }))
    throw loginTaken(fields.login);
  const passwordHash = await hashPassword(oneTimePassword);
  const expiresAt = new Date(Date.now() + ONE_TIME_PASSWORD_HOURS * 3600_000);
  const description = `Tenant admin reset by the platform operator: ${reason}`;
  const em = scopeToTenant(ctx.em.fork(), input.municipalityId);
  try {
    const { user, disabledUsers } = await inTransaction(em, async (tx) => {
      await lockPlatformChangesOf(tx, input.municipalityId);
      const admins = (await tx.find(User, { active: true })).filter((u) => u.roles.includes(Role.TENANT_ADMIN));
      const now = new Date();
      for (const admin of admins) {
        admin.active = false;
        admin.disabledAt = now;
      }
      const user = tx.create(User, {
        id: randomUUID(),
        municipalityId: input.municipalityId,
        login: fields.login,
        name: fields.name,
        passwordHash,
        roles: [Role.TENANT_ADMIN],
        orgUnitId: null,
        active: true,
        createdAt: now,
        disabledAt: null,
        oneTimePasswordExpiresAt: expiresAt,
      });
      tx.persist(user);
      // Audit events last (recordAudit): the municipality's audit sequence stays locked until commit.
      for (const admin of admins) {
        await recordAudit(tx, caller, {
          municipalityId: input.municipalityId,
          eventType: 'Uprava',
          objectType: 'Osoba',
          objectId: admin.id,
          description,
          changes: [{ name: 'active', old: 'true', new: 'false' }],
        });
      }
      await recordAudit(tx, caller, {
        municipalityId: input.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: user.id,
        description,
        changes: diff({}, user, AUDITED_FIELDS),
      });
      return { user, disabledUsers: admins };
    });
    return { user, oneTimePassword, oneTimePasswordExpiresAt: expiresAt, disabledUsers };
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && /login/i.test(e.message)) throw loginTaken(fields.login);
    throw e;
  }
}
