import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, PartyResolvers, QueryResolvers } from '../generated/graphql';
import { PARTY_EDITING_ROLES, createParty, updateParty } from '../modules/parties/parties';
import { findParties } from '../modules/parties/party-query';

// Everyone of the municipality reads the name register (a handler picks a recipient from it); the tenant filter scopes it.
export const partyQueries: QueryResolvers = {
  parties: (_, args, ctx) => {
    requireTenantCaller(ctx);
    return findParties(ctx.em, args);
  },
  party: (_, { id }, ctx) => {
    requireTenantCaller(ctx);
    return ctx.loaders.party.load(id);
  },
};

export const partyMutations: MutationResolvers = {
  createParty: (_, { input }, ctx) =>
    createParty(ctx.em, requireTenantCaller(ctx, PARTY_EDITING_ROLES), input, ctx.now()),
  updateParty: (_, { id, input }, ctx) =>
    updateParty(ctx.em, requireTenantCaller(ctx, PARTY_EDITING_ROLES), id, input, ctx.now()),
};

export const Party: PartyResolvers = {
  postalAddress: (p) =>
    p.houseNumber && p.addressMunicipality && p.postCode
      ? {
          street: p.street ?? '',
          houseNumber: p.houseNumber,
          orientationNumber: p.orientationNumber,
          municipality: p.addressMunicipality,
          municipalityPart: p.municipalityPart,
          postCode: p.postCode,
        }
      : null,
};
