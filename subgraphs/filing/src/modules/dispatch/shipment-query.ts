import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forwardPageInfo, type PageInfo } from '@hub/kit';
import { decodeInstantCursor, encodeInstantCursor } from '../paging';
import {
  SHIPMENT_CHANNELS,
  SHIPMENT_STATES,
  Shipment,
  type ShipmentChannel,
  type ShipmentState,
} from './shipment.entity';

export const MAX_QUEUE_PAGE = 100;

export interface ShipmentPage {
  edges: { cursor: string; node: Shipment }[];
  pageInfo: PageInfo;
  /** Shipments of the queue (state, channel) in all; counted only when a client selects `totalCount`. */
  totalCount: () => Promise<number>;
}

/** Position in the queue (createdAt ASC, id ASC); see paging.ts. */
const encodeCursor = (s: Shipment) => encodeInstantCursor(s.createdAt, s.id);

export interface QueueArgs {
  state?: ShipmentState | null;
  channel?: ShipmentChannel | null;
  first?: number | null;
  after?: string | null;
}

/**
 * The dispatch office's queue: the municipality's shipments in one state (what to send: TO_DISPATCH; what waits
 * for its delivery: DISPATCHED), optionally of one channel, oldest first so nothing waits forever. Keyset
 * paging over the index (municipality_id, state, created_at, id); the tenant condition comes from the filter.
 */
export async function dispatchQueue(em: SqlEntityManager, args: QueueArgs): Promise<ShipmentPage> {
  const state = args.state ?? 'TO_DISPATCH';
  if (!SHIPMENT_STATES.includes(state)) throw badInput(`state must be one of ${SHIPMENT_STATES.join(', ')}`, 'state');
  if (args.channel && !SHIPMENT_CHANNELS.includes(args.channel))
    throw badInput(`channel must be one of ${SHIPMENT_CHANNELS.join(', ')}`, 'channel');
  const size = args.first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_QUEUE_PAGE)
    throw badInput(`first must be between 1 and ${MAX_QUEUE_PAGE}`, 'first');
  const conditions: FilterQuery<Shipment>[] = [{ state }];
  if (args.channel) conditions.push({ channel: args.channel });
  const queue = { $and: [...conditions] };
  if (args.after) {
    const { key, id } = decodeInstantCursor(args.after);
    conditions.push({ $or: [{ createdAt: { $gt: key } }, { createdAt: key, id: { $gt: id } }] });
  }
  const rows = await em.find(
    Shipment,
    { $and: conditions },
    { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: size + 1 },
  );
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, rows.length > size, args.after),
    totalCount: () => em.count(Shipment, queue),
  };
}
