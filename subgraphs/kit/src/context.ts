import type { SqlEntityManager } from '@mikro-orm/knex';
import { auditEventsOf } from './audit';
import type { Caller } from './auth';
import { forbidden, unauthenticated } from './errors';
import type { Peers } from './peers';
import { AUDIT_READER_ROLES, Role } from './roles';

/** What every subgraph resolver gets. Subgraphs extend it with their own DataLoaders. */
export interface SubgraphContext {
  /** The verified caller; null for anonymous requests (only `login` accepts those). */
  caller: Caller | null;
  /** A per-request fork, already scoped to the caller's municipality by the tenant filter. */
  em: SqlEntityManager;
  requestId: string;
  /** Other subgraphs, asked as the same caller (see peers.ts). */
  peers: Peers;
  /**
   * The client's network address as the gateway asserted it (signed, so a client cannot choose it); null when
   * unknown. Sign-in throttling counts per address.
   */
  clientAddress: string | null;
}

export type TenantCaller = Caller & { municipalityId: string };

/** The caller, who must be signed in and (if roles are given) hold one of them. */
export function requireCaller(ctx: SubgraphContext, roles?: readonly Role[]): Caller {
  const c = ctx.caller;
  if (!c) throw unauthenticated();
  if (roles && !roles.some((r) => c.roles.includes(r))) {
    throw forbidden(`This needs one of the roles ${roles.join(', ')}`);
  }
  return c;
}

/** Like requireCaller, for operations on a municipality's records: platform admins have none. */
export function requireTenantCaller(ctx: SubgraphContext, roles?: readonly Role[]): TenantCaller {
  const c = requireCaller(ctx, roles);
  if (!c.municipalityId) throw forbidden("Platform administrators have no access to a municipality's records");
  return c as TenantCaller;
}

export const hasRole = (c: Caller | null, ...roles: Role[]) => !!c && roles.some((r) => c.roles.includes(r));
export const isPlatformAdmin = (c: Caller | null) => hasRole(c, Role.PLATFORM_ADMIN);

/**
 * Resolver of a subgraph's `AuditTrail.<subgraph>Events` field: this subgraph's events about the object,
 * for the roles allowed to read the log, within the caller's municipality (tenant filter).
 */
export async function auditTrailEvents(ctx: SubgraphContext, objectId: string) {
  requireTenantCaller(ctx, AUDIT_READER_ROLES);
  return auditEventsOf(ctx.em, objectId);
}
