import { Migration } from '@hub/kit';

/** municipalities: backup_tenants: `municipality.backup_only` (issue 12, backup-only municipalities); null reads as false. */
export class Migration20261206012000BackupTenants extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `municipality` add `backup_only` tinyint(1) null');
  }

  override async down(): Promise<void> {
    this.addSql('alter table `municipality` drop column `backup_only`');
  }
}
