import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { findCaseFiles } from '../modules/case-files/case-file-query';
import {
  CASE_FILE_ROLES,
  TRIGGER_DATE_ROLES,
  closeCaseFile,
  insertIntoCaseFile,
  openCaseFile,
  recordCaseFileTriggerEvent,
  removeFromCaseFile,
  reopenCaseFile,
  updateCaseFile,
} from '../modules/case-files/case-files';
import { canSeeCaseFile } from '../modules/documents/visibility';
import { FORECAST_ROLES, disposalForecast } from '../modules/retention/forecast';

export const caseFileQueries: QueryResolvers = {
  caseFile: async (_, { id }, ctx) => {
    const caller = requireTenantCaller(ctx);
    const caseFile = await ctx.loaders.caseFile.load(id);
    return caseFile && canSeeCaseFile(caller, caseFile) ? caseFile : null;
  },
  caseFiles: (_, args, ctx) => findCaseFiles(ctx.em, requireTenantCaller(ctx), args),
  disposalForecast: async (_, { year, first, after }, ctx) => {
    requireTenantCaller(ctx, FORECAST_ROLES);
    const page = await disposalForecast(ctx.em, year, { first, after });
    // The entries' case files and documents are loaded already: nested fields must not fetch them again.
    for (const { node: e } of page.edges) {
      if (e.caseFile) ctx.loaders.caseFile.prime(e.caseFile.id, e.caseFile);
      if (e.document) ctx.loaders.document.prime(e.document.id, e.document);
    }
    return page;
  },
};

export const caseFileMutations: MutationResolvers = {
  openCaseFile: (_, { input }, ctx) =>
    openCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), input, ctx.now()),
  updateCaseFile: (_, { id, input }, ctx) =>
    updateCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), id, input, ctx.now()),
  insertIntoCaseFile: (_, { caseFileId, documentId }, ctx) =>
    insertIntoCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), caseFileId, documentId, ctx.now()),
  removeFromCaseFile: (_, { caseFileId, documentId }, ctx) =>
    removeFromCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), caseFileId, documentId),
  closeCaseFile: (_, { id }, ctx) => closeCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), id, ctx.now()),
  reopenCaseFile: (_, { id, reason }, ctx) =>
    reopenCaseFile(ctx.em, requireTenantCaller(ctx, CASE_FILE_ROLES), id, reason),
  recordCaseFileTriggerEvent: (_, { id, occurredOn }, ctx) =>
    recordCaseFileTriggerEvent(ctx.em, requireTenantCaller(ctx, TRIGGER_DATE_ROLES), id, occurredOn, ctx.now()),
};
