import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import {
  CALLER_HEADER,
  GRAPHQL_ROUTE,
  SERVICE_HEADER,
  subgraphKeysFromEnv,
  verifyCallerAssertion,
  verifyServiceAssertion,
  type Caller,
  type SubgraphKeys,
} from './auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST, databaseTarget, portOf, type DatabaseTarget, type SubgraphName } from './config';
import type { SubgraphContext } from './context';
import { requestTimeoutMs, runWithinBudget } from './budget';
import { ErrorCode, TIMEOUT_MESSAGE, maskError } from './errors';
import { inputValidationPlugin } from './input-validation';
import { logger, setServiceName } from './logger';
import { metricsPlugin, watchPool } from './metrics';
import { currentRequestId } from './request-id';
import {
  RequestError,
  closeServer,
  createHttpServer,
  listen,
  readJsonBody,
  serveGraphQL,
  type Readiness,
} from './http';
import type { AppendOnlyTable } from './append-only';
import { prepareSchema, type MigrationObject } from './migrations';
import { initORM, type HubORM } from './orm';
import { httpShip, startOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type ShipFn } from './outbox';
import { httpPeers, type Peers } from './peers';
import { scopeToTenant } from './tenant';

/** Everything that makes one subgraph; `runSubgraph` and the tests build servers from it. */
export interface SubgraphDefinition<C extends SubgraphContext = SubgraphContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** Codegen-typed resolvers (`Resolvers<C>` of the subgraph's generated types). */
  resolvers: object;
  entities: EntitySchema[];
  /** The MariaDB schema as versioned migrations, oldest first (src/migrations/index.ts; kit migrations.ts). */
  migrations?: MigrationObject[];
  /** Tables besides `audit_event` that database triggers keep append-only (kit append-only.ts). */
  appendOnly?: AppendOnlyTable[];
  /** Adds the subgraph's per-request DataLoaders to the base context. */
  createContext(base: SubgraphContext): C;
  /** Inserts the demo data set when the database is empty; must be idempotent. */
  seedDemo?(orm: HubORM): Promise<void>;
  /**
   * Brings rows written by an older version up to what the code expects (runs after the schema is checked, at
   * every start, with the runtime account: data only, no DDL); must be idempotent and cheap when there is nothing to do.
   */
  upgradeData?(orm: HubORM): Promise<void>;
  /**
   * Endpoints besides /graphql (exact paths), e.g. streamed downloads or internal service endpoints. Each gets
   * who is calling: `caller` from the gateway's assertion for this subgraph and this path (undefined when there is
   * none) and `service` from a service assertion for this subgraph and path (null when there is none); the handler
   * decides whom it serves.
   */
  routes?(orm: HubORM): Record<string, (req: IncomingMessage, res: ServerResponse, from: RouteCaller) => Promise<void>>;
  /** Background work started with the server and stopped with it. */
  background?(orm: HubORM): { stop(): Promise<void> };
  /**
   * How this subgraph's audit outbox reaches the transaction log. Default: POST to filing's `/internal/audit-log`
   * as the service; filing itself ingests in-process.
   */
  shipAuditEvents?(orm: HubORM): ShipFn;
}

export interface RouteCaller {
  caller: Caller | null | undefined;
  service: string | null;
  /** The raw `x-hub-caller` header as received. */
  assertion: string | undefined;
  /** The client's address the gateway saw (from the verified assertion); null/absent when unknown. */
  clientAddress?: string | null;
  /**
   * Other subgraphs asked as this caller (as GraphQL resolvers ask them), for routes that need data another
   * subgraph owns (e.g. filing's SIP needs the municipality's name and IČO); absent without a caller assertion.
   */
  peers?: Peers;
}

/** Reads `schema/<name>.graphql`, the subgraph's SDL (source of truth for codegen and composition). */
export function loadSchema(name: string, from = __dirname): DocumentNode {
  let dir = from;
  while (!existsSync(join(dir, 'schema', `${name}.graphql`))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`schema/${name}.graphql not found above ${from}`);
    dir = up;
  }
  return parse(readFileSync(join(dir, 'schema', `${name}.graphql`), 'utf8'));
}

export function createSubgraphServer<C extends SubgraphContext>(def: SubgraphDefinition<C>): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers as never }]),
    formatError: (formatted, error) => maskError(formatted, error),
    includeStacktraceInErrorResponses: false,
    // main() owns shutdown: Apollo's own handler would re-raise SIGTERM before the ORM is closed.
    stopOnTerminationSignals: false,
    // Federated traces (ftv1) are only for Apollo's cloud reporting, which the hub does not use; they cost per request.
    plugins: [ApolloServerPluginInlineTraceDisabled(), inputValidationPlugin(), metricsPlugin(def.name)],
  });
}

/** The context of one request: a fresh EntityManager fork scoped to the caller's tenant, fresh loaders. */
export function contextFor<C extends SubgraphContext>(
  def: SubgraphDefinition<C>,
  orm: HubORM,
  caller: Caller | null,
  peers: Peers,
  clientAddress: string | null = null,
): C {
  const em = orm.em.fork();
  if (caller?.municipalityId) scopeToTenant(em, caller.municipalityId);
  return def.createContext({ caller, em, requestId: currentRequestId() ?? randomUUID(), peers, clientAddress });
}

export interface RunningSubgraph {
  url: string;
  port: number;
  orm: HubORM;
  /** The outbox relay (shipping audit events into the transaction log), unless disabled. */
  relay?: OutboxRelay;
  stop(): Promise<void>;
}

export interface RunOptions {
  port?: number;
  db?: DatabaseTarget;
  /** Keys to check callers and sign peer/service assertions. Default: from the environment (subgraphKeysFromEnv). */
  keys?: SubgraphKeys;
  /** Seed the demo data set when the database is empty (default: true unless HUB_SEED_DEMO=0). */
  seedDemo?: boolean;
  /** Body limit; the gateway enforces the public one, this only protects against direct abuse. */
  maxBodyBytes?: number;
  /** The audit outbox relay: on by default (off with `false` or HUB_AUDIT_RELAY=0); an object tunes it. */
  relay?: boolean | Pick<OutboxRelayOptions, 'intervalMs' | 'idlePollMs' | 'batchSize' | 'maxBackoffMs'>;
  /** Time budget of one GraphQL request (budget.ts). Default: HUB_REQUEST_TIMEOUT_MS or 10 s. */
  requestTimeoutMs?: number;
}

/** How long /ready waits for the database before calling it unreachable. */
export const READY_DATABASE_TIMEOUT_MS = 2_000;

/** /ready of a subgraph: can it reach its database now (a trivial statement, bounded in time)? */
export async function databaseReadiness(orm: HubORM, timeoutMs = READY_DATABASE_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const database = await Promise.race([
    orm.em
      .getConnection()
      .execute('select 1')
      .then(
        () => 'ok',
        () => 'unreachable',
      ),
    new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  return { ready: database === 'ok', checks: { database } };
}

/** Starts a subgraph on loopback: ORM, schema, demo data, HTTP. Only the gateway may call it. */
export async function runSubgraph<C extends SubgraphContext>(
  def: SubgraphDefinition<C>,
  opts: RunOptions = {},
): Promise<RunningSubgraph> {
  const keys = opts.keys ?? subgraphKeysFromEnv();
  const orm = await initORM({ db: opts.db ?? databaseTarget(def.name), entities: def.entities });
  // SQLite: builds the schema; MariaDB: only checks that `npm run db:migrate` brought it to this release.
  await prepareSchema(orm, def).catch(async (e) => {
    await orm.close(true);
    throw e;
  });
  await def.upgradeData?.(orm);
  if ((opts.seedDemo ?? process.env.HUB_SEED_DEMO !== '0') && def.seedDemo) await def.seedDemo(orm);

  const apollo = createSubgraphServer(def);
  await apollo.start();
  const maxBody = opts.maxBodyBytes ?? 16 * 1024 * 1024;

  const routes = Object.fromEntries(
    Object.entries(def.routes?.(orm) ?? {}).map(([path, handle]) => [
      path,
      async (req: IncomingMessage, res: ServerResponse) => {
        // Both assertions are bound to this subgraph and this path: one minted for another route or subgraph fails.
        const target = { subgraph: def.name, route: path };
        const assertion = header(req.headers[CALLER_HEADER]);
        const call = await verifyCallerAssertion(assertion, keys, target);
        return handle(req, res, {
          caller: call ? call.caller : undefined,
          service: await verifyServiceAssertion(header(req.headers[SERVICE_HEADER]), keys.serviceSecret, target),
          assertion,
          clientAddress: call?.clientAddress ?? null,
          peers: call ? httpPeers(call, def.name, keys.peerSecret) : undefined,
        });
      },
    ]),
  );
  const work = def.background?.(orm);

  const budgetMs = opts.requestTimeoutMs ?? requestTimeoutMs();
  const unwatchPool = watchPool(def.name, orm);
  const http = createHttpServer({
    service: def.name,
    routes,
    // Liveness only: a database outage is for /ready to report; restarting the process would not cure it.
    health: async () => undefined,
    ready: () => databaseReadiness(orm),
    graphql: async (req, res) => {
      // Checked once, on arrival: the assertion must be the gateway's (or a peer's wrapping it) for this subgraph's
      // GraphQL endpoint, and fresh.
      const call = await verifyCallerAssertion(header(req.headers[CALLER_HEADER]), keys, {
        subgraph: def.name,
        route: GRAPHQL_ROUTE,
      });
      if (call === undefined)
        throw new RequestError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
      const body = await readJsonBody(req, maxBody);
      // Streamed downloads and exports (`routes`) have no budget: their length depends on the size of what they send.
      await runWithinBudget(
        budgetMs,
        () =>
          serveGraphQL(apollo, req, res, body, async () =>
            contextFor(def, orm, call.caller, httpPeers(call, def.name, keys.peerSecret), call.clientAddress),
          ),
        () => new RequestError(ErrorCode.TIMEOUT, TIMEOUT_MESSAGE),
      );
    },
  });
  const port = await listen(http, opts.port ?? portOf(def.name), HOST);
  const relayOn = opts.relay !== undefined ? opts.relay !== false : process.env.HUB_AUDIT_RELAY !== '0';
  const relay = relayOn
    ? startOutboxRelay({
        ...(typeof opts.relay === 'object' ? opts.relay : {}),
        orm,
        source: def.name,
        ship: def.shipAuditEvents?.(orm) ?? httpShip(keys.serviceSecret),
      })
    : undefined;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}/graphql`,
    port,
    orm,
    relay,
    stop() {
      stopping ??= (async () => {
        await closeServer(http);
        await relay?.stop();
        await work?.stop();
        await apollo.stop();
        unwatchPool();
        await orm.close();
      })();
      return stopping;
    },
  };
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Entry point of a subgraph process: runs until SIGINT/SIGTERM, then shuts down cleanly. */
export function main<C extends SubgraphContext>(def: SubgraphDefinition<C>) {
  process.env.NODE_ENV ??= 'production';
  setServiceName(def.name);
  runSubgraph(def).then(
    (s) => {
      logger.child({ component: def.name }).info({ url: s.url }, 'listening');
      const stop = () => {
        s.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e) => {
      logger.child({ component: def.name }).fatal({ err: e }, 'failed to start');
      process.exit(1);
    },
  );
}
