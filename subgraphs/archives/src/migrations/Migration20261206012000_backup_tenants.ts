import { Migration } from '@hub/kit';

/** archives: backup_tenants: backup sets of backup-only municipalities and their retention policy (issue 12, item 5). */
export class Migration20261206012000BackupTenants extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `backup_set` (`id` varchar(36) not null, `municipality_id` varchar(36) not null, `name` varchar(200) not null, `size` bigint not null, `sha256` varchar(64) not null, `created_at` datetime(3) not null, `created_by_id` varchar(36) not null, primary key (`id`)) default character set utf8mb4 collate utf8mb4_unicode_ci engine = InnoDB',
    );
    this.addSql(
      'alter table `backup_set` add index `backup_set_municipality_id_created_at_index`(`municipality_id`, `created_at`)',
    );
    this.addSql(
      'create table `backup_set_policy` (`municipality_id` varchar(36) not null, `retention_days` int null, `keep_last` int null, `used_bytes` bigint not null, `updated_at` datetime(3) not null, primary key (`municipality_id`)) default character set utf8mb4 collate utf8mb4_unicode_ci engine = InnoDB',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists `backup_set`');
    this.addSql('drop table if exists `backup_set_policy`');
  }
}
