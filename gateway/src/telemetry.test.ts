import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('Apollo telemetry default', () => {
  const saved = process.env.APOLLO_TELEMETRY_DISABLED;
  afterEach(() => {
    if (saved === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = saved;
  });

  it('is switched off by importing the gateway module, before @apollo/gateway is loaded', () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    let seenByApolloGateway: string | undefined = 'not loaded';
    jest.isolateModules(() => {
      jest.doMock('@apollo/gateway', () => {
        seenByApolloGateway = process.env.APOLLO_TELEMETRY_DISABLED;
        return jest.requireActual('@apollo/gateway');
      });
      require('./index');
    });
    expect(seenByApolloGateway).toBe('1');
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
  });

  it('keeps an explicit operator choice', () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    jest.isolateModules(() => require('./telemetry'));
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('false');
  });

  it('is the first import of every entry point', () => {
    for (const file of ['index.ts', 'main.ts']) {
      const firstImport = /^import\s[^;]*?;|^import\s+'[^']+';/m.exec(readFileSync(join(__dirname, file), 'utf8'));
      expect([file, firstImport?.[0]]).toEqual([file, "import './telemetry';"]);
    }
  });

  // The compiled output is what `npm start` runs; checked when it has been built (npm test builds first).
  const dist = join(__dirname, '..', 'dist', 'index.js');
  (existsSync(dist) ? it : it.skip)('is set in a fresh node process that requires gateway/dist', () => {
    const env = { ...process.env };
    delete env.APOLLO_TELEMETRY_DISABLED;
    const r = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(dist)}); process.stdout.write(String(process.env.APOLLO_TELEMETRY_DISABLED))`],
      { env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.stdout).toBe('1');
    const requires = [...readFileSync(dist, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires[0]).toBe('./telemetry');
  });
});
