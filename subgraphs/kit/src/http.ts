import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { AsyncResource } from 'node:async_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hubBuilding } from './config';
import { ErrorCode, RETRY_AFTER_UNREACHABLE_SECONDS, httpStatusOf, infrastructureErrorOf } from './errors';
import { logger } from './logger';
import { countRequestError, metricsText, observeHttp } from './metrics';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from './request-id';

const httpLog = logger.child({ component: 'http' });
/**
 * Access lines hold only the fields `handle` writes below (method, route label, status, time): no request content.
 * So they skip the logger's redaction, which walks every line for 45 key paths and cost 15× the line itself (185 µs
 * against 12 µs per line measured on the shared bench machine; one line per request in every process, issue 15).
 */
const accessLog = logger.child({ component: 'access' }, { redact: { paths: [], censor: '[redacted]' } });
/** Paths polled by orchestrators and Prometheus: their access lines would drown the requests'. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Public extensions besides the code (e.g. `retryAfter`). */
    readonly extra: { retryAfter?: number } = {},
  ) {
    super(message);
  }
}

/**
 * Writes a request-level failure in the GraphQL response shape, so clients read it like any other error. A
 * SERVICE_UNAVAILABLE (503) always says when to retry, in `extensions.retryAfter` and the HTTP `Retry-After` header.
 */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, extra: { retryAfter?: number } = {}) {
  const retryAfter =
    extra.retryAfter ?? (code === ErrorCode.SERVICE_UNAVAILABLE ? RETRY_AFTER_UNREACHABLE_SECONDS : undefined);
  res.statusCode = httpStatusOf(code);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
  res.end(
    JSON.stringify({
      errors: [{ message, extensions: { code, ...(retryAfter !== undefined ? { retryAfter } : {}) } }],
    }),
  );
}

/** Reads a JSON body, refusing it as soon as it passes `limit` bytes (nothing beyond is buffered). */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new RequestError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('json')) return Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(ErrorCode.BAD_USER_INPUT, 'Request body is not valid JSON');
  }
}

/** Hands a parsed request to Apollo Server and streams its answer back. */
export async function serveGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<C>,
) {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context,
  });
  // Answered already: the request ran over its time budget (runWithinBudget) and the client has its TIMEOUT.
  if (res.headersSent || res.writableEnded) return;
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What GET /ready reports: ready or not, and each check's state (e.g. `{ database: 'ok' }`). */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface HttpApp {
  /** GET /health (liveness: the process serves requests): 200 when it resolves. */
  health: () => Promise<void>;
  /** GET /ready (can serve requests now: database, subgraphs): 200 or 503 with the report. Default: as /health. */
  ready?: () => Promise<Readiness>;
  graphql: RouteHandler;
  /** Further endpoints by exact path (downloads, internal service endpoints). */
  routes?: Record<string, RouteHandler>;
  /** The `service` label of this server's metrics (GET /metrics; metrics.ts). */
  service?: string;
  /**
   * Runs first for every request, inside its request id: returns true when it has answered it (the gateway's CORS
   * preflight and headers, cors.ts).
   */
  before?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * How long an idle keep-alive connection stays open on the server side (Node's default: 5 s). A request written onto
 * a socket at the moment the server closes it fails with "socket hang up" (the volume bench saw SERVICE_UNAVAILABLE
 * after a pause). Peers and relays use fetch (undici), which honours the server's `Keep-Alive: timeout` and closes
 * first. The gateway's subgraph calls (make-fetch-happen) keep idle sockets without a limit, so for them a longer
 * timeout makes the race rare (an idle gap of exactly 65 s, not the common 5 s) but does not remove it: giving that
 * agent an idle timeout below this one is the full fix (README, closing note).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** A plain node HTTP server: /graphql, /health, /ready, /metrics, the app's routes, 404 for the rest. */
export function createHttpServer(app: HttpApp): Server {
  function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const started = process.hrtime.bigint();
    // The route label is a known path, never the raw URL (unbounded series).
    const route = ['/health', '/ready', '/metrics', '/graphql'].includes(path) || app.routes?.[path] ? path : 'other';
    // Bound to the request's async context, so the line carries its request id (the socket emits 'close' outside it).
    res.once(
      'close',
      AsyncResource.bind(() => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (app.service) observeHttp(app.service, route, res.statusCode, seconds);
        // One access line per request (with the request id, logger.ts); probes, scrapes and the relays' deliveries
        // between subgraphs (/internal/…, measured as jobs) only at debug.
        const line = {
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          aborted: !res.writableFinished || undefined,
        };
        if (PROBES.has(path) || path.startsWith('/internal/')) accessLog.debug(line, 'request');
        else accessLog.info(line, 'request');
      }),
    );
    if (app.before?.(req, res)) return;
    const done = (p: Promise<void>) =>
      p.catch((e) => {
        if (!res.headersSent) {
          const infra = e instanceof RequestError ? null : infrastructureErrorOf(e);
          if (e instanceof RequestError) {
            countRequestError(app.service, e.code);
            sendError(res, e.code, e.message, e.extra);
          } else if (infra) {
            countRequestError(app.service, String(infra.extensions.code));
            sendError(
              res,
              infra.extensions.code as ErrorCode,
              infra.message,
              infra.extensions as { retryAfter?: number },
            );
          } else {
            countRequestError(app.service, ErrorCode.INTERNAL_SERVER_ERROR);
            httpLog.error({ err: e, path }, 'request failed');
            sendError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
          }
        } else res.destroy();
      });
    if (path === '/health') {
      done(
        app.health().then(
          () => {
            res.setHeader('content-type', 'application/json');
            res.end('{"status":"ok"}');
          },
          () => sendError(res, ErrorCode.SERVICE_UNAVAILABLE, 'Not ready'),
        ),
      );
    } else if (path === '/ready') {
      const ready = app.ready ?? (() => app.health().then(() => ({ ready: true, checks: {} })));
      done(
        ready()
          .catch(() => ({ ready: false, checks: {} }))
          .then((r) => {
            res.statusCode = r.ready ? 200 : 503;
            res.setHeader('content-type', 'application/json');
            if (!r.ready) res.setHeader('retry-after', String(RETRY_AFTER_UNREACHABLE_SECONDS));
            const building = hubBuilding();
            res.end(
              JSON.stringify({
                status: r.ready ? 'ready' : 'not ready',
                checks: r.checks,
                ...(building ? { building } : {}),
              }),
            );
          }),
      );
    } else if (path === '/metrics') {
      // Prometheus text format; counts and timings only, no request content (README, "Metrics").
      done(
        metricsText().then(({ contentType, body }) => {
          res.setHeader('content-type', contentType);
          res.end(body);
        }),
      );
    } else if (path === '/graphql') {
      done(app.graphql(req, res));
    } else if (app.routes?.[path]) {
      done(app.routes[path](req, res));
    } else {
      res.statusCode = 404;
      res.end();
    }
  }
  const server = createServer((req, res) => {
    // The gateway's or the client's id (request-id.ts): answered back, and on every log line of this request.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    withRequestId(requestId, () => handle(req, res), app.service);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or a slow header on a reused socket is cut off first.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** Stops accepting connections and closes idle keep-alive ones, so shutdown does not hang. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
