import type { EntityManager, EventSubscriber, FlushEventArgs, Options } from '@mikro-orm/core';

type FilterDef = NonNullable<Options['filters']>[string];
import { forbidden } from './errors';

/**
 * Tenant isolation, enforced in one place:
 * - reads: a default MikroORM filter adds `municipality_id = :tenant` to every query of an entity that
 *   has a `municipalityId` property. With no tenant set, MikroORM refuses the query (fail closed).
 * - writes: a flush subscriber refuses to insert, update or delete a tenant-owned row of any other
 *   municipality than the one the EntityManager is scoped to.
 * Resolvers never add tenant conditions themselves.
 */
export const TENANT_FILTER = 'tenant';

export interface TenantParams {
  municipalityId: string;
}

export function tenantFilter(entityNames: string[]): FilterDef {
  return {
    name: TENANT_FILTER,
    cond: (args: TenantParams) => ({ municipalityId: args.municipalityId }),
    default: true,
    entity: entityNames,
  };
}

/** Scopes an EntityManager (a request's fork) to one municipality. */
export function scopeToTenant<E extends EntityManager>(em: E, municipalityId: string): E {
  em.setFilterParams(TENANT_FILTER, { municipalityId } satisfies TenantParams);
  return em;
}

export function tenantOf(em: EntityManager): string | undefined {
  return (em.getFilterParams(TENANT_FILTER) as TenantParams | undefined)?.municipalityId;
}

export class TenantWriteGuard implements EventSubscriber {
  constructor(private readonly tenantEntities: Set<string>) {}

  onFlush({ em, uow }: FlushEventArgs): void {
    const tenant = tenantOf(em);
    for (const cs of uow.getChangeSets()) {
      if (!this.tenantEntities.has(cs.meta.className)) continue;
      const entity = cs.entity as { municipalityId?: string };
      const before = (cs.originalEntity as { municipalityId?: string } | undefined)?.municipalityId;
      const touched = [entity.municipalityId, before].filter((v): v is string => v !== undefined);
      if (!tenant || touched.some((m) => m !== tenant)) {
        throw forbidden('This record belongs to another municipality');
      }
    }
  }
}
