// The volume seed (`npm run seed:volume`) at a thousandth of its size, on both databases: what it writes must be
// what the service itself would have written (numbering, counters, folded columns, retention, forecast keys), and
// the hub must carry on from it (the next registration continues each series) and page through it.
import {
  DEMO_MUNICIPALITIES,
  demoId,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type SubgraphContext,
  type TestSubgraph,
} from '@hub/kit';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { Component } from '../components/component.entity';
import { Document } from '../documents/document.entity';
import { foldForSearch } from '../documents/search';
import { formatReferenceNumber, registrationYear } from '../registers/numbering';
import { refreshDocumentRetention } from '../retention/apply';
import { volumePlan } from './generate';
import { VolumeNotEmptyError, seedVolume, type SeedVolumeResult } from './seed';

const NOW = new Date('2026-06-15T12:00:00Z');
const SCALE = 0.001;
const BLANSKO = DEMO_MUNICIPALITIES[0];

let clock: Date | null = null;
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({
    ...filing.createContext(base),
    now: () => clock ?? new Date(),
  }),
};

describe.each(testDatabaseKinds())('volume seed on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let result: SeedVolumeResult;
  const plan = volumePlan(DEMO_MUNICIPALITIES, { scale: SCALE, years: 10, now: NOW });
  const lines: string[] = [];

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true });
    result = await seedVolume(t.orm, {
      scale: SCALE,
      now: NOW,
      batchSize: 300,
      log: (l) => lines.push(l),
      progressEveryMs: 0,
    });
  });
  afterAll(() => t?.dispose());

  const knex = () => t.orm.em.getKnex();

  it('writes the planned documents of every municipality and year, 3–4 components each, and reports progress', async () => {
    expect(result.documents).toBe(plan.reduce((s, ty) => s + ty.documents, 0));
    expect(result.documents).toBeGreaterThan(1000);
    const rows = (await knex()('document')
      .select('municipality_id', 'year')
      .count('* as n')
      .groupBy('municipality_id', 'year')) as { municipality_id: string; year: number; n: number }[];
    const written = new Map(rows.map((r) => [`${r.municipality_id}:${r.year}`, Number(r.n)]));
    for (const ty of plan)
      expect([ty.municipality.abbreviation, ty.year, written.get(`${ty.municipality.id}:${ty.year}`) ?? 0]).toEqual([
        ty.municipality.abbreviation,
        ty.year,
        ty.documents,
      ]);
    // Only the ten years up to NOW's, and nothing registered after NOW.
    expect(Math.min(...rows.map((r) => r.year))).toBe(2017);
    const [{ latest }] = await knex()('document').max('registered_at as latest');
    expect(new Date(kind === 'sqlite' ? Number(latest) : latest).getTime()).toBeLessThan(NOW.getTime());

    const perDocument = (await knex()('component')
      .select('document_id')
      .count('* as n')
      .max('component_order as top')
      .groupBy('document_id')) as { n: number; top: number }[];
    expect(perDocument).toHaveLength(result.documents);
    expect(perDocument.every((c) => (Number(c.n) === 3 || Number(c.n) === 4) && Number(c.top) === Number(c.n))).toBe(
      true,
    );
    expect(result.components).toBe(perDocument.reduce((s, c) => s + Number(c.n), 0));
    expect(lines.at(-1)).toMatch(/documents\/s.*rows\/s.*ETA/);
  });

  it('numbers every register and year 1, 2, 3 … in registration order and leaves each counter at the last number', async () => {
    const series = (await knex()('document')
      .select('register_id', 'year')
      .count('* as n')
      .countDistinct('sequence_number as distinct')
      .min('sequence_number as first')
      .max('sequence_number as last')
      .groupBy('register_id', 'year')) as {
      register_id: string;
      year: number;
      n: number;
      distinct: number;
      first: number;
      last: number;
    }[];
    expect(series).toHaveLength(result.series);
    const counters = new Map(
      (
        (await knex()('sequence_counter').where('name', 'like', 'register:%').select('name', 'current_value')) as {
          name: string;
          current_value: number;
        }[]
      ).map((c) => [c.name, Number(c.current_value)]),
    );
    for (const s of series) {
      expect([Number(s.first), Number(s.distinct), Number(s.last)]).toEqual([1, Number(s.n), Number(s.n)]);
      expect(counters.get(`register:${s.register_id}:${s.year}`)).toBe(Number(s.n));
    }
    // Numbers follow registration time within each series.
    const em = t.orm.em.fork();
    const blansko = await em.find(
      Document,
      { registerId: demoId('register', 'MBK:main'), year: 2020 },
      { filters: false, orderBy: { sequenceNumber: 'asc' } },
    );
    expect(blansko.map((d) => d.registeredAt!.getTime())).toEqual(
      blansko.map((d) => d.registeredAt!.getTime()).sort((a, b) => a - b),
    );
  });

  it('fills every column as the service would: year, čj, folded sender, retention and forecast key', async () => {
    const em = t.orm.em.fork();
    const docs = await em.find(
      Document,
      { municipalityId: BLANSKO.id },
      { filters: false, limit: 120, orderBy: { id: 'asc' } },
    );
    const prefixes = {
      [demoId('register', 'MBK:main')]: { kind: 'MAIN' as const, referencePrefix: 'MBK' },
      [demoId('register', 'MBK:invoices')]: { kind: 'SEPARATE' as const, referencePrefix: 'FP' },
    };
    let withRetention = 0;
    for (const d of docs) {
      expect(d.year).toBe(registrationYear(d.registeredAt!));
      expect(d.referenceNumber).toBe(formatReferenceNumber(prefixes[d.registerId], d.sequenceNumber!, d.year!));
      expect(d.subjectFolded).toBe(foldForSearch(d.subject));
      expect(d.senderFolded).toBe(d.senderName ? foldForSearch(d.senderName) : null);
      expect(d.origin === 'RECEIVED').toBe(!!d.senderName && !!d.deliveredAt);
      if (d.deliveredAt) expect(d.deliveredAt.getTime()).toBeLessThanOrEqual(d.registeredAt!.getTime());
      const stored = {
        disposalCode: d.disposalCode,
        retentionYears: d.retentionYears,
        disposalYear: d.disposalYear,
        forecastKey: d.forecastKey,
      };
      await refreshDocumentRetention(scopeToTenant(t.orm.em.fork(), BLANSKO.id), d);
      expect({
        disposalCode: d.disposalCode,
        retentionYears: d.retentionYears,
        disposalYear: d.disposalYear,
        forecastKey: d.forecastKey,
      }).toEqual(stored);
      if (stored.disposalYear != null) withRetention++;
    }
    expect(withRetention).toBeGreaterThan(docs.length / 3);
    // About 60 % arrive through ISDS (domain.md §7.4), with a data box; states are mostly settled or closed.
    const [{ isds, settled, n }] = (await knex()('document').select(
      knex().raw(
        "sum(case when sender_data_box_id is not null then 1 else 0 end) as isds, sum(case when state in ('SETTLED', 'CLOSED') then 1 else 0 end) as settled, count(*) as n",
      ),
    )) as { isds: number; settled: number; n: number }[];
    expect(Number(isds) / Number(n)).toBeGreaterThan(0.45);
    expect(Number(isds) / Number(n)).toBeLessThan(0.7);
    expect(Number(settled) / Number(n)).toBeGreaterThan(0.85);
    // Component metadata only: the hash stands in for bytes that were never stored.
    const c = await em.findOne(Component, { municipalityId: BLANSKO.id }, { filters: false });
    expect(c).toMatchObject({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), blobKey: c!.sha256 });
  });

  it('lets the service continue: the next registration takes the next number of the current year', async () => {
    const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK', 'RECORDS_OFFICER'], 'mbk.clerk', demoId('user', 'MBK.clerk'));
    const [{ last }] = await knex()('document')
      .where({ register_id: demoId('register', 'MBK:main'), year: 2026 })
      .max('sequence_number as last');
    clock = new Date('2026-06-15T13:00:00Z');
    const res = await t.run(
      clerk,
      `mutation { registerDocument(input: { subject: "Po naplnění", origin: OWN }) { document { referenceNumber } } }`,
    );
    clock = null;
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerDocument.document.referenceNumber).toBe(`MBK ${Number(last) + 1}/2026`);

    // The podací deník and the forecast page through the seeded rows.
    const journal = `query($after: String) { registerJournal(year: 2021, first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { sequenceNumber } } } }`;
    const numbers: number[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const c: any = (await t.run(clerk, journal, { after })).data!.registerJournal;
      numbers.push(...c.edges.map((e: any) => e.node.sequenceNumber));
      total = c.totalCount;
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(40);
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const forecast = `query($after: String) { disposalForecast(year: 2028, first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { fullFilingCode referenceNumber } } } }`;
    const entries: string[] = [];
    after = null;
    do {
      const c: any = (await t.run(clerk, forecast, { after })).data!.disposalForecast;
      entries.push(...c.edges.map((e: any) => `${e.node.fullFilingCode} ${e.node.referenceNumber}`));
      total = c.totalCount;
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(25);
    expect(entries).toHaveLength(total);
    expect(new Set(entries).size).toBe(total);
    const natural = new Intl.Collator('cs', { numeric: true });
    const code = (e: string) => e.split(' ')[0];
    expect(entries.map(code)).toEqual([...entries.map(code)].sort(natural.compare));
  });

  it('refuses a database that already has documents', async () => {
    await expect(seedVolume(t.orm, { scale: SCALE, now: NOW })).rejects.toThrow(VolumeNotEmptyError);
  });
});
