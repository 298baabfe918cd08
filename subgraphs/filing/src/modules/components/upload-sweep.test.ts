import {
  DEMO_MUNICIPALITIES,
  DEMO_USERS,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from './blob-store';
import { storeUpload } from './components';
import { Upload } from './upload.entity';
import { sweepUploads, uploadSweepBackground } from './upload-sweep';

const ADAMOV = DEMO_MUNICIPALITIES[1];
const demo = DEMO_USERS.find((u) => u.login === 'mbk.clerk')!;
const clerk = testCaller(demo.municipalityId, demo.roles, demo.login, demo.id, demo.orgUnitId);
const adamovClerk = testCaller(ADAMOV.id, ['INTAKE_CLERK'], 'ouada.clerk');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const tick = () => new Promise((r) => setTimeout(r, 25));

const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;

describe.each(testDatabaseKinds())('upload sweep on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;

  const put = async (caller: typeof clerk, text: string) => {
    const em = scopeToTenant(t.orm.em.fork(), caller.municipalityId!);
    return storeUpload(em, store, caller as never, Readable.from([Buffer.from(text)]), {
      fileName: `${text}.txt`,
      mediaType: 'text/plain',
      maxBytes: 1000,
    });
  };
  const rows = async () => (await t.orm.em.fork().find(Upload, {}, { filters: false })).map((u) => u.id).sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-sweep-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes old unattached uploads and the blobs nothing uses; keeps used, fresh and re-uploaded bytes', async () => {
    const registered = await t.run(
      clerk,
      `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }`,
      {
        i: {
          subject: 'Smetí',
          origin: 'RECEIVED',
          deliveredAt: new Date().toISOString(),
          sender: { name: 'Jan Novák' },
        },
      },
    );
    const documentId = registered.data!.registerDocument.document.id;
    const orphan = await put(adamovClerk, 'orphan');
    const unattachedTwin = await put(clerk, 'shared');
    await t.run(clerk, ATTACH, { d: documentId, u: (await put(clerk, 'shared')).id });
    const reuploaded = await put(clerk, 'again');
    await tick();
    const cutoff = new Date();
    await tick();
    const fresh = await put(clerk, 'fresh');
    // The same bytes as `reuploaded`, stored but not yet recorded (an upload in flight): the blob is touched.
    await store.put(Readable.from([Buffer.from('again')]), { maxBytes: 1000 });

    const result = await sweepUploads(t.orm, store, { now: new Date(cutoff.getTime() + 3_600_000), ttlMs: 3_600_000 });
    expect(result).toEqual({ uploads: 3, blobs: 1 });
    expect(await rows()).toEqual([fresh.id]);
    expect(await store.exists(sha('orphan'))).toBe(false);
    for (const kept of ['shared', 'fresh', 'again']) expect(await store.verify(sha(kept))).toBe(true);
    expect((await t.run(clerk, ATTACH, { d: documentId, u: unattachedTwin.id })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(reuploaded.id).not.toBe(fresh.id);
    expect(orphan.municipalityId).toBe(ADAMOV.id);

    // Nothing left to do: a second sweep removes nothing.
    expect(await sweepUploads(t.orm, store, { now: new Date(cutoff.getTime() + 3_600_000), ttlMs: 3_600_000 })).toEqual(
      { uploads: 0, blobs: 0 },
    );
  });

  it('at start, the background sweep removes partial files a crash left behind, not those of uploads in progress', async () => {
    const bgDir = mkdtempSync(join(tmpdir(), 'filing-sweep-start-'));
    try {
      mkdirSync(join(bgDir, 'tmp'));
      const stale = join(bgDir, 'tmp', `${randomUUID()}.part`);
      const inProgress = join(bgDir, 'tmp', `${randomUUID()}.part`);
      writeFileSync(stale, 'half an upload, its process killed two hours ago');
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      utimesSync(stale, twoHoursAgo, twoHoursAgo);
      writeFileSync(inProgress, 'being written right now');

      const work = uploadSweepBackground(t.orm, {
        NODE_ENV: 'test',
        HUB_UPLOAD_SWEEP: '1',
        HUB_BLOB_DIR: bgDir,
        HUB_BLOB_TMP_MAX_AGE_MINUTES: '60',
      });
      for (let i = 0; i < 200 && existsSync(stale); i++) await tick();
      await work.stop();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(inProgress)).toBe(true);
    } finally {
      rmSync(bgDir, { recursive: true, force: true });
    }
  });
});
