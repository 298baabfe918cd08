import { DateTimeScalar } from '@hub/kit';
import type { Resolvers } from '../generated/graphql';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { OrgUnit } from './OrgUnit';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Municipality,
  OrgUnit,
  AuditTrail,
  AuditEvent,
};
