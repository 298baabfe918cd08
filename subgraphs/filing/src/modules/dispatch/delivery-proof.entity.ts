import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** DELIVERY_RECEIPT: doručenka (ISDS) or dodejka (post); RETURNED_ITEM: the item that came back, or its scan. */
export type DeliveryProofKind = 'DELIVERY_RECEIPT' | 'RETURNED_ITEM';

/** A file proving what became of a shipment; its bytes are a blob like a component's. Tenant-owned, never changed. */
export class DeliveryProof {
  id!: string;
  municipalityId!: string;
  shipmentId!: string;
  kind!: DeliveryProofKind;
  fileName!: string;
  mediaType!: string;
  size!: number;
  sha256!: string;
  blobKey!: string;
  createdAt!: Date;
  createdById!: string;
}

export const DeliveryProofSchema = new EntitySchema<DeliveryProof>({
  class: DeliveryProof,
  tableName: 'delivery_proof',
  indexes: [{ properties: ['shipmentId'] }, { properties: ['blobKey'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    shipmentId: { type: 'uuid' },
    kind: { type: 'string', length: 20 },
    fileName: { type: 'string', length: 255 },
    mediaType: { type: 'string', length: 255 },
    size: { type: new BigIntType('number') },
    sha256: { type: 'string', length: 64 },
    blobKey: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
  },
});
