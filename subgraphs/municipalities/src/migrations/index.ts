import type { MigrationObject } from '@hub/kit';
import { Migration20261204181952Initial } from './Migration20261204181952_initial';

/** The MariaDB migrations of this subgraph, oldest first (written by `npm run db:migration:create`; never edit an applied one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261204181952_initial', class: Migration20261204181952Initial },
];
