import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  inTransaction,
  logger,
  recordAudit,
  scopeToTenant,
  startJobLease,
  timeJob,
  type HubORM,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { DisposalProposal, DisposalProposalBuildItem, DisposalProposalEntry } from './disposal-proposal.entity';
import { blocksOf, entryEvent } from './proposal';
import type { EntityReadiness } from './readiness';

/**
 * The build of a disposal proposal (issue 11, item 7): a district's year is thousands of due entities, too many for
 * one request and one transaction. `openDisposalProposal` queues them (DisposalProposalBuildItem) and this job puts
 * them in, PROPOSAL_BUILD_BATCH at a time, each batch one transaction: the batch's entries, their
 * `VlozeniDoSkartacnihoNavrhu`, the counters, and the deletion of the batch's queue rows. A process killed mid-build
 * leaves the queue exactly as the last commit did, so the next holder of the job lease resumes there with no
 * entity put in (or audited) twice. The last batch turns the proposal OPEN (`Uprava`, BUILDING → OPEN).
 *
 * Why filing is not asked here: peer calls go as the caller of the request being served (kit peers.ts, auth.ts:
 * a subgraph can act only for callers that actually reached it), and the service assertion opens only internal
 * routes, not filing's `_entities`. A job has no such caller, and a subgraph signing as the proposal's creator is
 * what the kit forbids by design. So the PIDs are asked for once, as the officer, at open time and stored in the
 * queue; the records office's own blocks (holds, loans, custody, other proposals) are read again per batch, in its
 * transaction, since they may change while the build runs. The job's audit events carry the opening officer (the
 * entries are that officer's act), kept as `buildActor`.
 */
export const PROPOSAL_BUILD_BATCH = 200;

/** Entities built within the opening request (HUB_PROPOSAL_BUILD_INLINE, default 1000; 0: all by the job). */
export function proposalBuildInlineLimit(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_PROPOSAL_BUILD_INLINE);
  return env.HUB_PROPOSAL_BUILD_INLINE !== undefined && Number.isInteger(n) && n >= 0 ? n : 1000;
}

export interface BatchResult {
  /** Queue rows gone through in this batch. */
  processed: number;
  /** The proposal is no longer BUILDING (finished now or before). */
  finished: boolean;
}

/**
 * One batch of the proposal's build, in one transaction (`em` scoped to the proposal's municipality). The proposal
 * row is locked first, so two processes (a lease handed over mid-batch, an inline build and the job) take turns.
 */
export async function buildProposalBatch(
  em: SqlEntityManager,
  proposalId: string,
  batchSize: number,
  now: Date,
): Promise<BatchResult> {
  return inTransaction(em, async (tx) => {
    const proposal = await tx.findOne(
      DisposalProposal,
      { id: proposalId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!proposal || proposal.state !== 'BUILDING') return { processed: 0, finished: true };
    const actor = { ...proposal.buildActor!, municipalityId: proposal.municipalityId } as TenantCaller;
    const queue = await tx.find(
      DisposalProposalBuildItem,
      { proposalId },
      { orderBy: [{ sortKey: 'asc' }, { entityId: 'asc' }], limit: batchSize, refresh: true },
    );
    const items = queue.length
      ? await tx.find(RecordsOfficeItem, { id: { $in: queue.map((q) => q.entityId) } }, { refresh: true })
      : [];
    const readiness = new Map<string, EntityReadiness>();
    for (const q of queue) if (q.pid) readiness.set(q.entityId, { pid: q.pid, ready: true, problems: [] });
    const blocks = await blocksOf(tx, items, proposal.year, readiness, proposal.id);
    const already = new Set(
      items.length
        ? (
            await tx.find(
              DisposalProposalEntry,
              { proposalId, entityId: { $in: items.map((i) => i.id) } },
              { refresh: true },
            )
          ).map((e) => e.entityId)
        : [],
    );
    // Counted before anything of this batch is written (a query may flush pending changes first).
    const finished =
      queue.length < batchSize || (await tx.count(DisposalProposalBuildItem, { proposalId })) === queue.length;
    const bySortKey = new Map(items.map((i) => [i.id, i]));
    const proposed = queue
      .map((q) => bySortKey.get(q.entityId))
      .filter((i): i is RecordsOfficeItem => !!i && blocks.get(i.id)!.length === 0 && !already.has(i.id));
    for (const item of proposed) {
      tx.create(DisposalProposalEntry, {
        id: randomUUID(),
        municipalityId: proposal.municipalityId,
        proposalId,
        entityId: item.id,
        pid: readiness.get(item.id)!.pid,
        addedAt: now,
        addedById: actor.userId,
        decision: null,
        decisionDate: null,
        reasoning: null,
        assessor: null,
      });
    }
    for (const q of queue) tx.remove(q);
    proposal.buildProcessed = (proposal.buildProcessed ?? 0) + queue.length;
    proposal.buildProposed = (proposal.buildProposed ?? 0) + proposed.length;
    proposal.buildBlocked = (proposal.buildBlocked ?? 0) + (queue.length - proposed.length);
    if (finished) {
      proposal.state = 'OPEN';
      proposal.buildFinishedAt = now;
    }
    await tx.flush();
    for (const item of proposed)
      await recordAudit(tx, actor, entryEvent(actor, item, proposal, 'VlozeniDoSkartacnihoNavrhu'));
    if (finished) {
      await recordAudit(tx, actor, {
        municipalityId: proposal.municipalityId,
        eventType: 'Uprava',
        objectType: 'SkartacniNavrh',
        objectId: proposal.id,
        description: `Disposal proposal for ${proposal.year} built: ${proposal.buildProposed} of ${proposal.buildTotal} due entities put in, ${proposal.buildBlocked} blocked`,
        changes: [
          { name: 'state', old: 'BUILDING', new: 'OPEN' },
          { name: 'entryCount', old: null, new: String(proposal.buildProposed) },
          { name: 'blockedCount', old: null, new: String(proposal.buildBlocked) },
        ],
      });
    }
    return { processed: queue.length, finished };
  });
}

export interface BuildRunOptions {
  batchSize?: number;
  /** Asked before every batch: false stops the run (the lease was lost, the process is stopping). */
  mayContinue?: () => boolean;
  now?: () => Date;
}

/** Builds every BUILDING proposal of every municipality, batch after batch, until done or told to stop. */
export async function runProposalBuilds(
  orm: HubORM,
  opts: BuildRunOptions = {},
): Promise<{ processed: number; finished: number }> {
  const batchSize = opts.batchSize ?? PROPOSAL_BUILD_BATCH;
  const mayContinue = opts.mayContinue ?? (() => true);
  // Across tenants on purpose (`filters: false`): the job builds every municipality's; each batch writes through a
  // fork scoped to the proposal's municipality (tenant write guard).
  const building = await orm.em
    .fork()
    .find(DisposalProposal, { state: 'BUILDING' }, { filters: false, orderBy: { createdAt: 'asc' } });
  const total = { processed: 0, finished: 0 };
  for (const p of building) {
    const em = scopeToTenant(orm.em.fork(), p.municipalityId) as SqlEntityManager;
    while (mayContinue()) {
      const r = await buildProposalBatch(em.fork(), p.id, batchSize, (opts.now ?? (() => new Date()))());
      total.processed += r.processed;
      if (r.finished) {
        total.finished++;
        break;
      }
    }
  }
  return total;
}

/** How often the job looks for proposals to build (HUB_PROPOSAL_BUILD_INTERVAL_MS, default 2000). */
function buildIntervalMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.HUB_PROPOSAL_BUILD_INTERVAL_MS);
  return Number.isFinite(n) && n > 0 ? n : 2_000;
}

/** The build job of archives: once per deployment (kit lease.ts), resuming whatever a stopped process left. */
export function proposalBuildBackground(orm: HubORM, env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const log = logger.child({ component: 'proposal-build' });
  const lease = startJobLease(orm, 'disposal-proposal-build', { service: 'archives' });
  let busy = false;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    if (busy || stopped) return;
    busy = true;
    running = lease
      .ensure()
      .then((mine) =>
        mine
          ? timeJob('archives', 'disposal-proposal-build', () =>
              runProposalBuilds(orm, { mayContinue: () => !stopped && lease.held() }),
            )
          : null,
      )
      .then((r) => {
        if (r?.finished) log.info(r, 'disposal proposals built');
      })
      .catch((e) => log.error({ err: e }, 'disposal proposal build failed (resumed next round)'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(round, buildIntervalMs(env));
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await lease.stop();
    },
  };
}
