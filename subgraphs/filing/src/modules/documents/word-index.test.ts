import {
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { WORD_INDEX_MARK } from '../../upgrade';
import { Document } from './document.entity';
import { SEARCH_TUNING, planSearch } from './document-query';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const as = (login: string) => {
  const u = DEMO_USERS.find((x) => x.login === login)!;
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const clerk = as('mbk.clerk');
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK']);

const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`;
const LIST = `query($first: Int, $after: String, $filter: DocumentFilter) {
  documents(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

/** Subjects and senders: one rare word in several forms, a common one, diacritics and case in both directions. */
const SUBJECTS = [
  'Žádost o pronájem místa v kolumbáriu – Jan Novák',
  'Oprava kolumbária na hřbitově',
  'KOLUMBÁRIUM: stížnost na údržbu',
  'Žádost o dotaci na opravu chodníku',
  'ŽÁDOST o kácení dřevin',
  'Žádosti o informace podle zákona 106/1999 Sb.',
  'Žadatelé o byt – seznam',
  'Pozvánka na zasedání zastupitelstva',
  'Faktura č. 2025/117 za opravu kolumbárií',
  'Zadost bez diakritiky',
  'Oznámení o zahájení řízení',
  'Rozhodnutí o povolení kácení',
];
const SENDERS = [
  'Finanční úřad pro Jihomoravský kraj',
  'Krajský úřad Jihomoravského kraje',
  'Jan Novák',
  'NOVÁKOVÁ Jana',
  'Úřad práce ČR',
];

/** The meaning of the filter, written out independently of search.ts: each term begins a word, case and diacritics ignored. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string | null) =>
  s
    ? fold(s)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
    : [];
const matches = (text: string | null, query: string) => {
  const terms = words(query);
  return terms.length > 0 && terms.every((t) => words(text).some((w) => w.startsWith(t)));
};

const DEFAULTS = { ...SEARCH_TUNING };
/** Every plan on a few rows: the default (rare terms), common terms read word by word, and the scan. */
const TUNINGS: [string, typeof DEFAULTS][] = [
  ['default', DEFAULTS],
  ['common terms by words, small rounds', { rareTermRows: 2, maxStreamWords: 32, maxRound: 3 }],
  ['scan', { rareTermRows: 1, maxStreamWords: 0, maxRound: 2 }],
];

describe.each(testDatabaseKinds())('subject and sender search (word index) on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const ok = async (caller: typeof clerk, query: string, vars: Record<string, unknown>) => {
    const res = await t.run(caller, query, vars);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as any;
  };
  /** Every page of a filtered list; totalCount must be the same on each. */
  const walk = async (filter: Record<string, unknown>, first: number, caller = clerk) => {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page: any = (await ok(caller, LIST, { first, after, filter })).documents;
      totals.add(page.totalCount);
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    expect(totals.size).toBe(1);
    return { ids, totalCount: [...totals][0] };
  };
  const em = (municipalityId = BLANSKO.id) => scopeToTenant(t.orm.em.fork(), municipalityId);
  /** The expected answer, from every document of the municipality and the meaning above. */
  const expected = async (pick: (d: Document) => boolean, municipalityId = BLANSKO.id) =>
    (await em(municipalityId).find(Document, {}, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }))
      .filter(pick)
      .map((d) => d.id);
  const wordRows = async (where: Record<string, unknown> = {}) =>
    (await t.orm.em.getKnex()('document_word').where(where).count('* as n'))[0].n;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    for (let i = 0; i < 36; i++) {
      const subject = SUBJECTS[i % SUBJECTS.length];
      const input =
        i % 3 === 0
          ? { subject, origin: 'OWN' }
          : {
              subject,
              origin: 'RECEIVED',
              deliveredAt: new Date().toISOString(),
              sender: { name: SENDERS[i % SENDERS.length] },
            };
      await ok(clerk, REGISTER, { i: input });
    }
    // Another municipality with the same words: never in Blansko's answers.
    for (const subject of ['Kolumbárium Adamov', 'Žádost o kolumbárium']) {
      await ok(adamovClerk, REGISTER, {
        i: { subject, origin: 'RECEIVED', deliveredAt: new Date().toISOString(), sender: { name: 'Jan Novák' } },
      });
    }
  });
  afterEach(() => Object.assign(SEARCH_TUNING, DEFAULTS));
  afterAll(() => t.dispose());

  const queries: [string, Record<string, unknown>, (d: Document) => boolean][] = [
    [
      'a rare word by its stem, without diacritics',
      { subjectContains: 'kolumbari' },
      (d) => matches(d.subject, 'kolumbari'),
    ],
    ['upper case with diacritics', { subjectContains: 'KOLUMBÁR' }, (d) => matches(d.subject, 'kolumbar')],
    ['a common word and its forms', { subjectContains: 'žádost' }, (d) => matches(d.subject, 'zadost')],
    ['a shorter prefix (more words)', { subjectContains: 'zad' }, (d) => matches(d.subject, 'zad')],
    ['one letter', { subjectContains: 'o' }, (d) => matches(d.subject, 'o')],
    ['two terms, each begins a word', { subjectContains: 'oprav kolumb' }, (d) => matches(d.subject, 'oprav kolumb')],
    ['digits are words', { subjectContains: '2025' }, (d) => matches(d.subject, '2025')],
    ['a word inside a word is no match', { subjectContains: 'umbar' }, () => false],
    ['a word that is nowhere', { subjectContains: 'xylofon' }, () => false],
    ['sender by two terms', { senderContains: 'fin úřad' }, (d) => matches(d.senderName, 'fin urad')],
    ['sender, a common word', { senderContains: 'URAD' }, (d) => matches(d.senderName, 'urad')],
    [
      'subject and sender together',
      { subjectContains: 'zadost', senderContains: 'novak' },
      (d) => matches(d.subject, 'zadost') && matches(d.senderName, 'novak'),
    ],
    [
      'with the year and the state',
      { subjectContains: 'kolumb', year: new Date().getFullYear(), state: 'REGISTERED' },
      (d) => matches(d.subject, 'kolumb') && d.state === 'REGISTERED',
    ],
    [
      'with another register (nothing)',
      { subjectContains: 'zadost', registerId: '00000000-0000-4000-8000-000000000000' },
      () => false,
    ],
    ['with a year without documents', { subjectContains: 'zadost', year: 2001 }, () => false],
  ];

  describe.each(TUNINGS)('plan: %s', (_, tuning) => {
    it.each(queries)('%s: the same documents in list order, across pages, and totalCount', async (_, filter, pick) => {
      Object.assign(SEARCH_TUNING, tuning);
      const want = await expected(pick);
      for (const first of [1, 4, 50]) {
        const { ids, totalCount } = await walk(filter, first);
        expect(ids).toEqual(want);
        expect(totalCount).toBe(want.length);
      }
    });
  });

  it('the tunings really run each plan', async () => {
    const texts = [{ field: 'S' as const, terms: ['zadost'] }];
    expect((await planSearch(em(), BLANSKO.id, texts)).kind).toBe('prefix');
    Object.assign(SEARCH_TUNING, TUNINGS[1][1]);
    expect(await planSearch(em(), BLANSKO.id, texts)).toEqual({
      kind: 'words',
      field: 'S',
      words: ['zadost', 'zadosti'],
    });
    Object.assign(SEARCH_TUNING, TUNINGS[2][1]);
    expect((await planSearch(em(), BLANSKO.id, texts)).kind).toBe('scan');
  });

  it("keeps municipalities apart: their own documents only, and every word row carries its document's municipality", async () => {
    const { ids } = await walk({ subjectContains: 'kolumbarium' }, 10, adamovClerk);
    expect(ids).toEqual(await expected((d) => matches(d.subject, 'kolumbarium'), ADAMOV.id));
    expect(ids).toHaveLength(2);
    const knex = t.orm.em.getKnex();
    const foreign = await knex('document_word as w')
      .join('document as d', 'd.id', 'w.document_id')
      .whereRaw('d.municipality_id <> w.municipality_id')
      .count('* as n');
    expect(Number(foreign[0].n)).toBe(0);
    expect(Number(await wordRows({ municipality_id: ADAMOV.id }))).toBeGreaterThan(0);
  });

  it('follows changes of subject and sender, and forgets removed documents', async () => {
    const e = em();
    const [d] = await e.find(Document, { senderName: { $ne: null } }, { limit: 1, orderBy: { createdAt: 'asc' } });
    d.subject = 'Přestupek – Vlastivědné muzeum';
    d.senderName = 'Ředitelství silnic a dálnic';
    await e.flush();
    expect((await walk({ subjectContains: 'vlastived' }, 10)).ids).toEqual([d.id]);
    expect((await walk({ senderContains: 'reditelstvi silnic' }, 10)).ids).toEqual([d.id]);
    expect((await walk({ subjectContains: 'kolumb' }, 50)).ids).not.toContain(d.id);
    expect((await walk({ subjectContains: 'kolumb' }, 50)).ids).toEqual(
      await expected((x) => matches(x.subject, 'kolumb')),
    );

    e.remove(d);
    await e.flush();
    expect(Number(await wordRows({ document_id: d.id }))).toBe(0);
    expect((await walk({ subjectContains: 'vlastived' }, 10)).ids).toEqual([]);
  });

  it('fills the index for documents from before it, at start (upgradeData), and only once', async () => {
    await filing.upgradeData!(t.orm); // a database whose documents are all indexed: only marks it
    const before = Number(await wordRows());
    const answer = (await walk({ subjectContains: 'žádost', senderContains: 'úřad' }, 3)).ids;
    expect(answer.length).toBeGreaterThan(0);
    const knex = t.orm.em.getKnex();
    await knex('document_word').delete();
    expect((await walk({ subjectContains: 'žádost', senderContains: 'úřad' }, 3)).ids).toEqual([]);
    await filing.upgradeData!(t.orm); // marked done: nothing
    expect(Number(await wordRows())).toBe(0);
    await knex('sequence_counter').where({ name: WORD_INDEX_MARK }).delete();
    await filing.upgradeData!(t.orm);
    expect(Number(await wordRows())).toBe(before);
    expect((await walk({ subjectContains: 'žádost', senderContains: 'úřad' }, 3)).ids).toEqual(answer);
  });
});
