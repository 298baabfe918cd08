import { auditEventResolvers, auditTrailEvents } from '@hub/kit';
import type { AuditEventResolvers, AuditTrailResolvers } from '../generated/graphql';
import { mergeTrailEvents, toTrailEvent, type TrailEvent } from '../modules/audit/audit-trail';

export const AuditTrail: AuditTrailResolvers = {
  // Keep the whole representation: it carries the other subgraphs' events that `events` requires.
  __resolveReference: (ref) => ref,
  events: async (trail, _, ctx) => {
    // auditTrailEvents checks the caller's roles, so a trail reached through _entities is guarded too.
    const own = (await auditTrailEvents(ctx, trail.objectId)).map(toTrailEvent);
    const peers = trail as Partial<Record<'municipalitiesEvents' | 'usersEvents' | 'archivesEvents', TrailEvent[]>>;
    // Cast: codegen maps AuditEvent to the kit entity, but trail events are the API shape (see AuditEvent below).
    return mergeTrailEvents(own, peers.municipalitiesEvents, peers.usersEvents, peers.archivesEvents) as never;
  },
};

const ownEvent = auditEventResolvers('filing');
type AnyEvent = Parameters<typeof ownEvent.actor>[0] & Partial<Pick<TrailEvent, 'source' | 'actor'>>;

/** Serves both filing's AuditEvent entities and trail events already in the API shape (`TrailEvent`). */
export const AuditEvent: AuditEventResolvers = {
  source: (e: AnyEvent) => e.source ?? ownEvent.source(),
  actor: (e: AnyEvent) =>
    e.actor !== undefined ? e.actor && { __typename: 'User', id: e.actor.id } : ownEvent.actor(e),
};
