import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  SequenceCounter,
  inTransaction,
  logger,
  scopeToTenant,
  startJobLease,
  type HubORM,
  type JobLeaseKeeper,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { LogEntry } from '../audit-log/log-entry.entity';
import { ObjectFacts } from './events';
import { SIGNATURE_HEADER, checkWebhookKey, openSecret, signatureHeader } from './signing';
import { urlRefusal } from './url-policy';
import { WebhookCursor, WebhookDelivery, WebhookSubscription } from './webhook.entity';

/**
 * The webhook dispatcher: walks each active subscription's municipality log from its cursor, in poradi order, and
 * POSTs every matching entry (events.ts) signed (signing.ts). The cursor advances only past 2xx-answered events, in
 * the transaction that records the attempts, so nothing is lost across crashes and restarts (a crash between a POST
 * and that commit re-sends: at-least-once, same event id). A failure backs that one subscription off exponentially;
 * every subscription runs in its own lane, so a slow or failing receiver never holds up another.
 *
 * Started by filing's `background(orm)`. Off with HUB_WEBHOOKS=0, and off under NODE_ENV=test unless HUB_WEBHOOKS=1.
 */
export interface DispatcherOptions {
  /** How often due subscriptions are looked for (default 200 ms: "within a second" of the log). */
  tickMs?: number;
  /** Per POST (default 5 s). */
  timeoutMs?: number;
  /**
   * First retry delay, doubled per consecutive failure up to `maxBackoffMs` (defaults 50 ms and 5 min): short at
   * first because a subscription's events wait behind a failed one (log order), so a receiver that drops the odd
   * request must not slow to a crawl; a receiver that is down reaches the 5 minutes after 13 attempts (about 10 minutes).
   */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Log entries read per step of a lane (default 200). */
  batchSize?: number;
  /** How long attempts stay visible (default 7 days); older ones are removed as the lane runs. */
  deliveryRetentionMs?: number;
  /** Lanes run only while this process holds the lease: one dispatcher per deployment (kit lease.ts), not one per building. */
  lease?: JobLeaseKeeper;
  fetch?: typeof fetch;
  now?: () => Date;
  log?: (message: string, err?: unknown) => void;
}

export interface WebhookDispatcher {
  /** Runs lanes until every due subscription is caught up or backing off (tests, bench). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_ERROR = 300;
/** Retries due within this (and within a tick) wait in the lane rather than for a tick. */
const IN_LANE_RETRY_MS = 1_000;
/** Successful attempts are written (and the cursor moved) at least this often, by count and by time. */
const COMMIT_EVERY = 50;
const COMMIT_AFTER_MS = 250;
const cut = (s: string) => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR - 1)}…` : s);

export function webhooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.HUB_WEBHOOKS?.trim();
  if (flag === '0') return false;
  if (flag === '1') return true;
  return env.NODE_ENV !== 'test';
}

function numberEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name]?.trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of milliseconds`);
  return n;
}

export function dispatcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatcherOptions {
  return {
    tickMs: numberEnv(env, 'HUB_WEBHOOK_TICK_MS'),
    timeoutMs: numberEnv(env, 'HUB_WEBHOOK_TIMEOUT_MS'),
    baseBackoffMs: numberEnv(env, 'HUB_WEBHOOK_RETRY_BASE_MS'),
    maxBackoffMs: numberEnv(env, 'HUB_WEBHOOK_RETRY_MAX_MS'),
  };
}

/** Delay before attempt `failures + 1`: base · 2^(failures − 1), capped, with ±20 % jitter so receivers are not hit in step. */
export function backoffMs(failures: number, base: number, max: number, random: () => number = Math.random): number {
  const raw = Math.min(base * 2 ** Math.min(failures - 1, 30), max);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

interface Outcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** One POST: short timeout, redirects not followed (a 3xx is a failure), the body read and dropped. */
async function post(
  doFetch: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Outcome> {
  const started = performance.now();
  const refusal = urlRefusal(url);
  if (refusal) return { ok: false, httpStatus: null, error: refusal, durationMs: 0 };
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    const durationMs = Math.round(performance.now() - started);
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status, error: null, durationMs };
    const error =
      res.status >= 300 && res.status < 400 ? `redirect (${res.status}) not followed` : `HTTP ${res.status}`;
    return { ok: false, httpStatus: res.status, error, durationMs };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const error =
      (e as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (e as Error).message);
    return {
      ok: false,
      httpStatus: null,
      error: cut(String(error)),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/** Thrown in a lane's transaction when its cursor moved meanwhile (a replay): the lane stops, the next one starts over. */
class CursorMoved extends Error {}

export function startWebhookDispatcher(orm: HubORM, opts: DispatcherOptions = {}): WebhookDispatcher {
  const tickMs = opts.tickMs ?? 200;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const base = opts.baseBackoffMs ?? 50;
  const maxBackoff = opts.maxBackoffMs ?? 5 * 60_000;
  const batchSize = opts.batchSize ?? 200;
  const retentionMs = opts.deliveryRetentionMs ?? 7 * 24 * 3600_000;
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? (() => new Date());
  const out = logger.child({ component: 'webhooks' });
  const log = opts.log ?? ((m: string, err?: unknown) => out.warn(err === undefined ? {} : { err }, m));
  const lanes = new Map<string, Promise<void>>();
  const prunedAt = new Map<string, number>();
  let stopped = false;
  let ticking: Promise<void> | undefined;

  /** Active subscriptions that have log entries past their cursor and are not backing off. Across tenants: read only. */
  async function due(): Promise<{ s: WebhookSubscription; c: WebhookCursor }[]> {
    const em = orm.em.fork();
    const subs = await em.find(
      WebhookSubscription,
      { active: true, deletedAt: null },
      { filters: false, disableIdentityMap: true },
    );
    if (subs.length === 0) return [];
    const cursors = await em.find(
      WebhookCursor,
      { subscriptionId: { $in: subs.map((s) => s.id) } },
      { filters: false, disableIdentityMap: true },
    );
    const byId = new Map(cursors.map((c) => [c.subscriptionId, c]));
    const heads = new Map<string, number>();
    const names = [...new Set(subs.map((s) => `log:${s.municipalityId}`))];
    const rows = await em.find(SequenceCounter, { name: { $in: names } }, { disableIdentityMap: true });
    for (const r of rows) heads.set(r.name.slice('log:'.length), Number(r.currentValue));
    const t = now().getTime();
    return subs.flatMap((s) => {
      const c = byId.get(s.id);
      if (!c || c.handledThrough >= (heads.get(s.municipalityId) ?? 0)) return [];
      if (c.nextAttemptAt && c.nextAttemptAt.getTime() > t) return [];
      return [{ s, c }];
    });
  }

  /** One subscription, from its cursor on, until caught up, failed or stopped. */
  async function lane(subscriptionId: string, municipalityId: string): Promise<void> {
    const em = scopeToTenant(orm.em.fork(), municipalityId);
    for (;;) {
      if (stopped || (opts.lease && !opts.lease.held())) return;
      em.clear();
      const s = await em.findOne(
        WebhookSubscription,
        { id: subscriptionId, active: true, deletedAt: null },
        { disableIdentityMap: true },
      );
      const c = await em.findOne(WebhookCursor, { subscriptionId }, { disableIdentityMap: true });
      if (!s || !c) return;
      if (c.nextAttemptAt && c.nextAttemptAt.getTime() > now().getTime()) return;
      const entries = await em.find(
        LogEntry,
        { poradi: { $gt: c.handledThrough } },
        { orderBy: { poradi: 'asc' }, limit: batchSize, disableIdentityMap: true },
      );
      if (entries.length === 0) return;
      const filtered = s.filters.registerIds.length + s.filters.orgUnitIds.length + s.filters.filingCodes.length > 0;
      const facts = await ObjectFacts.load(em, entries, filtered);
      const secret = openSecret(s.secretSealed);
      let through = c.handledThrough;
      let failures = c.failures;
      let retryIn: number | null = null;
      // Attempts not yet written. Successes are written in groups (one transaction per COMMIT_EVERY attempts or
      // COMMIT_AFTER_MS), not one per event: after a crash the uncommitted ones are sent again, which at-least-once
      // allows, and the receiver drops them by id.
      let pending: Omit<WebhookDelivery, 'id' | 'municipalityId' | 'subscriptionId'>[] = [];
      let lastCommit = performance.now();
      /** Writes the pending attempts and moves the cursor, unless someone moved it meanwhile (a replay): false then. */
      const commit = async (cursor: Partial<WebhookCursor>): Promise<boolean> => {
        const rows = pending;
        pending = [];
        lastCommit = performance.now();
        try {
          await inTransaction(em, async (tx) => {
            for (const r of rows)
              tx.create(WebhookDelivery, { ...r, id: randomUUID(), municipalityId, subscriptionId });
            await tx.flush();
            const n = await tx.nativeUpdate(
              WebhookCursor,
              { subscriptionId, handledThrough: c.handledThrough },
              cursor,
            );
            if (n !== 1) throw new CursorMoved();
          });
        } catch (err) {
          if (err instanceof CursorMoved) return false;
          throw err;
        }
        if (cursor.handledThrough !== undefined) c.handledThrough = cursor.handledThrough;
        return true;
      };
      const holding = () => !stopped && (!opts.lease || opts.lease.held());
      entries: for (const e of entries) {
        if (!holding()) break;
        const payload = facts.describe(e, s.eventTypes, s.filters);
        if (!payload) {
          through = e.poradi; // not for this subscription: passed over, stored with the next write
          continue;
        }
        const body = JSON.stringify(payload);
        for (;;) {
          const at = now();
          const result = await post(
            doFetch,
            s.url,
            body,
            {
              'content-type': 'application/json',
              'user-agent': 'blansko-records-hub-webhooks/1',
              [SIGNATURE_HEADER]: signatureHeader(secret, body, at),
              'x-hub-event-id': payload.id,
              'x-hub-event-type': payload.type,
            },
            timeoutMs,
          );
          const attempt = failures + 1;
          failures = result.ok ? 0 : attempt;
          pending.push({
            eventId: payload.id,
            poradi: e.poradi,
            eventType: payload.type,
            attempt,
            status: result.ok ? 'DELIVERED' : 'FAILED',
            httpStatus: result.httpStatus,
            error: result.error,
            durationMs: result.durationMs,
            attemptedAt: at,
          });
          if (result.ok) {
            through = e.poradi;
            if (pending.length >= COMMIT_EVERY || performance.now() - lastCommit >= COMMIT_AFTER_MS) {
              if (!(await commit({ handledThrough: through, failures: 0, nextAttemptAt: null, lastError: null })))
                return;
            }
            continue entries;
          }
          // Failed: everything before this event is done (written now, with the failure); this one waits for its retry.
          const nextAttemptAt = new Date(at.getTime() + backoffMs(failures, base, maxBackoff));
          if (!(await commit({ handledThrough: e.poradi - 1, failures, nextAttemptAt, lastError: result.error })))
            return;
          if (attempt === 1 || attempt % 10 === 0)
            log(
              `webhook ${subscriptionId}: delivery of poradi ${e.poradi} failed (attempt ${attempt}): ${result.error}`,
            );
          const wait = nextAttemptAt.getTime() - at.getTime();
          // A retry due within a tick (and a second) waits here and sends the same body again: the lane is this
          // subscription's alone, and a replay meanwhile is caught by the cursor check of the next write. A longer
          // back-off is left to the ticks, so a stop never waits for it.
          if (wait > Math.min(tickMs, IN_LANE_RETRY_MS) || !holding()) {
            retryIn = wait;
            break entries;
          }
          await new Promise((r) => setTimeout(r, wait));
          if (!holding()) return;
        }
      }
      if (retryIn !== null) return;
      if (through > c.handledThrough || pending.length > 0) {
        if (!(await commit({ handledThrough: through, failures: 0, nextAttemptAt: null, lastError: null }))) return;
      }
      await prune(em, subscriptionId);
    }
  }

  /** Keeps the attempts of the last `retentionMs` (checked at most hourly per subscription). */
  async function prune(em: SqlEntityManager, subscriptionId: string) {
    const t = now().getTime();
    if ((prunedAt.get(subscriptionId) ?? 0) > t - 3600_000) return;
    prunedAt.set(subscriptionId, t);
    await em.nativeDelete(WebhookDelivery, { subscriptionId, attemptedAt: { $lt: new Date(t - retentionMs) } });
  }

  function startLanes(list: { s: WebhookSubscription }[]): Promise<void>[] {
    const started: Promise<void>[] = [];
    for (const { s } of list) {
      if (lanes.has(s.id) || stopped) continue;
      const run = lane(s.id, s.municipalityId)
        .catch((e) => log(`webhook ${s.id}: lane failed (retried next tick)`, e))
        .finally(() => lanes.delete(s.id));
      lanes.set(s.id, run);
      started.push(run);
    }
    return started;
  }

  async function tick() {
    try {
      // Not the holder: another process (maybe in the other building) delivers; look again next tick.
      if (opts.lease && !(await opts.lease.ensure())) return;
      startLanes(await due());
    } catch (e) {
      log('webhook dispatcher tick failed', e);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = undefined;
        schedule();
      });
    }, tickMs);
    timer.unref();
  };
  schedule();

  return {
    async drain() {
      for (let round = 0; round < 1000 && !stopped; round++) {
        await Promise.all([...lanes.values()]);
        const list = await due();
        if (list.length === 0) return;
        startLanes(list);
        await Promise.all([...lanes.values()]);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await Promise.all([...lanes.values()]);
      await opts.lease?.stop();
    },
  };
}

/** Filing's background work for webhooks: checks the key at start, runs the dispatcher unless switched off. */
export function webhookBackground(orm: HubORM): { stop(): Promise<void> } {
  checkWebhookKey();
  if (!webhooksEnabled()) return { stop: async () => undefined };
  return startWebhookDispatcher(orm, {
    ...dispatcherOptionsFromEnv(),
    lease: startJobLease(orm, 'webhooks', { service: 'filing' }),
  });
}
