import { byIdLoader, type SubgraphContext } from '@hub/kit';
import { Document } from './modules/documents/document.entity';
import { Register } from './modules/registers/register.entity';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    /** The registration clock. A seam so tests can register on New Year's Eve or in past years. */
    now: () => new Date(),
    loaders: {
      document: byIdLoader(base.em, Document),
      register: byIdLoader(base.em, Register),
    },
  };
}

export type FilingContext = ReturnType<typeof createContext>;
