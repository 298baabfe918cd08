// Destruction in filing, on SQLite and MariaDB: archives' Zniceni reaches the log ingest, which reduces the case file
// or document to its tombstone, deletes its rows, erases its bytes after commit (shared bytes kept, a failed erasure
// retried by the upload sweep) and files the run's destruction record. Entities are set up as rows; the events are
// shaped as archives' destroyDisposedEntities writes them (archives destruction.test.ts).
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  scopeToTenant,
  testCaller,
  testDatabaseKinds,
  type TenantCaller,
} from '@hub/kit';
import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { ingest } from '../audit-log/ingest';
import { LogEntry } from '../audit-log/log-entry.entity';
import { CaseFile } from '../case-files/case-file.entity';
import { LocalDiskBlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { sweepUploads } from '../components/upload-sweep';
import { Document } from '../documents/document.entity';
import { authorOf, newDocumentMetadata } from '../documents/metadata';
import { notYetHandled, ownDocumentContent } from '../documents/registration';
import { findActiveMainRegister } from '../registers/registers';
import { BlobErasure, Tombstone } from './tombstone.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const records = testCaller(BLANSKO.id, ['RECORDS_OFFICER'], 'mbk.records', randomUUID(), null);
const adamovRecords = testCaller(ADAMOV.id, ['RECORDS_OFFICER'], 'ouada.records', randomUUID(), null);
const handler = testCaller(BLANSKO.id, ['CASE_HANDLER'], 'mbk.handler', randomUUID(), BLANSKO.orgUnits[1].id);

const TOMBSTONE = `query($pid: String!) { tombstone(pid: $pid) { id kind pid caseFilePid referenceNumber registerName year title schedule decision
  disposalProposalId protocolReference destroyedAt destroyedByLogin documentCount componentCount components { sha256 size } destructionRecord { id referenceNumber } } }`;
const TOMBSTONES = `query($p: ID!) { tombstones(disposalProposalId: $p) { id kind pid caseFilePid } }`;
const READ = `query($d: ID!, $c: ID!, $s: String!) { document(id: $d) { id } caseFile(id: $c) { id } documents(filter: { subjectContains: $s }) { totalCount } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id } ... on CaseFile { id } } }`;

describe.each(testDatabaseKinds())('destruction in filing on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;
  const saved = process.env.HUB_BLOB_DIR;
  const em = (m = BLANSKO.id) => scopeToTenant(t.orm.em.fork(), m);
  let n = 5000;
  let sequence = 7_000_000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-destruction-'));
    // The ingest erases through the configured store.
    process.env.HUB_BLOB_DIR = dir;
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    process.env.HUB_BLOB_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => jest.restoreAllMocks());

  /** A closed document of `municipality` with one component of `text`. */
  async function document(
    text: string,
    opts: { caseFileId?: string; municipality?: typeof BLANSKO; subject?: string } = {},
  ): Promise<{ document: Document; component: Component }> {
    const m = opts.municipality ?? BLANSKO;
    const e = em(m.id);
    const main = (await findActiveMainRegister(e))!;
    const seq = n++;
    const author = m === BLANSKO ? handler : adamovRecords;
    const d = e.create(Document, {
      id: randomUUID(),
      municipalityId: m.id,
      registerId: main.id,
      pid: `${main.referencePrefix}D${seq}`,
      referenceNumber: `${main.referencePrefix} ${seq}/2020`,
      sequenceNumber: seq,
      year: 2020,
      registeredAt: new Date(),
      registeredById: author.userId,
      state: 'IN_RECORDS_OFFICE',
      ...ownDocumentContent(opts.subject ?? `Dokument ${seq}`),
      createdAt: new Date(),
      createdById: author.userId,
      ...notYetHandled(),
      handlerId: author.userId,
      orgUnitId: null,
      caseFileId: opts.caseFileId ?? null,
      caseFileInsertedAt: opts.caseFileId ? new Date() : null,
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: 2026,
      ...(await newDocumentMetadata(e, {})),
      ...authorOf(author as TenantCaller, null),
    });
    const blob = await store.put(Readable.from([Buffer.from(text)]), { maxBytes: 1000 });
    const c = e.create(Component, {
      id: randomUUID(),
      municipalityId: m.id,
      documentId: d.id,
      order: 1,
      version: 1,
      form: 'ORIGINAL_OUTPUT_FORMAT',
      fileName: `${seq}.pdf`,
      mediaType: 'application/pdf',
      size: blob.size,
      sha256: blob.key,
      blobKey: blob.key,
      createdAt: new Date(),
      createdById: author.userId,
    });
    await e.flush();
    return { document: d, component: c };
  }
  async function caseFile(texts: string[], subject: string) {
    const id = randomUUID();
    const docs = [];
    for (const text of texts) docs.push(await document(text, { caseFileId: id, subject }));
    const e = em();
    const c = e.create(CaseFile, {
      id,
      municipalityId: BLANSKO.id,
      pid: `MBKS${n++}`,
      referenceNumber: docs[0].document.referenceNumber!,
      title: subject,
      state: 'IN_RECORDS_OFFICE',
      initiatingDocumentId: docs[0].document.id,
      filingPlanNodeId: null,
      handlerId: handler.userId,
      orgUnitId: null,
      openedAt: new Date(),
      openedById: handler.userId,
      closedAt: new Date(),
      closedById: handler.userId,
      closedOn: '2020-12-01',
      triggerEventOn: null,
      disposalCode: 'S',
      retentionYears: 5,
      disposalYear: 2026,
      forecastKey: null,
      handOverListId: null,
    });
    await e.flush();
    return { caseFile: c, docs };
  }
  /** Archives' events of one destruction run: Zniceni per entity, then the proposal's closing Uprava. */
  function run(
    entities: { type: 'Spis' | 'Dokument'; id: string }[],
    proposalId = randomUUID(),
    municipality = BLANSKO,
    login = 'mbk.records',
  ) {
    const destructionId = randomUUID();
    const base = () => ({
      id: randomUUID(),
      municipalityId: municipality.id,
      sequence: sequence++,
      occurredAt: new Date().toISOString(),
      actorId: records.userId,
      actorLogin: login,
      actorName: 'Marie Spisová',
      description: null,
    });
    const common = [
      { name: 'protocolReference', old: null, new: 'MZA/55/2026' },
      { name: 'destructionId', old: null, new: destructionId },
    ];
    const events = [
      ...entities.map((x) => ({
        ...base(),
        eventType: 'Zniceni',
        objectType: x.type,
        objectId: x.id,
        changes: [
          { name: 'state', old: 'IN_RECORDS_OFFICE', new: 'DESTROYED' },
          { name: 'disposalProposalId', old: null, new: proposalId },
          { name: 'decision', old: null, new: 'DESTROY' },
          ...common,
        ],
      })),
      {
        ...base(),
        eventType: 'Uprava',
        objectType: 'SkartacniNavrh',
        objectId: proposalId,
        changes: [
          ...common,
          { name: 'destroyedCount', old: null, new: String(entities.length) },
          { name: 'year', old: null, new: '2026' },
        ],
      },
    ];
    return { events, destructionId, proposalId };
  }
  const ok = async (caller: typeof records, query: string, variables: Record<string, unknown>) => {
    const res = await t.run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };

  it('reduces a case file to tombstones, erases its bytes but keeps shared ones, files the record, and nothing of it reads afterwards', async () => {
    const { caseFile: c, docs } = await caseFile(
      ['only in this case file', 'shared with Adamov'],
      'Kácení dřevin Lipovec',
    );
    const adamov = await document('shared with Adamov', { municipality: ADAMOV });
    const kept = await document('a document that stays', { subject: 'Kácení dřevin jinde' });
    const [uniqueKey, sharedKey] = docs.map((d) => d.component.blobKey);
    expect(await store.exists(uniqueKey)).toBe(true);

    const r = run([{ type: 'Spis', id: c.id }]);
    expect(await ingest(t.orm, 'archives', r.events)).toBe(2);

    // Rows gone, bytes erased unless another component (here Adamov's) has the same hash.
    expect(await em().findOne(CaseFile, { id: c.id })).toBeNull();
    expect(await em().count(Document, { id: { $in: docs.map((d) => d.document.id) } })).toBe(0);
    expect(await em().count(Component, { documentId: { $in: docs.map((d) => d.document.id) } })).toBe(0);
    expect(await store.exists(uniqueKey)).toBe(false);
    expect(await store.exists(sharedKey)).toBe(true);
    expect(await t.orm.em.fork().count(BlobErasure, {}, { filters: false })).toBe(0);
    expect(await em(ADAMOV.id).count(Component, { id: adamov.component.id })).toBe(1);

    // The tombstones: the case file and each of its documents.
    const stone = (await ok(records, TOMBSTONE, { pid: c.pid })).tombstone;
    expect(stone).toMatchObject({
      id: c.id,
      kind: 'CASE_FILE',
      pid: c.pid,
      caseFilePid: null,
      referenceNumber: c.referenceNumber,
      registerName: expect.any(String),
      year: 2020,
      title: 'Kácení dřevin Lipovec',
      schedule: 'S/5',
      decision: 'DESTROY',
      disposalProposalId: r.proposalId,
      protocolReference: 'MZA/55/2026',
      destroyedByLogin: 'mbk.records',
      documentCount: 2,
      componentCount: 2,
    });
    expect(stone.components.map((x: any) => x.sha256).sort()).toEqual([uniqueKey, sharedKey].sort());
    expect((await ok(records, TOMBSTONE, { pid: docs[1].document.pid })).tombstone).toMatchObject({
      kind: 'DOCUMENT',
      caseFilePid: c.pid,
      componentCount: 1,
    });
    expect((await ok(records, TOMBSTONES, { p: r.proposalId })).tombstones.map((x: any) => x.pid)).toEqual([
      c.pid,
      ...docs.map((d) => d.document.pid).sort(),
    ]);

    // The destruction record: a document of the main register under the run's id, its XML listing what was destroyed.
    expect(stone.destructionRecord).toMatchObject({
      id: r.destructionId,
      referenceNumber: expect.stringMatching(/^MBK \d+\/\d{4}$/),
    });
    const record = await em().findOneOrFail(Document, { id: r.destructionId });
    expect(record.subject).toContain('Záznam o zničení');
    const [xmlComponent] = await em().find(Component, { documentId: record.id });
    expect(xmlComponent).toMatchObject({ mediaType: 'application/xml', order: 1 });
    const chunks: Buffer[] = [];
    for await (const chunk of store.open(xmlComponent.blobKey)) chunks.push(chunk as Buffer);
    const xml = Buffer.concat(chunks).toString('utf8');
    for (const pid of [c.pid!, ...docs.map((d) => d.document.pid)]) expect(xml).toContain(`pid="${pid}"`);
    expect(xml).toContain(`sha256="${uniqueKey}"`);
    expect(xml).toContain('protokol="MZA/55/2026"');

    // The log: the case file's Zniceni under its PID; filing's own for its documents.
    const logged = await em().findOneOrFail(LogEntry, { eventType: 'Zniceni', objectId: c.id });
    expect(logged.objectPid).toBe(c.pid);
    expect((await em().find(AuditEvent, { eventType: 'Zniceni' })).map((x) => x.objectId).sort()).toEqual(
      docs.map((d) => d.document.id).sort(),
    );

    // Nothing of it can be read or found: by id, in lists and search, through _entities. The kept document still is.
    const read = await ok(records, READ, { d: docs[0].document.id, c: c.id, s: 'Lipovec' });
    expect(read).toEqual({ document: null, caseFile: null, documents: { totalCount: 0 } });
    expect((await ok(records, READ, { d: kept.document.id, c: c.id, s: 'dřevin' })).documents.totalCount).toBe(1);
    const entities = await ok(records, ENTITIES, {
      r: [
        { __typename: 'Document', id: docs[0].document.id },
        { __typename: 'CaseFile', id: c.id },
      ],
    });
    expect(entities._entities).toEqual([null, null]);

    // Sent again: nothing more happens.
    expect(await ingest(t.orm, 'archives', r.events)).toBe(0);
    expect(await em().count(Tombstone, { disposalProposalId: r.proposalId })).toBe(3);
    expect(await em().count(Document, { id: r.destructionId })).toBe(1);

    // Another municipality sees none of it.
    expect((await ok(adamovRecords, TOMBSTONE, { pid: c.pid })).tombstone).toBeNull();
    expect((await ok(adamovRecords, TOMBSTONES, { p: r.proposalId })).tombstones).toEqual([]);
    // And a handler (no records office role) reads no tombstone.
    expect((await t.run(handler, TOMBSTONE, { pid: c.pid })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("keeps a failed erasure queued and the upload sweep retries it; another municipality's Zniceni touches nothing of ours", async () => {
    const lone = await document('bytes whose erasure fails once');
    const key = lone.component.blobKey;
    const discard = jest.spyOn(LocalDiskBlobStore.prototype, 'discard').mockRejectedValueOnce(new Error('disk gone'));
    const r = run([{ type: 'Dokument', id: lone.document.id }]);
    await ingest(t.orm, 'archives', r.events);
    expect(discard).toHaveBeenCalled();
    expect(await em().findOne(Document, { id: lone.document.id })).toBeNull();
    expect(await store.exists(key)).toBe(true);
    const [queued] = await t.orm.em.fork().find(BlobErasure, { blobKey: key }, { filters: false });
    expect(queued).toMatchObject({ attempts: 1, lastError: 'disk gone' });

    await sweepUploads(t.orm, store);
    expect(await store.exists(key)).toBe(false);
    expect(await t.orm.em.fork().count(BlobErasure, {}, { filters: false })).toBe(0);
    expect((await ok(records, TOMBSTONE, { pid: lone.document.pid })).tombstone).toMatchObject({
      kind: 'DOCUMENT',
      caseFilePid: null,
      componentCount: 1,
    });

    // Adamov's events naming Blansko's document: the tenant filter hides it, nothing is destroyed.
    const mine = await document('Blansko keeps this');
    const foreign = run([{ type: 'Dokument', id: mine.document.id }], randomUUID(), ADAMOV, 'ouada.records');
    await ingest(t.orm, 'archives', foreign.events);
    expect(await em().count(Document, { id: mine.document.id })).toBe(1);
    expect(await store.exists(mine.component.blobKey)).toBe(true);
    expect(await t.orm.em.fork().count(Tombstone, { entityId: mine.document.id }, { filters: false })).toBe(0);
    // Nor does a Zniceni from another source than archives.
    await ingest(t.orm, 'users', run([{ type: 'Dokument', id: mine.document.id }]).events);
    expect(await em().count(Document, { id: mine.document.id })).toBe(1);
  });
});
