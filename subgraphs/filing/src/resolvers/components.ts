import { requireTenantCaller } from '@hub/kit';
import type { MutationResolvers } from '../generated/graphql';
import { COMPONENT_WRITER_ROLES, attachComponent } from '../modules/components/components';

export const componentMutations: MutationResolvers = {
  attachComponent: async (_, { documentId, uploadId, form, order }, ctx) => {
    const { document, auditEventId } = await attachComponent(ctx.em, requireTenantCaller(ctx, COMPONENT_WRITER_ROLES), {
      documentId,
      uploadId,
      form,
      order,
    });
    return { document, auditEventId };
  },
};
