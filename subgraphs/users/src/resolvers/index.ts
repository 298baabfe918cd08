import { DateTimeScalar } from '@hub/kit';
import type { Resolvers } from '../generated/graphql';
import { ApiClient } from './ApiClient';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  User,
  AuditTrail,
  AuditEvent,
  ApiClient,
};
