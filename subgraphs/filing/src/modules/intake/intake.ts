import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ErrorCode, HubError, Role, badInput, inTransaction, isValidIco, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { DataMessageInput } from '../../generated/graphql';
import { attachComponent } from '../components/components';
import { Upload } from '../components/upload.entity';
import { Document } from '../documents/document.entity';
import { registerDocument } from '../documents/registration';
import type { PartyKind } from '../parties/party.entity';
import { DataMessage } from './data-message.entity';

/** Who delivers data messages: the podatelna, and office apps (ISDS connectors) through an API client with the role. */
export const INTAKE_ROLES = [Role.INTAKE_CLERK];

/** isds.md §2: dmID is a string of at most 20; real ones are numeric. */
const DM_ID = /^\d{1,20}$/;
/** isds.md §2: dbID is exactly 7 characters, lowercase alphanumeric. */
const BOX_ID = /^[a-z0-9]{7}$/;
const MAX_SENDER_NAME = 100;
const MAX_ANNOTATION = 255;
const MAX_REF_NUMBER = 50;
/** isds.md §4 "Count": at most 100 attachments per message. */
export const MAX_FILES_PER_MESSAGE = 100;
/**
 * isds.md §4 "Size": total attachments ≤ 100 MB (a VoDZ message; an ordinary one carries ≤ 20 MB, but a connector
 * may deliver both kinds here, so the larger ceiling applies).
 */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
/**
 * isds.md §2 dmMessageStatus 1–10. Only a message in the recipient's box can be registered: 4 delivered, 5 served by
 * fiction, 6 served by login, 7 read, 10 in the Data Vault. 1–3 have not reached the box (3 failed antivirus), 8 is
 * undeliverable and 9 has its content deleted (no files left to register).
 */
export const REGISTRABLE_STATUSES = [4, 5, 6, 7, 10];
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const EARLIEST = new Date('1990-01-01T00:00:00Z');

const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** The envelope after validation: trimmed, times to the second. */
export interface Envelope {
  dmId: string;
  senderBoxId: string;
  senderName: string;
  annotation: string;
  senderRefNumber: string | null;
  recipientRefNumber: string | null;
  deliveredAt: Date;
  acceptedAt: Date | null;
  status: number;
  uploadIds: string[];
  /** dmSenderAddress, and the sender's IČO when the connector knows it (FindDataBox `ic`). */
  senderAddress: string | null;
  senderIco: string | null;
  /** The kind of party dmSenderType says the sender is; null when not given. */
  senderKind: PartyKind | null;
}

/**
 * isds.md §2 dmSenderType: 10 OVM, 20 PO, 30 PFO, 40 FO (0 ISDS itself); since 26.6.2026 finer types within each
 * ten, so the tens decide. A PFO is a natural person with an IČO.
 */
export function partyKindOfSenderType(type: number | null | undefined): PartyKind | null {
  if (type == null) return null;
  if (!Number.isInteger(type) || type < 0 || type > 99)
    throw badInput('senderType must be an ISDS sender type (0–99)', 'senderType');
  if (type < 20) return 'PUBLIC_AUTHORITY';
  if (type < 30) return 'LEGAL_PERSON';
  if (type < 50) return 'NATURAL_PERSON';
  return null;
}

function text(value: string | null | undefined, field: string, max: number): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length === 0 || trimmed.length > max) throw badInput(`${field} must be 1–${max} characters`, field);
  return trimmed;
}

function optional(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

function time(value: Date | null | undefined, field: string, now: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(`${field} is required`, field);
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput(`${field} is in the future`, field);
  if (value < EARLIEST) throw badInput(`${field} is before 1990`, field);
  return toSecond(value);
}

/** Checks an envelope before anything is read or written; BAD_USER_INPUT naming the first wrong field. */
export function validateEnvelope(input: DataMessageInput, now: Date): Envelope {
  const dmId = input.dmId?.trim() ?? '';
  if (!dmId) throw badInput('dmId is required', 'dmId');
  if (!DM_ID.test(dmId)) throw badInput('dmId must be 1–20 digits', 'dmId');
  const senderBoxId = input.senderBoxId?.trim() ?? '';
  if (!BOX_ID.test(senderBoxId))
    throw badInput('senderBoxId must be exactly 7 lowercase letters or digits', 'senderBoxId');
  const senderName = text(input.senderName, 'senderName', MAX_SENDER_NAME);
  const annotation = text(input.annotation, 'annotation', MAX_ANNOTATION);
  const senderRefNumber = optional(input.senderRefNumber, 'senderRefNumber', MAX_REF_NUMBER);
  const recipientRefNumber = optional(input.recipientRefNumber, 'recipientRefNumber', MAX_REF_NUMBER);
  const deliveredAt = time(input.deliveryTime, 'deliveryTime', now);
  const acceptedAt = input.acceptanceTime == null ? null : time(input.acceptanceTime, 'acceptanceTime', now);
  if (acceptedAt && acceptedAt < deliveredAt) throw badInput('acceptanceTime is before deliveryTime', 'acceptanceTime');
  const status = input.status;
  if (!Number.isInteger(status) || status < 1 || status > 10)
    throw badInput('status must be an ISDS message status 1–10', 'status');
  if (!REGISTRABLE_STATUSES.includes(status)) {
    throw badInput(
      `A message in status ${status} is not in the box and cannot be registered (${REGISTRABLE_STATUSES.join(', ')})`,
      'status',
    );
  }
  const uploadIds = input.uploadIds ?? [];
  if (uploadIds.length === 0) throw badInput('A data message has at least one file', 'uploadIds');
  if (uploadIds.length > MAX_FILES_PER_MESSAGE)
    throw badInput(`A data message has at most ${MAX_FILES_PER_MESSAGE} files`, 'uploadIds');
  if (new Set(uploadIds).size !== uploadIds.length) throw badInput('uploadIds lists an upload twice', 'uploadIds');
  const senderAddress = optional(input.senderAddress, 'senderAddress', MAX_SENDER_NAME);
  const senderIco = optional(input.senderIco, 'senderIco', 8);
  if (senderIco && !isValidIco(senderIco))
    throw badInput('senderIco must be 8 digits with a valid check digit', 'senderIco');
  const senderKind = partyKindOfSenderType(input.senderType);
  return {
    dmId,
    senderBoxId,
    senderName,
    annotation,
    senderRefNumber,
    recipientRefNumber,
    deliveredAt,
    acceptedAt,
    status,
    uploadIds,
    senderAddress,
    senderIco,
    senderKind,
  };
}

/** The caller's own uploads, in the order given; BAD_USER_INPUT for unknown or foreign ones, PAYLOAD_TOO_LARGE past the limit. */
async function checkUploads(em: SqlEntityManager, caller: TenantCaller, ids: string[]): Promise<Upload[]> {
  const found = await em.find(Upload, { id: { $in: ids } });
  const byId = new Map(found.filter((u) => u.uploadedById === caller.userId).map((u) => [u.id, u]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw badInput(`Upload ${missing} was not found among the caller's uploads`, 'uploadIds');
  const uploads = ids.map((id) => byId.get(id)!);
  const total = uploads.reduce((s, u) => s + Number(u.size), 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new HubError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The files total ${total} bytes, over the message limit of ${MAX_MESSAGE_BYTES}`,
      { field: 'uploadIds' },
    );
  }
  return uploads;
}

const DATA_MESSAGE_KEY =
  /\bdata_message_municipality_id_dm_id_unique\b|constraint failed: data_message\.municipality_id, data_message\.dm_id\b/;
const isDuplicateDelivery = (e: unknown) =>
  e instanceof UniqueConstraintViolationException && DATA_MESSAGE_KEY.test(e.message);

export interface IntakeResult {
  document: Document;
  dataMessage: DataMessage;
  duplicate: boolean;
}

async function existing(em: SqlEntityManager, dmId: string): Promise<IntakeResult | null> {
  const dataMessage = await em.findOne(DataMessage, { dmId }, { refresh: true });
  if (!dataMessage) return null;
  const document = await em.findOneOrFail(Document, { id: dataMessage.documentId });
  return { document, dataMessage, duplicate: true };
}

/**
 * `receiveDataMessage` (issue 6 item 3): registers a received ISDS message as a RECEIVED document of the main
 * register (registerDocument: number, PID, the sender's party found by its box or added, `Zalozeni`), attaches its files in order as ORIGINAL components
 * (attachComponent: `VlozeniKDokumentu` with the hash) and records the envelope, all in one transaction.
 * Idempotent on (municipality, dmID): a repeat answers the first document with `duplicate: true` and writes
 * nothing; two concurrent deliveries are settled by the unique key, the loser rolling back (number included).
 */
export interface IntakeOptions {
  /**
   * The signed message itself (ZFO), uploaded by the caller: attached after the files as the CONTAINER component, so the
   * document keeps what ISDS sealed (the data-box connector, modules/data-box). Not part of the GraphQL input.
   */
  containerUploadId?: string;
}

export async function receiveDataMessage(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: DataMessageInput,
  now: Date,
  opts: IntakeOptions = {},
): Promise<IntakeResult> {
  const envelope = validateEnvelope(input, now);
  const seen = await existing(em, envelope.dmId);
  if (seen) return seen;
  const uploads = await checkUploads(em, caller, envelope.uploadIds);
  try {
    return await inTransaction(em, async (tx) => {
      const { document } = await registerDocument(
        tx,
        caller,
        {
          subject: envelope.annotation,
          origin: 'RECEIVED',
          deliveredAt: envelope.deliveredAt,
          // The name register finds the sender by its box (and IČO), or adds it (registration.ts, modules/parties).
          sender: {
            name: envelope.senderName,
            address: envelope.senderAddress,
            dataBoxId: envelope.senderBoxId,
            ico: envelope.senderIco,
          },
          senderReferenceNumber: envelope.senderRefNumber,
        },
        now,
        { senderKind: envelope.senderKind },
      );
      let current = document;
      for (const upload of uploads) {
        ({ document: current } = await attachComponent(tx, caller, {
          documentId: document.id,
          uploadId: upload.id,
          form: 'ORIGINAL',
        }));
      }
      if (opts.containerUploadId) {
        ({ document: current } = await attachComponent(tx, caller, {
          documentId: document.id,
          uploadId: opts.containerUploadId,
          form: 'CONTAINER',
        }));
      }
      const dataMessage = tx.create(DataMessage, {
        id: randomUUID(),
        municipalityId: caller.municipalityId,
        dmId: envelope.dmId,
        senderBoxId: envelope.senderBoxId,
        senderName: envelope.senderName,
        annotation: envelope.annotation,
        senderRefNumber: envelope.senderRefNumber,
        recipientRefNumber: envelope.recipientRefNumber,
        deliveredAt: envelope.deliveredAt,
        acceptedAt: envelope.acceptedAt,
        status: envelope.status,
        documentId: document.id,
        receivedAt: now,
        receivedById: caller.userId,
      });
      await tx.flush();
      return { document: current, dataMessage, duplicate: false };
    });
  } catch (e) {
    if (!isDuplicateDelivery(e)) throw e;
    const winner = await existing(em, envelope.dmId);
    if (!winner) throw e;
    return winner;
  }
}
