/**
 * How long the hub's backups can still hold what was destroyed (issue 12 item 6): the destroyed bytes and rows are
 * gone from the live stores at once, but a backup taken before stays in the restic repository until the retention
 * policy forgets it. `npm run backup` applies `restic forget --keep-last/-hourly/-daily/-weekly/-monthly` with the
 * HUB_BACKUP_KEEP_* settings (scripts/backup.mjs, same defaults as here); filing reads the same settings, so the date
 * follows the policy in force (a policy change applies to old snapshots too, at the next forget).
 *
 * restic keeps the newest snapshot of each of the last N periods that have one. The last backup taken before the
 * destruction is at worst its period's keeper, and is forgotten by the first backup of the N-th period after it, so
 * the bound is the start of that period plus one backup interval (the README's schedule: at least one backup a day).
 * `--keep-last N` bounds by count; with daily backups that is N days.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The README's backup schedule: at least one backup a day; the bound is one interval after a period starts. */
const BACKUP_INTERVAL_MS = DAY;

export interface BackupRetention {
  last: number;
  hourly: number;
  daily: number;
  weekly: number;
  monthly: number;
}

const DEFAULTS: Record<keyof BackupRetention, string> = {
  last: '',
  hourly: '',
  daily: '14',
  weekly: '8',
  monthly: '12',
};

/** The retention policy from HUB_BACKUP_KEEP_* (0 or empty: not used); an invalid value counts as not used. */
export function backupRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): BackupRetention {
  const read = (k: keyof BackupRetention) => {
    const v = (env[`HUB_BACKUP_KEEP_${k.toUpperCase()}`] ?? DEFAULTS[k]).trim();
    return /^\d+$/.test(v) ? Number(v) : 0;
  };
  return {
    last: read('last'),
    hourly: read('hourly'),
    daily: read('daily'),
    weekly: read('weekly'),
    monthly: read('monthly'),
  };
}

/** Start (UTC) of the period holding `at`, moved `n` periods on. Weeks start on Monday, as restic's ISO weeks. */
function periodStart(at: Date, unit: 'hour' | 'day' | 'week' | 'month', n: number): number {
  const d = new Date(at.getTime());
  if (unit === 'hour') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + n);
  if (unit === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n);
  if (unit === 'week')
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * n);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
}

/** The latest instant a backup holding something destroyed at `destroyedAt` can still exist; null when nothing bounds it. */
export function backupsExpireBy(destroyedAt: Date, policy: BackupRetention): Date | null {
  const bounds: number[] = [];
  if (policy.last) bounds.push(destroyedAt.getTime() + policy.last * BACKUP_INTERVAL_MS);
  if (policy.hourly) bounds.push(periodStart(destroyedAt, 'hour', policy.hourly) + BACKUP_INTERVAL_MS);
  if (policy.daily) bounds.push(periodStart(destroyedAt, 'day', policy.daily) + BACKUP_INTERVAL_MS);
  if (policy.weekly) bounds.push(periodStart(destroyedAt, 'week', policy.weekly) + BACKUP_INTERVAL_MS);
  if (policy.monthly) bounds.push(periodStart(destroyedAt, 'month', policy.monthly) + BACKUP_INTERVAL_MS);
  return bounds.length ? new Date(Math.max(...bounds)) : null;
}
