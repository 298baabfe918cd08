// Central text checks (input-validation.ts), the DateTime scalar's ranges and bounded error messages (errors.ts).
import { buildSchema, parse } from 'graphql';
import { boundMessage, excerpt, maskError } from './errors';
import { checkOperationText, textProblem } from './input-validation';
import { DateTimeScalar } from './scalars';

describe('textProblem', () => {
  it.each([
    ['NUL', 'a\u0000b', 'line', /NUL/],
    ['NUL in a multi-line text', 'a\u0000b', 'multiline', /NUL/],
    ['a C0 control', 'a\u0007b', 'multiline', /control character \(U\+0007\)/],
    ['DEL', 'a\u007fb', 'line', /control character/],
    ['a C1 control', 'a\u0085b', 'multiline', /control character \(U\+0085\)/],
    ['a line break in a single line', 'a\nb', 'line', /single line/],
    ['a tab in a single line', 'a\tb', 'line', /single line/],
    ['a lone high surrogate', 'a\ud800b', 'line', /lone surrogate/],
    ['a lone low surrogate', 'a\udc00', 'line', /lone surrogate/],
    ['a high surrogate at the end', 'a\ud83d', 'line', /lone surrogate/],
    ['RIGHT-TO-LEFT OVERRIDE', 'invoice\u202Efdp.exe', 'line', /bidirectional control character \(U\+202E\)/],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202Ax', 'multiline', /bidirectional/],
    ['FIRST STRONG ISOLATE', 'x\u2068y', 'line', /bidirectional control character \(U\+2068\)/],
    ['POP DIRECTIONAL ISOLATE', 'x\u2069', 'line', /bidirectional/],
  ])('%s is refused', (_, value, kind, message) => {
    expect(textProblem(value, kind as 'line' | 'multiline')).toMatch(message);
  });

  it.each([
    ['Czech text', 'Žádost o kácení dřevin', 'line'],
    ['an emoji (a valid surrogate pair)', 'Díky 🙂', 'line'],
    ['line breaks and tabs in a multi-line text', 'řádek 1\r\n\třádek 2', 'multiline'],
    ['Arabic and Hebrew (no controls)', 'مرحبا שלום', 'line'],
    ['an empty string', '', 'line'],
  ])('%s is accepted', (_, value, kind) => {
    expect(textProblem(value, kind as 'line' | 'multiline')).toBeNull();
  });
});

describe('checkOperationText', () => {
  const schema = buildSchema(`
    scalar _Any
    input Sender { name: String!, address: String }
    input Register { subject: String!, sender: Sender, tags: [String!] }
    type Query { document(id: ID!): String, _entities(representations: [_Any!]!): [String] }
    type Mutation { register(input: Register!): String, returnDocument(documentId: ID!, reason: String!): String }
  `);
  const check = (query: string, variables?: Record<string, unknown>) =>
    checkOperationText(schema, parse(query), variables);

  it('refuses a NUL in a literal ID, naming the argument', () => {
    const e = check('{ document(id: "a\\u0000b") }');
    expect(e?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', http: { status: 400 } });
  });

  it('refuses a NUL in a variable, named by the argument it is used for, not the variable', () => {
    const e = check('query($x: ID!) { document(id: $x) }', { x: 'a\u0000b' });
    expect(e?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('names the field inside an input object, in literals and in variables', () => {
    expect(
      check('mutation { register(input: { subject: "x", sender: { name: "a\\u202Eb" } }) }')?.extensions?.field,
    ).toBe('sender.name');
    expect(
      check('mutation($i: Register!) { register(input: $i) }', { i: { subject: 'ok', sender: { name: 'a\u0000' } } })
        ?.extensions?.field,
    ).toBe('sender.name');
    expect(
      check('mutation($i: Register!) { register(input: $i) }', { i: { subject: 'ok', tags: ['x', 'y\ud800'] } })
        ?.extensions?.field,
    ).toBe('tags');
    expect(
      check('mutation($s: String!) { register(input: { subject: $s }) }', { s: 'a\u0000' })?.extensions?.field,
    ).toBe('subject');
  });

  it('lets multi-line fields have line breaks, single-line ones not', () => {
    expect(
      check('mutation($r: String!) { returnDocument(documentId: "d", reason: $r) }', { r: 'first line\nsecond line' }),
    ).toBeUndefined();
    expect(
      check('mutation($i: Register!) { register(input: $i) }', {
        i: { subject: 'ok', sender: { name: 'n', address: 'Street 1\n678 01 Blansko' } },
      }),
    ).toBeUndefined();
    expect(
      check('mutation($i: Register!) { register(input: $i) }', { i: { subject: 'two\nlines' } })?.extensions?.field,
    ).toBe('subject');
    expect(check('query($x: ID!) { document(id: $x) }', { x: 'a\tb' })?.message).toMatch(/single line/);
  });

  it('checks default values of variables', () => {
    expect(check('query($x: ID! = "a\\u0000") { document(id: $x) }')?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('passes clean operations, and entity representations (the gateway writes them from stored rows)', () => {
    expect(
      check('mutation($i: Register!) { register(input: $i) }', {
        i: { subject: 'Žádost 🙂', sender: { name: 'Jan Novák' } },
      }),
    ).toBeUndefined();
    expect(
      check('query($r: [_Any!]!) { _entities(representations: $r) }', {
        r: [{ __typename: 'User', id: 'x', name: 'a\tb' }],
      }),
    ).toBeUndefined();
  });

  it('never repeats the value in the message', () => {
    const e = check('query($x: ID!) { document(id: $x) }', { x: `secret-${'x'.repeat(100)}\u0000` });
    expect(e?.message).not.toMatch(/secret/);
  });
});

describe('DateTime', () => {
  const parseValue = (v: string) => DateTimeScalar.parseValue(v);

  it.each([
    '2026-03-02T24:00:00Z',
    '2026-03-02T24:00:00+01:00',
    '2026-03-02T23:60:00Z',
    '2026-03-02T23:59:60Z',
    '2026-03-02T09:15:00+15:00',
    '2026-03-02T09:15:00+01:60',
    '2026-02-30T09:15:00Z',
    '2026-13-01T09:15:00Z',
    '2026-00-10T09:15:00Z',
  ])('refuses %s instead of rolling it over', (value) => {
    expect(() => parseValue(value)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('accepts the last second of a day and real offsets', () => {
    expect((parseValue('2026-03-02T23:59:59.999+01:00') as Date).toISOString()).toBe('2026-03-02T22:59:59.999Z');
    expect((parseValue('2026-03-02T00:00:00-14:00') as Date).toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect((parseValue('2024-02-29T12:00:00Z') as Date).toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });
});

describe('bounded error messages', () => {
  it('cuts long runs of input to an excerpt and long messages to the limit', () => {
    const id = 'a'.repeat(100_000);
    const bounded = boundMessage(`Document ${id} was not found`);
    expect(bounded).toBe(`Document ${'a'.repeat(64)}… was not found`);
    expect(boundMessage('word '.repeat(1000)).length).toBeLessThanOrEqual(301);
    expect(boundMessage('Document 6d0f1f7e-8a43-4f7e-9a55-3b1f2f0c9d11 was not found')).toBe(
      'Document 6d0f1f7e-8a43-4f7e-9a55-3b1f2f0c9d11 was not found',
    );
    expect(excerpt('x'.repeat(10))).toBe('xxxxxxxxxx');
  });

  it('maskError bounds the messages and the public extensions of errors it passes', () => {
    const huge = 'z'.repeat(100_000);
    const out = maskError(
      { message: `Variable "$id" got invalid value "${huge}"`, extensions: { code: 'BAD_USER_INPUT', id: huge } },
      new Error('x'),
      () => undefined,
    );
    expect(JSON.stringify(out).length).toBeLessThan(500);
    expect(out.extensions.code).toBe('BAD_USER_INPUT');
  });

  it("maskError passes a problem's own upper-case code, nothing else it carries", () => {
    const problems = [
      { identifier: 'MBKX1', code: 'NOT_KEPT', reason: 'destroy' },
      { identifier: 'MBKX2', code: 'not a code <script>', reason: 'x', secret: 'sql' },
      { identifier: null, reason: 'list' },
    ];
    const out = maskError(
      { message: 'refused', extensions: { code: 'BAD_USER_INPUT', problems } },
      new Error('x'),
      () => undefined,
    );
    expect(out.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { identifier: 'MBKX1', code: 'NOT_KEPT', reason: 'destroy' },
        { identifier: 'MBKX2', reason: 'x' },
        { identifier: null, reason: 'list' },
      ],
    });
  });
});
