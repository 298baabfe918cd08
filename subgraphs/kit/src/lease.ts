import { EntitySchema, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Gauge } from 'prom-client';
import { logger } from './logger';
import { metricsRegistry } from './metrics';
import type { HubORM } from './orm';

/**
 * Job leases: a background job (outbox relay, log renditions, upload sweep) runs once per deployment even when
 * processes of both buildings are up against the same database (README, "Two buildings"). Who runs it is decided
 * in the database, not by hoping only one process was started: one `job_lease` row per job, taken or renewed by a
 * single atomic UPDATE that only matches when the lease has expired or is already ours. A process that dies
 * (SIGKILL, a lost building) stops renewing; after the TTL another process takes the job over.
 *
 * The expiry is written with the writer's clock: the buildings' clocks are NTP-synchronised and the TTL
 * (HUB_JOB_LEASE_TTL_SECONDS, default 15) is far above their skew. A holder stops running the job a third of the TTL
 * before its lease would expire (`held`), so a holder that cannot renew (database unreachable) has stopped before
 * anyone else may start.
 */
export class JobLease {
  name!: string;
  holder!: string;
  expiresAt!: Date;
}

export const JobLeaseSchema = new EntitySchema<JobLease>({
  class: JobLease,
  tableName: 'job_lease',
  properties: {
    name: { type: 'string', length: 191, primary: true },
    holder: { type: 'string', length: 191 },
    // Milliseconds: a TTL of a few seconds must not lose up to a second to truncation.
    expiresAt: { type: 'datetime', length: 3, fieldName: 'expires_at' },
  },
});

export const DEFAULT_JOB_LEASE_TTL_SECONDS = 15;

export function jobLeaseTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.HUB_JOB_LEASE_TTL_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_JOB_LEASE_TTL_SECONDS) * 1000;
}

/** This process as a lease holder: building, host, pid and a random part (a restarted process is a new holder). */
export const PROCESS_LEASE_HOLDER = `${process.env.HUB_BUILDING?.trim() || '-'}/${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/**
 * Takes or renews the lease `name` for `holder` until `now + ttlMs`. True when `holder` has it now. Atomic: the
 * UPDATE matches only an expired lease or the holder's own; a missing row is inserted, and of two inserting at
 * once the primary key lets one win.
 */
export async function acquireLease(
  orm: HubORM,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const em = orm.em.fork();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const updated = await em.nativeUpdate(
    JobLease,
    { name, $or: [{ expiresAt: { $lt: now } }, { holder }] },
    { holder, expiresAt },
  );
  if (updated > 0) return true;
  if ((await em.count(JobLease, { name })) > 0) return false; // held by someone else, not expired
  try {
    await em.insert(JobLease, { name, holder, expiresAt });
    return true;
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) return false;
    throw e;
  }
}

/** Gives the lease up at once (a clean stop), so another process need not wait for the TTL. */
export async function releaseLease(orm: HubORM, name: string, holder: string): Promise<void> {
  await orm.em.fork().nativeUpdate(JobLease, { name, holder }, { expiresAt: new Date(0) });
}

const leaseHeld = new Gauge({
  name: 'hub_job_lease_held',
  help: 'Background job leases this process holds (1) or waits for (0): each job runs in one process per deployment',
  labelNames: ['service', 'job'] as const,
  registers: [metricsRegistry],
});

export interface JobLeaseKeeper {
  readonly name: string;
  readonly holder: string;
  /** Whether this process may run the job now (lease renewed recently enough). */
  held(): boolean;
  /** `held()`, else one attempt to take the lease now. */
  ensure(): Promise<boolean>;
  /** Stops renewing and releases the lease. Idempotent. */
  stop(): Promise<void>;
}

export interface JobLeaseOptions {
  /** The service (metric label). */
  service: string;
  ttlMs?: number;
  holder?: string;
  log?: (message: string, err?: unknown) => void;
}

/**
 * Keeps trying to hold the lease `name` (renewal every third of the TTL) for as long as this process runs the job:
 * the job asks `held()` / `ensure()` before each round and skips it otherwise.
 */
export function startJobLease(orm: HubORM, name: string, opts: JobLeaseOptions): JobLeaseKeeper {
  const ttlMs = opts.ttlMs ?? jobLeaseTtlMs();
  const holder = opts.holder ?? PROCESS_LEASE_HOLDER;
  const out = logger.child({ component: 'job-lease', job: name });
  const log = opts.log ?? ((m: string, err?: unknown) => out.warn(err === undefined ? {} : { err }, m));
  /** Local time until which the job may run: two thirds of the TTL after the last successful renewal. */
  let runUntil = 0;
  let had = false;
  let failures = 0;
  let stopped = false;
  let inFlight: Promise<boolean> | undefined;

  const attempt = (): Promise<boolean> => {
    inFlight ??= (async () => {
      const started = Date.now();
      try {
        const ok = await acquireLease(orm, name, holder, ttlMs, new Date(started));
        runUntil = ok ? started + (ttlMs * 2) / 3 : 0;
        if (failures > 0) log(`lease ${name}: database answering again`);
        failures = 0;
      } catch (e) {
        runUntil = 0;
        if (failures++ % 20 === 0) log(`lease ${name}: could not renew (the job pauses until it can)`, e);
      }
      const has = runUntil > Date.now();
      if (has !== had) {
        out.info(
          { holder },
          has ? `lease ${name} taken: this process runs the job` : `lease ${name} lost or held elsewhere`,
        );
        had = has;
      }
      leaseHeld.set({ service: opts.service, job: name }, has ? 1 : 0);
      return has;
    })().finally(() => (inFlight = undefined));
    return inFlight;
  };

  const timer = setInterval(
    () => {
      if (!stopped) void attempt();
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
  timer.unref();

  return {
    name,
    holder,
    held: () => !stopped && Date.now() < runUntil,
    async ensure() {
      if (stopped) return false;
      if (Date.now() < runUntil) return true;
      return attempt();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await inFlight;
      if (runUntil > 0) await releaseLease(orm, name, holder).catch(() => undefined);
      runUntil = 0;
      leaseHeld.set({ service: opts.service, job: name }, 0);
    },
  };
}
