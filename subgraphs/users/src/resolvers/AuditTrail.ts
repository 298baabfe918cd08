import { auditEventResolvers, auditTrailEvents } from '@hub/kit';
import type { AuditEventResolvers, AuditTrailResolvers } from '../generated/graphql';
import { findUserRecord } from '../modules/users/directory';

export const AuditTrail: AuditTrailResolvers = {
  __resolveReference: (ref) => ({ objectId: ref.objectId }) as never,
  usersEvents: (trail, _, ctx) => auditTrailEvents(ctx, trail.objectId),
};

export const AuditEvent: AuditEventResolvers = {
  ...auditEventResolvers('users'),
  // The kit answers a `User` reference for other subgraphs to resolve here; in this subgraph the query
  // plan reads the actor's fields locally, so it must be the record itself.
  actor: (e, _, ctx) => (e.actorId ? findUserRecord(ctx, e.actorId) : null),
};
