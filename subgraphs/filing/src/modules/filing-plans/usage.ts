import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';

/**
 * A node is *used* once a document or case file has been classified into it (any state, cancelled ones too: the
 * classification is part of their record). Used nodes are never edited in place (domain.md §5.2).
 */

async function countByNode(
  em: SqlEntityManager,
  entity: typeof Document | typeof CaseFile,
  ids: string[],
): Promise<Map<string, number>> {
  const qb = em
    .createQueryBuilder(entity as typeof Document, 'e')
    .select(['e.filingPlanNodeId', raw('count(*) as uses')])
    .where({ filingPlanNodeId: { $in: ids } })
    .groupBy('e.filingPlanNodeId');
  // Query builders do not apply filters by themselves: this adds the tenant condition.
  await qb.applyFilters();
  const rows = await qb.execute<{ filing_plan_node_id: string; uses: number | string }[]>('all', false);
  return new Map(rows.map((r) => [r.filing_plan_node_id, Number(r.uses)]));
}

/** The subset of `ids` that are used: one grouped count over documents and one over case files. */
export async function usedNodeIds(em: SqlEntityManager, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  // One after the other: inside a transaction both would queue on its one connection anyway.
  const documents = await countByNode(em, Document, unique);
  const caseFiles = await countByNode(em, CaseFile, unique);
  return new Set(unique.filter((id) => (documents.get(id) ?? 0) + (caseFiles.get(id) ?? 0) > 0));
}

export async function isNodeUsed(em: SqlEntityManager, id: string): Promise<boolean> {
  return (await usedNodeIds(em, [id])).has(id);
}

/**
 * Per-request DataLoader behind `FilingPlanNode.used`, so a list of nodes costs two queries. Kept beside the
 * request context (keyed by it) rather than in it, and dropped with it.
 */
const loaders = new WeakMap<object, DataLoader<string, boolean>>();

export function usageLoader(ctx: { em: SqlEntityManager }): DataLoader<string, boolean> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const used = await usedNodeIds(ctx.em, ids);
      return ids.map((id) => used.has(id));
    });
    loaders.set(ctx, loader);
  }
  return loader;
}
