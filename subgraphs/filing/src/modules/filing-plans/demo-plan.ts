import type { SqlEntityManager } from '@mikro-orm/knex';
import { demoId, recordAudit, type DemoMunicipality } from '@hub/kit';
import { activeCodeKey, compareFullCodes } from './codes';
import { FilingPlanNode } from './filing-plan-node.entity';
import { defaultPlanValue, defaultScheduleValue, municipalitySource } from './identifiers';
import { FilingPlan } from './filing-plan.entity';
import { nodeAuditChanges, planAuditChanges } from './filing-plans';
import { isCalendarTriggerEvent, type TriggerKind } from '../retention/retention';
import { NO_SCHEDULE, SETTLEMENT_TRIGGER_EVENT, type ScheduleFields } from './validation';

/**
 * The sample filing plan of a small municipality, domain.md §7.3, "new" column (after decree 96/2023: A and S
 * only). Ids are `demoId('filing-plan', abbr)` and `demoId('filing-plan-node', abbr + ':' + fullCode)`, so
 * tests and documentation can name e.g. 616 Stížnosti of Blansko without looking it up.
 */

export const DEMO_PLAN_NAME = 'Spisový plán 2026';
export const DEMO_PLAN_VALID_FROM = '2026-01-01';
export const DEMO_PLAN_SEPARATOR = '.';
/** Kontrolní lhůta of the demo plan's external triggers. */
export const DEMO_TRIGGER_CHECK_YEARS = 5;

export const demoPlanId = (abbreviation: string) => demoId('filing-plan', abbreviation);
export const demoNodeId = (abbreviation: string, fullCode: string) =>
  demoId('filing-plan-node', `${abbreviation}:${fullCode}`);

/** [full code, name, disposal code, retention years, trigger event] of a lowest-level node. */
type Row = [string, string, 'A' | 'S', number, string];

export const DEMO_PLAN_LEAVES: Row[] = [
  ['51.1', 'Dokumenty starosty', 'A', 10, 'vyřízení/uzavření'],
  ['51.2', 'Dokumenty místostarosty', 'S', 10, 'vyřízení/uzavření'],
  ['52.1', 'Součinnost se správními úřady', 'S', 5, 'vyřízení/uzavření'],
  ['52.3', 'Členství ve Svazu měst a obcí, svazcích obcí', 'A', 5, 'vyřízení/uzavření'],
  ['53.1', 'Systemizace úřadu', 'A', 5, 'ztráta platnosti'],
  ['53.2', 'Interní akty řízení (řády, směrnice, příkazy)', 'A', 5, 'ztráta platnosti'],
  ['54.1', 'Řízení, kontrola a metodická činnost obecního úřadu', 'A', 5, 'vyřízení/uzavření'],
  ['54.4.2', 'Metodické materiály – ostatní', 'S', 5, 'vyřízení/uzavření'],
  ['55', 'Rehabilitace', 'A', 10, 'vyřízení/uzavření'],
  ['56.1', 'Smlouvy (nejsou-li součástí jiného spisu)', 'S', 5, 'ukončení platnosti smlouvy'],
  ['101', 'Zastupitelstvo – zápisy, usnesení', 'A', 10, 'vyřízení/uzavření'],
  ['103', 'Obecně závazné vyhlášky a nařízení obce', 'A', 10, 'ztráta platnosti'],
  ['113', 'Přezkoumání hospodaření, kontroly', 'A', 10, 'vyřízení/uzavření'],
  ['118', 'Osobní spisy zaměstnanců (typový spis)', 'S', 50, 'ukončení pracovního poměru'],
  ['119', 'Mzdové listy', 'S', 30, 'konec kalendářního roku'],
  ['176', 'Rozpočet, rozpočtová opatření', 'A', 10, 'vyřízení/uzavření'],
  ['177', 'Závěrečný účet obce', 'A', 10, 'vyřízení/uzavření'],
  ['178', 'Účetní doklady', 'S', 5, 'konec účetního období'],
  ['180', 'Účetní závěrka', 'A', 10, 'konec účetního období'],
  ['254', 'Nabývání a převody nemovitého majetku obce', 'A', 10, 'vyřízení/uzavření'],
  ['256', 'Nájmy a pachty obecního majetku', 'S', 5, 'ukončení nájmu'],
  ['280', 'Místní komunikace – správa, údržba, zimní údržba', 'S', 5, 'vyřízení/uzavření'],
  ['601', 'Volby a referenda – obecní dokumentace', 'S', 5, 'vyhlášení výsledků voleb'],
  ['611', 'Přestupky (kde obec vykonává)', 'S', 5, 'právní moc rozhodnutí'],
  ['616', 'Stížnosti, petice, podněty', 'S', 5, 'vyřízení/uzavření'],
  ['620', 'Poskytování informací (zákon 106/1999)', 'S', 5, 'vyřízení/uzavření'],
  ['623', 'Ověřování listin a podpisů (vidimace, legalizace)', 'S', 10, 'uzavření ověřovací knihy'],
  ['98', 'Skartační řízení (návrhy, rozhodnutí, protokoly)', 'A', 10, 'vyřízení/uzavření'],
  ['99', 'Transakční protokoly eSSL (denní ztvárnění)', 'A', 10, 'konec kalendářního roku'],
];

/** Inner nodes the table's codes need (§7.3 lists only the lowest level); they carry no schedule. */
export const DEMO_PLAN_INNER: [string, string][] = [
  ['51', 'Starosta a místostarosta'],
  ['52', 'Vztahy k jiným orgánům'],
  ['53', 'Organizace úřadu'],
  ['54', 'Řízení a kontrola'],
  ['54.4', 'Metodické materiály'],
  ['56', 'Smlouvy'],
];

/** The kind of a demo row's trigger event: settlement, the end of a calendar/accounting year, or an external event. */
export function demoTriggerKind(triggerEvent: string): TriggerKind {
  if (triggerEvent === SETTLEMENT_TRIGGER_EVENT) return 'SETTLEMENT';
  return isCalendarTriggerEvent(triggerEvent) ? 'CALENDAR_YEAR_END' : 'EXTERNAL';
}

function scheduleOfRow([, , disposalCode, retentionYears, triggerEvent]: Row): ScheduleFields {
  const triggerKind = demoTriggerKind(triggerEvent);
  const external = triggerKind === 'EXTERNAL';
  return {
    disposalCode,
    retentionYears,
    fixedDisposalYear: null,
    triggerKind,
    triggerEvent,
    triggerCheckYears: external ? DEMO_TRIGGER_CHECK_YEARS : null,
  };
}

/**
 * Inserts the demo plan of one municipality with its nodes, then the audit events of their creation: `Zalozeni` of
 * the plan and of every node (`VecnaSkupina`), as when a records manager builds a plan, so the transaction log
 * holds the creation of every object a SIP's structMap will name (the plan and its groups). Call inside a
 * transaction; the events go last.
 */
export async function createDemoPlan(tx: SqlEntityManager, m: DemoMunicipality, now = new Date()): Promise<FilingPlan> {
  const planId = demoPlanId(m.abbreviation);
  const source = await municipalitySource(tx, m.id);
  const plan = tx.create(FilingPlan, {
    id: planId,
    municipalityId: m.id,
    name: DEMO_PLAN_NAME,
    validFrom: DEMO_PLAN_VALID_FROM,
    validTo: null,
    legacy: false,
    separator: DEMO_PLAN_SEPARATOR,
    identifierValue: defaultPlanValue(source, DEMO_PLAN_VALID_FROM),
    identifierSource: source,
    createdAt: now,
    createdById: null,
  });
  const rows: [string, string, ScheduleFields][] = [
    ...DEMO_PLAN_INNER.map(([fullCode, name]): [string, string, ScheduleFields] => [fullCode, name, NO_SCHEDULE]),
    ...DEMO_PLAN_LEAVES.map((row): [string, string, ScheduleFields] => [row[0], row[1], scheduleOfRow(row)]),
  ].sort(([a], [b]) => compareFullCodes(a, b));
  const known = new Set<string>();
  const nodes: FilingPlanNode[] = [];
  for (const [fullCode, name, schedule] of rows) {
    const levels = fullCode.split(DEMO_PLAN_SEPARATOR);
    const parentFullCode = levels.length > 1 ? levels.slice(0, -1).join(DEMO_PLAN_SEPARATOR) : null;
    if (parentFullCode !== null && !known.has(parentFullCode))
      throw new Error(`demo plan: ${fullCode} has no parent ${parentFullCode}`);
    known.add(fullCode);
    const node = tx.create(FilingPlanNode, {
      id: demoNodeId(m.abbreviation, fullCode),
      municipalityId: m.id,
      planId,
      parentId: parentFullCode === null ? null : demoNodeId(m.abbreviation, parentFullCode),
      code: levels[levels.length - 1],
      fullCode,
      name,
      active: true,
      activeCodeKey: activeCodeKey(planId, fullCode),
      replacesId: null,
      replacedById: null,
      ...schedule,
      // Demo full codes are short and unique: each is its node's identifier; equal schedules share theirs.
      identifierValue: fullCode,
      identifierSource: source,
      scheduleIdentifierValue: defaultScheduleValue(schedule),
      scheduleIdentifierSource: schedule.disposalCode ? source : null,
      createdAt: now,
      deactivatedAt: null,
    });
    nodes.push(node);
  }
  await tx.flush();
  await recordAudit(tx, null, {
    municipalityId: m.id,
    eventType: 'Zalozeni',
    objectType: 'SpisovyPlan',
    objectId: planId,
    description: 'Demo data',
    changes: planAuditChanges({}, plan),
  });
  await recordDemoNodesCreation(tx, m.id, nodes, 'Demo data');
  return plan;
}

/** `Zalozeni` of each node of a demo plan (in full-code order, parents first). */
export async function recordDemoNodesCreation(
  tx: SqlEntityManager,
  municipalityId: string,
  nodes: FilingPlanNode[],
  description: string,
): Promise<void> {
  for (const node of nodes) {
    await recordAudit(tx, null, {
      municipalityId,
      eventType: 'Zalozeni',
      objectType: 'VecnaSkupina',
      objectId: node.id,
      description: `${description}: ${node.fullCode} ${node.name}`,
      changes: nodeAuditChanges({}, node),
    });
  }
}
