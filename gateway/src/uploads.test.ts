// The upload proxy and clients that go away (issue 18, finding 2), against a stand-in for filing: a client that
// closed its socket before the proxy started (the gateway was still checking its account) must not leave an
// upstream request open that never gets its body.
import { testKeys } from '@hub/kit/testing';
import { createPrivateKey } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyUpload } from './uploads';

const caller = {
  userId: 'u-1',
  login: 'mbk.clerk',
  municipalityId: 'm-1',
  roles: ['INTAKE_CLERK'],
  orgUnitId: null,
} as never;
// The gateway's Ed25519 key, as startGateway hands it to the proxy (parsed once).
const assertionKey = createPrivateKey(testKeys().gatewayPrivateKey);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listen = (s: Server) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
const connections = (s: Server) => new Promise<number>((r) => s.getConnections((_e, n) => r(n)));
const close = (s: Server) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())));

describe('proxyUpload', () => {
  let filing: Server;
  let gateway: Server;
  let upstreamRequests = 0;
  afterEach(async () => {
    await close(gateway);
    await close(filing);
  });

  it('does not open an upstream request for a client that went away while its account was checked', async () => {
    filing = createServer((req: IncomingMessage) => {
      upstreamRequests++;
      req.resume();
    });
    const filingUrl = `http://127.0.0.1:${await listen(filing)}/graphql`;
    let proxied: Promise<void> | undefined;
    gateway = createServer((req, res) => {
      // The account check (a call to users) takes a moment: the client's request has closed by the time the
      // proxy runs (its 'close' is already past).
      req.once('close', () => setTimeout(() => (proxied = proxyUpload(req, res, caller, filingUrl, assertionKey)), 20));
    });
    const port = await listen(gateway);

    const client = request(`http://127.0.0.1:${port}/uploads?fileName=a.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'content-length': String(1024 * 1024) },
    });
    client.on('error', () => undefined);
    // Less than the request stream buffers (16 KB), so the gateway reads on and sees the socket close.
    client.write(Buffer.alloc(8 * 1024));
    await sleep(50);
    client.destroy();
    await sleep(300);

    expect(proxied).toBeDefined();
    // The proxy has finished (it does not wait for a body that will never come) and holds nothing towards filing.
    expect(await Promise.race([proxied!.then(() => 'done'), sleep(200).then(() => 'pending')])).toBe('done');
    expect(await connections(filing)).toBe(0);
    expect(upstreamRequests).toBe(0);
  });
});
