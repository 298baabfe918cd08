import { requireCaller, requireTenantCaller } from '@hub/kit';
import { caseFileForm } from '../modules/documents/metadata';
import type { CaseFileResolvers } from '../generated/graphql';
import { canSeeCaseFile } from '../modules/documents/visibility';
import { triggerYearShown } from '../modules/retention/retention';
import { archiveReadiness, sipDownloadPath } from '../modules/sip/sip';

const user = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

export const CaseFile: CaseFileResolvers = {
  __resolveReference: async (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none; others only what they may see.
    const caller = requireCaller(ctx);
    if (!caller.municipalityId) return null;
    const caseFile = await ctx.loaders.caseFile.load(ref.id);
    return caseFile && canSeeCaseFile(caller, caseFile) ? caseFile : null;
  },
  initiatingDocument: async (c, _, ctx) => (await ctx.loaders.document.load(c.initiatingDocumentId))!,
  // Seeing the case file means seeing its contents: all its documents, in the order they were put in.
  documents: (c, _, ctx) => ctx.loaders.documentsByCaseFile.load(c.id),
  form: async (c, _, ctx) => caseFileForm(await ctx.loaders.documentsByCaseFile.load(c.id)),
  filingPlanNode: (c, _, ctx) => (c.filingPlanNodeId ? ctx.loaders.filingPlanNode.load(c.filingPlanNodeId) : null),
  handler: (c) => user(c.handlerId),
  orgUnit: (c) => (c.orgUnitId ? { __typename: 'OrgUnit', id: c.orgUnitId } : null),
  openedBy: (c) => ({ __typename: 'User', id: c.openedById }),
  closedBy: (c) => user(c.closedById),
  municipality: (c) => ({ __typename: 'Municipality', id: c.municipalityId }),
  // Derived from the stored figures, which always agree (retention.ts): nothing more to keep in step.
  triggerYear: (c) => triggerYearShown(c),
  handOverList: (c, _, ctx) =>
    requireCaller(ctx) && c.handOverListId ? ctx.loaders.handOverList.load(c.handOverListId) : null,
  archiveReadiness: (c, _, ctx) => archiveReadiness(ctx.em, ctx.peers, requireTenantCaller(ctx), c.id, ctx.now()),
  sipDownloadPath: (c, { profile }) => sipDownloadPath(c.id, profile === 'COMPONENTS' ? 'components' : 'metadata'),
};
