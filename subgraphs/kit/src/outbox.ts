import { EntitySchema, UniqueConstraintViolationException, type EventSubscriber } from '@mikro-orm/core';
import { AuditEvent } from './audit';
import { SERVICE_HEADER, signServiceAssertion } from './auth';
import { HOST, portOf } from './config';
import { SequenceCounter } from './counters';
import { startJobLease, type JobLeaseKeeper } from './lease';
import { logger } from './logger';
import { recordOutbox, startJobTimer } from './metrics';
import type { HubORM } from './orm';
import { scopeToTenant } from './tenant';

/**
 * The outbox of the transaction log (docs/architecture.md, "Audit log").
 *
 * Every subgraph writes its audit events into its own `audit_event` table, in the transaction of the change
 * (`recordAudit`). That table is the outbox: within one subgraph and municipality, `AuditEvent.sequence` is
 * gapless and becomes visible in order (the `audit:<municipality>` counter row stays locked until commit), so
 * "shipped through sequence N" per municipality says exactly what has reached the log. The relay below moves
 * the events to filing's log and advances that cursor only after the log has acknowledged them: a crash
 * in between re-sends, and the log drops what it already has (unique source + event id).
 */
export class OutboxCursor {
  municipalityId!: string;
  /** The highest `AuditEvent.sequence` of the municipality that the transaction log has acknowledged. */
  shippedThrough!: number;
}

export const OutboxCursorSchema = new EntitySchema<OutboxCursor>({
  class: OutboxCursor,
  tableName: 'outbox_cursor',
  properties: {
    municipalityId: { type: 'uuid', primary: true },
    shippedThrough: { type: 'integer' },
  },
});

/**
 * Delivers one municipality's events, in sequence order, to the transaction log. Must be idempotent at the
 * receiver: after a crash the same events are sent again. Resolves once the log has them.
 */
export type ShipFn = (source: string, events: AuditEvent[]) => Promise<void>;

export interface OutboxRelayOptions {
  orm: HubORM;
  /** The subgraph whose outbox this is (stored as `LogEntry.source`). */
  source: string;
  ship: ShipFn;
  /** How often the loop looks whether there is work (default 500 ms). */
  intervalMs?: number;
  /**
   * How often it reads the database without a local commit having woken it (default 5 s): catches events written
   * by another process on the same database, and what an earlier process left behind.
   */
  idlePollMs?: number;
  /** Events per delivery (default 500). */
  batchSize?: number;
  /** Longest wait between retries after a failure (default 30 s). */
  maxBackoffMs?: number;
  /** Failures of delivery (default: the hub logger, component `outbox`); `err` is described without bound values. */
  log?: (message: string, err?: unknown) => void;
  /**
   * The loop runs only while this process holds the job lease `outbox:<source>` (lease.ts): one relay per
   * deployment, whichever building its processes are in. Default: a lease with HUB_JOB_LEASE_TTL_SECONDS; `false`
   * runs without one (tests of a single relay). `flush()` never waits for the lease: it is an explicit request,
   * and a second relay is harmless (the cursor only moves forward, the log drops duplicates).
   */
  lease?: JobLeaseKeeper | false;
}

export interface OutboxRelay {
  /** Ships everything that is waiting now, round after round, until nothing is left; rejects if a delivery failed. */
  flush(): Promise<number>;
  /** Stops the loop from starting rounds (waits for one in flight); `flush()` still works. */
  pause(): Promise<void>;
  resume(): void;
  /** Stops the loop; waits for a round in flight. Idempotent. */
  stop(): Promise<void>;
}

interface RoundResult {
  shipped: number;
  /** A municipality still had events after this round. */
  more: boolean;
  error: unknown;
}

/**
 * Starts the relay loop. The loop does not read the database on every tick: it works when a transaction of this
 * process committed since the last round (subscriber below; every audit event commits in such a transaction),
 * when a failed delivery is due for retry, when the last round left work, and otherwise every `idlePollMs`.
 */
export function startOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const { orm, source, ship } = opts;
  const intervalMs = opts.intervalMs ?? 500;
  const idlePollMs = opts.idlePollMs ?? 5_000;
  const batchSize = opts.batchSize ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const relayLog = logger.child({ component: 'outbox', source });
  const log = opts.log ?? ((m: string, err?: unknown) => relayLog.warn(err === undefined ? {} : { err }, m));
  const lease =
    opts.lease === false ? undefined : (opts.lease ?? startJobLease(orm, `outbox:${source}`, { service: source }));

  let dirty = true; // a first round at start ships what a previous process left behind
  let nextPollAt = 0;
  let retryAt = 0;
  let backoff = 0;
  let failures = 0;
  let paused = false;
  let stopped = false;
  let busy = false;
  let queue: Promise<unknown> = Promise.resolve();

  const wake: EventSubscriber = {
    afterTransactionCommit: () => {
      if (!stopped) dirty = true;
    },
  };
  orm.em.getEventManager().registerSubscriber(wake);

  /** Runs `fn` after whatever round is in flight, never two at once. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      busy = true;
      try {
        return await fn();
      } finally {
        busy = false;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function round(): Promise<RoundResult> {
    dirty = false; // commits from here on wake the next round
    const result: RoundResult = { shipped: 0, more: false, error: null };
    const em = orm.em.fork();
    // Across tenants on purpose (`filters: false`): the relay moves the events of every municipality. It only
    // reads them, and writes each cursor through a fork scoped to that municipality (tenant write guard).
    const heads = await em.find(SequenceCounter, { name: { $like: 'audit:%' } }, { disableIdentityMap: true });
    if (heads.length === 0) {
      recordOutbox(source, 0, 0);
      return result;
    }
    const cursors = await em.find(OutboxCursor, {}, { filters: false, disableIdentityMap: true });
    const shipped = new Map(cursors.map((c) => [c.municipalityId, c.shippedThrough]));
    // The relay's lag in events: what every municipality's counter says was written, less what was shipped.
    let pending = 0;
    for (const head of heads)
      pending += Math.max(0, head.currentValue - (shipped.get(head.name.slice('audit:'.length)) ?? 0));
    for (const head of heads) {
      if (stopped) break;
      const municipalityId = head.name.slice('audit:'.length);
      const through = shipped.get(municipalityId) ?? 0;
      if (head.currentValue <= through) continue;
      try {
        const events = await em.find(
          AuditEvent,
          { municipalityId, sequence: { $gt: through } },
          { filters: false, orderBy: { sequence: 'asc' }, limit: batchSize, disableIdentityMap: true },
        );
        // Only an unbroken run from the cursor on: a gap would be skipped for ever once the cursor passed it.
        let n = 0;
        while (n < events.length && events[n].sequence === through + n + 1) n++;
        if (n === 0) {
          if (events.length > 0)
            throw new Error(
              `event ${through + 1} of municipality ${municipalityId} is missing from the outbox; not skipping it`,
            );
          continue;
        }
        const batch = events.slice(0, n).map(plain);
        await ship(source, batch);
        await advanceCursor(orm, municipalityId, batch[n - 1].sequence);
        result.shipped += n;
        pending -= n;
        if (batch[n - 1].sequence < head.currentValue) result.more = true;
      } catch (e) {
        result.error ??= e;
      }
    }
    recordOutbox(source, result.shipped, pending);
    return result;
  }

  /** Rounds until nothing is left or a delivery failed. */
  async function drain(): Promise<RoundResult> {
    const total: RoundResult = { shipped: 0, more: false, error: null };
    const timer = startJobTimer(source, 'outbox-relay');
    for (;;) {
      let r: RoundResult;
      try {
        r = await round();
      } catch (e) {
        r = { shipped: 0, more: false, error: e };
      }
      total.shipped += r.shipped;
      total.more = r.more;
      total.error = r.error;
      if (r.error || !r.more || stopped) break;
    }
    timer(total.error ? 'error' : 'ok');
    const now = Date.now();
    nextPollAt = now + idlePollMs;
    if (total.error) {
      dirty = true;
      failures++;
      backoff = Math.min(backoff ? backoff * 2 : intervalMs, maxBackoffMs);
      retryAt = now + backoff;
      if (failures === 1 || failures % 20 === 0) {
        log(`could not ship audit events (attempt ${failures}; retrying in ${backoff} ms)`, total.error);
      }
    } else {
      if (failures > 0) log(`shipping audit events again after ${failures} failed attempt(s)`);
      failures = 0;
      backoff = 0;
      retryAt = 0;
    }
    return total;
  }

  const timer = setInterval(() => {
    if (paused || stopped || busy) return;
    const now = Date.now();
    if (now < retryAt) return;
    if (!dirty && now < nextPollAt) return;
    busy = true; // until the lease answered: no second tick starts meanwhile
    void (async () => {
      const mine = lease ? await lease.ensure().catch(() => false) : true;
      busy = false;
      // Another process holds the lease and ships; this one asks again in a second (the lease's own renewal timer
      // takes it over once the holder is gone).
      if (!mine) retryAt = Date.now() + 1_000;
      if (!mine || paused || stopped) return;
      await exclusive(drain);
    })().catch((e) => log('relay round failed', e));
  }, intervalMs);
  timer.unref();

  return {
    async flush() {
      const r = await exclusive(drain);
      if (r.error) throw r.error;
      return r.shipped;
    },
    async pause() {
      paused = true;
      await queue;
    },
    resume() {
      paused = false;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
      await lease?.stop();
    },
  };
}

/**
 * Moves the cursor forward to `through` (never back: two relays on one database may race). Written through a
 * fork scoped to the municipality, like any tenant-owned row.
 */
export async function advanceCursor(orm: HubORM, municipalityId: string, through: number): Promise<void> {
  const em = scopeToTenant(orm.em.fork(), municipalityId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const moved = await em.nativeUpdate(
      OutboxCursor,
      { municipalityId, shippedThrough: { $lt: through } },
      { shippedThrough: through },
    );
    if (moved > 0) return;
    if ((await em.count(OutboxCursor, { municipalityId })) > 0) return; // already at or beyond `through`
    try {
      em.create(OutboxCursor, { municipalityId, shippedThrough: through });
      await em.flush();
      return;
    } catch (e) {
      em.clear();
      // Another relay created the row at the same moment: move it forward instead.
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
    }
  }
}

/** Where the transaction log takes events: filing's `/internal/audit-log` (origin of HUB_FILING_URL, else the default port). */
export function auditLogEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  const origin = env.HUB_FILING_URL ? new URL(env.HUB_FILING_URL).origin : `http://${HOST}:${portOf('filing', env)}`;
  return `${origin}/internal/audit-log`;
}

/** The audience of a service assertion for the transaction log: filing's ingest route, nothing else. */
export const AUDIT_LOG_TARGET = { subgraph: 'filing', route: '/internal/audit-log' } as const;

/**
 * Ships over HTTP to the transaction log, authenticated as the service `source` with the service secret
 * (HUB_SERVICE_SECRET: not the key of caller assertions, see auth.ts).
 */
export function httpShip(serviceSecret: string, env: NodeJS.ProcessEnv = process.env): ShipFn {
  return async (source, events) => {
    const res = await fetch(auditLogEndpoint(env), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SERVICE_HEADER]: await signServiceAssertion(source, serviceSecret, AUDIT_LOG_TARGET),
      },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let body: { ok?: boolean } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: reported below */
    }
    if (!res.ok || body?.ok !== true)
      throw new Error(`the transaction log answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  };
}

/** The event as it travels: plain fields only. */
const plain = (e: AuditEvent): AuditEvent => ({
  id: e.id,
  municipalityId: e.municipalityId,
  sequence: e.sequence,
  occurredAt: e.occurredAt,
  actorId: e.actorId,
  actorLogin: e.actorLogin,
  actorName: e.actorName ?? null,
  actorRoles: e.actorRoles ?? null,
  eventType: e.eventType,
  objectType: e.objectType,
  objectId: e.objectId,
  description: e.description,
  changes: e.changes,
});
