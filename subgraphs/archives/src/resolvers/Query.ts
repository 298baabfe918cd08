import { requireCaller, requireTenantCaller } from '@hub/kit';
import type { QueryResolvers } from '../generated/graphql';
import { Archive } from '../modules/archives/archive.entity';
import { listBackupSets, requireBackupClient, retentionOf } from '../modules/backup-sets/backup-sets';
import { DisposalProposal } from '../modules/disposal/disposal-proposal.entity';
import { disposalCandidates } from '../modules/disposal/proposal';
import { listDisposalHolds } from '../modules/disposal-holds/disposal-hold.service';
import { INVENTORY_READER_ROLES, pragueDay } from '../modules/records-office/common';
import { findInventory } from '../modules/records-office/inventory';
import { findLoans } from '../modules/records-office/loans';
import { StorageUnit } from '../modules/records-office/storage-unit.entity';

export const Query: QueryResolvers = {
  backupSets: (_, __, ctx) => listBackupSets(ctx.em, requireBackupClient(ctx)),
  backupSetRetention: (_, __, ctx) => retentionOf(ctx.em, requireBackupClient(ctx)),
  archives: async (_, __, ctx) => {
    requireCaller(ctx);
    // Sorted here rather than in SQL so SQLite and MariaDB agree on Czech order (Č after C, Ch after H).
    return (await ctx.em.find(Archive, {})).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  },
  disposalHolds: (_, { includeReleased }, ctx) => listDisposalHolds(ctx, includeReleased ?? false),
  storageUnits: async (_, { parentId }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return (await ctx.em.find(StorageUnit, { parentId: parentId ?? null })).sort((a, b) =>
      a.name.localeCompare(b.name, 'cs', { numeric: true }),
    );
  },
  storageUnit: (_, { id }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return ctx.loaders.storageUnit.load(id);
  },
  recordsOfficeInventory: (_, { filter, first, after }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return findInventory(ctx.em, filter ?? {}, { first, after });
  },
  recordsOfficeItem: (_, { id }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return ctx.loaders.recordsOfficeItem.load(id);
  },
  loans: (_, { activeOnly }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return findLoans(ctx.em, { activeOnly: activeOnly ?? true });
  },
  overdueLoans: (_, __, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return findLoans(ctx.em, { activeOnly: true, overdueOn: pragueDay(ctx.now()) });
  },
  disposalProposals: (_, __, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return ctx.em.find(DisposalProposal, {}, { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  },
  disposalProposal: (_, { id }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return ctx.loaders.disposalProposal.load(id);
  },
  disposalCandidates: (_, { year }, ctx) => {
    requireTenantCaller(ctx, INVENTORY_READER_ROLES);
    return disposalCandidates(ctx.em, ctx.peers, year);
  },
};
