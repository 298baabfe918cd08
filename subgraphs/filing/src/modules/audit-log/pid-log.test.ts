// The transaction log names documents and case files by their PIDs (issue 10 item 6), on SQLite and MariaDB: a case
// file's life (open, close, hand over, take over by the records office) under its PID, provedlKdo with name and
// role, the per-object export logged as Export, the exports valid with `validate.sh --strict tp`; case files' PIDs
// at opening and from the data upgrade; the demo plan's creation in the log.
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  RECORDS_OFFICE_STATE_CHANGE,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type Caller,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';
import { notYetHandled, ownDocumentContent } from '../documents/registration';
import { DEMO_PLAN_INNER, DEMO_PLAN_LEAVES, demoNodeId, demoPlanId } from '../filing-plans/demo-plan';
import { generatePid } from '../registers/pid';
import { findActiveMainRegister } from '../registers/registers';
import { prepareExport } from './export';
import { ingest } from './ingest';
import { LogEntry } from './log-entry.entity';
import { assertValidTp } from './tp-validator';
import { writeSystemLog } from './xml';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const UNIT = BLANSKO.orgUnits[1].id;
const uid = () => randomUUID();
const named = (c: Caller, name: string): Caller => ({ ...c, name });
const handler = named(testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler', uid(), UNIT), 'Jana Nováková');
const records = named(testCaller(BLANSKO.id, ['RECORDS_OFFICER'], 'mbk.records', uid(), null), 'Petr Skladník');
const auditor = named(
  testCaller(BLANSKO.id, ['AUDITOR', 'RECORDS_MANAGER'], 'mbk.auditor', uid(), null),
  'Eva Kontrolní',
);

/** The Crockford form of a case file's PID: Blansko's abbreviation, `S`, 8 characters. */
const CASE_FILE_PID = /^MBKS[0-9A-HJKMNP-TV-Z]{8}$/;

const OPEN = `mutation($i: OpenCaseFileInput!) { openCaseFile(input: $i) { caseFile { id pid } } }`;
const CLOSE = `mutation($id: ID!) { closeCaseFile(id: $id) { caseFile { id state pid } } }`;
const HAND_OVER = `mutation($i: HandOverToRecordsOfficeInput!) { handOverToRecordsOffice(input: $i) { handOverList { id } } }`;
const LOG = `query($f: AuditLogFilter) { auditLog(filter: $f, first: 500) { totalCount edges { node {
  poradi eventType objectType objectId objectIdentifier objectSource actorLogin actorName actorRoles provedlKdo source } } } }`;
const OBJECT_XML = 'query($id: ID!) { auditLogObjectXml(objectId: $id) }';

describe.each(testDatabaseKinds())('the transaction log by PID on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const em = () => scopeToTenant(t.orm.em.fork(), BLANSKO.id);
  let archivesSequence = 1;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    // As at a start: the append-only triggers of the log in place.
    await filing.upgradeData!(t.orm);
  });
  afterAll(() => t?.dispose());

  /** What the outbox relay does: filing's own audit events into the log (already-shipped ones are skipped). */
  async function shipFiling(): Promise<void> {
    const events = await t.orm.em.fork().find(AuditEvent, {}, { filters: false, orderBy: { sequence: 'asc' } });
    await ingest(t.orm, 'filing', events);
  }

  /** A settled document classified under 616 (S/5), with a PID as registration gives it. */
  async function settledDocument(): Promise<Document> {
    const e = em();
    const main = (await findActiveMainRegister(e))!;
    const seq = 5000 + archivesSequence++;
    const d = e.create(Document, {
      id: uid(),
      municipalityId: BLANSKO.id,
      registerId: main.id,
      pid: generatePid('MBK'),
      referenceNumber: `MBK ${seq}/2026`,
      sequenceNumber: seq,
      year: 2026,
      registeredAt: new Date('2026-03-02T08:00:00Z'),
      registeredById: handler.userId,
      state: 'SETTLED',
      ...ownDocumentContent(`Stížnost ${seq}`),
      createdAt: new Date('2026-03-02T08:00:00Z'),
      createdById: handler.userId,
      ...notYetHandled(),
      handlerId: handler.userId,
      orgUnitId: UNIT,
      settlementMethod: 'DOCUMENT',
      settledOn: '2026-06-01',
      settledById: handler.userId,
      settlementRecordedAt: new Date('2026-06-01T10:00:00Z'),
      filingPlanNodeId: demoNodeId('MBK', '616'),
    });
    await e.flush();
    return d;
  }

  const log = async (filter: Record<string, unknown>) => {
    const res = await t.run(auditor, LOG, { f: filter });
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node) as Record<string, any>[];
  };

  it("shows a case file's whole life under its PID, with who acted by name and role, in exports that validate strictly", async () => {
    const document = await settledDocument();
    const opened = await t.run(handler, OPEN, {
      i: { initiatingDocumentId: document.id, title: 'Stížnost na hluk', filingPlanNodeId: demoNodeId('MBK', '616') },
    });
    expect(opened.errors).toBeUndefined();
    const { id, pid } = opened.data!.openCaseFile.caseFile;
    expect(pid).toMatch(CASE_FILE_PID);
    expect((await em().findOneOrFail(CaseFile, { id })).pid).toBe(pid);

    const closed = await t.run(handler, CLOSE, { id });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCaseFile.caseFile).toMatchObject({ state: 'CLOSED', pid });
    const handed = await t.run(handler, HAND_OVER, { i: { caseFileIds: [id] } });
    expect(handed.errors).toBeUndefined();
    await shipFiling();
    // The records office (archives) takes it over: its event carries filing's case file id, filing maps it to the PID.
    await ingest(t.orm, 'archives', [
      {
        id: uid(),
        municipalityId: BLANSKO.id,
        sequence: archivesSequence++,
        occurredAt: new Date().toISOString(),
        actorId: records.userId,
        actorLogin: records.login,
        actorName: records.name,
        actorRoles: records.roles.join(','),
        eventType: 'PrevzetiNaSpisovnu',
        objectType: 'Spis',
        objectId: id,
        description: 'Převzato do spisovny',
        changes: [{ name: RECORDS_OFFICE_STATE_CHANGE, old: 'HANDED_TO_RECORDS_OFFICE', new: 'IN_RECORDS_OFFICE' }],
      },
    ]);
    expect((await em().findOneOrFail(CaseFile, { id })).state).toBe('IN_RECORDS_OFFICE');

    // Every step, found by the PID and by the raw id alike, names the case file by its PID.
    const byPid = await log({ objectId: pid });
    expect(byPid.map((e) => e.eventType)).toEqual(['Zalozeni', 'Uzavreni', 'PredaniNaSpisovnu', 'PrevzetiNaSpisovnu']);
    expect(await log({ objectId: id })).toEqual(byPid);
    for (const e of byPid)
      expect(e).toMatchObject({
        objectType: 'Spis',
        objectId: id,
        objectIdentifier: pid,
        objectSource: 'cz.blansko.essl.MBK',
      });
    expect(byPid[0]).toMatchObject({
      actorLogin: 'mbk.handler',
      actorName: 'Jana Nováková',
      actorRoles: ['CASE_HANDLER'],
      provedlKdo: 'mbk.handler (Jana Nováková; zpracovatel)',
      source: 'filing',
    });
    expect(byPid[3]).toMatchObject({
      actorName: 'Petr Skladník',
      provedlKdo: 'mbk.records (Petr Skladník; spisovna)',
      source: 'archives',
    });
    // The initiating document: under its own PID.
    const documentLog = await log({ objectId: document.pid });
    expect(documentLog.length).toBeGreaterThan(0);
    for (const e of documentLog)
      expect(e).toMatchObject({ objectType: 'Dokument', objectId: document.id, objectIdentifier: document.pid });

    // The object's own log: the PID in the header, name and role in provedlKdo, valid; and the export is logged.
    const res = await t.run(auditor, OBJECT_XML, { id: pid });
    expect(res.errors).toBeUndefined();
    const xml: string = res.data!.auditLogObjectXml;
    expect(await assertValidTp(xml, 'case file log', { strict: true })).toBe('pass');
    expect(xml).toContain(
      `<tp:Objekt><tp:TypObjektu><tp:TypObjektuId>Spis</tp:TypObjektuId></tp:TypObjektu><tp:Identifikator><tp:HodnotaID>${pid}</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID></tp:Identifikator></tp:Objekt>`,
    );
    expect(xml).not.toContain(id);
    expect(xml).toContain('<tp:provedlKdo>mbk.handler (Jana Nováková; zpracovatel)</tp:provedlKdo>');
    expect(xml).toContain('<tp:provedlKdo>mbk.records (Petr Skladník; spisovna)</tp:provedlKdo>');
    expect([...xml.matchAll(/<tp:TypUdalostiId>(\w+)<\/tp:TypUdalostiId>/g)].map((m) => m[1])).toEqual(
      byPid.map((e) => e.eventType),
    );
    const exported = await em().find(AuditEvent, { objectId: id, eventType: 'Export' });
    expect(exported.map((e) => [e.objectType, e.actorLogin, e.actorName, e.actorRoles])).toEqual([
      ['Spis', 'mbk.auditor', 'Eva Kontrolní', 'AUDITOR,RECORDS_MANAGER'],
    ]);
    await shipFiling();
    expect((await log({ objectId: pid, eventType: 'Export' })).map((e) => [e.objectIdentifier, e.provedlKdo])).toEqual([
      [pid, 'mbk.auditor (Eva Kontrolní; auditor, správce spisové služby)'],
    ]);

    // The whole log of the period: every Objekt of the case file is its PID, and the document validates strictly.
    const chunks: string[] = [];
    const prepared = await prepareExport(
      em(),
      { ...auditor, municipalityId: BLANSKO.id },
      { from: new Date('2000-01-01T00:00:00Z'), to: new Date(Date.now() + 60_000) },
      new Date(),
    );
    await writeSystemLog((c) => void chunks.push(c), prepared.header, prepared.entries);
    const system = chunks.join('');
    expect(await assertValidTp(system, 'system log', { strict: true })).toBe('pass');
    const caseFileObjects = [
      ...system.matchAll(
        /<tp:TypObjektuId>Spis<\/tp:TypObjektuId><\/tp:TypObjektu><tp:Identifikator><tp:HodnotaID>([^<]+)<\/tp:HodnotaID>/g,
      ),
    ].map((m) => m[1]);
    expect(caseFileObjects.filter((v) => v === pid)).toHaveLength(byPid.length + 1);
    expect(caseFileObjects).not.toContain(id);
  });

  it('gives case files from before PIDs one by the data upgrade, once, with its Uprava event; the log then names them by it', async () => {
    const document = await settledDocument();
    const e = em();
    const legacy = e.create(CaseFile, {
      id: uid(),
      municipalityId: BLANSKO.id,
      pid: null,
      referenceNumber: document.referenceNumber!,
      title: 'Starý spis',
      state: 'OPEN',
      initiatingDocumentId: document.id,
      filingPlanNodeId: null,
      handlerId: handler.userId,
      orgUnitId: UNIT,
      openedAt: new Date(),
      openedById: handler.userId,
      closedAt: null,
      closedById: null,
      closedOn: null,
      triggerEventOn: null,
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
      forecastKey: null,
      handOverListId: null,
    });
    await e.flush();
    // Written before the upgrade: the log keeps the raw id (no PID to resolve).
    await ingest(t.orm, 'archives', [
      {
        id: uid(),
        municipalityId: BLANSKO.id,
        sequence: archivesSequence++,
        occurredAt: new Date().toISOString(),
        actorLogin: 'mbk.records',
        eventType: 'Uprava',
        objectType: 'Spis',
        objectId: legacy.id,
        description: null,
        changes: [],
      },
    ]);
    expect((await log({ objectId: legacy.id })).map((x) => x.objectIdentifier)).toEqual([legacy.id]);

    // The mark of an earlier run in this database (the other suites' starts) must not hide the new row.
    await t.orm.em.getKnex()('sequence_counter').where({ name: 'upgrade:case-file-pid-1' }).delete();
    await filing.upgradeData!(t.orm);
    const upgraded = await em().findOneOrFail(CaseFile, { id: legacy.id });
    expect(upgraded.pid).toMatch(CASE_FILE_PID);
    const events = await em().find(AuditEvent, { objectId: legacy.id });
    expect(events.map((x) => [x.eventType, x.actorLogin, x.changes])).toEqual([
      ['Uprava', 'system', [{ name: 'pid', old: null, new: upgraded.pid }]],
    ]);
    // Idempotent: a rerun (mark gone or not) changes nothing and writes nothing.
    await filing.upgradeData!(t.orm);
    await t.orm.em.getKnex()('sequence_counter').where({ name: 'upgrade:case-file-pid-1' }).delete();
    await filing.upgradeData!(t.orm);
    expect((await em().findOneOrFail(CaseFile, { id: legacy.id })).pid).toBe(upgraded.pid);
    expect(await em().count(AuditEvent, { objectId: legacy.id })).toBe(1);
    expect(await em().count(CaseFile, { pid: null })).toBe(0);

    await shipFiling();
    const entries = await log({ objectId: upgraded.pid });
    // The upgrade's own event is the first under the PID; the object log finds the older entry by the raw id too.
    expect(entries.map((x) => [x.eventType, x.objectIdentifier])).toEqual([['Uprava', upgraded.pid]]);
    const legacyXml = await t.run(auditor, OBJECT_XML, { id: legacy.id });
    expect(legacyXml.errors).toBeUndefined();
    const xml: string = legacyXml.data!.auditLogObjectXml;
    expect(xml).toContain(`<tp:HodnotaID>${upgraded.pid}</tp:HodnotaID>`);
    expect(await assertValidTp(xml, 'legacy case file log', { strict: true })).toBe('pass');
  });

  it("has the demo plan's creation in the log: the plan and every node", async () => {
    await shipFiling();
    const planEntries = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(LogEntry, {
      objectId: demoPlanId('MBK'),
    });
    expect(planEntries.map((e) => [e.eventType, e.objectType])).toEqual([['Zalozeni', 'SpisovyPlan']]);
    const codes = [...DEMO_PLAN_INNER.map(([c]) => c), ...DEMO_PLAN_LEAVES.map(([c]) => c)];
    const nodeEntries = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).find(LogEntry, {
      objectId: { $in: codes.map((c) => demoNodeId('MBK', c)) },
    });
    expect(
      nodeEntries
        .filter((e) => e.eventType === 'Zalozeni' && e.objectType === 'VecnaSkupina')
        .map((e) => e.objectId)
        .sort(),
    ).toEqual(codes.map((c) => demoNodeId('MBK', c)).sort());
    // Each after the plan's, all by the system, written by the seed itself (the data upgrade's catch-up for plans
    // seeded before says so in its description).
    for (const e of nodeEntries) {
      expect([e.poradi > planEntries[0].poradi, e.actorLogin, e.description?.startsWith('Demo data: ')]).toEqual([
        true,
        'system',
        true,
      ]);
    }
  });
});
