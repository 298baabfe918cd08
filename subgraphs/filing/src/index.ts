import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type FilingContext } from './context';
import { DocumentSchema } from './modules/documents/document.entity';
import { RegisterSchema } from './modules/registers/register.entity';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

/** The filing subgraph: registers (podací deník), document registration and numbering, the merged audit trail. */
export const filing: SubgraphDefinition<FilingContext> = {
  name: 'filing',
  typeDefs: loadSchema('filing'),
  resolvers,
  entities: [RegisterSchema, DocumentSchema],
  createContext,
  seedDemo,
};
