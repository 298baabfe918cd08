import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput, notFound, type AuditObjectType } from '@hub/kit';
import { RecordsOfficeItem } from './records-office-item.entity';

/** The records office's own work: take-over, storage, return, loans (domain.md §2 pracovník spisovny). */
export const RECORDS_OFFICE_ROLES: readonly Role[] = [Role.RECORDS_OFFICER];
/** Who reads the inventory and the loans: the records office, records managers, auditors. */
export const INVENTORY_READER_ROLES: readonly Role[] = [Role.RECORDS_OFFICER, Role.RECORDS_MANAGER, Role.AUDITOR];

/** The Europe/Prague calendar day of `at`, YYYY-MM-DD. */
export const pragueDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(at);

/** Trimmed text of 1–`max` characters, or null when absent/blank and optional. */
export function validText(
  value: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(`${field} must be 1–${max} characters`, field);
    return null;
  }
  if (trimmed.length > 2 * max || [...trimmed].length > max)
    throw badInput(`${field} must be 1–${max} characters`, field);
  return trimmed;
}

export const objectTypeOf = (item: Pick<RecordsOfficeItem, 'kind'>): AuditObjectType =>
  item.kind === 'CASE_FILE' ? 'Spis' : 'Dokument';

/**
 * The item, locked for the transaction (MariaDB; SQLite serialises writers and inTransaction retries a stale
 * one). Not in the records office (returned or destroyed), unknown, or another municipality's (tenant filter): NOT_FOUND.
 */
export async function lockItem(tx: SqlEntityManager, entityId: string): Promise<RecordsOfficeItem> {
  const item = await tx.findOne(
    RecordsOfficeItem,
    { id: entityId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!item || item.state === 'RETURNED' || item.state === 'DESTROYED') throw notFound('RecordsOfficeItem', entityId);
  return item;
}
