import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { depthLimit } from './depth-limit';

const schema = buildSchema(`
  type Node { id: ID!, child: Node, children: [Node!]! }
  type Query { root: Node }
`);

const nested = (depth: number) =>
  `{ ${'root {'.repeat(1)} ${'child { '.repeat(depth - 2)} id ${'}'.repeat(depth - 1)} }`;
const errorsOf = (query: string, max = 12) =>
  validate(schema, parse(query), [...specifiedRules, depthLimit(max)]).map((e) => e.message);

describe('depthLimit', () => {
  it('counts levels of fields', () => {
    expect(errorsOf(nested(12))).toEqual([]);
    expect(errorsOf(nested(13))).toEqual(['The operation is nested too deeply: at most 12 levels are allowed']);
    expect(errorsOf(`query Deep ${nested(13)}`)[0]).toMatch(/^Operation "Deep" is nested too deeply/);
  });

  it('follows fragments and inline fragments without counting them', () => {
    const q = `
      query { root { ...A } }
      fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { id } }`;
    expect(errorsOf(q, 5)).toEqual([]);
    expect(errorsOf(q, 4)).toHaveLength(1);
  });

  it('stays cheap on documents built to blow up fragment expansion', () => {
    const frags = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Node { id ...F${i + 1} ...F${i + 1} }`);
    frags.push('fragment F40 on Node { child { id } }');
    const started = Date.now();
    expect(errorsOf(`{ root { ...F0 } } ${frags.join('\n')}`, 12)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not loop on fragment cycles (graphql reports them)', () => {
    const errors = errorsOf(
      '{ root { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }',
    );
    expect(errors.some((m) => /Cannot spread fragment/.test(m))).toBe(true);
  });

  it('lets the standard introspection query through, but not an unbounded one', () => {
    expect(
      errorsOf(
        getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
        }),
      ),
    ).toEqual([]);
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(30)} name ${'}'.repeat(30)} } } } } }`;
    expect(errorsOf(deep)).toHaveLength(1);
  });
});
