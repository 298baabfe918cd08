import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  SequenceCounter,
  badInput,
  conflict,
  inTransaction,
  notFound,
  recordAudit,
  type AuditChange,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { LogEntry } from '../audit-log/log-entry.entity';
import { newWebhookSecret, sealSecret } from './signing';
import { urlRefusal } from './url-policy';
import {
  WEBHOOK_EVENT_TYPES,
  WebhookCursor,
  WebhookDelivery,
  WebhookSubscription,
  type WebhookEventType,
  type WebhookFilters,
} from './webhook.entity';

/**
 * Webhook subscriptions (issue 14 item 1): a tenant admin points an office app's API client at a URL on the town's
 * network for chosen event types of the municipality's transaction log. Every change is audited in its transaction
 * (object type KonfiguraceSystemu; the secret never appears in the log), and refused input writes nothing.
 */

/** Bounds: what one municipality may configure and what a filter may list. */
export const MAX_SUBSCRIPTIONS = 20;
const MAX_FILTER_VALUES = 50;

export interface WebhookFiltersInput {
  registerIds?: string[] | null;
  orgUnitIds?: string[] | null;
  filingCodes?: string[] | null;
}
export interface CreateWebhookSubscriptionInput {
  apiClientId: string;
  url: string;
  eventTypes: readonly WebhookEventType[];
  filters?: WebhookFiltersInput | null;
  active?: boolean | null;
}
export interface UpdateWebhookSubscriptionInput {
  url?: string | null;
  eventTypes?: readonly WebhookEventType[] | null;
  filters?: WebhookFiltersInput | null;
  active?: boolean | null;
}
export interface WebhookSecretResult {
  subscription: WebhookSubscription;
  secret: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUrl(url: string): string {
  const trimmed = url.trim();
  const refusal = urlRefusal(trimmed);
  if (refusal) throw badInput(refusal, 'url');
  return trimmed;
}

function checkEventTypes(types: readonly WebhookEventType[]): WebhookEventType[] {
  if (types.length === 0) throw badInput('name at least one event type', 'eventTypes');
  if (new Set(types).size !== types.length) throw badInput('event types must not repeat', 'eventTypes');
  if (types.some((t) => !WEBHOOK_EVENT_TYPES.includes(t)))
    throw badInput(`event types are ${WEBHOOK_EVENT_TYPES.join(', ')}`, 'eventTypes');
  return [...types];
}

function checkFilters(f: WebhookFiltersInput | null | undefined): WebhookFilters {
  const list = (values: string[] | null | undefined, field: string, check: (v: string) => boolean, what: string) => {
    const v = [...new Set((values ?? []).map((x) => x.trim()))];
    if (v.length > MAX_FILTER_VALUES) throw badInput(`at most ${MAX_FILTER_VALUES} values`, `filters.${field}`);
    if (v.some((x) => !check(x))) throw badInput(`every value must be ${what}`, `filters.${field}`);
    return v;
  };
  return {
    registerIds: list(f?.registerIds, 'registerIds', (x) => UUID.test(x), 'an id'),
    orgUnitIds: list(f?.orgUnitIds, 'orgUnitIds', (x) => UUID.test(x), 'an id'),
    filingCodes: list(
      f?.filingCodes,
      'filingCodes',
      (x) => x.length >= 1 && x.length <= 50,
      'a filing code of 1–50 characters',
    ),
  };
}

/** What the audit log records of a subscription (never its secret). */
function auditValues(s: Partial<WebhookSubscription>): Record<string, string | null> {
  return {
    apiClientId: s.apiClientId ?? null,
    url: s.url ?? null,
    eventTypes: s.eventTypes ? s.eventTypes.join(',') : null,
    filters: s.filters ? JSON.stringify(s.filters) : null,
    active: s.active === undefined ? null : String(s.active),
  };
}

function changesOf(before: Partial<WebhookSubscription>, after: Partial<WebhookSubscription>): AuditChange[] {
  const a = auditValues(before);
  const b = auditValues(after);
  return Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ name: k, old: a[k], new: b[k] }));
}

function audit(
  tx: SqlEntityManager,
  caller: TenantCaller,
  s: WebhookSubscription,
  eventType: 'Zalozeni' | 'Uprava' | 'Zruseni',
  description: string,
  changes: AuditChange[],
) {
  return recordAudit(tx, caller, {
    municipalityId: s.municipalityId,
    eventType,
    objectType: 'KonfiguraceSystemu',
    objectId: s.id,
    description,
    changes,
  });
}

/** The municipality's log head (last poradi), from its counter; 0 before the first entry. */
export async function logHead(em: SqlEntityManager, municipalityId: string): Promise<number> {
  // Through the entity manager, so inside a transaction it is read in that transaction.
  const head = await em.findOne(SequenceCounter, { name: `log:${municipalityId}` }, { disableIdentityMap: true });
  return Number(head?.currentValue ?? 0);
}

/** The subscriptions of the caller's municipality (tenant filter), newest first; deleted ones are gone. */
export function listWebhookSubscriptions(em: SqlEntityManager): Promise<WebhookSubscription[]> {
  return em.find(WebhookSubscription, { deletedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
}

async function findLive(em: SqlEntityManager, id: string): Promise<WebhookSubscription> {
  const s = UUID.test(id) ? await em.findOne(WebhookSubscription, { id, deletedAt: null }) : null;
  if (!s) throw notFound('Webhook subscription', id);
  return s;
}

/**
 * `createWebhookSubscription`: delivers events committed from now on (the cursor starts at the log's head; use
 * `replayWebhookSubscription` for earlier ones). `apiClientExists` asks the users subgraph (before the transaction,
 * never a remote call inside one) whether the client is one of the caller's municipality's active clients.
 */
export async function createWebhookSubscription(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateWebhookSubscriptionInput,
  now: Date,
  apiClientExists: (id: string) => Promise<boolean>,
): Promise<WebhookSecretResult> {
  if (!UUID.test(input.apiClientId)) throw badInput('apiClientId must be the id of an API client', 'apiClientId');
  const url = checkUrl(input.url);
  const eventTypes = checkEventTypes(input.eventTypes);
  const filters = checkFilters(input.filters);
  if (!(await apiClientExists(input.apiClientId)))
    throw badInput('apiClientId is not an active API client of your municipality', 'apiClientId');
  const secret = newWebhookSecret();
  const secretSealed = sealSecret(secret);
  const subscription = await inTransaction(em, async (tx) => {
    if ((await tx.count(WebhookSubscription, { deletedAt: null })) >= MAX_SUBSCRIPTIONS) {
      throw conflict(`A municipality may have at most ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first`);
    }
    const s = tx.create(WebhookSubscription, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      apiClientId: input.apiClientId,
      url,
      eventTypes,
      filters,
      secretSealed,
      active: input.active ?? true,
      createdAt: now,
      createdById: caller.userId,
      updatedAt: now,
      secretRotatedAt: null,
      deletedAt: null,
    });
    // Read in the transaction: events committed before it are not this subscription's (replay reaches them).
    tx.create(WebhookCursor, {
      subscriptionId: s.id,
      municipalityId: caller.municipalityId,
      handledThrough: await logHead(tx, caller.municipalityId),
      failures: 0,
      nextAttemptAt: null,
      lastError: null,
    });
    await tx.flush();
    await audit(tx, caller, s, 'Zalozeni', `Webhook subscription to ${url} created`, changesOf({}, s));
    return s;
  });
  return { subscription, secret };
}

/** `updateWebhookSubscription`: URL, event types, filters, active; only what is given changes. */
export async function updateWebhookSubscription(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: UpdateWebhookSubscriptionInput,
  now: Date,
): Promise<WebhookSubscription> {
  const patch: Partial<WebhookSubscription> = {};
  if (input.url != null) patch.url = checkUrl(input.url);
  if (input.eventTypes != null) patch.eventTypes = checkEventTypes(input.eventTypes);
  if (input.filters != null) patch.filters = checkFilters(input.filters);
  if (input.active != null) patch.active = input.active;
  return inTransaction(em, async (tx) => {
    const s = await findLive(tx, id);
    const before = { ...s };
    Object.assign(s, patch);
    const changes = changesOf(before, s);
    if (changes.length === 0) return s;
    s.updatedAt = now;
    if (patch.active === true && !before.active) {
      // Switched on again: try at once rather than after the back-off of earlier failures.
      await tx.nativeUpdate(WebhookCursor, { subscriptionId: s.id }, { failures: 0, nextAttemptAt: null });
    }
    await tx.flush();
    await audit(tx, caller, s, 'Uprava', `Webhook subscription to ${s.url} changed`, changes);
    return s;
  });
}

/** `deleteWebhookSubscription`: stops its deliveries for good; its past deliveries stay for the record. */
export async function deleteWebhookSubscription(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  now: Date,
): Promise<string> {
  return inTransaction(em, async (tx) => {
    const s = await findLive(tx, id);
    s.deletedAt = now;
    s.active = false;
    await tx.flush();
    await audit(tx, caller, s, 'Zruseni', `Webhook subscription to ${s.url} deleted`, [
      { name: 'deletedAt', old: null, new: now.toISOString() },
    ]);
    return s.id;
  });
}

/** `rotateWebhookSecret`: a new secret signs every delivery from now on; it is shown this once. */
export async function rotateWebhookSecret(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  now: Date,
): Promise<WebhookSecretResult> {
  const secret = newWebhookSecret();
  const secretSealed = sealSecret(secret);
  const subscription = await inTransaction(em, async (tx) => {
    const s = await findLive(tx, id);
    Object.assign(s, { secretSealed, secretRotatedAt: now, updatedAt: now });
    await tx.flush();
    await audit(tx, caller, s, 'Uprava', `Webhook subscription to ${s.url}: secret rotated`, [
      { name: 'secretRotatedAt', old: null, new: now.toISOString() },
    ]);
    return s;
  });
  return { subscription, secret };
}

/**
 * `replayWebhookSubscription`: delivers again every matching event from a point of the log on, given as a poradi
 * or as a time (the first entry recorded at or after it). The receiver sees the same event ids again.
 */
export async function replayWebhookSubscription(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  from: { poradi?: number | null; time?: Date | null },
): Promise<WebhookSubscription> {
  const byPoradi = from.poradi != null;
  const byTime = from.time != null;
  if (byPoradi === byTime)
    throw badInput('give exactly one of fromPoradi and fromTime', byPoradi ? 'fromTime' : 'fromPoradi');
  if (byPoradi && (!Number.isSafeInteger(from.poradi) || from.poradi! < 1))
    throw badInput('fromPoradi must be a positive integer', 'fromPoradi');
  return inTransaction(em, async (tx) => {
    const s = await findLive(tx, id);
    const head = await logHead(tx, s.municipalityId);
    let start: number;
    if (byPoradi) {
      start = Math.min(from.poradi!, head + 1);
    } else {
      const first = await tx.findOne(
        LogEntry,
        { recordedAt: { $gte: from.time! } },
        { orderBy: { poradi: 'asc' }, fields: ['poradi'], disableIdentityMap: true },
      );
      start = first?.poradi ?? head + 1;
    }
    const cursor = await tx.findOneOrFail(WebhookCursor, { subscriptionId: s.id });
    const before = cursor.handledThrough;
    Object.assign(cursor, { handledThrough: start - 1, failures: 0, nextAttemptAt: null, lastError: null });
    await tx.flush();
    await audit(tx, caller, s, 'Uprava', `Webhook subscription to ${s.url}: replay from poradi ${start}`, [
      { name: 'handledThrough', old: String(before), new: String(start - 1) },
    ]);
    return s;
  });
}

export function cursorOf(em: SqlEntityManager, subscriptionId: string): Promise<WebhookCursor | null> {
  return em.findOne(WebhookCursor, { subscriptionId });
}

export function recentDeliveries(
  em: SqlEntityManager,
  subscriptionId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('limit must be 1–100', 'limit');
  return em.find(WebhookDelivery, { subscriptionId }, { orderBy: { attemptedAt: 'desc', id: 'desc' }, limit });
}
