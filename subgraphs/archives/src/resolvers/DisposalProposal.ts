import { requireCaller } from '@hub/kit';
import type { DisposalProposalEntryResolvers, DisposalProposalResolvers, ResolversTypes } from '../generated/graphql';
import { DisposalProposalEntry as Entry } from '../modules/disposal/disposal-proposal.entity';
import { transferPackagePath } from '../modules/disposal/transfer';

const user = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

export const DisposalProposal: DisposalProposalResolvers = {
  __resolveReference: (ref, ctx) => {
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.disposalProposal.load(ref.id);
  },
  document: (p) => (p.documentId ? ({ __typename: 'Document', id: p.documentId } as ResolversTypes['Document']) : null),
  // Filing's: it files the proposal when the submit reaches the log (about a second later; null until then).
  referenceNumber: async (p, _, ctx) => {
    if (!p.documentId) return null;
    const [document] = await ctx.peers.entities<{ referenceNumber: string | null }>(
      'filing',
      'Document',
      [p.documentId],
      'referenceNumber',
    );
    return document?.referenceNumber ?? null;
  },
  entries: (p, _, ctx) => ctx.em.find(Entry, { proposalId: p.id }, { orderBy: [{ addedAt: 'asc' }, { id: 'asc' }] }),
  createdBy: (p) => user(p.createdById)!,
  submittedBy: (p) => user(p.submittedById),
  decidedBy: (p) => user(p.decidedById),
  build: (p) =>
    p.buildTotal == null
      ? null
      : {
          total: p.buildTotal,
          processed: p.buildProcessed ?? 0,
          proposed: p.buildProposed ?? 0,
          blocked: p.buildBlocked ?? 0,
          startedAt: p.createdAt,
          finishedAt: p.buildFinishedAt,
        },
};

export const DisposalProposalEntry: DisposalProposalEntryResolvers = {
  item: async (e, _, ctx) => (await ctx.loaders.recordsOfficeItem.load(e.entityId))!,
  addedBy: (e) => user(e.addedById)!,
  // A hold placed after the entity was proposed stays placeable (the law lets it stop the operation); it shows here.
  blocks: (e, _, ctx) => ctx.loaders.disposalBlocks.load(e.entityId) as never,
  // Only what the archive selected goes over; what it let destroy never gets a transfer package.
  transferPackagePath: (e) => (e.decision === 'KEEP_AS_ARCHIVAL_RECORD' ? transferPackagePath(e.entityId) : null),
};
