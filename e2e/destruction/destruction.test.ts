// Issue 11 item 6 through the gateway: three closed case files of Blansko in the records office are proposed, the
// archive keeps one and approves two for destruction; nothing is destroyed until the kept one's transfer is confirmed (recordTransferConfirmation);
// a hold placed after the decision stops one; the other is destroyed: its bytes are gone from disk (bytes Adamov
// shares are kept), it reads only as its tombstone, the destruction record is filed, and the whole procedure is in the
// log under its PID. Another municipality sees none of it. Released, the held one is destroyed by a second call.
import { DEMO_MUNICIPALITIES, demoId, testDatabaseKinds } from '@hub/kit';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { seznamXml, transferSeznamXml } from '../../subgraphs/archives/src/modules/disposal/seznam-fixture';
import { REGISTER, expectations, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(testDatabaseKinds())('destruction on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let blobDir: string;
  const saved = process.env.HUB_BLOB_DIR;
  let clerk: string;
  let handler: string;
  let records: string;
  let admin: string;
  let adamovClerk: string;
  let adamovRecords: string;

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-destruction-'));
    process.env.HUB_BLOB_DIR = blobDir;
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    [clerk, handler, records, admin, adamovClerk, adamovRecords] = await Promise.all(
      ['mbk.clerk', 'mbk.handler', 'mbk.records', 'mbk.admin', 'ouada.clerk', 'ouada.records'].map((l) => hub.login(l)),
    );
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.HUB_BLOB_DIR;
    else process.env.HUB_BLOB_DIR = saved;
  });

  const { ok, refused } = expectations(() => hub, 'archives');
  const blobPath = (key: string) => join(blobDir, key.slice(0, 2), key);
  const download = (token: string, path: string) =>
    fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });

  /** Uploads `bytes` and attaches them to the document as `token`'s user. */
  async function attach(token: string, documentId: string, bytes: Buffer, fileName: string) {
    const res = await fetch(`${origin}/uploads?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` },
      body: bytes,
    });
    expect(res.status).toBe(201);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const attached = await ok(
      token,
      `mutation { attachComponent(documentId: "${documentId}", uploadId: "${uploadId}", form: ORIGINAL_OUTPUT_FORMAT) {
      document { components { id sha256 downloadPath } } } }`,
    );
    return attached.attachComponent.document.components.at(-1) as { id: string; sha256: string; downloadPath: string };
  }

  /** A closed case file of Blansko (616, S/5) with the given files, handed over and taken over by the records office. */
  async function inRecordsOffice(subject: string, files: Buffer[] = []) {
    const handlerId = (await ok(handler, '{ me { id } }')).me.id;
    const id = (await ok(clerk, REGISTER, { input: received(subject) })).registerDocument.document.id;
    const components = [];
    for (const [i, bytes] of files.entries()) components.push(await attach(clerk, id, bytes, `priloha-${i + 1}.pdf`));
    await ok(
      clerk,
      `mutation { assignDocument(documentId: "${id}", orgUnitId: "${blansko.orgUnits[1].id}", handlerId: "${handlerId}") { document { id } } }`,
    );
    await ok(handler, `mutation { acceptDocument(documentId: "${id}") { document { id } } }`);
    await ok(
      handler,
      `mutation { classifyDocument(documentId: "${id}", filingPlanNodeId: "${node('616')}") { document { id } } }`,
    );
    await ok(
      handler,
      `mutation { settleDocument(documentId: "${id}", input: { method: ACKNOWLEDGED }) { document { id } } }`,
    );
    const cf = (
      await ok(
        handler,
        `mutation { openCaseFile(input: { initiatingDocumentId: "${id}", title: "${subject}", filingPlanNodeId: "${node('616')}" }) { caseFile { id } } }`,
      )
    ).openCaseFile.caseFile;
    const closed = (
      await ok(handler, `mutation { closeCaseFile(id: "${cf.id}") { caseFile { pid referenceNumber disposalYear } } }`)
    ).closeCaseFile.caseFile;
    const list = (
      await ok(
        handler,
        `mutation { handOverToRecordsOffice(input: { caseFileIds: ["${cf.id}"] }) { handOverList { id } } }`,
      )
    ).handOverToRecordsOffice.handOverList;
    await ok(records, `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id } }`);
    return {
      id: cf.id as string,
      documentId: id as string,
      pid: closed.pid as string,
      referenceNumber: closed.referenceNumber as string,
      disposalYear: closed.disposalYear as number,
      components,
    };
  }

  const DESTROY = `mutation($id: ID!, $p: String!) { destroyDisposedEntities(proposalId: $id, protocolReference: $p) {
    destroyed { item { id state } pid destroyedAt } skipped { item { id } reasons } destructionRecord { id } } }`;

  it('destroys what the archive approved once the kept record is transferred; a hold stops one; only tombstones remain', async () => {
    const unique = Buffer.from('%PDF-1.7\n' + 'Rozhodnutí o kácení, jen v tomto spisu\n'.repeat(200));
    const shared = Buffer.from('%PDF-1.7\n' + 'Vzorový formulář, který má i Adamov\n'.repeat(200));
    const destroyed = await inRecordsOffice('Kácení lípy v Lipovci', [unique, shared]);
    const kept = await inRecordsOffice('Kronika obce 2026');
    const held = await inRecordsOffice('Stavební řízení Palava');
    // Adamov holds the same bytes as one of Blansko's files: the store keeps them once.
    const adamovDoc = (await ok(adamovClerk, REGISTER, { input: received('Formulář Adamov') })).registerDocument
      .document.id;
    const adamovComponent = await attach(adamovClerk, adamovDoc, shared, 'formular.pdf');
    expect(adamovComponent.sha256).toBe(sha(shared));
    expect(existsSync(blobPath(sha(unique)))).toBe(true);

    // Propose, submit, decide: keep one, destroy two.
    const year = destroyed.disposalYear;
    const proposal = (
      await ok(records, `mutation { openDisposalProposal(year: ${year}) { id entries { item { id } pid } } }`)
    ).openDisposalProposal;
    expect(proposal.entries.map((e: { pid: string }) => e.pid).sort()).toEqual(
      [destroyed.pid, kept.pid, held.pid].sort(),
    );
    // Not before the decision.
    await refused(records, DESTROY, 'CONFLICT', { id: proposal.id, p: 'MZA-SOkA-BK/123/2026' });
    await ok(records, `mutation { submitDisposalProposal(id: "${proposal.id}") { id } }`);
    const xml = seznamXml([
      { pid: destroyed.pid, operation: 'zničit' },
      { pid: kept.pid, operation: 'vybrat za archiválii' },
      { pid: held.pid, operation: 'zničit' },
    ]);
    await ok(
      records,
      `mutation($x: String!) { importDisposalDecision(proposalId: "${proposal.id}", xml: $x) { state } }`,
      { x: xml },
    );

    // Not before the archive confirms the kept record's transfer (its Seznam of accepted entities, issue 11 item 5).
    const err = await refused(records, DESTROY, 'CONFLICT', { id: proposal.id, p: 'MZA-SOkA-BK/123/2026' });
    expect(err.extensions?.problems).toEqual([{ identifier: kept.pid, reason: expect.stringContaining('transfer') }]);
    const confirmation = transferSeznamXml([{ pid: kept.pid, archiveId: 'NDA-1' }], {
      createdAt: `${new Date().toISOString().slice(0, 19)}Z`,
    });
    await ok(
      records,
      `mutation($x: String!) { recordTransferConfirmation(proposalId: "${proposal.id}", xml: $x) { id } }`,
      { x: confirmation },
    );

    // A hold placed after the decision stops that case file; another municipality cannot destroy anything of ours.
    const hold = (
      await ok(records, `mutation { placeDisposalHold(caseFileId: "${held.id}", reason: "Soudní spor") { id } }`)
    ).placeDisposalHold;
    await refused(adamovRecords, DESTROY, 'NOT_FOUND', { id: proposal.id, p: 'X' });
    const result = (await ok(records, DESTROY, { id: proposal.id, p: 'MZA-SOkA-BK/123/2026' })).destroyDisposedEntities;
    expect(result.destroyed.map((d: any) => [d.item.id, d.item.state, d.pid])).toEqual([
      [destroyed.id, 'DESTROYED', destroyed.pid],
    ]);
    expect(result.skipped).toEqual([{ item: { id: held.id }, reasons: ['DISPOSAL_HOLD'] }]);

    // Filing follows through the log: the rows and the bytes go, shared bytes stay.
    await hub.flushRelays();
    await hub.flushRelays();
    expect(existsSync(blobPath(sha(unique)))).toBe(false);
    expect(existsSync(blobPath(sha(shared)))).toBe(true);
    expect((await download(adamovClerk, adamovComponent.downloadPath)).status).toBe(200);
    for (const c of destroyed.components) expect((await download(records, c.downloadPath)).status).toBe(404);
    const gone = await ok(
      records,
      `query($d: ID!, $c: ID!) { document(id: $d) { id } caseFile(id: $c) { id } documents(filter: { subjectContains: "Lipovci" }) { totalCount }
      recordsOfficeItem(id: $c) { state caseFile { id } } }`,
      { d: destroyed.documentId, c: destroyed.id },
    );
    expect(gone).toEqual({
      document: null,
      caseFile: null,
      documents: { totalCount: 0 },
      recordsOfficeItem: { state: 'DESTROYED', caseFile: null },
    });
    // The kept and the held ones are untouched.
    expect((await ok(records, `{ caseFile(id: "${kept.id}") { id } }`)).caseFile).toEqual({ id: kept.id });
    expect((await ok(records, `{ caseFile(id: "${held.id}") { id } }`)).caseFile).toEqual({ id: held.id });

    // Its tombstone, and the destruction record filed as a document with its XML.
    const stone = (
      await ok(
        records,
        `{ tombstone(pid: "${destroyed.pid}") { id kind pid referenceNumber year title schedule decision protocolReference
      disposalProposalId documentCount componentCount components { sha256 size } destroyedAt backupsExpireBy destructionRecord { id referenceNumber subject components { downloadPath mediaType } } } }`,
      )
    ).tombstone;
    expect(stone).toMatchObject({
      id: destroyed.id,
      kind: 'CASE_FILE',
      pid: destroyed.pid,
      referenceNumber: destroyed.referenceNumber,
      title: 'Kácení lípy v Lipovci',
      schedule: 'S/5',
      decision: 'DESTROY',
      protocolReference: 'MZA-SOkA-BK/123/2026',
      disposalProposalId: proposal.id,
      documentCount: 1,
      componentCount: 2,
    });
    expect(stone.components.map((c: { sha256: string }) => c.sha256).sort()).toEqual([sha(unique), sha(shared)].sort());
    // The default backup policy (12 monthly) keeps a copy for about a year (issue 12 item 6; backup-horizon.ts).
    const keptDays = (Date.parse(stone.backupsExpireBy) - Date.parse(stone.destroyedAt)) / 86_400_000;
    expect(keptDays).toBeGreaterThan(330);
    expect(keptDays).toBeLessThan(368);
    expect(stone.destructionRecord).toMatchObject({
      id: result.destructionRecord.id,
      referenceNumber: expect.stringMatching(/^MBK \d+\/\d{4}$/),
      subject: expect.stringContaining('Záznam o zničení'),
    });
    const recordXml = await (await download(records, stone.destructionRecord.components[0].downloadPath)).text();
    expect(recordXml).toContain(`pid="${destroyed.pid}"`);
    expect(recordXml).toContain(`sha256="${sha(unique)}"`);
    expect((await ok(records, `{ tombstones(disposalProposalId: "${proposal.id}") { pid kind } }`)).tombstones).toEqual(
      [
        { pid: destroyed.pid, kind: 'CASE_FILE' },
        { pid: expect.any(String), kind: 'DOCUMENT' },
      ],
    );

    // The whole procedure in the log under the case file's PID, ending with Zniceni.
    const log = (
      await ok(
        admin,
        `query($id: ID!) { auditLog(first: 100, filter: { objectId: $id }) { edges { node { eventType objectIdentifier } } } }`,
        { id: destroyed.pid },
      )
    ).auditLog.edges.map((e: { node: { eventType: string } }) => e.node.eventType);
    expect(log).toEqual(
      expect.arrayContaining([
        'PredaniNaSpisovnu',
        'PrevzetiNaSpisovnu',
        'VlozeniDoSkartacnihoNavrhu',
        'Uprava',
        'Zniceni',
      ]),
    );
    expect(log.at(-1)).toBe('Zniceni');
    // Its document's history too: filing's own Zniceni, still under the document's PID (kept by its tombstone).
    const documentPid = (await ok(records, `{ tombstones(disposalProposalId: "${proposal.id}") { pid kind } }`))
      .tombstones[1].pid;
    const documentLog = (
      await ok(
        admin,
        `query($id: ID!) { auditLog(first: 100, filter: { objectId: $id }) { edges { node { eventType objectIdentifier } } } }`,
        { id: documentPid },
      )
    ).auditLog.edges;
    expect(documentLog.at(-1).node).toEqual({ eventType: 'Zniceni', objectIdentifier: documentPid });

    // Another municipality sees none of it.
    expect(
      await ok(
        adamovRecords,
        `{ tombstone(pid: "${destroyed.pid}") { id } tombstones(disposalProposalId: "${proposal.id}") { id } }`,
      ),
    ).toEqual({ tombstone: null, tombstones: [] });
    expect((await ok(adamovRecords, `{ disposalProposal(id: "${proposal.id}") { id } }`)).disposalProposal).toBeNull();

    // Released, the held case file is destroyed by a second call; a third finds nothing to do.
    await ok(records, `mutation { releaseDisposalHold(id: "${hold.id}", reason: "Spor skončil") { id } }`);
    const second = (await ok(records, DESTROY, { id: proposal.id, p: 'MZA-SOkA-BK/123/2026' })).destroyDisposedEntities;
    expect(second.destroyed.map((d: any) => d.item.id)).toEqual([held.id]);
    await hub.flushRelays();
    await hub.flushRelays();
    expect(await ok(records, `{ caseFile(id: "${held.id}") { id } tombstone(pid: "${held.pid}") { kind } }`)).toEqual({
      caseFile: null,
      tombstone: { kind: 'CASE_FILE' },
    });
    expect(
      (await ok(records, DESTROY, { id: proposal.id, p: 'MZA-SOkA-BK/123/2026' })).destroyDisposedEntities,
    ).toEqual({ destroyed: [], skipped: [], destructionRecord: null });
    // Every entity is done (the kept one transferred, the rest destroyed): the procedure is complete.
    expect((await ok(records, `{ disposalProposal(id: "${proposal.id}") { state } }`)).disposalProposal).toEqual({
      state: 'COMPLETED',
    });
  });
});
