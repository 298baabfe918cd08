import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import {
  DISPATCH_ROLES,
  cancelShipment,
  createShipment,
  dispatchShipment,
  handOverShipment,
  recordShipmentDelivery,
  recordShipmentReturn,
} from '../modules/dispatch/dispatch';
import { dispatchQueue } from '../modules/dispatch/shipment-query';
import { shipmentById } from './Shipment';

export const dispatchQueries: QueryResolvers = {
  shipment: (_, { id }, ctx) => shipmentById(id, ctx),
  dispatchQueue: (_, args, ctx) => {
    requireTenantCaller(ctx, DISPATCH_ROLES);
    return dispatchQueue(ctx.em, args);
  },
};

// Who may take each step is decided per shipment in modules/dispatch (its MAY table: the document's side, or the
// dispatch office), in one place.
export const dispatchMutations: MutationResolvers = {
  createShipment: (_, { input }, ctx) => createShipment(ctx.em, requireTenantCaller(ctx), input, ctx.now()),
  handOverShipment: (_, { shipmentId }, ctx) =>
    handOverShipment(ctx.em, requireTenantCaller(ctx), shipmentId, ctx.now()),
  cancelShipment: (_, { shipmentId, reason }, ctx) =>
    cancelShipment(ctx.em, requireTenantCaller(ctx), shipmentId, reason, ctx.now()),
  dispatchShipment: (_, { input }, ctx) => dispatchShipment(ctx.em, requireTenantCaller(ctx), input, ctx.now()),
  recordShipmentDelivery: (_, { input }, ctx) =>
    recordShipmentDelivery(ctx.em, requireTenantCaller(ctx), input, ctx.now()),
  recordShipmentReturn: (_, { input }, ctx) => recordShipmentReturn(ctx.em, requireTenantCaller(ctx), input, ctx.now()),
};
