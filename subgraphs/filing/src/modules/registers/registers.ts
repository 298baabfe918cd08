import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  backupOnlyMunicipality,
  badInput,
  conflict,
  diff,
  inTransaction,
  recordAudit,
  type SubgraphContext,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { CreateRegisterInput } from '../../generated/graphql';
import { Register, type RegisterKind } from './register.entity';
import { ensureStandardKinds } from '../document-kinds/document-kinds';

const AUDITED_FIELDS: (keyof Register)[] = ['name', 'kind', 'referencePrefix', 'active'];
const PREFIX_PATTERN = /^[A-Z][A-Z0-9]{0,19}$/;

export interface RegisterFields {
  name: string;
  kind: RegisterKind;
  referencePrefix: string;
}

/** Creates (persists) an active register. */
export function addRegister(
  em: SqlEntityManager,
  municipalityId: string,
  fields: RegisterFields,
  id: string = randomUUID(),
): Register {
  return em.create(Register, {
    id,
    municipalityId,
    ...fields,
    active: true,
    createdAt: new Date(),
  });
}

/** The active MAIN register of the EntityManager's municipality (tenant filter), if it has one. */
export function findActiveMainRegister(em: SqlEntityManager): Promise<Register | null> {
  return em.findOne(Register, { kind: 'MAIN', active: true });
}

export function registerAuditChanges(register: Register) {
  return diff({}, register, AUDITED_FIELDS);
}

function validateRegisterInput(input: CreateRegisterInput): RegisterFields {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badInput('name must be 1–200 characters', 'name');
  if (!PREFIX_PATTERN.test(input.referencePrefix)) {
    throw badInput('referencePrefix must be 1–20 capital letters or digits, starting with a letter', 'referencePrefix');
  }
  return { name, kind: input.kind, referencePrefix: input.referencePrefix };
}

/**
 * Refuses (BACKUP_ONLY_MUNICIPALITY) registers for a backup-only municipality (issue 12): it keeps its records in its
 * own system and only backup sets here. The flag belongs to the municipalities subgraph, which is asked.
 */
export async function assertKeepsRecords(ctx: Pick<SubgraphContext, 'peers'>, municipalityId: string): Promise<void> {
  const [m] = await ctx.peers.entities<{ id: string; abbreviation: string; backupOnly?: boolean | null }>(
    'municipalities',
    'Municipality',
    [municipalityId],
    'id abbreviation backupOnly',
  );
  if (m?.backupOnly === true) throw backupOnlyMunicipality(m.abbreviation);
}

/** `createRegister`: a new active register of the caller's municipality, with its audit event (Denik). */
export async function createRegister(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateRegisterInput,
): Promise<Register> {
  const fields = validateRegisterInput(input);
  return inTransaction(em, async (tx) => {
    if (fields.kind === 'MAIN' && (await findActiveMainRegister(tx))) {
      throw conflict('The municipality already has an active main register');
    }
    // Numbers of a register are "<prefix> …/<year>": a second register of the same kind and prefix would
    // hand out reference numbers that already exist (inactive registers' numbers stay valid, so they count too).
    if (await tx.findOne(Register, { kind: fields.kind, referencePrefix: fields.referencePrefix })) {
      throw conflict(`A ${fields.kind} register with prefix ${fields.referencePrefix} already exists`);
    }
    const register = addRegister(tx, caller.municipalityId, fields);
    try {
      await tx.flush();
    } catch (e) {
      // Lost the race against a concurrent createRegister of another MAIN register.
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('The municipality already has an active main register');
      throw e;
    }
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Denik',
      objectId: register.id,
      description: `Register ${register.name} created`,
      changes: registerAuditChanges(register),
    });
    // A municipality's first main register is where its records start: it gets the standard document kinds with it
    // (a no-op when it has kinds), so its documents have a kind from the first one on.
    if (register.kind === 'MAIN')
      await ensureStandardKinds(tx, caller.municipalityId, caller, 'Standard document kinds');
    return register;
  });
}
