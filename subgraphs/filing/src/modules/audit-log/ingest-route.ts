import { SUBGRAPH_NAMES, readJsonBody, type HubORM, type RouteCaller } from '@hub/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IngestRejected, ingest } from './ingest';

export const INGEST_PATH = '/internal/audit-log';
const MAX_BODY = 32 * 1024 * 1024;

function answer(res: ServerResponse, status: number, body: object) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * `POST /internal/audit-log` with `{ events: AuditEvent[] }`: the other subgraphs' outbox relays deliver their
 * audit events here (kit outbox.ts). Only services may call it: a service assertion (`x-hub-service`, HUB_SERVICE_SECRET,
 * minted for filing and this path; runSubgraph checks it, see kit auth.ts), which neither the gateway's key nor a
 * caller assertion can stand in for. The source written into the log is the authenticated service, never a value
 * from the body. Answers `{ ok, ingested }`
 * once the events are committed to the log; a re-sent event counts as delivered but not as ingested.
 */
export function auditLogIngestRoutes(orm: HubORM) {
  return {
    [INGEST_PATH]: async (req: IncomingMessage, res: ServerResponse, from: RouteCaller) => {
      if (!from.service || !(SUBGRAPH_NAMES as readonly string[]).includes(from.service)) {
        return answer(res, 401, { ok: false, error: 'A service assertion (x-hub-service) is required' });
      }
      if (req.method !== 'POST') return answer(res, 405, { ok: false, error: 'POST only' });
      const body = (await readJsonBody(req, MAX_BODY)) as { events?: unknown } | undefined;
      if (!body || typeof body !== 'object' || !Array.isArray(body.events)) {
        return answer(res, 400, { ok: false, error: 'Expected { events: [...] }' });
      }
      try {
        const ingested = await ingest(orm, from.service, body.events);
        return answer(res, 200, { ok: true, ingested });
      } catch (e) {
        if (e instanceof IngestRejected) return answer(res, 400, { ok: false, error: e.message });
        throw e;
      }
    },
  };
}
