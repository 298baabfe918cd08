import { CALLER_HEADER, signPeerAssertion, type AssertedCall } from './auth';
import { portOf, HOST, type SubgraphName } from './config';
import { ErrorCode, HubError } from './errors';
import { logger } from './logger';
import { requestIdHeaders } from './request-id';

const peersLog = logger.child({ component: 'peers' });

/**
 * How a subgraph checks something another subgraph owns: it asks the owner for the entity through
 * the federation entry point (`_entities`), as the same caller: the asking subgraph signs a peer assertion for
 * the owner (audience: the owner) that wraps the gateway's assertion it received, so the owner sees who the
 * gateway vouched for and who forwarded it (auth.ts). The owner applies its own tenant filter, so "not found" and "another municipality's" look
 * the same, and no subgraph ever reads another's tables. See docs/architecture.md.
 */
export interface Peers {
  entities<T = Record<string, unknown>>(
    subgraph: SubgraphName,
    typename: string,
    ids: string[],
    selection: string,
  ): Promise<(T | null)[]>;
}

export function peerUrl(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`HUB_${subgraph.toUpperCase()}_URL`] ?? `http://${HOST}:${portOf(subgraph, env)}/graphql`;
}

/**
 * Peers asked as the caller of `call` (the verified assertion of the request being served) by subgraph `self`,
 * signing with the subgraphs' peer secret.
 */
export function httpPeers(
  call: AssertedCall,
  self: SubgraphName,
  peerSecret: string,
  env: NodeJS.ProcessEnv = process.env,
): Peers {
  return {
    async entities<T>(subgraph: SubgraphName, typename: string, ids: string[], selection: string) {
      if (!/^[A-Za-z]+$/.test(typename)) throw new Error(`bad typename ${typename}`);
      const query = `query($r:[_Any!]!){_entities(representations:$r){...on ${typename}{${selection}}}}`;
      const assertion = await signPeerAssertion(call, self, subgraph, peerSecret);
      let body: { data?: { _entities: (T | null)[] }; errors?: { message: string }[] };
      try {
        const res = await fetch(peerUrl(subgraph, env), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: assertion, ...requestIdHeaders() },
          body: JSON.stringify({ query, variables: { r: ids.map((id) => ({ __typename: typename, id })) } }),
          signal: AbortSignal.timeout(10_000),
        });
        body = (await res.json()) as typeof body;
      } catch (e) {
        // The cause stays in the server log; the client learns only that a service is down.
        peersLog.error({ err: e, subgraph }, 'peer subgraph unreachable');
        throw new HubError(ErrorCode.SERVICE_UNAVAILABLE, 'A hub service is unavailable; try again later');
      }
      if (!body.data?._entities) {
        throw new Error(`${subgraph} did not resolve ${typename}: ${body.errors?.map((e) => e.message).join('; ')}`);
      }
      return body.data._entities;
    },
  };
}

/** For tests: answers from a fixed table of entities per typename; unknown ids resolve to null. */
export function fakePeers(table: Record<string, Record<string, Record<string, unknown>>>): Peers {
  return {
    async entities<T>(_subgraph: SubgraphName, typename: string, ids: string[]) {
      return ids.map((id) => (table[typename]?.[id] ?? null) as T | null);
    },
  };
}
