import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  Role,
  badInput,
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  recordAudit,
  type AuditChange,
  type AuditEventType,
  type Caller,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type {
  CreateShipmentInput,
  DispatchShipmentInput,
  RecordShipmentDeliveryInput,
  RecordShipmentReturnInput,
} from '../../generated/graphql';
import { Component } from '../components/component.entity';
import { Upload } from '../components/upload.entity';
import { Document } from '../documents/document.entity';
import { label, lockDocument } from '../documents/steps';
import { MAX_REASON_LENGTH, requiredText } from '../documents/validation';
import { canSeeDocument, headsUnit } from '../documents/visibility';
import { choosePartyInput, resolvePartyChoice, type FlatParty, type PartyChoice } from '../parties/parties';
import type { Party } from '../parties/party.entity';
import { DeliveryProof, type DeliveryProofKind } from './delivery-proof.entity';
import {
  POSTAL_KINDS,
  RETURN_REASONS,
  SHIPMENT_CHANNELS,
  Shipment,
  type ShipmentChannel,
  type ShipmentState,
} from './shipment.entity';

/**
 * Dispatch (výpravna, domain.md §4.3): an own document leaves as shipments, one per recipient and channel.
 *
 *   CREATED ──handOver──▶ TO_DISPATCH ──dispatch──▶ DISPATCHED ──delivery──▶ DELIVERED
 *      │                      │                          └──────return──────▶ RETURNED (reason)
 *      └────────cancel────────┴──▶ CANCELLED
 *
 * The document's side (its handler, its author, the head of its unit) prepares and hands over; the dispatch
 * office (role DISPATCH_CLERK: the podatelna's clerks, or the ISDS connector's API client) sends and records
 * the outcome. Every step writes its transaction-log event on the document (`VlozeniKVypraveni`,
 * `PredaniVypravne`, `VyjmutiZVypraveni`, `Vypraveno`, `Doruceno`; a return is an `Uprava`, the TrP schema has
 * no event of its own for it) in the step's transaction, with the hashes of the files sent and of the proof.
 */
export const DISPATCH_ROLES: Role[] = [Role.DISPATCH_CLERK];

/** Document states in which shipments may be created: registered (it has its number), not yet closed. */
const DISPATCHABLE_STATES = ['REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'];
/** Shipments that have not left yet: the document may not be closed or cancelled while it has any. */
export const PENDING_STATES: ShipmentState[] = ['CREATED', 'TO_DISPATCH'];
/** Channels that carry the document's files: there must be at least one to send. */
const ELECTRONIC: ShipmentChannel[] = ['DATA_BOX', 'EMAIL'];
/** Where the law deems an item delivered without the addressee taking it (fikce doručení). */
const FICTION_CHANNELS: ShipmentChannel[] = ['DATA_BOX', 'POST'];

/** isds.md §2: a box id is 7 lowercase letters or digits; a dmID is 1–20 digits. */
const BOX_ID = /^[a-z0-9]{7}$/;
const DM_ID = /^\d{1,20}$/;
/** Deliberately plain: one @, no spaces, a dot in the domain. The mail server has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** A time reported by the dispatch office: to the second, not in the future, not before `notBefore`. */
function reportedTime(value: Date | null | undefined, field: string, notBefore: Date, now: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(`${field} is required`, field);
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput(`${field} is in the future`, field);
  const t = toSecond(value);
  if (t < toSecond(notBefore)) throw badInput(`${field} is before ${notBefore.toISOString()}`, field);
  return t;
}

export interface DataBoxOptions {
  personalDelivery: boolean;
  allowSubstituteDelivery: boolean;
  recipientRefNumber: string | null;
  recipientFileMark: string | null;
}

export interface ShipmentFields {
  dataBox: DataBoxOptions;
  channel: ShipmentChannel;
  postalKind: Shipment['postalKind'];
  /** The recipient: a party of the name register, or details to find or add there (modules/parties). */
  recipient: PartyChoice;
}

/** The recipient columns of a shipment: its snapshot of the party (`recipientSnapshot`). */
type RecipientColumns = Pick<Shipment, 'recipientName' | 'recipientAddress' | 'recipientDataBoxId' | 'recipientEmail'>;

/**
 * Checks a new shipment's channel and recipient before anything is read or written; BAD_USER_INPUT naming the first
 * wrong field. What the channel needs of the recipient (a box, an e-mail, an address) is checked on the snapshot
 * (`checkRecipientForChannel`), once the party is known.
 */
export function validateShipment(input: CreateShipmentInput, now: Date): ShipmentFields {
  const channel = input.channel as ShipmentChannel;
  if (!SHIPMENT_CHANNELS.includes(channel))
    throw badInput(`channel must be one of ${SHIPMENT_CHANNELS.join(', ')}`, 'channel');
  const r = input.recipient;
  let flat: FlatParty | null = null;
  if (r) {
    flat = {
      name: requiredText(r.name, 'recipient.name', 300),
      address: optionalText(r.address, 'recipient.address', 500),
      dataBoxId: optionalText(r.dataBoxId, 'recipient.dataBoxId', 7),
      email: optionalText(r.email, 'recipient.email', 254),
    };
    if (flat.dataBoxId && !BOX_ID.test(flat.dataBoxId)) {
      throw badInput('recipient.dataBoxId must be exactly 7 lowercase letters or digits', 'recipient.dataBoxId');
    }
    if (flat.email && !EMAIL.test(flat.email))
      throw badInput('recipient.email is not an e-mail address', 'recipient.email');
  }
  const recipient = choosePartyInput(
    'recipient',
    { flat, party: input.recipientParty, partyId: input.recipientPartyId },
    now,
  );
  if (!recipient)
    throw badInput('A shipment needs a recipient (recipient, recipientParty or recipientPartyId)', 'recipient');
  const postalKind = (input.postalKind ?? null) as Shipment['postalKind'];
  if (channel === 'POST' && !postalKind)
    throw badInput(`A POST shipment needs a postalKind (${POSTAL_KINDS.join(', ')})`, 'postalKind');
  if (channel !== 'POST' && postalKind) throw badInput('postalKind is only for POST shipments', 'postalKind');
  if (postalKind && !POSTAL_KINDS.includes(postalKind))
    throw badInput(`postalKind must be one of ${POSTAL_KINDS.join(', ')}`, 'postalKind');
  // A flat recipient is its own snapshot, checked now; a party's details are known once it is found (createShipment).
  if (recipient.by === 'details' && recipient.flat)
    checkRecipientForChannel(channel, snapshotOf(recipient.flat, recipient.fields), 'recipient');
  const o = input.dataBox;
  if (o && channel !== 'DATA_BOX') throw badInput('dataBox options are only for DATA_BOX shipments', 'dataBox');
  const dataBox: DataBoxOptions = {
    personalDelivery: o?.personalDelivery ?? false,
    allowSubstituteDelivery: o?.allowSubstituteDelivery ?? true,
    recipientRefNumber: optionalText(o?.recipientReferenceNumber, 'dataBox.recipientReferenceNumber', 50),
    recipientFileMark: optionalText(o?.recipientFileMark, 'dataBox.recipientFileMark', 50),
  };
  return { channel, postalKind, recipient, dataBox };
}

/** Where the recipient was given, for error fields: `recipient`, `recipientParty` or `recipientPartyId`. */
const recipientField = (c: PartyChoice) =>
  c.by === 'id' ? 'recipientPartyId' : c.flat ? 'recipient' : 'recipientParty';

/** A flat recipient's own words, else the party's details: what the shipment records and is sent to. */
function snapshotOf(
  flat: FlatParty | null,
  party: Pick<Party, 'name' | 'address' | 'dataBoxId' | 'email'>,
): RecipientColumns {
  const r = flat ?? party;
  return {
    recipientName: r.name,
    recipientAddress: r.address ?? null,
    recipientDataBoxId: r.dataBoxId ?? null,
    recipientEmail: r.email ?? null,
  };
}

/** What each channel needs of the recipient; BAD_USER_INPUT naming the field the recipient came in. */
function checkRecipientForChannel(channel: ShipmentChannel, r: RecipientColumns, field: string): void {
  const at = (part: string) => (field === 'recipientPartyId' ? field : `${field}.${part}`);
  if (channel === 'DATA_BOX' && !r.recipientDataBoxId)
    throw badInput("A DATA_BOX shipment needs the recipient's dataBoxId", at('dataBoxId'));
  if (channel === 'EMAIL' && !r.recipientEmail)
    throw badInput("An EMAIL shipment needs the recipient's email", at('email'));
  if (channel === 'POST' && !r.recipientAddress)
    throw badInput("A POST shipment needs the recipient's address", at('address'));
}

const isDispatchClerk = (caller: Caller) => hasRole(caller, ...DISPATCH_ROLES);

/** The document's side: its handler, the head of its unit, or the author of the own document. */
const preparesFor = (caller: Caller, d: Document) =>
  (!!d.handlerId && d.handlerId === caller.userId) || headsUnit(caller, d.orgUnitId) || d.createdById === caller.userId;

/** Dispatch clerks see every shipment of their municipality; others those of documents they see. */
export function canSeeShipment(caller: Caller, d: Document | null): boolean {
  return isDispatchClerk(caller) || (!!d && canSeeDocument(caller, d));
}

/**
 * The files a shipment carries: the newest version of each of the document's components, by order (a later
 * version replaces an earlier one of the same order; concepts are drafts, not sent).
 */
export function filesToSend(components: Component[]): Component[] {
  const newest = new Map<number, Component>();
  for (const c of components) {
    if (c.form === 'CONCEPT') continue;
    const seen = newest.get(c.order);
    if (!seen || c.version > seen.version) newest.set(c.order, c);
  }
  return [...newest.values()].sort((a, b) => a.order - b.order);
}

/** Whether a dispatch clerk may read the document's files: a shipment of it has been handed over to them. */
export async function isInDispatch(em: SqlEntityManager, documentId: string): Promise<boolean> {
  return (await em.count(Shipment, { documentId, state: { $nin: ['CREATED', 'CANCELLED'] } })) > 0;
}

export interface ShipmentResult {
  shipment: Shipment;
  auditEventId: string;
}

const recipientOf = (s: Shipment) => s.recipientDataBoxId ?? s.recipientEmail ?? s.recipientAddress ?? s.recipientName;
const describe = (s: Shipment, d: Pick<Document, 'referenceNumber' | 'pid'>) =>
  `shipment ${s.id} of document ${label(d)} by ${s.channel}${s.postalKind ? ` (${s.postalKind})` : ''} to ${s.recipientName}`;

/** The audit event of a step, on the document (so the document's trail shows its dispatch), naming the shipment. */
function audit(
  tx: SqlEntityManager,
  caller: TenantCaller,
  s: Shipment,
  eventType: AuditEventType,
  description: string,
  changes: AuditChange[],
) {
  return recordAudit(tx, caller, {
    municipalityId: s.municipalityId,
    eventType,
    objectType: 'Dokument',
    objectId: s.documentId,
    description,
    changes: [{ name: 'shipmentId', old: null, new: s.id }, ...changes],
  });
}

/** The hashes of the files that go out, as audit changes (`file[1]`: name and SHA-256). */
async function fileHashes(tx: SqlEntityManager, s: Shipment, d: Document): Promise<AuditChange[]> {
  const files = filesToSend(
    await tx.find(Component, { documentId: s.documentId }, { orderBy: { order: 'asc', version: 'asc' } }),
  );
  if (files.length === 0 && ELECTRONIC.includes(s.channel)) {
    throw conflict(`Document ${label(d)} has no files to send by ${s.channel}; attach them first`);
  }
  return files.map((f) => ({
    name: `file[${f.order}]`,
    old: null,
    new: `${f.fileName} v${f.version} sha256:${f.sha256}`,
  }));
}

/**
 * `createShipment` (VlozeniKVypraveni): an own, registered, not yet closed document the caller prepares
 * (handler, author, unit head) gets a shipment in CREATED. The document's row is locked, so closing or
 * cancelling it cannot pass a shipment being created.
 */
export async function createShipment(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateShipmentInput,
  now: Date,
): Promise<ShipmentResult> {
  const { channel, postalKind, recipient, dataBox } = validateShipment(input, now);
  return inTransaction(em, async (tx) => {
    const d = await lockDocument(tx, input.documentId);
    if (!d || !canSeeDocument(caller, d)) throw notFound('Document', input.documentId);
    if (d.origin !== 'OWN') throw conflict(`Document ${label(d)} was received; only own documents are dispatched`);
    if (!DISPATCHABLE_STATES.includes(d.state)) {
      throw conflict(
        `Document ${label(d)} is ${d.state}: shipments are created for registered documents not yet closed (${DISPATCHABLE_STATES.join(', ')})`,
      );
    }
    if (!preparesFor(caller, d))
      throw forbidden('Only the handler of the document, its author or the head of its org unit may dispatch it');
    // Found or added in the name register only now that the shipment may be made (a refusal adds no party).
    const party = await resolvePartyChoice(tx, caller, recipient, 'DISPATCH', now);
    const snapshot = snapshotOf(recipient.by === 'details' ? recipient.flat : null, party);
    if (!(recipient.by === 'details' && recipient.flat))
      checkRecipientForChannel(channel, snapshot, recipientField(recipient));
    const s = tx.create(Shipment, {
      id: randomUUID(),
      municipalityId: d.municipalityId,
      documentId: d.id,
      channel,
      postalKind,
      ...snapshot,
      recipientPartyId: party.id,
      state: 'CREATED',
      createdAt: now,
      createdById: caller.userId,
      handedOverAt: null,
      handedOverById: null,
      dispatchedAt: null,
      dispatchedById: null,
      externalId: null,
      deliveredAt: null,
      deliveredByFiction: false,
      returnedAt: null,
      returnReason: null,
      returnNote: null,
      outcomeRecordedById: null,
      cancelledAt: null,
      cancelledById: null,
      cancelReason: null,
      ...dataBox,
    });
    tx.persist(s);
    await tx.flush();
    const event = await audit(
      tx,
      caller,
      s,
      'VlozeniKVypraveni',
      `Document ${label(d)} put into dispatch: ${describe(s, d)}`,
      [
        { name: 'state', old: null, new: 'CREATED' },
        { name: 'channel', old: null, new: s.channel },
        ...(s.postalKind ? [{ name: 'postalKind', old: null, new: s.postalKind }] : []),
        { name: 'recipient', old: null, new: `${s.recipientName} <${recipientOf(s)}>` },
        { name: 'recipientPartyId', old: null, new: party.id },
      ],
    );
    return { shipment: s, auditEventId: event.id };
  });
}

type Step = 'handOver' | 'cancel' | 'dispatch' | 'delivery' | 'return';

/** THE shipment transition table: which step may start from which state, and where it leads. */
const STEPS: Record<Step, { from: ShipmentState[]; to: ShipmentState }> = {
  handOver: { from: ['CREATED'], to: 'TO_DISPATCH' },
  cancel: { from: ['CREATED', 'TO_DISPATCH'], to: 'CANCELLED' },
  dispatch: { from: ['TO_DISPATCH'], to: 'DISPATCHED' },
  delivery: { from: ['DISPATCHED'], to: 'DELIVERED' },
  return: { from: ['DISPATCHED'], to: 'RETURNED' },
};

/** Who may take each step, given the shipment and its document. */
const MAY: Record<Step, (c: Caller, s: Shipment, d: Document) => boolean> = {
  handOver: (c, s, d) => preparesFor(c, d) || s.createdById === c.userId,
  cancel: (c, s, d) => preparesFor(c, d) || s.createdById === c.userId || isDispatchClerk(c),
  dispatch: (c) => isDispatchClerk(c),
  delivery: (c) => isDispatchClerk(c),
  return: (c) => isDispatchClerk(c),
};
const WHO: Record<Step, string> = {
  handOver: 'whoever created the shipment, the handler of the document, its author or the head of its org unit',
  cancel:
    'whoever created the shipment, the handler of the document, its author, the head of its org unit or the dispatch office',
  dispatch: 'the dispatch office (DISPATCH_CLERK)',
  delivery: 'the dispatch office (DISPATCH_CLERK)',
  return: 'the dispatch office (DISPATCH_CLERK)',
};

/**
 * One step in one transaction: lock the shipment, check visibility (NOT_FOUND), state (CONFLICT) and caller
 * (FORBIDDEN) in that order, apply, store, and write the audit event last. A refused step writes nothing.
 */
async function runShipmentStep(
  em: SqlEntityManager,
  caller: TenantCaller,
  step: Step,
  shipmentId: string,
  apply: (
    tx: SqlEntityManager,
    s: Shipment,
    d: Document,
  ) => Promise<{ eventType: AuditEventType; description: string; changes: AuditChange[] }>,
): Promise<ShipmentResult> {
  return inTransaction(em, async (tx) => {
    const s = await tx.findOne(Shipment, { id: shipmentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const d = s ? await tx.findOne(Document, { id: s.documentId }) : null;
    if (!s || !d || !canSeeShipment(caller, d)) throw notFound('Shipment', shipmentId);
    const rule = STEPS[step];
    if (!rule.from.includes(s.state)) {
      throw conflict(`Shipment ${s.id} of document ${label(d)} is ${s.state}; this needs ${rule.from.join(' or ')}`);
    }
    if (!MAY[step](caller, s, d)) throw forbidden(`Only ${WHO[step]} may do this`);
    const from = s.state;
    s.state = rule.to;
    const { eventType, description, changes } = await apply(tx, s, d);
    await tx.flush();
    const event = await audit(tx, caller, s, eventType, description, [
      { name: 'state', old: from, new: s.state },
      ...changes,
    ]);
    return { shipment: s, auditEventId: event.id };
  });
}

/** `handOverShipment` (PredaniVypravne): the dispatch office gets it, with the hashes of the files it will send. */
export function handOverShipment(
  em: SqlEntityManager,
  caller: TenantCaller,
  shipmentId: string,
  now: Date,
): Promise<ShipmentResult> {
  return runShipmentStep(em, caller, 'handOver', shipmentId, async (tx, s, d) => {
    const files = await fileHashes(tx, s, d);
    Object.assign(s, { handedOverAt: now, handedOverById: caller.userId });
    return {
      eventType: 'PredaniVypravne',
      description: `Handed over to the dispatch office: ${describe(s, d)}`,
      changes: files,
    };
  });
}

/** `cancelShipment` (VyjmutiZVypraveni): before it leaves, with a reason. */
export function cancelShipment(
  em: SqlEntityManager,
  caller: TenantCaller,
  shipmentId: string,
  reason: string,
  now: Date,
): Promise<ShipmentResult> {
  const why = requiredText(reason, 'reason', MAX_REASON_LENGTH);
  return runShipmentStep(em, caller, 'cancel', shipmentId, async (_, s, d) => {
    Object.assign(s, { cancelledAt: now, cancelledById: caller.userId, cancelReason: why });
    return {
      eventType: 'VyjmutiZVypraveni',
      description: `Taken out of dispatch: ${describe(s, d)}: ${why}`,
      changes: [{ name: 'reason', old: null, new: why }],
    };
  });
}

/**
 * `dispatchShipment` (Vypraveno): the item left. A data message is identified by its dmID (required: the
 * delivery receipt refers to it); a postal item may carry its item number. The event holds the files' hashes
 * as sent.
 */
export function dispatchShipment(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: DispatchShipmentInput,
  now: Date,
): Promise<ShipmentResult> {
  const externalId = optionalText(input.externalId, 'externalId', 50);
  return runShipmentStep(em, caller, 'dispatch', input.shipmentId, async (tx, s, d) => {
    if (s.channel === 'DATA_BOX' && !(externalId && DM_ID.test(externalId))) {
      throw badInput(
        'A DATA_BOX shipment is dispatched with the dmID (1–20 digits) of the sent message as externalId',
        'externalId',
      );
    }
    const dispatchedAt =
      input.dispatchedAt == null ? toSecond(now) : reportedTime(input.dispatchedAt, 'dispatchedAt', s.createdAt, now);
    const files = await fileHashes(tx, s, d);
    Object.assign(s, { dispatchedAt, dispatchedById: caller.userId, externalId });
    return {
      eventType: 'Vypraveno',
      description: `Dispatched: ${describe(s, d)}${externalId ? ` (${externalId})` : ''}`,
      changes: [
        { name: 'dispatchedAt', old: null, new: iso(dispatchedAt) },
        ...(externalId ? [{ name: 'externalId', old: null, new: externalId }] : []),
        ...files,
      ],
    };
  });
}

/** The caller's upload made the shipment's proof (used up, like an attached component's); its hash goes into the event. */
async function attachProof(
  tx: SqlEntityManager,
  caller: TenantCaller,
  s: Shipment,
  uploadId: string,
  kind: DeliveryProofKind,
  now: Date,
): Promise<AuditChange[]> {
  // Locked like attachComponent's, against the upload sweep.
  const upload = await tx.findOne(Upload, { id: uploadId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!upload || upload.uploadedById !== caller.userId) throw notFound('Upload', uploadId);
  const proof = tx.create(DeliveryProof, {
    id: randomUUID(),
    municipalityId: s.municipalityId,
    shipmentId: s.id,
    kind,
    fileName: upload.fileName,
    mediaType: upload.mediaType,
    size: upload.size,
    sha256: upload.sha256,
    blobKey: upload.blobKey,
    createdAt: now,
    createdById: caller.userId,
  });
  tx.persist(proof);
  tx.remove(upload);
  return [
    { name: 'proofId', old: null, new: proof.id },
    { name: 'proofKind', old: null, new: kind },
    { name: 'proofFileName', old: null, new: proof.fileName },
    { name: 'proofSha256', old: null, new: proof.sha256 },
  ];
}

/** `recordShipmentDelivery` (Doruceno): when it was delivered, with the delivery receipt or note when there is one. */
export function recordShipmentDelivery(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: RecordShipmentDeliveryInput,
  now: Date,
): Promise<ShipmentResult> {
  const byFiction = input.byFiction ?? false;
  return runShipmentStep(em, caller, 'delivery', input.shipmentId, async (tx, s, d) => {
    if (byFiction && !FICTION_CHANNELS.includes(s.channel))
      throw badInput(`Delivery by fiction applies to ${FICTION_CHANNELS.join(' and ')} shipments`, 'byFiction');
    const deliveredAt = reportedTime(input.deliveredAt, 'deliveredAt', s.dispatchedAt!, now);
    Object.assign(s, { deliveredAt, deliveredByFiction: byFiction, outcomeRecordedById: caller.userId });
    const proof = input.proofUploadId
      ? await attachProof(tx, caller, s, input.proofUploadId, 'DELIVERY_RECEIPT', now)
      : [];
    return {
      eventType: 'Doruceno',
      description: `Delivered${byFiction ? ' by fiction' : ''}: ${describe(s, d)}`,
      changes: [
        { name: 'deliveredAt', old: null, new: iso(deliveredAt) },
        ...(byFiction ? [{ name: 'deliveredByFiction', old: null, new: 'true' }] : []),
        ...proof,
      ],
    };
  });
}

/** `recordShipmentReturn`: the item came back undelivered, with the reason (domain.md §4.3). */
export function recordShipmentReturn(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: RecordShipmentReturnInput,
  now: Date,
): Promise<ShipmentResult> {
  if (!RETURN_REASONS.includes(input.reason))
    throw badInput(`reason must be one of ${RETURN_REASONS.join(', ')}`, 'reason');
  const note = optionalText(input.note, 'note', MAX_REASON_LENGTH);
  if (input.reason.startsWith('OTHER_') && !note)
    throw badInput(`A return for ${input.reason} needs a note saying what happened`, 'note');
  return runShipmentStep(em, caller, 'return', input.shipmentId, async (tx, s, d) => {
    const returnedAt = reportedTime(input.returnedAt, 'returnedAt', s.dispatchedAt!, now);
    Object.assign(s, { returnedAt, returnReason: input.reason, returnNote: note, outcomeRecordedById: caller.userId });
    const proof = input.proofUploadId
      ? await attachProof(tx, caller, s, input.proofUploadId, 'RETURNED_ITEM', now)
      : [];
    return {
      eventType: 'Uprava',
      description: `Returned undelivered (${input.reason}): ${describe(s, d)}`,
      changes: [
        { name: 'returnedAt', old: null, new: iso(returnedAt) },
        { name: 'returnReason', old: null, new: input.reason },
        ...(note ? [{ name: 'returnNote', old: null, new: note }] : []),
        ...proof,
      ],
    };
  });
}

/** CONFLICT when the document still has shipments that have not left (closing or cancelling it would strand them). */
export async function assertNothingPending(
  tx: SqlEntityManager,
  d: Pick<Document, 'id' | 'referenceNumber' | 'pid'>,
): Promise<void> {
  const pending = await tx.count(Shipment, { documentId: d.id, state: { $in: PENDING_STATES } });
  if (pending > 0)
    throw conflict(`Document ${label(d)} has ${pending} shipment(s) not yet dispatched; dispatch or cancel them first`);
}
