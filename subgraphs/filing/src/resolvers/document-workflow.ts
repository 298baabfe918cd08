import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { findDocuments, myQueue } from '../modules/documents/document-query';
import {
  acceptDocument,
  assignDocument,
  cancelDocument,
  classifyDocument,
  closeDocument,
  recordDocumentTriggerEvent,
  reopenDocument,
  returnDocument,
  settleDocument,
} from '../modules/documents/handling';
import { DRAFTING_ROLES, createDraftDocument, registerDraft } from '../modules/documents/registration';
import { visibleDocuments } from '../modules/documents/visibility';
import { authorOrgUnitName } from './document-kinds';

/**
 * The document handling workflow (domain.md §4.1): one intent mutation per step, no generic state setter.
 * Who may take which step is decided per document (workflow.ts), so the resolvers only require a tenant caller.
 */
export const documentWorkflowQueries: QueryResolvers = {
  myDocuments: (_, { state, first, after }, ctx) => {
    const caller = requireTenantCaller(ctx);
    return findDocuments(
      ctx.em,
      { first, after, filter: state ? { state } : null },
      { $and: [visibleDocuments(caller), myQueue(caller)] },
    );
  },
};

export const documentWorkflowMutations: MutationResolvers = {
  createDraftDocument: async (_, { input }, ctx) => {
    const caller = requireTenantCaller(ctx, DRAFTING_ROLES);
    return createDraftDocument(ctx.em, caller, input, ctx.now(), await authorOrgUnitName(ctx, caller));
  },
  registerDraft: (_, { documentId }, ctx) => registerDraft(ctx.em, requireTenantCaller(ctx), documentId, ctx.now()),
  assignDocument: (_, args, ctx) => assignDocument(ctx.em, ctx.peers, requireTenantCaller(ctx), args, ctx.now()),
  acceptDocument: (_, { documentId }, ctx) => acceptDocument(ctx.em, requireTenantCaller(ctx), documentId),
  returnDocument: (_, { documentId, reason }, ctx) =>
    returnDocument(ctx.em, requireTenantCaller(ctx), documentId, reason),
  settleDocument: (_, { documentId, input }, ctx) =>
    settleDocument(ctx.em, requireTenantCaller(ctx), documentId, input, ctx.now()),
  reopenDocument: (_, { documentId, reason }, ctx) =>
    reopenDocument(ctx.em, requireTenantCaller(ctx), documentId, reason),
  closeDocument: (_, { documentId }, ctx) => closeDocument(ctx.em, requireTenantCaller(ctx), documentId, ctx.now()),
  cancelDocument: (_, { documentId, reason }, ctx) =>
    cancelDocument(ctx.em, requireTenantCaller(ctx), documentId, reason, ctx.now()),
  classifyDocument: (_, { documentId, filingPlanNodeId }, ctx) =>
    classifyDocument(ctx.em, requireTenantCaller(ctx), documentId, filingPlanNodeId, ctx.now()),
  recordDocumentTriggerEvent: (_, { documentId, occurredOn }, ctx) =>
    recordDocumentTriggerEvent(ctx.em, requireTenantCaller(ctx), documentId, occurredOn, ctx.now()),
};
