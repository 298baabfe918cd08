// Issue 11 item 5 through the gateway: two closed case files with PDF components go through the records office into
// a disposal proposal; the archive keeps one and lets the other be destroyed; the kept one's transfer SIP (přejímka,
// with components and its SkartacniRizeni) is downloaded from the path the proposal entry gives and passes
// `validate.sh --strict sip`; the archive's confirmation (Seznam with IdentifikatorDA) makes it TRANSFERRED in
// archives and, through the log, in filing with its document, with the Prenos in its audit trail. Another
// municipality sees none of it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MUNICIPALITIES, demoId, scopeToTenant, testDatabaseKinds } from '@hub/kit';
import { seznamXml, transferSeznamXml } from '../../subgraphs/archives/src/modules/disposal/seznam-fixture';
import { CaseFile } from '../../subgraphs/filing/src/modules/case-files/case-file.entity';
import { Document } from '../../subgraphs/filing/src/modules/documents/document.entity';
import { assertValidSip } from '../../subgraphs/filing/src/modules/sip/sip-validator';
import { REGISTER, expectations, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const CONFIRM = `mutation($id: ID!, $x: String!) { recordTransferConfirmation(proposalId: $id, xml: $x) { id entries { item { id state } transferConfirmedAt } } }`;

describe.each(testDatabaseKinds())('transfer to the archive on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let dir: string;
  let clerk: string;
  let handler: string;
  let records: string;
  let adamov: string;
  const savedBlobDir = process.env.HUB_BLOB_DIR;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-transfer-'));
    process.env.HUB_BLOB_DIR = join(dir, 'blobs');
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    [clerk, handler, records, adamov] = await Promise.all(
      ['mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.records'].map((l) => hub.login(l)),
    );
  });
  afterAll(async () => {
    await hub?.stop();
    if (savedBlobDir === undefined) delete process.env.HUB_BLOB_DIR;
    else process.env.HUB_BLOB_DIR = savedBlobDir;
    rmSync(dir, { recursive: true, force: true });
  });

  const { ok, refused } = expectations(() => hub, 'archives');
  const get = (token: string, path: string) =>
    fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });

  /**
   * A closed case file of Blansko (616, S/5) whose received document has a PDF, handed over and taken over. Its
   * letter is then dated 2019 and the case file's disposal year 2025 in filing's tables, so its retention has
   * expired by the real clock (rules obs64/65 compare with the current year: a file closed today is not due yet).
   */
  async function inRecordsOffice(subject: string) {
    const handlerId = (await ok(handler, '{ me { id } }')).me.id;
    const id = (await ok(clerk, REGISTER, { input: received(subject) })).registerDocument.document.id;
    const pdf = Buffer.from(`%PDF-1.7\n${subject}\n%%EOF\n`);
    const up = await fetch(`${origin}/uploads?fileName=${encodeURIComponent(`${subject}.pdf`)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${clerk}` },
      body: pdf,
    });
    expect(up.status).toBe(201);
    await ok(clerk, ATTACH, { d: id, u: ((await up.json()) as { uploadId: string }).uploadId });
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
    const closed = (await ok(handler, `mutation { closeCaseFile(id: "${cf.id}") { caseFile { pid disposalYear } } }`))
      .closeCaseFile.caseFile;
    const list = (
      await ok(
        handler,
        `mutation { handOverToRecordsOffice(input: { caseFileIds: ["${cf.id}"] }) { handOverList { id } } }`,
      )
    ).handOverToRecordsOffice.handOverList;
    await ok(records, `mutation { takeOverHandOverList(handOverListId: "${list.id}") { id } }`);
    const em = scopeToTenant(hub.subgraphs.filing.orm.em.fork(), blansko.id);
    await em.nativeUpdate(Document, { id }, { deliveredAt: new Date('2019-03-02T08:15:00Z') });
    await em.nativeUpdate(CaseFile, { id: cf.id }, { disposalYear: 2025 });
    return {
      id: cf.id as string,
      documentId: id as string,
      pid: closed.pid as string,
      disposalYear: closed.disposalYear as number,
    };
  }

  it("downloads the kept file's transfer SIP, valid strictly, records the confirmation, and marks it transferred", async () => {
    const kept = await inRecordsOffice('Kronika obce 2019');
    const gone = await inRecordsOffice('Žádost o kácení dřevin');
    const proposal = (
      await ok(
        records,
        `mutation { openDisposalProposal(year: ${Math.max(kept.disposalYear, gone.disposalYear)}) { id entries { item { id } pid } } }`,
      )
    ).openDisposalProposal;
    expect(proposal.entries.map((e: { pid: string }) => e.pid).sort()).toEqual([kept.pid, gone.pid].sort());
    await ok(records, `mutation { submitDisposalProposal(id: "${proposal.id}") { id } }`);
    // Not before the decision.
    await refused(records, CONFIRM, 'CONFLICT', {
      id: proposal.id,
      x: transferSeznamXml([{ pid: kept.pid, archiveId: 'NDA-1' }]),
    });
    // The archive decides today (its Seznam's datumVytvoreni): the SkartacniRizeni may not be in a future year (obs80).
    const today = `${new Date().toISOString().slice(0, 19)}Z`;
    const decision = seznamXml(
      [
        { pid: kept.pid, operation: 'vybrat za archiválii' },
        { pid: gone.pid, operation: 'zničit' },
      ],
      { createdAt: today },
    );
    await ok(
      records,
      `mutation($x: String!) { importDisposalDecision(proposalId: "${proposal.id}", xml: $x, reasoning: "Kronika má trvalou hodnotu") { state } }`,
      { x: decision },
    );
    await hub.flushRelays();

    // The proposal entry says where the transfer package is; what is to be destroyed has none.
    const entries = (
      await ok(
        records,
        `{ disposalProposal(id: "${proposal.id}") { entries { item { id } decision transferPackagePath } } }`,
      )
    ).disposalProposal.entries;
    const byId = Object.fromEntries(entries.map((e: { item: { id: string } }) => [e.item.id, e]));
    expect(byId[kept.id].transferPackagePath).toBe(`/exports/sip?id=${kept.id}&profile=components`);
    expect(byId[gone.id]).toMatchObject({ decision: 'DESTROY', transferPackagePath: null });

    const res = await get(records, byId[kept.id].transferPackagePath);
    expect(res.status).toBe(200);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition')!)![1];
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(['pass', 'pass-xerces']).toContain(await assertValidSip(file));
    const mets = execFileSync('unzip', ['-p', file, `${name.replace(/\.zip$/, '')}/mets.xml`]).toString();
    expect(mets).toContain('LABEL="Datový balíček pro předávání dokumentů a jejich metadat do archivu"');
    expect(mets).toContain(
      `<nsesss:SkartacniRizeni><nsesss:Datum>${today.slice(0, 10)}</nsesss:Datum><nsesss:SkartacniOperace>trvalé uložení</nsesss:SkartacniOperace><nsesss:Oduvodneni>Kronika má trvalou hodnotu</nsesss:Oduvodneni>`,
    );
    expect(execFileSync('unzip', ['-Z1', file]).toString()).toContain('/komponenty/1_1_');
    // The destroyed one's transfer package is refused by the hub's rule, naming it.
    const goneSip = await get(records, `/exports/sip?id=${gone.id}&profile=components`);
    expect(goneSip.status).toBe(409);
    expect(
      (
        (await goneSip.json()) as { errors: { extensions: { problems: { rule: string }[] } }[] }
      ).errors[0].extensions.problems.map((p) => p.rule),
    ).toEqual(['hub-p1']);

    // The confirmation naming the destroyed one is refused whole, with the code per entity (through the gateway).
    const err = await refused(records, CONFIRM, 'BAD_USER_INPUT', {
      id: proposal.id,
      x: transferSeznamXml([
        { pid: kept.pid, archiveId: 'NDA-1' },
        { pid: gone.pid, archiveId: 'NDA-2' },
      ]),
    });
    expect(err.extensions?.problems).toEqual([{ identifier: gone.pid, code: 'NOT_KEPT', reason: expect.any(String) }]);
    // Another municipality sees and confirms none of it.
    expect((await ok(adamov, `{ disposalProposal(id: "${proposal.id}") { id } }`)).disposalProposal).toBeNull();
    await refused(adamov, CONFIRM, 'NOT_FOUND', {
      id: proposal.id,
      x: transferSeznamXml([{ pid: kept.pid, archiveId: 'NDA-1' }]),
    });
    expect((await get(adamov, byId[kept.id].transferPackagePath)).status).toBe(404);

    const confirmed = (
      await ok(records, CONFIRM, {
        id: proposal.id,
        x: transferSeznamXml([{ pid: kept.pid, archiveId: 'NDA-1' }], { createdAt: today }),
      })
    ).recordTransferConfirmation;
    expect(confirmed.entries.find((e: { item: { id: string } }) => e.item.id === kept.id)).toMatchObject({
      item: { state: 'TRANSFERRED' },
      transferConfirmedAt: expect.any(String),
    });
    expect(confirmed.entries.find((e: { item: { id: string } }) => e.item.id === gone.id)).toMatchObject({
      item: { state: 'IN_RECORDS_OFFICE' },
      transferConfirmedAt: null,
    });

    // Filing mirrors the custody change from the log: the case file and its document are TRANSFERRED.
    await hub.flushRelays();
    const inFiling = await ok(
      records,
      `{ caseFile(id: "${kept.id}") { state } document(id: "${kept.documentId}") { state } }`,
    );
    expect(inFiling).toEqual({ caseFile: { state: 'TRANSFERRED' }, document: { state: 'TRANSFERRED' } });
    expect((await ok(records, `{ caseFile(id: "${gone.id}") { state } }`)).caseFile.state).toBe('IN_RECORDS_OFFICE');
    const trail = await ok(records, `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`, {
      id: kept.id,
    });
    expect(trail.auditTrail.events.map((e: { eventType: string }) => e.eventType)).toEqual(
      expect.arrayContaining(['PrevzetiNaSpisovnu', 'Uprava', 'Export', 'Prenos']),
    );
    expect((await ok(adamov, `{ caseFile(id: "${kept.id}") { state } }`)).caseFile).toBeNull();
  });
});
