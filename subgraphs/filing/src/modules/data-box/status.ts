import type { SqlEntityManager } from '@mikro-orm/knex';
import { DataBoxConnection, DataBoxInbound, DataBoxOutbound, INBOUND_OPEN } from './data-box.entity';

/** `dataBoxConnection` (tenant admins): the caller's municipality's connection (the tenant filter scopes `em`). */
export function dataBoxConnectionOf(em: SqlEntityManager): Promise<DataBoxConnection | null> {
  return em.findOne(DataBoxConnection, {});
}

export const backlogOf = (em: SqlEntityManager) => em.count(DataBoxInbound, { state: { $in: INBOUND_OPEN } });
export const pendingDeliveriesOf = (em: SqlEntityManager) => em.count(DataBoxOutbound, { state: 'SENT' });
export const failedMessagesOf = (em: SqlEntityManager) =>
  em.find(DataBoxInbound, { state: 'FAILED' }, { orderBy: { updatedAt: 'desc' }, limit: 20 });
export const outboundOf = (em: SqlEntityManager, shipmentId: string) => em.findOne(DataBoxOutbound, { shipmentId });
