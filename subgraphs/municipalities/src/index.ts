import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type MunicipalitiesContext } from './context';
import { MunicipalitySchema } from './modules/municipalities/municipality.entity';
import { OrgUnitSchema } from './modules/municipalities/org-unit.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';
import { upgradeData } from './upgrade';

/** The municipalities subgraph: tenants (originators), their org units and competent archive. */
export const municipalities: SubgraphDefinition<MunicipalitiesContext> = {
  name: 'municipalities',
  typeDefs: loadSchema('municipalities'),
  resolvers,
  entities: [MunicipalitySchema, OrgUnitSchema],
  migrations,
  createContext,
  seedDemo,
  upgradeData,
};
