import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type ArchivesContext } from './context';
import { ArchiveSchema } from './modules/archives/archive.entity';
import { BackupSetPolicySchema, BackupSetSchema } from './modules/backup-sets/backup-set.entity';
import { backupSetExpiryBackground } from './modules/backup-sets/backup-sets';
import { backupSetRoutes } from './modules/backup-sets/routes';
import { proposalBuildBackground } from './modules/disposal/build';
import {
  DisposalProposalBuildItemSchema,
  DisposalProposalEntrySchema,
  DisposalProposalSchema,
} from './modules/disposal/disposal-proposal.entity';
import { DisposalHoldSchema } from './modules/disposal-holds/disposal-hold.entity';
import { LoanSchema } from './modules/records-office/loan.entity';
import {
  RecordsOfficeContentSchema,
  RecordsOfficeItemSchema,
} from './modules/records-office/records-office-item.entity';
import { StorageUnitSchema } from './modules/records-office/storage-unit.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

/** The archives subgraph: the archive directory, the records office (spisovna: take-over, storage, loans) disposal holds and the disposal procedure (skartační řízení). */
export const archives: SubgraphDefinition<ArchivesContext> = {
  name: 'archives',
  typeDefs: loadSchema('archives'),
  resolvers,
  entities: [
    ArchiveSchema,
    DisposalHoldSchema,
    StorageUnitSchema,
    RecordsOfficeItemSchema,
    RecordsOfficeContentSchema,
    LoanSchema,
    DisposalProposalSchema,
    DisposalProposalEntrySchema,
    DisposalProposalBuildItemSchema,
    BackupSetSchema,
    BackupSetPolicySchema,
  ],
  migrations,
  createContext,
  seedDemo,
  // Backup sets' bytes: POST /backup-sets, GET /downloads/backup-set (modules/backup-sets/routes.ts).
  routes: (orm) => ({ ...backupSetRoutes(orm) }),
  // The hourly expiry of backup sets by their municipalities' retention (HUB_BACKUP_SET_EXPIRY), and the build of
  // large disposal proposals (modules/disposal/build.ts).
  background: (orm) => {
    const work = [backupSetExpiryBackground(orm), proposalBuildBackground(orm)];
    return { stop: async () => void (await Promise.all(work.map((w) => w.stop()))) };
  },
};
