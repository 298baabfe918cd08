import { Migration } from '@hub/kit';

/** filing: sealing: the table of component seals (modules/sealing), written like `npm run db:migration:create` writes them. */
export class Migration20261206055500Sealing extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `component_seal` (`id` varchar(36) not null, `municipality_id` varchar(36) not null, `document_id` varchar(36) not null, `component_id` varchar(36) not null, `source_component_id` varchar(36) not null, `sealed_at` datetime(3) not null, `sealed_by_id` varchar(36) not null, `signer` varchar(500) not null, `certificate_sha256` varchar(64) not null, `time_stamped_at` datetime(3) null, `time_stamp_serial` varchar(64) null, `time_stamp_authority` varchar(500) null, primary key (`id`)) default character set utf8mb4 collate utf8mb4_unicode_ci engine = InnoDB',
    );
    this.addSql('alter table `component_seal` add index `component_seal_document_id_index`(`document_id`)');
    this.addSql('alter table `component_seal` add unique `component_seal_component_id_unique`(`component_id`)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists `component_seal`');
  }
}
