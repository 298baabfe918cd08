import type { IncomingMessage } from 'node:http';
import { clientAddressOf, trustedProxies } from './client-address';

const req = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  it('is the socket peer, and ignores X-Forwarded-For from anyone but a trusted proxy', () => {
    expect(clientAddressOf(req('::ffff:192.0.2.7'), new Set())).toBe('192.0.2.7');
    expect(clientAddressOf(req('192.0.2.7', '198.51.100.1'), new Set())).toBe('192.0.2.7');
    expect(
      clientAddressOf(req('192.0.2.7', '198.51.100.1'), trustedProxies({ HUB_TRUSTED_PROXIES: '127.0.0.1' })),
    ).toBe('192.0.2.7');
  });

  it('behind trusted proxies, is the right-most forwarded address that is not a proxy itself', () => {
    const trusted = trustedProxies({ HUB_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.2' });
    // The client may prepend anything; only what the proxies appended counts.
    expect(clientAddressOf(req('127.0.0.1', '6.6.6.6, 203.0.113.4, 10.0.0.2'), trusted)).toBe('203.0.113.4');
    expect(clientAddressOf(req('::ffff:127.0.0.1', '2001:db8::1'), trusted)).toBe('2001:db8::1');
    expect(clientAddressOf(req('127.0.0.1', 'not-an-address'), trusted)).toBe('127.0.0.1');
    expect(clientAddressOf(req('127.0.0.1'), trusted)).toBe('127.0.0.1');
  });
});
