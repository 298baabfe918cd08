import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type ArchivesContext } from './context';
import { ArchiveSchema } from './modules/archives/archive.entity';
import { DisposalHoldSchema } from './modules/disposal-holds/disposal-hold.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

/** The archives subgraph: the archive directory and disposal holds on documents. */
export const archives: SubgraphDefinition<ArchivesContext> = {
  name: 'archives',
  typeDefs: loadSchema('archives'),
  resolvers,
  entities: [ArchiveSchema, DisposalHoldSchema],
  migrations,
  createContext,
  seedDemo,
};
