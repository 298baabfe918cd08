import {
  DEMO_MUNICIPALITIES,
  Role,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TenantCaller,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from '../../context';
import { filing } from '../../index';
import { ingest } from '../audit-log/ingest';
import { backoffMs, startWebhookDispatcher } from './dispatcher';
import { candidateTypes } from './events';
import { SIGNATURE_HEADER, openSecret, sealSecret, signatureHeader, verifySignature } from './signing';
import { createWebhookSubscription, replayWebhookSubscription, updateWebhookSubscription } from './subscriptions';
import { urlRefusal } from './url-policy';
import { WebhookCursor, WebhookDelivery } from './webhook.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"DOCUMENT_REGISTERED"}';
  const at = new Date('2026-03-02T08:00:00Z');

  it('signs t + "." + body with HMAC-SHA256 and verifies within the tolerance only', () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1772438400,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, at)).toBe(true);
    expect(verifySignature(secret, header, body, new Date(at.getTime() + 299_000))).toBe(true);
    // Replayed later, tampered, or under another secret: refused.
    expect(verifySignature(secret, header, body, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, header, body.replace('e1', 'e2'), at)).toBe(false);
    expect(verifySignature('whsec_other', header, body, at)).toBe(false);
    expect(verifySignature(secret, header.replace('t=1772438400', 't=1772438401'), body, at)).toBe(false);
    expect(verifySignature(secret, 'garbage', body, at)).toBe(false);
    expect(verifySignature(secret, undefined, body, at)).toBe(false);
  });

  it('keeps secrets encrypted (AES-256-GCM under HUB_WEBHOOK_KEY) and refuses production without a key', () => {
    const env = { HUB_WEBHOOK_KEY: 'k'.repeat(40) } as NodeJS.ProcessEnv;
    const a = sealSecret('whsec_abc', env);
    expect(a).not.toContain('whsec_abc');
    expect(sealSecret('whsec_abc', env)).not.toBe(a);
    expect(openSecret(a, env)).toBe('whsec_abc');
    expect(() => openSecret(a, { HUB_WEBHOOK_KEY: 'x'.repeat(40) } as NodeJS.ProcessEnv)).toThrow();
    expect(() => sealSecret('s', { NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/HUB_WEBHOOK_KEY/);
    expect(() => sealSecret('s', { HUB_WEBHOOK_KEY: 'short' } as NodeJS.ProcessEnv)).toThrow(/32/);
  });
});

describe('webhook URL policy', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', null],
    ['https://10.1.2.3/hook', null],
    ['http://192.168.5.5/x', null],
    ['http://172.20.0.1/x', null],
    ['http://localhost:9000/x', null],
    ['http://[::1]:9000/x', null],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://8.8.8.8/x', /not allowed/],
    ['http://172.32.0.1/x', /not allowed/],
    ['http://agenda.example.org/x', /not allowed/],
    ['ftp://127.0.0.1/x', /http or https/],
    ['http://u:p@127.0.0.1/x', /credentials/],
    ['file:///etc/passwd', /http or https/],
    ['not a url', /absolute/],
  ])('%s', (url, expected) => {
    const refusal = urlRefusal(url, {});
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it('follows HUB_WEBHOOK_ALLOWED_HOSTS but never allows link-local', () => {
    const env = {
      HUB_WEBHOOK_ALLOWED_HOSTS: 'agenda.mesto.local, 169.254.0.0/16, 203.0.113.0/24',
    } as NodeJS.ProcessEnv;
    expect(urlRefusal('https://agenda.mesto.local/hook', env)).toBeNull();
    expect(urlRefusal('http://203.0.113.7/hook', env)).toBeNull();
    expect(urlRefusal('http://127.0.0.1/hook', env)).toMatch(/not allowed/);
    expect(urlRefusal('http://169.254.169.254/', env)).toMatch(/link-local/);
  });
});

describe('webhook event types and back-off', () => {
  it('recognises the subscribed events in the log', () => {
    expect(
      candidateTypes({
        objectType: 'Dokument',
        eventType: 'Zalozeni',
        changes: [{ name: 'referenceNumber', old: null, new: 'MBK 1/2026' }],
      }),
    ).toEqual(['DATA_MESSAGE_RECEIVED', 'DOCUMENT_REGISTERED']);
    expect(
      candidateTypes({
        objectType: 'Dokument',
        eventType: 'Zalozeni',
        changes: [{ name: 'referenceNumber', old: null, new: null }],
      }),
    ).toEqual([]);
    expect(candidateTypes({ objectType: 'Dokument', eventType: 'PripojeniCJ', changes: [] })).toEqual([
      'DOCUMENT_REGISTERED',
    ]);
    expect(candidateTypes({ objectType: 'Dokument', eventType: 'ZmenaZpracovatele', changes: [] })).toEqual([
      'DOCUMENT_ASSIGNED',
    ]);
    expect(candidateTypes({ objectType: 'Dokument', eventType: 'Vyrizeni', changes: [] })).toEqual([
      'DOCUMENT_SETTLED',
    ]);
    expect(candidateTypes({ objectType: 'Dokument', eventType: 'Doruceno', changes: [] })).toEqual([
      'SHIPMENT_DELIVERED',
    ]);
    expect(
      candidateTypes({
        objectType: 'Dokument',
        eventType: 'Uprava',
        changes: [
          { name: 'shipmentId', old: null, new: 's' },
          { name: 'returnReason', old: null, new: 'UNKNOWN_ADDRESSEE' },
        ],
      }),
    ).toEqual(['SHIPMENT_RETURNED']);
    expect(candidateTypes({ objectType: 'Dokument', eventType: 'Uprava', changes: [] })).toEqual([]);
    expect(candidateTypes({ objectType: 'Spis', eventType: 'Uzavreni', changes: [] })).toEqual(['CASE_FILE_CLOSED']);
    expect(candidateTypes({ objectType: 'KonfiguraceSystemu', eventType: 'Zalozeni', changes: [] })).toEqual([]);
  });

  it('doubles the delay per failure up to the cap, with ±20 % jitter', () => {
    expect(backoffMs(1, 1000, 300_000, () => 0.5)).toBe(1000);
    expect(backoffMs(2, 1000, 300_000, () => 0.5)).toBe(2000);
    expect(backoffMs(5, 1000, 300_000, () => 0.5)).toBe(16_000);
    expect(backoffMs(40, 1000, 300_000, () => 0.5)).toBe(300_000);
    expect(backoffMs(1, 1000, 300_000, () => 0)).toBe(800);
    expect(backoffMs(1, 1000, 300_000, () => 1)).toBe(1200);
  });
});

describe.each(testDatabaseKinds())('the webhook dispatcher on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  const admin = (m = BLANSKO.id) => testCaller(m, [Role.TENANT_ADMIN], 'mbk.admin') as TenantCaller;
  const em = (m = BLANSKO.id) => scopeToTenant(t.orm.em.fork(), m);
  const yes = async () => true;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(() => t?.dispose());

  /** Registrations of `n` (made-up) documents in a municipality's log, as the outbox relays would ship them. */
  let seq = 1;
  async function registrations(municipalityId: string, n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    await ingest(
      t.orm,
      'users',
      ids.map((objectId) => ({
        id: randomUUID(),
        municipalityId,
        sequence: seq++,
        occurredAt: new Date(),
        actorLogin: 'mbk.clerk',
        eventType: 'Zalozeni',
        objectType: 'Dokument',
        objectId,
        changes: [{ name: 'referenceNumber', old: null, new: 'MBK 1/2026' }],
      })),
    );
    return ids;
  }

  /** A fake network: answers per URL from `behaviour`, records every call. */
  function network(behaviour: (url: string) => number) {
    const calls: { url: string; body: any; signature: string; status: number }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      const status = behaviour(url);
      calls.push({
        url,
        body: JSON.parse(String(init.body)),
        signature: (init.headers as Record<string, string>)[SIGNATURE_HEADER],
        status,
      });
      expect(init.redirect).toBe('manual');
      return new Response(null, { status, headers: status === 302 ? { location: 'http://169.254.169.254/' } : {} });
    }) as unknown as typeof fetch;
    return { calls, fetchFn };
  }

  it('delivers in log order per subscription; a failing receiver backs off without holding up another; recovery loses nothing', async () => {
    const healthy = await createWebhookSubscription(
      em(),
      admin(),
      { apiClientId: randomUUID(), url: 'http://127.0.0.1:9/healthy', eventTypes: ['DOCUMENT_REGISTERED'] },
      new Date(),
      yes,
    );
    const broken = await createWebhookSubscription(
      em(),
      admin(),
      { apiClientId: randomUUID(), url: 'http://127.0.0.1:9/broken', eventTypes: ['DOCUMENT_REGISTERED'] },
      new Date(),
      yes,
    );
    let brokenDown = true;
    const net = network((url) => (url.endsWith('/broken') && brokenDown ? 503 : 204));
    let clock = Date.now();
    const d = startWebhookDispatcher(t.orm, {
      tickMs: 60_000,
      baseBackoffMs: 5000,
      fetch: net.fetchFn,
      now: () => new Date(clock),
      log: () => undefined,
    });
    try {
      const ids = await registrations(BLANSKO.id, 6);
      const foreign = await registrations(ADAMOV.id, 3);
      await d.drain();
      const toHealthy = net.calls.filter((c) => c.url.endsWith('/healthy'));
      expect(toHealthy.map((c) => c.body.object.id)).toEqual(ids);
      expect(
        toHealthy.every((c) => verifySignature(healthy.secret, c.signature, JSON.stringify(c.body), new Date(clock))),
      ).toBe(true);
      expect(toHealthy.every((c) => c.body.municipalityId === BLANSKO.id)).toBe(true);
      expect(net.calls.some((c) => foreign.includes(c.body.object.id))).toBe(false);
      // The broken one tried the first event once and waits.
      expect(net.calls.filter((c) => c.url.endsWith('/broken'))).toHaveLength(1);
      const cursor = await em().findOneOrFail(WebhookCursor, { subscriptionId: broken.subscription.id });
      expect(cursor).toMatchObject({ failures: 1, lastError: 'HTTP 503' });
      expect(cursor.nextAttemptAt!.getTime()).toBeGreaterThan(clock);

      // Later, still down: the second failure doubles the wait.
      clock += 6500;
      await d.drain();
      const again = await em().findOneOrFail(WebhookCursor, { subscriptionId: broken.subscription.id });
      expect(again.failures).toBe(2);
      expect(again.nextAttemptAt!.getTime() - clock).toBeGreaterThanOrEqual(8000);

      brokenDown = false;
      clock += 15_000;
      await d.drain();
      const toBroken = net.calls.filter((c) => c.url.endsWith('/broken') && c.status === 204);
      expect(toBroken.map((c) => c.body.object.id)).toEqual(ids);
      const attempts = await em().find(
        WebhookDelivery,
        { subscriptionId: broken.subscription.id },
        { orderBy: { poradi: 'asc', attempt: 'asc' } },
      );
      expect(attempts.slice(0, 3).map((a) => [a.status, a.attempt, a.httpStatus])).toEqual([
        ['FAILED', 1, 503],
        ['FAILED', 2, 503],
        ['DELIVERED', 3, 204],
      ]);
      expect(new Set(attempts.map((a) => a.eventId)).size).toBe(6);

      // Replay from the third event: the same ids once more, in order.
      const third = toHealthy[2].body.poradi;
      await replayWebhookSubscription(em(), admin(), healthy.subscription.id, { poradi: third });
      const before = net.calls.length;
      await d.drain();
      expect(net.calls.slice(before).map((c) => c.body.id)).toEqual(toHealthy.slice(2).map((c) => c.body.id));
      await updateWebhookSubscription(em(), admin(), healthy.subscription.id, { active: false }, new Date());
      await updateWebhookSubscription(em(), admin(), broken.subscription.id, { active: false }, new Date());
    } finally {
      await d.stop();
    }
  });

  it('passes over what the filters exclude, and treats a redirect as a failure', async () => {
    const filtered = await createWebhookSubscription(
      em(),
      admin(),
      {
        apiClientId: randomUUID(),
        url: 'http://127.0.0.1:9/filtered',
        eventTypes: ['DOCUMENT_REGISTERED'],
        filters: { registerIds: [randomUUID()] },
      },
      new Date(),
      yes,
    );
    const redirected = await createWebhookSubscription(
      em(),
      admin(),
      { apiClientId: randomUUID(), url: 'http://127.0.0.1:9/moved', eventTypes: ['DOCUMENT_REGISTERED'] },
      new Date(),
      yes,
    );
    const net = network((url) => (url.endsWith('/moved') ? 302 : 204));
    const d = startWebhookDispatcher(t.orm, {
      tickMs: 60_000,
      baseBackoffMs: 60_000,
      fetch: net.fetchFn,
      log: () => undefined,
    });
    try {
      await registrations(BLANSKO.id, 3);
      await d.drain();
      expect(net.calls.filter((c) => c.url.endsWith('/filtered'))).toEqual([]);
      const cursor = await em().findOneOrFail(WebhookCursor, { subscriptionId: filtered.subscription.id });
      const head =
        (await em().findOneOrFail(WebhookCursor, { subscriptionId: redirected.subscription.id })).handledThrough + 3;
      expect(cursor.handledThrough).toBe(head);
      const moved = await em().findOneOrFail(WebhookCursor, { subscriptionId: redirected.subscription.id });
      expect(moved.lastError).toMatch(/redirect \(302\) not followed/);
      expect(net.calls.filter((c) => c.url.endsWith('/moved'))).toHaveLength(1);
    } finally {
      await d.stop();
    }
  });
});
