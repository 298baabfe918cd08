// Aborted uploads (issue 18, finding 2): a client that closes its socket mid-body — through the gateway, straight to
// filing, or when the gateway→filing connection is the one cut — must release everything at once: no descriptor
// left open on the partial file in filing, no `.part` file left in the blob store's tmp folder. Filing and the
// gateway run in this process, so /proc/self/fd shows filing's descriptors.
import { startGateway, type RunningGateway } from '@hub/gateway';
import { DEMO_USERS, signCallerAssertion, testDatabaseKinds } from '@hub/kit';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Paths under `dir` that this process has open. */
function openUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir + '/') ? [target] : [];
    } catch {
      return []; // closed meanwhile (readdir's own descriptor)
    }
  });
}

const partFiles = (blobDir: string) => {
  try {
    return readdirSync(join(blobDir, 'tmp'));
  } catch {
    return [];
  }
};

/** Polls until `ok()` or the deadline; answers the milliseconds it took (or Infinity). */
async function within(ms: number, ok: () => boolean): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (ok()) return Date.now() - start;
    await sleep(10);
  }
  return Infinity;
}

/** A TCP relay in front of filing whose connections the test can cut (the gateway→filing leg). */
async function cuttableRelay(target: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.once('close', () => sockets.delete(s));
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

describe.each(testDatabaseKinds())('aborted uploads on %s', (kind) => {
  let hub: Hub;
  let blobDir: string;
  let token: string;
  let relay: Awaited<ReturnType<typeof cuttableRelay>>;
  let viaRelay: RunningGateway;
  const saved = process.env.HUB_BLOB_DIR;
  const clerk = DEMO_USERS.find((u) => u.login === 'mbk.clerk')!;

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'hub-abort-blobs-'));
    process.env.HUB_BLOB_DIR = blobDir;
    hub = await startHub(kind);
    token = await hub.login('mbk.clerk');
    relay = await cuttableRelay(hub.subgraphs.filing.port);
    // A second gateway on the same subgraphs whose uploads reach filing through the relay.
    viaRelay = await startGateway({
      port: 0,
      tokenKeys: hub.keys.tokenSecret,
      assertionKey: hub.keys.gatewayPrivateKey,
      accountCheckSeconds: 0,
      subgraphUrls: {
        municipalities: hub.subgraphs.municipalities.url,
        users: hub.subgraphs.users.url,
        archives: hub.subgraphs.archives.url,
        filing: `http://127.0.0.1:${relay.port}/graphql`,
      },
    });
  });

  afterAll(async () => {
    await viaRelay?.stop();
    await relay?.close();
    await hub?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.HUB_BLOB_DIR;
    else process.env.HUB_BLOB_DIR = saved;
  });

  const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

  /**
   * Starts an upload that declares 1 MB and sends 100 KB, and waits until filing has its partial file open: the
   * abort then happens mid-body, with the store's descriptor open.
   */
  async function uploadHalfway(base: string, headers: Record<string, string>) {
    const req: ClientRequest = request(`${base}/uploads?fileName=halb.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'content-length': String(1024 * 1024), ...headers },
    });
    const answer = new Promise<number | Error>((resolve) => {
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', (e) => resolve(e));
    });
    req.write(Buffer.alloc(100 * 1024, 7));
    const reached = await within(5000, () => openUnder(blobDir).length === 1 && partFiles(blobDir).length === 1);
    expect(reached).toBeLessThan(Infinity);
    return { req, answer };
  }

  const released = () => within(1000, () => openUnder(blobDir).length === 0 && partFiles(blobDir).length === 0);

  it('a client that closes its socket mid-body through the gateway: descriptor closed and partial file gone at once', async () => {
    const { req } = await uploadHalfway(origin(hub.url), { authorization: `Bearer ${token}` });
    req.destroy();
    expect(await released()).toBeLessThan(1000);
  });

  it('a client that closes its socket mid-body straight to filing: the same', async () => {
    const caller = {
      userId: clerk.id,
      login: clerk.login,
      municipalityId: clerk.municipalityId,
      roles: clerk.roles,
      orgUnitId: clerk.orgUnitId,
    };
    // What the gateway would send: an assertion for filing's upload route (one for /graphql would be refused).
    const assertion = await signCallerAssertion(caller as never, hub.keys.gatewayPrivateKey, {
      subgraph: 'filing',
      route: '/uploads',
    });
    const { req } = await uploadHalfway(origin(hub.subgraphs.filing.url), { 'x-hub-caller': assertion });
    req.destroy();
    expect(await released()).toBeLessThan(1000);
  });

  it('the gateway→filing connection cut mid-body: filing releases everything, the client gets its answer at once', async () => {
    const { req, answer } = await uploadHalfway(origin(viaRelay.url), { authorization: `Bearer ${token}` });
    relay.cut();
    expect(await released()).toBeLessThan(1000);
    // 503 SERVICE_UNAVAILABLE, or the connection closed: either way the client is not left waiting.
    const outcome = await Promise.race([answer, sleep(1000).then(() => 'still waiting')]);
    expect(outcome === 503 || outcome instanceof Error).toBe(true);
    req.destroy();
  });

  it('after the aborts, an upload through the gateway is stored as usual and leaves nothing in tmp', async () => {
    const res = await fetch(`${origin(hub.url)}/uploads?fileName=cela.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: Buffer.alloc(200 * 1024, 3),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { size: number }).size).toBe(200 * 1024);
    expect(partFiles(blobDir)).toEqual([]);
    expect(openUnder(blobDir)).toEqual([]);
  });
});
