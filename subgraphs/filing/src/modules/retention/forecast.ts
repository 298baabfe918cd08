import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput } from '@hub/kit';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import type { DisposalCode } from './retention';

/** The records office, records managers and auditors read the forecast. */
export const FORECAST_ROLES: Role[] = [Role.RECORDS_OFFICER, Role.RECORDS_MANAGER, Role.AUDITOR];

export const MIN_FORECAST_YEAR = 1900;
export const MAX_FORECAST_YEAR = 3000;

/** One line of the forecast: a closed case file, or a settled/closed document outside case files. */
export interface DisposalForecastEntry {
  caseFile: CaseFile | null;
  document: Document | null;
  referenceNumber: string;
  title: string;
  fullFilingCode: string;
  disposalCode: DisposalCode;
  retentionYears: number | null;
  disposalYear: number;
}

/**
 * Filing codes and reference numbers sort as people read them: digit runs by value, so 51.1 comes before 101
 * and MBK 2/2026 before MBK 17/2026 (a plain string order would put them the other way round).
 */
const NATURAL = new Intl.Collator('cs', { numeric: true, sensitivity: 'variant' });

function compareEntries(a: DisposalForecastEntry, b: DisposalForecastEntry): number {
  const idOf = (e: DisposalForecastEntry) => (e.caseFile ?? e.document)!.id;
  return (
    NATURAL.compare(a.fullFilingCode, b.fullFilingCode) ||
    NATURAL.compare(a.referenceNumber, b.referenceNumber) ||
    (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)
  );
}

/**
 * What becomes due for disposal in `year` in the EntityManager's municipality (tenant filter): closed case files
 * and settled or closed documents outside case files, whose stored disposal year (modules/retention/apply.ts)
 * is `year`. Documents inside a case file are disposed of with it and never listed on their own. Three
 * statements whatever the size of the answer: case files, documents (both on the (municipalityId, disposalYear)
 * indexes) and their filing plan nodes.
 */
export async function disposalForecast(em: SqlEntityManager, year: number): Promise<DisposalForecastEntry[]> {
  if (!Number.isInteger(year) || year < MIN_FORECAST_YEAR || year > MAX_FORECAST_YEAR) {
    throw badInput(`year must be between ${MIN_FORECAST_YEAR} and ${MAX_FORECAST_YEAR}`, 'year');
  }
  const [caseFiles, documents] = await Promise.all([
    em.find(CaseFile, { disposalYear: year, state: 'CLOSED', disposalCode: { $ne: null } }),
    em.find(Document, { disposalYear: year, caseFileId: null, state: { $in: ['SETTLED', 'CLOSED'] }, disposalCode: { $ne: null } }),
  ]);
  const nodeIds = [...new Set([...caseFiles, ...documents].map((e) => e.filingPlanNodeId).filter((id): id is string => !!id))];
  const nodes = nodeIds.length > 0 ? await em.find(FilingPlanNode, { id: { $in: nodeIds } }) : [];
  const fullCode = new Map(nodes.map((n) => [n.id, n.fullCode]));
  const codeOf = (nodeId: string | null) => (nodeId ? fullCode.get(nodeId) ?? '' : '');

  const entries: DisposalForecastEntry[] = [
    ...caseFiles.map((c) => ({
      caseFile: c,
      document: null,
      referenceNumber: c.referenceNumber,
      title: c.title,
      fullFilingCode: codeOf(c.filingPlanNodeId),
      disposalCode: c.disposalCode!,
      retentionYears: c.retentionYears,
      disposalYear: c.disposalYear!,
    })),
    ...documents.map((d) => ({
      caseFile: null,
      document: d,
      referenceNumber: d.referenceNumber ?? d.pid,
      title: d.subject,
      fullFilingCode: codeOf(d.filingPlanNodeId),
      disposalCode: d.disposalCode!,
      retentionYears: d.retentionYears,
      disposalYear: d.disposalYear!,
    })),
  ];
  return entries.sort(compareEntries);
}
