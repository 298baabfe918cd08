import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from './zfo';
import { loadOrCreatePki } from './pki-files';

describe('the local ISDS PKI kept in a directory (the demo process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isds-pki-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once, read back on restart, and still seals ZFOs that verify against its ca.pem', async () => {
    const first = await loadOrCreatePki(join(dir, 'pki'), new Date());
    expect(statSync(join(dir, 'pki', 'seal.key.pem')).mode & 0o777).toBe(0o600);
    const again = await loadOrCreatePki(join(dir, 'pki'), new Date());
    expect(again.caCertPem).toBe(first.caCertPem);
    expect(again.seal.certPem).toBe(first.seal.certPem);
    const zfo = await createSigner(again, () => new Date()).sign(Buffer.from('<x/>'));
    writeFileSync(join(dir, 'x.zfo'), zfo);
    const out = execFileSync(
      'openssl',
      ['cms', '-verify', '-inform', 'DER', '-in', join(dir, 'x.zfo'), '-CAfile', join(dir, 'pki', 'ca.pem')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out.toString()).toBe('<x/>');
    expect(readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8')).toBe(first.caCertPem);
  });
});
