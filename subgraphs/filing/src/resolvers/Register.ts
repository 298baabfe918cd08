import { requireCaller } from '@hub/kit';
import type { RegisterResolvers } from '../generated/graphql';

export const Register: RegisterResolvers = {
  __resolveReference: (ref, ctx) => {
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.register.load(ref.id);
  },
  municipality: (r) => ({ __typename: 'Municipality', id: r.municipalityId }),
};
