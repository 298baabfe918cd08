import { byIdLoader, groupLoader, type SubgraphContext } from '@hub/kit';
import { Municipality } from './modules/municipalities/municipality.entity';
import { OrgUnit } from './modules/municipalities/org-unit.entity';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    loaders: {
      municipality: byIdLoader(base.em, Municipality),
      orgUnit: byIdLoader(base.em, OrgUnit),
      orgUnitsByMunicipality: groupLoader(base.em, OrgUnit, 'municipalityId', { name: 'asc' }),
    },
  };
}

export type MunicipalitiesContext = ReturnType<typeof createContext>;
