// The transfer to the archive (přejímka, issue 11 item 5) in the archives subgraph, through its schema, on SQLite and
// MariaDB: the archive's confirmation (its nsesss-DA Seznam with IdentifikatorDA) of a decided proposal, every
// refusal code per entity with nothing half-applied, a subset and then the rest, the Prenos events that carry the
// custody change to filing, the transfer package's path, and another municipality kept out. Filing is faked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { DisposalProposal, DisposalProposalEntry } from './modules/disposal/disposal-proposal.entity';
import { parseSeznam } from './modules/disposal/decision';
import { seznamXml, transferSeznamXml } from './modules/disposal/seznam-fixture';
import { RecordsOfficeItem } from './modules/records-office/records-office-item.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0].id;
const ADAMOV = DEMO_MUNICIPALITIES[1].id;
const officer: Caller = { ...testCaller(BLANSKO, [Role.RECORDS_OFFICER], 'mbk.records'), name: 'Marie Spisová' };
const manager = testCaller(BLANSKO, [Role.RECORDS_MANAGER], 'mbk.manager');
const adamovOfficer = testCaller(ADAMOV, [Role.RECORDS_OFFICER], 'ouada.records');

const lists: Record<string, Record<string, unknown>> = {};
const filed: Record<string, Record<string, unknown>> = {};
const peers = fakePeers({ RecordsHandOver: lists, CaseFile: filed, Document: filed, User: {} });

/** Due case files (and one lone document) taken over later: a hand-over list in the fake filing, with their PIDs. */
function handOverList(kinds: ('CASE_FILE' | 'DOCUMENT')[]): { listId: string; ids: string[]; pids: string[] } {
  const listId = randomUUID();
  const entries = kinds.map((kind, i) => {
    const id = randomUUID();
    filed[id] = { id, pid: `MBKT${id.slice(0, 8)}` };
    return {
      kind,
      id,
      state: 'HANDED_TO_RECORDS_OFFICE',
      referenceNumber: `MBK ${i + 1}/${listId.slice(0, 4)}`,
      title: `Spis ${i + 1}`,
      fullFilingCode: '616',
      year: 2020,
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: 2026,
      sortKey: `616-${listId}-${i}`,
      documentIds: [],
    };
  });
  lists[listId] = { id: listId, entries };
  return { listId, ids: entries.map((e) => e.id), pids: entries.map((e) => filed[e.id].pid as string) };
}

const TAKE = `mutation($id: ID!) { takeOverHandOverList(handOverListId: $id) { id } }`;
const OPEN = `mutation($y: Int!) { openDisposalProposal(year: $y) { id entries { item { id } pid } } }`;
const SUBMIT = `mutation($id: ID!) { submitDisposalProposal(id: $id) { id } }`;
const IMPORT = `mutation($id: ID!, $x: String!) { importDisposalDecision(proposalId: $id, xml: $x) { id state } }`;
const CONFIRM = `mutation($id: ID!, $x: String!) { recordTransferConfirmation(proposalId: $id, xml: $x) {
  id state entries { item { id state } decision transferConfirmedAt transferPackagePath } } }`;
const PROPOSAL = `query($id: ID!) { disposalProposal(id: $id) { id entries { item { id state } transferConfirmedAt transferPackagePath } } }`;

interface Problem {
  identifier: string | null;
  code?: string;
  reason: string;
}

describe.each(testDatabaseKinds())('transfer to the archive on %s', (kind) => {
  let t: TestSubgraph<ArchivesContext>;
  const run = (caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    t.run(caller, query, variables);
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const res = await run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  /** Every row the transfer may write or change, in both municipalities. */
  const written = async () => {
    const em = t.orm.em.fork();
    const events = await em.count(AuditEvent, {}, { filters: false });
    const confirmed = await em.count(DisposalProposalEntry, { transferConfirmedAt: { $ne: null } }, { filters: false });
    const states = (await em.find(RecordsOfficeItem, {}, { filters: false, orderBy: { id: 'asc' } })).map(
      (i) => i.state,
    );
    const proposals = (await em.find(DisposalProposal, {}, { filters: false, orderBy: { id: 'asc' } })).map(
      (p) => p.state,
    );
    return [events, confirmed, states, proposals];
  };
  const refused = async (caller: Caller, variables: Record<string, unknown>, code: string) => {
    const before = await written();
    const res = await run(caller, CONFIRM, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await written()).toEqual(before);
    return res.errors![0] as { message: string; extensions: { code: string; problems?: Problem[] } };
  };
  const blansko = () => scopeToTenant(t.orm.em.fork(), BLANSKO);

  beforeAll(async () => {
    t = await startTestSubgraph(archives, kind, { peers });
  });
  afterAll(() => t?.dispose());

  it('confirms kept entities in parts, refuses whole lists with a code per entity, and keeps other municipalities out', async () => {
    // 0–2 kept case files, 3 a lone document to be destroyed, 4 kept but later returned (a manual repair).
    const { listId, ids: e, pids } = handOverList(['CASE_FILE', 'CASE_FILE', 'CASE_FILE', 'DOCUMENT', 'CASE_FILE']);
    await ok(officer, TAKE, { id: listId });
    const proposal = (await ok(officer, OPEN, { y: 2026 })).openDisposalProposal;
    expect(proposal.entries).toHaveLength(5);
    const confirm = (entities: { pid: string; archiveId: string | null }[], id = 'PR-2026-1') => ({
      id: proposal.id,
      x: transferSeznamXml(entities, { id }),
    });

    // Not before the archive has decided: open, then submitted, it is CONFLICT.
    await refused(officer, confirm([{ pid: pids[0], archiveId: 'NDA-1' }]), 'CONFLICT');
    await ok(officer, SUBMIT, { id: proposal.id });
    await refused(officer, confirm([{ pid: pids[0], archiveId: 'NDA-1' }]), 'CONFLICT');
    await ok(officer, IMPORT, {
      id: proposal.id,
      x: seznamXml(pids.map((pid, i) => ({ pid, operation: i === 3 ? 'zničit' : 'vybrat za archiválii' }))),
    });

    // A later proposal of the same municipality holds another entity: "not in this proposal".
    const later = handOverList(['CASE_FILE']);
    await ok(officer, TAKE, { id: later.listId });
    const second = (await ok(officer, OPEN, { y: 2026 })).openDisposalProposal;
    expect(second.entries.map((x: { pid: string }) => x.pid)).toEqual(later.pids);

    await blansko().nativeUpdate(RecordsOfficeItem, { id: e[4] }, { state: 'RETURNED' });
    await refused(manager, confirm([{ pid: pids[0], archiveId: 'NDA-1' }]), 'FORBIDDEN');
    await refused(officer, { id: randomUUID(), x: confirm([{ pid: pids[0], archiveId: 'NDA-1' }]).x }, 'NOT_FOUND');
    await refused(officer, { id: proposal.id, x: '<Seznam' }, 'BAD_USER_INPUT');

    // Every refusal at once, beside an entity that would do: the whole list is refused, each with its code.
    const all = await refused(
      officer,
      confirm([
        { pid: pids[0], archiveId: 'NDA-1' }, // fine on its own
        { pid: 'MBKTNEZNAMY', archiveId: 'NDA-9' },
        { pid: later.pids[0], archiveId: 'NDA-8' },
        { pid: pids[3], archiveId: 'NDA-3' },
        { pid: pids[4], archiveId: 'NDA-4' },
        { pid: pids[1], archiveId: null },
        { pid: pids[2], archiveId: 'NDA-2' },
        { pid: pids[2], archiveId: 'NDA-2' },
      ]),
      'BAD_USER_INPUT',
    );
    expect(all.extensions.problems!.map((p) => [p.identifier, p.code])).toEqual([
      ['MBKTNEZNAMY', 'UNKNOWN_IDENTIFIER'],
      [later.pids[0], 'NOT_IN_PROPOSAL'],
      [pids[3], 'NOT_KEPT'],
      [pids[4], 'NOT_IN_RECORDS_OFFICE'],
      [pids[1], 'NO_ARCHIVE_IDENTIFIER'],
      [pids[2], 'NAMED_TWICE'],
    ]);
    expect(all.extensions.problems!.every((p) => p.reason.length > 0)).toBe(true);

    // Another municipality neither sees nor confirms it; its own PIDs of Blansko's are unknown to it.
    expect((await ok(adamovOfficer, PROPOSAL, { id: proposal.id })).disposalProposal).toBeNull();
    await refused(adamovOfficer, confirm([{ pid: pids[0], archiveId: 'NDA-1' }]), 'NOT_FOUND');

    // A subset: the first kept case file. Its transferConfirmedAt, TRANSFERRED, the Prenos with the custody change.
    const first = (await ok(officer, CONFIRM, confirm([{ pid: pids[0], archiveId: 'NDA-1' }])))
      .recordTransferConfirmation;
    const byId = (xs: { item: { id: string; state: string } }[]) => Object.fromEntries(xs.map((x) => [x.item.id, x]));
    const after1 = byId(first.entries);
    expect(first.state).toBe('DECIDED');
    expect(after1[e[0]]).toMatchObject({
      item: { state: 'TRANSFERRED' },
      transferConfirmedAt: expect.any(String),
      transferPackagePath: `/exports/sip?id=${e[0]}&profile=components`,
    });
    expect(after1[e[1]]).toMatchObject({
      item: { state: 'IN_RECORDS_OFFICE' },
      transferConfirmedAt: null,
      transferPackagePath: `/exports/sip?id=${e[1]}&profile=components`,
    });
    // What the archive let destroy has no transfer package.
    expect(after1[e[3]]).toMatchObject({ decision: 'DESTROY', transferConfirmedAt: null, transferPackagePath: null });
    const prenos = await blansko().find(AuditEvent, { eventType: 'Prenos' });
    expect(prenos.map((x) => [x.objectType, x.objectId])).toEqual([['Spis', e[0]]]);
    expect(prenos[0].changes).toEqual([
      { name: RECORDS_OFFICE_STATE_CHANGE, old: 'IN_RECORDS_OFFICE', new: 'TRANSFERRED' },
      { name: 'IdentifikatorDA', old: null, new: 'NDA-1 (NDA)' },
      { name: 'transferListId', old: null, new: 'PR-2026-1' },
      { name: 'disposalProposalId', old: null, new: proposal.id },
    ]);
    const upd = await blansko().find(AuditEvent, {
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposal.id,
      description: { $like: '%confirmed the transfer%' },
    });
    expect(upd).toHaveLength(1);
    expect(upd[0].description).toContain('3 kept entities await theirs');

    // Named again: ALREADY_TRANSFERRED, and nothing else of that list applies.
    const again = await refused(
      officer,
      confirm(
        [
          { pid: pids[1], archiveId: 'NDA-2' },
          { pid: pids[0], archiveId: 'NDA-1' },
        ],
        'PR-2026-2',
      ),
      'BAD_USER_INPUT',
    );
    expect(again.extensions.problems!.map((p) => [p.identifier, p.code])).toEqual([[pids[0], 'ALREADY_TRANSFERRED']]);

    // The archive has it now: the records office can no longer shelve it, take it out of its box or give it back.
    const box = (
      await ok(officer, `mutation { createStorageUnit(input: { kind: BUILDING, name: "Archivní budova" }) { id } }`)
    ).createStorageUnit;
    for (const step of [
      `placeInStorageUnit(entityId: "${e[0]}", storageUnitId: "${box.id}") { id }`,
      `removeFromStorageUnit(entityId: "${e[0]}") { id }`,
      `returnFromRecordsOffice(entityId: "${e[0]}", reason: "Omylem") { id }`,
    ]) {
      const before = await written();
      const res = await run(officer, `mutation { ${step} }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await written()).toEqual(before);
    }

    // A second confirmation takes the rest that is in the records office.
    const rest = (
      await ok(
        officer,
        CONFIRM,
        confirm(
          [
            { pid: pids[1], archiveId: 'NDA-2' },
            { pid: pids[2], archiveId: 'NDA-3' },
          ],
          'PR-2026-2',
        ),
      )
    ).recordTransferConfirmation;
    const after2 = byId(rest.entries);
    for (const i of [0, 1, 2]) expect(after2[e[i]].item.state).toBe('TRANSFERRED');
    expect(after2[e[3]].item.state).toBe('IN_RECORDS_OFFICE');
    expect(
      (await blansko().find(AuditEvent, { eventType: 'Prenos' }, { orderBy: { sequence: 'asc' } })).map(
        (x) => x.objectId,
      ),
    ).toEqual([e[0], e[1], e[2]]);
    expect(
      await t.orm.em.fork().count(AuditEvent, { eventType: 'Prenos', municipalityId: ADAMOV }, { filters: false }),
    ).toBe(0);
  });
});

describe('the transfer Seznam fixture', () => {
  const xml = transferSeznamXml([{ pid: 'MBKX0001', archiveId: 'NDA-0001' }], { prefix: 'nsesss' });

  it('is what parseSeznam reads: IdentifikatorDA, no Operace', () => {
    expect(parseSeznam(xml).entries).toEqual([
      {
        identifier: 'MBKX0001',
        source: 'ERMS Blansko',
        operation: null,
        archiveIdentifier: { value: 'NDA-0001', source: 'NDA' },
      },
    ]);
  });

  const has = (cmd: string, arg: string) => {
    try {
      execFileSync(cmd, [arg], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  // The official XSD with xmllint and the catalog, as validate.sh and disposal.test.ts use them.
  (has('xmllint', '--version') ? it : it.skip)('is valid against nsesss-DA.xsd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prejimka-'));
    const check = (text: string) => {
      writeFileSync(join(dir, 's.xml'), text);
      try {
        execFileSync(
          'xmllint',
          ['--noout', '--nonet', '--schema', '/work/shared/nsesss/xsd/nsesss/v4/nsesss-DA.xsd', join(dir, 's.xml')],
          {
            env: { ...process.env, XML_CATALOG_FILES: '/work/shared/nsesss/xsd/catalog.xml' },
            stdio: 'pipe',
          },
        );
        return true;
      } catch {
        return false;
      }
    };
    expect(check(xml)).toBe(true);
    expect(
      check(
        transferSeznamXml([
          { pid: 'MBKX0001', archiveId: 'NDA-1' },
          { pid: 'MBKX0002', archiveId: null },
        ]),
      ),
    ).toBe(true);
    // IdentifikatorDA and Operace are a choice: both at once is not a Seznam.
    expect(
      check(
        xml.replace('</nsesss:IdentifikatorDA>', '</nsesss:IdentifikatorDA><nsesss:Operace>zničit</nsesss:Operace>'),
      ),
    ).toBe(false);
  });
});
