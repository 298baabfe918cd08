import { EntitySchema } from '@mikro-orm/core';
import type { AuthMode } from './isds-client';

/**
 * A municipality's data-box connection (datová schránka, isds.md): what the operator configured (box, auth mode,
 * endpoint; secrets stay in the configuration file and memory, never here) and how the connector is doing with it.
 * One row per municipality. Tenant-owned.
 */
export class DataBoxConnection {
  municipalityId!: string;
  boxId!: string;
  authMode!: AuthMode;
  baseUrl!: string;
  enabled!: boolean;
  configuredAt!: Date;
  /** The latest delivery time seen in the received list: the next poll lists from a little before it. */
  receivedThrough!: Date | null;
  /** Up to when GetMessageStateChanges has been read. */
  stateChangesThrough!: Date | null;
  lastPollAt!: Date | null;
  /** The last poll in which every request succeeded. */
  lastSuccessAt!: Date | null;
  /** Consecutive failed rounds (reset by a successful one); the back-off grows with it. */
  failures!: number;
  lastError!: string | null;
  lastErrorAt!: Date | null;
  /** Backing off (throttled, unavailable) until then. */
  nextAttemptAt!: Date | null;
}

export const DataBoxConnectionSchema = new EntitySchema<DataBoxConnection>({
  class: DataBoxConnection,
  tableName: 'data_box_connection',
  properties: {
    municipalityId: { type: 'uuid', primary: true },
    boxId: { type: 'string', length: 7 },
    authMode: { type: 'string', length: 20 },
    baseUrl: { type: 'string', length: 500 },
    enabled: { type: 'boolean' },
    configuredAt: { type: 'datetime', length: 3 },
    receivedThrough: { type: 'datetime', length: 3, nullable: true },
    stateChangesThrough: { type: 'datetime', length: 3, nullable: true },
    lastPollAt: { type: 'datetime', length: 3, nullable: true },
    lastSuccessAt: { type: 'datetime', length: 3, nullable: true },
    failures: { type: 'integer', default: 0 },
    lastError: { type: 'string', length: 300, nullable: true },
    lastErrorAt: { type: 'datetime', length: 3, nullable: true },
    nextAttemptAt: { type: 'datetime', length: 3, nullable: true },
  },
});

/**
 * LISTED: seen in the received list (so legally served, isds.md §4), not yet registered; REGISTERED: a document
 * (receiveDataMessage), not yet marked downloaded in ISDS; DONE: marked; FAILED: refused by the hub's checks (the
 * error says why), left unmarked in ISDS for the podatelna to take in by hand.
 */
export type InboundState = 'LISTED' | 'REGISTERED' | 'DONE' | 'FAILED';
/** Still to do: the box's backlog. */
export const INBOUND_OPEN: InboundState[] = ['LISTED', 'REGISTERED'];

/** A received message the connector knows of ("remembers what it has"). Unique per (municipality, dmID). Tenant-owned. */
export class DataBoxInbound {
  id!: string;
  municipalityId!: string;
  dmId!: string;
  state!: InboundState;
  /** dmDeliveryTime as ISDS listed it. */
  deliveredAt!: Date | null;
  listedAt!: Date;
  documentId!: string | null;
  attempts!: number;
  lastError!: string | null;
  updatedAt!: Date;
}

export const DataBoxInboundSchema = new EntitySchema<DataBoxInbound>({
  class: DataBoxInbound,
  tableName: 'data_box_inbound',
  uniques: [{ properties: ['municipalityId', 'dmId'] }],
  indexes: [{ properties: ['municipalityId', 'state'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    dmId: { type: 'string', length: 20 },
    state: { type: 'string', length: 12 },
    deliveredAt: { type: 'datetime', length: 3, nullable: true },
    listedAt: { type: 'datetime', length: 3 },
    documentId: { type: 'uuid', nullable: true },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'string', length: 300, nullable: true },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

/**
 * SENDING: CreateMessage is (or was, before a crash) on its way; SENT: the dmID is recorded and the shipment
 * DISPATCHED; DELIVERED / RETURNED: the outcome is recorded on the shipment; FAILED: not sendable (`errorCode`, e.g.
 * over the ordinary message's limits), the shipment stays with the dispatch office.
 */
export type OutboundState = 'SENDING' | 'SENT' | 'DELIVERED' | 'RETURNED' | 'FAILED';

/** A DATA_BOX shipment the connector sends and follows. One per shipment. Tenant-owned. */
export class DataBoxOutbound {
  id!: string;
  municipalityId!: string;
  shipmentId!: string;
  state!: OutboundState;
  dmId!: string | null;
  recipientBoxId!: string;
  annotation!: string;
  senderRefNumber!: string | null;
  sendStartedAt!: Date;
  sentAt!: Date | null;
  /** Status 4 (in the recipient's box), not yet legally delivered. */
  deliveredToBoxAt!: Date | null;
  /** The last GetDeliveryInfo. */
  checkedAt!: Date | null;
  attempts!: number;
  errorCode!: string | null;
  lastError!: string | null;
  updatedAt!: Date;
}

export const DataBoxOutboundSchema = new EntitySchema<DataBoxOutbound>({
  class: DataBoxOutbound,
  tableName: 'data_box_outbound',
  uniques: [{ properties: ['shipmentId'] }],
  indexes: [{ properties: ['municipalityId', 'state'] }, { properties: ['municipalityId', 'dmId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    shipmentId: { type: 'uuid' },
    state: { type: 'string', length: 12 },
    dmId: { type: 'string', length: 20, nullable: true },
    recipientBoxId: { type: 'string', length: 7 },
    annotation: { type: 'string', length: 255 },
    senderRefNumber: { type: 'string', length: 50, nullable: true },
    sendStartedAt: { type: 'datetime', length: 3 },
    sentAt: { type: 'datetime', length: 3, nullable: true },
    deliveredToBoxAt: { type: 'datetime', length: 3, nullable: true },
    checkedAt: { type: 'datetime', length: 3, nullable: true },
    attempts: { type: 'integer', default: 0 },
    errorCode: { type: 'string', length: 40, nullable: true },
    lastError: { type: 'string', length: 300, nullable: true },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

export const DATA_BOX_ENTITIES = [DataBoxConnectionSchema, DataBoxInboundSchema, DataBoxOutboundSchema];
