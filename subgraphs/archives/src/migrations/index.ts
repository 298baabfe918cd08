import type { MigrationObject } from '@hub/kit';
import { Migration20261204181952Initial } from './Migration20261204181952_initial';
import { Migration20261204184350HardeningRecordsOffice } from './Migration20261204184350_hardening_records_office';
import { Migration20261204185052LogByPid } from './Migration20261204185052_log_by_pid';
import { Migration20261205061848DisposalProposal } from './Migration20261205061848_disposal_proposal';
import { Migration20261205141543TransferDestruction } from './Migration20261205141543_transfer_destruction';
import { Migration20261206011917JobLease } from './Migration20261206011917_job_lease';
import { Migration20261206012000BackupTenants } from './Migration20261206012000_backup_tenants';
import { Migration20261206021141ProposalBuild } from './Migration20261206021141_proposal_build';

/** The MariaDB migrations of this subgraph, oldest first (written by `npm run db:migration:create`; never edit an applied one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261204181952_initial', class: Migration20261204181952Initial },
  { name: 'Migration20261204184350_hardening_records_office', class: Migration20261204184350HardeningRecordsOffice },
  { name: 'Migration20261204185052_log_by_pid', class: Migration20261204185052LogByPid },
  { name: 'Migration20261205061848_disposal_proposal', class: Migration20261205061848DisposalProposal },
  { name: 'Migration20261205141543_transfer_destruction', class: Migration20261205141543TransferDestruction },
  { name: 'Migration20261206011917_job_lease', class: Migration20261206011917JobLease },
  { name: 'Migration20261206012000_backup_tenants', class: Migration20261206012000BackupTenants },
  { name: 'Migration20261206021141_proposal_build', class: Migration20261206021141ProposalBuild },
];
