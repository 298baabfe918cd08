import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ErrorCode, HubError, inTransaction, notFound, conflict, recordAudit, type TenantCaller } from '@hub/kit';
import { completeWhenDone, DECIDED_STATES } from './completion';
import { randomUUID } from 'node:crypto';
import { objectTypeOf, validText } from '../records-office/common';
import { disposalBlocks, type DisposalBlock } from '../records-office/disposal-check';
import { RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { DisposalProposal, DisposalProposalEntry } from './disposal-proposal.entity';

/** Why an entity the archive approved for destruction was left alone this time (it may be destroyed by a later call). */
export type DestructionSkipReason = DisposalBlock | 'NOT_IN_RECORDS_OFFICE';

export interface DestructionSkip {
  entry: DisposalProposalEntry;
  reasons: DestructionSkipReason[];
}

export interface DestructionResult {
  proposal: DisposalProposal;
  destroyed: DisposalProposalEntry[];
  skipped: DestructionSkip[];
  /** This run's id: filing files the destruction record (záznam o zničení) under it; null when nothing was destroyed. */
  destructionId: string | null;
}

/** Change names of the `Zniceni` events that filing's log ingest reads (filing modules/destruction). */
export const DESTRUCTION_ID_CHANGE = 'destructionId';
export const PROTOCOL_REFERENCE_CHANGE = 'protocolReference';

/**
 * Destroys (vyřazení/zničení, domain.md §6.4) what the archive approved for destruction in a DECIDED proposal, after
 * the protocol of the skartační řízení (its reference, e.g. the archive's čj, is recorded on every entity):
 *
 * - only entries decided DESTROY and not destroyed yet;
 * - only once every entry the archive kept has its transfer confirmed (`transferConfirmedAt`, IL 19/2019: nothing is
 *   deleted before the archive confirms it has the archival records); otherwise CONFLICT and nothing written;
 * - an entity under an active disposal hold (on it or on a document of the case file) or lent is skipped with its
 *   reasons: a hold placed after the decision stops its destruction (a later call destroys it once released). The
 *   items are locked first and the holds read after with a locking read (the latest committed rows, not the
 *   transaction's snapshot), and placing a hold locks the item too (disposal-hold.service.ts), so a hold either
 *   commits before this reads the holds or waits and then finds the item DESTROYED.
 *
 * Each destroyed item goes DESTROYED and its entry gets `destroyedAt`; each gets TrP `Zniceni` (date, actor, proposal,
 * protocol reference) and the proposal one `Uprava` naming the run, all in one transaction. Filing reduces the
 * entities to tombstones, erases their bytes and files the destruction record when these events reach its log
 * (filing modules/destruction/ingest.ts): archives never writes filing's rows.
 */
export async function destroyDisposedEntities(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: { proposalId: string; protocolReference: string },
  now: Date,
): Promise<DestructionResult> {
  // At most 50: it is written into the log's parameters and the tombstone, like an identifier (HodnotaID ≤ 50).
  const protocol = validText(input.protocolReference, 'protocolReference', 50, true)!;
  return inTransaction(em, async (tx) => {
    const proposal = await tx.findOne(
      DisposalProposal,
      { id: input.proposalId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!proposal) throw notFound('DisposalProposal', input.proposalId);
    if (!DECIDED_STATES.includes(proposal.state as never))
      throw conflict(
        `The disposal proposal is ${proposal.state}: entities are destroyed only after the archive's decision`,
      );
    const entries = await tx.find(
      DisposalProposalEntry,
      { proposalId: proposal.id },
      { orderBy: [{ addedAt: 'asc' }, { id: 'asc' }], refresh: true },
    );
    const awaiting = entries.filter((e) => e.decision === 'KEEP_AS_ARCHIVAL_RECORD' && !e.transferConfirmedAt);
    if (awaiting.length > 0) {
      throw new HubError(
        ErrorCode.CONFLICT,
        `Nothing is destroyed before the archive confirms the transfer of the archival records: ${awaiting
          .slice(0, 5)
          .map((e) => e.pid)
          .join(', ')}${awaiting.length > 5 ? ', …' : ''} await it`,
        {
          problems: awaiting.map((e) => ({
            identifier: e.pid,
            reason: 'kept as an archival record: its transfer is not confirmed yet',
          })),
        },
      );
    }
    const due = entries.filter((e) => e.decision === 'DESTROY' && !e.destroyedAt);
    const ids = due.map((e) => e.entityId);
    // Items first (locked), holds after: see the doc comment.
    const items = new Map(
      (ids.length
        ? await tx.find(
            RecordsOfficeItem,
            { id: { $in: ids } },
            { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
          )
        : []
      ).map((i) => [i.id, i]),
    );
    // Locking reads: they see a hold committed by now even where this transaction's snapshot is older (MariaDB).
    const blocks = await disposalBlocks(tx, ids, { lock: true });
    const destroyed: DisposalProposalEntry[] = [];
    const skipped: DestructionSkip[] = [];
    for (const e of due) {
      const item = items.get(e.entityId);
      const reasons: DestructionSkipReason[] = [...(blocks.get(e.entityId) ?? [])];
      if (!item || (item.state !== 'IN_RECORDS_OFFICE' && item.state !== 'ON_LOAN'))
        reasons.push('NOT_IN_RECORDS_OFFICE');
      if (reasons.length > 0) skipped.push({ entry: e, reasons });
      else destroyed.push(e);
    }
    if (destroyed.length === 0) return { proposal, destroyed, skipped, destructionId: null };

    const destructionId = randomUUID();
    const before = new Map(destroyed.map((e) => [e.entityId, items.get(e.entityId)!.state]));
    for (const e of destroyed) {
      items.get(e.entityId)!.state = 'DESTROYED';
      e.destroyedAt = now;
    }
    await tx.flush();
    for (const e of destroyed) {
      const item = items.get(e.entityId)!;
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Zniceni',
        objectType: objectTypeOf(item),
        objectId: item.id,
        description: `${item.referenceNumber} destroyed after the archive's decision (protocol ${protocol}, disposal proposal for ${proposal.year})`,
        changes: [
          { name: 'state', old: before.get(item.id)!, new: 'DESTROYED' },
          { name: 'disposalProposalId', old: null, new: proposal.id },
          { name: 'SkartacniRizeni.Datum', old: null, new: e.decisionDate },
          { name: 'decision', old: null, new: e.decision },
          { name: PROTOCOL_REFERENCE_CHANGE, old: null, new: protocol },
          { name: DESTRUCTION_ID_CHANGE, old: null, new: destructionId },
          { name: 'destroyedAt', old: null, new: now.toISOString() },
        ],
      });
    }
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposal.id,
      description: `Destruction after the disposal proposal for ${proposal.year}: ${destroyed.length} entities destroyed (protocol ${protocol})`,
      changes: [
        { name: DESTRUCTION_ID_CHANGE, old: null, new: destructionId },
        { name: PROTOCOL_REFERENCE_CHANGE, old: null, new: protocol },
        { name: 'destroyedCount', old: null, new: String(destroyed.length) },
        { name: 'year', old: null, new: String(proposal.year) },
      ],
    });
    await completeWhenDone(tx, caller, proposal, entries);
    return { proposal, destroyed, skipped, destructionId };
  });
}
