// Webhooks for office apps through the gateway (issue 14 item 1): a tenant admin subscribes an API client's receiver
// (started here on 127.0.0.1) to the municipality's events. A data message and a registration reach it signed within
// a second; its downtime loses nothing and keeps log order; a receiver failing ~30 % of attempts still ends with
// every event (duplicates only with the same event id); another municipality's events never arrive; replay from a
// poradi re-delivers; bad input is refused with nothing written.
import { Role, testDatabaseKinds } from '@hub/kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignature } from '../../subgraphs/filing/src/modules/webhooks/signing';
import { REGISTER, expectations, received, startHub, type Hub } from '../harness';

interface Received {
  id: string;
  type: string;
  municipalityId: string;
  poradi: number;
  object: { type: string; id: string };
  dataMessageId?: string;
  at: number;
  verified: boolean;
}

/** A receiver on loopback: `mode` decides the answer; every 2xx-answered delivery is kept in arrival order. */
class Receiver {
  server!: Server;
  port = 0;
  mode: 'ok' | 'flaky' = 'ok';
  secret = '';
  accepted: Received[] = [];
  attempts = 0;
  failed = 0;
  private rng = 12345;

  /** Deterministic ~30 % failures (a linear congruential generator), so the test is the same on every run. */
  private fails(): boolean {
    this.rng = (this.rng * 1103515245 + 12345) % 2 ** 31;
    return this.rng / 2 ** 31 < 0.3;
  }

  async start(port = 0) {
    this.server = createServer((req, res) => void this.handle(req).then((status) => res.writeHead(status).end()));
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.attempts++;
    if (this.mode === 'flaky' && this.fails()) {
      this.failed++;
      return 500;
    }
    const payload = JSON.parse(body);
    this.accepted.push({
      ...payload,
      at: Date.now(),
      verified: verifySignature(this.secret, req.headers['x-hub-signature'] as string, body),
    });
    return 204;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/spisovka`;
  }
}

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id url eventTypes active handledThrough logHead apiClient { id } } }
}`;
const SUBSCRIPTIONS = `{ webhookSubscriptions { id handledThrough logHead failures lastError nextAttemptAt
  recentDeliveries(limit: 100) { eventId poradi eventType attempt status httpStatus error durationMs } } }`;
const RECEIVE = `mutation($input: DataMessageInput!) { receiveDataMessage(input: $input) { document { id } dataMessage { id: dmId } } }`;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(testDatabaseKinds())('webhooks through the gateway on %s', (kind) => {
  let hub: Hub;
  let admin = '';
  let clerk = '';
  let app = '';
  let apiClientId = '';
  let subscriptionId = '';
  let blobDir: string;
  const receiver = new Receiver();
  const saved = { ...process.env };
  const { ok, refused } = expectations(() => hub, 'filing');

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-webhooks-blobs-'));
    Object.assign(process.env, {
      HUB_BLOB_DIR: blobDir,
      HUB_WEBHOOKS: '1',
      HUB_WEBHOOK_TICK_MS: '50',
      HUB_WEBHOOK_RETRY_BASE_MS: '50',
      HUB_WEBHOOK_RETRY_MAX_MS: '400',
      HUB_WEBHOOK_TIMEOUT_MS: '2000',
    });
    await receiver.start();
    hub = await startHub(kind);
    admin = await hub.login('mbk.admin');
    clerk = await hub.login('mbk.clerk');
    const created = await ok(
      admin,
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientId secret } }`,
      { input: { name: 'Agenda stavebního úřadu', roles: [Role.INTAKE_CLERK] } },
    );
    apiClientId = created.createApiClient.clientId;
    const signedIn = await ok(
      null as never,
      `mutation($c: ID!, $s: String!) { loginApiClient(clientId: $c, secret: $s) { token } }`,
      { c: apiClientId, s: created.createApiClient.secret },
    );
    app = signedIn.loginApiClient.token;
  });

  afterAll(async () => {
    await hub?.stop();
    await receiver.stop().catch(() => undefined);
    rmSync(blobDir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const register = async (token: string, subject: string) =>
    (await ok(token, REGISTER, { input: received(subject) })).registerDocument.document.id as string;
  const subscription = async () =>
    (await ok(admin, SUBSCRIPTIONS)).webhookSubscriptions.find((s: { id: string }) => s.id === subscriptionId);

  it('refuses a URL off the town network, a foreign API client and non-admins, writing nothing', async () => {
    const input = (extra: Record<string, unknown>) => ({
      input: { apiClientId, url: receiver.url, eventTypes: ['DOCUMENT_REGISTERED'], ...extra },
    });
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'ftp://127.0.0.1/x',
      'http://8.8.8.8/hook',
      'http://user:pw@127.0.0.1/x',
      'nonsense',
    ]) {
      const e = await refused(admin, CREATE, 'BAD_USER_INPUT', input({ url }));
      expect(e.extensions?.field).toBe('url');
    }
    expect((await refused(admin, CREATE, 'BAD_USER_INPUT', input({ eventTypes: [] }))).extensions?.field).toBe(
      'eventTypes',
    );
    expect(
      (await refused(admin, CREATE, 'BAD_USER_INPUT', input({ apiClientId: '00000000-0000-4000-8000-000000000000' })))
        .extensions?.field,
    ).toBe('apiClientId');
    await refused(clerk, CREATE, 'FORBIDDEN', input({}));
    // Another municipality's admin cannot use Blansko's API client.
    const other = await hub.login('ouada.admin');
    expect((await refused(other, CREATE, 'BAD_USER_INPUT', input({}))).extensions?.field).toBe('apiClientId');
    expect((await ok(admin, SUBSCRIPTIONS)).webhookSubscriptions).toEqual([]);
  });

  it('delivers a data message and a registration, signed, within a second', async () => {
    const created = await ok(admin, CREATE, {
      input: {
        apiClientId,
        url: receiver.url,
        eventTypes: ['DATA_MESSAGE_RECEIVED', 'DOCUMENT_REGISTERED', 'DOCUMENT_ASSIGNED'],
      },
    });
    const { secret, subscription: s } = created.createWebhookSubscription;
    expect(secret).toMatch(/^whsec_/);
    expect(s).toMatchObject({ url: receiver.url, active: true, apiClient: { id: apiClientId } });
    expect(s.handledThrough).toBe(s.logHead);
    subscriptionId = s.id;
    receiver.secret = secret;

    const origin = hub.url.replace(/\/graphql$/, '');
    const up = await fetch(`${origin}/uploads?fileName=podani.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${app}` },
      body: Buffer.from('%PDF-1.7\nžádost\n%%EOF\n'),
    });
    const uploadId = (await up.json()).uploadId;
    const msg = await ok(app, RECEIVE, {
      input: {
        dmId: '4411223',
        senderBoxId: 'abc1234',
        senderName: 'Jan Novák',
        annotation: 'Žádost o stavební povolení',
        deliveryTime: '2026-03-02T09:15:00+01:00',
        status: 4,
        uploadIds: [uploadId],
      },
    });
    const documentId = msg.receiveDataMessage.document.id;
    // From the commit (the mutation's answer) to the receiver.
    const t0 = Date.now();
    await until('the data message event', () => receiver.accepted.some((r) => r.object.id === documentId), 1000);
    const event = receiver.accepted.find((r) => r.object.id === documentId)!;
    expect(event.at - t0).toBeLessThan(1000);
    expect(event).toMatchObject({
      type: 'DATA_MESSAGE_RECEIVED',
      object: { type: 'Document', id: documentId },
      verified: true,
    });
    expect(event.dataMessageId).toBeTruthy();
    // Ids only: nothing of the content travels.
    expect(JSON.stringify(event)).not.toContain('stavební');

    const id = await register(clerk, 'Oznámení o zahájení řízení');
    const t1 = Date.now();
    await until('the registration event', () => receiver.accepted.some((r) => r.object.id === id), 1000);
    expect(receiver.accepted.find((r) => r.object.id === id)).toMatchObject({
      type: 'DOCUMENT_REGISTERED',
      verified: true,
    });
    expect(Date.now() - t1).toBeLessThan(1000);
    // A signature under another secret does not verify.
    expect(verifySignature('whsec_other', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, '{}')).toBe(false);
  });

  it('survives the receiver being down: nothing lost, log order kept, failures visible', async () => {
    const port = receiver.port;
    await receiver.stop();
    const before = receiver.accepted.length;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(await register(clerk, `Za výpadku ${i}`));
    await until('a failed attempt to show', async () => (await subscription()).failures > 0, 5000);
    const s = await subscription();
    expect(s.lastError).toBeTruthy();
    expect(s.recentDeliveries.some((d: { status: string }) => d.status === 'FAILED')).toBe(true);
    expect(receiver.accepted.length).toBe(before);

    await receiver.start(port);
    await until(
      'all five after recovery',
      () => ids.every((id) => receiver.accepted.some((r) => r.object.id === id)),
      10_000,
    );
    const got = receiver.accepted.slice(before).map((r) => r.object.id);
    expect(got).toEqual(ids);
    await until('the subscription to be healthy', async () => (await subscription()).failures === 0, 5000);
  });

  it('ends with every event from a receiver failing ~30 % of attempts (duplicates only by event id), in order', async () => {
    receiver.mode = 'flaky';
    const before = receiver.accepted.length;
    const attemptsBefore = receiver.attempts;
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) ids.push(await register(clerk, `Nespolehlivý příjemce ${i}`));
    await until('all twenty', () => ids.every((id) => receiver.accepted.some((r) => r.object.id === id)), 30_000);
    receiver.mode = 'ok';
    const got = receiver.accepted.slice(before);
    expect(receiver.failed).toBeGreaterThan(0);
    expect(receiver.attempts - attemptsBefore).toBeGreaterThan(20);
    // In order of the log, each event accepted once here (a duplicate would carry the same id).
    const poradi = got.map((r) => r.poradi);
    expect([...poradi].sort((a, b) => a - b)).toEqual(poradi);
    expect(new Set(got.map((r) => r.id)).size).toBe(got.length);
    expect(got.map((r) => r.object.id)).toEqual(ids);
    expect(got.every((r) => r.verified)).toBe(true);
  });

  it("never delivers another municipality's events", async () => {
    const otherClerk = await hub.login('ouada.clerk');
    const foreign = await register(otherClerk, 'Dokument jiné obce');
    const mine = await register(clerk, 'Po dokumentu jiné obce');
    await until('the own document', () => receiver.accepted.some((r) => r.object.id === mine), 2000);
    expect(receiver.accepted.some((r) => r.object.id === foreign)).toBe(false);
    expect(new Set(receiver.accepted.map((r) => r.municipalityId)).size).toBe(1);
  });

  it('replays from a poradi: the same events again with the same ids; changes are audited', async () => {
    const first = receiver.accepted[0];
    const count = receiver.accepted.length;
    await ok(admin, `mutation($id: ID!, $p: Int) { replayWebhookSubscription(id: $id, fromPoradi: $p) { id } }`, {
      id: subscriptionId,
      p: first.poradi,
    });
    await until('the replay', () => receiver.accepted.length >= count * 2, 10_000);
    const replayed = receiver.accepted.slice(count);
    expect(replayed.map((r) => r.id)).toEqual(receiver.accepted.slice(0, count).map((r) => r.id));
    await refused(admin, `mutation($id: ID!) { replayWebhookSubscription(id: $id) { id } }`, 'BAD_USER_INPUT', {
      id: subscriptionId,
    });

    // A rotated secret signs from now on; the old one no longer verifies.
    const rotated = await ok(admin, `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, {
      id: subscriptionId,
    });
    const old = receiver.secret;
    receiver.secret = rotated.rotateWebhookSecret.secret;
    expect(receiver.secret).not.toBe(old);
    const id = await register(clerk, 'Po výměně tajemství');
    await until('the event after rotation', () => receiver.accepted.some((r) => r.object.id === id), 2000);
    expect(receiver.accepted.find((r) => r.object.id === id)!.verified).toBe(true);

    await hub.flushRelays();
    const trail = await ok(
      admin,
      `query($id: ID!) { auditTrail(objectId: $id) { events { eventType description } } }`,
      { id: subscriptionId },
    );
    const types = trail.auditTrail.events.map((e: { eventType: string }) => e.eventType);
    expect(types).toEqual(expect.arrayContaining(['Zalozeni', 'Uprava']));
    expect(JSON.stringify(trail)).not.toContain(receiver.secret);

    // Deleted: nothing more arrives.
    await ok(admin, `mutation($id: ID!) { deleteWebhookSubscription(id: $id) }`, { id: subscriptionId });
    const after = receiver.accepted.length;
    await register(clerk, 'Po zrušení odběru');
    await hub.flushRelays();
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.accepted.length).toBe(after);
    expect((await ok(admin, SUBSCRIPTIONS)).webhookSubscriptions).toEqual([]);
  });
});
