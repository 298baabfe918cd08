import { DateTimeScalar } from '@hub/kit';
import type { Resolvers } from '../generated/graphql';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { Document } from './Document';
import { Municipality } from './Municipality';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Register } from './Register';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Document, Register, Municipality, AuditTrail, AuditEvent };
