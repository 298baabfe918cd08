// Issue 13 item 3: a schema that explains itself. Walks the client-facing schema (schema/api.graphql, what the
// gateway serves) and fails on any type, field, argument, input field, enum value or directive without a
// description. GraphQL's own scalars, directives and introspection types are described by the spec and skipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';

const root = join(__dirname, '..', '..');

/** Every schema element without a (non-blank) description, as `Type`, `Type.field`, `Type.field(arg)`, `@directive(arg)`. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (description: string | null | undefined, name: string) => {
    if (!description?.trim()) missing.push(name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) check(arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(field.description, `${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(value.description, `${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(directive.description, `@${directive.name}`);
    for (const arg of directive.args) check(arg.description, `@${directive.name}(${arg.name})`);
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('every element of the client-facing schema has a description', () => {
    const schema = buildSchema(readFileSync(join(root, 'schema', 'api.graphql'), 'utf8'));
    expect(undocumented(schema)).toEqual([]);
  });

  it('the check finds what lacks a description (and only that)', () => {
    const schema = buildSchema(`
      "Root." type Query { "Described." a(x: Int, "Described." y: Int): E  b: In }
      enum E { "Described." ONE TWO }
      "Described." input In { "Described." p: Int q: Int }
      directive @d(r: Int) on FIELD
    `);
    expect(undocumented(schema)).toEqual(['@d', '@d(r)', 'E', 'E.TWO', 'In.q', 'Query.a(x)', 'Query.b'].sort());
  });
});
