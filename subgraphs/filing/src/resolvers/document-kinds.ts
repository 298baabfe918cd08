import { Role, requireCaller, requireTenantCaller, type TenantCaller } from '@hub/kit';
import type { FilingContext } from '../context';
import type { DocumentKindResolvers, MutationResolvers, QueryResolvers } from '../generated/graphql';
import { createDocumentKind, findDocumentKinds, updateDocumentKind } from '../modules/document-kinds/document-kinds';
import { describeDocument } from '../modules/documents/metadata';

/** Records managers (správce spisové služby) keep the vocabulary; every user of the municipality reads it. */
const KIND_MAINTAINERS = [Role.RECORDS_MANAGER];

export const DocumentKind: DocumentKindResolvers = {
  __resolveReference: (ref, ctx) => {
    // Tenant-owned: a caller without a municipality resolves none; the tenant filter hides other municipalities'.
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.documentKind.load(ref.id);
  },
  identifier: (k) => ({ value: k.identifierValue, source: k.identifierSource }),
};

export const documentKindQueries: QueryResolvers = {
  documentKinds: (_, { includeInactive }, ctx) => {
    requireTenantCaller(ctx);
    return findDocumentKinds(ctx.em, includeInactive);
  },
};

function forgetKinds<T>(ctx: FilingContext, result: T): T {
  ctx.loaders.documentKind.clearAll();
  ctx.loaders.document.clearAll();
  return result;
}

export const documentKindMutations: MutationResolvers = {
  createDocumentKind: async (_, { input }, ctx) =>
    forgetKinds(ctx, await createDocumentKind(ctx.em, requireTenantCaller(ctx, KIND_MAINTAINERS), input, ctx.now())),
  updateDocumentKind: async (_, { id, input }, ctx) =>
    forgetKinds(ctx, await updateDocumentKind(ctx.em, requireTenantCaller(ctx, KIND_MAINTAINERS), id, input)),
  describeDocument: async (_, { documentId, input }, ctx) =>
    forgetKinds(ctx, await describeDocument(ctx.em, requireTenantCaller(ctx), documentId, input)),
};

/**
 * The name of the caller's org unit for the author snapshot of an own document, from the municipalities subgraph.
 * Best effort on purpose: the name is a description of the author, and registering must not depend on another
 * subgraph being up; without it the author keeps the name and user, and the org unit stays null.
 */
export async function authorOrgUnitName(ctx: FilingContext, caller: TenantCaller): Promise<string | null> {
  if (!caller.orgUnitId) return null;
  try {
    const [unit] = await ctx.peers.entities<{ id: string; name: string }>(
      'municipalities',
      'OrgUnit',
      [caller.orgUnitId],
      'id name',
    );
    return unit?.name ?? null;
  } catch {
    return null;
  }
}
