// Issue 11 items 1 and 4 through the gateway: a closed case file in the records office is proposed for disposal
// (skartační návrh) in its disposal year; while proposed it can be neither lent nor returned, and filing locks it
// (mirrored from the transaction log); submitted, the proposal is filed in filing as a document of the main
// register; the archive's Seznam (nsesss-DA) decides it, by the case file's PID. Another municipality sees none of it.
import { DEMO_MUNICIPALITIES, demoId, testDatabaseKinds } from '@hub/kit';
import { seznamXml } from '../../subgraphs/archives/src/modules/disposal/seznam-fixture';
import { REGISTER, expectations, received, startHub, type Hub } from '../harness';

const blansko = DEMO_MUNICIPALITIES[0];
const node = (fullCode: string) => demoId('filing-plan-node', `MBK:${fullCode}`);

describe.each(testDatabaseKinds())('disposal procedure on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  let handler: string;
  let records: string;
  let adamov: string;

  beforeAll(async () => {
    hub = await startHub(kind);
    [clerk, handler, records, adamov] = await Promise.all(
      ['mbk.clerk', 'mbk.handler', 'mbk.records', 'ouada.records'].map((l) => hub.login(l)),
    );
  });
  afterAll(() => hub?.stop());

  const { ok, refused } = expectations(() => hub, 'archives');

  /** A closed case file of Blansko (616, S/5), handed over and taken over by the records office. */
  async function inRecordsOffice(subject: string) {
    const handlerId = (await ok(handler, '{ me { id } }')).me.id;
    const id = (await ok(clerk, REGISTER, { input: received(subject) })).registerDocument.document.id;
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
    return {
      id: cf.id as string,
      documentId: id as string,
      pid: closed.pid as string,
      disposalYear: closed.disposalYear as number,
    };
  }

  it('proposes, locks, files the proposal in filing and imports the archive decision', async () => {
    const cf = await inRecordsOffice('Žádost o kácení dřevin');
    const year = cf.disposalYear;
    const proposal = (
      await ok(records, `mutation { openDisposalProposal(year: ${year}) { id state entries { item { id } pid } } }`)
    ).openDisposalProposal;
    expect(proposal.state).toBe('OPEN');
    expect(proposal.entries).toContainEqual({ item: { id: cf.id }, pid: cf.pid });

    // Locked: archives refuses the loan and the return; filing, once the log has it, refuses new components.
    await refused(
      records,
      `mutation { lendFromRecordsOffice(input: { entityId: "${cf.id}", borrowerName: "Soud", dueOn: "2099-01-01" }) { id } }`,
      'CONFLICT',
    );
    await refused(
      records,
      `mutation { returnFromRecordsOffice(entityId: "${cf.id}", reason: "Doplnění") { id } }`,
      'CONFLICT',
    );
    await hub.flushRelays();
    const row = await hub.subgraphs.filing.orm.em
      .fork()
      .getConnection()
      .execute(`select disposal_proposal_id as p from case_file where id = ?`, [cf.id]);
    expect(row[0].p).toBe(proposal.id);

    // Another municipality sees and changes none of it.
    expect((await ok(adamov, `{ disposalProposal(id: "${proposal.id}") { id } }`)).disposalProposal).toBeNull();
    await refused(adamov, `mutation { submitDisposalProposal(id: "${proposal.id}") { id } }`, 'NOT_FOUND');

    const submitted = (await ok(records, `mutation { submitDisposalProposal(id: "${proposal.id}") { state } }`))
      .submitDisposalProposal;
    expect(submitted.state).toBe('SUBMITTED');
    await hub.flushRelays();
    const filed = (
      await ok(
        records,
        `{ disposalProposal(id: "${proposal.id}") { referenceNumber document { id referenceNumber subject state } } }`,
      )
    ).disposalProposal;
    expect(filed.document).toEqual({
      id: proposal.id,
      referenceNumber: expect.stringMatching(/^MBK \d+\/\d{4}$/),
      subject: expect.stringContaining(`Skartační návrh za rok ${year}`),
      state: 'REGISTERED',
    });
    expect(filed.referenceNumber).toBe(filed.document.referenceNumber);

    const decision = seznamXml(
      proposal.entries.map((e: { pid: string }) => ({
        pid: e.pid,
        operation: e.pid === cf.pid ? 'zničit' : 'vybrat za archiválii',
      })),
    );
    const err = await refused(
      records,
      `mutation($x: String!) { importDisposalDecision(proposalId: "${proposal.id}", xml: $x) { id } }`,
      'BAD_USER_INPUT',
      { x: seznamXml([{ pid: 'MBKXNEZNAMY', operation: 'zničit' }]) },
    );
    expect(err.extensions?.problems).toContainEqual({ identifier: 'MBKXNEZNAMY', reason: 'unknown identifier' });
    const decided = (
      await ok(
        records,
        `mutation($x: String!) { importDisposalDecision(proposalId: "${proposal.id}", xml: $x, reasoning: "Bez trvalé hodnoty") {
      state entries { item { id } decision reasoning } } }`,
        { x: decision },
      )
    ).importDisposalDecision;
    expect(decided.state).toBe('DECIDED');
    expect(decided.entries).toContainEqual({
      item: { id: cf.id },
      decision: 'DESTROY',
      reasoning: 'Bez trvalé hodnoty',
    });

    await hub.flushRelays();
    const trail = await ok(records, `query($id: ID!) { auditTrail(objectId: $id) { events { eventType } } }`, {
      id: cf.id,
    });
    const types = trail.auditTrail.events.map((e: { eventType: string }) => e.eventType);
    expect(types).toEqual(expect.arrayContaining(['PrevzetiNaSpisovnu', 'VlozeniDoSkartacnihoNavrhu', 'Uprava']));
  });
});
