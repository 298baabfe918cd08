#!/usr/bin/env node
// Composes schema/<subgraph>.graphql into schema/supergraph.graphql (npm run compose), and writes the client-facing
// schema/api.graphql: what clients of the gateway see, without federation's types and directives (front-end teams
// and their codegen read it). `--check` exits 1 when either committed file differs from a fresh composition.
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, printSchema } from 'graphql';

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
  return {
    supergraph: result.supergraphSdl + '\n',
    api: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = compose();
  const files = { supergraph: join(root, 'schema', 'supergraph.graphql'), api: join(root, 'schema', 'api.graphql') };
  if (process.argv.includes('--check')) {
    const stale = Object.keys(files).filter((k) => readFileSync(files[k], 'utf8') !== fresh[k]);
    if (stale.length) {
      console.error(
        `${stale.map((k) => `schema/${k}.graphql`).join(' and ')} stale: run \`npm run compose\` and commit.`,
      );
      process.exit(1);
    }
    console.log('supergraph and api schema are up to date');
  } else {
    for (const k of Object.keys(files)) {
      writeFileSync(files[k], fresh[k]);
      console.log(`wrote ${files[k]}`);
    }
  }
}
