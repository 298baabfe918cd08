import type { MigrationObject } from '@hub/kit';
import { Migration20261204181952Initial } from './Migration20261204181952_initial';
import { Migration20261204184350HardeningRecordsOffice } from './Migration20261204184350_hardening_records_office';
import { Migration20261204185052LogByPid } from './Migration20261204185052_log_by_pid';
import { Migration20261205054257SipMetadata } from './Migration20261205054257_sip_metadata';
import { Migration20261205054731NameRegister } from './Migration20261205054731_name_register';
import { Migration20261205061532DisposalProposal } from './Migration20261205061532_disposal_proposal';
import { Migration20261206011505Destruction } from './Migration20261206011505_destruction';
import { Migration20261206011917JobLease } from './Migration20261206011917_job_lease';
import { Migration20261206014716Webhooks } from './Migration20261206014716_webhooks';
import { Migration20261206043415WordIndex } from './Migration20261206043415_word_index';
import { Migration20261206043903Conversion } from './Migration20261206043903_conversion';
import { Migration20261206043919DataBox } from './Migration20261206043919_data_box';
import { Migration20261206044203MediaTypesSignatures } from './Migration20261206044203_media_types_signatures';
import { Migration20261206055500Sealing } from './Migration20261206055500_sealing';

/** The MariaDB migrations of this subgraph, oldest first (written by `npm run db:migration:create`; never edit an applied one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261204181952_initial', class: Migration20261204181952Initial },
  { name: 'Migration20261204184350_hardening_records_office', class: Migration20261204184350HardeningRecordsOffice },
  { name: 'Migration20261204185052_log_by_pid', class: Migration20261204185052LogByPid },
  { name: 'Migration20261205054257_sip_metadata', class: Migration20261205054257SipMetadata },
  { name: 'Migration20261205054731_name_register', class: Migration20261205054731NameRegister },
  { name: 'Migration20261205061532_disposal_proposal', class: Migration20261205061532DisposalProposal },
  { name: 'Migration20261206011505_destruction', class: Migration20261206011505Destruction },
  { name: 'Migration20261206011917_job_lease', class: Migration20261206011917JobLease },
  { name: 'Migration20261206014716_webhooks', class: Migration20261206014716Webhooks },
  { name: 'Migration20261206043415_word_index', class: Migration20261206043415WordIndex },
  { name: 'Migration20261206043903_conversion', class: Migration20261206043903Conversion },
  { name: 'Migration20261206043919_data_box', class: Migration20261206043919DataBox },
  { name: 'Migration20261206044203_media_types_signatures', class: Migration20261206044203MediaTypesSignatures },
  { name: 'Migration20261206055500_sealing', class: Migration20261206055500Sealing },
];
