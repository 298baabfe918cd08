import { backupOnlyMunicipality, badInput } from '@hub/kit';
import type { UsersContext } from '../../context';

/**
 * Every login of a municipality starts with its abbreviation in lower case and a dot (`mbk.`, `ouada.`).
 * Logins are unique across the hub, so without namespaces one municipality's admin could probe another's names
 * ("already taken") or squat them. With them, a "taken" answer can only ever be about the caller's own
 * municipality. The abbreviation belongs to the municipalities subgraph, which is asked (as the caller).
 */
export async function loginPrefixOf(
  ctx: UsersContext,
  municipalityId: string,
  opts: { backupClient?: boolean } = {},
): Promise<string> {
  const [municipality] = await ctx.peers.entities<{ id: string; abbreviation: string; backupOnly?: boolean | null }>(
    'municipalities',
    'Municipality',
    [municipalityId],
    'id abbreviation backupOnly',
  );
  if (!municipality?.abbreviation) throw badInput(`Municipality ${municipalityId} does not exist`, 'municipalityId');
  // Every login of the hub is made here: a backup-only municipality gets its backup client and nothing else (no
  // users, no other API clients), and only a backup-only one gets a backup client.
  const backupOnly = municipality.backupOnly === true;
  if (backupOnly && !opts.backupClient) throw backupOnlyMunicipality(municipality.abbreviation);
  if (!backupOnly && opts.backupClient) {
    throw badInput(
      `Municipality ${municipality.abbreviation} is not a backup-only tenant: backup clients are only for those`,
      'municipalityId',
    );
  }
  return `${municipality.abbreviation.toLowerCase()}.`;
}

/** Refuses a login outside the municipality's namespace (BAD_USER_INPUT, before anything is looked up). */
export function assertLoginInNamespace(login: string, prefix: string, field = 'login'): void {
  if (!login.startsWith(prefix) || login.length === prefix.length) {
    throw badInput(`Logins of this municipality start with "${prefix}" (e.g. ${prefix}novak)`, field);
  }
}
