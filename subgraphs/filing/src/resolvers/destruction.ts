import { requireTenantCaller } from '@hub/kit';
import type { QueryResolvers, TombstoneResolvers } from '../generated/graphql';
import { canSeeDocument } from '../modules/documents/visibility';
import { backupRetentionFromEnv, backupsExpireBy } from '../modules/destruction/backup-horizon';
import { scheduleOf } from '../modules/destruction/ingest';
import { tombstoneByPid, tombstonesOfProposal } from '../modules/destruction/tombstones';
import { FORECAST_ROLES } from '../modules/retention/forecast';

// Who reads tombstones: those who read the records office's forecast (records office, records managers, auditors).
export const destructionQueries: QueryResolvers = {
  tombstone: (_, { pid }, ctx) => tombstoneByPid(ctx.em, requireTenantCaller(ctx, FORECAST_ROLES), pid),
  tombstones: (_, { disposalProposalId }, ctx) =>
    tombstonesOfProposal(ctx.em, requireTenantCaller(ctx, FORECAST_ROLES), disposalProposalId),
};

export const Tombstone: TombstoneResolvers = {
  id: (t) => t.entityId,
  schedule: (t) => scheduleOf(t) || null,
  // Computed from the policy in force, not stored: restic's forget applies a changed policy to old snapshots too.
  backupsExpireBy: (t) => backupsExpireBy(t.destroyedAt, backupRetentionFromEnv()),
  // Filed under the run's id when archives' closing event reaches the log (destruction/record.ts).
  destructionRecord: async (t, _, ctx) => {
    const d = await ctx.loaders.document.load(t.destructionId);
    return d && canSeeDocument(requireTenantCaller(ctx), d) ? d : null;
  },
};
