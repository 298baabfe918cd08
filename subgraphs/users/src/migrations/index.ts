import type { MigrationObject } from '@hub/kit';
import { Migration20261204181952Initial } from './Migration20261204181952_initial';
import { Migration20261204184350HardeningRecordsOffice } from './Migration20261204184350_hardening_records_office';
import { Migration20261204185052LogByPid } from './Migration20261204185052_log_by_pid';
import { Migration20261206011917JobLease } from './Migration20261206011917_job_lease';

/** The MariaDB migrations of this subgraph, oldest first (written by `npm run db:migration:create`; never edit an applied one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261204181952_initial', class: Migration20261204181952Initial },
  { name: 'Migration20261204184350_hardening_records_office', class: Migration20261204184350HardeningRecordsOffice },
  { name: 'Migration20261204185052_log_by_pid', class: Migration20261204185052LogByPid },
  { name: 'Migration20261206011917_job_lease', class: Migration20261206011917JobLease },
];
