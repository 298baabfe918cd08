import { Role, requireTenantCaller } from '@hub/kit';
import type { FilingContext } from '../context';
import type { MutationResolvers, QueryResolvers, WebhookSubscriptionResolvers } from '../generated/graphql';
import {
  createWebhookSubscription,
  cursorOf,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  logHead,
  recentDeliveries,
  replayWebhookSubscription,
  rotateWebhookSecret,
  updateWebhookSubscription,
} from '../modules/webhooks/subscriptions';

/** Tenant admins manage webhooks (they manage the API clients too); records managers may watch them. */
const MANAGERS = [Role.TENANT_ADMIN];
const READERS = [Role.TENANT_ADMIN, Role.RECORDS_MANAGER];

/** Asks the users subgraph, as the caller, whether the API client is one of the municipality's active ones. */
async function apiClientExists(ctx: FilingContext, id: string): Promise<boolean> {
  const [client] = await ctx.peers.entities<{ id: string; active: boolean }>('users', 'ApiClient', [id], 'id active');
  return !!client?.active;
}

export const WebhookSubscription: WebhookSubscriptionResolvers = {
  apiClient: (s) => ({ __typename: 'ApiClient', id: s.apiClientId }),
  handledThrough: async (s, _, ctx) => (await cursorOf(ctx.em, s.id))?.handledThrough ?? 0,
  logHead: (s, _, ctx) => logHead(ctx.em, s.municipalityId),
  failures: async (s, _, ctx) => (await cursorOf(ctx.em, s.id))?.failures ?? 0,
  nextAttemptAt: async (s, _, ctx) => (await cursorOf(ctx.em, s.id))?.nextAttemptAt ?? null,
  lastError: async (s, _, ctx) => (await cursorOf(ctx.em, s.id))?.lastError ?? null,
  recentDeliveries: (s, { limit }, ctx) => recentDeliveries(ctx.em, s.id, limit),
};

export const webhookQueries: QueryResolvers = {
  webhookSubscriptions: (_, __, ctx) => {
    requireTenantCaller(ctx, READERS);
    return listWebhookSubscriptions(ctx.em);
  },
};

export const webhookMutations: MutationResolvers = {
  createWebhookSubscription: (_, { input }, ctx) =>
    createWebhookSubscription(ctx.em, requireTenantCaller(ctx, MANAGERS), input, ctx.now(), (id) =>
      apiClientExists(ctx, id),
    ),
  updateWebhookSubscription: (_, { id, input }, ctx) =>
    updateWebhookSubscription(ctx.em, requireTenantCaller(ctx, MANAGERS), id, input, ctx.now()),
  deleteWebhookSubscription: (_, { id }, ctx) =>
    deleteWebhookSubscription(ctx.em, requireTenantCaller(ctx, MANAGERS), id, ctx.now()),
  rotateWebhookSecret: (_, { id }, ctx) =>
    rotateWebhookSecret(ctx.em, requireTenantCaller(ctx, MANAGERS), id, ctx.now()),
  replayWebhookSubscription: (_, { id, fromPoradi, fromTime }, ctx) =>
    replayWebhookSubscription(ctx.em, requireTenantCaller(ctx, MANAGERS), id, { poradi: fromPoradi, time: fromTime }),
};
