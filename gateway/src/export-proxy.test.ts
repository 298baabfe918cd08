import {
  CALLER_HEADER,
  HOST,
  closeServer,
  createHttpServer,
  listen,
  verifyCallerAssertion,
  type Caller,
} from '@hub/kit/gateway';
import { testCaller, testKeys } from '@hub/kit/testing';
import { createPrivateKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { deadPort } from './test-helpers';
import { AUDIT_LOG_EXPORT_PATH, proxyDownload } from './export-proxy';

const keys = testKeys();
const auditor = testCaller('00000000-0000-4000-8000-000000000001', ['AUDITOR'], 'mbk.auditor');

type Upstream = (req: IncomingMessage, res: ServerResponse, caller: Caller | null | undefined) => void;

describe('the gateway download proxy', () => {
  let upstream: Upstream;
  let upstreamServer: Server;
  let upstreamUrl: string;
  let front: Server;
  let frontUrl: string;
  let caller: Caller | null = auditor;
  let target = () => upstreamUrl;
  let seen: { url?: string; caller?: Caller | null } = {};

  beforeAll(async () => {
    upstreamServer = createServer(async (req, res) => {
      // As filing mounts the route: the assertion must be for filing and this path.
      const call = await verifyCallerAssertion(req.headers[CALLER_HEADER] as string | undefined, keys, {
        subgraph: 'filing',
        route: AUDIT_LOG_EXPORT_PATH,
      });
      const c = call ? call.caller : undefined;
      seen = { url: req.url, caller: c };
      upstream(req, res, c);
    });
    upstreamUrl = `http://${HOST}:${await listen(upstreamServer, 0, HOST)}/graphql`;
    front = createHttpServer({
      health: async () => undefined,
      graphql: async (_req, res) => void res.end(),
      routes: {
        [AUDIT_LOG_EXPORT_PATH]: (req, res) =>
          proxyDownload(req, res, caller, target(), createPrivateKey(keys.gatewayPrivateKey)),
      },
    });
    frontUrl = `http://${HOST}:${await listen(front, 0, HOST)}${AUDIT_LOG_EXPORT_PATH}`;
  });
  afterAll(async () => {
    await closeServer(front);
    await closeServer(upstreamServer);
  });
  beforeEach(() => {
    caller = auditor;
    target = () => upstreamUrl;
    seen = {};
  });

  it('streams the subgraph answer through as the verified caller, with its status and content headers', async () => {
    upstream = (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': 'attachment; filename="x.xml"',
        'x-internal': 'not for clients',
      });
      let i = 0;
      const more = () => {
        if (i++ < 50) res.write(`<part n="${i}"/>`, () => setImmediate(more));
        else res.end('<end/>');
      };
      more();
    };
    const res = await fetch(`${frontUrl}?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00%2B01:00`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.xml"');
    expect(res.headers.get('x-internal')).toBeNull();
    const text = await res.text();
    expect(text.match(/<part /g)).toHaveLength(50);
    expect(text.endsWith('<end/>')).toBe(true);
    // A token without a name (this one) gives a caller whose name is null.
    expect(seen).toEqual({
      url: `${AUDIT_LOG_EXPORT_PATH}?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00%2B01:00`,
      caller: { ...auditor, name: null },
    });
  });

  it("hands on the subgraph's refusals as they are", async () => {
    upstream = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
    };
    const res = await fetch(frontUrl);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] });
  });

  it('refuses requests without a token, and other methods, before calling the subgraph', async () => {
    caller = null;
    const anonymous = await fetch(frontUrl);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    caller = auditor;
    const post = await fetch(frontUrl, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(seen).toEqual({});
  });

  it('answers SERVICE_UNAVAILABLE (503) when the subgraph cannot be reached, without its address', async () => {
    const port = await deadPort();
    target = () => `http://${HOST}:${port}/graphql`;
    const res = await fetch(frontUrl);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('cuts the client off when the subgraph breaks off mid-body', async () => {
    upstream = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      res.write('<tp:TransakcniLogSystemu>', () => setTimeout(() => res.destroy(), 20));
    };
    const res = await fetch(frontUrl);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('aborts the subgraph request when the client goes away', async () => {
    const upstreamClosed = new Promise<boolean>((resolve) => {
      upstream = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
        const timer = setInterval(() => res.write('x'.repeat(16 * 1024)), 5);
        res.on('close', () => {
          clearInterval(timer);
          resolve(!res.writableFinished);
        });
      };
    });
    const abort = new AbortController();
    const res = await fetch(frontUrl, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    expect(await upstreamClosed).toBe(true); // closed before it finished
  });
});
