import {
  DEMO_MUNICIPALITIES,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type SubgraphContext,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { DataMessage } from '../intake/data-message.entity';
import { czechMonths } from './statistics';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK'], 'mbk.clerk');
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK'], 'ouada.clerk');
const platform = testCaller(null, ['PLATFORM_ADMIN'], 'platform.admin');

let clock: Date | null = null;
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({
    ...filing.createContext(base),
    now: () => clock ?? new Date(),
  }),
};

const REGISTER = `mutation($input: RegisterDocumentInput!) { registerDocument(input: $input) { document { id } } }`;
const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) { subject groupBy total groups { count keys { dimension value label } } } }`;
const PLATFORM = `query($input: StatisticsInput!) { platformStatistics(input: $input) { total groups { count keys { dimension value label } } } }`;

/** Groups as [values…, count] rows, easy to compare. */
const rows = (s: { groups: { count: number; keys: { value: string | null }[] }[] }) =>
  s.groups.map((g) => [...g.keys.map((k) => k.value), g.count]);

describe.each(testDatabaseKinds())('statistics on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const ids: Record<string, string> = {};
  let leaf: FilingPlanNode;
  let parent: FilingPlanNode;

  const register = async (name: string, at: string, caller = clerk, received = true) => {
    clock = new Date(at);
    const input = received
      ? {
          subject: name,
          origin: 'RECEIVED',
          deliveredAt: new Date(clock.getTime() - 60_000).toISOString(),
          sender: { name: 'Jan Novák', address: 'Blansko' },
        }
      : { subject: name, origin: 'OWN' };
    const r = await t.run(caller, REGISTER, { input });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    ids[name] = r.data!.registerDocument.document.id;
  };

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true });
    // 31 Jan 23:30 UTC is 1 Feb 00:30 in Prague: a February document.
    await register('leden', '2026-01-15T09:00:00Z');
    await register('únor-půlnoc', '2026-01-31T23:30:00Z');
    await register('únor', '2026-02-10T09:00:00Z', clerk, false);
    await register('březen', '2026-03-02T09:00:00Z');
    await register('adamov', '2026-02-10T09:00:00Z', adamovClerk);
    clock = null;
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    leaf = (await em.find(FilingPlanNode, { parentId: { $ne: null } }, { orderBy: { fullCode: 'asc' }, limit: 1 }))[0];
    parent = await em.findOneOrFail(FilingPlanNode, { id: leaf.parentId! });
    await em.nativeUpdate(
      Document,
      { id: { $in: [ids['leden'], ids['únor']] } },
      { filingPlanNodeId: leaf.id, state: 'SETTLED' },
    );
    // leden came in as a data message.
    em.create(DataMessage, {
      id: randomUUID(),
      municipalityId: BLANSKO.id,
      dmId: '123456',
      senderBoxId: 'abc1234',
      senderName: 'Jan Novák',
      annotation: 'leden',
      senderRefNumber: null,
      recipientRefNumber: null,
      deliveredAt: new Date('2026-01-15T08:00:00Z'),
      acceptedAt: null,
      status: 4,
      documentId: ids['leden'],
      receivedAt: new Date('2026-01-15T09:00:00Z'),
      receivedById: clerk.userId,
    });
    await em.flush();
  });
  afterAll(() => t.dispose());

  it('counts per Czech month × state in one query, the last evening of January in February', async () => {
    const r = await t.run(clerk, STATISTICS, { input: { groupBy: ['REGISTRATION_MONTH', 'STATE'] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.statistics).toMatchObject({
      subject: 'DOCUMENTS',
      groupBy: ['REGISTRATION_MONTH', 'STATE'],
      total: 4,
    });
    expect(rows(r.data!.statistics)).toEqual([
      ['2026-01', 'SETTLED', 1],
      ['2026-02', 'REGISTERED', 1],
      ['2026-02', 'SETTLED', 1],
      ['2026-03', 'REGISTERED', 1],
    ]);
  });

  it('takes the filters of documents: a period, a subject search', async () => {
    const period = await t.run(clerk, STATISTICS, {
      input: {
        groupBy: ['REGISTRATION_MONTH'],
        filter: { registeredFrom: '2026-01-31T23:00:00Z', registeredTo: '2026-03-01T00:00:00Z' },
      },
    });
    expect(rows(period.data!.statistics)).toEqual([['2026-02', 2]]);
    const search = await t.run(clerk, STATISTICS, {
      input: { groupBy: ['ORIGIN'], filter: { subjectContains: 'UNOR' } },
    });
    expect(rows(search.data!.statistics)).toEqual([
      ['OWN', 1],
      ['RECEIVED', 1],
    ]);
  });

  it('counts a filing code under its node and each ancestor, with the code as label', async () => {
    const r = await t.run(clerk, STATISTICS, { input: { groupBy: ['FILING_CODE'] } });
    const groups = r.data!.statistics.groups as {
      count: number;
      keys: { value: string | null; label: string | null }[];
    }[];
    expect(groups.find((g) => g.keys[0].value === leaf.id)).toMatchObject({
      count: 2,
      keys: [{ label: `${leaf.fullCode} ${leaf.name}` }],
    });
    expect(groups.find((g) => g.keys[0].value === parent.id)?.count).toBe(2);
    expect(groups.at(-1)).toMatchObject({ count: 2, keys: [{ value: null, label: null }] });
    expect(r.data!.statistics.total).toBe(4);
  });

  it('channel: data box, other, none for own documents', async () => {
    const r = await t.run(clerk, STATISTICS, { input: { groupBy: ['CHANNEL'] } });
    expect(rows(r.data!.statistics)).toEqual([
      ['DATA_BOX', 1],
      ['OTHER', 2],
      [null, 1],
    ]);
  });

  it('counts only what the caller may see, never another municipality', async () => {
    const handler = testCaller(BLANSKO.id, ['CASE_HANDLER']);
    expect((await t.run(handler, STATISTICS, { input: { groupBy: [] } })).data!.statistics.total).toBe(0);
    expect(rows((await t.run(adamovClerk, STATISTICS, { input: { groupBy: ['STATE'] } })).data!.statistics)).toEqual([
      ['REGISTERED', 1],
    ]);
    expect((await t.run(platform, STATISTICS, { input: { groupBy: [] } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('case files are counted by their own dimensions', async () => {
    const r = await t.run(clerk, STATISTICS, { input: { subject: 'CASE_FILES', groupBy: ['STATE'] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.statistics.subject).toBe('CASE_FILES');
    const bad = await t.run(clerk, STATISTICS, { input: { subject: 'CASE_FILES', groupBy: ['CHANNEL'] } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });

  it('refuses a bad grouping with BAD_USER_INPUT', async () => {
    for (const groupBy of [['STATE', 'STATE'], ['MUNICIPALITY'], ['STATE', 'ORIGIN', 'FORM', 'KIND', 'CHANNEL']]) {
      const r = await t.run(clerk, STATISTICS, { input: { groupBy } });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    }
  });

  it('platform operators count across municipalities, by codes and periods only', async () => {
    const r = await t.run(platform, PLATFORM, {
      input: { groupBy: ['MUNICIPALITY', 'REGISTRATION_YEAR'], filter: { year: 2026 } },
    });
    expect(r.errors).toBeUndefined();
    const counts = Object.fromEntries(
      r.data!.platformStatistics.groups.map((g: { count: number; keys: { value: string }[] }) => [
        g.keys[0].value,
        g.count,
      ]),
    );
    expect(counts).toEqual({ [BLANSKO.id]: 4, [ADAMOV.id]: 1 });
    for (const [input, field] of [
      [{ groupBy: ['REGISTER'] }, 'groupBy'],
      [{ groupBy: ['FILING_CODE'] }, 'groupBy'],
      [{ groupBy: ['STATE'], filter: { subjectContains: 'leden' } }, 'filter.subjectContains'],
    ] as const) {
      expect((await t.run(platform, PLATFORM, { input })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect((await t.run(clerk, PLATFORM, { input: { groupBy: [] } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('czechMonths', () => {
  it('starts each month at Prague midnight, across the clock changes', () => {
    const months = czechMonths(new Date('2026-02-28T22:59:59Z'), new Date('2026-04-01T00:00:00Z'));
    expect(months.map((m) => [m.month, m.start.toISOString()])).toEqual([
      ['2026-02', '2026-01-31T23:00:00.000Z'],
      ['2026-03', '2026-02-28T23:00:00.000Z'],
      ['2026-04', '2026-03-31T22:00:00.000Z'],
    ]);
  });
});
