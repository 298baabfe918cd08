import { resolve } from 'node:path';

export const SUBGRAPH_NAMES = ['municipalities', 'users', 'filing', 'archives'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  municipalities: 4001,
  users: 4002,
  filing: 4003,
  archives: 4004,
};

/** Where one subgraph keeps its data. Each subgraph owns its own database; none reads another's. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'mariadb'; host: string; port: number; user: string; password: string; dbName: string };

/**
 * `HUB_DATABASE_URL` picks the database for all subgraphs:
 * - unset or `sqlite:` → embedded SQLite, one file per subgraph under `HUB_DATA_DIR` (default `./data`);
 *   `sqlite::memory:` → in-memory (tests);
 * - `mysql://user:password@host:port/prefix` (or `mariadb://`) → one MariaDB database per subgraph,
 *   named `<prefix>_<subgraph>` (e.g. `hub_filing`).
 */
export function databaseTarget(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.HUB_DATABASE_URL?.trim() || 'sqlite:';
  if (url === 'sqlite::memory:') return { kind: 'sqlite', file: ':memory:' };
  if (url.startsWith('sqlite:')) {
    const dir = url.slice('sqlite:'.length) || env.HUB_DATA_DIR || 'data';
    return { kind: 'sqlite', file: resolve(dir, `${subgraph}.sqlite`) };
  }
  const u = new URL(url);
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') {
    throw new Error(`HUB_DATABASE_URL: unsupported scheme ${u.protocol} (use sqlite: or mysql://)`);
  }
  const prefix = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'hub';
  return {
    kind: 'mariadb',
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'hub'),
    password: decodeURIComponent(u.password),
    dbName: `${prefix}_${subgraph}`,
  };
}

export function portOf(service: SubgraphName | 'gateway', env: NodeJS.ProcessEnv = process.env): number {
  const v = env[`HUB_${service.toUpperCase()}_PORT`];
  return v ? Number(v) : DEFAULT_PORTS[service];
}

/**
 * Which building of the town office this process runs in (HUB_BUILDING, e.g. `A` or `B`; README, "Two buildings"):
 * shown in every log line, in /ready and as the metric `hub_building_info`, so an operator sees at once which
 * building is serving. Undefined when unset (one building).
 */
export function hubBuilding(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const b = env.HUB_BUILDING?.trim();
  return b ? b : undefined;
}

/** Services listen on loopback only; the hub is not exposed beyond this machine without a reverse proxy. */
export const HOST = '127.0.0.1';

export function tokenTtlSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.HUB_TOKEN_TTL_SECONDS || 8 * 3600);
}
