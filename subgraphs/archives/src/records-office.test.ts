// The records office (spisovna) in the archives subgraph, through its schema, on SQLite and MariaDB. Filing is faked:
// it answers the hand-over lists, case files, documents and users this suite puts into its table.
import { randomUUID } from 'node:crypto';
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  RECORDS_OFFICE_STATE_CHANGE,
  Role,
  fakePeers,
  scopeToTenant,
  type Caller,
} from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { ArchivesContext } from './context';
import { archives } from './index';
import { disposalBlocks } from './modules/records-office/disposal-check';
import { findLoans } from './modules/records-office/loans';
import { RecordsOfficeItem } from './modules/records-office/records-office-item.entity';
import { Loan } from './modules/records-office/loan.entity';
import { StorageUnit } from './modules/records-office/storage-unit.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0].id;
const ADAMOV = DEMO_MUNICIPALITIES[1].id;
const officer = testCaller(BLANSKO, [Role.RECORDS_OFFICER], 'mbk.records');
const handler = testCaller(BLANSKO, [Role.CASE_HANDLER], 'mbk.handler');
const adamovOfficer = testCaller(ADAMOV, [Role.RECORDS_OFFICER], 'ouada.records');

type Entry = {
  kind: 'CASE_FILE' | 'DOCUMENT';
  id: string;
  state: string;
  referenceNumber: string;
  title: string;
  fullFilingCode: string;
  year: number;
  disposalCode: string | null;
  retentionYears: number | null;
  disposalYear: number | null;
  sortKey: string;
  documentIds: string[];
};
const lists: Record<string, Record<string, unknown>> = {};
const users: Record<string, Record<string, unknown>> = {};
const peers = fakePeers({ RecordsHandOver: lists, User: users, CaseFile: {}, Document: {} });

/** A hand-over list in the fake filing; the sort key is the code and number as the tests want them ordered. */
function handOverList(entries: Partial<Entry>[]): { listId: string; entries: Entry[] } {
  const listId = randomUUID();
  const full = entries.map((e, i): Entry => ({
    kind: 'CASE_FILE',
    id: randomUUID(),
    state: 'HANDED_TO_RECORDS_OFFICE',
    referenceNumber: `MBK ${i + 1}/2026`,
    title: `Spis ${i + 1}`,
    fullFilingCode: '616',
    year: 2026,
    disposalCode: 'S',
    retentionYears: 10,
    disposalYear: 2037,
    sortKey: `616-${i}`,
    documentIds: [],
    ...e,
  }));
  lists[listId] = { id: listId, entries: full };
  return { listId, entries: full };
}

const TAKE = `mutation($id: ID!) { takeOverHandOverList(handOverListId: $id) { id kind state referenceNumber disposalYear takenOverBy { id } } }`;
const UNIT = `mutation($i: CreateStorageUnitInput!) { createStorageUnit(input: $i) { id kind label parent { id } } }`;
const PLACE = `mutation($e: ID!, $u: ID!, $q: String) { placeInStorageUnit(entityId: $e, storageUnitId: $u, quantity: $q) { id storageUnit { id } quantity } }`;
const RETURN = `mutation($e: ID!, $r: String!) { returnFromRecordsOffice(entityId: $e, reason: $r) { id state } }`;
const LEND = `mutation($i: LendInput!) { lendFromRecordsOffice(input: $i) { id state: item { state } dueOn overdue } }`;
const HOLD = `mutation($d: ID, $c: ID, $r: String!) { placeDisposalHold(documentId: $d, caseFileId: $c, reason: $r) { id } }`;
const INVENTORY = `query($f: RecordsOfficeInventoryFilter, $first: Int, $after: String) {
  recordsOfficeInventory(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;

describe.each(testDatabaseKinds())('records office on %s', (kind) => {
  let t: TestSubgraph<ArchivesContext>;
  const run = (caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    t.run(caller, query, variables);
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const written = async () => {
    const em = t.orm.em.fork();
    return Promise.all(
      [AuditEvent, RecordsOfficeItem, StorageUnit, Loan].map((e) => em.count(e as never, {}, { filters: false })),
    );
  };
  /** Refused with `code`, nothing written anywhere. */
  const refused = async (caller: Caller, query: string, variables: Record<string, unknown>, code: string) => {
    const before = await written();
    const res = await run(caller, query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await written()).toEqual(before);
  };
  const blansko = () => scopeToTenant(t.orm.em.fork(), BLANSKO);
  const unit = async (kindOf: string, name: string, parentId?: string) =>
    (await ok(officer, UNIT, { i: { kind: kindOf, name, parentId } })).createStorageUnit;

  beforeAll(async () => {
    t = await startTestSubgraph(archives, kind, { peers });
  });
  afterAll(() => t?.dispose());

  it('takes over a hand-over list once, with PrevzetiNaSpisovnu carrying the custody change for filing', async () => {
    const docInside = randomUUID();
    const { listId, entries } = handOverList([
      { documentIds: [docInside] },
      { kind: 'DOCUMENT', referenceNumber: 'MBK 7/2026', sortKey: '616-9' },
    ]);
    await refused(handler, TAKE, { id: listId }, 'FORBIDDEN');
    await refused(officer, TAKE, { id: randomUUID() }, 'NOT_FOUND');

    const taken = (await ok(officer, TAKE, { id: listId })).takeOverHandOverList;
    expect(taken).toEqual(
      entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        state: 'IN_RECORDS_OFFICE',
        referenceNumber: e.referenceNumber,
        disposalYear: 2037,
        takenOverBy: { id: officer.userId },
      })),
    );
    const events = await blansko().find(
      AuditEvent,
      { objectId: { $in: entries.map((e) => e.id) } },
      { orderBy: { sequence: 'asc' } },
    );
    expect(events.map((e) => [e.eventType, e.objectType, e.objectId])).toEqual([
      ['PrevzetiNaSpisovnu', 'Spis', entries[0].id],
      ['PrevzetiNaSpisovnu', 'Dokument', entries[1].id],
    ]);
    expect(events[0].changes).toContainEqual({
      name: RECORDS_OFFICE_STATE_CHANGE,
      old: 'HANDED_TO_RECORDS_OFFICE',
      new: 'IN_RECORDS_OFFICE',
    });

    // Taken over already (filing may not have caught up yet and still say HANDED_TO_RECORDS_OFFICE).
    await refused(officer, TAKE, { id: listId }, 'CONFLICT');
    // A list with an entry that is not waiting for the records office.
    const { listId: stale } = handOverList([{}, { state: 'CLOSED' }]);
    await refused(officer, TAKE, { id: stale }, 'CONFLICT');
    // Another municipality's officer has no such items.
    expect(
      (await ok(adamovOfficer, `{ recordsOfficeItem(id: "${entries[0].id}") { id } }`)).recordsOfficeItem,
    ).toBeNull();
  });

  it('builds storage units as a hierarchy and places entities, moving them out of the previous unit', async () => {
    await refused(officer, UNIT, { i: { kind: 'BOX', name: 'Krabice bez regálu' } }, 'BAD_USER_INPUT');
    const building = await unit('BUILDING', 'Budova B');
    await refused(
      officer,
      UNIT,
      { i: { kind: 'BUILDING', name: 'Přístavek', parentId: building.id } },
      'BAD_USER_INPUT',
    );
    const room = await unit('ROOM', 'Místnost 1', building.id);
    const shelf = await unit('SHELF', 'Regál 1', room.id);
    const box1 = await unit('BOX', 'Krabice 1', shelf.id);
    const box2 = await unit('BOX', 'Krabice 2', room.id);
    await refused(officer, UNIT, { i: { kind: 'SHELF', name: 'Regál v krabici', parentId: box1.id } }, 'CONFLICT');
    await refused(officer, UNIT, { i: { kind: 'SHELF', name: 'regál 1', parentId: room.id } }, 'CONFLICT');
    await refused(adamovOfficer, UNIT, { i: { kind: 'ROOM', name: 'Cizí', parentId: building.id } }, 'NOT_FOUND');
    expect(box1.label).toBe('Budova B / Místnost 1 / Regál 1 / Krabice 1');

    const { listId, entries } = handOverList([{}]);
    await ok(officer, TAKE, { id: listId });
    const id = entries[0].id;
    expect((await ok(officer, PLACE, { e: id, u: box1.id, q: '2 svazky' })).placeInStorageUnit).toEqual({
      id,
      storageUnit: { id: box1.id },
      quantity: '2 svazky',
    });
    await refused(officer, PLACE, { e: id, u: box1.id }, 'CONFLICT');
    await refused(adamovOfficer, PLACE, { e: id, u: box1.id }, 'NOT_FOUND');
    await ok(officer, PLACE, { e: id, u: box2.id });
    const events = await blansko().find(AuditEvent, { objectId: id }, { orderBy: { sequence: 'asc' } });
    expect(events.map((e) => e.eventType)).toEqual([
      'PrevzetiNaSpisovnu',
      'VlozeniDoUkladaciJednotky',
      'VyjmutiZUkladaciJednotky',
      'VlozeniDoUkladaciJednotky',
    ]);
    const inRoom = (await ok(officer, INVENTORY, { f: { storageUnitId: room.id } })).recordsOfficeInventory;
    expect(inRoom.edges).toEqual([{ node: { id } }]);
    expect((await ok(officer, INVENTORY, { f: { storageUnitId: shelf.id } })).recordsOfficeInventory.totalCount).toBe(
      0,
    );
  });

  it('blocks the return out of the records office while lent or held (also through a document of the case file)', async () => {
    const doc = randomUUID();
    const { listId, entries } = handOverList([{ documentIds: [doc] }]);
    const id = entries[0].id;
    await ok(officer, TAKE, { id: listId });
    const table = { [doc]: { id: doc }, [id]: { id } };
    const holdPeers = fakePeers({ Document: table, CaseFile: table });
    const held = await startTestSubgraphOnSameDb(holdPeers);
    const hold = (await held.run(officer, HOLD, { d: doc, r: 'Soudní spor' })).data!.placeDisposalHold;
    expect((await disposalBlocks(blansko(), [id])).get(id)).toEqual(['DISPOSAL_HOLD']);
    await refused(officer, RETURN, { e: id, r: 'Doplnění' }, 'CONFLICT');
    await ok(officer, `mutation($id: ID!) { releaseDisposalHold(id: $id, reason: "Konec sporu") { active } }`, {
      id: hold.id,
    });
    expect((await disposalBlocks(blansko(), [id])).get(id)).toEqual([]);

    users[handler.userId] = { id: handler.userId };
    await refused(officer, LEND, { i: { entityId: id, dueOn: '2099-01-01' } }, 'BAD_USER_INPUT');
    await refused(
      officer,
      LEND,
      { i: { entityId: id, borrowerId: handler.userId, borrowerName: 'Soud', dueOn: '2099-01-01' } },
      'BAD_USER_INPUT',
    );
    await refused(officer, LEND, { i: { entityId: id, borrowerName: 'Soud', dueOn: '2020-01-01' } }, 'BAD_USER_INPUT');
    await refused(officer, LEND, { i: { entityId: id, borrowerName: 'Soud', dueOn: '2099-02-30' } }, 'BAD_USER_INPUT');
    await refused(officer, LEND, { i: { entityId: id, borrowerId: randomUUID(), dueOn: '2099-01-01' } }, 'NOT_FOUND');
    const loan = (
      await ok(officer, LEND, { i: { entityId: id, borrowerName: 'Okresní soud v Blansku', dueOn: '2099-01-01' } })
    ).lendFromRecordsOffice;
    expect(loan).toMatchObject({ state: { state: 'ON_LOAN' }, overdue: false });
    expect((await disposalBlocks(blansko(), [id])).get(id)).toEqual(['ON_LOAN']);
    await refused(officer, RETURN, { e: id, r: 'Doplnění' }, 'CONFLICT');
    // Overdue once its day has passed.
    expect((await findLoans(blansko(), { activeOnly: true, overdueOn: '2099-01-02' })).map((l) => l.id)).toContain(
      loan.id,
    );
    expect((await findLoans(blansko(), { activeOnly: true, overdueOn: '2099-01-01' })).map((l) => l.id)).not.toContain(
      loan.id,
    );
    await ok(officer, `mutation($e: ID!) { returnLoan(entityId: $e) { returnedAt } }`, { e: id });
    await refused(officer, `mutation($e: ID!) { returnLoan(entityId: $e) { returnedAt } }`, { e: id }, 'CONFLICT');

    const returned = (await ok(officer, RETURN, { e: id, r: 'Doplnění spisu' })).returnFromRecordsOffice;
    expect(returned).toEqual({ id, state: 'RETURNED' });
    const last = await blansko().findOneOrFail(AuditEvent, { objectId: id, eventType: 'VraceniZeSpisovny' });
    expect(last.changes).toEqual([{ name: RECORDS_OFFICE_STATE_CHANGE, old: 'IN_RECORDS_OFFICE', new: 'CLOSED' }]);
    await held.dispose();
  });

  it('pages the inventory in natural order, filtered by filing code, year and disposal year', async () => {
    const { listId } = handOverList([
      { sortKey: 'zz-3', fullFilingCode: '51.1', disposalYear: 2040, year: 2025 },
      { sortKey: 'zz-1', fullFilingCode: '51', disposalYear: 2040 },
      { sortKey: 'zz-2', fullFilingCode: '510', disposalYear: 2041 },
    ]);
    const taken: string[] = (await ok(officer, TAKE, { id: listId })).takeOverHandOverList.map(
      (i: { id: string }) => i.id,
    );
    const [k3, k1, k2] = taken;
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await ok(officer, INVENTORY, { first: 2, after })
      ).recordsOfficeInventory;
      pages.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages.slice(-3)).toEqual([k1, k2, k3]);
    expect(new Set(pages).size).toBe(pages.length);
    const ids = async (f: Record<string, unknown>) =>
      (await ok(officer, INVENTORY, { f })).recordsOfficeInventory.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      );
    expect(await ids({ filingCode: '51' })).toEqual([k1, k3]);
    expect(await ids({ disposalYear: 2040 })).toEqual([k1, k3]);
    expect(await ids({ disposalYear: 2040, year: 2025 })).toEqual([k3]);
    expect(codeOf(await run(officer, INVENTORY, { f: { filingCode: "51%' or 1" } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(officer, INVENTORY, { after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(handler, INVENTORY, {}))).toBe('FORBIDDEN');
    expect((await ok(adamovOfficer, INVENTORY, {})).recordsOfficeInventory.totalCount).toBe(0);
  });

  /** A second server on the same database with other peers (the holds need filing to know the document). */
  async function startTestSubgraphOnSameDb(other: ReturnType<typeof fakePeers>) {
    const { createSubgraphServer, contextFor } = await import('@hub/kit');
    const server = createSubgraphServer(archives);
    await server.start();
    return {
      async run(caller: Caller, query: string, variables?: Record<string, unknown>) {
        const res = await server.executeOperation(
          { query, variables },
          { contextValue: contextFor(archives, t.orm, caller, other) },
        );
        if (res.body.kind !== 'single') throw new Error('single');
        return res.body.singleResult as { data?: Record<string, any>; errors?: unknown[] };
      },
      dispose: () => server.stop(),
    };
  }
});

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
