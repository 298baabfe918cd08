import { byIdLoader, groupLoader, type SubgraphContext } from '@hub/kit';
import { Archive } from './modules/archives/archive.entity';
import { DisposalHold } from './modules/disposal-holds/disposal-hold.entity';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    loaders: {
      archive: byIdLoader(base.em, Archive),
      disposalHold: byIdLoader(base.em, DisposalHold),
      // All holds of a page of documents in one query; released ones are filtered per field in memory.
      disposalHoldsByDocument: groupLoader(base.em, DisposalHold, 'documentId', { placedAt: 'desc', id: 'asc' }),
    },
  };
}

export type ArchivesContext = ReturnType<typeof createContext>;
