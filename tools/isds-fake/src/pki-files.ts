import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { fromPem, type TestCa, type TestIdentity } from '@hub/test-pki';
import { generatePki, type LocalIsdsPki } from './zfo';

const ROLES = ['ca', 'seal', 'tsa'] as const;

/**
 * Keeps the local ISDS's test PKI in a directory (`ca.pem`, `ca.key.pem`, `seal.pem`, …; keys mode 0600), so a
 * restarted demo ISDS seals with the same CA the hub was told to trust. Creates it on first use.
 */
export async function loadOrCreatePki(dir: string, now: Date): Promise<LocalIsdsPki> {
  if (existsSync(join(dir, 'ca.pem'))) return loadPki(dir);
  const pki = await generatePki(now);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const role of ROLES) {
    writeFileSync(join(dir, `${role}.pem`), pki[role].certPem);
    writeFileSync(join(dir, `${role}.key.pem`), pki[role].privateKeyPem, { mode: 0o600 });
  }
  return pki;
}

async function identity(dir: string, role: string, chain: TestIdentity[]): Promise<TestIdentity> {
  const certPem = readFileSync(join(dir, `${role}.pem`), 'utf8');
  const privateKeyPem = readFileSync(join(dir, `${role}.key.pem`), 'utf8');
  const certDer = fromPem(certPem)[0];
  const certificate = pkijs.Certificate.fromBER(certDer);
  // The key's algorithm as @hub/test-pki made it: RSASSA-PKCS1-v1_5/SHA-256 or ECDSA P-256.
  const rsa = certificate.subjectPublicKeyInfo.algorithm.algorithmId === '1.2.840.113549.1.1.1';
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    fromPem(privateKeyPem)[0],
    rsa ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign'],
  );
  return {
    certificate,
    certDer,
    certPem,
    privateKey: privateKey as unknown as TestIdentity['privateKey'],
    privateKeyPem,
    chain,
  };
}

export async function loadPki(dir: string): Promise<LocalIsdsPki> {
  const caId = await identity(dir, 'ca', []);
  const ca: TestCa = { ...caId, name: 'Local ISDS Test CA' };
  return { ca, seal: await identity(dir, 'seal', [ca]), tsa: await identity(dir, 'tsa', [ca]), caCertPem: ca.certPem };
}
