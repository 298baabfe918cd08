import { groupLoader, requireTenantCaller } from '@hub/kit';
import type { DeliveryProofResolvers, ShipmentResolvers } from '../generated/graphql';
import type { FilingContext } from '../context';
import { DeliveryProof as DeliveryProofEntity } from '../modules/dispatch/delivery-proof.entity';
import { canSeeShipment, filesToSend } from '../modules/dispatch/dispatch';
import { proofDownloadPathOf } from '../modules/dispatch/routes';
import { Shipment as ShipmentEntity } from '../modules/dispatch/shipment.entity';
import { canSeeDocument } from '../modules/documents/visibility';
import { componentsByDocument } from './Component';

const user = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

/** Per request (keyed by the request's context), like the components' loader. */
const shipmentLoaders = new WeakMap<object, ReturnType<typeof groupLoader<ShipmentEntity, 'documentId'>>>();
export function shipmentsByDocument(ctx: FilingContext) {
  let loader = shipmentLoaders.get(ctx);
  if (!loader) {
    loader = groupLoader(ctx.em, ShipmentEntity, 'documentId', { createdAt: 'asc', id: 'asc' });
    shipmentLoaders.set(ctx, loader);
  }
  return loader;
}

const proofLoaders = new WeakMap<object, ReturnType<typeof groupLoader<DeliveryProofEntity, 'shipmentId'>>>();
function proofsByShipment(ctx: FilingContext) {
  let loader = proofLoaders.get(ctx);
  if (!loader) {
    loader = groupLoader(ctx.em, DeliveryProofEntity, 'shipmentId', { createdAt: 'asc', id: 'asc' });
    proofLoaders.set(ctx, loader);
  }
  return loader;
}

/** The shipment's document, without the visibility check: only for what the shipment itself shows. */
const documentOf = async (s: ShipmentEntity, ctx: FilingContext) => (await ctx.loaders.document.load(s.documentId))!;

// Only shipments the caller may see reach these resolvers (queries and mutations check `canSeeShipment`).
export const Shipment: ShipmentResolvers = {
  document: async (s, _, ctx) => {
    const d = await ctx.loaders.document.load(s.documentId);
    return d && canSeeDocument(requireTenantCaller(ctx), d) ? d : null;
  },
  documentReferenceNumber: async (s, _, ctx) => {
    const d = await documentOf(s, ctx);
    return d.referenceNumber ?? d.pid;
  },
  documentSubject: async (s, _, ctx) => (await documentOf(s, ctx)).subject,
  recipient: (s) => ({ name: s.recipientName, address: s.recipientAddress, dataBoxId: s.recipientDataBoxId, email: s.recipientEmail }),
  files: async (s, _, ctx) => filesToSend(await componentsByDocument(ctx).load(s.documentId)),
  createdBy: (s) => user(s.createdById),
  dispatchedBy: (s) => user(s.dispatchedById),
  proofs: (s, _, ctx) => proofsByShipment(ctx).load(s.id),
};

export const DeliveryProof: DeliveryProofResolvers = {
  downloadPath: (p) => proofDownloadPathOf(p),
};

/** Document.shipments: for those who see the document, all its shipments. */
export const documentShipments = (documentId: string, ctx: FilingContext) => shipmentsByDocument(ctx).load(documentId);

/** `shipment(id)`: null when it does not exist or the caller may not see it. */
export async function shipmentById(id: string, ctx: FilingContext) {
  const caller = requireTenantCaller(ctx);
  const s = await ctx.em.findOne(ShipmentEntity, { id });
  if (!s) return null;
  return canSeeShipment(caller, await ctx.loaders.document.load(s.documentId)) ? s : null;
}
