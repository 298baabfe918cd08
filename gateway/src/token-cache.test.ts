import { Role, issueAccessToken } from '@hub/kit';
import { testCaller, testKeys } from '@hub/kit/testing';
import { VerifiedTokens } from './token-cache';

describe('gateway: verified access tokens', () => {
  const keys = testKeys();
  const caller = testCaller('11111111-1111-4111-8111-111111111111', [Role.INTAKE_CLERK], 'mbk.alice');

  it('answers a token it verified without verifying again, each time with its own copy', async () => {
    const tokens = new VerifiedTokens(keys.tokenSecret);
    const { token } = await issueAccessToken(caller, keys.tokenSecret, 600);
    const a = await tokens.verify(token);
    expect(a).toMatchObject({ userId: caller.userId, roles: [Role.INTAKE_CLERK] });
    a!.roles.push(Role.PLATFORM_ADMIN);
    const b = await tokens.verify(token);
    expect(b!.roles).toEqual([Role.INTAKE_CLERK]);
    expect(tokens.size).toBe(1);
  });

  it('never answers a token after its expiry, nor keeps invalid ones', async () => {
    const tokens = new VerifiedTokens(keys.tokenSecret);
    const now = Date.now();
    const { token } = await issueAccessToken(caller, keys.tokenSecret, 30, now);
    expect(await tokens.verify(token, now)).not.toBeNull();
    expect(await tokens.verify(token, now + 31_000)).toBeNull();
    expect(await tokens.verify(`${token}x`, now)).toBeNull();
    expect(await tokens.verify((await issueAccessToken(caller, testKeys().tokenSecret, 600)).token)).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it('stays bounded', async () => {
    const tokens = new VerifiedTokens(keys.tokenSecret, 3);
    for (let i = 0; i < 7; i++)
      expect(await tokens.verify((await issueAccessToken(caller, keys.tokenSecret, 600)).token)).not.toBeNull();
    expect(tokens.size).toBeLessThanOrEqual(3);
  });
});
