import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) and `192.0.2.1` are one client. */
function normalise(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** `HUB_TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose `X-Forwarded-For` is believed. */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env.HUB_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(normalise),
  );
}

/**
 * The address sign-in throttling counts a request against. The gateway listens on loopback only, so in a
 * deployment a reverse proxy (TLS) stands in front and every request comes from the proxy: the client is then
 * the right-most `X-Forwarded-For` entry that is not itself a trusted proxy. The header is believed only from
 * a trusted proxy (otherwise any client could name a fresh address per guess); without a list, the socket
 * peer is the client.
 */
export function clientAddressOf(req: IncomingMessage, trusted: Set<string> = trustedProxies()): string | null {
  const peer = req.socket.remoteAddress ? normalise(req.socket.remoteAddress) : null;
  if (!peer || !trusted.has(peer)) return peer;
  const raw = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i])) return peer; // a malformed hop: stop believing the chain
    if (!trusted.has(hops[i])) return hops[i];
  }
  return peer;
}
