import { Role, requireTenantCaller } from '@hub/kit';
import type { DataBoxConnectionResolvers, QueryResolvers } from '../generated/graphql';
import { backlogOf, dataBoxConnectionOf, failedMessagesOf, pendingDeliveriesOf } from '../modules/data-box/status';

/** Tenant admins watch their municipality's connection (they manage its API clients and webhooks too). */
const READERS = [Role.TENANT_ADMIN];

export const DataBoxConnection: DataBoxConnectionResolvers = {
  lastSuccessfulPollAt: (c) => c.lastSuccessAt,
  backlog: (_, __, ctx) => backlogOf(ctx.em),
  pendingDeliveries: (_, __, ctx) => pendingDeliveriesOf(ctx.em),
  failedMessages: async (_, __, ctx) =>
    (await failedMessagesOf(ctx.em)).map((m) => ({
      dmId: m.dmId,
      deliveredAt: m.deliveredAt,
      error: m.lastError,
      attempts: m.attempts,
    })),
};

export const dataBoxQueries: QueryResolvers = {
  dataBoxConnection: (_, __, ctx) => {
    requireTenantCaller(ctx, READERS);
    return dataBoxConnectionOf(ctx.em);
  },
};
