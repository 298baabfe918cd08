import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import type { Caller } from './auth';
import { nextInSeries } from './counters';

/**
 * Event types of the transaction log (transakční protokol), named exactly as the NSESSS TrP schema's
 * `TypUdalostiId` enumeration (domain.md §5.4) so the log can be exported without a mapping table.
 */
export type AuditEventType =
  | 'Zalozeni'
  | 'Uprava'
  | 'Zruseni'
  | 'Zobrazeni'
  | 'Export'
  | 'Prenos'
  | 'Storno'
  | 'Zniceni'
  | 'VlozeniDoSpisu'
  | 'VyjmutiZeSpisu'
  | 'PripojeniCJ'
  | 'NovaVerze'
  | 'VlozeniKDokumentu'
  | 'VyjmutiZDokumentu'
  | 'Vyrizeni'
  | 'Uzavreni'
  | 'Otevreni'
  | 'ZmenaZpracovatele'
  | 'PredaniNaSpisovnu'
  | 'PrevzetiNaSpisovnu'
  | 'VraceniZeSpisovny'
  | 'PozastaveniSkartacniOperace'
  | 'ZruseniPozastaveniSkartacniOperace'
  | 'VlozeniDoSkartacnihoNavrhu'
  | 'VyjmutiZeSkartacnihoNavrhu'
  | 'VlozeniDoUkladaciJednotky'
  | 'VyjmutiZUkladaciJednotky'
  | 'VlozeniKVypraveni'
  | 'VyjmutiZVypraveni'
  | 'PredaniVypravne'
  | 'Vypraveno'
  | 'Doruceno'
  | 'KonverzeFormatu'
  | 'PripojeniPodpisu'
  | 'PripojeniRazitka';

/** Object types of the log, as the TrP schema's `TypObjektuId` enumeration (domain.md §3). */
export type AuditObjectType =
  | 'Dokument'
  | 'Spis'
  | 'Komponenta'
  | 'Denik'
  | 'Osoba'
  | 'OrganizacniJednotka'
  | 'FunkcniMisto'
  | 'KonfiguraceSystemu'
  | 'SpisovyPlan'
  | 'VecnaSkupina'
  | 'SkartacniRezim'
  | 'Zasilka'
  | 'SkartacniNavrh'
  | 'UkladaciJednotka'
  | 'DruhDokumentu'
  | 'Subjekt';

export interface AuditChange {
  name: string;
  old: string | null;
  new: string | null;
}

/** One append-only audit event. Never updated or deleted by the application. */
export class AuditEvent {
  id!: string;
  municipalityId!: string;
  /** Position in the municipality's log of this subgraph (`Poradi`): increases in write order, never reused. */
  sequence!: number;
  occurredAt!: Date;
  actorId!: string | null;
  /** `provedlKdo`: the login of the user, or `system`. */
  actorLogin!: string;
  /**
   * The person's name and roles as the caller carried them when the event was written (kit auth.ts `Caller`):
   * the log's `provedlKdo` names the person and role, and a name or role changed later must not rewrite history.
   * Null for the system and for callers whose token had no name.
   */
  actorName!: string | null;
  /** Comma-separated roles of the caller at that time (e.g. `CASE_HANDLER,UNIT_HEAD`); null for the system. */
  actorRoles!: string | null;
  eventType!: AuditEventType;
  objectType!: AuditObjectType;
  objectId!: string;
  description!: string | null;
  changes!: AuditChange[];
}

export const AuditEventSchema = new EntitySchema<AuditEvent>({
  class: AuditEvent,
  tableName: 'audit_event',
  indexes: [{ properties: ['municipalityId', 'objectId'] }],
  uniques: [{ properties: ['municipalityId', 'sequence'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    sequence: { type: 'integer' },
    occurredAt: { type: 'datetime', length: 3 },
    actorId: { type: 'uuid', nullable: true },
    actorLogin: { type: 'string', length: 100 },
    actorName: { type: 'string', length: 200, nullable: true },
    actorRoles: { type: 'string', length: 200, nullable: true },
    eventType: { type: 'string', length: 64 },
    objectType: { type: 'string', length: 64 },
    objectId: { type: 'string', length: 50 },
    description: { type: 'text', nullable: true },
    changes: { type: 'json' },
  },
});

export interface AuditInput {
  municipalityId: string;
  eventType: AuditEventType;
  objectType: AuditObjectType;
  objectId: string;
  description?: string;
  changes?: AuditChange[];
}

/**
 * Writes an audit event in the caller's open transaction (so the event commits or rolls back with the
 * change it describes). Call it after the change, as the last write of the transaction: the per-tenant
 * sequence row stays locked until commit, and taking it last keeps that window short and the lock order
 * (domain counters first, audit counter last) the same everywhere, which avoids deadlocks.
 */
export async function recordAudit(em: SqlEntityManager, actor: Caller | null, input: AuditInput): Promise<AuditEvent> {
  const sequence = await nextInSeries(em, `audit:${input.municipalityId}`);
  const event = em.create(AuditEvent, {
    id: randomUUID(),
    municipalityId: input.municipalityId,
    sequence,
    occurredAt: new Date(),
    actorId: actor?.userId ?? null,
    actorLogin: actor?.login ?? 'system',
    actorName: actor?.name ?? null,
    actorRoles: actor && actor.roles.length > 0 ? actor.roles.join(',') : null,
    eventType: input.eventType,
    objectType: input.objectType,
    objectId: input.objectId,
    description: input.description ?? null,
    changes: input.changes ?? [],
  });
  em.persist(event);
  return event;
}

/** Builds old/new pairs for the fields that differ. */
export function diff<T extends object>(before: Partial<T>, after: Partial<T>, fields: (keyof T)[]): AuditChange[] {
  const str = (v: unknown) => (v === undefined || v === null ? null : v instanceof Date ? v.toISOString() : String(v));
  return fields
    .filter((f) => str(before[f]) !== str(after[f]))
    .map((f) => ({ name: String(f), old: str(before[f]), new: str(after[f]) }));
}

/** Audit events of one object in this subgraph's database, oldest first (tenant filter applies). */
export function auditEventsOf(em: SqlEntityManager, objectId: string): Promise<AuditEvent[]> {
  return em.find(AuditEvent, { objectId }, { orderBy: { occurredAt: 'asc', sequence: 'asc' } });
}

/** Field resolvers of the shared `AuditEvent` type; `source` names the subgraph that wrote the event. */
export function auditEventResolvers(source: string) {
  return {
    actor: (e: AuditEvent) => (e.actorId ? { __typename: 'User' as const, id: e.actorId } : null),
    source: () => source,
  };
}
