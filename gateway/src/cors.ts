import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS of the gateway: which other origins' browser apps may call the hub (`HUB_CORS_ORIGINS`, exact origins,
 * comma-separated; none by default, so only pages of the hub's own origin, such as the explorer).
 *
 * Credentials policy: the hub uses no cookies; a browser app sends its token in the `Authorization` header, which
 * is an allowed request header here. `Access-Control-Allow-Credentials` is therefore never sent: a page of another
 * origin cannot make the browser attach anything it holds for the hub, and only origins in the list can read an
 * answer at all. Apollo's CSRF prevention stays on behind this: a simple (non-preflighted) request is refused
 * whatever its origin.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
];
export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];
/** What a browser app may read of an answer besides the CORS-safelisted headers (downloads' hashes, retries). */
export const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'content-disposition',
  'x-content-sha256',
  'x-hub-seal-signature',
  'x-hub-seal-algorithm',
  'x-hub-seal-key-id',
];
/** How long a browser may cache a preflight answer (seconds). */
export const CORS_MAX_AGE_SECONDS = 600;

/** The allowlist from `HUB_CORS_ORIGINS`; an entry that is not an origin (`scheme://host[:port]`) stops the start. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return parseOrigins(env.HUB_CORS_ORIGINS ?? '');
}

export function parseOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of origins) {
    let origin: string | undefined;
    try {
      origin = new URL(o).origin;
    } catch {
      origin = undefined;
    }
    // Exactly an origin: no path, no trailing slash, no wildcard (a wildcard would let any site read answers).
    if (origin !== o || !/^https?:$/.test(new URL(o).protocol)) {
      throw new Error(
        `HUB_CORS_ORIGINS: "${o}" is not an origin such as https://spisy.example.cz or http://127.0.0.1:5173`,
      );
    }
  }
  return origins;
}

/**
 * The gateway's `before` hook (kit http.ts): answers preflights (204 for a listed origin, 403 otherwise) and adds
 * the CORS headers to the answers of listed origins. Other origins' actual requests are served without CORS headers,
 * so the browser keeps the answer from the page (and, being non-simple, they never get past a refused preflight).
 */
export function corsHandler(allowed: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const origins = new Set(allowed);
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    res.setHeader('vary', 'Origin');
    const listed = origins.has(origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight) {
      if (!listed) {
        res.statusCode = 403;
        res.end();
        return true;
      }
      res.statusCode = 204;
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-methods', CORS_ALLOWED_METHODS.join(', '));
      res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
      res.setHeader('access-control-max-age', String(CORS_MAX_AGE_SECONDS));
      res.end();
      return true;
    }
    if (listed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
    }
    return false;
  };
}
