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
import { DEFAULT_PASSWORD, demoBoxes, startLocalIsds, type LocalIsds } from '@hub/isds-fake';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { LocalDiskBlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { storeUpload } from '../components/components';
import { DeliveryProof } from '../dispatch/delivery-proof.entity';
import { Shipment } from '../dispatch/shipment.entity';
import { Document } from '../documents/document.entity';
import { DataMessage } from '../intake/data-message.entity';
import type { ConnectionConfig } from './config';
import { startDataBoxConnector, type DataBoxConnector } from './connector';
import { DataBoxConnection, DataBoxInbound, DataBoxOutbound } from './data-box.entity';
import { IsdsClient } from './isds-client';
import { ZFO_MEDIA_TYPE, readZfo } from './zfo';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const CITIZEN = 'novakj1';
const demo = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const as = (login: string) => {
  const u = demo(login);
  return testCaller(u.municipalityId, u.roles, u.login, u.id, u.orgUnitId);
};
const adamovHandler = as('ouada.handler');
const adamovAdmin = as('ouada.admin');
const blanskoAdmin = as('mbk.admin');

const DRAFT = `mutation($i: CreateDraftDocumentInput!) { createDraftDocument(input: $i) { document { id } } }`;
const ATTACH = `mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }`;
const REGISTER_DRAFT = `mutation($d: ID!) { registerDraft(documentId: $d) { document { id referenceNumber } } }`;
const CREATE = `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { shipment { id } } }`;
const HAND_OVER = `mutation($s: ID!) { handOverShipment(shipmentId: $s) { shipment { id state } } }`;
const SHIPMENT = `query($id: ID!) { shipment(id: $id) { id state externalId deliveredAt deliveredByFiction proofs { kind fileName }
  dataBox { personalDelivery allowSubstituteDelivery recipientReferenceNumber transferState errorCode lastError } } }`;
const STATUS = `{ dataBoxConnection { boxId authMode baseUrl enabled lastPollAt lastSuccessfulPollAt backlog failures lastError nextAttemptAt pendingDeliveries failedMessages { dmId error attempts } } }`;

/** Between the connector and the local ISDS: cuts the connection when `cut(body)` says so (a connector dying mid-step). */
async function startProxy(target: string, cut: (body: string) => boolean): Promise<{ url: string; close(): void }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (cut(body.toString('utf8'))) {
        res.socket?.destroy();
        return;
      }
      const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.socket?.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe.each(testDatabaseKinds())('data-box connector against the local ISDS on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let isds: LocalIsds;
  let dir: string;
  let store: LocalDiskBlobStore;
  const running: DataBoxConnector[] = [];

  const connection = (m: typeof ADAMOV, baseUrl = isds.url): ConnectionConfig => ({
    municipalityId: m.id,
    enabled: true,
    endpoint: {
      baseUrl,
      authMode: 'BASIC',
      boxId: m.dataBoxId,
      credentials: { username: m.dataBoxId, password: DEFAULT_PASSWORD },
    },
  });
  const connector = (connections: ConnectionConfig[] = [connection(ADAMOV), connection(BLANSKO)]) => {
    const c = startDataBoxConnector(t.orm, {
      connections,
      manual: true,
      store: () => store,
      now: () => isds.now(),
      baseBackoffMs: 10,
      maxBackoffMs: 50,
      log: () => undefined,
    });
    running.push(c);
    return c;
  };
  const em = (m: { id: string }) => scopeToTenant(t.orm.em.fork(), m.id);
  const ok = async (caller: ReturnType<typeof as>, query: string, vars: Record<string, unknown> = {}) => {
    const res = await t.run(caller, query, vars);
    expect(res.errors).toBeUndefined();
    return res.data as any;
  };
  const inject = (annotation: string, to = ADAMOV.dataBoxId) =>
    isds.inject({
      from: CITIZEN,
      to,
      annotation,
      senderRefNumber: 'NOV-1',
      files: [
        { name: 'zadost.pdf', mimeType: 'application/pdf', content: Buffer.from(`%PDF-1.4 ${annotation}`) },
        { name: 'priloha.txt', mimeType: 'text/plain', content: Buffer.from('příloha') },
      ],
    });
  const documentsOf = async (m: { id: string }, subject: string) => em(m).find(Document, { subject });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'filing-data-box-'));
    store = new LocalDiskBlobStore(dir);
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    isds = await startLocalIsds({ boxes: demoBoxes() });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await isds?.stop();
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a message for Adamov with its files and the ZFO within one poll, exactly once, marked downloaded; never in Blansko', async () => {
    const { dmId } = await inject('Žádost o kácení lípy');
    const c = connector();
    await c.pollNow();
    const [d] = await documentsOf(ADAMOV, 'Žádost o kácení lípy');
    expect(d).toMatchObject({ origin: 'RECEIVED', municipalityId: ADAMOV.id, senderReferenceNumber: 'NOV-1' });
    const snapshot = isds.message(dmId)!;
    // The delivery time recorded is ISDS's own (to the second), not the hub's.
    expect(d.deliveredAt!.toISOString()).toBe(
      new Date(Math.floor(Date.parse(snapshot.deliveryTime!) / 1000) * 1000).toISOString(),
    );
    const components = await em(ADAMOV).find(Component, { documentId: d.id }, { orderBy: { order: 'asc' } });
    expect(components.map((x) => [x.order, x.form, x.fileName, x.mediaType])).toEqual([
      [1, 'ORIGINAL', 'zadost.pdf', 'application/pdf'],
      [2, 'ORIGINAL', 'priloha.txt', 'text/plain'],
      [3, 'CONTAINER', `DZ_${dmId}.zfo`, ZFO_MEDIA_TYPE],
    ]);
    // The CONTAINER is the ZFO as ISDS sealed it: its content is this very message.
    const chunks: Buffer[] = [];
    for await (const b of store.open(components[2].blobKey)) chunks.push(b as Buffer);
    expect(readZfo(Buffer.concat(chunks))).toMatchObject({
      dmId,
      recipientBoxId: ADAMOV.dataBoxId,
      annotation: 'Žádost o kácení lípy',
    });
    expect(isds.message(dmId)!.status).toBe(7);
    expect(await em(ADAMOV).count(DataMessage, { dmId })).toBe(1);
    // Registered as the connector, with the usual audit events (Zalozeni, VlozeniKDokumentu × 3).
    const events = await em(ADAMOV).find(AuditEvent, { objectId: d.id });
    expect(events.map((e) => e.eventType).sort()).toEqual([
      'VlozeniKDokumentu',
      'VlozeniKDokumentu',
      'VlozeniKDokumentu',
      'Zalozeni',
    ]);
    expect(events.every((e) => e.actorLogin === 'isds-konektor')).toBe(true);

    // Polling again (and with a new process) lists it again in the overlap but registers nothing twice.
    await c.pollNow();
    await connector().pollNow();
    expect(await documentsOf(ADAMOV, 'Žádost o kácení lípy')).toHaveLength(1);
    expect(await em(ADAMOV).count(DataBoxInbound, { dmId })).toBe(1);
    // Blansko, polled in the same rounds, has nothing of it.
    expect(await documentsOf(BLANSKO, 'Žádost o kácení lípy')).toHaveLength(0);
    expect(await em(BLANSKO).count(DataBoxInbound, { dmId })).toBe(0);
  });

  it('a connector stopped mid-download (before registering, then after registering and before marking) loses and doubles nothing', async () => {
    const { dmId } = await inject('Přerušené stažení');
    // Dies while downloading the ZFO: listed (so served), nothing registered.
    const proxy1 = await startProxy(isds.url, (b) => b.includes('SignedMessageDownload'));
    await connector([connection(ADAMOV, proxy1.url)]).pollNow();
    proxy1.close();
    expect(await documentsOf(ADAMOV, 'Přerušené stažení')).toHaveLength(0);
    expect((await em(ADAMOV).findOneOrFail(DataBoxInbound, { dmId })).state).toBe('LISTED');

    // Restarted, dies after registering, before MarkMessageAsDownloaded.
    await Promise.all(running.splice(0).map((c) => c.stop()));
    const proxy2 = await startProxy(isds.url, (b) => b.includes('MarkMessageAsDownloaded'));
    await connector([connection(ADAMOV, proxy2.url)]).pollNow();
    proxy2.close();
    expect(await documentsOf(ADAMOV, 'Přerušené stažení')).toHaveLength(1);
    expect((await em(ADAMOV).findOneOrFail(DataBoxInbound, { dmId })).state).toBe('REGISTERED');
    expect(isds.message(dmId)!.status).not.toBe(7);

    // Restarted again: marks it, registers nothing twice.
    await Promise.all(running.splice(0).map((c) => c.stop()));
    await connector().pollNow();
    expect(await documentsOf(ADAMOV, 'Přerušené stažení')).toHaveLength(1);
    expect(await em(ADAMOV).count(DataMessage, { dmId })).toBe(1);
    expect((await em(ADAMOV).findOneOrFail(DataBoxInbound, { dmId })).state).toBe('DONE');
    expect(isds.message(dmId)!.status).toBe(7);
  });

  it('survives throttling (3009) and the 503 outage: backs off, reports the failure, then takes the message in', async () => {
    const { dmId } = await inject('Za výpadku');
    const c = connector([connection(ADAMOV)]);
    for (const kind of ['throttle', 'unavailable'] as const) {
      isds.failNext(1, kind);
      await c.pollNow();
      const status = (await ok(adamovAdmin, STATUS)).dataBoxConnection;
      expect(status.failures).toBeGreaterThanOrEqual(1);
      expect(status.lastError).toMatch(kind === 'throttle' ? /3009/ : /unavailable|503/i);
      expect(status.nextAttemptAt).not.toBeNull();
    }
    await c.pollNow();
    expect(await documentsOf(ADAMOV, 'Za výpadku')).toHaveLength(1);
    expect(isds.message(dmId)!.status).toBe(7);
    const status = (await ok(adamovAdmin, STATUS)).dataBoxConnection;
    expect(status).toMatchObject({
      boxId: ADAMOV.dataBoxId,
      authMode: 'BASIC',
      enabled: true,
      failures: 0,
      backlog: 0,
      nextAttemptAt: null,
    });
    expect(status.lastSuccessfulPollAt).not.toBeNull();
    // Never two requests at once on one box: the only 3009 answers are the injected ones.
    expect(
      isds.requests().filter((r) => r.statusCode === '3009' && r.box === ADAMOV.dataBoxId).length,
    ).toBeLessThanOrEqual(1);
    // Secrets are not in the answer; another municipality sees its own connection only.
    expect(JSON.stringify(status)).not.toContain(DEFAULT_PASSWORD);
    expect((await ok(blanskoAdmin, STATUS)).dataBoxConnection?.boxId ?? BLANSKO.dataBoxId).toBe(BLANSKO.dataBoxId);
  });

  it("sends Adamov's reply to the citizen's box and records delivery with the signed delivery receipt as the proof; fiction too", async () => {
    const reply = async (subject: string, opts: Record<string, unknown> = {}, content = `%PDF-1.4 ${subject}`) => {
      const id = (await ok(adamovHandler, DRAFT, { i: { subject } })).createDraftDocument.document.id;
      const upload = await storeUpload(
        em(ADAMOV),
        store,
        adamovHandler as never,
        Readable.from([Buffer.from(content)]),
        {
          fileName: 'odpoved.pdf',
          mediaType: 'application/pdf',
          maxBytes: 30 * 1024 * 1024,
        },
      );
      await ok(adamovHandler, ATTACH, { d: id, u: upload.id });
      await ok(adamovHandler, REGISTER_DRAFT, { d: id });
      const s = (
        await ok(adamovHandler, CREATE, {
          i: { documentId: id, channel: 'DATA_BOX', recipient: { name: 'Jan Novák', dataBoxId: CITIZEN }, ...opts },
        })
      ).createShipment.shipment;
      await ok(adamovHandler, HAND_OVER, { s: s.id });
      return s.id as string;
    };
    const byLogin = await reply('Rozhodnutí o kácení', {
      dataBox: { personalDelivery: true, recipientReferenceNumber: 'NOV-1' },
    });
    const tooLarge = await reply('Příliš velká odpověď', {}, 'x'.repeat(21 * 1024 * 1024));
    const c = connector([connection(ADAMOV)]);
    await c.pollNow();

    const sent = (await ok(adamovHandler, SHIPMENT, { id: byLogin })).shipment;
    expect(sent).toMatchObject({
      state: 'DISPATCHED',
      dataBox: { personalDelivery: true, recipientReferenceNumber: 'NOV-1', transferState: 'SENT' },
    });
    const m = isds.message(sent.externalId)!;
    expect(m).toMatchObject({
      from: ADAMOV.dataBoxId,
      to: CITIZEN,
      annotation: 'Rozhodnutí o kácení',
      personalDelivery: true,
      status: 4,
    });
    expect(isds.inbox(CITIZEN).map((x) => x.dmId)).toEqual(expect.arrayContaining([sent.externalId]));
    // Too large for an ordinary message: refused with a clear code, left with the dispatch office, nothing sent.
    const big = (await ok(adamovHandler, SHIPMENT, { id: tooLarge })).shipment;
    expect(big).toMatchObject({
      state: 'TO_DISPATCH',
      dataBox: { transferState: 'FAILED', errorCode: 'VODZ_NOT_SUPPORTED' },
    });
    expect(isds.sent(ADAMOV.dataBoxId).some((x) => x.annotation === 'Příliš velká odpověď')).toBe(false);

    // The citizen logs in (lists the inbox): served, status 6; the next round records the delivery with the receipt.
    await new IsdsClient({
      baseUrl: isds.url,
      authMode: 'BASIC',
      boxId: CITIZEN,
      credentials: { username: CITIZEN, password: DEFAULT_PASSWORD },
    })
      .listReceived(new Date(Date.parse(m.submittedAt) - 60_000), new Date(isds.now().getTime() + 60_000))
      .catch(() => undefined);
    await c.pollNow();
    const delivered = (await ok(adamovHandler, SHIPMENT, { id: byLogin })).shipment;
    expect(delivered).toMatchObject({
      state: 'DELIVERED',
      deliveredByFiction: false,
      proofs: [{ kind: 'DELIVERY_RECEIPT', fileName: `DD_${sent.externalId}.zfo` }],
    });
    const proof = await em(ADAMOV).findOneOrFail(DeliveryProof, { shipmentId: byLogin });
    const chunks: Buffer[] = [];
    for await (const b of store.open(proof.blobKey)) chunks.push(b as Buffer);
    expect(readZfo(Buffer.concat(chunks))).toMatchObject({ kind: 'delivery', dmId: sent.externalId });

    // Another reply nobody reads for ten days: fiction.
    const byFiction = await reply('Výzva k doplnění');
    await c.pollNow();
    expect((await ok(adamovHandler, SHIPMENT, { id: byFiction })).shipment.state).toBe('DISPATCHED');
    isds.advance(10 * 24 * 3600_000 + 60_000);
    await c.pollNow();
    const fiction = (await ok(adamovHandler, SHIPMENT, { id: byFiction })).shipment;
    expect(fiction).toMatchObject({
      state: 'DELIVERED',
      deliveredByFiction: true,
      proofs: [{ kind: 'DELIVERY_RECEIPT' }],
    });
    expect(await em(ADAMOV).count(DataBoxOutbound, { state: 'DELIVERED' })).toBeGreaterThanOrEqual(2);
    // Nothing of Adamov's dispatch is Blansko's.
    expect(await em(BLANSKO).count(Shipment, { recipientDataBoxId: CITIZEN })).toBe(0);
    expect(await em(BLANSKO).count(DataBoxOutbound, {})).toBe(0);
  });

  it('a message addressed to Blansko never reaches Adamov, even through a misconfigured box', async () => {
    const { dmId } = await inject('Pro Blansko', BLANSKO.dataBoxId);
    // Adamov's connection logging in with Blansko's credentials (an operator's mistake): the ZFO says the box is Blansko's.
    const wrong = connection(ADAMOV);
    wrong.endpoint.credentials = { username: BLANSKO.dataBoxId, password: DEFAULT_PASSWORD };
    await connector([wrong]).pollNow();
    expect(await documentsOf(ADAMOV, 'Pro Blansko')).toHaveLength(0);
    expect((await em(ADAMOV).findOneOrFail(DataBoxInbound, { dmId })).state).toBe('FAILED');
    // Blansko's own connection takes it in.
    await connector([connection(BLANSKO)]).pollNow();
    expect(await documentsOf(BLANSKO, 'Pro Blansko')).toHaveLength(1);
    expect((await em(BLANSKO).findOneOrFail(DataBoxConnection, { municipalityId: BLANSKO.id })).failures).toBe(0);
  });
});
