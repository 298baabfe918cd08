import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';

/**
 * The explorer: GraphiQL bundled with the hub (npm packages `graphiql` 3.8.3 and React 18.3.1 as their prebuilt
 * browser files, pinned in gateway/package.json), served by the gateway from its own origin. Nothing is loaded from
 * a CDN or anywhere else: the page's Content-Security-Policy allows only the hub's own origin. `GET /graphql` from a
 * browser (Accept: text/html, no `query` parameter) gets the page; everything else on /graphql is GraphQL as before.
 *
 * On by default; `HUB_EXPLORER=0` switches it off (README, "Explorer"). The page holds no data: what the schema shows
 * is still decided by `HUB_INTROSPECTION`, and every operation by the caller's token.
 */
export const EXPLORER_ASSET_PREFIX = '/explorer/';

export function explorerEnabledFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.HUB_EXPLORER ?? '1').trim().toLowerCase();
  if (['1', 'on', 'true'].includes(value)) return true;
  if (['0', 'off', 'false'].includes(value)) return false;
  throw new Error(`HUB_EXPLORER must be 1 or 0, not "${env.HUB_EXPLORER}"`);
}

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The files the page loads, by their path under /explorer/ (fixed list: no path from the URL reaches the disk). */
const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.production.min.js': {
    file: () => join(packageDir('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.production.min.js': {
    file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.min.js': { file: () => join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  'explorer.js': { file: () => join(__dirname, '..', 'explorer', 'explorer.js'), type: 'text/javascript' },
};

/**
 * Only the hub's own origin; GraphiQL sets inline styles (panes, resizing), hence 'unsafe-inline' for styles only;
 * its fonts and icons are data: URLs inside its CSS.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Blansko records hub: GraphQL explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${EXPLORER_ASSET_PREFIX}graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_ASSET_PREFIX}react.production.min.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}react-dom.production.min.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}graphiql.min.js"></script>
<script src="${EXPLORER_ASSET_PREFIX}explorer.js"></script>
</body>
</html>
`;

const OFF_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blansko records hub</title></head>
<body><p>This is the GraphQL endpoint of the Blansko records hub: POST operations to it. The explorer is switched off
on this hub (HUB_EXPLORER=0).</p></body></html>
`;

/** A browser asking for a page (not a GraphQL GET, which carries `query`). */
export function wantsExplorer(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!String(req.headers.accept ?? '').includes('text/html')) return false;
  return !new URL(req.url ?? '/', 'http://localhost').searchParams.has('query');
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('x-content-type-options', 'nosniff');
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  res.end(body);
}

/** The explorer page and its files, read once from the installed packages (missing ones fail at start). */
export function explorer(enabled: boolean) {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (enabled)
    for (const [name, a] of Object.entries(ASSETS)) files.set(name, { body: readFileSync(a.file()), type: a.type });
  const pageHeaders = {
    'content-security-policy': EXPLORER_CSP,
    'cache-control': 'no-cache',
    'referrer-policy': 'no-referrer',
  };
  return {
    /** GET /graphql from a browser. */
    page(res: ServerResponse) {
      if (enabled) send(res, 200, 'text/html; charset=utf-8', PAGE, pageHeaders);
      else send(res, 404, 'text/html; charset=utf-8', OFF_PAGE);
    },
    /** The routes of the page's files (none when the explorer is off). */
    routes(): Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> {
      return Object.fromEntries(
        [...files].map(([name, f]) => [
          EXPLORER_ASSET_PREFIX + name,
          async (_req: IncomingMessage, res: ServerResponse) =>
            send(res, 200, `${f.type}; charset=utf-8`, f.body, { 'cache-control': 'public, max-age=3600' }),
        ]),
      );
    },
  };
}
