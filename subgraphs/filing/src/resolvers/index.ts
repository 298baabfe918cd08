import { DateTimeScalar, pageInfoResolvers } from '@hub/kit';
import type {
  DisposalForecastConnectionResolvers,
  DocumentConnectionResolvers,
  PartyConnectionResolvers,
  Resolvers,
  ShipmentConnectionResolvers,
} from '../generated/graphql';
import { AuditLogRendition } from './AuditLogRendition';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { CaseFile } from './CaseFile';
import { Component } from './Component';
import { ComponentConversion, DocumentConversion } from './conversion';
import { Tombstone } from './destruction';
import { Document } from './Document';
import { DocumentKind } from './document-kinds';
import { FilingPlan } from './FilingPlan';
import { FilingPlanNode } from './FilingPlanNode';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { RecordsHandOver } from './RecordsHandOver';
import { Party } from './parties';
import { Register } from './Register';
import { DeliveryProof, Shipment } from './Shipment';
import { WebhookSubscription } from './webhooks';
import { DataBoxConnection } from './data-box';

/** Connections count their whole list only when a client selects `totalCount` (document-query.ts, forecast.ts). */
const DocumentConnection: DocumentConnectionResolvers = { totalCount: (page) => page.totalCount() };
const DisposalForecastConnection: DisposalForecastConnectionResolvers = { totalCount: (page) => page.totalCount() };
const PartyConnection: PartyConnectionResolvers = { totalCount: (page) => page.totalCount() };
const ShipmentConnection: ShipmentConnectionResolvers = { totalCount: (page) => page.totalCount() };

export const resolvers: Resolvers = {
  DocumentConnection,
  DisposalForecastConnection,
  PartyConnection,
  ShipmentConnection,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Document,
  DocumentKind,
  Register,
  Municipality,
  AuditTrail,
  AuditEvent,
  CaseFile,
  FilingPlan,
  FilingPlanNode,
  AuditLogRendition,
  Component,
  ComponentConversion,
  DocumentConversion,
  Shipment,
  DeliveryProof,
  RecordsHandOver,
  Party,
  Tombstone,
  WebhookSubscription,
  DataBoxConnection,
  PageInfo: pageInfoResolvers,
};
