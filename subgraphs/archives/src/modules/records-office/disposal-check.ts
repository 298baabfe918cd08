import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { conflict } from '@hub/kit';
import { DisposalHold } from '../disposal-holds/disposal-hold.entity';
import { RecordsOfficeContent, RecordsOfficeItem } from './records-office-item.entity';

/** Why an entity may not leave the records office or go to disposal now. */
export type DisposalBlock = 'DISPOSAL_HOLD' | 'ON_LOAN';

/**
 * THE check before anything takes an entity out of the records office's custody for good: returning it to the
 * office today; a disposal proposal, destruction and transfer to the archive in the next issue (call this in the
 * same transaction that makes the change). An entity is blocked while
 * - an active disposal hold lies on it, or, for a case file, on any of the documents it came with;
 * - it is lent (ON_LOAN).
 * Ids are case file or document ids; the answer has an entry for each, empty when nothing blocks it. Three
 * statements whatever the number of ids (tenant filter applies).
 */
export async function disposalBlocks(
  em: SqlEntityManager,
  entityIds: readonly string[],
  opts: { lock?: boolean } = {},
): Promise<Map<string, DisposalBlock[]>> {
  const result = new Map<string, DisposalBlock[]>(entityIds.map((id) => [id, []]));
  if (entityIds.length === 0) return result;
  const ids = [...entityIds];
  // `lock`: shared locking reads, which see what committed after the transaction's snapshot (destruction.ts needs it).
  const lockMode: LockMode.PESSIMISTIC_READ | undefined = opts.lock ? LockMode.PESSIMISTIC_READ : undefined;
  const read = { refresh: true, lockMode };
  const [items, contents] = await Promise.all([
    em.find(RecordsOfficeItem, { id: { $in: ids } }, read),
    em.find(RecordsOfficeContent, { caseFileId: { $in: ids } }, read),
  ]);
  const ownerOf = new Map<string, string>(ids.map((id) => [id, id]));
  for (const c of contents) ownerOf.set(c.documentId, c.caseFileId);
  const held = [...ownerOf.keys()];
  const holds = await em.find(
    DisposalHold,
    { releasedAt: null, $or: [{ documentId: { $in: held } }, { caseFileId: { $in: held } }] },
    read,
  );
  for (const h of holds) {
    const owner = ownerOf.get((h.caseFileId ?? h.documentId)!);
    const blocks = owner ? result.get(owner) : undefined;
    if (blocks && !blocks.includes('DISPOSAL_HOLD')) blocks.push('DISPOSAL_HOLD');
  }
  for (const item of items) if (item.state === 'ON_LOAN') result.get(item.id)!.push('ON_LOAN');
  return result;
}

/** CONFLICT naming what blocks `action` (e.g. "returned to the office"), unless nothing does. */
export async function assertNotBlocked(
  em: SqlEntityManager,
  entityIds: readonly string[],
  action: string,
  label: (id: string) => string = (id) => id,
): Promise<void> {
  const blocks = await disposalBlocks(em, entityIds);
  const blocked = [...blocks].filter(([, b]) => b.length > 0);
  if (blocked.length > 0) {
    const why = (b: DisposalBlock) => (b === 'DISPOSAL_HOLD' ? 'under an active disposal hold' : 'on loan');
    throw conflict(
      `Cannot be ${action}: ${blocked.map(([id, b]) => `${label(id)} is ${b.map(why).join(' and ')}`).join('; ')}`,
    );
  }
}
