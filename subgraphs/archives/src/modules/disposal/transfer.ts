import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  RECORDS_OFFICE_STATE_CHANGE,
  conflict,
  inTransaction,
  notFound,
  recordAudit,
  type TenantCaller,
} from '@hub/kit';
import { completeWhenDone, DECIDED_STATES } from './completion';
import { objectTypeOf, pragueDay } from '../records-office/common';
import { RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { parseSeznam, refused, type SeznamProblem } from './decision';
import { DisposalProposal, DisposalProposalEntry } from './disposal-proposal.entity';

/**
 * Why the archive's confirmation names an entity the hub cannot mark as transferred (`extensions.problems[].code`;
 * a contract, like ErrorCode: add, never rename).
 */
export type TransferRefusal =
  | 'UNKNOWN_IDENTIFIER' // no disposal proposal of the municipality holds that PID
  | 'NOT_IN_PROPOSAL' // another proposal of the municipality holds it
  | 'NOT_KEPT' // the archive's decision was to destroy it
  | 'ALREADY_TRANSFERRED' // an earlier confirmation named it
  | 'NOT_IN_RECORDS_OFFICE' // the records office no longer holds it (returned, or gone otherwise)
  | 'NAMED_TWICE'
  | 'NO_ARCHIVE_IDENTIFIER'; // an Operace (or an empty IdentifikatorDA) where the archive's identifier belongs

/**
 * Where a kept entity's transfer SIP (přejímka) is downloaded: filing's SIP route through the gateway, "with
 * components" profile (filing sip.ts `sipDownloadPath`; archives does not import filing, so the path is spelt here).
 */
export const transferPackagePath = (entityId: string) =>
  `/exports/sip?id=${encodeURIComponent(entityId)}&profile=components`;

/** The change naming the digital archive's identifier on the Prenos event (nsesss-DA `IdentifikatorDA`). */
export const ARCHIVE_IDENTIFIER_CHANGE = 'IdentifikatorDA';

/**
 * Records the archive's confirmation of a transfer (potvrzení přejímky): its `Seznam` (nsesss-DA.xsd) lists the
 * accepted entities, each by our PID (`Identifikator`) with the digital archive's own identifier (`IdentifikatorDA`).
 * The proposal must be DECIDED (else CONFLICT). The archive confirms what it ingested, which may be some of the kept
 * entities at a time (a portal batch), so any subset is taken and later confirmations add the rest.
 *
 * Every entity named must be in this proposal, kept (vybrat za archiválii), not confirmed before and still in the
 * records office; otherwise the whole list is refused (BAD_USER_INPUT) with a code and reason per entity
 * (TransferRefusal) and nothing is written. Each confirmed entity gets `transferConfirmedAt`, its records office item
 * the state TRANSFERRED, and its TrP `Prenos` carrying the custody change IN_RECORDS_OFFICE → TRANSFERRED, which
 * filing's log ingest mirrors onto the case file with its documents or the document (kit records-office.ts), and
 * the proposal an `Uprava` naming the list; all in one transaction. The bytes stay until the destruction step: a
 * transfer deletes nothing (domain.md §6.2 step 7).
 */
export async function recordTransferConfirmation(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: { proposalId: string; xml: string },
  now: Date,
): Promise<DisposalProposal> {
  const seznam = parseSeznam(input.xml);
  return inTransaction(em, async (tx) => {
    const proposal = await tx.findOne(
      DisposalProposal,
      { id: input.proposalId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!proposal) throw notFound('DisposalProposal', input.proposalId);
    if (!DECIDED_STATES.includes(proposal.state as never))
      throw conflict(
        `The disposal proposal is ${proposal.state}: a transfer is confirmed only after the archive's decision`,
      );
    const entries = await tx.find(DisposalProposalEntry, { proposalId: proposal.id }, { refresh: true });
    const byPid = new Map(entries.map((e) => [e.pid, e]));
    const named = seznam.entries.map((s) => s.identifier).filter((pid) => !byPid.has(pid));
    // Tenant-scoped like every read here: another municipality's PID is as unknown as a made-up one.
    const elsewhere = named.length
      ? new Set((await tx.find(DisposalProposalEntry, { pid: { $in: named } })).map((e) => e.pid))
      : new Set<string>();
    const items = new Map(
      (await tx.find(RecordsOfficeItem, { id: { $in: entries.map((e) => e.entityId) } }, { refresh: true })).map(
        (i) => [i.id, i],
      ),
    );

    const problems: SeznamProblem[] = [];
    const refuse = (identifier: string, code: TransferRefusal, reason: string) =>
      problems.push({ identifier, code, reason });
    const confirmed = new Map<
      string,
      { entry: DisposalProposalEntry; item: RecordsOfficeItem; archiveId: { value: string; source: string } }
    >();
    const seen = new Set<string>();
    for (const s of seznam.entries) {
      const entry = byPid.get(s.identifier);
      const item = entry ? items.get(entry.entityId) : undefined;
      if (seen.has(s.identifier)) refuse(s.identifier, 'NAMED_TWICE', 'named twice');
      else if (!entry) {
        if (elsewhere.has(s.identifier)) refuse(s.identifier, 'NOT_IN_PROPOSAL', 'not in this disposal proposal');
        else refuse(s.identifier, 'UNKNOWN_IDENTIFIER', 'unknown identifier');
      } else if (!s.archiveIdentifier?.value || !s.archiveIdentifier.source) {
        refuse(
          s.identifier,
          'NO_ARCHIVE_IDENTIFIER',
          "no IdentifikatorDA (with its zdroj): a transfer confirmation names the archive's identifier, not an Operace",
        );
      } else if (entry.decision !== 'KEEP_AS_ARCHIVAL_RECORD')
        refuse(s.identifier, 'NOT_KEPT', 'the archive decided to destroy it, not to keep it');
      else if (entry.transferConfirmedAt)
        refuse(
          s.identifier,
          'ALREADY_TRANSFERRED',
          `its transfer was confirmed on ${pragueDay(entry.transferConfirmedAt)}`,
        );
      else if (!item || item.state !== 'IN_RECORDS_OFFICE')
        refuse(s.identifier, 'NOT_IN_RECORDS_OFFICE', `not in the records office (${item?.state ?? 'unknown'})`);
      else confirmed.set(s.identifier, { entry, item, archiveId: s.archiveIdentifier });
      seen.add(s.identifier);
    }
    if (problems.length > 0) throw refused('The transfer confirmation does not fit the disposal proposal', problems);

    for (const { entry, item } of confirmed.values()) {
      entry.transferConfirmedAt = now;
      item.state = 'TRANSFERRED';
    }
    await tx.flush();
    for (const { entry, item, archiveId } of confirmed.values()) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Prenos',
        objectType: objectTypeOf(item),
        objectId: item.id,
        description: `${item.referenceNumber} transferred to the archive ${seznam.archive} (Seznam ${seznam.id}, IdentifikatorDA ${archiveId.value})`,
        changes: [
          { name: RECORDS_OFFICE_STATE_CHANGE, old: 'IN_RECORDS_OFFICE', new: 'TRANSFERRED' },
          { name: ARCHIVE_IDENTIFIER_CHANGE, old: null, new: `${archiveId.value} (${archiveId.source})` },
          { name: 'transferListId', old: null, new: seznam.id },
          { name: 'disposalProposalId', old: null, new: entry.proposalId },
        ],
      });
    }
    const open = entries.filter((e) => e.decision === 'KEEP_AS_ARCHIVAL_RECORD' && !e.transferConfirmedAt).length;
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposal.id,
      description: `The archive ${seznam.archive} confirmed the transfer of ${confirmed.size} entities (Seznam ${seznam.id}); ${open} kept entities await theirs`,
      changes: [
        { name: 'transferListId', old: null, new: seznam.id },
        { name: 'transferredCount', old: null, new: String(confirmed.size) },
      ],
    });
    await completeWhenDone(tx, caller, proposal, entries);
    return proposal;
  });
}
