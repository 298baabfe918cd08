import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  inTransaction,
  notFound,
  recordAudit,
  requireTenantCaller,
  type SubgraphContext,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { RecordsOfficeContent, RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { DisposalHold, heldObject, isActive } from './disposal-hold.entity';

/** Placing and releasing holds is records-office work (domain.md §2: pracovník spisovny, správce spisové služby). */
export const HOLD_KEEPER_ROLES: readonly Role[] = [Role.RECORDS_OFFICER, Role.RECORDS_MANAGER];

export const MAX_REASON_LENGTH = 2000;

/** The trimmed reason, or BAD_USER_INPUT naming `field`. Length counts characters (code points), not UTF-16 units. */
export function validReason(reason: string, field: string): string {
  const trimmed = reason.trim();
  // The UTF-16 length bounds the code-point count from above by 2×: reject huge input before spreading it.
  if (!trimmed || trimmed.length > 2 * MAX_REASON_LENGTH || [...trimmed].length > MAX_REASON_LENGTH) {
    throw badInput(`${field} must be 1–${MAX_REASON_LENGTH} characters`, field);
  }
  return trimmed;
}

/**
 * Documents and case files are filing's: ask filing for the entity as the same caller. Filing's tenant filter makes
 * another municipality's entity look absent, so one check covers "exists" and "is ours" without reading its tables.
 */
async function assertVisible(ctx: SubgraphContext, typename: 'Document' | 'CaseFile', id: string): Promise<void> {
  const [entity] = await ctx.peers.entities('filing', typename, [id], 'id');
  if (!entity) throw notFound(typename, id);
}

/**
 * Locks the records office item the hold is about (the case file a document came with, or the entity itself), if the
 * records office has it: destruction locks the same row before it reads the holds (disposal/destruction.ts), so a
 * hold and a destruction of one entity never pass each other unseen. A destroyed entity takes no hold (NOT_FOUND).
 */
async function lockHeldItem(tx: SqlEntityManager, target: HoldTarget): Promise<void> {
  const entityId = (target.caseFileId ?? target.documentId)!;
  const content = target.documentId ? await tx.findOne(RecordsOfficeContent, { documentId: target.documentId }) : null;
  const item = await tx.findOne(
    RecordsOfficeItem,
    { id: content?.caseFileId ?? entityId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (item?.state === 'DESTROYED') throw notFound(target.caseFileId ? 'CaseFile' : 'Document', entityId);
}

export interface HoldTarget {
  documentId?: string | null;
  caseFileId?: string | null;
}

/** The caller's municipality's holds, newest first (the tenant filter scopes the query). */
export function listDisposalHolds(ctx: SubgraphContext, includeReleased: boolean): Promise<DisposalHold[]> {
  requireTenantCaller(ctx);
  return ctx.em.find(DisposalHold, includeReleased ? {} : { releasedAt: null }, {
    orderBy: { placedAt: 'desc', id: 'asc' },
  });
}

/**
 * Places a hold on one of the caller's municipality's documents or case files (exactly one of the two). An entity
 * may carry several active holds at once (e.g. a lawsuit and an inspection), each released on its own. A hold on
 * a document inside a case file holds the case file as well (records-office/disposal-check.ts).
 */
export async function placeDisposalHold(
  ctx: SubgraphContext,
  target: HoldTarget,
  reason: string,
): Promise<DisposalHold> {
  const caller = requireTenantCaller(ctx, HOLD_KEEPER_ROLES);
  if (!!target.documentId === !!target.caseFileId) throw badInput('Give either documentId or caseFileId', 'documentId');
  const trimmed = validReason(reason, 'reason');
  if (target.caseFileId) await assertVisible(ctx, 'CaseFile', target.caseFileId);
  else await assertVisible(ctx, 'Document', target.documentId!);
  return inTransaction(ctx.em, async (tx) => {
    await lockHeldItem(tx, target);
    const hold = tx.create(DisposalHold, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      documentId: target.documentId ?? null,
      caseFileId: target.caseFileId ?? null,
      reason: trimmed,
      placedAt: new Date(),
      placedById: caller.userId,
      releasedAt: null,
      releasedById: null,
      releaseReason: null,
    });
    tx.persist(hold);
    // The event's object is the document or case file, so the hold shows up in its audit trail.
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'PozastaveniSkartacniOperace',
      ...heldObject(hold),
      description: trimmed,
      changes: [
        { name: 'disposalHoldId', old: null, new: hold.id },
        { name: 'reason', old: null, new: trimmed },
      ],
    });
    return hold;
  });
}

/** Releases an active hold of the caller's municipality; another municipality's hold is NOT_FOUND. */
export async function releaseDisposalHold(ctx: SubgraphContext, id: string, reason: string): Promise<DisposalHold> {
  const caller = requireTenantCaller(ctx, HOLD_KEEPER_ROLES);
  const trimmed = validReason(reason, 'reason');
  return inTransaction(ctx.em, async (tx) => {
    const hold = await lockHold(tx, id);
    if (!hold) throw notFound('DisposalHold', id);
    if (!isActive(hold)) throw conflict(`Disposal hold ${id} was already released`);
    hold.releasedAt = new Date();
    hold.releasedById = caller.userId;
    hold.releaseReason = trimmed;
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'ZruseniPozastaveniSkartacniOperace',
      ...heldObject(hold),
      description: trimmed,
      // Mirrors the placing event: the hold id goes from set to unset on the document.
      changes: [
        { name: 'disposalHoldId', old: hold.id, new: null },
        { name: 'releaseReason', old: null, new: trimmed },
      ],
    });
    return hold;
  });
}

/**
 * Reads the hold with a row lock (MariaDB), so two concurrent releases cannot both see it active and both write
 * an audit event: the second waits and then gets CONFLICT. SQLite ignores FOR UPDATE, but it commits one write
 * transaction at a time per file: one whose read went stale fails with SQLITE_BUSY and inTransaction re-runs it.
 */
function lockHold(tx: SqlEntityManager, id: string): Promise<DisposalHold | null> {
  return tx.findOne(DisposalHold, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}
