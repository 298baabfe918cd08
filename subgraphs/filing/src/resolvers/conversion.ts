import { requireTenantCaller } from '@hub/kit';
import type { FilingContext } from '../context';
import type {
  ComponentConversionResolvers,
  DocumentConversionResolvers,
  MutationResolvers,
} from '../generated/graphql';
import { closeBlockedReason, conversionSummary, requestConversion } from '../modules/conversion/conversion';
import { blobStoreFromEnv } from '../modules/components/blob-store';
import { COMPONENT_WRITER_ROLES } from '../modules/components/components';
import { sealComponent } from '../modules/sealing/sealing';

export const conversionMutations: MutationResolvers = {
  convertDocumentComponents: async (_, { documentId }, ctx) =>
    requestConversion(ctx.em, requireTenantCaller(ctx, COMPONENT_WRITER_ROLES), documentId, ctx.now()),
  sealComponent: async (_, { componentId }, ctx) =>
    sealComponent(ctx.em, blobStoreFromEnv(), requireTenantCaller(ctx, COMPONENT_WRITER_ROLES), componentId, ctx.now()),
};

const componentById = async (ctx: FilingContext, documentId: string, id: string | null) =>
  id ? ((await ctx.loaders.componentsByDocument.load(documentId)).find((c) => c.id === id) ?? null) : null;

export const ComponentConversion: ComponentConversionResolvers = {
  component: (j, _, ctx) => componentById(ctx, j.documentId, j.componentId),
  output: (j, _, ctx) => componentById(ctx, j.documentId, j.outputComponentId),
};

export const DocumentConversion: DocumentConversionResolvers = {
  state: (s) => conversionSummary(s.jobs).state,
  pending: (s) => conversionSummary(s.jobs).pending,
  done: (s) => conversionSummary(s.jobs).done,
  failed: (s) => conversionSummary(s.jobs).failed,
  jobs: (s) => s.jobs,
  closeBlockedReason: (s, _, ctx) => closeBlockedReason(ctx.em, s.document, s.jobs),
};
