import { EntitySchema } from '@mikro-orm/core';
import type { DisposalCode, TriggerKind } from '../retention/retention';

/**
 * A node of a filing plan (věcná skupina). Lowest-level nodes carry the retention schedule (skartační režim)
 * as columns here: the schedule has no life of its own outside its node. A node that has been used (a
 * document or case file classified into it) is never edited in place; it is deactivated and replaced
 * (`replacesId` / `replacedById`), so every classification keeps pointing at what applied when it was made.
 */
export class FilingPlanNode {
  id!: string;
  municipalityId!: string;
  planId!: string;
  parentId!: string | null;
  /** Simple filing code (jednoduchý spisový znak), ≤ 50. */
  code!: string;
  /** Full filing code (plně určený spisový znak) = parent's full code + separator + code, ≤ 255. */
  fullCode!: string;
  name!: string;
  active!: boolean;
  /**
   * `<planId>:<fullCode>` while active, null once deactivated: unique, so a plan has at most one active node per
   * full code while replaced ones keep theirs (neither database has partial unique indexes in common). The full
   * code is folded to lower case without diacritics (codes.ts `activeCodeKey`), so both databases see "A1" and
   * "a1" as the same code, as MariaDB's unicode_ci collation would anyway.
   */
  activeCodeKey!: string | null;
  replacesId!: string | null;
  replacedById!: string | null;
  /** Retention schedule; all null on nodes that are not lowest-level. */
  disposalCode!: DisposalCode | null;
  retentionYears!: number | null;
  fixedDisposalYear!: number | null;
  triggerKind!: TriggerKind | null;
  triggerEvent!: string | null;
  triggerCheckYears!: number | null;
  /**
   * `tIdentifikator` of the node (věcná skupina) in the SIP, unique per plan and source; and of its retention
   * schedule (skartační režim), null without one, shared by the plan's nodes with the same schedule
   * (filing-plans/identifiers.ts). Nullable in the database for rows from before they existed (the data upgrade
   * fills them).
   */
  identifierValue!: string | null;
  identifierSource!: string | null;
  scheduleIdentifierValue!: string | null;
  scheduleIdentifierSource!: string | null;
  createdAt!: Date;
  deactivatedAt!: Date | null;
}

export const FilingPlanNodeSchema = new EntitySchema<FilingPlanNode>({
  class: FilingPlanNode,
  tableName: 'filing_plan_node',
  indexes: [{ properties: ['municipalityId', 'planId', 'fullCode'] }, { properties: ['parentId'] }],
  uniques: [{ properties: ['planId', 'identifierSource', 'identifierValue'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    planId: { type: 'uuid' },
    parentId: { type: 'uuid', nullable: true },
    code: { type: 'string', length: 50 },
    fullCode: { type: 'string', length: 255 },
    name: { type: 'string', length: 300 },
    active: { type: 'boolean' },
    activeCodeKey: { type: 'string', length: 300, nullable: true, unique: true },
    replacesId: { type: 'uuid', nullable: true },
    replacedById: { type: 'uuid', nullable: true },
    disposalCode: { type: 'string', length: 1, nullable: true },
    retentionYears: { type: 'integer', nullable: true },
    fixedDisposalYear: { type: 'integer', nullable: true },
    triggerKind: { type: 'string', length: 20, nullable: true },
    triggerEvent: { type: 'string', length: 200, nullable: true },
    triggerCheckYears: { type: 'integer', nullable: true },
    identifierValue: { type: 'string', length: 50, nullable: true },
    identifierSource: { type: 'string', length: 50, nullable: true },
    scheduleIdentifierValue: { type: 'string', length: 50, nullable: true },
    scheduleIdentifierSource: { type: 'string', length: 50, nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    deactivatedAt: { type: 'datetime', length: 3, nullable: true },
  },
});
