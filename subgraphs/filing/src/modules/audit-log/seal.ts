import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logger } from '@hub/kit';

/**
 * The seal of a daily rendition (domain.md §5.4): a signature over the rendition's exact bytes with a key of the
 * platform, verifiable offline with the public key alone (scripts/verify-seal.mjs). Pluggable: a qualified
 * electronic seal with an RFC 3161 time-stamp is another `Sealer` (its `sign` may call out to an HSM or a
 * time-stamping authority), nothing else changes.
 */
export interface Sealer {
  /** What `signature` is, e.g. `Ed25519`. */
  algorithm: string;
  /** Names the key a rendition was sealed with: first 16 hex characters of SHA-256 over the SPKI DER. */
  keyId: string;
  /** The public key (SPKI, PEM) that verifies the seal. */
  publicKeyPem: string;
  /** The seal over `bytes`, base64. */
  sign(bytes: Buffer): Promise<string>;
}

export const ED25519 = 'Ed25519';

/** The id of a public key: SHA-256 over its SPKI DER, first 16 hex characters. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Seals with an Ed25519 private key (node:crypto; no dependency). */
export class Ed25519Sealer implements Sealer {
  readonly algorithm = ED25519;
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly privateKey: KeyObject;

  constructor(privateKeyPem: string | KeyObject) {
    this.privateKey = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
    if (this.privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(
        `The seal key must be an Ed25519 private key, not ${this.privateKey.asymmetricKeyType ?? this.privateKey.type}`,
      );
    }
    const publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(publicKey);
  }

  /** A fresh key that lives as long as the process (tests, a subgraph started by hand). */
  static ephemeral(): Ed25519Sealer {
    return new Ed25519Sealer(generateKeyPairSync('ed25519').privateKey);
  }

  async sign(bytes: Buffer): Promise<string> {
    return sign(null, bytes, this.privateKey).toString('base64');
  }
}

/**
 * Checks a seal: `signature` (base64) over the XML's UTF-8 bytes with the public key (SPKI PEM). Ed25519 only for
 * now; false for anything that does not verify, including a malformed key or signature.
 */
export function verifySeal(xml: string | Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
    return verify(null, bytes, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The id of a public key given as PEM (as `Sealer.keyId`). */
export function keyIdOfPem(publicKeyPem: string): string {
  return keyIdOf(createPublicKey(publicKeyPem));
}

export const SEAL_KEY_ENV = 'HUB_SEAL_PRIVATE_KEY_FILE';

/**
 * The platform's sealer from `HUB_SEAL_PRIVATE_KEY_FILE` (an Ed25519 private key, PEM; `npm start` creates
 * `<data dir>/seal-key.pem`). Without it: an ephemeral key and a warning, except under NODE_ENV=production,
 * where renditions sealed with a key nobody keeps would be worthless, so that is an error.
 */
export function loadPlatformSealer(
  env: NodeJS.ProcessEnv = process.env,
  warn: (m: string) => void = (m) => logger.child({ component: 'seal' }).warn(m),
): Sealer {
  const file = env[SEAL_KEY_ENV]?.trim();
  if (file) {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${SEAL_KEY_ENV}: cannot read ${file} (${(e as Error).message})`, { cause: e });
    }
    return new Ed25519Sealer(pem);
  }
  if (env.NODE_ENV === 'production') {
    throw new Error(
      `${SEAL_KEY_ENV} is not set: the transaction log's daily renditions need the platform's seal key (npm start creates one in the data dir)`,
    );
  }
  const sealer = Ed25519Sealer.ephemeral();
  if (env.NODE_ENV !== 'test')
    warn(
      `${SEAL_KEY_ENV} is not set: sealing log renditions with an ephemeral key ${sealer.keyId} (their seals cannot be verified after a restart)`,
    );
  return sealer;
}

let platform: Sealer | undefined;

/** The process's sealer, loaded once (see loadPlatformSealer). */
export function platformSealer(): Sealer {
  platform ??= loadPlatformSealer();
  return platform;
}

/** Replaces the process's sealer (tests; a qualified seal later). */
export function setPlatformSealer(sealer: Sealer | undefined): void {
  platform = sealer;
}

export const PREVIOUS_KEYS_ENV = 'HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE';

/**
 * The public keys whose seals the platform accepts: the current sealer's, and after a key change the earlier
 * ones, from `HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE` (one or more SPKI PEM blocks), so older renditions still verify.
 */
export function trustedPublicKeys(sealer: Sealer = platformSealer(), env: NodeJS.ProcessEnv = process.env): string[] {
  const file = env[PREVIOUS_KEYS_ENV]?.trim();
  const previous = file
    ? (readFileSync(file, 'utf8').match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [])
    : [];
  return [sealer.publicKeyPem, ...previous.map((pem) => `${pem}\n`)];
}

/**
 * The trusted public keys for a check outside the service (`npm run audit:verify`): derived from the private key
 * of `HUB_SEAL_PRIVATE_KEY_FILE`, else of `<HUB_DATA_DIR or ./data>/seal-key.pem` (where `npm start` keeps it),
 * plus `HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE`. Empty when none is found: then every seal counts as unverified.
 */
export function trustedPublicKeysFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const file = env[SEAL_KEY_ENV]?.trim() || join(resolve(env.HUB_DATA_DIR || 'data'), 'seal-key.pem');
  if (!existsSync(file)) return trustedPublicKeys({ publicKeyPem: '' } as Sealer, env).filter(Boolean);
  return trustedPublicKeys(new Ed25519Sealer(readFileSync(file, 'utf8')), env);
}
