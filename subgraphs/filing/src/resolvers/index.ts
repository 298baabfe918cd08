import { DateTimeScalar } from '@hub/kit';
import type { Resolvers } from '../generated/graphql';
import { AuditLogRendition } from './AuditLogRendition';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { CaseFile } from './CaseFile';
import { Component } from './Component';
import { Document } from './Document';
import { FilingPlan } from './FilingPlan';
import { FilingPlanNode } from './FilingPlanNode';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Register } from './Register';
import { DeliveryProof, Shipment } from './Shipment';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Document, Register, Municipality, AuditTrail, AuditEvent, CaseFile, FilingPlan, FilingPlanNode, AuditLogRendition, Component, Shipment, DeliveryProof };
