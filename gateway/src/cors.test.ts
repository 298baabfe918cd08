// The settings of CORS and the explorer (no database: the behaviour over HTTP is in e2e/operability and e2e/explorer).
import { parseOrigins } from './cors';
import { explorerEnabledFromEnv, wantsExplorer } from './explorer';
import type { IncomingMessage } from 'node:http';

describe('HUB_CORS_ORIGINS', () => {
  it('takes exact origins, comma-separated, and none by default', () => {
    expect(parseOrigins('')).toEqual([]);
    expect(parseOrigins(' https://spisy.example.cz , http://127.0.0.1:5173 ')).toEqual([
      'https://spisy.example.cz',
      'http://127.0.0.1:5173',
    ]);
  });

  it.each([
    '*',
    'https://spisy.example.cz/',
    'https://spisy.example.cz/app',
    'spisy.example.cz',
    'ftp://example.cz',
    'null',
  ])('refuses %s', (v) => {
    expect(() => parseOrigins(v)).toThrow(/HUB_CORS_ORIGINS/);
  });
});

describe('HUB_EXPLORER', () => {
  it('is on unless switched off', () => {
    expect(explorerEnabledFromEnv({})).toBe(true);
    expect(explorerEnabledFromEnv({ HUB_EXPLORER: '0' })).toBe(false);
    expect(explorerEnabledFromEnv({ HUB_EXPLORER: 'off', NODE_ENV: 'production' })).toBe(false);
    expect(() => explorerEnabledFromEnv({ HUB_EXPLORER: 'maybe' })).toThrow(/HUB_EXPLORER/);
  });

  it('a browser page is asked for by GET with text/html and no query', () => {
    const req = (method: string, url: string, accept: string) =>
      ({ method, url, headers: { accept } }) as unknown as IncomingMessage;
    expect(wantsExplorer(req('GET', '/graphql', 'text/html,application/xhtml+xml'))).toBe(true);
    expect(wantsExplorer(req('GET', '/graphql?query=%7B__typename%7D', 'text/html'))).toBe(false);
    expect(wantsExplorer(req('POST', '/graphql', 'text/html'))).toBe(false);
    expect(wantsExplorer(req('GET', '/graphql', 'application/json'))).toBe(false);
  });
});
