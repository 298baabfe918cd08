// The disposal procedure (skartační řízení) in the archives subgraph, through its schema, on SQLite and MariaDB:
// the proposal (skartační návrh) and the archive's decision (its nsesss-DA Seznam). Filing is faked: it answers the
// hand-over lists, case files and documents (PID, archive readiness) this suite puts into its table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AuditEvent, DEMO_MUNICIPALITIES, Role, fakePeers, scopeToTenant, type Caller } from '@hub/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { ArchivesContext } from './context';
import { archives } from './index';
import { DisposalProposal, DisposalProposalEntry } from './modules/disposal/disposal-proposal.entity';
import { parseSeznam } from './modules/disposal/decision';
import { seznamXml, type FixtureEntity } from './modules/disposal/seznam-fixture';
import { Loan } from './modules/records-office/loan.entity';
import { RecordsOfficeItem } from './modules/records-office/records-office-item.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0].id;
const ADAMOV = DEMO_MUNICIPALITIES[1].id;
// Named as a signed-in person is (the default posuzovatel of the archive's decision).
const officer: Caller = { ...testCaller(BLANSKO, [Role.RECORDS_OFFICER], 'mbk.records'), name: 'Marie Spisová' };
const manager = testCaller(BLANSKO, [Role.RECORDS_MANAGER], 'mbk.manager');
const adamovOfficer = testCaller(ADAMOV, [Role.RECORDS_OFFICER], 'ouada.records');

const lists: Record<string, Record<string, unknown>> = {};
const filed: Record<string, Record<string, unknown>> = {};
const users: Record<string, Record<string, unknown>> = {};
const peers = fakePeers({ RecordsHandOver: lists, CaseFile: filed, Document: filed, User: users });

interface Spec {
  kind?: 'CASE_FILE' | 'DOCUMENT';
  disposalYear?: number;
  documentIds?: string[];
  ready?: boolean;
  unknownToFiling?: boolean;
}

/** Entities taken over by the records office later: a hand-over list in the fake filing, with their PIDs. */
function handOverList(specs: Spec[]): { listId: string; ids: string[]; pids: string[] } {
  const listId = randomUUID();
  const entries = specs.map((s, i) => {
    const id = randomUUID();
    const pid = `MBKX${id.slice(0, 8)}`;
    if (!s.unknownToFiling) {
      filed[id] = {
        id,
        pid,
        ...(s.ready === false
          ? { archiveReadiness: { ready: false, problems: [{ rule: 'obs1', message: 'no output format' }] } }
          : {}),
      };
    }
    return {
      kind: s.kind ?? 'CASE_FILE',
      id,
      state: 'HANDED_TO_RECORDS_OFFICE',
      referenceNumber: `MBK ${i + 1}/${listId.slice(0, 4)}`,
      title: `Spis ${i + 1}`,
      fullFilingCode: '616',
      year: 2020,
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: s.disposalYear ?? 2026,
      sortKey: `616-${listId}-${i}`,
      documentIds: s.documentIds ?? [],
    };
  });
  lists[listId] = { id: listId, entries };
  return { listId, ids: entries.map((e) => e.id), pids: entries.map((e) => filed[e.id]?.pid as string) };
}

const TAKE = `mutation($id: ID!) { takeOverHandOverList(handOverListId: $id) { id } }`;
const OPEN = `mutation($y: Int!) { openDisposalProposal(year: $y) { id year state entries { item { id } pid } } }`;
const ADD = `mutation($e: ID!) { addToDisposalProposal(entityId: $e) { id entries { item { id } } } }`;
const REMOVE = `mutation($e: ID!, $r: String!) { removeFromDisposalProposal(entityId: $e, reason: $r) { id entries { item { id } } } }`;
const SUBMIT = `mutation($id: ID!) { submitDisposalProposal(id: $id) { id state submittedBy { id } } }`;
const IMPORT = `mutation($id: ID!, $x: String!, $r: String) { importDisposalDecision(proposalId: $id, xml: $x, reasoning: $r) {
  id state decisionListId entries { item { id } decision decisionDate reasoning assessor } } }`;
const CANDIDATES = `query($y: Int!) { disposalCandidates(year: $y) { item { id } blocks problems { rule } } }`;
const PROPOSAL = `query($id: ID!) { disposalProposal(id: $id) { id state entries { item { id } blocks } } }`;
const LEND = `mutation($i: LendInput!) { lendFromRecordsOffice(input: $i) { id } }`;
const RETURN = `mutation($e: ID!, $r: String!) { returnFromRecordsOffice(entityId: $e, reason: $r) { id } }`;
const HOLD = `mutation($d: ID, $c: ID, $r: String!) { placeDisposalHold(documentId: $d, caseFileId: $c, reason: $r) { id } }`;

describe.each(testDatabaseKinds())('disposal procedure on %s', (kind) => {
  let t: TestSubgraph<ArchivesContext>;
  const run = (caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    t.run(caller, query, variables);
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  /** Every row this suite's code may write, and how many entries carry a decision. */
  const written = async () => {
    const em = t.orm.em.fork();
    const counts = await Promise.all(
      [AuditEvent, DisposalProposal, DisposalProposalEntry, RecordsOfficeItem, Loan].map((e) =>
        em.count(e as never, {}, { filters: false }),
      ),
    );
    const decided = await em.count(DisposalProposalEntry, { decision: { $ne: null } }, { filters: false });
    const states = (await em.find(DisposalProposal, {}, { filters: false, orderBy: { id: 'asc' } })).map(
      (p) => p.state,
    );
    return [...counts, decided, states];
  };
  /** Refused with `code`, nothing written anywhere; the errors for a closer look. */
  const refused = async (caller: Caller, query: string, variables: Record<string, unknown>, code: string) => {
    const before = await written();
    const res = await run(caller, query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await written()).toEqual(before);
    return res.errors![0] as { message: string; extensions: Record<string, any> };
  };
  const blansko = () => scopeToTenant(t.orm.em.fork(), BLANSKO);
  const ids = (xs: { item: { id: string } }[]) => xs.map((x) => x.item.id).sort();

  beforeAll(async () => {
    t = await startTestSubgraph(archives, kind, { peers });
  });
  afterAll(() => t?.dispose());

  it('lets one of two concurrent openDisposalProposal calls of a municipality through, the other is CONFLICT', async () => {
    const results = await Promise.all([run(adamovOfficer, OPEN, { y: 2026 }), run(adamovOfficer, OPEN, { y: 2026 })]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const em = scopeToTenant(t.orm.em.fork(), ADAMOV);
    expect(await em.count(DisposalProposal, {})).toBe(1);
    // Its Zalozeni and, built within the request (nothing due), its Uprava BUILDING → OPEN; nothing of the loser.
    expect(
      (await em.find(AuditEvent, { objectType: 'SkartacniNavrh' }, { orderBy: { sequence: 'asc' } })).map(
        (x) => x.eventType,
      ),
    ).toEqual(['Zalozeni', 'Uprava']);
    // The database itself refuses a second active proposal, whatever a caller checked before.
    em.create(DisposalProposal, {
      id: randomUUID(),
      municipalityId: ADAMOV,
      year: 2027,
      state: 'OPEN',
      activeKey: ADAMOV,
      documentId: null,
      createdAt: new Date(),
      createdById: adamovOfficer.userId,
      submittedAt: null,
      submittedById: null,
      decisionListId: null,
      decidedAt: null,
      decidedById: null,
    });
    await expect(em.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('proposes exactly the due, unblocked entities, explains the rest, locks what it holds, and imports the decision', async () => {
    const heldDoc = randomUUID();
    filed[heldDoc] = { id: heldDoc, pid: 'MBKXHELD' };
    const specs: Spec[] = [
      {}, // 0 due and free
      { documentIds: [heldDoc] }, // 1 a document in it is held
      {}, // 2 lent
      { disposalYear: 2027 }, // 3 not due
      // 4: not due either. (Filing's archiveReadiness is not asked from archives yet: readiness.ts says why.)
      { disposalYear: 2028 },
      { unknownToFiling: true }, // 5 filing does not answer for it
      { kind: 'DOCUMENT' }, // 6 a lone document, due and free
    ];
    const { listId, ids: e, pids } = handOverList(specs);
    await ok(officer, TAKE, { id: listId });
    await ok(officer, HOLD, { d: heldDoc, r: 'Soudní spor' });
    await ok(officer, LEND, { i: { entityId: e[2], borrowerName: 'Okresní soud v Blansku', dueOn: '2099-01-01' } });

    await refused(officer, OPEN, { y: 1200 }, 'BAD_USER_INPUT');
    await refused(testCaller(BLANSKO, [Role.CASE_HANDLER], 'mbk.handler'), OPEN, { y: 2026 }, 'FORBIDDEN');
    const proposal = (await ok(officer, OPEN, { y: 2026 })).openDisposalProposal;
    expect(proposal).toMatchObject({ year: 2026, state: 'OPEN' });
    expect(ids(proposal.entries)).toEqual([e[0], e[6]].sort());
    expect(proposal.entries.find((x: { item: { id: string } }) => x.item.id === e[0]).pid).toBe(pids[0]);
    const events = await blansko().find(AuditEvent, { eventType: 'VlozeniDoSkartacnihoNavrhu' });
    expect(events.map((x) => [x.objectType, x.objectId]).sort()).toEqual([
      ['Dokument', e[6]],
      ['Spis', e[0]],
    ]);
    expect(
      await blansko().count(AuditEvent, { eventType: 'Zalozeni', objectType: 'SkartacniNavrh', objectId: proposal.id }),
    ).toBe(1);

    const candidates = (await ok(manager, CANDIDATES, { y: 2026 })).disposalCandidates;
    const why = Object.fromEntries(
      candidates.map((c: { item: { id: string }; blocks: string[] }) => [c.item.id, c.blocks]),
    );
    expect(why).toEqual({ [e[1]]: ['DISPOSAL_HOLD'], [e[2]]: ['ON_LOAN'], [e[5]]: ['UNKNOWN_TO_FILING'] });

    // One open proposal per municipality; another municipality's is its own business.
    await refused(officer, OPEN, { y: 2026 }, 'CONFLICT');
    // Adding: the same blockers; removing: a reason, VyjmutiZeSkartacnihoNavrhu.
    for (const blocked of [e[1], e[2], e[3], e[4], e[0]]) await refused(officer, ADD, { e: blocked }, 'CONFLICT');
    await refused(officer, ADD, { e: randomUUID() }, 'NOT_FOUND');
    await refused(officer, REMOVE, { e: e[0], r: '  ' }, 'BAD_USER_INPUT');
    await refused(officer, REMOVE, { e: e[3], r: 'Omyl' }, 'NOT_FOUND');
    expect(
      ids((await ok(officer, REMOVE, { e: e[0], r: 'Ještě se použije' })).removeFromDisposalProposal.entries),
    ).toEqual([e[6]]);
    const out = await blansko().findOneOrFail(AuditEvent, { eventType: 'VyjmutiZeSkartacnihoNavrhu', objectId: e[0] });
    expect(out.description).toContain('Ještě se použije');
    expect(
      (await ok(officer, CANDIDATES, { y: 2026 })).disposalCandidates.find(
        (c: { item: { id: string } }) => c.item.id === e[0],
      ).blocks,
    ).toEqual([]);
    expect(ids((await ok(officer, ADD, { e: e[0] })).addToDisposalProposal.entries)).toEqual([e[0], e[6]].sort());

    // Locked: neither lent nor returned while proposed. A hold stays placeable and then shows as a block.
    await refused(officer, LEND, { i: { entityId: e[0], borrowerName: 'Soud', dueOn: '2099-01-01' } }, 'CONFLICT');
    await refused(officer, RETURN, { e: e[6], r: 'Doplnění' }, 'CONFLICT');
    await ok(officer, HOLD, { c: e[0], r: 'Kontrola' });
    const shown = (await ok(officer, PROPOSAL, { id: proposal.id })).disposalProposal.entries;
    expect(shown.find((x: { item: { id: string } }) => x.item.id === e[0]).blocks).toEqual(['DISPOSAL_HOLD']);

    // Another municipality sees and changes nothing of it.
    expect((await ok(adamovOfficer, PROPOSAL, { id: proposal.id })).disposalProposal).toBeNull();
    expect((await ok(adamovOfficer, CANDIDATES, { y: 2026 })).disposalCandidates).toEqual([]);
    await refused(adamovOfficer, SUBMIT, { id: proposal.id }, 'NOT_FOUND');
    await refused(adamovOfficer, ADD, { e: e[3] }, 'NOT_FOUND');
    await refused(
      adamovOfficer,
      IMPORT,
      { id: proposal.id, x: seznamXml([{ pid: pids[0], operation: 'zničit' }]) },
      'NOT_FOUND',
    );

    // No decision before it is submitted; then submitted, it takes no more changes.
    const decision: FixtureEntity[] = [
      { pid: pids[0], operation: 'vybrat za archiválii' },
      { pid: pids[6], operation: 'zničit' },
    ];
    await refused(officer, IMPORT, { id: proposal.id, x: seznamXml(decision) }, 'CONFLICT');
    expect((await ok(officer, SUBMIT, { id: proposal.id })).submitDisposalProposal).toMatchObject({
      state: 'SUBMITTED',
      submittedBy: { id: officer.userId },
    });
    await refused(officer, SUBMIT, { id: proposal.id }, 'CONFLICT');
    // Filing files it under the proposal's id from the submit event; the reference number is read from filing.
    const updates = await blansko().find(
      AuditEvent,
      { objectType: 'SkartacniNavrh', objectId: proposal.id, eventType: 'Uprava' },
      { orderBy: { sequence: 'asc' } },
    );
    // The first is the build's (BUILDING → OPEN), which filing does not file.
    expect(updates).toHaveLength(2);
    expect(updates[0].changes).toEqual(
      expect.arrayContaining([
        { name: 'state', old: 'BUILDING', new: 'OPEN' },
        { name: 'entryCount', old: null, new: '2' },
      ]),
    );
    const submitted = updates[1];
    expect(submitted.changes).toEqual(
      expect.arrayContaining([
        { name: 'state', old: 'OPEN', new: 'SUBMITTED' },
        { name: 'year', old: null, new: '2026' },
        { name: 'entryCount', old: null, new: '2' },
      ]),
    );
    const FILED = `query($id: ID!) { disposalProposal(id: $id) { document { id } referenceNumber } }`;
    expect((await ok(officer, FILED, { id: proposal.id })).disposalProposal).toEqual({
      document: { id: proposal.id },
      referenceNumber: null,
    });
    filed[proposal.id] = { id: proposal.id, referenceNumber: 'MBK 99/2026' };
    expect((await ok(officer, FILED, { id: proposal.id })).disposalProposal.referenceNumber).toBe('MBK 99/2026');
    await refused(officer, ADD, { e: e[3] }, 'CONFLICT');
    await refused(officer, REMOVE, { e: e[0], r: 'Omyl' }, 'CONFLICT');
    await refused(officer, RETURN, { e: e[6], r: 'Doplnění' }, 'CONFLICT');

    // Each refusal of the archive's Seznam, the whole list, nothing written.
    const bad = async (xml: string, reason: RegExp) => {
      const err = await refused(officer, IMPORT, { id: proposal.id, x: xml }, 'BAD_USER_INPUT');
      expect(JSON.stringify(err.extensions.problems)).toMatch(reason);
    };
    await bad('<Seznam', /well-formed/);
    await bad(seznamXml(decision).replace('nsesss/v4', 'nsesss/v3'), /namespace/);
    await bad(seznamXml(decision).replace(/Seznam/g, 'Spis'), /root element/);
    await bad(seznamXml(decision).replace(' ID="SR-2026-1"', ''), /lacks the attribute ID/);
    await bad(seznamXml([...decision, { pid: 'MBKXUNKNOWN', operation: 'zničit' }]), /MBKXUNKNOWN.*unknown identifier/);
    await bad(seznamXml([decision[0]]), new RegExp(`${pids[6]}.*not decided`));
    await bad(seznamXml([decision[0], { pid: pids[6], operation: 'předložit k výběru' }]), /is no decision/);
    await bad(seznamXml([decision[0], { pid: pids[6], operation: null }]), /no Operace/);
    await bad(seznamXml([...decision, decision[0]]), /named twice/);

    // The lone document is on paper: its quantity (from the records office) goes into its SkartacniRizeni.
    await blansko().nativeUpdate(RecordsOfficeItem, { id: e[6] }, { quantity: '1 dokument, 3 listy' });
    const decided = (
      await ok(officer, IMPORT, {
        id: proposal.id,
        x: seznamXml(decision, { prefix: 'nsesss' }),
        r: 'Skartační řízení 2026',
      })
    ).importDisposalDecision;
    expect(decided).toMatchObject({ state: 'DECIDED', decisionListId: 'SR-2026-1' });
    expect(Object.fromEntries(decided.entries.map((x: { item: { id: string } }) => [x.item.id, x]))).toEqual({
      [e[0]]: {
        item: { id: e[0] },
        decision: 'KEEP_AS_ARCHIVAL_RECORD',
        decisionDate: '2026-11-30',
        reasoning: 'Skartační řízení 2026',
        assessor: 'Marie Spisová',
      },
      [e[6]]: {
        item: { id: e[6] },
        decision: 'DESTROY',
        decisionDate: '2026-11-30',
        reasoning: 'Skartační řízení 2026',
        assessor: 'Marie Spisová',
      },
    });
    // TrP has no event type for the decision: an Uprava filling the entity's SkartacniRizeni (nsesss tSkartacniRizeni).
    // SkartacniOperace has one value, for what is kept; the archive's own word is Seznam.Operace.
    const rizeni = async (id: string) =>
      Object.fromEntries(
        (
          await blansko().findOneOrFail(AuditEvent, {
            eventType: 'Uprava',
            objectId: id,
            description: { $like: 'SkartacniRizeni%' },
          })
        ).changes.map((c) => [c.name, c.new]),
      );
    expect(await rizeni(e[6])).toEqual({
      'SkartacniRizeni.Datum': '2026-11-30',
      'SkartacniRizeni.Mnozstvi': '1 dokument, 3 listy',
      'SkartacniRizeni.Oduvodneni': 'Skartační řízení 2026',
      'SkartacniRizeni.Posuzovatel': 'Marie Spisová',
      'Seznam.Operace': 'zničit',
      disposalProposalId: proposal.id,
    });
    expect(await rizeni(e[0])).toEqual({
      'SkartacniRizeni.Datum': '2026-11-30',
      'SkartacniRizeni.SkartacniOperace': 'trvalé uložení',
      'SkartacniRizeni.Oduvodneni': 'Skartační řízení 2026',
      'SkartacniRizeni.Posuzovatel': 'Marie Spisová',
      'Seznam.Operace': 'vybrat za archiválii',
      disposalProposalId: proposal.id,
    });
    // Decided, it waits for its transfer or destruction: still neither lent nor returned.
    await refused(officer, LEND, { i: { entityId: e[6], borrowerName: 'Soud', dueOn: '2099-01-01' } }, 'CONFLICT');
    await refused(officer, RETURN, { e: e[6], r: 'Doplnění' }, 'CONFLICT');
    const second = await refused(officer, IMPORT, { id: proposal.id, x: seznamXml(decision) }, 'CONFLICT');
    expect(second.message).toMatch(/imported already/);

    // The slot is free again; what the archive decided is not proposed a second time.
    const next = (await ok(officer, OPEN, { y: 2026 })).openDisposalProposal;
    expect(next.entries).toEqual([]);
    const again = (await ok(officer, CANDIDATES, { y: 2026 })).disposalCandidates;
    expect(again.find((c: { item: { id: string } }) => c.item.id === e[6]).blocks).toEqual(['ALREADY_DECIDED']);
  });
});

describe('the Seznam fixture', () => {
  const xml = seznamXml(
    [
      { pid: 'MBKX0001', operation: 'vybrat za archiválii' },
      { pid: 'MBKX0002', operation: 'zničit' },
    ],
    { prefix: 'nsesss' },
  );

  it('is what parseSeznam reads', () => {
    expect(parseSeznam(xml)).toEqual({
      id: 'SR-2026-1',
      archive: 'SOkA Blansko',
      createdAt: '2026-11-30T10:00:00+01:00',
      entries: [
        { identifier: 'MBKX0001', source: 'ERMS Blansko', operation: 'vybrat za archiválii' },
        { identifier: 'MBKX0002', source: 'ERMS Blansko', operation: 'zničit' },
      ],
    });
  });

  // The official XSD: with xmllint and the catalog as validate.sh uses it, else with the JDK's Xerces (the engine
  // ZAF uses; javax.xml.validation, a single-file Java source, offline: nsesss-DA.xsd includes only local files).
  const has = (cmd: string, arg: string) => {
    try {
      execFileSync(cmd, [arg], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const engine = has('xmllint', '--version') ? 'xmllint' : has('java', '-version') ? 'java' : null;
  const XSD = '/work/shared/nsesss/xsd/nsesss/v4/nsesss-DA.xsd';
  const JAVA = `import java.io.File;
public class DaCheck {
  public static void main(String[] a) throws Exception {
    javax.xml.validation.Validator v = javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new File(a[0])).newValidator();
    try { v.validate(new javax.xml.transform.stream.StreamSource(new File(a[1]))); } catch (org.xml.sax.SAXException e) { System.err.println(e.getMessage()); System.exit(1); }
  }
}`;
  (engine ? it : it.skip)(
    `is valid against nsesss-DA.xsd (${engine ?? 'no validator installed'}), and one without Operace is not`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'seznam-'));
      writeFileSync(join(dir, 'DaCheck.java'), JAVA);
      const env = { ...process.env, XML_CATALOG_FILES: '/work/shared/nsesss/xsd/catalog.xml' };
      const check = (text: string) => {
        writeFileSync(join(dir, 's.xml'), text);
        try {
          if (engine === 'xmllint')
            execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, join(dir, 's.xml')], {
              env,
              stdio: 'pipe',
            });
          else
            execFileSync('java', [join(dir, 'DaCheck.java'), XSD, join(dir, 's.xml')], {
              stdio: 'pipe',
              timeout: 60_000,
            });
          return true;
        } catch {
          return false;
        }
      };
      expect(check(xml)).toBe(true);
      expect(check(seznamXml([{ pid: 'MBKX0001', operation: 'vybrat za archiválii' }]))).toBe(true);
      expect(check(seznamXml([{ pid: 'MBKX0001', operation: null }]))).toBe(false);
    },
  );
});
