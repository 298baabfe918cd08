// The composed supergraph and the generated resolver types are committed; they must match the SDL.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });

test('schema/supergraph.graphql matches a fresh composition of schema/<subgraph>.graphql', () => {
  expect(() => run('node', ['scripts/compose.mjs', '--check'])).not.toThrow();
});

test('generated resolver types match the subgraph SDL (npm run codegen)', () => {
  expect(() =>
    run(join(root, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.yml', '--check']),
  ).not.toThrow();
}, 120_000);

test('schema/api.graphql is the client-facing schema: no federation types, fields or directives', () => {
  const { buildSchema } = require('graphql');
  const schema = buildSchema(require('node:fs').readFileSync(join(root, 'schema/api.graphql'), 'utf8'));
  const types = Object.keys(schema.getTypeMap()).filter((t) => !t.startsWith('__'));
  expect(types).toContain('Query');
  expect(types.filter((t) => /^(_|join__|link__)/.test(t))).toEqual([]);
  expect(Object.keys(schema.getQueryType().getFields()).filter((f) => f.startsWith('_'))).toEqual([]);
  expect(
    schema
      .getDirectives()
      .map((d) => d.name)
      .filter((d) => !['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(d)),
  ).toEqual([]);
});
