import { DateTimeScalar, pageInfoResolvers } from '@hub/kit';
import type { RecordsOfficeItemConnectionResolvers, Resolvers } from '../generated/graphql';
import { Archive } from './Archive';
import { BackupSet } from './BackupSet';
import { AuditEvent, AuditTrail } from './AuditTrail';
import { CaseFile } from './CaseFile';
import { DestructionResult, DestructionSkip } from './Destruction';
import { DisposalHold } from './DisposalHold';
import { DisposalProposal, DisposalProposalEntry } from './DisposalProposal';
import { Document } from './Document';
import { Loan } from './Loan';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { RecordsOfficeItem } from './RecordsOfficeItem';
import { StorageUnit } from './StorageUnit';

/** The inventory counts its whole list only when a client selects `totalCount` (inventory.ts). */
const RecordsOfficeItemConnection: RecordsOfficeItemConnectionResolvers = { totalCount: (page) => page.totalCount() };

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Archive,
  DisposalHold,
  Document,
  CaseFile,
  AuditTrail,
  AuditEvent,
  StorageUnit,
  RecordsOfficeItem,
  RecordsOfficeItemConnection,
  Loan,
  DisposalProposal,
  DisposalProposalEntry,
  DestructionResult,
  DestructionSkip,
  BackupSet,
  PageInfo: pageInfoResolvers,
};
