import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * A backup set (záložní sada) of a backup-only municipality: one file its own records system produced, uploaded by
 * its backup client and kept on the hub's disk (HUB_BACKUP_SET_DIR) until its retention policy or the client removes
 * it. Tenant-owned: the tenant filter makes another municipality's sets invisible, and nobody but the owning
 * municipality's BACKUP_CLIENT is let near them (service.ts), the platform admin included.
 */
export class BackupSet {
  id!: string;
  municipalityId!: string;
  /** The client's name for the set (e.g. `spisovka-2026-12-06.tar.zst`), 1–200 characters. */
  name!: string;
  size!: number;
  /** SHA-256 (hex) of the bytes, computed while they streamed in. */
  sha256!: string;
  createdAt!: Date;
  createdById!: string;
}

export const BackupSetSchema = new EntitySchema<BackupSet>({
  class: BackupSet,
  tableName: 'backup_set',
  indexes: [{ properties: ['municipalityId', 'createdAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    name: { type: 'string', length: 200 },
    size: { type: new BigIntType('number') },
    sha256: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
  },
});

/**
 * A municipality's policy and bookkeeping for its backup sets: the retention the client chose and the bytes its
 * sets take. `usedBytes` is changed only by an atomic `used = used ± size` (guarded by the quota on the way up), so
 * two uploads finishing at once cannot both slip under the quota.
 */
export class BackupSetPolicy {
  municipalityId!: string;
  /** Sets younger than this many days are kept; null: this rule keeps nothing. */
  retentionDays!: number | null;
  /** The newest this many sets are kept; null: this rule keeps nothing. */
  keepLast!: number | null;
  usedBytes!: number;
  updatedAt!: Date;
}

export const BackupSetPolicySchema = new EntitySchema<BackupSetPolicy>({
  class: BackupSetPolicy,
  tableName: 'backup_set_policy',
  properties: {
    municipalityId: { type: 'uuid', primary: true },
    retentionDays: { type: 'integer', nullable: true },
    keepLast: { type: 'integer', nullable: true },
    usedBytes: { type: new BigIntType('number') },
    updatedAt: { type: 'datetime', length: 3 },
  },
});
