import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@hub/kit/gateway';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { MAX_INTROSPECTION_DEPTH, depthLimit } from './depth-limit';
import { QueryLimitError, type QueryLimitName } from './limit-error';

export { QueryLimitError, type QueryLimitName } from './limit-error';

/**
 * How big an operation the gateway accepts. Everything is checked before the query plan runs, so a refused
 * operation never reaches a subgraph. Each limit has its own `extensions.limit` value in the refusal.
 */
export interface QueryLimits {
  /** Largest estimated cost (see `operationCost`): about the number of field values the answer may hold. */
  maxCost: number;
  /** Most aliases in one operation (fragments included); aliases are how one request asks for the same list 500 times. */
  maxAliases: number;
  /** Most lexical tokens in the document: bounds the parser's work before anything else runs. */
  maxTokens: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Deepest nesting of fields (introspection has its own, higher limit: MAX_INTROSPECTION_DEPTH). */
  maxDepth: number;
  /** Assumed length of a list field without a page-size argument (`users`, `orgUnits`, `components`, …). */
  listSize: number;
}

/**
 * Defaults, measured on the committed schema (the costs of every query in the README, the e2e suites and the bench
 * are at most 3,400; a page of 100 documents with 30 fields and their components is about 10,500; the largest page
 * the API allows, `auditLog(first: 500)` with each entry's changes, about 27,000). The nested
 * documents(first:100)→municipality→documents(first:100)→municipality→documents(first:100) costs about 5 million,
 * 500 aliased `documents(first: 100)` about 250,000. The standard introspection query has 183 tokens and depth 15,
 * the longest query of the project about 70 tokens. Tokens bound the gateway's own work on a document it refuses:
 * validating 500 aliased fields (2,500 tokens) costs graphql-js about 13 ms of CPU, stopping the parser at 2,000
 * tokens under 0.5 ms.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxCost: 50_000,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 30,
  maxDepth: 12,
  listSize: 10,
};

const LIMIT_ENV: Record<keyof QueryLimits, string> = {
  maxCost: 'HUB_MAX_QUERY_COST',
  maxAliases: 'HUB_MAX_ALIASES',
  maxTokens: 'HUB_MAX_TOKENS',
  maxDirectives: 'HUB_MAX_DIRECTIVES',
  maxDepth: 'HUB_MAX_QUERY_DEPTH',
  listSize: 'HUB_QUERY_LIST_SIZE',
};

/** The limits from the environment (HUB_MAX_QUERY_COST, …); a value that is not a positive integer stops the start. */
export function queryLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof QueryLimits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new Error(`${LIMIT_ENV[key]} must be a positive integer, not "${raw}"`);
    limits[key] = n;
  }
  return limits;
}

const SIZE_ARGUMENTS = ['first', 'last', 'limit'];
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * The estimated cost of running `operation`: the number of field values its answer may hold, counting every list
 * at its largest possible size.
 *
 *   cost(selection set) = Σ over its fields of (1 + cost(field's selection set)) × multiplier(field)
 *
 * multiplier(field) is the page size the field is asked for (`first`/`last`/`limit`: the literal, the variable's
 * value, else the schema's default, e.g. `documents(first: Int = 20)`); for another list of objects, `listSize`; for
 * the `edges`/`nodes` list of a connection, 1 (its connection field's page size already counts them); else 1. So
 * nested pages multiply (100 documents × their municipality × 100 documents each …) and every alias counts on its own.
 *
 * graphql-armor's cost limit (3.2.0) was not used for this: it multiplies only by a literal `first`/`last` (a
 * `$first` variable or the schema's default page size counts as 1) and weighs depth on top of that, so the
 * nested query of the issue could be sent with `first: $n` at the price of one row.
 *
 * Introspection (`__schema`, `__type`) costs nothing here: its size is bounded by the schema and by its depth limit.
 * Fragments are costed once each (memoised), so a document built to blow up fragment expansion stays cheap to
 * cost and simply comes out very expensive.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode> | Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  listSize: number = DEFAULT_QUERY_LIMITS.listSize,
): number {
  const fragmentOf = (name: string) => (fragments instanceof Map ? fragments.get(name) : fragments[name]);
  const variableDefaults = new Map<string, ValueNode>();
  for (const def of operation.variableDefinitions ?? [])
    if (def.defaultValue) variableDefaults.set(def.variable.name.value, def.defaultValue);
  const fragmentCosts = new Map<string, number>();

  /** A non-negative integer from an argument value, or undefined when it gives none. */
  function intOf(value: ValueNode): number | undefined {
    if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      const given = variables?.[name];
      if (typeof given === 'number') return given;
      const fallback = given === undefined ? variableDefaults.get(name) : undefined;
      return fallback ? intOf(fallback) : undefined;
    }
    return undefined;
  }

  function multiplier(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, node: FieldNode): number {
    for (const name of SIZE_ARGUMENTS) {
      const arg = field.args.find((a) => a.name === name);
      if (!arg) continue;
      const given = node.arguments?.find((a) => a.name.value === name);
      const n = given ? intOf(given.value) : undefined;
      const size = n ?? (typeof arg.defaultValue === 'number' ? arg.defaultValue : undefined);
      // An out-of-range size is the subgraph's to refuse; here it only must not make the estimate smaller.
      if (size !== undefined) return Math.max(1, size);
    }
    if (!isListOf(field.type)) return 1;
    if (/Connection$/.test(parent.name) && (field.name === 'edges' || field.name === 'nodes')) return 1;
    return listSize;
  }

  function selectionCost(type: GraphQLCompositeType, set: SelectionSetNode): number {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (INTROSPECTION_FIELDS.has(name)) continue;
        if (name === '__typename') {
          cost += 1;
          continue;
        }
        // Unknown fields are reported by graphql's own validation, which ran before.
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        const below = sel.selectionSet && isCompositeType(named) ? selectionCost(named, sel.selectionSet) : 0;
        cost += (1 + below) * multiplier(type, field, sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) cost += selectionCost(on, sel.selectionSet);
      } else {
        const name = sel.name.value;
        let fragmentCost = fragmentCosts.get(name);
        if (fragmentCost === undefined) {
          // Cycles are refused by graphql's validation; the placeholder only keeps a bad document from looping here.
          fragmentCosts.set(name, 0);
          const fragment = fragmentOf(name);
          const on = fragment && schema.getType(fragment.typeCondition.name.value);
          fragmentCost = fragment && on && isCompositeType(on) ? selectionCost(on, fragment.selectionSet) : 0;
          fragmentCosts.set(name, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  }

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet) : 0;
}

function isListOf(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) && isCompositeType(getNamedType(inner));
}

/**
 * What the gateway's ApolloServer needs to enforce `limits`:
 * - `parseOptions.maxTokens`: graphql-js stops parsing past the limit (armor's max-tokens plugin for Apollo parses
 *   every document a second time and reports through Apollo's unexpected-error path, so graphql's own option is used);
 * - validation rules (run once per distinct document; Apollo caches validated documents): graphql-armor's alias and
 *   directive limits, and the depth limit (depth-limit.ts: armor's max-depth has no separate allowance for
 *   introspection, whose standard query is 15 levels deep);
 * - a plugin computing the cost with the request's variables once the operation is known, before any subgraph
 *   is called.
 */
export function queryLimitOptions(limits: QueryLimits) {
  const reject = (limit: QueryLimitName) => (ctx: ValidationContext | null, error: GraphQLError) => {
    // armor's messages start with "Syntax Error: " although they are not syntax errors.
    ctx?.reportError(new QueryLimitError(limit, `${error.message.replace(/^Syntax Error: /, '')} (${limit} limit)`));
  };
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases, allowList: [], onReject: [reject('aliases')], propagateOnRejection: false },
    maxDirectives: { n: limits.maxDirectives, onReject: [reject('directives')], propagateOnRejection: false },
    // Handled below or elsewhere (see above; suggestions: introspection.ts, per caller).
    costLimit: { enabled: false },
    maxDepth: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const depth = depthLimit(limits.maxDepth, Math.max(limits.maxDepth, MAX_INTROSPECTION_DEPTH));

  const costPlugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx: GraphQLRequestContext<BaseContext>) {
          const operation = ctx.operation;
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of ctx.document!.definitions)
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          const cost = operationCost(ctx.schema, operation, fragments, ctx.request.variables, limits.listSize);
          if (cost > limits.maxCost) {
            throw new QueryLimitError(
              'cost',
              `The operation is too expensive: its estimated cost ${formatCost(cost)} is over the limit of ${limits.maxCost.toLocaleString('en-US')} ` +
                '(the sizes of nested lists multiply: ask for smaller pages, fewer nested lists or fewer aliases)',
            );
          }
        },
      };
    },
  };

  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...armor.validationRules, depth],
    plugins: [...armor.plugins, costPlugin],
  };
}

const formatCost = (cost: number) =>
  Number.isFinite(cost) && cost < 1e15 ? Math.round(cost).toLocaleString('en-US') : 'over 10^15';

/** graphql-js's message when `maxTokens` stops the parser (graphql 16: "…more that N tokens…", sic). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/**
 * Apollo reports validation-rule errors as GRAPHQL_VALIDATION_FAILED and parser errors as GRAPHQL_PARSE_FAILED,
 * overwriting their code. The limits' refusals get their own code back here (before the kit's masking), with
 * `extensions.limit` naming the limit.
 */
export function formatQueryLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof QueryLimitError) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX, limit: original.limit },
    };
  }
  const tokens =
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (tokens) {
    return {
      message: `The document has too many tokens: at most ${Number(tokens[1]).toLocaleString('en-US')} are allowed (tokens limit)`,
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens' },
    };
  }
  return formatted;
}
