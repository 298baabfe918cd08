import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';

/**
 * Batches lookups by id into one `IN (...)` query per tick. The gateway sends all representations of a
 * fetch in one `_entities` call and `__resolveReference` runs once per representation, so this is what
 * keeps a list of N items at a constant number of statements. Created per request: it caches, and the
 * cache must not outlive the request's tenant scope.
 */
export function byIdLoader<T extends { id: string }>(em: SqlEntityManager, entity: EntityName<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Batches one-to-many lookups (all rows whose `key` is one of the given values). */
export function groupLoader<T extends object, K extends keyof T & string>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  key: K,
  orderBy?: Partial<Record<keyof T, 'asc' | 'desc'>>,
) {
  return new DataLoader<string, T[]>(async (values) => {
    const rows = await em.find(entity, { [key]: { $in: [...values] } } as FilterQuery<T>, {
      orderBy: orderBy as never,
    });
    const groups = new Map<string, T[]>(values.map((v) => [v, []]));
    for (const r of rows) groups.get(String(r[key]))?.push(r);
    return values.map((v) => groups.get(v) ?? []);
  });
}
