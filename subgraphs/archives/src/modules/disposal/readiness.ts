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
 * Only the PID, for now. Filing's `archiveReadiness` needs the municipality's IČO and seat and people's names from
 * the municipalities and users subgraphs; asked by archives it would be a second peer hop, which the kit refuses by
 * design (peer calls go one hop), so filing would answer null with an error. Until readiness reaches archives
 * another way, the proposal does not pre-check the content rules: the SIP export checks them all (409 with the rule
 * ids) before anything leaves, and `CaseFile.archiveReadiness` shows them to the officer through the gateway.
 */
const SELECTION = 'id pid';

/**
 * THE place that asks filing whether entities may be proposed for disposal (used when opening a proposal and when
 * adding to it): one `_entities` call per kind, as the same caller, so another municipality's entity comes back
 * absent. An entity filing does not know (or the caller may not see) is missing from the map.
 */
export async function archiveReadiness(
  peers: Peers,
  items: readonly Pick<RecordsOfficeItem, 'id' | 'kind'>[],
): Promise<Map<string, EntityReadiness>> {
  const result = new Map<string, EntityReadiness>();
  for (const [kind, typename] of [
    ['CASE_FILE', 'CaseFile'],
    ['DOCUMENT', 'Document'],
  ] as const) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    if (ids.length === 0) continue;
    type Answer = { id: string; pid: string };
    const answers = await peers.entities<Answer>('filing', typename, ids, SELECTION);
    for (const a of answers) {
      if (!a) continue;
      result.set(a.id, { pid: a.pid, ready: true, problems: [] });
    }
  }
  return result;
}
