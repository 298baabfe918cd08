import { logger, startJobLease, timeJob, type HubORM, type JobLeaseKeeper } from '@hub/kit';
import { fixDaysUpTo, lastFixableDay } from './rendition';
import { platformSealer, type Sealer } from './seal';

/**
 * Fixes the log every day without anyone asking: every 10 minutes (and once shortly after start) each municipality
 * that has log entries gets its missing renditions up to yesterday (Czech calendar). A round does a bounded amount
 * of work; when it runs out with days still missing, the next round follows at once, so a backlog drains without a
 * single long transaction or a stalled shutdown. Errors are logged and the day is tried again next round.
 *
 * Started by filing's `background(orm)`. Off with HUB_AUDIT_RENDITIONS=0, and off under NODE_ENV=test unless
 * HUB_AUDIT_RENDITIONS=1.
 */
export interface RenditionSchedulerOptions {
  sealer: Sealer;
  intervalMs?: number;
  firstDelayMs?: number;
  /** Renditions per round, over all municipalities. */
  maxPerRound?: number;
  now?: () => Date;
  /** Default: the hub logger (component `renditions`); `err` is described without bound values. */
  log?: (message: string, err?: unknown) => void;
  /** Rounds run only while this process holds the lease (one scheduler per deployment, kit lease.ts). */
  lease?: JobLeaseKeeper;
}

export const RENDITION_INTERVAL_MS = 10 * 60_000;
const FIRST_DELAY_MS = 15_000;
const MAX_PER_ROUND = 50;
/** Pause before the next round when a round ran out of budget with work left. */
const BACKLOG_DELAY_MS = 1_000;

export function renditionsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.HUB_AUDIT_RENDITIONS?.trim();
  if (flag === '0') return false;
  if (flag === '1') return true;
  return env.NODE_ENV !== 'test';
}

/** Municipalities with at least one log entry (across tenants: a raw query, outside the tenant filter). */
async function municipalitiesWithEntries(orm: HubORM): Promise<string[]> {
  const rows: { municipality_id: string }[] = await orm.em
    .getConnection()
    .execute('select distinct municipality_id from log_entry');
  return rows.map((r) => r.municipality_id).sort();
}

/**
 * One round: renditions up to the last fixable day for every municipality, at most `maxPerRound`. Returns how many
 * were created and whether work is left. Exported for tests and for a one-shot run.
 */
export async function runRenditionRound(
  orm: HubORM,
  opts: Pick<RenditionSchedulerOptions, 'sealer' | 'maxPerRound' | 'now' | 'log'> & { stopped?: () => boolean },
): Promise<{ created: number; failed: number; more: boolean }> {
  const now = opts.now?.() ?? new Date();
  const lastDay = lastFixableDay(now);
  let budget = opts.maxPerRound ?? MAX_PER_ROUND;
  let created = 0;
  let failed = 0;
  let more = false;
  for (const municipalityId of await municipalitiesWithEntries(orm)) {
    if (opts.stopped?.()) break;
    if (budget <= 0) {
      more = true;
      break;
    }
    try {
      const progress = await fixDaysUpTo(orm.em.fork(), municipalityId, lastDay, opts.sealer, {
        now,
        maxDays: budget,
        stopped: opts.stopped,
      });
      created += progress.created;
      budget -= progress.created;
      if (progress.latest && progress.latest.day < lastDay) more = true;
    } catch (e) {
      failed++;
      opts.log?.(`log renditions of municipality ${municipalityId} failed (retried next round)`, e);
    }
  }
  return { created, failed, more: more && !opts.stopped?.() };
}

export function startRenditionScheduler(orm: HubORM, opts: RenditionSchedulerOptions): { stop(): Promise<void> } {
  const interval = opts.intervalMs ?? RENDITION_INTERVAL_MS;
  const out = logger.child({ component: 'renditions' });
  const log = opts.log ?? ((m: string, err?: unknown) => out.error(err === undefined ? {} : { err }, m));
  const info = opts.log ?? ((m: string) => out.info(m));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => (running = undefined));
    }, ms);
    timer.unref();
  };
  const round = async () => {
    let next = interval;
    try {
      // Not the holder: another process (maybe in the other building) fixes the days; look again later.
      if (opts.lease && !(await opts.lease.ensure())) return;
      const r = await timeJob('filing', 'log-renditions', () =>
        runRenditionRound(orm, { ...opts, log, stopped: () => stopped }),
      );
      if (r.created) info(`log renditions: ${r.created} day(s) fixed${r.more ? ', more to do' : ''}`);
      if (r.more) next = BACKLOG_DELAY_MS;
    } catch (e) {
      log(`log renditions round failed (retried in ${Math.round(interval / 1000)} s)`, e);
    } finally {
      schedule(next);
    }
  };
  schedule(opts.firstDelayMs ?? FIRST_DELAY_MS);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await opts.lease?.stop();
    },
  };
}

/**
 * Filing's background work for the renditions: loads the platform's seal key at start (under NODE_ENV=production a
 * missing key stops the start, see seal.ts) and runs the scheduler unless it is switched off.
 */
export function renditionBackground(orm: HubORM): { stop(): Promise<void> } {
  const sealer = platformSealer();
  if (!renditionsEnabled()) return { stop: async () => undefined };
  return startRenditionScheduler(orm, { sealer, lease: startJobLease(orm, 'log-renditions', { service: 'filing' }) });
}
