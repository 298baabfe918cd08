import { readFileSync } from 'node:fs';
import { AUTH_MODES, type AuthMode, type BoxEndpoint } from './isds-client';

/**
 * The connector's configuration (README, "Data boxes"): which municipality is connected to which box, how, and where.
 * It comes from a JSON file the operator keeps next to the hub's other keys (HUB_ISDS_CONFIG, mode 0600), not from
 * GraphQL: the hosted records service connects the boxes itself (isds.md §1 mode d), and passwords (Basic, tests
 * only) and the client certificate never enter the database, a log line or an answer.
 *
 *   { "connections": [
 *       { "municipalityId": "…", "boxId": "abc2345", "authMode": "HOSTED_CERTIFICATE", "baseUrl": "https://ws1c.datovka.gov.cz" },
 *       { "municipalityId": "…", "boxId": "xyz7890", "authMode": "BASIC", "baseUrl": "https://ws1.datovka-test.gov.cz",
 *         "username": "…", "password": "…" } ] }
 *
 * HOSTED_CERTIFICATE: the records service's system certificate (HUB_ISDS_CLIENT_CERT_FILE / HUB_ISDS_CLIENT_KEY_FILE,
 * PEM) with the box id as user name and an empty password, under `/hspis/DS/…`. BASIC: user name and password, under
 * `/DS/…`; isds.md §1 says a cloud app keeping users' passwords breaches the Act, so BASIC is for test accounts and
 * the local ISDS. Plain http is accepted only to a loopback address (the local ISDS).
 */
export interface ConnectionConfig {
  municipalityId: string;
  enabled: boolean;
  endpoint: BoxEndpoint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOX_ID = /^[a-z0-9]{7}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class DataBoxConfigError extends Error {
  constructor(message: string) {
    super(`HUB_ISDS_CONFIG: ${message}`);
    this.name = 'DataBoxConfigError';
  }
}

function checkBaseUrl(raw: unknown, at: string): string {
  if (typeof raw !== 'string' || !raw.trim()) throw new DataBoxConfigError(`${at}.baseUrl is required`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DataBoxConfigError(`${at}.baseUrl is not a URL`);
  }
  if (url.username || url.password)
    throw new DataBoxConfigError(`${at}.baseUrl must not carry credentials (use username/password)`);
  if (url.search || url.hash) throw new DataBoxConfigError(`${at}.baseUrl must not have a query or fragment`);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new DataBoxConfigError(
      `${at}.baseUrl: plain http only to a loopback address (the local ISDS); ISDS itself is https`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DataBoxConfigError(`${at}.baseUrl must be http(s)`);
  return url.toString().replace(/\/+$/, '');
}

export interface CertificateFiles {
  cert?: Buffer;
  key?: Buffer;
}

/** The system certificate of the hosted mode, when configured. */
export function certificateFromEnv(env: NodeJS.ProcessEnv = process.env): CertificateFiles {
  const certFile = env.HUB_ISDS_CLIENT_CERT_FILE?.trim();
  const keyFile = env.HUB_ISDS_CLIENT_KEY_FILE?.trim();
  if (!certFile !== !keyFile)
    throw new DataBoxConfigError('HUB_ISDS_CLIENT_CERT_FILE and HUB_ISDS_CLIENT_KEY_FILE go together');
  return certFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile!) } : {};
}

/** Checks the configuration's JSON; throws DataBoxConfigError naming the first wrong entry (never echoing a secret). */
export function parseConnections(json: unknown, certificate: CertificateFiles = {}): ConnectionConfig[] {
  const list = (json as { connections?: unknown } | null)?.connections;
  if (!Array.isArray(list)) throw new DataBoxConfigError('expected { "connections": [ … ] }');
  const seen = new Set<string>();
  const boxes = new Set<string>();
  return list.map((raw, i) => {
    const at = `connections[${i}]`;
    const c = raw as Record<string, unknown>;
    if (!c || typeof c !== 'object') throw new DataBoxConfigError(`${at} must be an object`);
    const municipalityId = String(c.municipalityId ?? '');
    if (!UUID.test(municipalityId)) throw new DataBoxConfigError(`${at}.municipalityId must be a municipality's id`);
    if (seen.has(municipalityId))
      throw new DataBoxConfigError(`${at}: municipality ${municipalityId} is configured twice`);
    seen.add(municipalityId);
    const boxId = String(c.boxId ?? '');
    if (!BOX_ID.test(boxId)) throw new DataBoxConfigError(`${at}.boxId must be 7 lowercase letters or digits`);
    // One box, one municipality: otherwise one municipality's messages could be registered as another's.
    if (boxes.has(boxId)) throw new DataBoxConfigError(`${at}: box ${boxId} is configured for two municipalities`);
    boxes.add(boxId);
    const authMode = String(c.authMode ?? '') as AuthMode;
    if (!AUTH_MODES.includes(authMode))
      throw new DataBoxConfigError(`${at}.authMode must be one of ${AUTH_MODES.join(', ')}`);
    const baseUrl = checkBaseUrl(c.baseUrl, at);
    const enabled = c.enabled === undefined ? true : c.enabled === true;
    if (authMode === 'BASIC') {
      if (typeof c.username !== 'string' || !c.username || typeof c.password !== 'string') {
        throw new DataBoxConfigError(`${at}: BASIC needs username and password`);
      }
      return {
        municipalityId,
        enabled,
        endpoint: { baseUrl, authMode, boxId, credentials: { username: c.username, password: c.password } },
      };
    }
    if (baseUrl.startsWith('https:') && !certificate.cert) {
      throw new DataBoxConfigError(
        `${at}: HOSTED_CERTIFICATE over https needs HUB_ISDS_CLIENT_CERT_FILE and HUB_ISDS_CLIENT_KEY_FILE`,
      );
    }
    return {
      municipalityId,
      enabled,
      endpoint: {
        baseUrl,
        authMode,
        boxId,
        credentials: { username: boxId, password: '', cert: certificate.cert, key: certificate.key },
      },
    };
  });
}

/** HUB_ISDS_CONFIG's connections, or none when it is not set. */
export function connectionsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionConfig[] {
  const file = env.HUB_ISDS_CONFIG?.trim();
  if (!file) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataBoxConfigError(
      `${file} could not be read as JSON (${(e as NodeJS.ErrnoException).code ?? 'syntax error'})`,
    );
  }
  return parseConnections(json, certificateFromEnv(env));
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name]?.trim();
  if (!v) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new DataBoxConfigError(`${name} must be a positive number`);
  return n;
}

export interface ConnectorSettings {
  /** Between polls of one box (HUB_ISDS_POLL_SECONDS, default 60). */
  pollMs: number;
  /** Per request (HUB_ISDS_TIMEOUT_SECONDS, default 60). */
  timeoutMs: number;
  /** First back-off after a failed round, doubled per failure (HUB_ISDS_RETRY_BASE_SECONDS, default 5). */
  baseBackoffMs: number;
  /** At most (HUB_ISDS_RETRY_MAX_SECONDS, default 900). */
  maxBackoffMs: number;
  /** How far back the first poll of a new connection lists (HUB_ISDS_INITIAL_LOOKBACK_DAYS, default 90). */
  initialLookbackMs: number;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorSettings {
  return {
    pollMs: positive(env, 'HUB_ISDS_POLL_SECONDS', 60) * 1000,
    timeoutMs: positive(env, 'HUB_ISDS_TIMEOUT_SECONDS', 60) * 1000,
    baseBackoffMs: positive(env, 'HUB_ISDS_RETRY_BASE_SECONDS', 5) * 1000,
    maxBackoffMs: positive(env, 'HUB_ISDS_RETRY_MAX_SECONDS', 900) * 1000,
    initialLookbackMs: positive(env, 'HUB_ISDS_INITIAL_LOOKBACK_DAYS', 90) * 24 * 3600_000,
  };
}

/** On when configured; off under NODE_ENV=test unless HUB_ISDS=1 (like webhooks); HUB_ISDS=0 switches it off. */
export function connectorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.HUB_ISDS?.trim();
  if (flag === '0') return false;
  if (!env.HUB_ISDS_CONFIG?.trim()) return false;
  if (flag === '1') return true;
  return env.NODE_ENV !== 'test';
}
