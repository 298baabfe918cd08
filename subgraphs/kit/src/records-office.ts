/**
 * The records office (spisovna) spans two subgraphs: filing owns the states of documents and case files, archives
 * owns the records office (take-over, storage, loans, holds). Archives never writes filing's rows. Each of its
 * steps that moves an entity's custody writes its TrP event (`PrevzetiNaSpisovnu`, `VraceniZeSpisovny`, a loan's
 * `Uprava`) with one change named `RECORDS_OFFICE_STATE_CHANGE` (old → new state). The event travels through the
 * audit outbox like every other (at least once, in order), and filing's log ingest applies that change to the
 * document or case file in the transaction that appends the event to the log: the log's unique (source, event id)
 * makes the application idempotent (docs/architecture.md, "Records office: hand-over between filing and archives").
 */
export const RECORDS_OFFICE_STATE_CHANGE = 'recordsOfficeState';

/**
 * Archives' disposal proposal events (VlozeniDoSkartacnihoNavrhu / VyjmutiZeSkartacnihoNavrhu) carry one change of
 * this name (proposal id → null or back): filing's log ingest mirrors it onto the entity, which filing then keeps
 * from changing (the entity is locked while proposed, domain.md §6).
 */
export const DISPOSAL_PROPOSAL_CHANGE = 'disposalProposalId';

/**
 * The states of a document or case file that the records office moves between (domain.md §4.1, §4.2). DESTROYED
 * (skartován/zničen) is terminal: archives' `Zniceni` event reaches filing's log ingest, which reduces the entity to
 * its tombstone (filing modules/destruction); it is no custody step (not in RECORDS_OFFICE_TRANSITIONS).
 * TRANSFERRED: taken over by the archive (přejímka confirmed, TrP `Prenos`); final.
 */
export type RecordsOfficeState =
  'CLOSED' | 'HANDED_TO_RECORDS_OFFICE' | 'IN_RECORDS_OFFICE' | 'ON_LOAN' | 'DESTROYED' | 'TRANSFERRED';
export const RECORDS_OFFICE_STATES: readonly RecordsOfficeState[] = [
  'CLOSED',
  'HANDED_TO_RECORDS_OFFICE',
  'IN_RECORDS_OFFICE',
  'ON_LOAN',
  'DESTROYED',
  'TRANSFERRED',
];

/** The custody steps archives may ask filing to mirror: (old → new). Anything else in such a change is ignored. */
export const RECORDS_OFFICE_TRANSITIONS: readonly (readonly [RecordsOfficeState, RecordsOfficeState])[] = [
  ['HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE'], // PrevzetiNaSpisovnu
  ['IN_RECORDS_OFFICE', 'ON_LOAN'], // a loan
  ['ON_LOAN', 'IN_RECORDS_OFFICE'], // its return
  ['IN_RECORDS_OFFICE', 'CLOSED'], // VraceniZeSpisovny
  ['IN_RECORDS_OFFICE', 'TRANSFERRED'], // Prenos: the archive confirmed the transfer
];
