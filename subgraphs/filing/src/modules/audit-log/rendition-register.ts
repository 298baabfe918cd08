import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { DEMO_MUNICIPALITIES, demoId, inTransaction, recordAudit } from '@hub/kit';
import { Register } from '../registers/register.entity';
import { addRegister, registerAuditChanges } from '../registers/registers';

/**
 * The register the daily renditions of the log are filed in: a separate register (samostatná evidence)
 * "Transakční protokoly" of each municipality, numbered `TP-0001/2026`. The seed creates it for the demo
 * municipalities; any other municipality gets it with its first rendition.
 */
export const AUDIT_LOG_REGISTER_NAME = 'Transakční protokoly';
export const AUDIT_LOG_REGISTER_PREFIX = 'TP';

/** The register's id, fixed per municipality, so two processes creating it at once collide on the key. */
export function auditLogRegisterId(municipalityId: string): string {
  const demo = DEMO_MUNICIPALITIES.find((m) => m.id === municipalityId);
  return demo
    ? demoId('register', `${demo.abbreviation}:audit-log`)
    : demoId('register', `${municipalityId}:audit-log`);
}

/**
 * Creates the register (with its audit event, by the system) in `tx` unless it exists. Its prefix is `TP`, or
 * `TP2`, `TP3` … when the municipality already has a separate register of that prefix for something else.
 */
export async function addAuditLogRegister(
  tx: SqlEntityManager,
  municipalityId: string,
  description: string,
): Promise<Register> {
  const id = auditLogRegisterId(municipalityId);
  const existing = await tx.findOne(Register, { id });
  if (existing) return existing;
  const taken = new Set((await tx.find(Register, { kind: 'SEPARATE' })).map((r) => r.referencePrefix));
  let prefix = AUDIT_LOG_REGISTER_PREFIX;
  for (let n = 2; taken.has(prefix); n++) prefix = `${AUDIT_LOG_REGISTER_PREFIX}${n}`;
  const register = addRegister(
    tx,
    municipalityId,
    { name: AUDIT_LOG_REGISTER_NAME, kind: 'SEPARATE', referencePrefix: prefix },
    id,
  );
  await tx.flush();
  await recordAudit(tx, null, {
    municipalityId,
    eventType: 'Zalozeni',
    objectType: 'Denik',
    objectId: register.id,
    description,
    changes: registerAuditChanges(register),
  });
  return register;
}

/** The register of `em`'s municipality (tenant-scoped), created on first use. */
export async function ensureAuditLogRegister(em: SqlEntityManager, municipalityId: string): Promise<Register> {
  const existing = await em.findOne(Register, { id: auditLogRegisterId(municipalityId) });
  if (existing) return existing;
  try {
    return await inTransaction(em, (tx) =>
      addAuditLogRegister(
        tx,
        municipalityId,
        `Register ${AUDIT_LOG_REGISTER_NAME} created for the log's daily renditions`,
      ),
    );
  } catch (e) {
    // Created at the same moment by another process: use that one.
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    return em.findOneOrFail(Register, { id: auditLogRegisterId(municipalityId) }, { refresh: true });
  }
}
