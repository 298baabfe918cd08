import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  scrypt as scryptCb,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { Role } from './roles';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** Who is calling, as established by the gateway from a verified token. */
export interface Caller {
  userId: string;
  login: string;
  /**
   * The person's name as the users subgraph had it at sign-in (carried in the access token and the caller
   * assertion), so an audit event can say who acted (`provedlKdo`) without asking the users subgraph. Absent in
   * tokens issued before it was added, and in service callers.
   */
  name?: string | null;
  /** The caller's tenant; null only for platform admins, who own no municipality's records. */
  municipalityId: string | null;
  roles: Role[];
  /** The org unit the user works in (decides what a unit head and the unit see); null if none. */
  orgUnitId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Signed tokens: compact JWS (JWT) through `jose`. Four kinds, each with its own `typ`, key and audience, so
// none can pass for another (docs/architecture.md, "Identity"):
//
//   kind                      typ              alg     signed by          verified by   key (env)
//   access token              at+jwt           HS256   users              gateway       HUB_TOKEN_SECRET (+ _PREVIOUS_SECRETS)
//   caller assertion          hub-caller+jwt   EdDSA   gateway            subgraphs     HUB_GATEWAY_PRIVATE_KEY / _PUBLIC_KEY
//   peer assertion            hub-peer+jwt     HS256   a subgraph         a subgraph    HUB_PEER_SECRET
//   service assertion         hub-service+jwt  HS256   a subgraph         filing        HUB_SERVICE_SECRET
// ---------------------------------------------------------------------------------------------

// jose is ESM-only and the kit compiles to CommonJS: Node ≥ 20.19 loads it with require() (jest transforms it,
// see jest.config.js). The type import keeps the typings exact.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = require('jose') as typeof import('jose', { with: { 'resolution-mode': 'import' } });

type KeyInput = string | KeyObject;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * True when every part of a compact JWS is base64url in its one canonical form: no padding, no other alphabet,
 * and no stray low bits in the last character. jose 6 on Node 20 decodes with the lenient `atob`, which accepts
 * `sig=` and a changed last character as the same bytes — a token would then have several spellings that all
 * verify (measured; finding 8 of issue 18). Re-encoding the decoded bytes must give the part back.
 */
export function isCanonicalCompactJws(token: string): boolean {
  if (typeof token !== 'string' || token.length > 16_384) return false;
  const parts = token.split('.');
  return (
    parts.length === 3 &&
    parts.every((p) => BASE64URL.test(p) && Buffer.from(p, 'base64url').toString('base64url') === p)
  );
}

const secretKeys = new Map<string, KeyObject>();
/** A symmetric key from a configured secret (at least 32 characters), kept per secret. */
function secretKey(secret: string): KeyObject {
  let k = secretKeys.get(secret);
  if (!k) {
    if (typeof secret !== 'string' || secret.length < 32)
      throw new Error('a signing secret must be at least 32 characters');
    k = createSecretKey(Buffer.from(secret, 'utf8'));
    if (secretKeys.size > 64) secretKeys.clear();
    secretKeys.set(secret, k);
  }
  return k;
}

const parsedKeys = new Map<string, KeyObject>();
/** PEM text (or `\n`-escaped PEM from a one-line environment variable) or a KeyObject → KeyObject (parsed once). */
function asymmetricKey(input: KeyInput, kind: 'private' | 'public'): KeyObject {
  if (typeof input !== 'string') return input;
  let key = parsedKeys.get(`${kind}:${input}`);
  if (!key) {
    const pem = input.includes('\\n') ? input.replace(/\\n/g, '\n') : input;
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error(`the gateway's ${kind} key must be an Ed25519 key (got ${key.asymmetricKeyType})`);
    if (parsedKeys.size > 64) parsedKeys.clear();
    parsedKeys.set(`${kind}:${input}`, key);
  }
  return key;
}

/**
 * Verifies a compact JWS of one kind: canonical encoding, `typ`, algorithm, signature, `iss`/`aud`, `exp` (jose
 * checks exp/nbf/iat against `now`). Returns the payload, or null for anything that does not hold.
 */
async function verifyJws(
  token: string,
  key: KeyObject | ((kid: string | undefined) => KeyObject | undefined),
  expect: {
    typ: string;
    alg: 'HS256' | 'EdDSA';
    issuer?: string;
    audience: string;
    now: number;
    toleranceSeconds?: number;
  },
): Promise<Record<string, unknown> | null> {
  if (!isCanonicalCompactJws(token)) return null;
  try {
    let k: KeyObject | undefined;
    if (typeof key === 'function') {
      const header = jose.decodeProtectedHeader(token);
      k = key(typeof header.kid === 'string' ? header.kid : undefined);
      if (!k) return null;
    } else {
      k = key;
    }
    const { payload } = await jose.jwtVerify(token, k, {
      typ: expect.typ,
      algorithms: [expect.alg],
      issuer: expect.issuer,
      audience: expect.audience,
      currentDate: new Date(expect.now),
      clockTolerance: expect.toleranceSeconds ?? 0,
      requiredClaims: ['exp', 'iat'],
    });
    return payload as Record<string, unknown>;
  } catch {
    // Bad signature, wrong audience, expired, malformed: all the same to the caller (no oracle).
    return null;
  }
}

async function signJws(
  payload: Record<string, unknown>,
  key: KeyObject,
  header: { typ: string; alg: 'HS256' | 'EdDSA'; kid?: string },
  claims: {
    issuer: string;
    audience: string;
    now: number;
    ttlSeconds: number;
  },
): Promise<string> {
  const iat = Math.floor(claims.now / 1000);
  return new jose.SignJWT(payload)
    .setProtectedHeader(header)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + claims.ttlSeconds)
    .sign(key);
}

function requireEnv(name: string, env: NodeJS.ProcessEnv, minLength = 32): string {
  const v = env[name];
  if (!v || v.length < minLength)
    throw new Error(
      `${name} must be set${minLength > 1 ? ` to at least ${minLength} characters` : ''} (npm start generates it)`,
    );
  return v;
}

// ---------------------------------------------------------------------------------------------
// Access tokens: what a user (or API client) gets from `login`, HS256 with a key id. Rotation: a new current
// secret signs; the previous ones stay listed for verification until the tokens they signed have expired.
// ---------------------------------------------------------------------------------------------

export const ACCESS_TOKEN_ISSUER = 'urn:blansko-hub:users';
export const ACCESS_TOKEN_AUDIENCE = 'urn:blansko-hub:gateway';
const ACCESS_TOKEN_TYP = 'at+jwt';

/** The secret that signs new tokens, and the earlier ones that still verify (by `kid`). */
export interface TokenKeys {
  current: string;
  previous?: readonly string[];
}

/**
 * The key id of a token secret: derived from the secret (a domain-separated SHA-256, 16 characters), so rotation
 * needs no second setting to keep in step, and the id says nothing about the secret.
 */
export function tokenKeyId(secret: string): string {
  return createHash('sha256').update('blansko-hub token kid\0').update(secret).digest('base64url').slice(0, 16);
}

/** HUB_TOKEN_SECRET signs; HUB_TOKEN_PREVIOUS_SECRETS (comma-separated) still verify. */
export function tokenKeysFromEnv(env: NodeJS.ProcessEnv = process.env): TokenKeys {
  const current = requireEnv('HUB_TOKEN_SECRET', env);
  const previous = (env.HUB_TOKEN_PREVIOUS_SECRETS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of previous)
    if (p.length < 32) throw new Error('HUB_TOKEN_PREVIOUS_SECRETS: every secret must be at least 32 characters');
  return { current, previous };
}

const asTokenKeys = (keys: TokenKeys | string): TokenKeys => (typeof keys === 'string' ? { current: keys } : keys);

interface AccessTokenClaims {
  sub: string;
  login: string;
  name?: string | null;
  mun: string | null;
  roles: Role[];
  ou?: string | null;
}

/** Issues the bearer token a user gets from `login`. */
export async function issueAccessToken(caller: Caller, keys: TokenKeys | string, ttlSeconds: number, now = Date.now()) {
  const { current } = asTokenKeys(keys);
  const claims: AccessTokenClaims & { jti: string } = {
    sub: caller.userId,
    login: caller.login,
    name: caller.name ?? null,
    mun: caller.municipalityId,
    roles: caller.roles,
    ou: caller.orgUnitId ?? null,
    jti: randomUUID(),
  };
  const token = await signJws(
    { ...claims },
    secretKey(current),
    { typ: ACCESS_TOKEN_TYP, alg: 'HS256', kid: tokenKeyId(current) },
    {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      now,
      ttlSeconds,
    },
  );
  return { token, expiresAt: new Date((Math.floor(now / 1000) + ttlSeconds) * 1000) };
}

/** Verifies encoding, key id, signature, issuer, audience and expiry of a bearer token; null when it is not valid. */
export async function verifyAccessToken(
  token: string,
  keys: TokenKeys | string,
  now = Date.now(),
): Promise<Caller | null> {
  const { current, previous = [] } = asTokenKeys(keys);
  const byKid = (kid: string | undefined) => {
    const secret = [current, ...previous].find((s) => tokenKeyId(s) === kid);
    return secret === undefined ? undefined : secretKey(secret);
  };
  const c = await verifyJws(token, byKid, {
    typ: ACCESS_TOKEN_TYP,
    alg: 'HS256',
    issuer: ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    now,
  });
  if (!c || typeof c.sub !== 'string' || typeof c.login !== 'string' || !Array.isArray(c.roles)) return null;
  return {
    userId: c.sub,
    login: c.login,
    name: typeof c.name === 'string' ? c.name : null,
    municipalityId: typeof c.mun === 'string' ? c.mun : null,
    roles: c.roles as Role[],
    orgUnitId: typeof c.ou === 'string' ? c.ou : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Gateway → subgraph caller assertion. The gateway verifies the user's token, then signs what it found with its
// Ed25519 private key, which only the gateway process holds; subgraphs hold the public key and so can check an
// assertion but never mint one. Each assertion is bound to one subgraph (`aud`) and one route (`route`: /graphql
// or a streamed route's path) and lives CALLER_ASSERTION_TTL_SECONDS: the subgraph checks it once, on arrival.
// ---------------------------------------------------------------------------------------------

export const CALLER_HEADER = 'x-hub-caller';
export const GATEWAY_ISSUER = 'hub-gateway';
/** The route of GraphQL fetches (a streamed route's assertion names its own path). */
export const GRAPHQL_ROUTE = '/graphql';
/** Minted per request and checked once on arrival: a captured header is useless within seconds. */
export const CALLER_ASSERTION_TTL_SECONDS = 15;
/**
 * How long after its expiry a subgraph may still forward the gateway's assertion inside a peer assertion: a peer
 * call happens while the request runs (bounded by the subgraph's request time budget), not only on arrival.
 */
export const PEER_FORWARD_GRACE_SECONDS = 15;
const CALLER_TYP = 'hub-caller+jwt';
const PEER_TYP = 'hub-peer+jwt';

/** Where an assertion may be used: one subgraph, one route. */
export interface AssertionTarget {
  subgraph: string;
  route: string;
}

/** A verified caller assertion. */
export interface AssertedCall {
  /** The caller; null for an anonymous request through the gateway (only `login` accepts those). */
  caller: Caller | null;
  /** The client's address as the gateway saw it (the socket's remote address); null when not known. */
  clientAddress: string | null;
  /** For a peer call: the subgraph that forwarded the request; null when it came straight from the gateway. */
  via: string | null;
  /** The gateway's own assertion (compact JWS), which this subgraph forwards when it calls a peer. */
  gatewayAssertion: string;
}

export interface CallerAssertionOptions {
  clientAddress?: string | null;
  now?: number;
}

/** Signs `caller` (null: anonymous) for one subgraph and route. Only the gateway has `privateKey`. */
export async function signCallerAssertion(
  caller: Caller | null,
  privateKey: KeyInput,
  target: AssertionTarget,
  opts: CallerAssertionOptions = {},
): Promise<string> {
  const payload: Record<string, unknown> = { caller, route: target.route };
  if (opts.clientAddress) payload.addr = opts.clientAddress;
  return signJws(
    payload,
    asymmetricKey(privateKey, 'private'),
    { typ: CALLER_TYP, alg: 'EdDSA' },
    {
      issuer: GATEWAY_ISSUER,
      audience: target.subgraph,
      now: opts.now ?? Date.now(),
      ttlSeconds: CALLER_ASSERTION_TTL_SECONDS,
    },
  );
}

/** What a subgraph needs to check the callers of its requests. */
export interface CallerVerificationKeys {
  /** The gateway's Ed25519 public key (PEM or KeyObject). */
  gatewayPublicKey: KeyInput;
  /** The secret the subgraphs sign peer assertions with. */
  peerSecret: string;
}

function callerClaim(v: unknown): Caller | null | undefined {
  if (v === null) return null;
  const c = v as Partial<Caller> | undefined;
  if (
    !c ||
    typeof c !== 'object' ||
    typeof c.userId !== 'string' ||
    typeof c.login !== 'string' ||
    !Array.isArray(c.roles)
  )
    return undefined;
  return {
    userId: c.userId,
    login: c.login,
    name: typeof c.name === 'string' ? c.name : null,
    municipalityId: c.municipalityId ?? null,
    roles: c.roles,
    orgUnitId: c.orgUnitId ?? null,
  };
}

async function verifyGatewayAssertion(
  token: string,
  publicKey: KeyObject,
  target: { subgraph: string; route?: string },
  now: number,
  toleranceSeconds = 0,
) {
  const a = await verifyJws(token, publicKey, {
    typ: CALLER_TYP,
    alg: 'EdDSA',
    issuer: GATEWAY_ISSUER,
    audience: target.subgraph,
    now,
    toleranceSeconds,
  });
  if (!a || typeof a.route !== 'string' || (target.route !== undefined && a.route !== target.route)) return undefined;
  const caller = callerClaim(a.caller);
  if (caller === undefined) return undefined;
  return { caller, clientAddress: typeof a.addr === 'string' ? a.addr : null, exp: a.exp };
}

/**
 * Gateway assertions this process has verified, per gateway public key. The gateway reuses one caller's assertion for
 * every fetch within a second (Ed25519 signatures are deterministic; gateway datasource.ts), so a subgraph sees the
 * same bytes many times: an Ed25519 verification plus jose's JSON work each time. The answer depends only on the
 * bytes, the key, the target and whether `exp` has passed, so a positive answer is kept, for exactly that target, and
 * used only while `exp` (checked as jose does, in whole seconds) has not passed. Bounded: when full, start over.
 */
const verifiedAssertions = new WeakMap<
  KeyObject,
  Map<string, { caller: Caller | null; clientAddress: string | null; exp: number }>
>();
const VERIFIED_ASSERTIONS_MAX = 10_000;

function verifiedAssertionsOf(publicKey: KeyObject) {
  let m = verifiedAssertions.get(publicKey);
  if (!m) verifiedAssertions.set(publicKey, (m = new Map()));
  return m;
}

/** Each request gets its own caller object: nothing one request does to it reaches another. */
const copyCaller = (c: Caller | null): Caller | null => (c === null ? null : { ...c, roles: [...c.roles] });

/**
 * The call a request's `x-hub-caller` header asserts, for `target` (this subgraph and the route the request
 * arrived on): a gateway assertion for exactly this target, or a peer assertion of another subgraph wrapping the
 * gateway's assertion for *that* subgraph. `undefined` when the header is missing, forged, expired or meant for
 * another subgraph or route.
 */
export async function verifyCallerAssertion(
  header: string | undefined,
  keys: CallerVerificationKeys,
  target: AssertionTarget,
  now = Date.now(),
): Promise<AssertedCall | undefined> {
  if (!header || !isCanonicalCompactJws(header)) return undefined;
  let typ: unknown;
  try {
    typ = jose.decodeProtectedHeader(header).typ;
  } catch {
    return undefined;
  }
  const publicKey = asymmetricKey(keys.gatewayPublicKey, 'public');
  if (typ === CALLER_TYP) {
    const cache = verifiedAssertionsOf(publicKey);
    const key = `${target.subgraph}\n${target.route}\n${header}`;
    const hit = cache.get(key);
    if (hit !== undefined && Math.floor(now / 1000) < hit.exp)
      return { caller: copyCaller(hit.caller), clientAddress: hit.clientAddress, via: null, gatewayAssertion: header };
    const a = await verifyGatewayAssertion(header, publicKey, target, now);
    if (a && typeof a.exp === 'number') {
      if (cache.size >= VERIFIED_ASSERTIONS_MAX) cache.clear();
      cache.set(key, { caller: a.caller && copyCaller(a.caller), clientAddress: a.clientAddress, exp: a.exp });
    }
    return a && { caller: a.caller, clientAddress: a.clientAddress, via: null, gatewayAssertion: header };
  }
  if (typ !== PEER_TYP) return undefined;
  const p = await verifyJws(header, secretKey(keys.peerSecret), {
    typ: PEER_TYP,
    alg: 'HS256',
    audience: target.subgraph,
    now,
  });
  if (
    !p ||
    p.route !== target.route ||
    typeof p.iss !== 'string' ||
    p.iss === target.subgraph ||
    typeof p.via !== 'string'
  )
    return undefined;
  // The caller is whoever the gateway asserted to the forwarding subgraph: a subgraph can act only for callers
  // that actually reached it, never invent one.
  const inner = await verifyGatewayAssertion(p.via, publicKey, { subgraph: p.iss }, now, PEER_FORWARD_GRACE_SECONDS);
  return inner && { caller: inner.caller, clientAddress: inner.clientAddress, via: p.iss, gatewayAssertion: p.via };
}

/**
 * A peer assertion: subgraph `from` calls `to`'s /graphql as the caller of the request it is serving. Peer calls go
 * one hop (gateway → subgraph → peer); a peer does not forward further.
 */
export async function signPeerAssertion(
  call: AssertedCall,
  from: string,
  to: string,
  peerSecret: string,
  now = Date.now(),
): Promise<string> {
  if (call.via !== null) throw new Error(`a peer call from ${call.via} cannot be forwarded again (${from} → ${to})`);
  return signJws(
    { via: call.gatewayAssertion, route: GRAPHQL_ROUTE },
    secretKey(peerSecret),
    { typ: PEER_TYP, alg: 'HS256' },
    {
      issuer: from,
      audience: to,
      now,
      ttlSeconds: CALLER_ASSERTION_TTL_SECONDS,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Service → service assertion, for internal endpoints no user calls (shipping audit events into the transaction
// log). Its own header, `typ` and secret: neither a caller assertion nor the gateway's key can produce one.
// ---------------------------------------------------------------------------------------------

export const SERVICE_HEADER = 'x-hub-service';
const SERVICE_TYP = 'hub-service+jwt';
export const SERVICE_ASSERTION_TTL_SECONDS = 60;

export async function signServiceAssertion(
  service: string,
  serviceSecret: string,
  target: AssertionTarget,
  now = Date.now(),
): Promise<string> {
  return signJws(
    { route: target.route },
    secretKey(serviceSecret),
    { typ: SERVICE_TYP, alg: 'HS256' },
    {
      issuer: service,
      audience: target.subgraph,
      now,
      ttlSeconds: SERVICE_ASSERTION_TTL_SECONDS,
    },
  );
}

/** The calling service's name, or null when the header is missing, forged, expired or meant for another target. */
export async function verifyServiceAssertion(
  header: string | undefined,
  serviceSecret: string,
  target: AssertionTarget,
  now = Date.now(),
): Promise<string | null> {
  if (!header) return null;
  const a = await verifyJws(header, secretKey(serviceSecret), {
    typ: SERVICE_TYP,
    alg: 'HS256',
    audience: target.subgraph,
    now,
  });
  if (!a || a.route !== target.route || typeof a.iss !== 'string') return null;
  return a.iss;
}

// ---------------------------------------------------------------------------------------------
// Keys from the environment (npm start generates them into <data dir>/secrets.json and hands each process only
// what it needs).
// ---------------------------------------------------------------------------------------------

/** What a subgraph process holds: it verifies callers, signs peer and service assertions, never caller assertions. */
export interface SubgraphKeys extends CallerVerificationKeys {
  serviceSecret: string;
}

export function subgraphKeysFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphKeys {
  const keys = {
    gatewayPublicKey: asymmetricKey(requireEnv('HUB_GATEWAY_PUBLIC_KEY', env, 1), 'public'),
    peerSecret: requireEnv('HUB_PEER_SECRET', env),
    serviceSecret: requireEnv('HUB_SERVICE_SECRET', env),
  };
  if (keys.peerSecret === keys.serviceSecret)
    throw new Error('HUB_PEER_SECRET and HUB_SERVICE_SECRET must differ (one key per purpose)');
  return keys;
}

/** The gateway's Ed25519 private key (HUB_GATEWAY_PRIVATE_KEY, PKCS#8 PEM). */
export function gatewayPrivateKeyFromEnv(env: NodeJS.ProcessEnv = process.env): KeyObject {
  return asymmetricKey(requireEnv('HUB_GATEWAY_PRIVATE_KEY', env, 1), 'private');
}

/** A fresh Ed25519 pair for the gateway's caller assertions, as PEM (npm start, tests). */
export function generateGatewayKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
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
