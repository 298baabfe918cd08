import { EntitySchema } from '@mikro-orm/core';

/**
 * Event types an office app can subscribe to. Each is recognised in the transaction log (transakční protokol) by
 * its TrP event and object type (events.ts), so a delivery is built from exactly what was committed.
 */
export const WEBHOOK_EVENT_TYPES = [
  'DOCUMENT_REGISTERED',
  'DATA_MESSAGE_RECEIVED',
  'DOCUMENT_ASSIGNED',
  'DOCUMENT_SETTLED',
  'SHIPMENT_DISPATCHED',
  'SHIPMENT_DELIVERED',
  'SHIPMENT_RETURNED',
  'CASE_FILE_CLOSED',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Optional narrowing of a subscription: an event passes when each non-empty list matches its object. */
export interface WebhookFilters {
  registerIds: string[];
  orgUnitIds: string[];
  /** Filing codes (spisové znaky): a node matches itself and everything under it (`1.2` matches `1.2.3`). */
  filingCodes: string[];
}

/**
 * A subscription of an office app (API client of the users subgraph) to events of its municipality's log: where
 * to POST, which events, and the secret the hub signs them with.
 */
export class WebhookSubscription {
  id!: string;
  municipalityId!: string;
  /** The API client (users subgraph) the deliveries are for; the app reads what it may see through GraphQL. */
  apiClientId!: string;
  url!: string;
  eventTypes!: WebhookEventType[];
  filters!: WebhookFilters;
  /**
   * The signing secret, encrypted with the platform's webhook key (signing.ts `sealSecret`): the hub must sign
   * with it, so it cannot be kept as a one-way hash like an API client's secret.
   */
  secretSealed!: string;
  active!: boolean;
  createdAt!: Date;
  createdById!: string | null;
  updatedAt!: Date;
  secretRotatedAt!: Date | null;
  /** Deleted subscriptions stay (their deliveries stay visible to the audit) but never deliver again. */
  deletedAt!: Date | null;
}

export const WebhookSubscriptionSchema = new EntitySchema<WebhookSubscription>({
  class: WebhookSubscription,
  tableName: 'webhook_subscription',
  indexes: [{ properties: ['municipalityId', 'createdAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    apiClientId: { type: 'uuid' },
    url: { type: 'string', length: 500 },
    eventTypes: { type: 'json' },
    filters: { type: 'json' },
    secretSealed: { type: 'string', length: 200 },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid', nullable: true },
    updatedAt: { type: 'datetime', length: 3 },
    secretRotatedAt: { type: 'datetime', length: 3, nullable: true },
    deletedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

/**
 * Where a subscription is in its municipality's log: every entry up to `handledThrough` (poradi) was delivered or
 * did not match. Kept apart from the subscription so the dispatcher's frequent writes never touch what the admin
 * edits. A failing receiver backs off here, per subscription: it never holds up another.
 */
export class WebhookCursor {
  subscriptionId!: string;
  municipalityId!: string;
  handledThrough!: number;
  /** Consecutive failed attempts at the entry after `handledThrough` (0 when the last attempt succeeded). */
  failures!: number;
  nextAttemptAt!: Date | null;
  lastError!: string | null;
}

export const WebhookCursorSchema = new EntitySchema<WebhookCursor>({
  class: WebhookCursor,
  tableName: 'webhook_cursor',
  properties: {
    subscriptionId: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    handledThrough: { type: 'integer' },
    failures: { type: 'integer' },
    nextAttemptAt: { type: 'datetime', length: 3, nullable: true },
    lastError: { type: 'string', length: 300, nullable: true },
  },
});

export type WebhookDeliveryStatus = 'DELIVERED' | 'FAILED';

/** One attempt to deliver one log entry to one subscription: what the tenant admin sees as "last attempts". */
export class WebhookDelivery {
  id!: string;
  municipalityId!: string;
  subscriptionId!: string;
  /** The log entry's id: the event id the receiver dedupes by. */
  eventId!: string;
  poradi!: number;
  eventType!: WebhookEventType;
  attempt!: number;
  status!: WebhookDeliveryStatus;
  httpStatus!: number | null;
  error!: string | null;
  durationMs!: number;
  attemptedAt!: Date;
}

export const WebhookDeliverySchema = new EntitySchema<WebhookDelivery>({
  class: WebhookDelivery,
  tableName: 'webhook_delivery',
  indexes: [{ properties: ['subscriptionId', 'attemptedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    subscriptionId: { type: 'uuid' },
    eventId: { type: 'uuid' },
    poradi: { type: 'integer' },
    eventType: { type: 'string', length: 40 },
    attempt: { type: 'integer' },
    status: { type: 'string', length: 10 },
    httpStatus: { type: 'integer', nullable: true },
    error: { type: 'string', length: 300, nullable: true },
    durationMs: { type: 'integer' },
    attemptedAt: { type: 'datetime', length: 3 },
  },
});

/** The module's tables, for filing's entity list. */
export const WEBHOOK_ENTITIES = [WebhookSubscriptionSchema, WebhookCursorSchema, WebhookDeliverySchema];
