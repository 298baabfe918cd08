import type { MutationResolvers, QueryResolvers } from '../generated/graphql';

// Transaction log (issue 5). Split by concern so three engineers can work at once; each fills its own object.
/** Reading and export: auditLog, auditLogObjectXml. */
export const auditLogReadQueries: QueryResolvers = {};
/** Chain verification: verifyAuditLog. */
export const auditLogVerifyQueries: QueryResolvers = {};
/** Daily fixation: auditLogRenditions, auditLogSealKey, fixAuditLogDay. */
export const auditLogRenditionQueries: QueryResolvers = {};
export const auditLogRenditionMutations: MutationResolvers = {};
