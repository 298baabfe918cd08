import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { KEEP_ALIVE_TIMEOUT_MS } from '@hub/kit/gateway';
import { Pool } from 'undici';
import { STATUS_CODES } from 'node:http';

// @apollo/utils.fetcher's types, as the data source declares them (that package is not a dependency of ours).
type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/**
 * The gateway's HTTP client towards one subgraph: a keep-alive pool on undici (Node's own HTTP client), plugged into
 * RemoteGraphQLDataSource as its `fetcher`. It replaces @apollo/gateway's default make-fetch-happen / minipass-fetch
 * stack, which cost about a quarter of the gateway's time (and its agent built an Error per request for a stack),
 * and which never closed idle sockets: a request written onto a socket the subgraph was just closing failed with
 * "socket hang up".
 */
export interface SubgraphTransportOptions {
  /** Most connections open to the subgraph at once; more requests queue in the pool. */
  connections: number;
  /** An idle socket is closed after this; below the subgraphs' keep-alive (kit/http.ts), so the gateway always closes first. */
  idleTimeoutMs: number;
  /** One subgraph request (queueing, headers and body) may take this long; then that request alone fails. */
  requestTimeoutMs: number;
}

/**
 * HUB_SUBGRAPH_CONNECTIONS (32), HUB_SUBGRAPH_IDLE_MS (30 s: half the subgraphs' 65 s) and HUB_SUBGRAPH_TIMEOUT_MS
 * (HUB_REQUEST_TIMEOUT_MS + 5 s: a subgraph's own TIMEOUT answer arrives first, this only catches a subgraph that
 * hangs or is gone).
 */
export function transportOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphTransportOptions {
  const num = (v: string | undefined, fallback: number) =>
    v !== undefined && v !== '' && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback;
  const idle = Math.min(num(env.HUB_SUBGRAPH_IDLE_MS, 30_000), KEEP_ALIVE_TIMEOUT_MS - 5_000);
  return {
    connections: Math.floor(num(env.HUB_SUBGRAPH_CONNECTIONS, 32)),
    idleTimeoutMs: idle,
    requestTimeoutMs: num(env.HUB_SUBGRAPH_TIMEOUT_MS, num(env.HUB_REQUEST_TIMEOUT_MS, 10_000) + 5_000),
  };
}

/** Raised when a subgraph request runs over `requestTimeoutMs` (the data source turns it into SERVICE_UNAVAILABLE). */
export class SubgraphTimeoutError extends Error {
  readonly code = 'SUBGRAPH_TIMEOUT';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
  }
}

/** Headers of an answer: read-only, over undici's record (names in lower case). Only `get` is used on the hot path. */
class ResponseHeaders implements FetcherHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  append(): void {
    throw new TypeError('response headers are read-only');
  }
  delete(): void {
    throw new TypeError('response headers are read-only');
  }
  set(): void {
    throw new TypeError('response headers are read-only');
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const v = this.get(name);
      if (v !== null) yield [name, v];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}

/**
 * A subgraph's answer, read whole (subgraph answers are JSON of bounded size). Immutable text: one fetch shared by
 * several identical requests (dedup.ts) gives each its own response object, and each parses its own JSON.
 */
export class TextResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: ResponseHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
  }
  private use(): string {
    if (this.bodyUsed) throw new TypeError('body used already');
    this.bodyUsed = true;
    return this.body;
  }
  async text() {
    return this.use();
  }
  async json() {
    return JSON.parse(this.use());
  }
  async arrayBuffer() {
    const b = Buffer.from(this.use());
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  clone() {
    return new TextResponse(this.url, this.status, this.headers, this.body);
  }
}

/** What one completed subgraph exchange yields; `response()` makes a fresh, unread response of it. */
export interface SubgraphAnswer {
  response(): TextResponse;
}

export interface SubgraphTransport {
  /** Sends one request and reads the whole answer. */
  send(url: string, init: FetcherRequestInit): Promise<SubgraphAnswer>;
  fetcher: Fetcher;
  close(): Promise<void>;
}

/** One pool per subgraph origin. */
export function createSubgraphTransport(subgraphUrl: string, opts: SubgraphTransportOptions): SubgraphTransport {
  const origin = new URL(subgraphUrl).origin;
  const pool = new Pool(origin, {
    connections: opts.connections,
    pipelining: 1,
    keepAliveTimeout: opts.idleTimeoutMs,
    // The subgraphs announce `Keep-Alive: timeout=65`; undici would otherwise keep a socket that long minus 1 s.
    keepAliveMaxTimeout: opts.idleTimeoutMs,
    // The whole-request timer below is the one that counts; these only stop undici's own 300 s defaults.
    headersTimeout: opts.requestTimeoutMs + 1_000,
    bodyTimeout: opts.requestTimeoutMs + 1_000,
  });

  async function send(url: string, init: FetcherRequestInit): Promise<SubgraphAnswer> {
    const target = new URL(url);
    if (target.origin !== origin) throw new Error(`this transport serves ${origin}, not ${target.origin}`);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new SubgraphTimeoutError(url, opts.requestTimeoutMs)),
      opts.requestTimeoutMs,
    );
    try {
      const res = await pool.request({
        origin,
        path: target.pathname + target.search,
        method: (init.method ?? 'GET') as 'POST',
        headers: init.headers,
        body: init.body,
        signal: controller.signal,
      });
      const text = await res.body.text();
      const headers = new ResponseHeaders(res.headers);
      const status = res.statusCode;
      return { response: () => new TextResponse(url, status, headers, text) };
    } catch (e) {
      // undici reports an abort as its own RequestAbortedError; the reason says why.
      if (controller.signal.aborted && controller.signal.reason instanceof SubgraphTimeoutError)
        throw controller.signal.reason;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    send,
    fetcher: async (url, init = {}) => (await send(url, init)).response(),
    close: () => pool.close(),
  };
}
