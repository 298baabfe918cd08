import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from './errors';

/**
 * Central checks of every text a client sends (literal arguments, variables, input fields, IDs), in every subgraph
 * and in the gateway, before anything runs. Each service also validates its own fields (lengths, formats); what
 * is checked here is what no field may hold, because it breaks storage or deceives readers:
 *
 * - NUL: SQLite (MikroORM inlines values into the statement) cuts the statement there and fails; nothing stores it.
 * - Other C0 and C1 control characters and DEL: invisible, and XML 1.0 (the transaction-log export) cannot carry
 *   them. TAB, LF and CR are allowed only in the multi-line texts (MULTILINE_FIELDS: reasons, notes, addresses,
 *   settlement content, passwords and secrets, XML documents); single-line texts (names, logins, subjects, codes, titles) and IDs
 *   refuse them.
 * - Lone surrogates (half of a UTF-16 pair, possible in JSON variables): not Unicode text; MariaDB's utf8mb4
 *   refuses or mangles them.
 * - Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): they make a stored
 *   subject or name read differently from what it is ("Trojan Source").
 *
 * Text is not NFC-normalised here: the hub stores text as given (file names excepted, components.ts) and folds
 * for search (NFD, search.ts); passwords must reach the hash unchanged.
 */

/** Fields (input fields or arguments, by name) whose text may span lines. Everything else is a single line. */
// `xml`: a document the archive sends (its decision's Seznam); `reasoning`: the archive's reasons for it.
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  'reason',
  'note',
  'content',
  'address',
  'annotation',
  'password',
  'secret',
  'xml',
  'reasoning',
]);

export type TextKind = 'line' | 'multiline';

/**
 * What is wrong with `value` as text of the given kind, in words for the client (no part of the value), or null.
 * Exported for the plain HTTP routes (uploads, downloads) that take text outside GraphQL.
 */
export function textProblem(value: string, kind: TextKind): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) return 'contains a NUL character';
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (kind === 'multiline' && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      if (c === 0x09 || c === 0x0a || c === 0x0d) return 'must be a single line (no tabs or line breaks)';
      return `contains a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')})`;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'contains a lone surrogate (not valid Unicode text)';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'contains a lone surrogate (not valid Unicode text)';
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return `contains a bidirectional control character (U+${c.toString(16).toUpperCase()})`;
    }
  }
  return null;
}

/** The kind of text a field holds: IDs and custom scalars are single tokens, Strings by field name. */
function kindOf(field: string, typeName: string): TextKind {
  if (typeName !== 'String') return 'line';
  const last = field.slice(field.lastIndexOf('.') + 1);
  return MULTILINE_FIELDS.has(last) ? 'multiline' : 'line';
}

/** BAD_USER_INPUT naming the field; HTTP 400, as the request is refused before execution. */
function refusal(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field || 'A text'} ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}), http: { status: 400 } },
  });
}

/**
 * `field` as clients know it from the services' own errors: the path inside the argument ('sender.name' of
 * `input`), or the argument itself when it is a plain value ('id', 'login').
 */
const fieldName = (path: readonly string[]) => (path.length > 1 ? path.slice(1) : path).join('.');

interface DocumentScan {
  /** The first bad literal of the document. */
  problem?: GraphQLError;
  /** Where each variable is used first: its argument path (to name the field). */
  usedAt: Map<string, string[]>;
}

/** Documents are parsed once and cached by Apollo, so their scan is cached with them. */
const scans = new WeakMap<DocumentNode, DocumentScan>();

function scanDocument(schema: GraphQLSchema, document: DocumentNode): DocumentScan {
  const cached = scans.get(document);
  if (cached) return cached;
  const scan: DocumentScan = { usedAt: new Map() };
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  // A variable's own definition (`$x: ID!`) is not a use of it.
  let inDefinition = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
      VariableDefinition: {
        enter: (n) => {
          inDefinition = true;
          path.push(n.variable.name.value);
        },
        leave: () => {
          inDefinition = false;
          path.pop();
        },
      },
      Variable(n) {
        if (!inDefinition && path.length && !scan.usedAt.has(n.name.value)) scan.usedAt.set(n.name.value, [...path]);
      },
      StringValue(n) {
        if (scan.problem) return;
        const type = typeInfo.getInputType();
        const typeName = type ? getNamedType(type).name : 'String';
        const field = fieldName(path);
        const problem = textProblem(n.value, kindOf(field, typeName));
        if (problem) scan.problem = refusal(field, problem);
      },
    }),
  );
  scans.set(document, scan);
  return scan;
}

/** The first bad string in a variable's value, walked along its declared type. */
function checkValue(value: unknown, type: GraphQLInputType | undefined, path: string[]): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const t = type && isNonNullType(type) ? type.ofType : type;
  // Entity representations (`_entities`): written by the gateway from rows the hub already stores, not client text.
  if (t && isScalarType(t) && t.name === '_Any') return undefined;
  if (typeof value === 'string') {
    // Enums and other non-text scalars given as strings are GraphQL's to refuse; text is checked here.
    if (t && !isScalarType(t)) return undefined;
    const field = fieldName(path);
    const problem = textProblem(value, kindOf(field, t ? t.name : 'String'));
    return problem ? refusal(field, problem) : undefined;
  }
  if (Array.isArray(value)) {
    const item = t && isListType(t) ? t.ofType : t;
    for (const v of value) {
      const bad = checkValue(v, item, path);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const fields = t && isInputObjectType(t) ? t.getFields() : undefined;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const bad = checkValue(v, fields?.[k]?.type, [...path, k]);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** Checks an operation's literals and variables; the first problem, or undefined. */
export function checkOperationText(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  const scan = scanDocument(schema, document);
  if (scan.problem) return scan.problem;
  if (!variables) return undefined;
  const declared = new Map<string, GraphQLInputType | undefined>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? [])
      declared.set(v.variable.name.value, typeFromAST(schema, v.type as never) as GraphQLInputType | undefined);
  }
  for (const [name, value] of Object.entries(variables)) {
    const bad = checkValue(value, declared.get(name), scan.usedAt.get(name) ?? [name]);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * The Apollo plugin (subgraphs: createSubgraphServer; gateway: startGateway): refuses an operation with bad text
 * before it runs, with BAD_USER_INPUT naming the field, so nothing is written and no driver error can follow.
 */
export function inputValidationPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const problem = checkOperationText(schema, document, request.variables);
          if (problem) throw problem;
        },
      };
    },
  };
}
