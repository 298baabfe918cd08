import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, diff, logger, recordAudit, type TenantCaller } from '@hub/kit';
import { AUTHOR_FIELDS, METADATA_FIELDS, authorOf } from '../documents/metadata';
import { allocateNumber, insertWithUniquePid, notYetHandled, ownDocumentContent } from '../documents/registration';
import { Document } from '../documents/document.entity';
import { generatePid } from '../registers/pid';
import { findActiveMainRegister } from '../registers/registers';
import type { CustodyEvent } from './mirror';

const log = logger.child({ component: 'disposal-proposal-filing' });

/** What of an incoming log event filing needs to file a proposal: who submitted it and when. */
export interface SubmitEvent extends CustodyEvent {
  municipalityId: string;
  actorId: string | null;
  actorLogin: string;
  /** The officer's name as archives' event names them (provedlKdo): the filed document's author and its creation's actor. */
  actorName: string | null;
  occurredAt: Date;
}

/** Archives' submit of a disposal proposal: `Uprava` of the `SkartacniNavrh` with state OPEN → SUBMITTED. */
export const isProposalSubmit = (e: CustodyEvent) =>
  e.eventType === 'Uprava' &&
  e.objectType === 'SkartacniNavrh' &&
  e.changes.some((c) => c.name === 'state' && c.old === 'OPEN' && c.new === 'SUBMITTED');

/**
 * Files a submitted disposal proposal (skartační návrh) as an own document of the main register, as the hand-over
 * list is: in the log ingest's transaction, so it is filed exactly once with the event (the log's unique event id),
 * however often the outbox sends it. The document's id is the proposal's, so archives links it without a round trip
 * (`DisposalProposal.document`, its reference number read from here). The submitting officer handles it. Without an
 * active main register it is left unfiled with a warning: the log must not stall over it.
 */
export async function fileSubmittedProposals(tx: SqlEntityManager, events: SubmitEvent[]): Promise<void> {
  for (const e of events.filter(isProposalSubmit)) {
    if (await tx.findOne(Document, { id: e.objectId })) continue;
    const main = await findActiveMainRegister(tx);
    if (!main || !e.actorId) {
      log.warn(
        { eventId: e.id, proposalId: e.objectId },
        'disposal proposal not filed: no active main register or no submitting user',
      );
      continue;
    }
    const year = e.changes.find((c) => c.name === 'year')?.new ?? '';
    const count = e.changes.find((c) => c.name === 'entryCount')?.new ?? '';
    // The officer who submitted it, as the event names them: the document's handler and its creation's actor.
    const actor: TenantCaller = {
      userId: e.actorId,
      login: e.actorLogin,
      name: e.actorName,
      municipalityId: e.municipalityId,
      roles: [Role.RECORDS_OFFICER],
      orgUnitId: null,
    };
    const number = await allocateNumber(tx, actor, main, e.occurredAt);
    const document = await insertWithUniquePid(tx, () => generatePid(main.referencePrefix), {
      id: e.objectId,
      municipalityId: e.municipalityId,
      registerId: main.id,
      state: 'REGISTERED',
      ...number,
      ...ownDocumentContent(`Skartační návrh za rok ${year} (${count} entit)`),
      createdAt: e.occurredAt,
      createdById: e.actorId,
      ...notYetHandled(),
      handlerId: e.actorId,
      assignedAt: e.occurredAt,
      // An own document has its author (SIP metadata), as the hand-over list does: the officer who submitted it (the
      // org unit's name is another subgraph's, not at hand in the ingest). Kind and form default (insertWithUniquePid).
      ...authorOf(actor, null),
    });
    await recordAudit(tx, actor, {
      municipalityId: e.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Disposal proposal for ${year} filed as ${document.referenceNumber}`,
      changes: diff({}, document, [
        'pid',
        'registerId',
        'referenceNumber',
        'sequenceNumber',
        'year',
        'subject',
        'origin',
        'registeredAt',
        'state',
        ...METADATA_FIELDS,
        ...AUTHOR_FIELDS,
      ]),
    });
  }
}
