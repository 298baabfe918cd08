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
import { randomUUID } from 'node:crypto';
import type { FilingContext } from './context';
import { filing } from './index';
import { Document } from './modules/documents/document.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const BLANSKO_MAIN = demoId('register', 'MBK:main');
const BLANSKO_INVOICES = demoId('register', 'MBK:invoices');

const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK']);
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK']);

let clock: Date | null = null;
const clockedFiling = {
  ...filing,
  createContext: (base: SubgraphContext): FilingContext => ({
    ...filing.createContext(base),
    now: () => clock ?? new Date(),
  }),
};

/** Subjects that exercise the search: LIKE wildcards taken literally, case and diacritics folded. */
const SUBJECTS: Record<number, string> = {
  2: 'Sleva 50% na_zboží',
  5: 'Sleva 50 na zboží',
  7: 'Kód abc_def',
  8: 'Kód abcXdef',
  9: 'Žádost o kácení dřevin',
  10: 'ŽÁDOST O DOTACI',
};
/** Senders of some received (odd) documents: names with diacritics in both cases, one data box three times. */
const SENDERS: Record<number, { name: string; dataBoxId?: string }> = {
  3: { name: 'Krajský úřad Jihomoravského kraje', dataBoxId: 'x2zb7pw' },
  7: { name: 'Finanční úřad pro Jihomoravský kraj', dataBoxId: 'fu7jmkx' },
  13: { name: 'KRAJSKÝ ÚŘAD Jihomoravského kraje', dataBoxId: 'x2zb7pw' },
  21: { name: 'Krajský úřad Jihomoravského kraje', dataBoxId: 'x2zb7pw' },
};
const senderOf = (i: number) => SENDERS[i] ?? { name: `Odesílatel ${i}` };
const DAY = 24 * 3600 * 1000;
/** 25 documents, one a day from 20 Dec 2025 (12 in 2025, 13 in 2026); #20–#22 share one instant. */
const registrationTime = (i: number) => new Date(Date.parse('2025-12-20T10:00:00Z') + Math.min(i, 20) * DAY);

const REGISTER = `mutation($input: RegisterDocumentInput!) {
  registerDocument(input: $input) { document { id registeredAt year sequenceNumber register { id } subject sender { name dataBoxId } } }
}`;
const LIST = `query($first: Int, $after: String, $filter: DocumentFilter) {
  documents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id municipality { id } } }
  }
}`;

interface Registered {
  index: number;
  id: string;
  registeredAt: string;
  year: number;
  registerId: string;
  sequenceNumber?: number;
  sender?: { name: string; dataBoxId: string | null } | null;
}

/**
 * The list order the API promises, computed here independently: creation time DESC (for a registration, its
 * registration time), then id DESC.
 */
const newestFirst = (a: Registered, b: Registered) =>
  b.registeredAt.localeCompare(a.registeredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe.each(testDatabaseKinds())('document queries on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const docs: Registered[] = [];
  const adamovDocs: string[] = [];

  beforeAll(async () => {
    t = await startTestSubgraph(clockedFiling, kind, { seedDemo: true });
    for (let i = 0; i < 25; i++) {
      clock = registrationTime(i);
      const input = {
        registerId: i % 3 === 0 ? BLANSKO_INVOICES : undefined,
        subject: SUBJECTS[i] ?? `Podání číslo ${i}`,
        origin: i % 2 === 0 ? 'OWN' : 'RECEIVED',
        ...(i % 2 === 0
          ? {}
          : { deliveredAt: new Date(clock.getTime() - 3600_000).toISOString(), sender: senderOf(i) }),
      };
      const res = await t.run(clerk, REGISTER, { input });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const d = res.data!.registerDocument.document;
      docs.push({
        index: i,
        id: d.id,
        registeredAt: d.registeredAt,
        year: d.year,
        registerId: d.register.id,
        sequenceNumber: d.sequenceNumber,
        sender: d.sender,
      });
    }
    for (let i = 0; i < 3; i++) {
      const res = await t.run(adamovClerk, REGISTER, { input: { subject: `Adamov ${i} 50% sleva`, origin: 'OWN' } });
      adamovDocs.push(res.data!.registerDocument.document.id);
    }
    clock = null;
  });
  afterAll(() => t.dispose());

  /** Every page of a filtered list, in order, checking the connection's bookkeeping on the way. */
  async function listAll(filter: Record<string, unknown> | undefined, first: number, caller = clerk) {
    const ids: string[] = [];
    let after: string | null = null;
    const totals = new Set<number>();
    for (let page = 0; page < 100; page++) {
      const res = await t.run(caller, LIST, { first, after, filter });
      expect(res.errors).toBeUndefined();
      const c: any = res.data!.documents;
      totals.add(c.totalCount);
      ids.push(...c.edges.map((e: any) => e.node.id));
      expect(c.edges.length).toBeLessThanOrEqual(first);
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      if (!c.pageInfo.hasNextPage) break;
      expect(c.edges).toHaveLength(first);
      after = c.pageInfo.endCursor;
    }
    expect(totals.size).toBe(1);
    return { ids, totalCount: [...totals][0] };
  }

  const expectedIds = (pick: (d: Registered) => boolean) =>
    docs
      .filter(pick)
      .sort(newestFirst)
      .map((d) => d.id);

  it('pages through all documents newest first, ties broken by id', async () => {
    const res = await t.run(clerk, LIST, { first: 10 });
    expect(res.data!.documents.edges).toHaveLength(10);
    expect(res.data!.documents.pageInfo.hasNextPage).toBe(true);

    const all = expectedIds(() => true);
    expect(all).toHaveLength(25);
    for (const first of [10, 7, 1]) {
      const { ids, totalCount } = await listAll(undefined, first);
      expect(ids).toEqual(all);
      expect(totalCount).toBe(25);
    }
  });

  const indexes =
    (...i: number[]) =>
    (d: Registered) =>
      i.includes(d.index);
  const filters: [string, () => Record<string, unknown>, (d: Registered) => boolean][] = [
    ['year', () => ({ year: 2025 }), (d) => d.year === 2025],
    ['registerId', () => ({ registerId: BLANSKO_INVOICES }), (d) => d.registerId === BLANSKO_INVOICES],
    // Words, not substrings (README "Search"): punctuation and LIKE's wildcards separate words and match nothing themselves.
    ['subjectContains, % separates words', () => ({ subjectContains: '50%' }), indexes(2, 5)],
    ['subjectContains of a lone % (no word: nothing)', () => ({ subjectContains: '%' }), indexes()],
    ['subjectContains, _ separates words', () => ({ subjectContains: 'abc_def' }), indexes(7)],
    ['subjectContains, a word inside a word is not a match', () => ({ subjectContains: 'c_d' }), indexes()],
    ['subjectContains with the escape character', () => ({ subjectContains: '!' }), indexes()],
    ['subjectContains, every term begins a word', () => ({ subjectContains: 'zbo na sle' }), indexes(2, 5)],
    ['subjectContains ignoring case', () => ({ subjectContains: 'žádost' }), indexes(9, 10)],
    ['subjectContains ignoring diacritics', () => ({ subjectContains: 'ZADOST' }), indexes(9, 10)],
    [
      'registeredFrom (inclusive) and registeredTo (exclusive)',
      () => ({ registeredFrom: docs[5].registeredAt, registeredTo: docs[15].registeredAt }),
      (d) => d.index >= 5 && d.index < 15,
    ],
    ['senderContains ignoring case and diacritics', () => ({ senderContains: 'krajsky URAD' }), indexes(3, 13, 21)],
    ['senderContains, a word of several senders', () => ({ senderContains: 'úřad' }), indexes(3, 7, 13, 21)],
    ['senderContains, a prefix of names', () => ({ senderContains: 'Odesílatel 1' }), indexes(1, 11, 15, 17, 19)],
    ['senderContains with % taken literally', () => ({ senderContains: '%' }), indexes()],
    ['senderDataBoxId exactly', () => ({ senderDataBoxId: 'x2zb7pw' }), indexes(3, 13, 21)],
    ['senderDataBoxId, not a substring', () => ({ senderDataBoxId: 'x2zb7p' }), indexes()],
    [
      'sender and year together',
      () => ({ senderContains: 'úřad', year: 2026 }),
      (d) => d.year === 2026 && [3, 7, 13, 21].includes(d.index),
    ],
    [
      'year, register and subject together',
      () => ({ year: 2026, registerId: BLANSKO_MAIN, subjectContains: 'podání' }),
      (d) => d.year === 2026 && d.registerId === BLANSKO_MAIN,
    ],
  ];

  it.each(filters)('filters by %s, across pages', async (_, filter, pick) => {
    const expected = expectedIds(pick);
    const { ids, totalCount } = await listAll(filter(), 3);
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: -5 }, 'first'],
    [{ after: 'not a cursor!' }, 'after'],
    [{ after: Buffer.from('hello|world').toString('base64url') }, 'after'],
    [{ after: Buffer.from(`2026-02-30T10:00:00.000Z|${randomUUID()}`).toString('base64url') }, 'after'],
    [{ filter: { subjectContains: 's'.repeat(2001) } }, 'filter.subjectContains'],
    [{ filter: { senderContains: 's'.repeat(301) } }, 'filter.senderContains'],
    [{ filter: { senderDataBoxId: 'x'.repeat(51) } }, 'filter.senderDataBoxId'],
  ])('refuses %j with BAD_USER_INPUT', async (args, field) => {
    const res = await t.run(clerk, LIST, args);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('shows a municipality only its own documents', async () => {
    const { ids, totalCount } = await listAll(undefined, 100, adamovClerk);
    expect(totalCount).toBe(3);
    expect([...ids].sort()).toEqual([...adamovDocs].sort());
    // Another municipality's register as a filter finds nothing rather than leaking its documents.
    expect((await listAll({ registerId: BLANSKO_INVOICES }, 10, adamovClerk)).totalCount).toBe(0);

    const query = `query($id: ID!) { document(id: $id) { id } }`;
    expect((await t.run(adamovClerk, query, { id: docs[0].id })).data!.document).toBeNull();
    expect((await t.run(adamovClerk, query, { id: adamovDocs[0] })).data!.document).toEqual({ id: adamovDocs[0] });
    expect((await t.run(clerk, query, { id: docs[0].id })).data!.document).toEqual({ id: docs[0].id });
  });

  it('resolves Document representations, null for unknown and foreign ones', async () => {
    const res = await t.run(
      clerk,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document {
        id referenceNumber origin sender { name } register { id name kind } registeredBy { id } municipality { id }
      } } }`,
      { r: [docs[0].id, docs[1].id, randomUUID(), adamovDocs[0]].map((id) => ({ __typename: 'Document', id })) },
    );
    expect(res.errors).toBeUndefined();
    const [own, received, unknown, foreign] = res.data!._entities;
    expect(own).toMatchObject({
      id: docs[0].id,
      referenceNumber: 'FP-0001/2025',
      origin: 'OWN',
      sender: null,
      register: { id: BLANSKO_INVOICES, name: 'Faktury přijaté', kind: 'SEPARATE' },
      registeredBy: { id: clerk.userId },
      municipality: { id: BLANSKO.id },
    });
    expect(received).toMatchObject({ id: docs[1].id, referenceNumber: 'MBK 1/2025', sender: { name: 'Odesílatel 1' } });
    expect(unknown).toBeNull();
    expect(foreign).toBeNull();
  });

  it("lists Municipality.documents for the own municipality only; another's is FORBIDDEN", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { id documents(first: 2) { totalCount edges { node { id } } } } } }`;
    const own = await t.run(adamovClerk, query, { r: [{ __typename: 'Municipality', id: ADAMOV.id }] });
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0].documents.totalCount).toBe(3);
    expect(own.data!._entities[0].documents.edges).toHaveLength(2);

    const foreign = await t.run(adamovClerk, query, { r: [{ __typename: 'Municipality', id: BLANSKO.id }] });
    expect(foreign.data!._entities[0]).toEqual({ id: BLANSKO.id, documents: null });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets the read-all roles read everything, others only their own, and no platform admin', async () => {
    for (const roles of [['RECORDS_OFFICER'], ['RECORDS_MANAGER'], ['AUDITOR']] as const) {
      const res = await t.run(testCaller(BLANSKO.id, [...roles]), LIST, { first: 1 });
      expect(res.data!.documents.totalCount).toBe(25);
    }
    // Visibility (domain.md §5.6): a tenant admin manages users, not records; a case handler sees what they
    // created, registered or handle, and none of these 25 documents is theirs.
    for (const roles of [['TENANT_ADMIN'], ['CASE_HANDLER']] as const) {
      const caller = testCaller(BLANSKO.id, [...roles]);
      const res = await t.run(caller, LIST, { first: 1 });
      expect(res.errors).toBeUndefined();
      expect(res.data!.documents.totalCount).toBe(0);
      expect((await t.run(caller, `{ document(id: "${docs[0].id}") { id } }`)).data!.document).toBeNull();
    }
    const admin = testCaller(null, ['PLATFORM_ADMIN']);
    expect((await t.run(admin, LIST, { first: 1 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.run(admin, `{ document(id: "${docs[0].id}") { id } }`)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const ref = await t.run(
      admin,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id } } }`,
      {
        r: [{ __typename: 'Document', id: docs[0].id }],
      },
    );
    expect(ref.data!._entities).toEqual([null]);
    expect((await t.run(null, LIST, { first: 1 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('costs a constant number of SQL statements, however many documents are resolved', async () => {
    const connection = t.orm.em.getDriver().getConnection();
    const statementsOf = async (run: () => Promise<{ errors?: unknown }>) => {
      const spy = jest.spyOn(connection, 'execute');
      try {
        const res = await run();
        expect(res.errors).toBeUndefined();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id register { name } registeredBy { id } } } }`;
    // The gateway does not deduplicate representations: 50 of them for 25 documents is what it may send.
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Document', id: docs[i % docs.length].id }));
    const few = await statementsOf(() => t.run(clerk, entities, { r: reps(2) }));
    const many = await statementsOf(() => t.run(clerk, entities, { r: reps(50) }));
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(2);

    const list = `query($first: Int) { documents(first: $first) { totalCount edges { node { id register { name } } } } }`;
    expect(await statementsOf(() => t.run(clerk, list, { first: 25 }))).toBe(
      await statementsOf(() => t.run(clerk, list, { first: 2 })),
    );
  });

  it('counts the whole list only when totalCount is asked for', async () => {
    const connection = t.orm.em.getDriver().getConnection();
    const statements = async (query: string) => {
      const spy = jest.spyOn(connection, 'execute');
      try {
        expect((await t.run(clerk, query)).errors).toBeUndefined();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const page = await statements('{ documents(first: 5) { edges { node { id } } } }');
    expect(page).toBe(1);
    expect(await statements('{ documents(first: 5) { totalCount edges { node { id } } } }')).toBe(page + 1);
    expect(await statements('{ documents(first: 5) { a: totalCount b: totalCount } }')).toBe(page + 1);
  });

  const JOURNAL = `query($registerId: ID, $year: Int!, $first: Int, $after: String) {
    registerJournal(registerId: $registerId, year: $year, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id sequenceNumber year register { id } } }
    }
  }`;

  /** Every page of a journal, checking the connection's bookkeeping. */
  async function journal(variables: Record<string, unknown>, first: number, caller = clerk) {
    const ids: string[] = [];
    const numbers: number[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let page = 0; page < 100; page++) {
      const res = await t.run(caller, JOURNAL, { ...variables, first, after });
      expect(res.errors).toBeUndefined();
      const c: any = res.data!.registerJournal;
      totalCount = c.totalCount;
      ids.push(...c.edges.map((e: any) => e.node.id));
      numbers.push(...c.edges.map((e: any) => e.node.sequenceNumber));
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      if (!c.pageInfo.hasNextPage) break;
      expect(c.edges).toHaveLength(first);
      after = c.pageInfo.endCursor;
    }
    return { ids, numbers, totalCount };
  }

  const inJournal = (registerId: string, year: number) =>
    docs
      .filter((d) => d.registerId === registerId && d.year === year)
      .sort((a, b) => a.sequenceNumber! - b.sequenceNumber!);

  it.each([
    ['the main register by default, 2025', {}, BLANSKO_MAIN, 2025],
    ['the main register by default, 2026', {}, BLANSKO_MAIN, 2026],
    ['a separate register', { registerId: BLANSKO_INVOICES }, BLANSKO_INVOICES, 2026],
  ])('registerJournal: %s, in number order, page by page', async (_, args, registerId, year) => {
    const expected = inJournal(registerId, year);
    expect(expected.length).toBeGreaterThan(2);
    // Gapless numbers from 1: the journal is the whole series.
    expect(expected.map((d) => d.sequenceNumber)).toEqual(expected.map((_, i) => i + 1));
    for (const first of [50, 2, 1]) {
      const { ids, numbers, totalCount } = await journal({ ...args, year }, first);
      expect(ids).toEqual(expected.map((d) => d.id));
      expect(numbers).toEqual(expected.map((d) => d.sequenceNumber));
      expect(totalCount).toBe(expected.length);
    }
    expect(await journal({ ...args, year: 2024 }, 10)).toEqual({ ids: [], numbers: [], totalCount: 0 });
  });

  it('registerJournal: refuses bad arguments and cursors of another journal; another municipality’s register is NOT_FOUND', async () => {
    const first = (await t.run(clerk, JOURNAL, { year: 2025, first: 1 })).data!.registerJournal.pageInfo.endCursor;
    const bad: [Record<string, unknown>, string, string][] = [
      [{ year: 2026, after: first }, 'BAD_USER_INPUT', 'after'],
      [{ year: 2025, registerId: BLANSKO_INVOICES, after: first }, 'BAD_USER_INPUT', 'after'],
      [{ year: 2025, after: 'not a cursor!' }, 'BAD_USER_INPUT', 'after'],
      [{ year: 2025, first: 0 }, 'BAD_USER_INPUT', 'first'],
      [{ year: 2025, first: 101 }, 'BAD_USER_INPUT', 'first'],
      [{ year: 1989 }, 'BAD_USER_INPUT', 'year'],
      [{ year: 3001 }, 'BAD_USER_INPUT', 'year'],
    ];
    for (const [variables, code, field] of bad) {
      const res = await t.run(clerk, JOURNAL, variables);
      expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    }
    const foreign = await t.run(adamovClerk, JOURNAL, { registerId: BLANSKO_MAIN, year: 2025 });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.run(null, JOURNAL, { year: 2025 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('fills the folded sender of rows written before it existed, at start (upgradeData)', async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    await em.nativeUpdate(Document, {}, { senderFolded: null });
    await t.orm.em.getKnex()('sequence_counter').where({ name: 'upgrade:derived-columns-1' }).delete();
    await filing.upgradeData!(t.orm);
    const rows = await em.find(Document, { senderName: { $ne: null } });
    expect(rows.length).toBeGreaterThan(0);
    for (const d of rows)
      expect(d.senderFolded).toBe(d.senderName!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  });

  // Last: it changes rows the tests above list.
  it('orders drafts by creation and rows from before drafts existed by registration (after the upgrade), with paging intact', async () => {
    const author = testCaller(BLANSKO.id, ['CASE_HANDLER']);
    clock = new Date(Date.parse(docs[7].registeredAt) + 1000); // just after #7, before #8
    const draft = await t.run(
      author,
      `mutation { createDraftDocument(input: { subject: "Koncept odpovědi" }) { document { id createdAt registeredAt state } } }`,
    );
    clock = null;
    expect(draft.errors).toBeUndefined();
    const d = draft.data!.createDraftDocument.document;
    expect(d).toMatchObject({ state: 'DRAFT', registeredAt: null });

    // Rows written before drafts existed: no createdAt/createdById. Every other one of the 25.
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const legacy = docs.filter((x) => x.index % 2 === 1).map((x) => x.id);
    await em.nativeUpdate(Document, { id: { $in: legacy } }, { createdAt: null, createdById: null });
    // What every start does: older rows get their registration as their creation.
    await filing.upgradeData!(t.orm);
    await filing.upgradeData!(t.orm); // idempotent

    const all: Registered[] = [
      ...docs,
      { index: -1, id: d.id, registeredAt: d.createdAt, year: 0, registerId: BLANSKO_MAIN },
    ];
    const expected = all.sort(newestFirst).map((x) => x.id);
    for (const first of [4, 1]) {
      const { ids, totalCount } = await listAll(undefined, first);
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(26);
    }
    // The draft sits between #8 and #7, as created.
    expect(expected.indexOf(d.id)).toBe(expected.indexOf(docs[7].id) - 1);

    const one = await t.run(
      clerk,
      `query($id: ID!) { document(id: $id) { createdAt createdBy { id } registeredAt registeredBy { id } } }`,
      { id: legacy[0] },
    );
    const row = docs.find((x) => x.id === legacy[0])!;
    expect(one.data!.document).toEqual({
      createdAt: row.registeredAt,
      createdBy: { id: clerk.userId },
      registeredAt: row.registeredAt,
      registeredBy: { id: clerk.userId },
    });

    // Registration filters keep meaning registration: the draft has none.
    expect((await listAll({ registeredFrom: '2000-01-01T00:00:00Z' }, 100)).ids).not.toContain(d.id);
    expect((await listAll({ state: 'DRAFT' }, 100)).ids).toEqual([d.id]);
    expect((await listAll({ state: 'REGISTERED' }, 100)).totalCount).toBe(25);
  });

  // After the test above, which adds a draft: drafts have no number and are in no journal.
  it('registerJournal: shows others only what they may see (a case handler: their own entries), never drafts', async () => {
    const author = testCaller(BLANSKO.id, ['CASE_HANDLER']);
    clock = new Date('2026-01-08T10:30:00Z');
    const own = await t.run(author, REGISTER, { input: { subject: 'Odpověď na žádost', origin: 'OWN' } });
    clock = null;
    expect(own.errors).toBeUndefined();
    const mine = own.data!.registerDocument.document;
    const all = await journal({ year: 2026 }, 100);
    expect(all.ids).toContain(mine.id);
    expect(all.numbers).toEqual(all.numbers.map((_, i) => i + 1));
    expect(await journal({ year: 2026 }, 1, author)).toEqual({
      ids: [mine.id],
      numbers: [mine.sequenceNumber],
      totalCount: 1,
    });
    for (const roles of [['RECORDS_OFFICER'], ['AUDITOR'], ['RECORDS_MANAGER']] as const) {
      expect((await journal({ year: 2026 }, 100, testCaller(BLANSKO.id, [...roles]))).ids).toEqual(all.ids);
    }
    expect((await journal({ year: 2026 }, 100, testCaller(BLANSKO.id, ['TENANT_ADMIN']))).ids).toEqual([]);

    // A draft created weeks before it is registered: a registration-time filter still finds it, although its creation
    // (the list's order and the bound the query derives) lies before the range.
    clock = new Date('2025-11-01T10:00:00Z');
    const draft = (
      await t.run(
        author,
        `mutation { createDraftDocument(input: { subject: "Dlouho rozpracovaný koncept" }) { document { id } } }`,
      )
    ).data!.createDraftDocument.document;
    clock = new Date('2026-01-09T12:00:00Z');
    expect(
      (
        await t.run(author, `mutation($id: ID!) { registerDraft(documentId: $id) { document { registeredAt } } }`, {
          id: draft.id,
        })
      ).errors,
    ).toBeUndefined();
    clock = null;
    const jan9 = { registeredFrom: '2026-01-09T00:00:00Z', registeredTo: '2026-01-10T00:00:00Z' };
    const onJan9 = expectedIds((d) => d.registeredAt.startsWith('2026-01-09'));
    expect(onJan9.length).toBeGreaterThan(2);
    for (const first of [100, 2]) expect((await listAll(jan9, first)).ids).toEqual([...onJan9, draft.id]);
    expect((await listAll({ registeredFrom: '2026-01-09T00:00:00Z' }, 3)).ids).toEqual([...onJan9, draft.id]);
    expect(await listAll({ registeredFrom: '2030-01-01T00:00:00Z' }, 3)).toEqual({ ids: [], totalCount: 0 });
  });
});
