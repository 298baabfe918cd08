import { EntitySchema } from '@mikro-orm/core';

/** How a shipment travels (způsob odeslání, domain.md §4.3). */
export type ShipmentChannel = 'DATA_BOX' | 'EMAIL' | 'POST' | 'PERSONAL_DELIVERY' | 'NOTICE_BOARD';
export const SHIPMENT_CHANNELS: ShipmentChannel[] = ['DATA_BOX', 'EMAIL', 'POST', 'PERSONAL_DELIVERY', 'NOTICE_BOARD'];

/** Kind of a postal item (druh zásilky): obyčejné, doporučené, do vlastních rukou, dodejka, balík, cenné psaní, cizina, EMS, dobírka. */
export type PostalKind =
  | 'ORDINARY'
  | 'REGISTERED'
  | 'PERSONAL_HANDS'
  | 'DELIVERY_NOTE'
  | 'PARCEL'
  | 'VALUABLE_LETTER'
  | 'ABROAD'
  | 'EMS'
  | 'CASH_ON_DELIVERY';
export const POSTAL_KINDS: PostalKind[] = [
  'ORDINARY',
  'REGISTERED',
  'PERSONAL_HANDS',
  'DELIVERY_NOTE',
  'PARCEL',
  'VALUABLE_LETTER',
  'ABROAD',
  'EMS',
  'CASH_ON_DELIVERY',
];

/** State of a shipment (ShipmentState, domain.md §4.3); changed only by modules/dispatch/dispatch.ts. */
export type ShipmentState = 'CREATED' | 'TO_DISPATCH' | 'DISPATCHED' | 'DELIVERED' | 'RETURNED' | 'CANCELLED';
export const SHIPMENT_STATES: ShipmentState[] = [
  'CREATED',
  'TO_DISPATCH',
  'DISPATCHED',
  'DELIVERED',
  'RETURNED',
  'CANCELLED',
];

/** Why an item came back (důvod vrácení, domain.md §4.3). */
export type ShipmentReturnReason =
  | 'ADDRESSEE_UNKNOWN'
  | 'MOVED_AWAY'
  | 'REFUSED'
  | 'NOT_COLLECTED'
  | 'INSUFFICIENT_ADDRESS'
  | 'OTHER_VERIFIED'
  | 'OTHER_UNVERIFIED';
export const RETURN_REASONS: ShipmentReturnReason[] = [
  'ADDRESSEE_UNKNOWN',
  'MOVED_AWAY',
  'REFUSED',
  'NOT_COLLECTED',
  'INSUFFICIENT_ADDRESS',
  'OTHER_VERIFIED',
  'OTHER_UNVERIFIED',
];

/** One dispatch of an own document to one recipient by one channel (zásilka). Tenant-owned. */
export class Shipment {
  id!: string;
  municipalityId!: string;
  documentId!: string;
  channel!: ShipmentChannel;
  postalKind!: PostalKind | null;
  /** The recipient as put into dispatch: a snapshot of the party (`recipientPartyId`) at that time. */
  recipientName!: string;
  recipientAddress!: string | null;
  recipientDataBoxId!: string | null;
  recipientEmail!: string | null;
  /** The recipient in the name register (modules/parties); null in the database only for rows the data upgrade has not linked yet. */
  recipientPartyId!: string | null;
  state!: ShipmentState;
  createdAt!: Date;
  createdById!: string;
  /** Předání výpravně. */
  handedOverAt!: Date | null;
  handedOverById!: string | null;
  /** Vypravení: when it left, who sent it, and the ISDS dmID or postal item number (podací číslo). */
  dispatchedAt!: Date | null;
  dispatchedById!: string | null;
  externalId!: string | null;
  deliveredAt!: Date | null;
  /** Fikce doručení: deemed delivered without the addressee taking it (ISDS after 10 days; an uncollected postal item). */
  deliveredByFiction!: boolean;
  returnedAt!: Date | null;
  returnReason!: ShipmentReturnReason | null;
  returnNote!: string | null;
  /** Who recorded the delivery or the return. */
  outcomeRecordedById!: string | null;
  cancelledAt!: Date | null;
  cancelledById!: string | null;
  cancelReason!: string | null;
  /** DATA_BOX only (isds.md §2 envelope): dmPersonalDelivery, dmAllowSubstDelivery (fiction), dmRecipientRefNumber, dmRecipientIdent. */
  personalDelivery!: boolean;
  allowSubstituteDelivery!: boolean;
  recipientRefNumber!: string | null;
  recipientFileMark!: string | null;
}

export const ShipmentSchema = new EntitySchema<Shipment>({
  class: Shipment,
  tableName: 'shipment',
  indexes: [
    // The dispatch office's queue: a state (and channel), oldest first, keyset on (createdAt, id).
    { properties: ['municipalityId', 'state', 'createdAt', 'id'] },
    { properties: ['documentId'] },
    { properties: ['recipientPartyId'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    channel: { type: 'string', length: 20 },
    postalKind: { type: 'string', length: 20, nullable: true },
    recipientName: { type: 'string', length: 300 },
    recipientAddress: { type: 'string', length: 500, nullable: true },
    recipientDataBoxId: { type: 'string', length: 7, nullable: true },
    recipientEmail: { type: 'string', length: 254, nullable: true },
    recipientPartyId: { type: 'uuid', nullable: true },
    state: { type: 'string', length: 20 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid' },
    handedOverAt: { type: 'datetime', length: 3, nullable: true },
    handedOverById: { type: 'uuid', nullable: true },
    dispatchedAt: { type: 'datetime', length: 3, nullable: true },
    dispatchedById: { type: 'uuid', nullable: true },
    externalId: { type: 'string', length: 50, nullable: true },
    deliveredAt: { type: 'datetime', length: 3, nullable: true },
    deliveredByFiction: { type: 'boolean', default: false },
    returnedAt: { type: 'datetime', length: 3, nullable: true },
    returnReason: { type: 'string', length: 30, nullable: true },
    returnNote: { type: 'text', nullable: true },
    outcomeRecordedById: { type: 'uuid', nullable: true },
    cancelledAt: { type: 'datetime', length: 3, nullable: true },
    cancelledById: { type: 'uuid', nullable: true },
    cancelReason: { type: 'text', nullable: true },
    personalDelivery: { type: 'boolean', default: false },
    allowSubstituteDelivery: { type: 'boolean', default: true },
    recipientRefNumber: { type: 'string', length: 50, nullable: true },
    recipientFileMark: { type: 'string', length: 50, nullable: true },
  },
});
