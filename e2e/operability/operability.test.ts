// Operability on the real hub: /health, /ready and /metrics on all five processes, a request followed through the
// logs by its request id, CORS of the gateway.
import { startGateway } from '@hub/gateway';
import { SUBGRAPH_NAMES, captureLogs, testDatabaseKinds } from '@hub/kit';
import { startHub, type Hub } from '../harness';

const ME = 'query Me { me { login municipality { name documents(first: 1) { totalCount } } } }';

describe.each(testDatabaseKinds())('operability on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  /** Base URL (no path) of each of the five processes. */
  let bases: Record<string, string>;

  beforeAll(async () => {
    hub = await startHub(kind);
    clerk = await hub.login('mbk.clerk');
    bases = {
      gateway: hub.url.replace(/\/graphql$/, ''),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url.replace(/\/graphql$/, '')])),
    };
  });
  afterAll(() => hub?.stop());

  it('/health and /ready answer 200 on all five processes', async () => {
    for (const [name, base] of Object.entries(bases)) {
      const health = await fetch(`${base}/health`);
      expect([name, health.status]).toEqual([name, 200]);
      const ready = await fetch(`${base}/ready`);
      expect([name, ready.status, ((await ready.json()) as { status: string }).status]).toEqual([name, 200, 'ready']);
    }
  });

  it('/metrics on all five processes: requests per operation, latency, errors by code, pool, jobs', async () => {
    expect((await hub.gql(clerk, ME)).errors).toBeUndefined();
    // An error with a code: a register that does not exist.
    const refused = await hub.gql(
      clerk,
      'query Unknown { document(id: "6d0f1f7e-8a43-4f7e-9a55-3b1f2f0c9d11") { id } }',
    );
    expect(refused.data?.document ?? null).toBeNull();
    await hub.gql('not-a-token', '{ me { login } }');
    await hub.flushRelays();
    const texts: Record<string, string> = {};
    for (const [name, base] of Object.entries(bases)) {
      const res = await fetch(`${base}/metrics`);
      expect([name, res.status]).toEqual([name, 200]);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      texts[name] = await res.text();
      // Node's process metrics and the hub's own, labelled with the service.
      expect(texts[name]).toMatch(/^process_cpu_user_seconds_total /m);
      expect(texts[name]).toContain(`hub_http_requests_total{service="${name}",`);
    }
    const gw = texts.gateway;
    expect(gw).toMatch(
      /hub_graphql_request_duration_seconds_count\{service="gateway",operation="Me",type="query"\} [1-9]/,
    );
    expect(gw).toMatch(
      /hub_graphql_request_duration_seconds_bucket\{le="\+Inf",service="gateway",operation="Me",type="query"\} [1-9]/,
    );
    expect(gw).toMatch(
      /hub_graphql_errors_total\{service="gateway",operation="\(none\)",code="UNAUTHENTICATED"\} [1-9]/,
    );
    // The gateway's subgraph fetches are operations of the subgraphs (named after the client's operation).
    expect(texts.filing).toMatch(
      /hub_graphql_request_duration_seconds_count\{service="filing",operation="Me__filing__\d+",type="query"\} [1-9]/,
    );
    for (const name of SUBGRAPH_NAMES) {
      expect(texts[name]).toMatch(new RegExp(`hub_db_pool_connections\\{service="${name}",state="used"\\} \\d+`));
      expect(texts[name]).toMatch(new RegExp(`hub_db_pool_connections\\{service="${name}",state="max"\\} [1-9]`));
      expect(texts[name]).toMatch(
        new RegExp(`hub_job_duration_seconds_count\\{service="${name}",job="outbox-relay",outcome="ok"\\} [1-9]`),
      );
      expect(texts[name]).toMatch(new RegExp(`hub_outbox_pending_events\\{service="${name}"\\} 0`));
    }
    expect(texts.users).toMatch(/hub_outbox_shipped_events_total\{service="users"\} [1-9]/);
    // Counts and timings only: no token, no query text.
    for (const t of Object.values(texts)) {
      expect(t).not.toContain(clerk);
      expect(t).not.toContain('municipality {');
    }
  });

  it('a request id from the client is answered back, passed to the subgraphs and on their log lines', async () => {
    const logs = captureLogs();
    let res: Response;
    try {
      res = await fetch(hub.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${clerk}`,
          'x-request-id': 'req-e2e-0001',
        },
        body: JSON.stringify({ query: ME }),
      });
      await res.json();
    } finally {
      logs.stop();
    }
    expect(res.headers.get('x-request-id')).toBe('req-e2e-0001');
    const lines = logs.lines.filter((l) => l.requestId === 'req-e2e-0001');
    const services = new Set(lines.map((l) => l.service));
    // The gateway, the account check at users, and the query plan: users, municipalities, filing.
    expect(services).toEqual(new Set(['gateway', 'users', 'municipalities', 'filing']));
    expect(lines.find((l) => l.service === 'filing')).toMatchObject({
      component: 'access',
      route: '/graphql',
      status: 200,
    });
    expect(lines.find((l) => l.service === 'gateway')).toMatchObject({
      component: 'access',
      route: '/graphql',
      status: 200,
    });
    // No secrets on the lines: not the token, not the signed assertion.
    expect(logs.text()).not.toContain(clerk);
    expect(logs.text()).not.toMatch(/eyJ[\w-]{20,}/);
  });

  it('without an acceptable request id the gateway makes one', async () => {
    for (const header of [undefined, 'bad id with spaces {"level":60}', 'x'.repeat(200)]) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(header ? { 'x-request-id': header } : {}) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await res.text();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  describe('CORS', () => {
    const allowed = 'http://127.0.0.1:5173';
    let gw: Awaited<ReturnType<typeof startGateway>>;
    beforeAll(async () => {
      gw = await startGateway({
        port: 0,
        tokenKeys: hub.keys.tokenSecret,
        assertionKey: hub.keys.gatewayPrivateKey,
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url])),
        corsOrigins: [allowed],
      });
    });
    afterAll(() => gw?.stop());

    const preflight = (origin: string) =>
      fetch(gw.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });

    it('a listed origin: the preflight is answered, the answer readable, no credentials', async () => {
      const pre = await preflight(allowed);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(allowed);
      expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
      expect(pre.headers.get('access-control-allow-headers')).toMatch(
        /authorization.*content-type|content-type.*authorization/,
      );
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: { origin: allowed, 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify({ query: '{ me { login } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
      expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(((await res.json()) as { data: { me: { login: string } } }).data.me.login).toBe('mbk.clerk');
    });

    it('another origin: the preflight is refused and answers carry no CORS headers', async () => {
      for (const origin of ['http://evil.example', 'http://127.0.0.1:5174', 'null']) {
        const pre = await preflight(origin);
        expect(pre.status).toBe(403);
        expect(pre.headers.get('access-control-allow-origin')).toBeNull();
        const res = await fetch(gw.url, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        await res.text();
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
      // The hub started by the harness has no allowlist: even the origin above is refused there.
      expect(
        (
          await fetch(hub.url, {
            method: 'OPTIONS',
            headers: { origin: allowed, 'access-control-request-method': 'POST' },
          })
        ).status,
      ).toBe(403);
    });

    it('CSRF prevention stays: a simple cross-site GET of an operation is refused', async () => {
      const res = await fetch(`${gw.url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { origin: allowed },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    });
  });
});
