import { forbidden, requireTenantCaller } from '@hub/kit';
import type { MunicipalityResolvers } from '../generated/graphql';
import { findDocuments } from '../modules/documents/document-query';
import { visibleDocuments } from '../modules/documents/visibility';

export const Municipality: MunicipalityResolvers = {
  documents: (m, args, ctx) => {
    const caller = requireTenantCaller(ctx);
    // The tenant filter would return an empty list for another municipality; say "forbidden" instead, so a
    // client does not read "no documents" where it simply may not look.
    if (m.id !== caller.municipalityId) throw forbidden("Only the municipality's own users may list its documents");
    return findDocuments(ctx.em, args, visibleDocuments(caller));
  },
};
