// Tokens and assertions (issue 18, findings 7 and 8): canonical encoding, iss/aud/kid, key rotation, audience and
// route binding, short life, and one key per purpose.
import { createPrivateKey, createSecretKey } from 'node:crypto';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  CALLER_ASSERTION_TTL_SECONDS,
  GRAPHQL_ROUTE,
  PEER_FORWARD_GRACE_SECONDS,
  issueAccessToken,
  signCallerAssertion,
  signPeerAssertion,
  signServiceAssertion,
  tokenKeyId,
  tokenKeysFromEnv,
  verifyAccessToken,
  verifyCallerAssertion,
  verifyServiceAssertion,
  type AssertionTarget,
} from './auth';
import { Role } from './roles';
import { testCaller, testKeys } from './testing';

// jose is ESM-only; required like in auth.ts (jest compiles it to CommonJS).
const { SignJWT } = require('jose') as typeof import('jose', { with: { 'resolution-mode': 'import' } });

const keys = testKeys();
// With the person's name, which the token and the assertions carry for the transaction log's provedlKdo.
const clerk = {
  ...testCaller(
    '00000000-0000-4000-8000-0000000000b1',
    [Role.INTAKE_CLERK],
    'mbk.clerk',
    undefined,
    '00000000-0000-4000-8000-0000000000c1',
  ),
  name: 'Jana Podatelová',
};
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const at = (subgraph: string, route = GRAPHQL_ROUTE): AssertionTarget => ({ subgraph, route });
const AUDIT_LOG = at('filing', '/internal/audit-log');

/** The same token with its signature's last character's lowest bit flipped: decodes to the same bytes leniently. */
function flipLowBit(token: string): string {
  const last = token[token.length - 1];
  return token.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) ^ 1];
}

describe('access tokens', () => {
  it('carry the hub claims, iss, aud, kid and typ, and verify', async () => {
    const { token, expiresAt } = await issueAccessToken(clerk, keys.tokenSecret, 3600);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: tokenKeyId(keys.tokenSecret) });
    expect(payload).toMatchObject({
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      sub: clerk.userId,
      login: 'mbk.clerk',
      mun: clerk.municipalityId,
      roles: ['INTAKE_CLERK'],
      ou: clerk.orgUnitId,
      name: 'Jana Podatelová',
    });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(expiresAt.getTime()).toBe(payload.exp * 1000);
    expect(await verifyAccessToken(token, keys.tokenSecret)).toEqual(clerk);
    // A token without a name (issued before names were carried) still verifies, with no name.
    const nameless = await issueAccessToken({ ...clerk, name: undefined }, keys.tokenSecret, 3600);
    expect(await verifyAccessToken(nameless.token, keys.tokenSecret)).toEqual({ ...clerk, name: null });
  });

  it('refuse non-canonical encodings of a genuine token (padding, low bits, other alphabet)', async () => {
    const { token } = await issueAccessToken(clerk, keys.tokenSecret, 3600);
    const [h, p, s] = token.split('.');
    const mangled = {
      'padding on the signature': `${token}=`,
      'padding on the payload': `${h}.${p}=.${s}`,
      'low bits of the signature': flipLowBit(token),
      'base64 instead of base64url': `${h}.${p}.${Buffer.from(s, 'base64url').toString('base64')}`,
      whitespace: `${h}.${p}.${s} `,
    };
    for (const [how, t] of Object.entries(mangled)) {
      if (t === token) continue; // e.g. a signature without + or / has one base64 spelling
      expect([how, await verifyAccessToken(t, keys.tokenSecret)]).toEqual([how, null]);
    }
  });

  it('refuse a token with the right key but another issuer or audience, or without kid', async () => {
    const key = createSecretKey(Buffer.from(keys.tokenSecret));
    const sign = (iss: string, aud: string, kid: string | undefined = tokenKeyId(keys.tokenSecret)) =>
      new SignJWT({ sub: clerk.userId, login: clerk.login, mun: clerk.municipalityId, roles: clerk.roles })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...(kid ? { kid } : {}) })
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    // The control: the same construction with the right values verifies.
    expect(
      await verifyAccessToken(await sign(ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE), keys.tokenSecret),
    ).toMatchObject({ login: 'mbk.clerk' });
    expect(await verifyAccessToken(await sign('urn:someone-else', ACCESS_TOKEN_AUDIENCE), keys.tokenSecret)).toBeNull();
    expect(
      await verifyAccessToken(await sign(ACCESS_TOKEN_ISSUER, 'urn:another-service'), keys.tokenSecret),
    ).toBeNull();
    expect(
      await verifyAccessToken(await sign(ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE, ''), keys.tokenSecret),
    ).toBeNull();
  });

  it('refuse expired tokens', async () => {
    const { token } = await issueAccessToken(clerk, keys.tokenSecret, 60, Date.now() - 61_000);
    expect(await verifyAccessToken(token, keys.tokenSecret)).toBeNull();
  });

  it('rotate: an old-kid token verifies while its secret is listed as previous, and not after removal', async () => {
    const old = testKeys().tokenSecret;
    const { token } = await issueAccessToken(clerk, old, 3600);
    const rotated = tokenKeysFromEnv({ HUB_TOKEN_SECRET: keys.tokenSecret, HUB_TOKEN_PREVIOUS_SECRETS: ` ${old} ` });
    expect(await verifyAccessToken(token, rotated)).toEqual(clerk);
    // New tokens are signed with the current secret's kid.
    const fresh = await issueAccessToken(clerk, rotated, 3600);
    expect(JSON.parse(Buffer.from(fresh.token.split('.')[0], 'base64url').toString()).kid).toBe(
      tokenKeyId(keys.tokenSecret),
    );
    expect(await verifyAccessToken(fresh.token, rotated)).toEqual(clerk);
    // The old secret removed from the list: its tokens are refused.
    expect(await verifyAccessToken(token, tokenKeysFromEnv({ HUB_TOKEN_SECRET: keys.tokenSecret }))).toBeNull();
  });
});

describe('caller assertions', () => {
  it('carry the caller and the client address, for the subgraph and route they were minted for', async () => {
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'), { clientAddress: '192.0.2.7' });
    expect(await verifyCallerAssertion(a, keys, at('filing'))).toEqual({
      caller: clerk,
      clientAddress: '192.0.2.7',
      via: null,
      gatewayAssertion: a,
    });
    const anonymous = await signCallerAssertion(null, keys.gatewayPrivateKey, at('users'));
    expect(await verifyCallerAssertion(anonymous, keys, at('users'))).toMatchObject({
      caller: null,
      clientAddress: null,
    });
  });

  it('are refused by another subgraph, or on another route of the same subgraph', async () => {
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'));
    expect(await verifyCallerAssertion(a, keys, at('users'))).toBeUndefined();
    expect(await verifyCallerAssertion(a, keys, at('archives'))).toBeUndefined();
    expect(await verifyCallerAssertion(a, keys, at('filing', '/uploads'))).toBeUndefined();
    const upload = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing', '/uploads'));
    expect(await verifyCallerAssertion(upload, keys, at('filing', '/uploads'))).toMatchObject({ caller: clerk });
    expect(await verifyCallerAssertion(upload, keys, at('filing'))).toBeUndefined();
  });

  it(`live ${CALLER_ASSERTION_TTL_SECONDS} s`, async () => {
    const now = Date.now();
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'), { now });
    expect(
      await verifyCallerAssertion(a, keys, at('filing'), now + (CALLER_ASSERTION_TTL_SECONDS - 1) * 1000),
    ).toMatchObject({ caller: clerk });
    expect(
      await verifyCallerAssertion(a, keys, at('filing'), now + (CALLER_ASSERTION_TTL_SECONDS + 1) * 1000),
    ).toBeUndefined();
    // 30 s was enough for the old 60 s assertions; not any more.
    expect(await verifyCallerAssertion(a, keys, at('filing'), now + 30_000)).toBeUndefined();
  });

  it('are refused when signed by any key but the gateway private key, or mangled', async () => {
    const other = testKeys();
    expect(
      await verifyCallerAssertion(
        await signCallerAssertion(clerk, other.gatewayPrivateKey, at('filing')),
        keys,
        at('filing'),
      ),
    ).toBeUndefined();
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'));
    expect(await verifyCallerAssertion(`${a}=`, keys, at('filing'))).toBeUndefined();
    expect(await verifyCallerAssertion(flipLowBit(a), keys, at('filing'))).toBeUndefined();
    // A subgraph has the public key only; with the secrets it holds it cannot mint a gateway assertion.
    for (const secret of [keys.peerSecret, keys.serviceSecret, keys.tokenSecret]) {
      const forged = await new SignJWT({ caller: clerk, route: GRAPHQL_ROUTE })
        .setProtectedHeader({ alg: 'HS256', typ: 'hub-caller+jwt' })
        .setIssuer('hub-gateway')
        .setAudience('filing')
        .setIssuedAt()
        .setExpirationTime('10s')
        .sign(createSecretKey(Buffer.from(secret)));
      expect(await verifyCallerAssertion(forged, keys, at('filing'))).toBeUndefined();
    }
  });

  it('verified once, are still checked for target, expiry and every byte on later uses (the verified-assertion cache)', async () => {
    const now = Date.now();
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'), {
      now,
      clientAddress: '192.0.2.9',
    });
    const first = await verifyCallerAssertion(a, keys, at('filing'), now);
    expect(first).toEqual({ caller: clerk, clientAddress: '192.0.2.9', via: null, gatewayAssertion: a });
    // A request that changes its caller object does not change what the next request with the same bytes gets.
    first!.caller!.roles.push('PLATFORM_ADMIN' as never);
    first!.caller!.municipalityId = 'someone else';
    expect(await verifyCallerAssertion(a, keys, at('filing'), now)).toEqual({
      caller: clerk,
      clientAddress: '192.0.2.9',
      via: null,
      gatewayAssertion: a,
    });
    expect(await verifyCallerAssertion(a, keys, at('users'), now)).toBeUndefined();
    expect(await verifyCallerAssertion(a, keys, at('filing', '/uploads'), now)).toBeUndefined();
    expect(await verifyCallerAssertion(flipLowBit(a), keys, at('filing'), now)).toBeUndefined();
    expect(await verifyCallerAssertion(a, testKeys(), at('filing'), now)).toBeUndefined();
    expect(
      await verifyCallerAssertion(a, keys, at('filing'), now + CALLER_ASSERTION_TTL_SECONDS * 1000 + 1000),
    ).toBeUndefined();
  });

  it('are not access tokens, and access tokens are not assertions', async () => {
    const { token } = await issueAccessToken(clerk, keys.tokenSecret, 3600);
    expect(await verifyCallerAssertion(token, keys, at('filing'))).toBeUndefined();
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'));
    expect(await verifyAccessToken(a, keys.tokenSecret)).toBeNull();
  });
});

describe('peer assertions (a subgraph calling another as the same caller)', () => {
  it("carry the gateway's caller and name the forwarding subgraph", async () => {
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('archives'), { clientAddress: '192.0.2.7' });
    const call = (await verifyCallerAssertion(a, keys, at('archives')))!;
    const peer = await signPeerAssertion(call, 'archives', 'filing', keys.peerSecret);
    expect(await verifyCallerAssertion(peer, keys, at('filing'))).toEqual({
      caller: clerk,
      clientAddress: '192.0.2.7',
      via: 'archives',
      gatewayAssertion: a,
    });
    // Bound to the peer it was made for.
    expect(await verifyCallerAssertion(peer, keys, at('users'))).toBeUndefined();
    expect(await verifyCallerAssertion(peer, keys, at('filing', '/uploads'))).toBeUndefined();
  });

  it("only wrap an assertion the gateway made for the forwarding subgraph itself: a subgraph cannot relay another's", async () => {
    // archives captured an assertion meant for filing and tries to pass it to users as its own caller.
    const forFiling = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('filing'));
    const relayed = await signPeerAssertion(
      { caller: clerk, clientAddress: null, via: null, gatewayAssertion: forFiling },
      'archives',
      'users',
      keys.peerSecret,
    );
    expect(await verifyCallerAssertion(relayed, keys, at('users'))).toBeUndefined();
    // Without any gateway assertion inside, a peer cannot invent a caller either.
    const forged = await new SignJWT({ via: 'x', caller: clerk, route: GRAPHQL_ROUTE })
      .setProtectedHeader({ alg: 'HS256', typ: 'hub-peer+jwt' })
      .setIssuer('archives')
      .setAudience('users')
      .setIssuedAt()
      .setExpirationTime('10s')
      .sign(createSecretKey(Buffer.from(keys.peerSecret)));
    expect(await verifyCallerAssertion(forged, keys, at('users'))).toBeUndefined();
  });

  it('need the peer secret (not the service secret), and go one hop', async () => {
    const call = (await verifyCallerAssertion(
      await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('archives')),
      keys,
      at('archives'),
    ))!;
    expect(
      await verifyCallerAssertion(
        await signPeerAssertion(call, 'archives', 'filing', keys.serviceSecret),
        keys,
        at('filing'),
      ),
    ).toBeUndefined();
    const onward = (await verifyCallerAssertion(
      await signPeerAssertion(call, 'archives', 'filing', keys.peerSecret),
      keys,
      at('filing'),
    ))!;
    await expect(signPeerAssertion(onward, 'filing', 'users', keys.peerSecret)).rejects.toThrow(
      /cannot be forwarded again/,
    );
  });

  it(`use the gateway's assertion within its life plus ${PEER_FORWARD_GRACE_SECONDS} s only`, async () => {
    const now = Date.now();
    const a = await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('archives'), { now });
    const call = (await verifyCallerAssertion(a, keys, at('archives'), now))!;
    const late = now + (CALLER_ASSERTION_TTL_SECONDS + PEER_FORWARD_GRACE_SECONDS + 1) * 1000;
    expect(
      await verifyCallerAssertion(
        await signPeerAssertion(call, 'archives', 'filing', keys.peerSecret, late),
        keys,
        at('filing'),
        late,
      ),
    ).toBeUndefined();
    const inTime = now + (CALLER_ASSERTION_TTL_SECONDS + PEER_FORWARD_GRACE_SECONDS - 1) * 1000;
    expect(
      await verifyCallerAssertion(
        await signPeerAssertion(call, 'archives', 'filing', keys.peerSecret, inTime),
        keys,
        at('filing'),
        inTime,
      ),
    ).toMatchObject({ caller: clerk });
  });
});

describe('service assertions (the transaction log writer) and caller assertions do not mix', () => {
  it('a service assertion verifies for its target only', async () => {
    const s = await signServiceAssertion('users', keys.serviceSecret, AUDIT_LOG);
    expect(await verifyServiceAssertion(s, keys.serviceSecret, AUDIT_LOG)).toBe('users');
    expect(await verifyServiceAssertion(s, keys.serviceSecret, at('filing'))).toBeNull();
    expect(await verifyServiceAssertion(s, keys.serviceSecret, at('archives', '/internal/audit-log'))).toBeNull();
  });

  it('a caller assertion is not a service assertion, and a service assertion is not a caller assertion', async () => {
    const callerForLog = await signCallerAssertion(clerk, keys.gatewayPrivateKey, AUDIT_LOG);
    expect(await verifyServiceAssertion(callerForLog, keys.serviceSecret, AUDIT_LOG)).toBeNull();
    const service = await signServiceAssertion('users', keys.serviceSecret, AUDIT_LOG);
    expect(await verifyCallerAssertion(service, keys, AUDIT_LOG)).toBeUndefined();
    // Nor is a peer assertion (same HMAC algorithm, another key and typ).
    const call = (await verifyCallerAssertion(
      await signCallerAssertion(clerk, keys.gatewayPrivateKey, at('users')),
      keys,
      at('users'),
    ))!;
    expect(
      await verifyServiceAssertion(
        await signPeerAssertion(call, 'users', 'filing', keys.peerSecret),
        keys.serviceSecret,
        AUDIT_LOG,
      ),
    ).toBeNull();
  });

  it("the gateway's key (or the peer secret) cannot sign a service assertion", async () => {
    const gatewayKey = createPrivateKey(keys.gatewayPrivateKey);
    const byGateway = await new SignJWT({ route: AUDIT_LOG.route })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'hub-service+jwt' })
      .setIssuer('users')
      .setAudience('filing')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(gatewayKey);
    expect(await verifyServiceAssertion(byGateway, keys.serviceSecret, AUDIT_LOG)).toBeNull();
    expect(
      await verifyServiceAssertion(
        await signServiceAssertion('users', keys.peerSecret, AUDIT_LOG),
        keys.serviceSecret,
        AUDIT_LOG,
      ),
    ).toBeNull();
    expect(keys.serviceSecret).not.toBe(keys.peerSecret);
  });
});
