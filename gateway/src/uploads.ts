import { CALLER_HEADER, ErrorCode, logger, requestIdHeaders, signCallerAssertion, type Caller } from '@hub/kit/gateway';
import type { KeyObject } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { finished, pipeline } from 'node:stream';

/** Uploads of components' bytes, streamed to filing's route of the same path (no JSON body limit applies). */
export const UPLOAD_PATH = '/uploads';
/** Download of a component's bytes (GET, proxied like the exports). */
export const COMPONENT_DOWNLOAD_PATH = '/downloads/component';
/** Download of a shipment's delivery proof (doručenka, dodejka), proxied the same way. */
export const DELIVERY_PROOF_DOWNLOAD_PATH = '/downloads/delivery-proof';

/** Backup sets of backup-only municipalities: uploads and downloads streamed to and from archives' routes. */
export const BACKUP_SET_UPLOAD_PATH = '/backup-sets';
export const BACKUP_SET_DOWNLOAD_PATH = '/downloads/backup-set';

const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'x-content-type-options',
  'allow',
  'connection',
  'x-content-sha256',
];

function sendJsonError(res: ServerResponse, status: number, code: string, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (!res.req?.complete) res.setHeader('connection', 'close');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Proxies `POST /uploads?…` to filing as `caller` (verified by the caller of this function): the request body is
 * piped to the subgraph as it arrives (never buffered, so the size limit is filing's HUB_MAX_UPLOAD_BYTES, not
 * the gateway's JSON limit), and the subgraph's small JSON answer is piped back. A client that goes away aborts
 * the upstream request, so filing deletes its partial file.
 */
export function proxyUpload(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
): Promise<void> {
  return proxyToFiling(req, res, caller, subgraphUrl, assertionKey, 'POST');
}

/**
 * Proxies `GET /downloads/component?id=…` (and `/downloads/delivery-proof`) like the exports (export-proxy.ts), also handing on the component's
 * `x-content-sha256` so the client can check the bytes it received.
 */
export function proxyComponentDownload(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
): Promise<void> {
  return proxyToFiling(req, res, caller, subgraphUrl, assertionKey, 'GET');
}

/** `POST /backup-sets?name=…` to archives, streamed like components' uploads (the quota is archives' to enforce). */
export function proxyBackupSetUpload(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
): Promise<void> {
  return proxyToFiling(req, res, caller, subgraphUrl, assertionKey, 'POST', 'archives');
}

/** `GET /downloads/backup-set?id=…` from archives, with the set's `x-content-sha256`. */
export function proxyBackupSetDownload(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
): Promise<void> {
  return proxyToFiling(req, res, caller, subgraphUrl, assertionKey, 'GET', 'archives');
}

async function proxyToFiling(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
  method: 'GET' | 'POST',
  subgraph: 'filing' | 'archives' = 'filing',
): Promise<void> {
  if (req.method !== method) {
    res.setHeader('allow', method);
    sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, `Use ${method}`);
    return Promise.resolve();
  }
  if (!caller) {
    sendJsonError(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
    return Promise.resolve();
  }
  const incoming = new URL(req.url ?? '/', 'http://localhost');
  const target = new URL(incoming.pathname + incoming.search, subgraphUrl);
  // Valid for the subgraph's route of this path only, for a few seconds (checked when the request arrives).
  const assertion = await signCallerAssertion(
    caller,
    assertionKey,
    { subgraph, route: incoming.pathname },
    {
      clientAddress: req.socket.remoteAddress,
    },
  );
  const headers: Record<string, string> = { [CALLER_HEADER]: assertion, ...requestIdHeaders() };
  if (method === 'POST') {
    headers['content-type'] = String(req.headers['content-type'] ?? 'application/octet-stream');
    if (req.headers['content-length'] !== undefined) headers['content-length'] = String(req.headers['content-length']);
  } else {
    headers.accept = String(req.headers.accept ?? '*/*');
  }

  // The client may have gone away while the caller was being checked (an awaited account check): its request's
  // 'close' has already been emitted, so nothing below would notice, and an upstream request that never gets a
  // body would hold a socket here and in filing until filing's header timeout.
  if (req.destroyed || req.socket.destroyed) {
    if (!res.destroyed) res.destroy();
    return Promise.resolve();
  }

  return new Promise<void>((resolve) => {
    let settled = false;
    const finish = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    const upstream = httpRequest(target, { method, headers });
    const onClientClose = () => {
      if (!res.writableFinished) upstream.destroy();
    };
    res.once('close', onClientClose);

    upstream.on('response', (up) => {
      res.statusCode = up.statusCode ?? 502;
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = up.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      // Filing answered before reading the whole body (e.g. 413): stop sending, and close the client's connection
      // after the answer instead of draining the rest.
      if (method === 'POST' && !req.complete) {
        req.unpipe(upstream);
        res.setHeader('connection', 'close');
        res.once('finish', () => {
          req.destroy();
          upstream.destroy();
        });
      }
      pipeline(up, res, (err) => {
        if (err && !res.writableFinished) {
          upstream.destroy();
          res.destroy();
        }
        res.off('close', onClientClose);
        finish();
      });
    });
    upstream.on('error', (err) => {
      res.off('close', onClientClose);
      if (!res.headersSent && !res.destroyed) {
        logger.child({ component: 'uploads' }).error({ err }, 'upload to subgraph failed');
        sendJsonError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'A hub service is unavailable');
      } else if (!res.writableFinished) {
        res.destroy();
      }
      finish();
    });
    if (method === 'GET') {
      upstream.end();
      return;
    }
    // The body, piped with backpressure. `.pipe()` passes on data, not an abort: a client body that ends early
    // (socket closed, reset) aborts the upstream request, so filing closes and deletes its partial file at once.
    req.pipe(upstream);
    finished(req, { writable: false }, (err) => {
      if (err) upstream.destroy();
    });
  });
}
