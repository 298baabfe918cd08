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
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { storeUpload } from '../components/components';
import { Upload } from '../components/upload.entity';
import { Document } from '../documents/document.entity';
import { DataMessage } from './data-message.entity';

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

const RECEIVE = `mutation($i: DataMessageInput!) {
  receiveDataMessage(input: $i) {
    duplicate
    dataMessage { id dmId senderBoxId deliveredAt acceptedAt status documentId }
    document { id referenceNumber sequenceNumber subject origin deliveredAt senderReferenceNumber
      sender { name dataBoxId }
      components { order version form fileName sha256 size } }
  }
}`;
const REGISTER = `mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { sequenceNumber } } }`;

describe.each(testDatabaseKinds())('data-box intake on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let dir: string;
  let store: LocalDiskBlobStore;
  let nextDmId = 1000;

  const put = async (caller: typeof clerk, text: string) => {
    const em = scopeToTenant(t.orm.em.fork(), caller.municipalityId!);
    return storeUpload(em, store, caller as never, Readable.from([Buffer.from(text)]), {
      fileName: `${text}.pdf`,
      mediaType: 'application/pdf',
      maxBytes: 10_000,
    });
  };
  const envelope = (uploadIds: string[], over: Record<string, unknown> = {}) => ({
    dmId: String(nextDmId++),
    senderBoxId: 'vqbab52',
    senderName: 'Krajský úřad Jihomoravského kraje',
    annotation: 'Rozhodnutí o odvolání',
    senderRefNumber: 'JMK 123/2026',
    recipientRefNumber: 'MBK 7/2026',
    deliveryTime: '2026-03-02T09:15:42.678+01:00',
    acceptanceTime: '2026-03-02T10:00:00+01:00',
    status: 6,
    uploadIds,
    ...over,
  });
  const counts = async () => {
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    return {
      documents: await em.count(Document, {}),
      messages: await em.count(DataMessage, {}),
      audit: await em.count(AuditEvent, {}),
      uploads: await em.count(Upload, {}),
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-intake-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the message with its files in order, hashes audited, delivery time to the second', async () => {
    const a = await put(clerk, 'hlavni-dokument');
    const b = await put(clerk, 'priloha');
    const res = await t.run(clerk, RECEIVE, { i: envelope([a.id, b.id]) });
    expect(res.errors).toBeUndefined();
    const { document, dataMessage, duplicate } = res.data!.receiveDataMessage;
    expect(duplicate).toBe(false);
    expect(document).toMatchObject({
      subject: 'Rozhodnutí o odvolání',
      origin: 'RECEIVED',
      senderReferenceNumber: 'JMK 123/2026',
      sender: { name: 'Krajský úřad Jihomoravského kraje', dataBoxId: 'vqbab52' },
    });
    expect(new Date(document.deliveredAt).toISOString()).toBe('2026-03-02T08:15:42.000Z');
    expect(new Date(dataMessage.deliveredAt).toISOString()).toBe('2026-03-02T08:15:42.000Z');
    expect(dataMessage).toMatchObject({ senderBoxId: 'vqbab52', status: 6, documentId: document.id });
    expect(document.components.map((c: any) => [c.order, c.version, c.form, c.fileName, c.sha256])).toEqual([
      [1, 1, 'ORIGINAL', 'hlavni-dokument.pdf', sha('hlavni-dokument')],
      [2, 1, 'ORIGINAL', 'priloha.pdf', sha('priloha')],
    ]);
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const events = await em.find(AuditEvent, { objectId: document.id }, { orderBy: { occurredAt: 'asc' } });
    expect(events.map((e) => e.eventType).sort()).toEqual(['VlozeniKDokumentu', 'VlozeniKDokumentu', 'Zalozeni']);
    const hashes = events.flatMap((e) => e.changes.filter((c) => c.name === 'sha256').map((c) => c.new));
    expect(hashes.sort()).toEqual([sha('hlavni-dokument'), sha('priloha')].sort());
    expect(await em.count(Upload, { id: { $in: [a.id, b.id] } })).toBe(0);
  });

  it('is idempotent on dmId: a repeat answers the same document, allocates no number and writes nothing', async () => {
    const first = await t.run(clerk, RECEIVE, { i: envelope([(await put(clerk, 'x1')).id]) });
    const doc = first.data!.receiveDataMessage.document;
    const dmId = String(nextDmId - 1);
    const extra = await put(clerk, 'x2');
    const before = await counts();
    const again = await t.run(clerk, RECEIVE, { i: envelope([extra.id], { dmId }) });
    expect(again.errors).toBeUndefined();
    expect(again.data!.receiveDataMessage.duplicate).toBe(true);
    expect(again.data!.receiveDataMessage.document.id).toBe(doc.id);
    expect(again.data!.receiveDataMessage.document.referenceNumber).toBe(doc.referenceNumber);
    expect(await counts()).toEqual(before);
    // The next registration takes the next number: none was used by the repeat.
    const next = await t.run(clerk, REGISTER, {
      i: {
        subject: 'Další',
        origin: 'RECEIVED',
        deliveredAt: '2026-03-02T09:15:00+01:00',
        sender: { name: 'Jan Novák' },
      },
    });
    expect(next.data!.registerDocument.document.sequenceNumber).toBe(doc.sequenceNumber + 1);
  });

  it('settles two concurrent deliveries of one message with one document', async () => {
    const a = await put(clerk, 'race-a');
    const b = await put(clerk, 'race-b');
    const dmId = String(nextDmId++);
    const results = await Promise.all([
      t.run(clerk, RECEIVE, { i: envelope([a.id], { dmId }) }),
      t.run(clerk, RECEIVE, { i: envelope([b.id], { dmId }) }),
    ]);
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.receiveDataMessage.document.id)).size).toBe(1);
    expect(results.map((r) => r.data!.receiveDataMessage.duplicate).sort()).toEqual([false, true]);
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    expect(await em.count(DataMessage, { dmId })).toBe(1);
    // No gap: the next number follows the winner's.
    const next = await t.run(clerk, REGISTER, {
      i: {
        subject: 'Po závodu',
        origin: 'RECEIVED',
        deliveredAt: '2026-03-02T09:15:00+01:00',
        sender: { name: 'Jan Novák' },
      },
    });
    expect(next.data!.registerDocument.document.sequenceNumber).toBe(
      results[0].data!.receiveDataMessage.document.sequenceNumber + 1,
    );
  });

  const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();
  const malformed: [string, Record<string, unknown>, string, string?][] = [
    ['a missing dmId', { dmId: '' }, 'dmId'],
    ['a non-numeric dmId', { dmId: '12a4' }, 'dmId'],
    ['a dmId over 20 digits', { dmId: '1'.repeat(21) }, 'dmId'],
    ['a box id of 6 characters', { senderBoxId: 'vqbab5' }, 'senderBoxId'],
    ['a box id of 8 characters', { senderBoxId: 'vqbab523' }, 'senderBoxId'],
    ['a box id in capitals', { senderBoxId: 'VQBAB52' }, 'senderBoxId'],
    ['an empty sender name', { senderName: ' ' }, 'senderName'],
    ['an empty annotation', { annotation: '' }, 'annotation'],
    ['an annotation over 255 characters', { annotation: 'a'.repeat(256) }, 'annotation'],
    ["a sender's ref number over 50", { senderRefNumber: 'x'.repeat(51) }, 'senderRefNumber'],
    ["a recipient's ref number over 50", { recipientRefNumber: 'x'.repeat(51) }, 'recipientRefNumber'],
    ['acceptance before delivery', { acceptanceTime: '2026-03-02T09:00:00+01:00' }, 'acceptanceTime'],
    ['a delivery in the future', { deliveryTime: future, acceptanceTime: null }, 'deliveryTime'],
    ['an unknown status', { status: 11 }, 'status'],
    ['status 0', { status: 0 }, 'status'],
    ['a message not yet delivered (status 2)', { status: 2 }, 'status'],
    ['an undeliverable message (status 8)', { status: 8 }, 'status'],
    ['no files', { uploadIds: [] }, 'uploadIds'],
    ['over 100 files', { uploadIds: Array.from({ length: 101 }, () => randomUUID()) }, 'uploadIds'],
    ['an unknown upload', { uploadIds: [randomUUID()] }, 'uploadIds'],
  ];
  it.each(malformed)('refuses %s with BAD_USER_INPUT and writes nothing', async (_, over, field) => {
    const good = await put(clerk, `ok-${field}`);
    const before = await counts();
    const res = await t.run(clerk, RECEIVE, { i: envelope([good.id], over) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it("refuses another user's and another municipality's uploads, and an oversized message", async () => {
    const before = await counts();
    const handlers = await put(handler, 'handlers');
    const foreign = await put(adamovClerk, 'foreign');
    for (const id of [handlers.id, foreign.id]) {
      const res = await t.run(clerk, RECEIVE, { i: envelope([id]) });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uploadIds' });
    }
    // Two uploads of 60 MB each (rows only: the check needs no bytes) exceed the 100 MB of a message.
    const em = scopeToTenant(t.orm.em.fork(), BLANSKO.id);
    const big = [0, 1].map(() =>
      em.create(Upload, {
        id: randomUUID(),
        municipalityId: BLANSKO.id,
        blobKey: sha('big'),
        size: 60 * 1024 * 1024,
        sha256: sha('big'),
        fileName: 'big.pdf',
        mediaType: 'application/pdf',
        uploadedById: clerk.userId!,
        createdAt: new Date(),
      }),
    );
    await em.flush();
    const res = await t.run(clerk, RECEIVE, { i: envelope(big.map((u) => u.id)) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'uploadIds' });
    const after = await counts();
    expect({ ...after, uploads: after.uploads - 3 }).toEqual(before);
  });

  it('is for intake clerks only', async () => {
    const res = await t.run(handler, RECEIVE, { i: envelope([(await put(handler, 'h')).id]) });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
