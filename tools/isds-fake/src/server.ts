import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { ENDPOINTS, EndpointName, HANDLERS, responseBody } from './operations';
import { CODES, Clock, InjectMessage, IsdsError, LocalBox, LocalFile, MessageSnapshot, Store, snapshot } from './store';
import { assertXmllint, validateEnvelope } from './validate';
import { createSigner, generatePki, LocalIsdsPki, Signer } from './zfo';
import { RawXml, XmlNode, parseXml, soapEnvelope, soapFault } from './xml';

export interface LocalIsdsOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  boxes: LocalBox[];
  /** The fake's clock base; advance() adds to it. Default: the wall clock. */
  now?: () => Date;
  /** Test PKI (@hub/test-pki identities) sealing the ZFOs; generated at start when absent (see `LocalIsds.pki`). */
  pki?: LocalIsdsPki;
  /**
   * Serve HTTPS: server certificate/key (PEM) and the CA whose client certificates the hosted records-service
   * mode (`/hspis/DS/...`) accepts. Without it the fake speaks plain HTTP and hspis is refused.
   */
  tls?: { cert: string; key: string; clientCa: string };
  /**
   * Every SOAP request takes at least this long, the box staying busy meanwhile: lets tests meet the
   * one-request-per-box rule (3009) deterministically, and the demo feel a remote service.
   */
  latencyMs?: number;
  /** First dmID handed out (default: the wall clock in ms, so restarts do not reuse ids). */
  firstDmId?: number;
}

export interface InjectInput extends Omit<InjectMessage, 'files'> {
  files: { name: string; mimeType: string; metaType?: LocalFile['metaType']; content: Buffer }[];
}

export interface RequestLogEntry {
  time: string;
  /** The body element's local name (operation), or '' when the body was not SOAP. */
  operation: string;
  path: string;
  box: string | null;
  /** Valid against the XSD (null when not checked: refused before, e.g. 503, 401, throttled). */
  valid: boolean | null;
  httpStatus: number;
  /** dmStatusCode / dbStatusCode answered, or the fault. */
  statusCode: string;
}

export type FailureKind = 'unavailable' | 'throttle';

export interface LocalIsds {
  /** Base URL, e.g. http://127.0.0.1:PORT; SOAP at `${url}/DS/dz|dx|df` and `${url}/hspis/DS/...`. */
  url: string;
  /** The test PKI: verify ZFOs against `pki.caCertPem`. */
  pki: LocalIsdsPki;
  inject(m: InjectInput): Promise<{ dmId: string }>;
  message(dmId: string): MessageSnapshot | undefined;
  inbox(boxId: string): MessageSnapshot[];
  sent(boxId: string): MessageSnapshot[];
  /** Moves the fake's clock forward (fiction: 10 days in status 4 → 5). */
  advance(ms: number): void;
  /** The next n SOAP requests fail: 'unavailable' = HTTP 503 + SOAP Fault; 'throttle' = status 3009. */
  failNext(n: number, kind: FailureKind): void;
  requests(): RequestLogEntry[];
  now(): Date;
  stop(): Promise<void>;
}

const MAX_BODY = 200 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body element of a SOAP envelope: its local name and content, or null when it is not SOAP. */
function bodyElement(doc: XmlNode): { op: string; content: XmlNode } | null {
  const env = doc.Envelope as XmlNode | undefined;
  const body = env && typeof env === 'object' ? (env.Body as XmlNode | undefined) : undefined;
  if (!body || typeof body !== 'object') return null;
  const op = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text');
  if (!op) return null;
  const content = body[op];
  return { op, content: (typeof content === 'object' && content !== null ? content : {}) as XmlNode };
}

/**
 * The local name of the body's first element, read from the start of the request without parsing all of it
 * (a throttled or invalid request still gets its own `<OpResponse>`); null when it does not look like SOAP.
 */
function operationName(raw: Buffer): string | null {
  const head = raw.subarray(0, 64 * 1024).toString('utf8');
  const m = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(head);
  return m ? m[1] : null;
}

function basicCredentials(req: IncomingMessage): { user: string; password: string } | null {
  const h = req.headers.authorization;
  if (!h || !/^Basic /i.test(h)) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/xml; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

async function readJson<T>(req: IncomingMessage): Promise<T> {
  const text = (await readBody(req)).toString('utf8');
  try {
    return JSON.parse(text || '{}') as T;
  } catch {
    throw new HttpError(400, 'JSON body expected');
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

/**
 * Starts a local ISDS on loopback. It validates every SOAP request against the official XSD, keeps its boxes
 * and messages in memory, and is test tooling only (README.md says what is faithful and what is simplified).
 */
export async function startLocalIsds(opts: LocalIsdsOptions): Promise<LocalIsds> {
  assertXmllint();
  const clock = new Clock(opts.now ?? (() => new Date()));
  const store = new Store(opts.boxes, clock, opts.firstDmId);
  const pki = opts.pki ?? (await generatePki(clock.now()));
  const signer: Signer = createSigner(pki, () => clock.now());
  const log: RequestLogEntry[] = [];
  const busy = new Set<string>();
  const failures: { kind: FailureKind; left: number }[] = [];

  function record(entry: Omit<RequestLogEntry, 'time'>): void {
    log.push({ time: clock.now().toISOString(), ...entry });
  }

  function takeFailure(): FailureKind | null {
    const f = failures[0];
    if (!f) return null;
    if (--f.left <= 0) failures.shift();
    return f.kind;
  }

  /** The box a request logs in to, or null (→ 401). hspis: verified client certificate + box id, empty password. */
  function authenticate(req: IncomingMessage, hosted: boolean): LocalBox | null {
    const cred = basicCredentials(req);
    if (!cred) return null;
    if (hosted) {
      const socket = req.socket as TLSSocket;
      if (!opts.tls || !socket.authorized || cred.password !== '') return null;
      const box = store.boxes.get(cred.user);
      return box && box.hostedEsslCertificate ? box : null;
    }
    for (const box of store.boxes.values()) {
      if (store.users(box).some((u) => u.username === cred.user && u.password === cred.password)) return box;
    }
    return null;
  }

  async function soap(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    endpoint: EndpointName,
    hosted: boolean,
  ): Promise<void> {
    const failure = takeFailure();
    if (failure === 'unavailable') {
      await readBody(req).catch(() => Buffer.alloc(0));
      record({ operation: '', path, box: null, valid: null, httpStatus: 503, statusCode: 'fault' });
      // What ISDS answers during maintenance (isds.md §1): HTTP 503 with a SOAP Fault.
      return send(
        res,
        503,
        soapFault(
          'SOAP-ENV:Server',
          'Probíhá plánovaná údržba systému datových schránek. Omlouváme se za dočasné omezení přístupu.',
        ),
      );
    }
    const box = authenticate(req, hosted);
    if (!box) {
      await readBody(req).catch(() => Buffer.alloc(0));
      record({ operation: '', path, box: null, valid: null, httpStatus: 401, statusCode: 'unauthorized' });
      return send(res, 401, 'Unauthorized', 'text/plain; charset=utf-8', { 'WWW-Authenticate': 'Basic realm="ISDS"' });
    }
    // One request at a time per box (isds.md §4): a second one while the first runs gets 3009.
    const throttled = failure === 'throttle' || busy.has(box.id);
    if (!throttled) busy.add(box.id);
    try {
      const raw = await readBody(req);
      const op = operationName(raw);
      if (!op) {
        record({ operation: '', path, box: box.id, valid: false, httpStatus: 500, statusCode: 'fault' });
        return send(
          res,
          500,
          soapFault('SOAP-ENV:Client', 'The request is not a SOAP 1.1 envelope with one body element.'),
        );
      }
      const answer = (
        code: string,
        message: string,
        children?: XmlNode,
        valid: boolean | null = null,
        rawXml?: RawXml,
      ) => {
        record({ operation: op, path, box: box.id, valid, httpStatus: 200, statusCode: code });
        send(res, 200, soapEnvelope(responseBody(op, endpoint, code, message, children), rawXml));
      };
      if (throttled) return answer(CODES.throttled[0], CODES.throttled[1]);
      if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
      const validation = await validateEnvelope(raw, ENDPOINTS[endpoint].schema);
      if (!validation.valid)
        return answer(CODES.invalidMessage[0], `Požadavek neodpovídá schématu ISDS: ${validation.errors}`, {}, false);
      const parsed = bodyElement(parseXml(raw));
      const handler = ENDPOINTS[endpoint].ops.includes(op) ? HANDLERS[op] : undefined;
      if (!parsed || !handler)
        return answer(
          CODES.unknownOperation[0],
          `${CODES.unknownOperation[1]} (${op} na ${path} lokální ISDS neumí)`,
          {},
          true,
        );
      try {
        const result = await handler({ store, box, certificateLogin: hosted, signer }, parsed.content);
        return answer(CODES.ok[0], CODES.ok[1], result.children, true, result.raw);
      } catch (e) {
        if (e instanceof IsdsError) return answer(e.code, e.message, {}, true);
        throw e;
      }
    } finally {
      if (!throttled) busy.delete(box.id);
    }
  }

  async function inject(m: InjectInput): Promise<{ dmId: string }> {
    const sender = store.boxes.get(m.from);
    if (!sender) throw new Error(`local ISDS: no box ${m.from}`);
    try {
      const msg = store.send(sender, m);
      msg.qTimestamp = await signer.timestamp(msg);
      return { dmId: msg.dmId };
    } catch (e) {
      if (e instanceof IsdsError)
        throw new Error(`local ISDS refuses the message (${e.code}): ${e.message}`, { cause: e });
      throw e;
    }
  }

  function list(boxId: string, which: 'in' | 'out'): MessageSnapshot[] {
    store.sweep();
    return (which === 'in' ? store.receivedBy(boxId) : store.sentBy(boxId)).map(snapshot);
  }

  /** The admin API for the demo and the CLI (not part of ISDS). */
  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = `${req.method} ${path}`;
    if (route === 'POST /_local/messages') {
      const body = await readJson<InjectInput & { files: { content: string }[] }>(req);
      if (!Array.isArray(body.files)) throw new HttpError(400, 'files: array expected');
      const files = body.files.map((f) => ({ ...f, content: Buffer.from(String(f.content ?? ''), 'base64') }));
      try {
        return json(res, 201, await inject({ ...body, files }));
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
    }
    const boxMessages = /^\/_local\/boxes\/([^/]+)\/messages$/.exec(path);
    if (req.method === 'GET' && boxMessages) {
      const id = decodeURIComponent(boxMessages[1]);
      if (!store.boxes.has(id)) throw new HttpError(404, `no box ${id}`);
      return json(res, 200, { received: list(id, 'in'), sent: list(id, 'out') });
    }
    const oneMessage = /^\/_local\/messages\/([0-9]+)$/.exec(path);
    if (req.method === 'GET' && oneMessage) {
      const m = store.messages.get(oneMessage[1]);
      if (!m) throw new HttpError(404, 'no such message');
      store.sweep();
      return json(res, 200, snapshot(m));
    }
    if (route === 'GET /_local/boxes')
      return json(
        res,
        200,
        [...store.boxes.values()].map(({ id, type, name, address }) => ({ id, type, name, address })),
      );
    if (route === 'POST /_local/clock/advance') {
      const { ms } = await readJson<{ ms?: number }>(req);
      try {
        clock.advance(Number(ms));
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      store.sweep();
      return json(res, 200, { now: clock.now().toISOString() });
    }
    if (route === 'GET /_local/clock') return json(res, 200, { now: clock.now().toISOString() });
    if (route === 'POST /_local/fail') {
      const { n, kind } = await readJson<{ n?: number; kind?: FailureKind }>(req);
      try {
        failNext(Number(n), kind as FailureKind);
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      return json(res, 200, { ok: true });
    }
    if (route === 'GET /_local/requests') return json(res, 200, log);
    throw new HttpError(404, `no route ${route}`);
  }

  function failNext(n: number, kind: FailureKind): void {
    if (!Number.isInteger(n) || n < 0) throw new Error('failNext(n): n must be a non-negative integer');
    if (kind !== 'unavailable' && kind !== 'throttle')
      throw new Error("failNext: kind must be 'unavailable' or 'throttle'");
    if (n > 0) failures.push({ kind, left: n });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const route = /^(\/hspis)?\/DS\/(dz|dx|df)$/.exec(path);
    const work = path.startsWith('/_local/')
      ? admin(req, res, path)
      : route && req.method === 'POST'
        ? soap(req, res, path, route[2] as EndpointName, route[1] === '/hspis')
        : Promise.reject(new HttpError(route ? 405 : 404, route ? 'POST only' : `no endpoint ${path}`));
    work.catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (path.startsWith('/_local/') || status !== 500) json(res, status, { error: (e as Error).message });
      else send(res, 500, soapFault('SOAP-ENV:Server', `local ISDS: ${(e as Error).message}`));
    });
  };

  const server: Server = opts.tls
    ? createHttpsServer(
        { cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.clientCa, requestCert: true, rejectUnauthorized: false },
        handler,
      )
    : createHttpServer(handler);
  // Idle keep-alive connections stay open a minute: with Node's 5 s default a client whose event loop is busy
  // (building a 20 MB request) can send on a socket the server is closing and get ECONNRESET.
  server.keepAliveTimeout = 60_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${port}`,
    pki,
    inject,
    message: (dmId) => {
      store.sweep();
      const m = store.messages.get(dmId);
      return m && snapshot(m);
    },
    inbox: (boxId) => list(boxId, 'in'),
    sent: (boxId) => list(boxId, 'out'),
    advance: (ms) => {
      clock.advance(ms);
      store.sweep();
    },
    failNext,
    requests: () => log.slice(),
    now: () => clock.now(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
