import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Reads the committed `schema/supergraph.graphql` (composed at build time by `npm run compose`). */
export function loadSupergraphSdl(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'schema', 'supergraph.graphql'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`schema/supergraph.graphql not found above ${from}`);
    dir = up;
  }
  return readFileSync(join(dir, 'schema', 'supergraph.graphql'), 'utf8');
}
