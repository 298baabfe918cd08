import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { hubBuilding } from './config';
import type { HubORM } from './orm';

/**
 * Prometheus metrics of a hub process (prom-client), served at `GET /metrics` by every process (http.ts). One
 * registry per process; every hub metric has a `service` label because the tests run several services in one
 * process (in production a process is one service). What is measured and why is in the README, "Metrics".
 */
export const metricsRegistry = new Registry();

/** Latency buckets (seconds): sign-in is deliberately slow (hashing), a query plan with hops ~10–100 ms. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const graphqlDuration = new Histogram({
  name: 'hub_graphql_request_duration_seconds',
  help: 'GraphQL requests by operation name and type: latency, and (its _count) the request rate',
  labelNames: ['service', 'operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const graphqlErrors = new Counter({
  name: 'hub_graphql_errors_total',
  help: 'Errors answered to clients, by extensions.code (as the client saw it, after masking) and operation name',
  labelNames: ['service', 'operation', 'code'] as const,
  registers: [metricsRegistry],
});

const httpRequests = new Counter({
  name: 'hub_http_requests_total',
  help: 'HTTP requests by route and status (GraphQL, downloads, uploads, health checks)',
  labelNames: ['service', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: 'hub_http_request_duration_seconds',
  help: 'HTTP request latency by route, until the answer is written (streamed downloads included)',
  labelNames: ['service', 'route'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const jobDuration = new Histogram({
  name: 'hub_job_duration_seconds',
  help: 'Background jobs (outbox relay rounds, sweeps, renditions) by job and outcome (ok, error)',
  labelNames: ['service', 'job', 'outcome'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
  registers: [metricsRegistry],
});

const outboxPending = new Gauge({
  name: 'hub_outbox_pending_events',
  help: 'Audit events of this service not yet shipped to the transaction log, as of the relay round that last ran (relay lag)',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});

const outboxShipped = new Counter({
  name: 'hub_outbox_shipped_events_total',
  help: 'Audit events shipped to the transaction log by the outbox relay',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});

new Gauge({
  name: 'hub_building_info',
  help: 'The building this process runs in (HUB_BUILDING; empty when unset): always 1, the building is the label',
  labelNames: ['building'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    this.set({ building: hubBuilding() ?? '' }, 1);
  },
});

/** ORMs whose connection pools are reported, by service. */
const pools = new Map<HubORM, string>();

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

function poolOf(orm: HubORM): TarnPool | undefined {
  try {
    // knex's tarn pool (MikroORM exposes knex; the libsql dialect has one too, of one connection).
    const pool = (orm.em.getConnection() as unknown as { getKnex(): { client: { pool?: TarnPool } } }).getKnex().client
      .pool;
    return pool && typeof pool.numUsed === 'function' ? pool : undefined;
  } catch {
    return undefined;
  }
}

new Gauge({
  name: 'hub_db_pool_connections',
  help: 'Database connection pool (knex/tarn): connections in use, free, requests waiting for one, connections being opened; max',
  labelNames: ['service', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [orm, service] of pools) {
      const pool = poolOf(orm);
      if (!pool) continue;
      this.set({ service, state: 'used' }, pool.numUsed());
      this.set({ service, state: 'free' }, pool.numFree());
      this.set({ service, state: 'pending_acquires' }, pool.numPendingAcquires());
      this.set({ service, state: 'pending_creates' }, pool.numPendingCreates());
      this.set({ service, state: 'max' }, pool.max);
    }
  },
});

/** Reports `orm`'s pool under `service` until the returned function is called (at shutdown). */
export function watchPool(service: string, orm: HubORM): () => void {
  pools.set(orm, service);
  return () => void pools.delete(orm);
}

let defaultsOn = false;

/** The exposition text of the process's metrics (with Node's process metrics: CPU, memory, event loop lag, GC). */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  // At the first scrape, not at import: tests and tools that never scrape start no event-loop monitor.
  if (!defaultsOn) {
    defaultsOn = true;
    collectDefaultMetrics({ register: metricsRegistry });
  }
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

// -------------------------------------------------------------------------------------------------------------
// Labels

/** Distinct operation names kept per service; beyond it `(other)`, so clients cannot grow the series without bound. */
export const MAX_OPERATION_NAMES = 500;
const operationNames = new Map<string, Set<string>>();
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** The `operation` label: the operation's name as resolved; `(anonymous)`, `(invalid)` (not parsed) or `(other)`. */
export function operationLabel(service: string, name: string | null | undefined, resolved: boolean): string {
  if (!resolved) return '(invalid)';
  if (!name) return '(anonymous)';
  if (!GRAPHQL_NAME.test(name)) return '(other)';
  let names = operationNames.get(service);
  if (!names) operationNames.set(service, (names = new Set()));
  if (names.has(name)) return name;
  if (names.size >= MAX_OPERATION_NAMES) return '(other)';
  names.add(name);
  return name;
}

// -------------------------------------------------------------------------------------------------------------
// Recording

/**
 * Apollo Server plugin: latency per operation and errors by code. `willSendResponse` sees the errors as formatted
 * (masked by formatError) for the client, so the codes are the public ones.
 */
export function metricsPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const op = operationLabel(service, operationName, !!operation);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          graphqlDuration.observe({ service, operation: op, type: operation?.operation ?? 'none' }, seconds);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const e of errors ?? []) {
            const code = e.extensions?.code;
            graphqlErrors.inc({
              service,
              operation: op,
              code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
            });
          }
        },
      };
    },
  };
}

/** A request-level refusal written outside Apollo (http.ts sendError: 401, 413, 503, 504 before execution). */
export function countRequestError(service: string | undefined, code: string): void {
  if (service) graphqlErrors.inc({ service, operation: '(none)', code });
}

/** One HTTP request answered: `route` is a known path or `other` (never the raw URL: unbounded). */
export function observeHttp(service: string, route: string, status: number, seconds: number): void {
  httpRequests.inc({ service, route, status: String(status) });
  httpDuration.observe({ service, route }, seconds);
}

/** Starts timing one run of a background job; call the result with its outcome when it ends. */
export function startJobTimer(service: string, job: string): (outcome: 'ok' | 'error') => void {
  const end = jobDuration.startTimer({ service, job });
  return (outcome) => void end({ outcome });
}

/** Times one run of a background job; the job's result or error passes through. */
export async function timeJob<T>(service: string, job: string, fn: () => Promise<T>): Promise<T> {
  const end = jobDuration.startTimer({ service, job });
  try {
    const result = await fn();
    end({ outcome: 'ok' });
    return result;
  } catch (e) {
    end({ outcome: 'error' });
    throw e;
  }
}

/** The outbox relay's progress after a round (outbox.ts). */
export function recordOutbox(service: string, shipped: number, pending: number | undefined): void {
  if (shipped) outboxShipped.inc({ service }, shipped);
  if (pending !== undefined) outboxPending.set({ service }, pending);
}
