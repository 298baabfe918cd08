import { CALLER_HEADER, ErrorCode, logger, requestIdHeaders, signCallerAssertion, type Caller } from '@hub/kit/gateway';
import type { KeyObject } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/** Downloads the gateway passes through to a subgraph's route of the same path (streamed, never buffered). */
export const AUDIT_LOG_EXPORT_PATH = '/exports/audit-log.xml';
/** A daily rendition's sealed XML; the seal travels in the x-hub-seal-* headers. */
export const AUDIT_LOG_RENDITION_PATH = '/exports/audit-log-rendition.xml';
/** A SIP (datový balíček) for the archive, a ZIP streamed from filing (`?id=…&profile=metadata|components`). */
export const SIP_PATH = '/exports/sip';
/** Analysts' CSV files, streamed from filing: `?filter=<DocumentFilter JSON>` and `?input=<StatisticsInput JSON>`. */
export const DOCUMENTS_CSV_PATH = '/exports/documents.csv';
export const STATISTICS_CSV_PATH = '/exports/statistics.csv';

/** Response headers handed on from the subgraph; hop-by-hop ones (connection, transfer-encoding) are not. */
const FORWARDED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-length',
  'cache-control',
  'x-content-type-options',
  'allow',
  'x-hub-seal-signature',
  'x-hub-seal-algorithm',
  'x-hub-seal-key-id',
];

function sendJsonError(res: ServerResponse, status: number, code: string, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

function logError(message: string, e: unknown) {
  logger.child({ component: 'downloads' }).error({ err: e }, message);
}

/**
 * Proxies a GET of `path` (query string included) to the subgraph at `subgraphUrl` (its /graphql URL; only the
 * origin is used) as `caller`, signed like the gateway's GraphQL fetches. Status and the content headers are
 * handed on, and the body is piped: the client's pace drives the subgraph's (backpressure through both sockets),
 * a client that goes away aborts the upstream request, and an upstream that breaks off mid-body cuts the
 * client's connection too (so a truncated download never looks complete).
 *
 * The caller must already be verified (token and account check); `caller` null means no token, refused here.
 */
export async function proxyDownload(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller | null,
  subgraphUrl: string,
  assertionKey: KeyObject,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
    return Promise.resolve();
  }
  if (!caller) {
    sendJsonError(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
    return Promise.resolve();
  }
  const incoming = new URL(req.url ?? '/', 'http://localhost');
  const target = new URL(incoming.pathname + incoming.search, subgraphUrl);
  // Valid for filing's route of this path only (the path is one of the gateway's fixed download routes).
  const assertion = await signCallerAssertion(
    caller,
    assertionKey,
    { subgraph: 'filing', route: incoming.pathname },
    {
      clientAddress: req.socket.remoteAddress,
    },
  );

  return new Promise<void>((resolve) => {
    const upstream = httpRequest(target, {
      method: 'GET',
      headers: { [CALLER_HEADER]: assertion, accept: String(req.headers.accept ?? '*/*'), ...requestIdHeaders() },
    });
    // Client gone before the subgraph answered: abort the upstream request (the subgraph stops reading).
    const onClientClose = () => {
      if (!res.writableFinished) upstream.destroy();
    };
    res.once('close', onClientClose);

    upstream.on('response', (up) => {
      res.statusCode = up.statusCode ?? 502;
      for (const name of FORWARDED_HEADERS) {
        const value = up.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      pipeline(up, res, (err) => {
        if (err && !res.writableFinished) {
          // Upstream broke off mid-body, or the client went away: make sure neither side lingers.
          upstream.destroy();
          res.destroy();
        }
        res.off('close', onClientClose);
        resolve();
      });
    });
    upstream.on('error', (err) => {
      res.off('close', onClientClose);
      if (!res.headersSent && !res.destroyed) {
        logError('download from subgraph failed', err);
        sendJsonError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'A hub service is unavailable');
      } else {
        res.destroy();
      }
      resolve();
    });
    upstream.end();
  });
}
