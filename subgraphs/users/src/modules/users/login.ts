import {
  badInput,
  hashPassword,
  inTransaction,
  issueAccessToken,
  recordAudit,
  scopeToTenant,
  tokenKeysFromEnv,
  tokenTtlSeconds,
  unauthenticated,
  verifyPassword,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomBytes } from 'node:crypto';
import type { UsersContext } from '../../context';
import { signInThrottle } from '../sign-in/throttle';
import { ApiClient } from './api-client.entity';
import { USED_ONE_TIME_PASSWORD } from './passwords';
import { PlatformOperator } from './platform-operator.entity';
import { callerOf } from './user-record';
import { User } from './user.entity';

/** One answer for unknown login, wrong password and disabled user, so the reply does not reveal which. */
const WRONG_CREDENTIALS = 'Wrong login or password';

let unknownLoginHash: Promise<string> | undefined;
/**
 * A hash of a random password, checked when the login is unknown: the reply then takes as long as for a
 * wrong password, so response times do not tell which logins exist.
 */
function hashForUnknownLogin(): Promise<string> {
  return (unknownLoginHash ??= hashPassword(randomBytes(16).toString('hex')));
}

/**
 * The one read that crosses municipalities: the caller is anonymous, so there is no tenant to scope to yet;
 * the login itself decides the municipality. Only the matching row is read, and nothing of it leaves this
 * subgraph unless the password matches.
 */
async function findByLogin(em: SqlEntityManager, login: string): Promise<User | PlatformOperator | null> {
  return (await em.findOne(User, { login }, { filters: false })) ?? (await em.findOne(PlatformOperator, { login }));
}

/** `login`: checks the password and issues an access token. The only operation open to anonymous callers. */
export async function signIn(ctx: UsersContext, login: string, password: string) {
  if (login.length > 64) throw badInput('login must be at most 64 characters', 'login');
  if (password.length > 200) throw badInput('password must be at most 200 characters', 'password');
  const keys = tokenKeysFromEnv();
  // Logins are stored in lower case. MariaDB compares case-insensitively and SQLite does not; normalising
  // here makes both accept `MBK.Admin`, and keeps one throttle counter per login.
  const key = login.toLowerCase();
  // Counted before the slow password check, so parallel guesses cannot all be evaluated (see SignInThrottle).
  const attempt = await signInThrottle().reserve(ctx.em, { kind: 'login', id: key }, ctx.clientAddress);
  const record = await findByLogin(ctx.em, key);
  const passwordMatches = await verifyPassword(password, record?.passwordHash ?? (await hashForUnknownLogin()));
  if (!record || !passwordMatches || !record.active) throw unauthenticated(WRONG_CREDENTIALS);
  const passwordChangeRequired = record instanceof User && !!record.oneTimePasswordExpiresAt;
  if (passwordChangeRequired) await useUpOneTimePassword(ctx, record as User);
  await attempt.succeeded();
  const { token, expiresAt } = await issueAccessToken(callerOf(record), keys, tokenTtlSeconds());
  return { token, expiresAt, user: record, passwordChangeRequired };
}

/**
 * A one-time password (resetTenantAdmin) signs in once, before it expires. Used up atomically: of two sign-ins
 * racing with it, only the one whose update still finds the hash gets a token. Audited like any change of the
 * account.
 */
async function useUpOneTimePassword(ctx: UsersContext, user: User): Promise<void> {
  if (user.oneTimePasswordExpiresAt!.getTime() <= Date.now()) throw unauthenticated(WRONG_CREDENTIALS);
  const used = await inTransaction(scopeToTenant(ctx.em.fork(), user.municipalityId), async (tx) => {
    const n = await tx.nativeUpdate(
      User,
      { id: user.id, passwordHash: user.passwordHash },
      { passwordHash: USED_ONE_TIME_PASSWORD },
    );
    if (n !== 1) return false;
    await recordAudit(tx, callerOf(user), {
      municipalityId: user.municipalityId,
      eventType: 'Uprava',
      objectType: 'Osoba',
      objectId: user.id,
      description: 'Signed in with the one-time password, which is now used up',
    });
    return true;
  });
  if (!used) throw unauthenticated(WRONG_CREDENTIALS);
}

/** One answer for unknown client, wrong secret and revoked client. */
const WRONG_CLIENT_CREDENTIALS = 'Wrong client id or secret';
/** API client tokens are short-lived: an app signs in again, and a rotated secret takes effect within the hour. */
export const API_CLIENT_TOKEN_TTL_SECONDS = 3600;

/** `loginApiClient`: checks an API client's secret and issues an access token acting as the client. */
export async function signInApiClient(ctx: UsersContext, clientId: string, clientSecret: string) {
  if (clientId.length > 64) throw badInput('clientId must be at most 64 characters', 'clientId');
  if (clientSecret.length > 200) throw badInput('secret must be at most 200 characters', 'secret');
  const keys = tokenKeysFromEnv();
  const attempt = await signInThrottle().reserve(ctx.em, { kind: 'client', id: clientId }, ctx.clientAddress);
  // Crosses municipalities, like `findByLogin`: the caller is anonymous, so there is no tenant to scope to;
  // the client id decides the municipality. Nothing of the row leaves this subgraph unless the secret matches.
  const client = await ctx.em.findOne(ApiClient, { id: clientId.toLowerCase() }, { filters: false });
  const matches = await verifyPassword(clientSecret, client?.secretHash ?? (await hashForUnknownLogin()));
  if (!client || !matches || !client.active) throw unauthenticated(WRONG_CLIENT_CREDENTIALS);
  await attempt.succeeded();
  const { token, expiresAt } = await issueAccessToken(callerOf(client), keys, API_CLIENT_TOKEN_TTL_SECONDS);
  return { token, expiresAt, user: client, passwordChangeRequired: false };
}
