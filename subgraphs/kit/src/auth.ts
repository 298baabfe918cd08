import { createHmac, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Role } from './roles';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** Who is calling, as established by the gateway from a verified token. */
export interface Caller {
  userId: string;
  login: string;
  /** The caller's tenant; null only for platform admins, who own no municipality's records. */
  municipalityId: string | null;
  roles: Role[];
  /** The org unit the user works in (decides what a unit head and the unit see); null if none. */
  orgUnitId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Compact HS256 tokens (JWT layout), so any JWT tool can read them. Signing keys are per install.
// ---------------------------------------------------------------------------------------------

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function sign(payload: object, secret: string): string {
  const body = `${HEADER}.${b64url(JSON.stringify(payload))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function verify<T>(token: string, secret: string): T | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}

interface AccessTokenClaims {
  sub: string;
  login: string;
  mun: string | null;
  roles: Role[];
  ou?: string | null;
  iat: number;
  exp: number;
  jti: string;
}

/** Issues the bearer token a user gets from `login`. */
export function issueAccessToken(caller: Caller, secret: string, ttlSeconds: number, now = Date.now()) {
  const iat = Math.floor(now / 1000);
  const claims: AccessTokenClaims = {
    sub: caller.userId,
    login: caller.login,
    mun: caller.municipalityId,
    roles: caller.roles,
    ou: caller.orgUnitId ?? null,
    iat,
    exp: iat + ttlSeconds,
    jti: randomUUID(),
  };
  return { token: sign(claims, secret), expiresAt: new Date(claims.exp * 1000) };
}

/** Verifies signature and expiry of a bearer token; null when it is not valid. */
export function verifyAccessToken(token: string, secret: string, now = Date.now()): Caller | null {
  const c = verify<AccessTokenClaims>(token, secret);
  if (!c || typeof c.exp !== 'number' || c.exp * 1000 <= now || typeof c.sub !== 'string') return null;
  return { userId: c.sub, login: c.login, municipalityId: c.mun ?? null, roles: c.roles ?? [], orgUnitId: c.ou ?? null };
}

// ---------------------------------------------------------------------------------------------
// Gateway → subgraph assertion. The gateway verifies the user's token, then signs what it found
// with a secret only it and the subgraphs share. Subgraphs accept nothing else, so a request that
// bypasses the gateway (or forges a caller) is refused.
// ---------------------------------------------------------------------------------------------

export const CALLER_HEADER = 'x-hub-caller';
/** Assertions are minted per request; a short life limits replay of a captured header. */
const ASSERTION_TTL_SECONDS = 60;

interface CallerAssertion {
  caller: Caller | null;
  /**
   * The network address the gateway saw the request come from (or the one its trusted proxy reported).
   * Sign-in throttling counts attempts per address; only the gateway can vouch for it, so it travels signed.
   */
  addr?: string;
  iat: number;
  exp: number;
}

export function signCallerAssertion(caller: Caller | null, gatewaySecret: string, now = Date.now(), clientAddress?: string): string {
  const iat = Math.floor(now / 1000);
  const addr = clientAddress || undefined;
  return sign({ caller, addr, iat, exp: iat + ASSERTION_TTL_SECONDS } satisfies CallerAssertion, gatewaySecret);
}

/** What a valid caller assertion says: the caller (null = anonymous) and the client's address, when the gateway knew it. */
export interface VerifiedCallerAssertion {
  caller: Caller | null;
  clientAddress: string | null;
}

/** The verified assertion, or `undefined` when the header is missing, forged or expired (not from the gateway). */
export function readCallerAssertion(header: string | undefined, gatewaySecret: string, now = Date.now()): VerifiedCallerAssertion | undefined {
  if (!header) return undefined;
  const a = verify<CallerAssertion>(header, gatewaySecret);
  if (!a || typeof a.exp !== 'number' || a.exp * 1000 <= now) return undefined;
  return { caller: a.caller ?? null, clientAddress: typeof a.addr === 'string' && a.addr ? a.addr : null };
}

/** Returns the asserted caller (null = anonymous request through the gateway), or `undefined` when not from the gateway. */
export function verifyCallerAssertion(header: string | undefined, gatewaySecret: string, now = Date.now()): Caller | null | undefined {
  return readCallerAssertion(header, gatewaySecret, now)?.caller;
}

// ---------------------------------------------------------------------------------------------
// Passwords: scrypt with a per-password salt; parameters are stored with the hash so they can grow.
// ---------------------------------------------------------------------------------------------

const SCRYPT = { N: 16384, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

// ---------------------------------------------------------------------------------------------
// Service → service assertion, for internal endpoints no user calls (e.g. shipping audit events into the
// transaction log). Same shared secret as the gateway assertion, a different header and claim, so a user's
// caller assertion can never pass for a service.
// ---------------------------------------------------------------------------------------------

export const SERVICE_HEADER = 'x-hub-service';

export function signServiceAssertion(service: string, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  return sign({ service, iat, exp: iat + ASSERTION_TTL_SECONDS }, secret);
}

/** The calling service's name, or null when the header is missing, forged or expired. */
export function verifyServiceAssertion(header: string | undefined, secret: string, now = Date.now()): string | null {
  if (!header) return null;
  const a = verify<{ service?: unknown; exp?: unknown }>(header, secret);
  if (!a || typeof a.exp !== 'number' || a.exp * 1000 <= now || typeof a.service !== 'string') return null;
  return a.service;
}
