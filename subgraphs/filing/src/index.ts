import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type FilingContext } from './context';
import { CaseFileSchema } from './modules/case-files/case-file.entity';
import { DocumentSchema } from './modules/documents/document.entity';
import { LogEntrySchema } from './modules/audit-log/log-entry.entity';
import { FilingPlanNodeSchema } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlanSchema } from './modules/filing-plans/filing-plan.entity';
import { RegisterSchema } from './modules/registers/register.entity';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';
import { upgradeData } from './upgrade';

/**
 * The filing subgraph: registers (podací deník), document registration and numbering, the handling workflow,
 * filing plans and retention, case files, the records office's forecast and the merged audit trail.
 */
export const filing: SubgraphDefinition<FilingContext> = {
  name: 'filing',
  typeDefs: loadSchema('filing'),
  resolvers,
  entities: [RegisterSchema, DocumentSchema, FilingPlanSchema, FilingPlanNodeSchema, CaseFileSchema, LogEntrySchema],
  createContext,
  seedDemo,
  upgradeData,
};
