import {
  badInput,
  forbidden,
  hashPassword,
  inTransaction,
  recordAudit,
  requireTenantCaller,
  verifyPassword,
} from '@hub/kit';
import type { UsersContext } from '../../context';
import { signInThrottle } from '../sign-in/throttle';
import { User } from './user.entity';

/** A one-time password (`resetTenantAdmin`) is valid this long, and for one sign-in. */
export const ONE_TIME_PASSWORD_HOURS = 72;

/** What a one-time password's hash becomes once it has signed in: not a scrypt hash, so it matches no password. */
export const USED_ONE_TIME_PASSWORD = 'one-time-password-used';

/**
 * `changePassword`: the signed-in user's own password. The current one is required, and its check is counted like
 * a sign-in attempt (a stolen session must not become a way to guess it), except in the session opened with a
 * one-time password, which that sign-in used up. Audited without any password or hash.
 */
export async function changePassword(
  ctx: UsersContext,
  currentPassword: string | null | undefined,
  newPassword: string,
): Promise<boolean> {
  const caller = requireTenantCaller(ctx);
  if (newPassword.length < 10 || newPassword.length > 200)
    throw badInput('password must be 10–200 characters', 'newPassword');
  if (currentPassword && currentPassword.length > 200)
    throw badInput('password must be at most 200 characters', 'currentPassword');
  const user = await ctx.em.findOne(User, { id: caller.userId });
  if (!user || !user.active) throw forbidden('Only active users of a municipality change their password here');
  const oneTimeUsed = !!user.oneTimePasswordExpiresAt && user.passwordHash === USED_ONE_TIME_PASSWORD;
  if (!oneTimeUsed) {
    if (!currentPassword) throw badInput('currentPassword is required', 'currentPassword');
    const attempt = await signInThrottle().reserve(ctx.em, { kind: 'login', id: user.login }, ctx.clientAddress);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw forbidden('The current password is wrong');
    await attempt.succeeded();
  }
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx.em, async (tx) => {
    const row = await tx.findOneOrFail(User, { id: user.id });
    row.passwordHash = passwordHash;
    row.oneTimePasswordExpiresAt = null;
    await recordAudit(tx, caller, {
      municipalityId: row.municipalityId,
      eventType: 'Uprava',
      objectType: 'Osoba',
      objectId: row.id,
      description: oneTimeUsed ? 'Own password set after a one-time password' : 'Own password changed',
    });
  });
  return true;
}
