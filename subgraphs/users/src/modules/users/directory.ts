import { AUDIT_READER_ROLES, AuditEvent, Role, requireCaller, requireTenantCaller, unauthenticated } from '@hub/kit';
import type { UsersContext } from '../../context';
import { PlatformOperator } from './platform-operator.entity';
import type { UserRecord } from './user-record';
import { User } from './user.entity';

/**
 * A user by id as the caller may see it: a user or API client of the caller's own municipality (tenant
 * filter), else a platform operator (they appear as actors in a municipality's audit log). Batched per request.
 */
export async function findUserRecord(ctx: UsersContext, id: string): Promise<UserRecord | null> {
  // A platform admin's context has no tenant; the filter would refuse the query, and it sees no users anyway.
  const tenant = !!ctx.caller?.municipalityId;
  const tenantUser = tenant ? await ctx.loaders.user.load(id) : null;
  const apiClient = tenant && !tenantUser ? await ctx.loaders.apiClient.load(id) : null;
  return tenantUser ?? apiClient ?? ctx.loaders.platformOperator.load(id);
}

/** `me`: a disabled or removed account is treated like an invalid token. */
export async function currentUser(ctx: UsersContext): Promise<UserRecord> {
  const caller = requireCaller(ctx);
  const record = await findUserRecord(ctx, caller.userId);
  if (!record || !record.active) throw unauthenticated('Your account is disabled or no longer exists');
  return record;
}

const byCzechName = (a: User, b: User) => a.name.localeCompare(b.name, 'cs');

/** `users`: the caller's colleagues. Users of a municipality are its data, so platform admins get none. */
export async function listColleagues(ctx: UsersContext, includeDisabled: boolean): Promise<User[]> {
  requireTenantCaller(ctx);
  const users = await ctx.em.find(User, includeDisabled ? {} : { active: true });
  // Sorted here rather than in SQL so SQLite and MariaDB agree on Czech order (Č after C, Ch after H).
  return users.sort(byCzechName);
}

/** `user(id)`: null unless the user belongs to the caller's municipality. */
export function findColleague(ctx: UsersContext, id: string): Promise<User | null> {
  requireTenantCaller(ctx);
  return ctx.loaders.user.load(id);
}

/**
 * `platformActions`: the audit events of this subgraph in the caller's municipality (tenant filter) whose actor
 * is a platform operator: its first tenant admin, tenant admin resets and their reasons. Platform operators
 * change a municipality's accounts only in these audited ways, so this is everything they did there.
 */
export async function listPlatformActions(ctx: UsersContext): Promise<AuditEvent[]> {
  requireTenantCaller(ctx, [Role.TENANT_ADMIN, ...AUDIT_READER_ROLES]);
  const operators = await ctx.em.find(PlatformOperator, {}, { fields: ['id'] });
  if (!operators.length) return [];
  return ctx.em.find(
    AuditEvent,
    { actorId: { $in: operators.map((o) => o.id) } },
    { orderBy: { occurredAt: 'desc', sequence: 'desc' } },
  );
}
