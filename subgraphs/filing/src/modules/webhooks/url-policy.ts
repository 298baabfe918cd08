import { isIP } from 'node:net';

/**
 * Where a webhook may point (checked on create/update and again before every delivery, so a narrowed policy takes
 * effect at once): http(s) only, no credentials in the URL, and a host the platform allows. HUB_WEBHOOK_ALLOWED_HOSTS
 * (comma-separated) lists host names and IPv4 ranges (CIDR); by default loopback and the private ranges, i.e. the
 * town's own network. Link-local 169.254.0.0/16 (cloud metadata) is refused whatever the list says. Host names are
 * allowed only when listed by name: the hub does not resolve them to decide.
 */
export const DEFAULT_ALLOWED_HOSTS = [
  'localhost',
  '127.0.0.0/8',
  '::1',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
];

const ipv4ToInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (isIP(base) !== 4) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ipv4ToInt(ip) / size) === Math.floor(ipv4ToInt(base) / size);
}

export function allowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.HUB_WEBHOOK_ALLOWED_HOSTS?.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return list && list.length > 0 ? list : DEFAULT_ALLOWED_HOSTS;
}

/** Null when the URL may be used; otherwise why not (for BAD_USER_INPUT and the delivery's error). */
export function urlRefusal(raw: string, env: NodeJS.ProcessEnv = process.env): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (raw.length > 500) return 'url must be at most 500 characters';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const kind = isIP(host);
  if (kind === 4 && inCidr(host, '169.254.0.0/16')) return 'link-local addresses (169.254.0.0/16) are never allowed';
  if (kind === 6 && /^fe[89ab]/.test(host)) return 'link-local addresses (fe80::/10) are never allowed';
  if (kind === 6 && /^::ffff:/.test(host)) return 'IPv4-mapped IPv6 addresses are not allowed: use the IPv4 address';
  const allowed = allowedHosts(env).some((entry) => {
    if (kind === 4) return inCidr(host, entry);
    if (kind === 6) return entry === host;
    return entry === host;
  });
  return allowed ? null : `host ${host} is not allowed for webhooks (HUB_WEBHOOK_ALLOWED_HOSTS)`;
}
