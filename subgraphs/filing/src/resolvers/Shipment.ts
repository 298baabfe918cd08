import { requireTenantCaller } from '@hub/kit';
import type { DeliveryProofResolvers, ShipmentResolvers } from '../generated/graphql';
import type { FilingContext } from '../context';
import { canSeeShipment, filesToSend } from '../modules/dispatch/dispatch';
import { proofDownloadPathOf } from '../modules/dispatch/routes';
import { Shipment as ShipmentEntity } from '../modules/dispatch/shipment.entity';
import { canSeeDocument } from '../modules/documents/visibility';
import { outboundOf } from '../modules/data-box/status';

const user = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

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
  recipient: (s) => ({
    name: s.recipientName,
    address: s.recipientAddress,
    dataBoxId: s.recipientDataBoxId,
    email: s.recipientEmail,
  }),
  recipientParty: (s, _, ctx) => (s.recipientPartyId ? ctx.loaders.party.load(s.recipientPartyId) : null),
  files: async (s, _, ctx) => filesToSend(await ctx.loaders.componentsByDocument.load(s.documentId)),
  createdBy: (s) => user(s.createdById),
  dispatchedBy: (s) => user(s.dispatchedById),
  proofs: (s, _, ctx) => ctx.loaders.proofsByShipment.load(s.id),
  dataBox: async (s, _, ctx) => {
    if (s.channel !== 'DATA_BOX') return null;
    const o = await outboundOf(ctx.em, s.id);
    return {
      personalDelivery: s.personalDelivery,
      allowSubstituteDelivery: s.allowSubstituteDelivery,
      recipientReferenceNumber: s.recipientRefNumber,
      recipientFileMark: s.recipientFileMark,
      transferState: o?.state ?? null,
      errorCode: o?.errorCode ?? null,
      lastError: o?.lastError ?? null,
    };
  },
};

export const DeliveryProof: DeliveryProofResolvers = {
  downloadPath: (p) => proofDownloadPathOf(p),
};

/** `shipment(id)`: null when it does not exist or the caller may not see it. */
export async function shipmentById(id: string, ctx: FilingContext) {
  const caller = requireTenantCaller(ctx);
  const s = await ctx.em.findOne(ShipmentEntity, { id });
  if (!s) return null;
  return canSeeShipment(caller, await ctx.loaders.document.load(s.documentId)) ? s : null;
}
