import { Role, requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { LOG_READER_ROLES, findLogEntries, objectLogXml } from '../modules/audit-log/log-query';
import { findRenditions, fixDay } from '../modules/audit-log/rendition';
import { verifyRenditions, withRenditionCheck } from '../modules/audit-log/rendition-verify';
import { platformSealer, trustedPublicKeys } from '../modules/audit-log/seal';
import { verifyLog } from '../modules/audit-log/verify';

// Transaction log (issue 5). Split by concern so three engineers can work at once; each fills its own object.
/** Reading and export: auditLog, auditLogObjectXml. */
export const auditLogReadQueries: QueryResolvers = {
  auditLog: (_, args, ctx) => {
    requireTenantCaller(ctx, LOG_READER_ROLES);
    return findLogEntries(ctx.em, args);
  },
  auditLogObjectXml: (_, { objectId }, ctx) => {
    const caller = requireTenantCaller(ctx, LOG_READER_ROLES);
    return objectLogXml(ctx.em, caller, objectId, ctx.now());
  },
};
/** Chain verification: verifyAuditLog. */
export const auditLogVerifyQueries: QueryResolvers = {
  verifyAuditLog: async (_, __, ctx) => {
    const caller = requireTenantCaller(ctx, [Role.AUDITOR, Role.RECORDS_MANAGER]);
    const entries = await verifyLog(ctx.em, caller.municipalityId);
    // The renditions' part is filled by the rendition check (rendition-verify.ts), combined here.
    return withRenditionCheck(entries, await verifyRenditions(ctx.em, caller.municipalityId, trustedPublicKeys()));
  },
};
/** Daily fixation: auditLogRenditions, auditLogSealKey, fixAuditLogDay. */
export const auditLogRenditionQueries: QueryResolvers = {
  auditLogRenditions: (_, { from, to }, ctx) => {
    requireTenantCaller(ctx, LOG_READER_ROLES);
    return findRenditions(ctx.em, from, to) as never; // LogRendition rows; AuditLogRendition.document resolves the document
  },
  auditLogSealKey: (_, __, ctx) => {
    requireTenantCaller(ctx);
    const { keyId, algorithm, publicKeyPem } = platformSealer();
    return { keyId, algorithm, publicKeyPem };
  },
};
export const auditLogRenditionMutations: MutationResolvers = {
  fixAuditLogDay: (_, { day }, ctx) => {
    const caller = requireTenantCaller(ctx, [Role.RECORDS_MANAGER]);
    return fixDay(ctx.em, caller.municipalityId, day, platformSealer(), { now: ctx.now() }) as never;
  },
};
