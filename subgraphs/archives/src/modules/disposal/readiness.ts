import type { Peers } from '@hub/kit';
import type { RecordsOfficeItem } from '../records-office/records-office-item.entity';

/** One unmet rule of filing's archive readiness (metadata complete, components in output formats or flagged). */
export interface ReadinessProblem {
  rule: string;
  message: string;
}

/** What the proposal needs of an entity from filing: its PID and whether it may go to the archive. */
export interface EntityReadiness {
  pid: string;
  ready: boolean;
  problems: ReadinessProblem[];
}

const SELECTION = 'id pid archiveReadiness { ready problems { rule message } }';

/**
 * THE place that asks filing whether entities may be proposed for disposal (used when opening a proposal and when
 * adding to it): one `_entities` call per kind, as the same caller, so another municipality's entity comes back
 * absent. An entity filing does not know (or the caller may not see) is missing from the map.
 */
export async function archiveReadiness(peers: Peers, items: readonly Pick<RecordsOfficeItem, 'id' | 'kind'>[]): Promise<Map<string, EntityReadiness>> {
  const result = new Map<string, EntityReadiness>();
  for (const [kind, typename] of [['CASE_FILE', 'CaseFile'], ['DOCUMENT', 'Document']] as const) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    if (ids.length === 0) continue;
    type Answer = { id: string; pid: string; archiveReadiness: { ready: boolean; problems: ReadinessProblem[] } };
    const answers = await peers.entities<Answer>('filing', typename, ids, SELECTION);
    for (const a of answers) {
      if (!a) continue;
      result.set(a.id, { pid: a.pid, ready: a.archiveReadiness.ready, problems: a.archiveReadiness.problems });
    }
  }
  return result;
}
