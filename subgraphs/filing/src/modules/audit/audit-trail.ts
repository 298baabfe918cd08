import type { AuditChange, AuditEvent } from '@hub/kit';

/**
 * One event of an object's audit trail as the `AuditEvent` type shows it. Other subgraphs' events reach
 * filing through the gateway (`@requires`) already in this shape, as JSON: `occurredAt` is an ISO string
 * and `actor` a `{ id }` reference.
 */
export interface TrailEvent {
  id: string;
  sequence: number;
  occurredAt: Date | string;
  actor: { id: string } | null;
  actorLogin: string;
  eventType: string;
  objectType: string;
  objectId: string;
  description: string | null;
  changes: AuditChange[];
  source: string;
}

/** Filing's own event (an entity of the kit's audit log) in the shape of the peers' events. */
export function toTrailEvent(e: AuditEvent): TrailEvent {
  return {
    id: e.id,
    sequence: e.sequence,
    occurredAt: e.occurredAt,
    actor: e.actorId ? { id: e.actorId } : null,
    actorLogin: e.actorLogin,
    eventType: e.eventType,
    objectType: e.objectType,
    objectId: e.objectId,
    description: e.description,
    changes: e.changes,
    source: 'filing',
  };
}

const instant = (e: TrailEvent) => new Date(e.occurredAt).getTime();

/**
 * All subgraphs' events about one object, oldest first. Each subgraph numbers its own log, so `sequence`
 * only orders events of one source that share a millisecond; the source name makes the order total.
 */
export function mergeTrailEvents(...sources: (readonly TrailEvent[] | null | undefined)[]): TrailEvent[] {
  return sources
    .flatMap((events) => events ?? [])
    .sort((a, b) => instant(a) - instant(b) || a.sequence - b.sequence || a.source.localeCompare(b.source));
}
