import { badInput, isValidIco, parseDay } from '@hub/kit';
import type { RegisterDocumentInput, SettleDocumentInput } from '../../generated/graphql';
import type { DocumentOrigin, SettlementMethod } from './document.entity';

export const MAX_SUBJECT_LENGTH = 2000;
/** Reasons (return, reopening, cancellation) and settlement texts. */
export const MAX_REASON_LENGTH = 2000;
const MAX_SENDER_NAME_LENGTH = 300;
const MAX_SENDER_ADDRESS_LENGTH = 500;
/** NSESSS limits an evidenční číslo to 50 characters; the sender's is one. */
const MAX_SENDER_REFERENCE_LENGTH = 50;
/** Intake machines' clocks drift; a delivery stamped a few minutes "ahead" of ours is still genuine. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A delivery before 1990 is a typing error, not a late registration (the eSSL era starts much later). */
const EARLIEST_DELIVERY = new Date('1990-01-01T00:00:00Z');

export interface SenderFields {
  name: string;
  address: string | null;
  dataBoxId: string | null;
  ico: string | null;
}

/** A registration request after validation: trimmed, normalised, safe to store. */
export interface RegistrationFields {
  subject: string;
  origin: DocumentOrigin;
  deliveredAt: Date | null;
  /** The flat sender when one was given (else the sender is a party: `senderParty`, `senderPartyId`). */
  sender: SenderFields | null;
  senderReferenceNumber: string | null;
}

/** Trimmed text, or null for missing and blank values. */
function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Trimmed text of 1–`max` characters, else BAD_USER_INPUT naming `field`. */
export function requiredText(value: string | null | undefined, field: string, max = MAX_REASON_LENGTH): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length === 0 || trimmed.length > max) throw badInput(`${field} must be 1–${max} characters`, field);
  return trimmed;
}

/** The subject of a document (registration and drafts). */
export const validateSubject = (subject: string) => requiredText(subject, 'subject', MAX_SUBJECT_LENGTH);

/**
 * A calendar day written YYYY-MM-DD that exists (2026-02-30 does not: Date would quietly read it as 2 March),
 * else BAD_USER_INPUT naming `field`. Days compare correctly as strings.
 */
export function parseRecordDay(value: string, field: string): string {
  // The kit's one day check (day.ts), and no record of this office is older than 1900.
  if (parseDay(value, field) < '1900-01-01')
    throw badInput(`${field} must be a calendar day YYYY-MM-DD from 1900 on`, field);
  return value;
}

/** A day that has happened: not after `today` (YYYY-MM-DD in Czech time). */
export function pastDay(value: string, field: string, today: string): string {
  const day = parseRecordDay(value, field);
  if (day > today) throw badInput(`${field} is in the future (today is ${today})`, field);
  return day;
}

/** A settlement after validation. */
export interface SettlementFields {
  method: SettlementMethod;
  settledOn: string;
  content: string | null;
  reason: string | null;
}

/**
 * Checks a `settleDocument` input (domain.md §2 způsob vyřízení): the day is a real one, not in the future and
 * not before the document's registration day, both Czech calendar days (default: today); OTHER (jiný způsob)
 * needs a content and a reason; every text is at most 2000 characters.
 */
export function validateSettlement(
  input: SettleDocumentInput,
  today: string,
  registeredOn: string | null,
): SettlementFields {
  const settledOn = input.settledOn == null ? today : pastDay(input.settledOn, 'settledOn', today);
  if (registeredOn && settledOn < registeredOn) {
    throw badInput(`settledOn ${settledOn} is before the document was registered (${registeredOn})`, 'settledOn');
  }
  if (input.method === 'OTHER') {
    return {
      method: 'OTHER',
      settledOn,
      content: requiredText(input.content, 'content'),
      reason: requiredText(input.reason, 'reason'),
    };
  }
  const content = optionalText(input.content);
  if (content && content.length > MAX_REASON_LENGTH)
    throw badInput(`content must be at most ${MAX_REASON_LENGTH} characters`, 'content');
  const reason = optionalText(input.reason);
  if (reason && reason.length > MAX_REASON_LENGTH)
    throw badInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
  return { method: input.method, settledOn, content, reason };
}

/**
 * Checks a `registerDocument` input before anything is written and throws BAD_USER_INPUT naming the first
 * wrong field. Every length is checked here so an oversized value is the client's error, never a database one.
 */
export function validateRegistration(input: RegisterDocumentInput, now: Date): RegistrationFields {
  const subject = validateSubject(input.subject);

  const senderReferenceNumber = optionalText(input.senderReferenceNumber);
  if (senderReferenceNumber && senderReferenceNumber.length > MAX_SENDER_REFERENCE_LENGTH) {
    throw badInput(
      `senderReferenceNumber must be at most ${MAX_SENDER_REFERENCE_LENGTH} characters`,
      'senderReferenceNumber',
    );
  }

  if (input.origin === 'OWN') {
    // An own document has no delivery and no sender (NSESSS VlastniDokument); accepting them would store
    // data the API then never shows.
    if (input.deliveredAt) throw badInput('An own document has no deliveredAt', 'deliveredAt');
    if (input.sender || input.senderParty || input.senderPartyId)
      throw badInput('An own document has no sender', 'sender');
    if (senderReferenceNumber) throw badInput('An own document has no senderReferenceNumber', 'senderReferenceNumber');
    return { subject, origin: 'OWN', deliveredAt: null, sender: null, senderReferenceNumber: null };
  }

  if (!input.deliveredAt) throw badInput('A received document needs deliveredAt', 'deliveredAt');
  if (input.deliveredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw badInput('deliveredAt is in the future', 'deliveredAt');
  if (input.deliveredAt < EARLIEST_DELIVERY) throw badInput('deliveredAt is before 1990', 'deliveredAt');
  // One of three ways to name it (modules/parties `choosePartyInput` refuses two); the flat one is checked here.
  if (!input.sender && !input.senderParty && !input.senderPartyId)
    throw badInput('A received document needs a sender', 'sender');

  return {
    subject,
    origin: 'RECEIVED',
    // Kept to the second, as the register records it (domain.md §5.1), so both databases store the same value.
    deliveredAt: new Date(Math.floor(input.deliveredAt.getTime() / 1000) * 1000),
    sender: input.sender ? validateSender(input.sender) : null,
    senderReferenceNumber,
  };
}

function validateSender(sender: NonNullable<RegisterDocumentInput['sender']>): SenderFields {
  const name = sender.name.trim();
  if (name.length === 0 || name.length > MAX_SENDER_NAME_LENGTH) {
    throw badInput(`sender.name must be 1–${MAX_SENDER_NAME_LENGTH} characters`, 'sender.name');
  }
  const address = optionalText(sender.address);
  if (address && address.length > MAX_SENDER_ADDRESS_LENGTH) {
    throw badInput(`sender.address must be at most ${MAX_SENDER_ADDRESS_LENGTH} characters`, 'sender.address');
  }
  const dataBoxId = optionalText(sender.dataBoxId);
  if (dataBoxId && !/^[a-z0-9]{7}$/.test(dataBoxId)) {
    throw badInput('sender.dataBoxId must be 7 lowercase letters or digits', 'sender.dataBoxId');
  }
  const ico = optionalText(sender.ico);
  if (ico && !isValidIco(ico)) throw badInput('sender.ico must be 8 digits with a valid check digit', 'sender.ico');
  return { name, address, dataBoxId, ico };
}
