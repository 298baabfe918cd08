import { EntitySchema } from '@mikro-orm/core';

/**
 * A received ISDS data message (datová zpráva, isds.md §2): its envelope as delivered and the document it was
 * registered as. Unique per (municipality, dmID), which makes intake idempotent. Tenant-owned.
 */
export class DataMessage {
  id!: string;
  municipalityId!: string;
  /** dmID: ISDS's id of the message, digits, at most 20. */
  dmId!: string;
  /** dbIDSender: the sender's box, 7 characters. */
  senderBoxId!: string;
  senderName!: string;
  /** dmAnnotation, ≤ 255: the document's subject. */
  annotation!: string;
  senderRefNumber!: string | null;
  recipientRefNumber!: string | null;
  /** dmDeliveryTime, to the second. */
  deliveredAt!: Date;
  /** dmAcceptanceTime (legally served), to the second; null while not yet served. */
  acceptedAt!: Date | null;
  /** dmMessageStatus (1–10) as delivered. */
  status!: number;
  documentId!: string;
  receivedAt!: Date;
  receivedById!: string;
}

export const DataMessageSchema = new EntitySchema<DataMessage>({
  class: DataMessage,
  tableName: 'data_message',
  uniques: [{ properties: ['municipalityId', 'dmId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    dmId: { type: 'string', length: 20 },
    senderBoxId: { type: 'string', length: 7 },
    senderName: { type: 'string', length: 100 },
    annotation: { type: 'string', length: 255 },
    senderRefNumber: { type: 'string', length: 50, nullable: true },
    recipientRefNumber: { type: 'string', length: 50, nullable: true },
    deliveredAt: { type: 'datetime' },
    acceptedAt: { type: 'datetime', nullable: true },
    status: { type: 'integer' },
    documentId: { type: 'uuid', unique: true },
    receivedAt: { type: 'datetime', length: 3 },
    receivedById: { type: 'uuid' },
  },
});
