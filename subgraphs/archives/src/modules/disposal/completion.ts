import type { SqlEntityManager } from '@mikro-orm/knex';
import { recordAudit, type TenantCaller } from '@hub/kit';
import type { DisposalProposal, DisposalProposalEntry } from './disposal-proposal.entity';

/** States in which the archive's decision stands: transfer and destruction work on them (COMPLETED: nothing is left). */
export const DECIDED_STATES = ['DECIDED', 'COMPLETED'] as const;

/** An entry whose procedure is over: kept and its transfer confirmed, or destroyed. */
const done = (e: DisposalProposalEntry) =>
  (e.decision === 'KEEP_AS_ARCHIVAL_RECORD' && !!e.transferConfirmedAt) ||
  (e.decision === 'DESTROY' && !!e.destroyedAt);

/**
 * Ends the skartační řízení once every entity of the proposal is done (DECIDED → COMPLETED, an `Uprava` in the same
 * transaction as the last transfer or destruction), so the records office sees which procedures still wait.
 * `entries`: all of the proposal's entries as they are now.
 */
export async function completeWhenDone(
  tx: SqlEntityManager,
  caller: TenantCaller,
  proposal: DisposalProposal,
  entries: readonly DisposalProposalEntry[],
): Promise<void> {
  if (proposal.state !== 'DECIDED' || entries.length === 0 || !entries.every(done)) return;
  proposal.state = 'COMPLETED';
  await tx.flush();
  const kept = entries.filter((e) => e.decision === 'KEEP_AS_ARCHIVAL_RECORD').length;
  await recordAudit(tx, caller, {
    municipalityId: caller.municipalityId,
    eventType: 'Uprava',
    objectType: 'SkartacniNavrh',
    objectId: proposal.id,
    description: `The disposal procedure for ${proposal.year} is complete: ${kept} entities transferred to the archive, ${entries.length - kept} destroyed`,
    changes: [{ name: 'state', old: 'DECIDED', new: 'COMPLETED' }],
  });
}
