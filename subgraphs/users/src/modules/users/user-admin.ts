import {
  Role, badInput, conflict, diff, forbidden, hashPassword, inTransaction, notFound, recordAudit, requireCaller,
  requireTenantCaller, scopeToTenant,
} from '@hub/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { UsersContext } from '../../context';
import { ApiClient } from './api-client.entity';
import { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';
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
 * municipality's content, so it can neither grant content roles nor see the org units.
 */
async function municipalityForPlatformAdmin(ctx: UsersContext, input: CreateUserRequest): Promise<string> {
  if (!input.municipalityId) {
    throw badInput('municipalityId is required: platform administrators create the tenant admin of a given municipality', 'municipalityId');
  }
  if (input.roles.some((r) => r !== Role.TENANT_ADMIN)) {
    throw forbidden('Platform administrators create tenant admins (TENANT_ADMIN) only; the tenant admin creates the other users');
  }
  if (input.orgUnitId) {
    throw badInput("Platform administrators cannot assign an org unit: they do not see a municipality's units", 'orgUnitId');
  }
  // The municipalities subgraph owns the tenants: ask it rather than trust the id.
  const [municipality] = await ctx.peers.entities('municipalities', 'Municipality', [input.municipalityId], 'id');
  if (!municipality) throw badInput(`Municipality ${input.municipalityId} does not exist`, 'municipalityId');
  return input.municipalityId;
}

/**
 * Org units are owned by the municipalities subgraph, whose tenant filter answers null for another
 * municipality's unit; the municipality is compared as well so a wrong answer cannot slip through.
 */
async function assertOrgUnitOf(ctx: UsersContext, orgUnitId: string, municipalityId: string): Promise<void> {
  const [unit] = await ctx.peers.entities<{ id: string; municipality: { id: string } | null }>(
    'municipalities', 'OrgUnit', [orgUnitId], 'id municipality { id }',
  );
  if (!unit || unit.municipality?.id !== municipalityId) throw badInput(`unknown org unit ${orgUnitId}`, 'orgUnitId');
}

const loginTaken = (login: string) => conflict(`The login ${login} is already taken`);

/** `createUser`: validates, checks rights and references, then writes the user and its audit event together. */
export async function createUser(ctx: UsersContext, input: CreateUserRequest): Promise<User> {
  const caller = requireCaller(ctx, [Role.TENANT_ADMIN, Role.PLATFORM_ADMIN]);
  const fields = validateNewUser(input);
  const municipalityId = caller.municipalityId
    ? ownMunicipality(caller.municipalityId, input)
    : await municipalityForPlatformAdmin(ctx, input);
  if (input.orgUnitId) await assertOrgUnitOf(ctx, input.orgUnitId, municipalityId);
  // Logins are unique across both tables. Platform operators are checked here; among users, also of
  // other municipalities (which the tenant filter hides), the unique index on `login` decides, below.
  if (await ctx.em.findOne(PlatformOperator, { login: fields.login })) throw loginTaken(fields.login);
  // API clients (`api.…`) share the login namespace; those of other municipalities count too.
  if (await ctx.em.findOne(ApiClient, { login: fields.login }, { filters: false, fields: ['id'] })) throw loginTaken(fields.login);
  // scrypt takes tens of milliseconds: hash before the transaction so no locks are held meanwhile.
  const passwordHash = await hashPassword(fields.password);
  // Scoped to the target municipality: a platform admin's own context has no tenant to write under.
  const em = scopeToTenant(ctx.em.fork(), municipalityId);
  try {
    return await inTransaction(em, async (tx) => {
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
