import { Role, hasRole, requireCaller } from '@hub/kit';
import type { ApiClientResolvers } from '../generated/graphql';
import { ApiClient as ApiClientEntity } from '../modules/users/api-client.entity';

/** Who may resolve a reference to an API client (e.g. filing's webhook subscriptions name theirs). */
const READERS = [Role.TENANT_ADMIN, Role.RECORDS_MANAGER];

export const ApiClient: ApiClientResolvers = {
  // Tenant-owned: the tenant filter hides other municipalities' clients, so another municipality's id resolves to
  // null, as does any id for callers who do not manage the municipality's integrations.
  __resolveReference: async (ref, ctx) => {
    const caller = requireCaller(ctx);
    if (!caller.municipalityId || !hasRole(caller, ...READERS)) return null as never;
    return (await ctx.em.findOne(ApiClientEntity, { id: ref.id })) as never;
  },
};
