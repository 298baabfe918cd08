import { badInput } from '@hub/kit';
import type { UsersContext } from '../../context';

/**
 * Every login of a municipality starts with its abbreviation in lower case and a dot (`mbk.`, `ouada.`).
 * Logins are unique across the hub, so without namespaces one municipality's admin could probe another's names
 * ("already taken") or squat them. With them, a "taken" answer can only ever be about the caller's own
 * municipality. The abbreviation belongs to the municipalities subgraph, which is asked (as the caller).
 */
export async function loginPrefixOf(ctx: UsersContext, municipalityId: string): Promise<string> {
  const [municipality] = await ctx.peers.entities<{ id: string; abbreviation: string }>(
    'municipalities', 'Municipality', [municipalityId], 'id abbreviation',
  );
  if (!municipality?.abbreviation) throw badInput(`Municipality ${municipalityId} does not exist`, 'municipalityId');
  return `${municipality.abbreviation.toLowerCase()}.`;
}

/** Refuses a login outside the municipality's namespace (BAD_USER_INPUT, before anything is looked up). */
export function assertLoginInNamespace(login: string, prefix: string, field = 'login'): void {
  if (!login.startsWith(prefix) || login.length === prefix.length) {
    throw badInput(`Logins of this municipality start with "${prefix}" (e.g. ${prefix}novak)`, field);
  }
}
