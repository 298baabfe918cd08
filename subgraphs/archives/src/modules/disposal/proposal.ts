import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  DISPOSAL_PROPOSAL_CHANGE,
  badInput,
  conflict,
  inTransaction,
  notFound,
  recordAudit,
  type Peers,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { lockItem, objectTypeOf, validText } from '../records-office/common';
import { disposalBlocks } from '../records-office/disposal-check';
import { RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { PROPOSAL_BUILD_BATCH, buildProposalBatch, proposalBuildInlineLimit } from './build';
import { DisposalProposal, DisposalProposalBuildItem, DisposalProposalEntry } from './disposal-proposal.entity';
import { archiveReadiness, type EntityReadiness, type ReadinessProblem } from './readiness';

/** Why a due entity is not (or may not be put) in the disposal proposal. */
export type ProposalBlock =
  | 'DISPOSAL_HOLD'
  | 'ON_LOAN'
  | 'NOT_IN_RECORDS_OFFICE'
  | 'NOT_DUE'
  | 'IN_OTHER_PROPOSAL'
  | 'ALREADY_DECIDED'
  | 'METADATA_INCOMPLETE'
  | 'UNKNOWN_TO_FILING';

export interface Candidate {
  item: RecordsOfficeItem;
  blocks: ProposalBlock[];
  problems: ReadinessProblem[];
}

/** Proposals that take up the municipality's one slot (`activeKey`): being built, filled or at the archive. */
export const ACTIVE_PROPOSAL_STATES = ['BUILDING', 'OPEN', 'SUBMITTED'] as const;
/**
 * Proposals whose entities are locked against leaving the records office or being lent: also once DECIDED, as the
 * decided entity now waits for its transfer or destruction (later steps end the lock with their own states).
 */
export const LOCKING_PROPOSAL_STATES = ['BUILDING', 'OPEN', 'SUBMITTED', 'DECIDED'] as const;
const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

function validYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw badInput(`year must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, 'year');
  return year;
}

/** The municipality's BUILDING, OPEN or SUBMITTED proposal (at most one, by the unique `activeKey`), locked when asked. */
export function activeProposal(em: SqlEntityManager, lock = false): Promise<DisposalProposal | null> {
  return em.findOne(
    DisposalProposal,
    { state: { $in: [...ACTIVE_PROPOSAL_STATES] } },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true },
  );
}

/**
 * What keeps each of `items` from a disposal proposal for `year` (empty: it may go in): the records office's own
 * blocks (disposal-check.ts: holds, loans), its custody, the disposal year, another proposal holding it or the
 * archive having decided it already, and filing's archive readiness (`readiness`, asked before the transaction).
 * `proposalId`: entries of this proposal do not count as "in another proposal".
 */
export async function blocksOf(
  em: SqlEntityManager,
  items: readonly RecordsOfficeItem[],
  year: number,
  readiness: Map<string, EntityReadiness>,
  proposalId: string | null,
): Promise<Map<string, ProposalBlock[]>> {
  const ids = items.map((i) => i.id);
  const [office, entries] = await Promise.all([
    disposalBlocks(em, ids),
    ids.length ? em.find(DisposalProposalEntry, { entityId: { $in: ids } }, { refresh: true }) : Promise.resolve([]),
  ]);
  const proposalIds = [...new Set(entries.map((e) => e.proposalId))];
  const proposals = proposalIds.length
    ? await em.find(DisposalProposal, { id: { $in: proposalIds } }, { refresh: true })
    : [];
  const stateOf = new Map(proposals.map((p) => [p.id, p.state]));
  const result = new Map<string, ProposalBlock[]>();
  for (const item of items) {
    const blocks: ProposalBlock[] = [...(office.get(item.id) ?? [])];
    if (item.state === 'RETURNED') blocks.push('NOT_IN_RECORDS_OFFICE');
    if (item.disposalYear == null || item.disposalYear > year) blocks.push('NOT_DUE');
    for (const e of entries.filter((x) => x.entityId === item.id)) {
      if (e.decision != null) blocks.push('ALREADY_DECIDED');
      else if (e.proposalId !== proposalId && ACTIVE_PROPOSAL_STATES.includes(stateOf.get(e.proposalId) as never))
        blocks.push('IN_OTHER_PROPOSAL');
    }
    const r = readiness.get(item.id);
    if (!r) blocks.push('UNKNOWN_TO_FILING');
    else if (!r.ready) blocks.push('METADATA_INCOMPLETE');
    result.set(item.id, [...new Set(blocks)]);
  }
  return result;
}

/** Due items of the records office (in its custody, lent or not) for `year`, in inventory order. */
export const dueItems = (em: SqlEntityManager, year: number) =>
  em.find(
    RecordsOfficeItem,
    { state: { $in: ['IN_RECORDS_OFFICE', 'ON_LOAN'] }, disposalYear: { $lte: year } },
    { orderBy: [{ sortKey: 'asc' }, { id: 'asc' }], refresh: true },
  );

export const entryEvent = (
  caller: TenantCaller,
  item: RecordsOfficeItem,
  proposal: DisposalProposal,
  type: 'VlozeniDoSkartacnihoNavrhu' | 'VyjmutiZeSkartacnihoNavrhu',
  why?: string,
) => ({
  municipalityId: caller.municipalityId,
  eventType: type,
  objectType: objectTypeOf(item),
  objectId: item.id,
  description:
    type === 'VlozeniDoSkartacnihoNavrhu'
      ? `${item.referenceNumber} put in the disposal proposal for ${proposal.year}`
      : `${item.referenceNumber} taken out of the disposal proposal for ${proposal.year}: ${why}`,
  changes: [
    {
      name: DISPOSAL_PROPOSAL_CHANGE,
      old: type === 'VlozeniDoSkartacnihoNavrhu' ? null : proposal.id,
      new: type === 'VlozeniDoSkartacnihoNavrhu' ? proposal.id : null,
    },
  ],
});

/**
 * Opens the municipality's disposal proposal (skartační návrh) for `year` in the BUILDING phase, with its
 * `Zalozeni`, and returns it. A second active proposal (also a concurrent one) is CONFLICT: the unique `activeKey`
 * decides, not a prior read. The due entities (disposal year ≤ year) go into the proposal's build queue with the
 * PID filing answered for each: readiness is asked here, as the officer, before the transaction (a peer call does
 * not belong inside a row lock; the background job has no caller to ask filing as, see build.ts). The first
 * `inlineLimit` entities are then built within the request (a small proposal comes back OPEN and complete); the
 * rest is the build job's (build.ts), which the proposal's `build` shows.
 */
export async function openDisposalProposal(
  em: SqlEntityManager,
  caller: TenantCaller,
  peers: Peers,
  year: number,
  now: Date,
  inlineLimit = proposalBuildInlineLimit(),
): Promise<DisposalProposal> {
  validYear(year);
  if (await activeProposal(em)) throw conflict('The municipality already has an open or submitted disposal proposal');
  const items = await dueItems(em, year);
  const readiness = await archiveReadiness(peers, items);
  let proposal: DisposalProposal;
  try {
    proposal = await inTransaction(em, async (tx) => {
      const p = tx.create(DisposalProposal, {
        id: randomUUID(),
        municipalityId: caller.municipalityId,
        year,
        state: 'BUILDING',
        activeKey: caller.municipalityId,
        documentId: null,
        createdAt: now,
        createdById: caller.userId,
        submittedAt: null,
        submittedById: null,
        decisionListId: null,
        decidedAt: null,
        decidedById: null,
        buildTotal: items.length,
        buildProcessed: 0,
        buildProposed: 0,
        buildBlocked: 0,
        buildFinishedAt: null,
        buildActor: {
          userId: caller.userId,
          login: caller.login,
          name: caller.name ?? null,
          roles: [...caller.roles],
          orgUnitId: caller.orgUnitId ?? null,
        },
      });
      // Claims the municipality's slot first: a concurrent open fails here, before it writes anything else.
      await tx.flush();
      // Plain inserts in chunks, not managed entities: a district's year would otherwise sit in the unit of work
      // (memory), and the rows carry the caller's own municipality (what the tenant write guard would check).
      const rows = items.map((item) => ({
        proposalId: p.id,
        entityId: item.id,
        municipalityId: caller.municipalityId,
        sortKey: item.sortKey,
        pid: readiness.get(item.id)?.pid ?? null,
      }));
      for (let i = 0; i < rows.length; i += 500) await tx.insertMany(DisposalProposalBuildItem, rows.slice(i, i + 500));
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'SkartacniNavrh',
        objectId: p.id,
        description: `Disposal proposal for ${year} opened: ${items.length} due entities to go through`,
        changes: [
          { name: 'year', old: null, new: String(year) },
          { name: 'state', old: null, new: 'BUILDING' },
        ],
      });
      return p;
    });
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      throw conflict('The municipality already has an open or submitted disposal proposal');
    throw e;
  }
  let done = 0;
  while (done < inlineLimit) {
    const r = await buildProposalBatch(
      em,
      proposal.id,
      Math.min(PROPOSAL_BUILD_BATCH, inlineLimit - done),
      new Date(now.getTime()),
    );
    done += r.processed;
    if (r.finished || r.processed === 0) break;
  }
  return (await em.findOne(DisposalProposal, { id: proposal.id }, { refresh: true }))!;
}

/**
 * What is due for `year` but not in the active proposal (nor queued for it while it builds), each with what blocks
 * it (empty: it may be added). The records office sees here why the rest was not proposed.
 */
export async function disposalCandidates(em: SqlEntityManager, peers: Peers, year: number): Promise<Candidate[]> {
  validYear(year);
  const proposal = await activeProposal(em);
  const inIt = proposal
    ? new Set((await em.find(DisposalProposalEntry, { proposalId: proposal.id })).map((e) => e.entityId))
    : new Set<string>();
  // While it builds, what is still queued is on its way in, not a candidate.
  if (proposal?.state === 'BUILDING')
    for (const q of await em.find(DisposalProposalBuildItem, { proposalId: proposal.id })) inIt.add(q.entityId);
  const items = (await dueItems(em, year)).filter((i) => !inIt.has(i.id));
  const readiness = await archiveReadiness(peers, items);
  const blocks = await blocksOf(em, items, year, readiness, proposal?.id ?? null);
  return items.map((item) => ({
    item,
    blocks: blocks.get(item.id)!,
    problems: readiness.get(item.id)?.problems ?? [],
  }));
}

async function lockOpenProposal(tx: SqlEntityManager): Promise<DisposalProposal> {
  const proposal = await activeProposal(tx, true);
  if (proposal?.state === 'BUILDING')
    throw conflict('The disposal proposal is still being built; try again when it is OPEN');
  if (!proposal || proposal.state !== 'OPEN') throw conflict('The municipality has no open disposal proposal');
  return proposal;
}

/** Puts one more entity in the OPEN proposal (VlozeniDoSkartacnihoNavrhu), under the same rules as opening it. */
export async function addToDisposalProposal(
  em: SqlEntityManager,
  caller: TenantCaller,
  peers: Peers,
  entityId: string,
  now: Date,
): Promise<DisposalProposal> {
  const known = await em.findOne(RecordsOfficeItem, { id: entityId });
  if (!known || known.state === 'RETURNED') throw notFound('RecordsOfficeItem', entityId);
  const readiness = await archiveReadiness(peers, [known]);
  return inTransaction(em, async (tx) => {
    const proposal = await lockOpenProposal(tx);
    const item = await lockItem(tx, entityId);
    if (await tx.findOne(DisposalProposalEntry, { proposalId: proposal.id, entityId }, { refresh: true })) {
      throw conflict(`${item.referenceNumber} is already in the disposal proposal`);
    }
    const blocks = (await blocksOf(tx, [item], proposal.year, readiness, proposal.id)).get(item.id)!;
    if (blocks.length > 0)
      throw conflict(`${item.referenceNumber} cannot be proposed for disposal: ${blocks.join(', ')}`);
    tx.create(DisposalProposalEntry, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      proposalId: proposal.id,
      entityId,
      pid: readiness.get(entityId)!.pid,
      addedAt: now,
      addedById: caller.userId,
      decision: null,
      decisionDate: null,
      reasoning: null,
      assessor: null,
    });
    await tx.flush();
    await recordAudit(tx, caller, entryEvent(caller, item, proposal, 'VlozeniDoSkartacnihoNavrhu'));
    return proposal;
  });
}

/** Takes an entity out of the OPEN proposal (VyjmutiZeSkartacnihoNavrhu with the reason). */
export async function removeFromDisposalProposal(
  em: SqlEntityManager,
  caller: TenantCaller,
  entityId: string,
  reason: string,
): Promise<DisposalProposal> {
  const why = validText(reason, 'reason', 2000, true)!;
  return inTransaction(em, async (tx) => {
    const proposal = await lockOpenProposal(tx);
    const entry = await tx.findOne(DisposalProposalEntry, { proposalId: proposal.id, entityId }, { refresh: true });
    const item = entry ? await tx.findOne(RecordsOfficeItem, { id: entityId }) : null;
    if (!entry || !item) throw notFound('DisposalProposalEntry', entityId);
    tx.remove(entry);
    await tx.flush();
    await recordAudit(tx, caller, entryEvent(caller, item, proposal, 'VyjmutiZeSkartacnihoNavrhu', why));
    return proposal;
  });
}

/**
 * OPEN → SUBMITTED: the proposal goes to the archive. An empty proposal is refused. Its `Uprava` (with year and
 * entry count) is what filing's log ingest files as an own document of the main register under the proposal's id,
 * as it files the hand-over list (filing records-office/disposal-proposal-filing.ts): nothing here writes filing's
 * tables, and the reference number is filing's (`DisposalProposal.referenceNumber` reads it from there).
 */
export async function submitDisposalProposal(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  now: Date,
): Promise<DisposalProposal> {
  return inTransaction(em, async (tx) => {
    const proposal = await tx.findOne(
      DisposalProposal,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!proposal) throw notFound('DisposalProposal', id);
    if (proposal.state !== 'OPEN')
      throw conflict(`The disposal proposal is ${proposal.state}: only an open one is submitted`);
    const count = await tx.count(DisposalProposalEntry, { proposalId: id });
    if (count === 0) throw conflict('The disposal proposal is empty');
    proposal.state = 'SUBMITTED';
    // Filing files it under the proposal's own id when this event reaches the log (filing disposal-proposal-filing.ts).
    proposal.documentId = proposal.id;
    proposal.submittedAt = now;
    proposal.submittedById = caller.userId;
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposal.id,
      description: `Disposal proposal for ${proposal.year} submitted to the archive`,
      changes: [
        { name: 'state', old: 'OPEN', new: 'SUBMITTED' },
        { name: 'year', old: null, new: String(proposal.year) },
        { name: 'entryCount', old: null, new: String(count) },
        { name: 'documentId', old: null, new: proposal.id },
      ],
    });
    return proposal;
  });
}

/**
 * CONFLICT when the entity is in a proposal that locks it (OPEN, SUBMITTED, or DECIDED and awaiting its
 * operation): it may neither leave the records office nor be lent (call in the transaction making the change).
 */
export async function assertNotInActiveProposal(
  tx: SqlEntityManager,
  item: RecordsOfficeItem,
  action: string,
): Promise<void> {
  const entries = await tx.find(DisposalProposalEntry, { entityId: item.id }, { refresh: true });
  if (entries.length === 0) return;
  const active = await tx.count(DisposalProposal, {
    id: { $in: entries.map((e) => e.proposalId) },
    state: { $in: [...LOCKING_PROPOSAL_STATES] },
  });
  if (active > 0) throw conflict(`${item.referenceNumber} cannot be ${action}: it is in a disposal proposal`);
}
