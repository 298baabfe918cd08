import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers } from '../generated/graphql';
import { deleteBackupSet, requireBackupClient, setRetention } from '../modules/backup-sets/backup-sets';
import { importDisposalDecision } from '../modules/disposal/decision';
import { destroyDisposedEntities } from '../modules/disposal/destruction';
import {
  addToDisposalProposal,
  openDisposalProposal,
  removeFromDisposalProposal,
  submitDisposalProposal,
} from '../modules/disposal/proposal';
import { placeDisposalHold, releaseDisposalHold } from '../modules/disposal-holds/disposal-hold.service';
import { recordTransferConfirmation } from '../modules/disposal/transfer';
import { RECORDS_OFFICE_ROLES } from '../modules/records-office/common';
import { lendFromRecordsOffice, returnLoan } from '../modules/records-office/loans';
import {
  placeInStorageUnit,
  removeFromStorageUnit,
  returnFromRecordsOffice,
  takeOverHandOverList,
} from '../modules/records-office/records-office';
import { createStorageUnit } from '../modules/records-office/storage-units';

const officer = (ctx: Parameters<typeof requireTenantCaller>[0]) => requireTenantCaller(ctx, RECORDS_OFFICE_ROLES);

export const Mutation: MutationResolvers = {
  deleteBackupSet: (_, { id }, ctx) => deleteBackupSet(ctx.em, requireBackupClient(ctx), id),
  setBackupSetRetention: (_, { retentionDays, keepLast }, ctx) =>
    setRetention(ctx.em, requireBackupClient(ctx), { retentionDays, keepLast }, ctx.now()),
  placeDisposalHold: (_, { documentId, caseFileId, reason }, ctx) =>
    placeDisposalHold(ctx, { documentId, caseFileId }, reason),
  releaseDisposalHold: (_, { id, reason }, ctx) => releaseDisposalHold(ctx, id, reason),
  createStorageUnit: (_, { input }, ctx) => createStorageUnit(ctx.em, officer(ctx), input, ctx.now()),
  takeOverHandOverList: (_, { handOverListId }, ctx) =>
    takeOverHandOverList(ctx.em, officer(ctx), ctx.peers, handOverListId, ctx.now()),
  placeInStorageUnit: (_, args, ctx) => placeInStorageUnit(ctx.em, officer(ctx), args),
  removeFromStorageUnit: (_, { entityId }, ctx) => removeFromStorageUnit(ctx.em, officer(ctx), entityId),
  returnFromRecordsOffice: (_, { entityId, reason }, ctx) =>
    returnFromRecordsOffice(ctx.em, officer(ctx), entityId, reason),
  lendFromRecordsOffice: (_, { input }, ctx) =>
    lendFromRecordsOffice(ctx.em, officer(ctx), ctx.peers, input, ctx.now()),
  returnLoan: (_, { entityId }, ctx) => returnLoan(ctx.em, officer(ctx), entityId, ctx.now()),
  openDisposalProposal: (_, { year }, ctx) => openDisposalProposal(ctx.em, officer(ctx), ctx.peers, year, ctx.now()),
  addToDisposalProposal: (_, { entityId }, ctx) =>
    addToDisposalProposal(ctx.em, officer(ctx), ctx.peers, entityId, ctx.now()),
  removeFromDisposalProposal: (_, { entityId, reason }, ctx) =>
    removeFromDisposalProposal(ctx.em, officer(ctx), entityId, reason),
  submitDisposalProposal: (_, { id }, ctx) => submitDisposalProposal(ctx.em, officer(ctx), id, ctx.now()),
  importDisposalDecision: (_, args, ctx) => importDisposalDecision(ctx.em, officer(ctx), args, ctx.now()),
  destroyDisposedEntities: (_, args, ctx) => destroyDisposedEntities(ctx.em, officer(ctx), args, ctx.now()),
  recordTransferConfirmation: (_, args, ctx) => recordTransferConfirmation(ctx.em, officer(ctx), args, ctx.now()),
};
