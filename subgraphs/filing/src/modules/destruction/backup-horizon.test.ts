import { backupRetentionFromEnv, backupsExpireBy } from './backup-horizon';

describe('how long backups can hold what was destroyed', () => {
  const destroyed = new Date('2026-12-06T10:00:00Z');

  it('the default policy (14 daily, 8 weekly, 12 monthly): the first backup of the 12th month after, plus a day', () => {
    const policy = backupRetentionFromEnv({});
    expect(policy).toEqual({ last: 0, hourly: 0, daily: 14, weekly: 8, monthly: 12 });
    expect(backupsExpireBy(destroyed, policy)!.toISOString()).toBe('2027-12-02T00:00:00.000Z');
  });

  it('follows the configured policy; the longest rule wins', () => {
    expect(
      backupsExpireBy(
        destroyed,
        backupRetentionFromEnv({ HUB_BACKUP_KEEP_MONTHLY: '0', HUB_BACKUP_KEEP_WEEKLY: '0' }),
      )!.toISOString(),
    ).toBe('2026-12-21T00:00:00.000Z');
    // Weeks start on Monday: 6 Dec 2026 is a Sunday, its week began on 30 Nov.
    expect(
      backupsExpireBy(
        destroyed,
        backupRetentionFromEnv({
          HUB_BACKUP_KEEP_MONTHLY: '0',
          HUB_BACKUP_KEEP_DAILY: '0',
          HUB_BACKUP_KEEP_WEEKLY: '2',
        }),
      )!.toISOString(),
    ).toBe('2026-12-15T00:00:00.000Z');
    expect(
      backupsExpireBy(
        destroyed,
        backupRetentionFromEnv({
          HUB_BACKUP_KEEP_MONTHLY: '0',
          HUB_BACKUP_KEEP_DAILY: '0',
          HUB_BACKUP_KEEP_WEEKLY: '0',
          HUB_BACKUP_KEEP_LAST: '30',
        }),
      )!.toISOString(),
    ).toBe('2027-01-05T10:00:00.000Z');
  });

  it('no rule that bounds time: unknown', () => {
    expect(backupsExpireBy(destroyed, { last: 0, hourly: 0, daily: 0, weekly: 0, monthly: 0 })).toBeNull();
  });
});
