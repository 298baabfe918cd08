import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { verifyBlobs } from '../../cli/blobs-verify';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from './blob-store';
import { storeUpload } from './components';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const as = (login: string) => {
  const u = demo(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const clerk = as('mbk.clerk');
const handler = as('mbk.handler');
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK'], 'ouada.clerk');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const ATTACH = `mutation($d: ID!, $u: ID!, $f: ComponentForm!, $o: Int) {
  attachComponent(documentId: $d, uploadId: $u, form: $f, order: $o) { auditEventId document { components { order version form sha256 size downloadPath } } }
}`;

describe.each(testDatabaseKinds())('components on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;
  let documentId: string;

  const put = async (caller: typeof clerk, text: string) => {
    const em = scopeToTenant(t.orm.em.fork(), caller.municipalityId!);
    return storeUpload(em, store, caller as never, Readable.from([Buffer.from(text)]), {
      fileName: `${text}.txt`,
      mediaType: 'text/plain',
      maxBytes: 1000,
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-blobs-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    const res = await t.run(
      clerk,
      `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`,
      {
        i: {
          subject: 'Komponenty',
          origin: 'RECEIVED',
          deliveredAt: '2026-03-02T09:15:00+01:00',
          sender: { name: 'Jan Novák' },
        },
      },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    documentId = res.data.registerDocument.document.id;
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches with next order, versions an order, and audits the hash', async () => {
    const a = await put(clerk, 'first');
    const b = await put(clerk, 'second');
    const c = await put(clerk, 'first-v2');
    await t.run(clerk, ATTACH, { d: documentId, u: a.id, f: 'ORIGINAL' });
    await t.run(clerk, ATTACH, { d: documentId, u: b.id, f: 'CONCEPT' });
    const res = await t.run(clerk, ATTACH, { d: documentId, u: c.id, f: 'ORIGINAL_OUTPUT_FORMAT', o: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.attachComponent.document.components.map((x: any) => [x.order, x.version, x.sha256])).toEqual([
      [1, 1, sha('first')],
      [1, 2, sha('first-v2')],
      [2, 1, sha('second')],
    ]);
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const event = await em.findOneOrFail(AuditEvent, { id: res.data!.attachComponent.auditEventId });
    expect(event.eventType).toBe('VlozeniKDokumentu');
    expect(event.changes).toContainEqual({ name: 'sha256', old: null, new: sha('first-v2') });
  });

  it('refuses callers who do not see the document, and other municipalities (NOT_FOUND)', async () => {
    const u = await put(handler, 'handler');
    const hidden = await t.run(handler, ATTACH, { d: documentId, u: u.id, f: 'ORIGINAL' });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const foreign = await put(adamovClerk, 'adamov');
    const cross = await t.run(adamovClerk, ATTACH, { d: documentId, u: foreign.id, f: 'ORIGINAL' });
    expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const doc = await t.run(adamovClerk, `query($id: ID!) { document(id: $id) { id } }`, { id: documentId });
    expect(doc.data?.document).toBeNull();
  });

  it('blobs:verify finds every blob intact, and a changed one', async () => {
    expect((await verifyBlobs(t.orm, store)).problems).toEqual([]);
    writeFileSync(store.pathOf(sha('second')), 'changed');
    const report = await verifyBlobs(t.orm, store);
    expect(report.problems).toEqual([expect.stringContaining(sha('second'))]);
  });
});
