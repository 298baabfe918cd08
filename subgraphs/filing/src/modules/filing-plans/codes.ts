import type { FilingPlanNode } from './filing-plan-node.entity';

/** Plně určený spisový znak: the parent's full code + the plan's separator + the simple code; a root's is its code. */
export function composeFullCode(parentFullCode: string | null, separator: string, code: string): string {
  return parentFullCode === null ? code : `${parentFullCode}${separator}${code}`;
}

/**
 * The value of the unique `activeCodeKey` of an active node: plan and full code, the code folded to lower case
 * without diacritics. Folding makes "A1" and "a1" (or "č" and "c") one code on both databases: MariaDB's
 * unicode_ci collation compares them as equal anyway, SQLite would not, and codes that differ only so are a
 * mistake waiting to happen in a paper file.
 */
export function activeCodeKey(planId: string, fullCode: string): string {
  return `${planId}:${fullCode.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}`;
}

const COLLATOR = new Intl.Collator('cs', { numeric: true });

/** Any of the separators: simple codes contain none (validation.ts), so this splits a full code into its levels. */
const LEVELS = /[ \-/.]/;

/**
 * Order of full filing codes as people read them: level by level, numbers by value (51, 51.1, 52, …, 99, 101),
 * so a parent comes right before its subtree. Done here rather than in SQL, where "101" < "51" and the
 * two databases would order letters differently.
 */
export function compareFullCodes(a: string, b: string): number {
  const as = a.split(LEVELS);
  const bs = b.split(LEVELS);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const c = COLLATOR.compare(as[i], bs[i]);
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}

/** Sorts nodes of one plan by full code, then creation (a replaced node before its replacement), then id. */
export function sortNodes(nodes: readonly FilingPlanNode[]): FilingPlanNode[] {
  return [...nodes].sort(
    (x, y) =>
      compareFullCodes(x.fullCode, y.fullCode) ||
      x.createdAt.getTime() - y.createdAt.getTime() ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}
