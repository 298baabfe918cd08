import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { logger } from '@hub/kit';

/**
 * Signing of webhook deliveries: `x-hub-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 * The timestamp is inside the MAC, so a receiver that refuses old `t` (SIGNATURE_TOLERANCE_SECONDS) cannot be fed a
 * recorded delivery again later; the event id in the body lets it drop duplicates of at-least-once delivery.
 */
export const SIGNATURE_HEADER = 'x-hub-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, body: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

/** What a receiver does (and the tests): true when the header signs `body` with `secret` within the tolerance. */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: Date = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(signatureOf(secret, t, body), 'hex'), Buffer.from(parts.v1, 'hex'));
}

/** 32 random bytes, base64url: shown to the tenant admin once (creation, rotation). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The key that encrypts stored secrets (AES-256-GCM): SHA-256 of HUB_WEBHOOK_KEY, kept in the environment like the
 * hub's other keys (kit auth.ts), so a copy of the database alone does not let anyone forge deliveries. Without it
 * (development, tests) a fixed development key is used, with a warning; under NODE_ENV=production the start stops.
 */
const DEV_KEY = 'hub-development-webhook-key-not-for-production';
let warned = false;
function webhookKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.HUB_WEBHOOK_KEY?.trim();
  if (configured) {
    if (configured.length < 32) throw new Error('HUB_WEBHOOK_KEY must be at least 32 characters');
    return createHash('sha256').update(configured).digest();
  }
  if (env.NODE_ENV === 'production')
    throw new Error('HUB_WEBHOOK_KEY is required in production (it encrypts the webhook signing secrets)');
  if (!warned && env.NODE_ENV !== 'test')
    logger.warn('HUB_WEBHOOK_KEY is not set: webhook secrets are encrypted with a development key');
  warned = true;
  return createHash('sha256').update(DEV_KEY).digest();
}

/** Checks the key at start (filing's background), so production without one fails early, not at the first delivery. */
export function checkWebhookKey(env: NodeJS.ProcessEnv = process.env): void {
  webhookKey(env);
}

export function sealSecret(secret: string, env?: NodeJS.ProcessEnv): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', webhookKey(env), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

export function openSecret(sealed: string, env?: NodeJS.ProcessEnv): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('webhook secret: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', webhookKey(env), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
