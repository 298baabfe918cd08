import { DateTimeScalar } from '@hub/kit';
import type { Resolvers } from '../generated/graphql';
import { Archive } from './Archive';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { DisposalHold } from './DisposalHold';
import { Document } from './Document';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Archive, DisposalHold, Document, AuditTrail, AuditEvent };
