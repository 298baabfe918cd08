import { byIdLoader, groupLoader, type SubgraphContext } from '@hub/kit';
import DataLoader from 'dataloader';
import { Archive } from './modules/archives/archive.entity';
import { DisposalProposal } from './modules/disposal/disposal-proposal.entity';
import { DisposalHold } from './modules/disposal-holds/disposal-hold.entity';
import { disposalBlocks } from './modules/records-office/disposal-check';
import { Loan } from './modules/records-office/loan.entity';
import { RecordsOfficeContent, RecordsOfficeItem } from './modules/records-office/records-office-item.entity';
import { StorageUnit } from './modules/records-office/storage-unit.entity';

export function createContext(base: SubgraphContext) {
  const em = base.em;
  return {
    ...base,
    /** The clock of loans and take-overs; a seam for tests. */
    now: () => new Date(),
    loaders: {
      archive: byIdLoader(em, Archive),
      disposalHold: byIdLoader(em, DisposalHold),
      // All holds of a page of documents in one query; released ones are filtered per field in memory.
      disposalHoldsByDocument: groupLoader(em, DisposalHold, 'documentId', { placedAt: 'desc', id: 'asc' }),
      disposalHoldsByCaseFile: groupLoader(em, DisposalHold, 'caseFileId', { placedAt: 'desc', id: 'asc' }),
      storageUnit: byIdLoader(em, StorageUnit),
      storageUnitsByParent: groupLoader(em, StorageUnit, 'parentId', { name: 'asc', id: 'asc' }),
      recordsOfficeItem: byIdLoader(em, RecordsOfficeItem),
      loan: byIdLoader(em, Loan),
      disposalProposal: byIdLoader(em, DisposalProposal),
      loansByItem: groupLoader(em, Loan, 'itemId', { lentAt: 'desc', id: 'asc' }),
      /** Active holds on a page of items and on their case files' documents: two statements per page. */
      activeHoldsByItem: new DataLoader<string, DisposalHold[]>(async (itemIds) => {
        const contents = await em.find(RecordsOfficeContent, { caseFileId: { $in: [...itemIds] } });
        const ownerOf = new Map<string, string>(itemIds.map((id) => [id, id]));
        for (const c of contents) ownerOf.set(c.documentId, c.caseFileId);
        const ids = [...ownerOf.keys()];
        const holds = await em.find(
          DisposalHold,
          { releasedAt: null, $or: [{ documentId: { $in: ids } }, { caseFileId: { $in: ids } }] },
          { orderBy: { placedAt: 'desc', id: 'asc' } },
        );
        const byItem = new Map<string, DisposalHold[]>(itemIds.map((id) => [id, []]));
        for (const h of holds) byItem.get(ownerOf.get((h.caseFileId ?? h.documentId)!)!)?.push(h);
        return itemIds.map((id) => byItem.get(id)!);
      }),
      disposalBlocks: new DataLoader<string, string[]>(async (itemIds) => {
        const blocks = await disposalBlocks(em, itemIds);
        return itemIds.map((id) => blocks.get(id) ?? []);
      }),
    },
  };
}

export type ArchivesContext = ReturnType<typeof createContext>;
