// The build of a large disposal proposal (issue 11, item 7) in the archives subgraph, on SQLite and MariaDB: opening
// queues the due entities and returns at once (BUILDING), the build job puts them in batch by batch with visible
// progress, a process dying mid-batch leaves nothing half-done and the next run resumes without duplicates.
// Filing is faked (PIDs), as in disposal.test.ts.
import { randomUUID } from 'node:crypto';
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_RECORDS_MUNICIPALITIES,
  Role,
  fakePeers,
  scopeToTenant,
  type Caller,
} from '@hub/kit';
import type { EventSubscriber } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { ArchivesContext } from './context';
import { archives } from './index';
import { buildProposalBatch, proposalBuildBackground, runProposalBuilds } from './modules/disposal/build';
import {
  DisposalProposal,
  DisposalProposalBuildItem,
  DisposalProposalEntry,
} from './modules/disposal/disposal-proposal.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0].id;
const ADAMOV = DEMO_MUNICIPALITIES[1].id;
const officer: Caller = { ...testCaller(BLANSKO, [Role.RECORDS_OFFICER], 'mbk.records'), name: 'Marie Spisová' };
const adamovOfficer = testCaller(ADAMOV, [Role.RECORDS_OFFICER], 'ouada.records');

const lists: Record<string, Record<string, unknown>> = {};
const filed: Record<string, Record<string, unknown>> = {};
const peers = fakePeers({ RecordsHandOver: lists, CaseFile: filed, Document: filed });

/** `n` due case files taken over later; every `unknownEvery`-th is unknown to filing (blocked). */
function handOverList(n: number, unknownEvery = 0): { listId: string; ids: string[] } {
  const listId = randomUUID();
  const entries = Array.from({ length: n }, (_, i) => {
    const id = randomUUID();
    if (!(unknownEvery && i % unknownEvery === 0)) filed[id] = { id, pid: `MBKX${id.slice(0, 8)}` };
    return {
      kind: 'CASE_FILE',
      id,
      state: 'HANDED_TO_RECORDS_OFFICE',
      referenceNumber: `MBK ${i + 1}/${listId.slice(0, 4)}`,
      title: `Spis ${i + 1}`,
      fullFilingCode: '616',
      year: 2020,
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: 2026,
      sortKey: `616-${listId}-${String(i).padStart(4, '0')}`,
      documentIds: [],
    };
  });
  lists[listId] = { id: listId, entries };
  return { listId, ids: entries.map((e) => e.id) };
}

const TAKE = `mutation($id: ID!) { takeOverHandOverList(handOverListId: $id) { id } }`;
const OPEN = `mutation($y: Int!) { openDisposalProposal(year: $y) { id state build { total processed proposed blocked startedAt finishedAt } } }`;
const PROPOSAL = `query($id: ID!) { disposalProposal(id: $id) { id state entries { item { id } } build { total processed proposed blocked finishedAt } } }`;
const ADD = `mutation($e: ID!) { addToDisposalProposal(entityId: $e) { id } }`;
const REMOVE = `mutation($e: ID!, $r: String!) { removeFromDisposalProposal(entityId: $e, reason: $r) { id } }`;
const SUBMIT = `mutation($id: ID!) { submitDisposalProposal(id: $id) { id } }`;

describe.each(testDatabaseKinds())('disposal proposal build on %s', (kind) => {
  let t: TestSubgraph<ArchivesContext>;
  const saved = process.env.HUB_PROPOSAL_BUILD_INLINE;
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const code = async (caller: Caller, query: string, variables?: Record<string, unknown>) =>
    (await t.run(caller, query, variables)).errors?.[0]?.extensions?.code;
  const scoped = (m: string) => scopeToTenant(t.orm.em.fork(), m) as SqlEntityManager;

  beforeAll(async () => {
    // Everything by the job here: opening builds nothing within the request.
    process.env.HUB_PROPOSAL_BUILD_INLINE = '0';
    t = await startTestSubgraph(archives, kind, { peers });
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.HUB_PROPOSAL_BUILD_INLINE;
    else process.env.HUB_PROPOSAL_BUILD_INLINE = saved;
    await t?.dispose();
  });

  it('returns BUILDING at once, shows progress batch by batch, refuses changes and a second open meanwhile, and ends OPEN', async () => {
    const { listId, ids } = handOverList(25, 5); // 5 unknown to filing → blocked
    await ok(officer, TAKE, { id: listId });
    const opened = await Promise.all([t.run(officer, OPEN, { y: 2026 }), t.run(officer, OPEN, { y: 2026 })]);
    expect(opened.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const proposal = opened.find((r) => !r.errors)!.data!.openDisposalProposal;
    expect(proposal).toMatchObject({
      state: 'BUILDING',
      build: { total: 25, processed: 0, proposed: 0, blocked: 0, finishedAt: null },
    });
    expect(await code(officer, OPEN, { y: 2026 })).toBe('CONFLICT');

    await buildProposalBatch(scoped(BLANSKO), proposal.id, 10, new Date());
    const mid = (await ok(officer, PROPOSAL, { id: proposal.id })).disposalProposal;
    expect(mid).toMatchObject({
      state: 'BUILDING',
      build: { total: 25, processed: 10, proposed: 8, blocked: 2, finishedAt: null },
    });
    expect(mid.entries).toHaveLength(8);
    // Candidates: the 2 blocked of the first batch; the 15 still queued are on their way in.
    const candidates = (await ok(officer, `query { disposalCandidates(year: 2026) { item { id } blocks } }`))
      .disposalCandidates;
    expect(candidates.map((c: { blocks: string[] }) => c.blocks)).toEqual([
      ['UNKNOWN_TO_FILING'],
      ['UNKNOWN_TO_FILING'],
    ]);
    // Not changeable while BUILDING; nothing written by the refusals.
    expect(await code(officer, ADD, { e: ids[0] })).toBe('CONFLICT');
    expect(await code(officer, REMOVE, { e: ids[1], r: 'Ještě potřebujeme' })).toBe('CONFLICT');
    expect(await code(officer, SUBMIT, { id: proposal.id })).toBe('CONFLICT');

    const run = await runProposalBuilds(t.orm, { batchSize: 10 });
    expect(run).toEqual({ processed: 15, finished: 1 });
    const done = (await ok(officer, PROPOSAL, { id: proposal.id })).disposalProposal;
    expect(done).toMatchObject({ state: 'OPEN', build: { total: 25, processed: 25, proposed: 20, blocked: 5 } });
    expect(done.build.finishedAt).not.toBeNull();
    expect(done.entries.map((e: { item: { id: string } }) => e.item.id).sort()).toEqual(
      ids.filter((_, i) => i % 5 !== 0).sort(),
    );
    expect(await scoped(BLANSKO).count(DisposalProposalBuildItem, {})).toBe(0);
    const events = await scoped(BLANSKO).find(
      AuditEvent,
      { objectType: 'SkartacniNavrh', objectId: proposal.id },
      { orderBy: { sequence: 'asc' } },
    );
    expect(events.map((e) => [e.eventType, e.actorLogin])).toEqual([
      ['Zalozeni', 'mbk.records'],
      ['Uprava', 'mbk.records'],
    ]);
    expect(events[1].changes).toEqual(expect.arrayContaining([{ name: 'state', old: 'BUILDING', new: 'OPEN' }]));
    // Now changeable as before.
    await ok(officer, REMOVE, { e: ids[1], r: 'Ještě potřebujeme' });
    await ok(officer, SUBMIT, { id: proposal.id });
  });

  it('resumes after a process died mid-batch: nothing of that batch stays, no entity is put in or audited twice', async () => {
    const { listId, ids } = handOverList(30);
    await ok(adamovOfficer, TAKE, { id: listId });
    const proposal = (await ok(adamovOfficer, OPEN, { y: 2026 })).openDisposalProposal;
    await buildProposalBatch(scoped(ADAMOV), proposal.id, 10, new Date());

    // The second batch dies at its commit (as a killed process would): its entries were written in its transaction.
    let die = true;
    const killer: EventSubscriber = {
      onFlush: ({ uow }) => {
        if (die && uow.getChangeSets().some((cs) => cs.meta.className === 'DisposalProposalEntry')) {
          die = false;
          throw new Error('process killed');
        }
      },
    };
    t.orm.em.getEventManager().registerSubscriber(killer);
    await expect(runProposalBuilds(t.orm, { batchSize: 10 })).rejects.toThrow('process killed');
    const em = scoped(ADAMOV);
    expect(await em.count(DisposalProposalEntry, { proposalId: proposal.id })).toBe(10);
    expect(await em.count(DisposalProposalBuildItem, { proposalId: proposal.id })).toBe(20);
    expect((await em.findOneOrFail(DisposalProposal, { id: proposal.id })).buildProcessed).toBe(10);

    // A new process (fresh forks, nothing in memory) resumes from the queue.
    expect(await runProposalBuilds(t.orm, { batchSize: 10 })).toEqual({ processed: 20, finished: 1 });
    const entries = await scoped(ADAMOV).find(DisposalProposalEntry, { proposalId: proposal.id });
    expect(entries.map((e) => e.entityId).sort()).toEqual([...ids].sort());
    const put = await scoped(ADAMOV).find(AuditEvent, {
      eventType: 'VlozeniDoSkartacnihoNavrhu',
      objectId: { $in: ids },
    });
    expect(put.map((e) => e.objectId).sort()).toEqual([...ids].sort());
    expect((await scoped(ADAMOV).findOneOrFail(DisposalProposal, { id: proposal.id })).state).toBe('OPEN');
  });

  it("keeps municipalities apart: the job builds each in its own tenant, and one officer never sees the other's", async () => {
    const obec = DEMO_RECORDS_MUNICIPALITIES[2].id;
    const other = testCaller(obec, [Role.RECORDS_OFFICER], 'other.records');
    const mine = handOverList(12);
    await ok(other, TAKE, { id: mine.listId });
    const proposal = (await ok(other, OPEN, { y: 2026 })).openDisposalProposal;
    // Blansko's officer sees nothing of it, even while it builds.
    expect((await ok(officer, PROPOSAL, { id: proposal.id })).disposalProposal).toBeNull();
    // Blansko's items stayed out of it: only the other municipality's due entities were queued.
    expect(proposal.build.total).toBe(12);
    expect(await runProposalBuilds(t.orm, { batchSize: 5 })).toEqual({ processed: 12, finished: 1 });
    const all = await t.orm.em.fork().find(DisposalProposalEntry, { proposalId: proposal.id }, { filters: false });
    expect(all).toHaveLength(12);
    expect(all.every((e) => e.municipalityId === obec)).toBe(true);
    const events = await t.orm.em.fork().find(AuditEvent, { objectId: { $in: mine.ids } }, { filters: false });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.municipalityId === obec)).toBe(true);
  });

  it('the background job (under its lease) finishes a proposal on its own', async () => {
    const obec = DEMO_RECORDS_MUNICIPALITIES[3].id;
    const other = testCaller(obec, [Role.RECORDS_OFFICER], 'job.records');
    const { listId } = handOverList(7);
    await ok(other, TAKE, { id: listId });
    const proposal = (await ok(other, OPEN, { y: 2026 })).openDisposalProposal;
    const job = proposalBuildBackground(t.orm, { HUB_PROPOSAL_BUILD_INTERVAL_MS: '50' });
    try {
      for (let i = 0; i < 100; i++) {
        const p = await scoped(obec).findOneOrFail(DisposalProposal, { id: proposal.id }, { refresh: true });
        if (p.state === 'OPEN') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await job.stop();
    }
    const p = await scoped(obec).findOneOrFail(DisposalProposal, { id: proposal.id });
    expect(p).toMatchObject({ state: 'OPEN', buildProcessed: 7, buildProposed: 7 });
  });
});
