// Must stay the first import: it switches Apollo's telemetry off before `@apollo/gateway` is loaded.
import './telemetry';

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  HOST,
  ErrorCode,
  RequestError,
  SUBGRAPH_NAMES,
  closeServer,
  createHttpServer,
  inputValidationPlugin,
  listen,
  maskError,
  metricsPlugin,
  portOf,
  readJsonBody,
  serveGraphQL,
  verifyAccessToken,
  type Caller,
  type SubgraphName,
  type TokenKeys,
} from '@hub/kit/gateway';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccountCheck } from './account-check';
import { clientAddressOf, trustedProxies } from './client-address';
import { corsHandler, corsOriginsFromEnv } from './cors';
import { explorer, explorerEnabledFromEnv, wantsExplorer } from './explorer';
import { RequestIdDataSource } from './request-id';
import { HubDataSource, type GatewayContext } from './datasource';
import { InFlightQueries } from './dedup';
import { transportOptionsFromEnv, type SubgraphTransportOptions } from './transport';
import { introspectionModeFromEnv, introspectionOptions, type IntrospectionMode } from './introspection';
import { formatQueryLimitError, queryLimitOptions, queryLimitsFromEnv, type QueryLimits } from './query-limits';
import {
  AUDIT_LOG_EXPORT_PATH,
  AUDIT_LOG_RENDITION_PATH,
  DOCUMENTS_CSV_PATH,
  SIP_PATH,
  STATISTICS_CSV_PATH,
  proxyDownload,
} from './export-proxy';
import {
  BACKUP_SET_DOWNLOAD_PATH,
  BACKUP_SET_UPLOAD_PATH,
  COMPONENT_DOWNLOAD_PATH,
  DELIVERY_PROOF_DOWNLOAD_PATH,
  UPLOAD_PATH,
  proxyBackupSetDownload,
  proxyBackupSetUpload,
  proxyComponentDownload,
  proxyUpload,
} from './uploads';
import { subgraphsReadiness } from './readiness';
import { OperationSafelist, safelistFromEnv } from './safelist';
import { VerifiedTokens } from './token-cache';
import { loadSupergraphSdl } from './supergraph';

export { HubDataSource, SERVICE_UNAVAILABLE_MESSAGE, type GatewayContext } from './datasource';
export { depthLimit, MAX_QUERY_DEPTH, MAX_INTROSPECTION_DEPTH } from './depth-limit';
export { introspectionModeFromEnv, type IntrospectionMode } from './introspection';
export { corsOriginsFromEnv, parseOrigins } from './cors';
export { explorerEnabledFromEnv } from './explorer';
export { DEFAULT_QUERY_LIMITS, operationCost, queryLimitsFromEnv, type QueryLimits } from './query-limits';
export { loadSupergraphSdl } from './supergraph';
export { InFlightQueries } from './dedup';
export { OperationSafelist, safelistFromEnv } from './safelist';
export { transportOptionsFromEnv, type SubgraphTransportOptions } from './transport';

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface GatewayOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default: HUB_GATEWAY_PORT or 4000. */
  port?: number;
  /** Where each subgraph listens. Default: HUB_<NAME>_URL or http://127.0.0.1:<port>/graphql. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /**
   * Verifies the users' bearer tokens (the users subgraph signs them with the current secret; previous secrets
   * still verify, by key id, during a rotation). Default: HUB_TOKEN_SECRET / HUB_TOKEN_PREVIOUS_SECRETS.
   */
  tokenKeys: TokenKeys | string;
  /** The gateway's Ed25519 private key (PEM or KeyObject): signs the caller assertions the subgraphs require. */
  assertionKey: string | KeyObject;
  /** Largest accepted request body. Default: HUB_MAX_BODY_BYTES or 2 MB. */
  maxBodyBytes?: number;
  /** Default: the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** How long a "this account is active" answer is reused. Default: HUB_ACCOUNT_CHECK_SECONDS or 30; 0 checks every request. */
  accountCheckSeconds?: number;
  /** Cost, alias, token, directive and depth limits. Default: HUB_MAX_QUERY_COST, … (query-limits.ts), else DEFAULT_QUERY_LIMITS. */
  queryLimits?: Partial<QueryLimits>;
  /** Who may introspect. Default: HUB_INTROSPECTION, else `authenticated` under NODE_ENV=production and `all` otherwise. */
  introspection?: IntrospectionMode;
  /** Serve the bundled explorer on a browser's GET /graphql (explorer.ts). Default: HUB_EXPLORER, else on. */
  explorer?: boolean;
  /** Origins whose browser apps may call the hub (cors.ts). Default: HUB_CORS_ORIGINS, else none. */
  corsOrigins?: string[];
  /** Subgraph connections: pool size, idle and request timeouts. Default: HUB_SUBGRAPH_* (transport.ts). */
  subgraphTransport?: Partial<SubgraphTransportOptions>;
  /** Share one fetch among identical concurrent subgraph queries of one caller (dedup.ts). Default: HUB_SUBGRAPH_DEDUP, on unless `0`. */
  dedup?: boolean;
  /** Safelist mode: only the operations of this register run (safelist.ts). Default: HUB_OPERATION_SAFELIST, else off. */
  safelist?: OperationSafelist;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** The in-flight deduplication shared by the data sources (its counters). */
  inFlight: InFlightQueries;
  stop(): Promise<void>;
}

export function defaultSubgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`HUB_${name.toUpperCase()}_URL`] || `http://${HOST}:${portOf(name, env)}/graphql`;
}

export const INVALID_TOKEN_MESSAGE = 'The access token is invalid or has expired: sign in again';

/**
 * The caller of a request: null without an Authorization header (anonymous: subgraphs allow only `login`).
 * A header that is present but not a valid, unexpired bearer token is refused rather than treated as
 * anonymous, so a client with a stale token learns it at once.
 */
export async function callerOf(
  req: IncomingMessage,
  tokenKeys: TokenKeys | string | VerifiedTokens,
): Promise<Caller | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const caller = match
    ? await (tokenKeys instanceof VerifiedTokens ? tokenKeys.verify(match[1]) : verifyAccessToken(match[1], tokenKeys))
    : null;
  if (!caller) throw new RequestError(ErrorCode.UNAUTHENTICATED, INVALID_TOKEN_MESSAGE);
  return caller;
}

/**
 * Starts the hub gateway on loopback: the supergraph over the four subgraphs, /graphql, /health and the
 * streamed download of the transaction log (`GET /exports/audit-log.xml?from=…&to=…`, proxied to filing).
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, opts.subgraphUrls?.[name] ?? defaultSubgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  const maxBody = opts.maxBodyBytes ?? (Number(process.env.HUB_MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES);
  const checkSeconds = opts.accountCheckSeconds ?? Number(process.env.HUB_ACCOUNT_CHECK_SECONDS ?? 30);
  // Imported once: PEM parsing per request would cost more than the signature.
  const assertionKey =
    typeof opts.assertionKey === 'string'
      ? createPrivateKey(opts.assertionKey.replace(/\\n/g, '\n'))
      : opts.assertionKey;
  const accounts = new AccountCheck(urls.users, assertionKey, checkSeconds * 1000);
  const tokens = new VerifiedTokens(opts.tokenKeys);
  const proxies = trustedProxies();
  const limits = queryLimitOptions({ ...queryLimitsFromEnv(), ...opts.queryLimits });
  const introspection = introspectionOptions(opts.introspection ?? introspectionModeFromEnv());
  const cors = corsHandler(opts.corsOrigins ?? corsOriginsFromEnv());
  const explorerPage = explorer(opts.explorer ?? explorerEnabledFromEnv());
  const safelist = opts.safelist ?? safelistFromEnv();

  const transport = { ...transportOptionsFromEnv(), ...opts.subgraphTransport };
  const inFlight = new InFlightQueries(opts.dedup ?? process.env.HUB_SUBGRAPH_DEDUP !== '0');
  const dataSources: HubDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? loadSupergraphSdl(),
    // The URLs in the supergraph are only the defaults; the ones given here win.
    // With the request id of the client's request (request-id.ts).
    buildService: ({ name, url }) => {
      const source = new RequestIdDataSource(name, urls[name as SubgraphName] ?? url!, assertionKey, undefined, {
        transport,
        inFlight,
      });
      dataSources.push(source);
      return source;
    },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: (formatted, error) => maskError(formatQueryLimitError(formatted, error), error),
    includeStacktraceInErrorResponses: false,
    // Query limits: refused before any subgraph is called (query-limits.ts); who may introspect (introspection.ts).
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    introspection: introspection.introspection,
    // main.ts owns signal handling (Apollo's own handler would re-raise the signal mid-shutdown).
    stopOnTerminationSignals: false,
    // Nothing leaves the machine, even when an APOLLO_KEY happens to be in the environment.
    // Size limits first (a refusal costs milliseconds), then text no field may hold (NUL, controls, lone surrogates,
    // bidi overrides) is refused before planning.
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // The hub serves its own explorer (explorer.ts); Apollo's landing pages load their scripts from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      ...introspection.plugins,
      inputValidationPlugin<GatewayContext>(),
      metricsPlugin<GatewayContext>('gateway'),
    ],
  });
  await apollo.start();
  let ready = true;

  const http = createHttpServer({
    service: 'gateway',
    // CORS before anything else: a preflight is answered here (cors.ts).
    before: cors,
    health: async () => {
      if (!ready) throw new Error('gateway is not ready');
    },
    // Ready when every subgraph is (readiness.ts); /health stays liveness.
    ready: async () => (ready ? subgraphsReadiness(urls) : { ready: false, checks: { gateway: 'stopping' } }),
    graphql: async (req, res) => {
      // A browser opening the endpoint: the explorer page (no token needed for a page holding no data).
      if (wantsExplorer(req)) return explorerPage.page(res);
      const caller = await callerOf(req, tokens);
      if (caller) await accounts.assertActive(caller);
      const raw = await readJsonBody(req, maxBody);
      const body = safelist ? safelist.admit(req, raw) : raw;
      // The client's address travels to the subgraphs inside the signed assertion (sign-in throttling; client-address.ts).
      await serveGraphQL(apollo, req, res, body, async () => ({
        caller,
        clientAddress: clientAddressOf(req, proxies),
        credential: req.headers.authorization ?? null,
      }));
    },
    // Downloads streamed from filing (too big for a GraphQL string): the log of a period, a daily rendition, a SIP, CSV files.
    // Components' bytes: uploads streamed to filing (not the JSON body limit), downloads (and delivery proofs') streamed back.
    routes: {
      ...explorerPage.routes(),
      ...Object.fromEntries(
        [AUDIT_LOG_EXPORT_PATH, AUDIT_LOG_RENDITION_PATH, SIP_PATH, DOCUMENTS_CSV_PATH, STATISTICS_CSV_PATH].map(
          (path) => [
            path,
            async (req: IncomingMessage, res: ServerResponse) => {
              const caller = await callerOf(req, tokens);
              if (caller) await accounts.assertActive(caller);
              await proxyDownload(req, res, caller, urls.filing, assertionKey);
            },
          ],
        ),
      ),
      ...Object.fromEntries(
        (
          [
            [UPLOAD_PATH, proxyUpload, urls.filing],
            [COMPONENT_DOWNLOAD_PATH, proxyComponentDownload, urls.filing],
            [DELIVERY_PROOF_DOWNLOAD_PATH, proxyComponentDownload, urls.filing],
            // Backup-only municipalities' backup sets (issue 12): archives' routes.
            [BACKUP_SET_UPLOAD_PATH, proxyBackupSetUpload, urls.archives],
            [BACKUP_SET_DOWNLOAD_PATH, proxyBackupSetDownload, urls.archives],
          ] as const
        ).map(([path, proxy, url]) => [
          path,
          async (req: IncomingMessage, res: ServerResponse) => {
            const caller = await callerOf(req, tokens);
            if (caller) await accounts.assertActive(caller);
            try {
              await proxy(req, res, caller, url, assertionKey);
            } finally {
              // An upload writes (and a download writes its audit event): queries from now on fetch anew (dedup.ts).
              inFlight.noteWrite();
            }
          },
        ]),
      ),
    },
  });

  let port: number;
  try {
    port = await listen(http, opts.port ?? portOf('gateway'), HOST);
  } catch (e) {
    await apollo.stop();
    throw e;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}/graphql`,
    port,
    inFlight,
    stop() {
      stopping ??= (async () => {
        ready = false;
        await closeServer(http);
        await apollo.stop();
        await Promise.all(dataSources.map((s) => s.close()));
      })();
      return stopping;
    },
  };
}
