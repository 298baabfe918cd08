import type { BackupSetResolvers } from '../generated/graphql';
import { BackupSetPolicy } from '../modules/backup-sets/backup-set.entity';
import { expiresAtOf } from '../modules/backup-sets/backup-sets';

export const BackupSet: BackupSetResolvers = {
  uploadedBy: (s) => ({ __typename: 'User', id: s.createdById }),
  // findOne by primary key: the identity map answers every set of a page after the first.
  expiresAt: async (s, _, ctx) =>
    expiresAtOf(s, await ctx.em.findOne(BackupSetPolicy, { municipalityId: s.municipalityId })),
};
