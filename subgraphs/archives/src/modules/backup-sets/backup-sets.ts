import {
  Role,
  badInput,
  inTransaction,
  logger,
  notFound,
  recordAudit,
  requireTenantCaller,
  scopeToTenant,
  startJobLease,
  timeJob,
  type Caller,
  type HubORM,
  type SubgraphContext,
  type TenantCaller,
} from '@hub/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BackupSet, BackupSetPolicy } from './backup-set.entity';
import { BackupSetFiles, backupSetQuotaBytes, quotaExceeded } from './storage';

/**
 * Backup sets of backup-only municipalities (issue 12, item 5). Only the owning municipality's BACKUP_CLIENT may
 * upload, list, download, delete or set the retention: the role check (here) and the tenant filter (kit) together;
 * the platform admin has neither a municipality nor the role, so it is refused like anyone else. Every action
 * writes an audit event (object type `Komponenta`: a set is a file; `KonfiguraceSystemu` for the policy).
 */
export const BACKUP_ROLES: Role[] = [Role.BACKUP_CLIENT];

export const requireBackupClient = (ctx: SubgraphContext): TenantCaller => requireTenantCaller(ctx, BACKUP_ROLES);

/** Longest retention a client may ask for (ten years); keepLast at most this many sets. */
export const MAX_RETENTION_DAYS = 3650;
export const MAX_KEEP_LAST = 10_000;

/** The client's name of a set: 1–200 characters, no control characters (it is shown and logged). */
export function checkSetName(raw: string | null | undefined): string {
  const name = (raw ?? '').normalize('NFC').trim();
  if (!name) throw badInput('name is required', 'name');
  if (name.length > 200) throw badInput('name is longer than 200 characters', 'name');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badInput('name must not contain control characters', 'name');
  return name;
}

async function policyOf(em: SqlEntityManager, municipalityId: string): Promise<BackupSetPolicy | null> {
  return em.findOne(BackupSetPolicy, { municipalityId }, { refresh: true });
}

/** The policy row, created empty on first use (a concurrent first use loses the insert and reads the winner's). */
async function ensurePolicy(em: SqlEntityManager, municipalityId: string, now: Date): Promise<void> {
  if (await em.fork().findOne(BackupSetPolicy, { municipalityId })) return;
  try {
    await em
      .fork()
      .insert(BackupSetPolicy, { municipalityId, retentionDays: null, keepLast: null, usedBytes: 0, updatedAt: now });
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
  }
}

/** `used_bytes ± delta` as the transaction's first write (row lock on MariaDB), then the new value. */
async function addUsedBytes(tx: SqlEntityManager, municipalityId: string, delta: number): Promise<number> {
  const trx = tx.getTransactionContext();
  if (!trx) throw new Error('addUsedBytes needs a transaction');
  const knex = tx.getKnex();
  await knex('backup_set_policy')
    .where({ municipality_id: municipalityId })
    .update({ used_bytes: knex.raw('?? + ?', ['used_bytes', delta]) })
    .transacting(trx);
  const row = await knex('backup_set_policy')
    .where({ municipality_id: municipalityId })
    .first('used_bytes')
    .transacting(trx);
  return Number(row.used_bytes);
}

export interface UploadRequest {
  name: string;
  /** content-length, when the client declared one: over the quota, refused before a byte is read. */
  declaredSize?: number;
}

/**
 * Streams a set to disk (hashed on the way), then records it. The quota is checked three times: the declared
 * length before reading, the bytes while streaming (never more than what is left is written), and atomically at
 * commit (two uploads finishing at once). Whatever fails, no partial file and no row stay behind.
 */
export async function uploadBackupSet(
  orm: HubORM,
  caller: TenantCaller,
  body: Readable,
  req: UploadRequest,
  opts: { files?: BackupSetFiles; quota?: number; now?: Date } = {},
): Promise<BackupSet> {
  const files = opts.files ?? new BackupSetFiles();
  const quota = opts.quota ?? backupSetQuotaBytes();
  const name = checkSetName(req.name);
  const em = scopeToTenant(orm.em.fork(), caller.municipalityId) as SqlEntityManager;
  const used = (await policyOf(em, caller.municipalityId))?.usedBytes ?? 0;
  const remaining = Math.max(0, quota - used);
  if (req.declaredSize !== undefined && Number.isFinite(req.declaredSize) && req.declaredSize > remaining)
    throw quotaExceeded(quota);
  const received = await files.receive(body, { maxBytes: remaining, quota });
  const now = opts.now ?? new Date();
  const id = randomUUID();
  try {
    await ensurePolicy(em, caller.municipalityId, now);
    await files.keep(received.tmp, caller.municipalityId, id);
    return await inTransaction(em.fork(), async (tx) => {
      if ((await addUsedBytes(tx, caller.municipalityId, received.size)) > quota) throw quotaExceeded(quota);
      const set = tx.create(BackupSet, {
        id,
        municipalityId: caller.municipalityId,
        name,
        size: received.size,
        sha256: received.sha256,
        createdAt: now,
        createdById: caller.userId,
      });
      tx.persist(set);
      await tx.flush();
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Komponenta',
        objectId: id,
        description: `Záložní sada ${name} nahrána`,
        changes: [
          { name: 'sha256', old: null, new: received.sha256 },
          { name: 'size', old: null, new: String(received.size) },
        ],
      });
      return set;
    });
  } catch (e) {
    await files.removeTemp(received.tmp);
    await files.remove(caller.municipalityId, id);
    throw e;
  }
}

/** `backupSets`: the caller's municipality's sets, newest first; the listing itself is audited. */
export async function listBackupSets(em: SqlEntityManager, caller: TenantCaller): Promise<BackupSet[]> {
  const sets = await em.find(BackupSet, {}, { orderBy: { createdAt: 'desc', id: 'asc' } });
  await inTransaction(em.fork(), (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zobrazeni',
      objectType: 'KonfiguraceSystemu',
      objectId: caller.municipalityId,
      description: `Seznam záložních sad (${sets.length})`,
    }),
  );
  return sets;
}

/** The set for a download (tenant filter: another municipality's set is not found), with its audit event. */
export async function openBackupSetForDownload(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
): Promise<BackupSet> {
  const set = await em.findOne(BackupSet, { id });
  if (!set) throw notFound('Backup set', id);
  await inTransaction(em.fork(), (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Export',
      objectType: 'Komponenta',
      objectId: set.id,
      description: `Záložní sada ${set.name} stažena`,
      changes: [{ name: 'sha256', old: null, new: set.sha256 }],
    }),
  );
  return set;
}

/** Deletes a set's row (with `used_bytes` and the audit event) in one transaction; the file goes after the commit. */
async function dropSet(
  em: SqlEntityManager,
  actor: Caller | null,
  set: BackupSet,
  files: BackupSetFiles,
  how: 'Zruseni' | 'Zniceni',
  why: string,
) {
  await inTransaction(em.fork(), async (tx) => {
    const deleted = await tx.nativeDelete(BackupSet, { id: set.id });
    if (deleted === 0) return; // removed meanwhile (the client and the expiry job at once)
    await addUsedBytes(tx, set.municipalityId, -set.size);
    await recordAudit(tx, actor, {
      municipalityId: set.municipalityId,
      eventType: how,
      objectType: 'Komponenta',
      objectId: set.id,
      description: `Záložní sada ${set.name} ${why}`,
      changes: [{ name: 'sha256', old: set.sha256, new: null }],
    });
  });
  await files.remove(set.municipalityId, set.id);
}

/** `deleteBackupSet`: the client removes one of its sets. */
export async function deleteBackupSet(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  files = new BackupSetFiles(),
): Promise<BackupSet> {
  const set = await em.findOne(BackupSet, { id });
  if (!set) throw notFound('Backup set', id);
  await dropSet(em, caller, set, files, 'Zruseni', 'smazána klientem');
  return set;
}

export interface RetentionView {
  retentionDays: number | null;
  keepLast: number | null;
  usedBytes: number;
  quotaBytes: number;
}

export async function retentionOf(
  em: SqlEntityManager,
  caller: TenantCaller,
  quota = backupSetQuotaBytes(),
): Promise<RetentionView> {
  const p = await policyOf(em, caller.municipalityId);
  return {
    retentionDays: p?.retentionDays ?? null,
    keepLast: p?.keepLast ?? null,
    usedBytes: p?.usedBytes ?? 0,
    quotaBytes: quota,
  };
}

/** `setBackupSetRetention`: both rules replaced (null: that rule keeps nothing; both null: sets never expire). */
export async function setRetention(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: { retentionDays?: number | null; keepLast?: number | null },
  now = new Date(),
): Promise<RetentionView> {
  const retentionDays = input.retentionDays ?? null;
  const keepLast = input.keepLast ?? null;
  if (
    retentionDays !== null &&
    (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS)
  ) {
    throw badInput(`retentionDays must be a whole number of days, 1–${MAX_RETENTION_DAYS}`, 'retentionDays');
  }
  if (keepLast !== null && (!Number.isInteger(keepLast) || keepLast < 1 || keepLast > MAX_KEEP_LAST)) {
    throw badInput(`keepLast must be a whole number, 1–${MAX_KEEP_LAST}`, 'keepLast');
  }
  await ensurePolicy(em, caller.municipalityId, now);
  await inTransaction(em.fork(), async (tx) => {
    const p = await tx.findOneOrFail(BackupSetPolicy, { municipalityId: caller.municipalityId });
    const changes = [
      {
        name: 'retentionDays',
        old: p.retentionDays === null ? null : String(p.retentionDays),
        new: retentionDays === null ? null : String(retentionDays),
      },
      {
        name: 'keepLast',
        old: p.keepLast === null ? null : String(p.keepLast),
        new: keepLast === null ? null : String(keepLast),
      },
    ].filter((c) => c.old !== c.new);
    p.retentionDays = retentionDays;
    p.keepLast = keepLast;
    p.updatedAt = now;
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'KonfiguraceSystemu',
      objectId: caller.municipalityId,
      description: 'Pravidla uchování záložních sad',
      changes,
    });
  });
  return retentionOf(em, caller);
}

const DAY_MS = 86_400_000;

/**
 * The sets a policy lets go, as restic's `forget` decides: a set is kept when any rule keeps it (among the newest
 * `keepLast`, or younger than `retentionDays`); with no rule at all nothing expires.
 */
export function expiredSets(
  sets: BackupSet[],
  policy: Pick<BackupSetPolicy, 'retentionDays' | 'keepLast'>,
  now: Date,
): BackupSet[] {
  if (policy.retentionDays === null && policy.keepLast === null) return [];
  const newestFirst = [...sets].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  return newestFirst.filter((s, i) => {
    const keptByCount = policy.keepLast !== null && i < policy.keepLast;
    const keptByAge =
      policy.retentionDays !== null && now.getTime() - s.createdAt.getTime() < policy.retentionDays * DAY_MS;
    return !keptByCount && !keptByAge;
  });
}

/** `expiresAt` of a set under its municipality's policy: null while a count rule may keep it or no rule applies. */
export function expiresAtOf(
  set: BackupSet,
  policy: Pick<BackupSetPolicy, 'retentionDays' | 'keepLast'> | null,
): Date | null {
  if (!policy || policy.retentionDays === null) return null;
  return new Date(set.createdAt.getTime() + policy.retentionDays * DAY_MS);
}

/** One expiry round over every municipality with a policy (a system job: outside the tenant filter). */
export async function expireBackupSets(
  orm: HubORM,
  opts: { files?: BackupSetFiles; now?: Date } = {},
): Promise<{ expired: number }> {
  const files = opts.files ?? new BackupSetFiles();
  const now = opts.now ?? new Date();
  const policies = await orm.em
    .fork()
    .find(
      BackupSetPolicy,
      { $or: [{ retentionDays: { $ne: null } }, { keepLast: { $ne: null } }] },
      { filters: false },
    );
  let expired = 0;
  for (const policy of policies) {
    const em = scopeToTenant(orm.em.fork(), policy.municipalityId) as SqlEntityManager;
    const sets = await em.find(BackupSet, {});
    for (const set of expiredSets(sets, policy, now)) {
      await dropSet(
        em,
        null,
        set,
        files,
        'Zniceni',
        `expirovala (uchování: ${policy.retentionDays ?? '–'} dní, posledních ${policy.keepLast ?? '–'})`,
      );
      expired++;
    }
  }
  return { expired };
}

export const DEFAULT_EXPIRY_INTERVAL_MINUTES = 60;

/**
 * HUB_BACKUP_SET_EXPIRY: `0` off; a number of minutes between rounds (default 60, hourly). Off under NODE_ENV=test
 * unless set (tests call `expireBackupSets` themselves).
 */
export function expiryIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.HUB_BACKUP_SET_EXPIRY?.trim();
  if (raw === '0' || raw === 'off') return null;
  if (!raw && env.NODE_ENV === 'test') return null;
  const minutes = Number(raw);
  return (raw && Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_EXPIRY_INTERVAL_MINUTES) * 60_000;
}

export function backupSetExpiryBackground(
  orm: HubORM,
  env: NodeJS.ProcessEnv = process.env,
): { stop(): Promise<void> } {
  const interval = expiryIntervalMs(env);
  if (interval === null) return { stop: async () => undefined };
  const log = logger.child({ component: 'backup-set-expiry' });
  // One expiry per deployment (kit lease.ts), even with archives processes up in both buildings.
  const lease = startJobLease(orm, 'backup-set-expiry', { service: 'archives' });
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    if (busy) return;
    busy = true;
    running = lease
      .ensure()
      .then((mine) =>
        mine
          ? timeJob('archives', 'backup-set-expiry', () => expireBackupSets(orm, { files: new BackupSetFiles() }))
          : { expired: 0 },
      )
      .then((r) => {
        if (r.expired) log.info(r, "backup sets expired by their municipalities' retention");
      })
      .catch((e) => log.error({ err: e }, 'backup set expiry failed (tried again next round)'))
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(round, Math.min(interval, 60_000));
  const timer = setInterval(round, interval);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
      await lease.stop();
    },
  };
}
