import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { QueryLimitError } from './limit-error';

/** Deepest selection nesting a client may send (`{ a { b } }` has depth 2). */
export const MAX_QUERY_DEPTH = 12;

/**
 * Introspection (`__schema`, `__type`) nests `ofType` deeply by design (the standard introspection query of
 * graphql 16 reaches depth 15), so those root fields get their own, higher limit — enough for GraphiQL,
 * Sandbox and codegen, still bounded.
 */
export const MAX_INTROSPECTION_DEPTH = 20;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Validation rule refusing operations nested deeper than `maxDepth`. Fragment spreads and inline fragments
 * are followed and do not count as a level. The walk stops one level past the limit and memoises fragments
 * per level, so a crafted document cannot make it expensive. The refusal is QUERY_TOO_COMPLEX with
 * `extensions.limit` "depth" (like the gateway's other query limits, query-limits.ts).
 */
export function depthLimit(maxDepth = MAX_QUERY_DEPTH, maxIntrospectionDepth = MAX_INTROSPECTION_DEPTH) {
  return function DepthLimit(context: ValidationContext): ASTVisitor {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const memo = new Map<string, boolean>();

    /** True when a field below `set` (whose fields sit at `level + 1`) is deeper than `limit`. */
    function tooDeep(set: SelectionSetNode, level: number, limit: number, visiting: Set<string>): boolean {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const depth = level + 1;
          const fieldLimit = level === 0 && INTROSPECTION_ROOTS.has(sel.name.value) ? maxIntrospectionDepth : limit;
          if (depth > fieldLimit) return true;
          if (sel.selectionSet && tooDeep(sel.selectionSet, depth, fieldLimit, visiting)) return true;
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          if (tooDeep(sel.selectionSet, level, limit, visiting)) return true;
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          // Unknown fragments and fragment cycles are reported by graphql's own rules.
          if (!frag || visiting.has(name)) continue;
          const key = `${name}:${level}:${limit}`;
          let result = memo.get(key);
          if (result === undefined) {
            visiting.add(name);
            result = tooDeep(frag.selectionSet, level, limit, visiting);
            visiting.delete(name);
            memo.set(key, result);
          }
          if (result) return true;
        }
      }
      return false;
    }

    return {
      OperationDefinition(op) {
        if (tooDeep(op.selectionSet, 0, maxDepth, new Set())) {
          const name = op.name ? `Operation "${op.name.value}"` : 'The operation';
          context.reportError(
            new QueryLimitError('depth', `${name} is nested too deeply: at most ${maxDepth} levels are allowed`),
          );
        }
        return false;
      },
    };
  };
}
