#!/usr/bin/env node
// Composes schema/<subgraph>.graphql into schema/supergraph.graphql (npm run compose).
// `--check` exits 1 when the committed supergraph differs from a fresh composition.
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUBGRAPHS = ['municipalities', 'users', 'filing', 'archives'];

export function compose() {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      // The gateway is configured with the real URLs at start; these are the defaults on loopback.
      url: `http://127.0.0.1:${4001 + SUBGRAPHS.indexOf(name)}/graphql`,
      typeDefs: parse(readFileSync(join(root, 'schema', `${name}.graphql`), 'utf8')),
    })),
  );
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = join(root, 'schema', 'supergraph.graphql');
  const fresh = compose();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(file, 'utf8');
    if (committed !== fresh) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
      process.exit(1);
    }
    console.log('supergraph is up to date');
  } else {
    writeFileSync(file, fresh);
    console.log(`wrote ${file}`);
  }
}
