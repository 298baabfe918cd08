import { forbidden, formatPostalAddress, isPlatformAdmin, requireCaller, scopeToTenant } from '@hub/kit';
import type { MunicipalityResolvers } from '../generated/graphql';
import { seatAddressOf } from '../modules/municipalities/municipality.entity';
import { OrgUnit } from '../modules/municipalities/org-unit.entity';

export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref, ctx) => {
    requireCaller(ctx);
    return ctx.loaders.municipality.load(ref.id);
  },
  seatAddress: (m) => seatAddressOf(m),
  backupOnly: (m) => m.backupOnly === true,
  seatAddressText: (m) => {
    const seat = seatAddressOf(m);
    return seat ? formatPostalAddress(seat) : null;
  },
  competentArchive: (m) => (m.competentArchiveId ? { __typename: 'Archive', id: m.competentArchiveId } : null),
  orgUnits: async (m, _, ctx) => {
    const caller = requireCaller(ctx);
    if (caller.municipalityId === m.id) return ctx.loaders.orgUnitsByMunicipality.load(m.id);
    if (isPlatformAdmin(caller)) {
      // The platform admin has no tenant of its own; scope a fork to the municipality being administered.
      return scopeToTenant(ctx.em.fork(), m.id).find(OrgUnit, { municipalityId: m.id }, { orderBy: { name: 'asc' } });
    }
    throw forbidden("Org units are visible to the municipality's own users");
  },
};
