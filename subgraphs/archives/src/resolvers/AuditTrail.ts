import { auditEventResolvers, auditTrailEvents } from '@hub/kit';
import type { AuditEventResolvers, AuditTrailResolvers } from '../generated/graphql';

export const AuditTrail: AuditTrailResolvers = {
  __resolveReference: (ref) => ({ objectId: ref.objectId }) as never,
  archivesEvents: (trail, _, ctx) => auditTrailEvents(ctx, trail.objectId),
};

export const AuditEvent: AuditEventResolvers = auditEventResolvers('archives');
