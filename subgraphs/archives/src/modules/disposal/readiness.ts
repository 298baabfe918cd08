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

/**
 * PROPOSAL-MERGE: filing's `archiveReadiness` field (CaseFile/Document) is built on the SIP branch, not on this one.
 * While this is true, readiness asks filing only for the PID and treats every entity as ready. The lead sets it
 * to false (and then deletes the flag) when merging the SIP branch; everything else here stays as it is.
 */
// PROPOSAL-MERGE: set to false when the SIP branch (filing's archiveReadiness) is merged, then delete the flag.
export const PROPOSAL_MERGE_READINESS_MISSING = true;

const FULL = 'id pid archiveReadiness { ready problems { rule message } }';
const PID_ONLY = 'id pid';

/**
 * THE place that asks filing whether entities may be proposed for disposal (used when opening a proposal and when
 * adding to it): one `_entities` call per kind, as the same caller, so another municipality's entity comes back
 * absent. An entity filing does not know (or the caller may not see) is missing from the map.
 */
export async function archiveReadiness(peers: Peers, items: readonly Pick<RecordsOfficeItem, 'id' | 'kind'>[]): Promise<Map<string, EntityReadiness>> {
  const result = new Map<string, EntityReadiness>();
  // PROPOSAL-MERGE: only FULL once filing has the field.
  const selection = PROPOSAL_MERGE_READINESS_MISSING ? PID_ONLY : FULL;
  for (const [kind, typename] of [['CASE_FILE', 'CaseFile'], ['DOCUMENT', 'Document']] as const) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    if (ids.length === 0) continue;
    type Answer = { id: string; pid: string; archiveReadiness?: { ready: boolean; problems: ReadinessProblem[] } };
    const answers = await peers.entities<Answer>('filing', typename, ids, selection);
    for (const a of answers) {
      if (!a) continue;
      // PROPOSAL-MERGE: without the flag a missing answer is not ready (filing always answers the field).
      const readiness = a.archiveReadiness ?? { ready: PROPOSAL_MERGE_READINESS_MISSING, problems: [] };
      result.set(a.id, { pid: a.pid, ready: readiness.ready, problems: readiness.problems ?? [] });
    }
  }
  return result;
}
