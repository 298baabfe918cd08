import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * The municipality's electronic seal (elektronická pečeť) as a signer: its certificate chain and a private-key
 * operation. The key may sit in a PKCS#12 file (`pkcs12Signer`) or in an HSM or a remote signing service: anything
 * that implements this interface and is registered with `setSealSignerProvider` (the key never has to be in this
 * process).
 */
export interface SealSigner {
  /** The seal's certificate first, then its issuers (DER). */
  certificates(): Promise<Buffer[]>;
  /** The key's algorithm: RSA (PKCS#1 v1.5) or ECDSA. */
  readonly keyType: 'RSA' | 'ECDSA';
  /** Signs `data` (the DER of the CMS signed attributes) with SHA-256; ECDSA signatures DER-encoded. */
  sign(data: Buffer): Promise<Buffer>;
}

const toArrayBuffer = (b: Uint8Array) => {
  const out = new Uint8Array(b.byteLength);
  out.set(b);
  return out.buffer;
};

/**
 * A signer from a PKCS#12 file (PBES2/AES as OpenSSL 3 writes it; parsed with PKI.js): its first private key and
 * the certificates, the one matching the key first.
 */
export async function pkcs12Signer(p12: Buffer, password: string): Promise<SealSigner> {
  const pwd = toArrayBuffer(Buffer.from(password, 'utf8'));
  const asn = asn1js.fromBER(toArrayBuffer(p12));
  if (asn.offset === -1) throw new Error('not a PKCS#12 file');
  const pfx = new pkijs.PFX({ schema: asn.result });
  await pfx.parseInternalValues({ password: pwd, checkIntegrity: true });
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Error('PKCS#12 without content');
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pwd })) });
  let key: KeyObject | null = null;
  const certs: Buffer[] = [];
  for (const contents of safe.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
        await bag.bagValue.parseInternalValues({ password: pwd });
        const info = bag.bagValue.parsedValue;
        if (info && !key)
          key = createPrivateKey({ key: Buffer.from(info.toSchema().toBER(false)), format: 'der', type: 'pkcs8' });
      } else if (bag.bagValue instanceof pkijs.PrivateKeyInfo && !key) {
        key = createPrivateKey({
          key: Buffer.from(bag.bagValue.toSchema().toBER(false)),
          format: 'der',
          type: 'pkcs8',
        });
      } else if (bag.bagValue instanceof pkijs.CertBag && bag.bagValue.parsedValue instanceof pkijs.Certificate) {
        certs.push(Buffer.from(bag.bagValue.parsedValue.toSchema().toBER(false)));
      }
    }
  }
  if (!key) throw new Error('PKCS#12 without a private key');
  if (certs.length === 0) throw new Error('PKCS#12 without a certificate');
  const privateKey = key;
  const keyType =
    privateKey.asymmetricKeyType === 'rsa' ? 'RSA' : privateKey.asymmetricKeyType === 'ec' ? 'ECDSA' : null;
  if (!keyType) throw new Error(`a ${privateKey.asymmetricKeyType} key cannot seal (RSA or ECDSA)`);
  // The certificate whose public key is the key's goes first.
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const own = certs.findIndex((c) => {
    const cert = new pkijs.Certificate({ schema: asn1js.fromBER(toArrayBuffer(c)).result });
    return Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)).equals(publicDer);
  });
  if (own < 0) throw new Error('PKCS#12 has no certificate of its key');
  const ordered = [certs[own], ...certs.filter((_, i) => i !== own)];
  return {
    keyType,
    certificates: async () => ordered,
    sign: async (data) =>
      sign('sha256', data, keyType === 'ECDSA' ? { key: privateKey, dsaEncoding: 'der' } : privateKey),
  };
}

export type SealSignerProvider = (municipalityId: string) => Promise<SealSigner | null>;

/**
 * The default provider: `HUB_ESEAL_DIR/<municipality id>.p12` with its password in `<municipality id>.pass` (both
 * readable only by the hub's account, like the rest of the data dir). No file: the municipality has no seal.
 */
export function directorySealSigners(env?: NodeJS.ProcessEnv): SealSignerProvider {
  const cache = new Map<string, Promise<SealSigner | null>>();
  return (municipalityId) => {
    // process.env read at each call (it may be replaced as a whole, e.g. by tests).
    const dir = (env ?? process.env).HUB_ESEAL_DIR?.trim();
    if (!dir || !/^[0-9a-f-]{36}$/i.test(municipalityId)) return Promise.resolve(null);
    // Keyed by the file, so a changed HUB_ESEAL_DIR reads the new one.
    const key = join(dir, municipalityId);
    let signer = cache.get(key);
    if (!signer) {
      signer = (async () => {
        const p12 = await readFile(join(dir, `${municipalityId}.p12`)).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return null;
          throw e;
        });
        if (!p12) return null;
        const password = (await readFile(join(dir, `${municipalityId}.pass`), 'utf8')).replace(/\r?\n$/, '');
        return pkcs12Signer(p12, password);
      })();
      signer.catch(() => cache.delete(key));
      cache.set(key, signer);
    }
    return signer;
  };
}

let provider: SealSignerProvider = directorySealSigners();

/** Replaces how a municipality's seal is found (an HSM or a remote signing service; tests). */
export function setSealSignerProvider(next: SealSignerProvider): void {
  provider = next;
}

export const sealSignerFor = (municipalityId: string) => provider(municipalityId);
