import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, conflict, diff, inTransaction, nextInSeries, notFound, recordAudit, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { RegisterDocumentInput } from '../../generated/graphql';
import { formatReferenceNumber, numberSeries, registrationYear } from '../registers/numbering';
import { generatePid } from '../registers/pid';
import { Register } from '../registers/register.entity';
import { findActiveMainRegister } from '../registers/registers';
import { Document } from './document.entity';
import { foldForSearch } from './search';
import { validateRegistration } from './validation';

/** Intake, case handlers (their own outgoing documents) and records managers register; tenant admins do not. */
export const REGISTERING_ROLES = [Role.INTAKE_CLERK, Role.CASE_HANDLER, Role.RECORDS_MANAGER];

const AUDITED_FIELDS: (keyof Document)[] = [
  'pid', 'registerId', 'referenceNumber', 'sequenceNumber', 'year', 'subject', 'origin', 'deliveredAt',
  'senderName', 'senderAddress', 'senderDataBoxId', 'senderIco', 'senderReferenceNumber', 'registeredAt',
];
const PID_ATTEMPTS = 5;

export interface RegistrationResult {
  document: Document;
  auditEventId: string;
}

/** The register a document goes into: the one asked for, or the municipality's active MAIN register. */
async function targetRegister(em: SqlEntityManager, registerId: string | null | undefined): Promise<Register> {
  if (registerId) {
    // The tenant filter hides other municipalities' registers: they are "not found", like unknown ids.
    const register = await em.findOne(Register, { id: registerId });
    if (!register) throw notFound('Register', registerId);
    if (!register.active) throw conflict(`Register ${register.name} is closed and takes no new documents`);
    return register;
  }
  const main = await findActiveMainRegister(em);
  if (!main) throw conflict('The municipality has no active main register; name a registerId or create one');
  return main;
}

/** The municipality's abbreviation for the PID: the prefix of its MAIN register. */
async function pidAbbreviation(em: SqlEntityManager, register: Register): Promise<string> {
  if (register.kind === 'MAIN') return register.referencePrefix;
  const main = await findActiveMainRegister(em);
  if (!main) throw conflict('The municipality has no active main register, whose prefix the PID needs');
  return main.referencePrefix;
}

/**
 * The PID index in the driver's words (MariaDB names the key, SQLite the column). The message also quotes the
 * whole INSERT, which names every column, so matching just "pid" would take any duplicate for a PID collision.
 */
const PID_INDEX = /\bdocument_pid_unique\b|constraint failed: document\.pid\b/;
const isPidCollision = (e: unknown) => e instanceof UniqueConstraintViolationException && PID_INDEX.test(e.message);

/**
 * Inserts the document under a fresh PID, and under another one if the first is taken. Each attempt runs in
 * a savepoint so a collision undoes only that insert, not the number already allocated in `tx`.
 */
export async function insertWithUniquePid(
  tx: SqlEntityManager,
  nextPid: () => string,
  fields: Omit<Document, 'pid'>,
): Promise<Document> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transactional(async (savepoint) => {
        const document = savepoint.create(Document, { ...fields, pid: nextPid() });
        await savepoint.flush();
        return document;
      });
    } catch (e) {
      if (attempt >= PID_ATTEMPTS || !isPidCollision(e)) throw e;
    }
  }
}

/**
 * `registerDocument` (domain.md §5.1): validates, then in one transaction allocates the next number of
 * (register, year), stores the entry with its PID and writes the audit event, so all three commit together
 * or not at all. `now` is the registration time; its Czech calendar year picks the number series.
 */
export async function registerDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: RegisterDocumentInput,
  now: Date,
): Promise<RegistrationResult> {
  const fields = validateRegistration(input, now);
  const register = await targetRegister(em, input.registerId);
  const abbreviation = await pidAbbreviation(em, register);
  const year = registrationYear(now);

  return inTransaction(em, async (tx) => {
    // First statement: takes the series' row lock, so concurrent registrations queue here (kit counters.ts).
    const sequenceNumber = await nextInSeries(tx, numberSeries(register.id, year));
    const document = await insertWithUniquePid(tx, () => generatePid(abbreviation), {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      registerId: register.id,
      referenceNumber: formatReferenceNumber(register, sequenceNumber, year),
      sequenceNumber,
      year,
      subject: fields.subject,
      subjectFolded: foldForSearch(fields.subject),
      origin: fields.origin,
      deliveredAt: fields.deliveredAt,
      senderName: fields.sender?.name ?? null,
      senderAddress: fields.sender?.address ?? null,
      senderDataBoxId: fields.sender?.dataBoxId ?? null,
      senderIco: fields.sender?.ico ?? null,
      senderReferenceNumber: fields.senderReferenceNumber,
      registeredAt: now,
      registeredById: caller.userId,
    });
    const event = await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Document ${document.referenceNumber} registered`,
      changes: diff({}, document, AUDITED_FIELDS),
    });
    return { document, auditEventId: event.id };
  });
}
