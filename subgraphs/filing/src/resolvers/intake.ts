import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers } from '../generated/graphql';
import { INTAKE_ROLES, receiveDataMessage } from '../modules/intake/intake';

export const intakeMutations: MutationResolvers = {
  receiveDataMessage: (_, { input }, ctx) =>
    receiveDataMessage(ctx.em, requireTenantCaller(ctx, INTAKE_ROLES), input, ctx.now()),
};
