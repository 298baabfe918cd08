import type { SqlEntityManager } from '@mikro-orm/knex';
import type { TenantCaller } from '@hub/kit';
import { Tombstone } from './tombstone.entity';

/**
 * Reading tombstones (the caller's municipality only, by the tenant filter; roles checked by the resolver): by PID
 * (a case file's or any document's destroyed with it), or every one of a disposal proposal, roots first, each
 * followed by the documents destroyed with it.
 */
export function tombstoneByPid(em: SqlEntityManager, _caller: TenantCaller, pid: string): Promise<Tombstone | null> {
  return em.findOne(Tombstone, { pid });
}

export async function tombstonesOfProposal(
  em: SqlEntityManager,
  _caller: TenantCaller,
  disposalProposalId: string,
): Promise<Tombstone[]> {
  const all = await em.find(Tombstone, { disposalProposalId }, { orderBy: [{ destroyedAt: 'asc' }, { pid: 'asc' }] });
  const roots = all.filter((t) => !t.caseFilePid);
  return roots.flatMap((r) => [
    r,
    ...all.filter((t) => t.caseFilePid === r.pid && t.kind === 'DOCUMENT' && r.kind === 'CASE_FILE'),
  ]);
}
