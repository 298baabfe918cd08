import type { Readiness, SubgraphName } from '@hub/kit/gateway';

/** How long the gateway's /ready waits for each subgraph's /ready. */
export const SUBGRAPH_READY_TIMEOUT_MS = 3_000;

/**
 * /ready of the gateway: ready when every subgraph answers its own /ready with 200 (its database reachable). The
 * report names each subgraph's state: `ready`, `not ready` (it answered 503: e.g. its database is down) or
 * `unreachable` (no answer in time).
 */
export async function subgraphsReadiness(
  urls: Record<SubgraphName, string>,
  timeoutMs = SUBGRAPH_READY_TIMEOUT_MS,
): Promise<Readiness> {
  const states = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer();
        return [name, res.ok ? 'ready' : 'not ready'] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  return { ready: states.every(([, s]) => s === 'ready'), checks: Object.fromEntries(states) };
}
