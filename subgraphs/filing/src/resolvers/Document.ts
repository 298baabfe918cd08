import { requireCaller, requireTenantCaller } from '@hub/kit';
import type { DocumentResolvers } from '../generated/graphql';
import { canSeeCaseFile, canSeeDocument } from '../modules/documents/visibility';
import { triggerYearShown } from '../modules/retention/retention';
import { archiveReadiness, sipDownloadPath } from '../modules/sip/sip';

const user = (id: string) => ({ __typename: 'User' as const, id });

export const Document: DocumentResolvers = {
  __resolveReference: async (ref, ctx) => {
    // Tenant-owned: a caller without a municipality (platform admin) resolves none.
    const caller = requireCaller(ctx);
    if (!caller.municipalityId) return null;
    const d = await ctx.loaders.document.load(ref.id);
    // One the caller may not see is "not found", as it is to `document(id)`.
    return d && canSeeDocument(caller, d) ? d : null;
  },
  conversion: async (d, _, ctx) => ({ document: d, jobs: await ctx.loaders.conversionJobsByDocument.load(d.id) }),
  register: async (d, _, ctx) => (await ctx.loaders.register.load(d.registerId))!,
  // Rows written before drafts existed have no creation data: they came into being at their registration.
  createdAt: (d) => (d.createdAt ?? d.registeredAt)!,
  createdBy: (d) => {
    const id = d.createdById ?? d.registeredById;
    return id ? user(id) : null;
  },
  kind: (d, _, ctx) => (d.kindId ? ctx.loaders.documentKind.load(d.kindId) : null),
  author: (d) =>
    d.authorName
      ? {
          user: d.authorUserId ? user(d.authorUserId) : null,
          name: d.authorName,
          orgUnitName: d.authorOrgUnitName,
          position: d.authorPosition,
        }
      : null,
  registeredBy: (d) => (d.registeredById ? user(d.registeredById) : null),
  municipality: (d) => ({ __typename: 'Municipality', id: d.municipalityId }),
  handOverList: async (d, _, ctx) => {
    // A document of a case file went with the case file's list.
    const listId = d.handOverListId;
    requireCaller(ctx);
    return listId ? ctx.loaders.handOverList.load(listId) : null;
  },
  // Derived from the stored figures, which always agree (retention.ts): nothing more to keep in step.
  triggerYear: (d) => triggerYearShown(d),
  senderParty: (d, _, ctx) => (d.senderPartyId ? ctx.loaders.party.load(d.senderPartyId) : null),
  sender: (d) =>
    d.origin === 'RECEIVED' && d.senderName
      ? { name: d.senderName, address: d.senderAddress, dataBoxId: d.senderDataBoxId, ico: d.senderIco }
      : null,
  orgUnit: (d) => (d.orgUnitId ? { __typename: 'OrgUnit', id: d.orgUnitId } : null),
  handler: (d) => (d.handlerId ? user(d.handlerId) : null),
  settlement: (d) =>
    d.settlementMethod && d.settledOn && d.settledById && d.settlementRecordedAt
      ? {
          method: d.settlementMethod,
          settledOn: d.settledOn,
          content: d.settlementContent,
          reason: d.settlementReason,
          handler: user(d.settledById),
          recordedAt: d.settlementRecordedAt,
        }
      : null,
  cancellation: (d) =>
    d.cancelReason && d.cancelledAt && d.cancelledById
      ? { reason: d.cancelReason, cancelledAt: d.cancelledAt, cancelledBy: user(d.cancelledById) }
      : null,
  filingPlanNode: (d, _, ctx) => (d.filingPlanNodeId ? ctx.loaders.filingPlanNode.load(d.filingPlanNodeId) : null),
  caseFile: async (d, _, ctx) => {
    if (!d.caseFileId) return null;
    const caseFile = await ctx.loaders.caseFile.load(d.caseFileId);
    // Case files have their own visibility: seeing a document does not show another's case file.
    return caseFile && canSeeCaseFile(requireTenantCaller(ctx), caseFile) ? caseFile : null;
  },
  components: (d, _, ctx) => ctx.loaders.componentsByDocument.load(d.id),
  shipments: (d, _, ctx) => ctx.loaders.shipmentsByDocument.load(d.id),
  // A document of a case file goes to the archive inside it (rule obs28): that alone is its answer.
  archiveReadiness: (d, _, ctx) =>
    d.caseFileId
      ? {
          ready: false,
          problems: [
            { rule: 'obs28', message: 'The document belongs to a case file and goes to the archive inside it' },
          ],
        }
      : archiveReadiness(ctx.em, ctx.peers, requireTenantCaller(ctx), d.id, ctx.now()),
  sipDownloadPath: (d, { profile }) => sipDownloadPath(d.id, profile === 'COMPONENTS' ? 'components' : 'metadata'),
};
