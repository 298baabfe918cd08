import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict } from '@hub/kit';
import { Register } from '../registers/register.entity';
import type { FilingPlanNode } from './filing-plan-node.entity';
import type { ScheduleFields } from './validation';

/**
 * Identifiers of what the archive's SIP names (NSESSS `tIdentifikator`: `HodnotaID` + `ZdrojID`, each ≤ 50
 * characters): filing plans, their nodes (věcné skupiny), retention schedules (skartační režimy) and document
 * kinds. The hub's own default source is the one the transaction log uses for a municipality's objects
 * (`cz.blansko.essl.<ABBR>`, audit-log/ingest.ts `objectSourceOf`), so the SIP and the log name things alike;
 * imported plans may bring their own value and source.
 */
export interface Identifier {
  value: string;
  source: string;
}

export const MAX_IDENTIFIER = 50;
const SOURCE_PREFIX = 'cz.blansko.essl.';

/**
 * The municipality's `ZdrojID`: the prefix of its main register (active first, else the oldest), as the log's
 * ingest computes it; without a main register, the first 8 characters of the municipality id, as there.
 */
export async function municipalitySource(em: SqlEntityManager, municipalityId: string): Promise<string> {
  const main =
    (await em.findOne(Register, { municipalityId, kind: 'MAIN', active: true })) ??
    (await em.findOne(Register, { municipalityId, kind: 'MAIN' }, { orderBy: { createdAt: 'asc' } }));
  return `${SOURCE_PREFIX}${main ? main.referencePrefix : municipalityId.slice(0, 8)}`.slice(0, MAX_IDENTIFIER);
}

/** The abbreviation inside a source made by `municipalitySource`. */
export const abbreviationOfSource = (source: string) =>
  source.startsWith(SOURCE_PREFIX) ? source.slice(SOURCE_PREFIX.length) : source;

/** An identifier given as input: trimmed, 1–50 printable characters each; the source defaults to `defaultSource`. */
export function validateIdentifier(
  input: { value: string; source?: string | null },
  defaultSource: string,
  field: string,
): Identifier {
  const check = (v: string, part: string) => {
    const t = v.trim();
    // XML-safe and without line breaks: the value goes verbatim into the SIP and the log.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    if (t.length === 0 || t.length > MAX_IDENTIFIER || /[\u0000-\u001f\u007f]/.test(t)) {
      throw badInput(
        `${field}.${part} must be 1–${MAX_IDENTIFIER} characters without control characters`,
        `${field}.${part}`,
      );
    }
    return t;
  };
  return {
    value: check(input.value, 'value'),
    source: input.source == null ? defaultSource : check(input.source, 'source'),
  };
}

/**
 * `base`, or `base-2`, `base-3` … the first that `isTaken` does not know; values longer than 50 characters are cut
 * before the suffix. Used for defaults only: a given identifier that is taken is a CONFLICT, not renamed.
 */
export async function firstFreeValue(base: string, isTaken: (value: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const value = base.slice(0, MAX_IDENTIFIER - suffix.length) + suffix;
    if (!(await isTaken(value))) return value;
  }
}

/** The default value of a plan's identifier: `<ABBR>-<year of validFrom>`, e.g. `MBK-2026`. */
export const defaultPlanValue = (source: string, validFrom: string) =>
  `${abbreviationOfSource(source)}-${validFrom.slice(0, 4)}`;

/**
 * The default value of a node's identifier: its full filing code (stable for the node's life unless the node is
 * recoded before use), or its id where the full code is longer than an identifier may be.
 */
export const defaultNodeValue = (node: Pick<FilingPlanNode, 'id' | 'fullCode'>) =>
  node.fullCode.length <= MAX_IDENTIFIER ? node.fullCode : node.id;

const TRIGGER_MARK = { SETTLEMENT: '', CALENDAR_YEAR_END: '/KR', EXTERNAL: '/U' } as const;

/**
 * The default value of a retention schedule's identifier, derived from what the schedule is, so equal schedules of
 * a plan share one identifier (they are one skartační režim) and different ones never do: `<code>/<years>` (`S/5`)
 * or `<code>/R<fixed year>`, then `/KR` for the end of the calendar year, `/U<hash of the event>` for an external
 * event, `/K<years>` for a check period.
 */
export function defaultScheduleValue(s: ScheduleFields): string | null {
  if (!s.disposalCode || !s.triggerKind) return null;
  const period = s.retentionYears != null ? String(s.retentionYears) : `R${s.fixedDisposalYear}`;
  const event =
    s.triggerKind === 'EXTERNAL'
      ? createHash('sha256')
          .update(s.triggerEvent ?? '')
          .digest('hex')
          .slice(0, 6)
      : '';
  const check = s.triggerCheckYears != null ? `/K${s.triggerCheckYears}` : '';
  return `${s.disposalCode}/${period}${TRIGGER_MARK[s.triggerKind]}${event}${check}`;
}

/** What makes two schedules the same skartační režim (for a given identifier shared by several nodes). */
const scheduleKey = (s: ScheduleFields) =>
  [s.disposalCode, s.retentionYears, s.fixedDisposalYear, s.triggerKind, s.triggerEvent, s.triggerCheckYears].join('|');

/**
 * The schedule identifier of a node with schedule `s`: the given one, or the default. A given identifier must not
 * already name a different schedule in the same plan (one identifier, one skartační režim): CONFLICT otherwise.
 */
export function scheduleIdentifier(
  s: ScheduleFields,
  given: Identifier | null,
  source: string,
  planNodes: FilingPlanNode[],
  exceptId?: string,
): Identifier | null {
  const value = given?.value ?? defaultScheduleValue(s);
  if (value === null) return null;
  const id = { value, source: given?.source ?? source };
  const clash = planNodes.find(
    (n) =>
      n.id !== exceptId &&
      n.scheduleIdentifierValue === id.value &&
      n.scheduleIdentifierSource === id.source &&
      scheduleKey(n) !== scheduleKey(s),
  );
  if (clash)
    throw conflict(
      `Retention schedule identifier ${id.value} already names another schedule in this plan (node ${clash.fullCode})`,
    );
  return id;
}
