import {
  ErrorCode,
  HubError,
  badInput,
  inTransaction,
  logger,
  notFound,
  recordAudit,
  scopeToTenant,
  type HubORM,
  type RouteCaller,
} from '@hub/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportCaller, sendJsonError } from './export';
import { municipalityAbbreviation } from './log-query';
import { LogRendition } from './rendition.entity';

/**
 * Download of one daily rendition exactly as it was sealed: `GET /exports/audit-log-rendition.xml?id=<id>` on
 * filing, reached through the gateway's route of the same path. The seal travels in headers, so the file can be
 * checked offline with `scripts/verify-seal.mjs` and the key of `auditLogSealKey`:
 * - `x-hub-seal-signature`: the signature over the body's bytes (base64);
 * - `x-hub-seal-algorithm`, `x-hub-seal-key-id`: what made it.
 * Auditors and records managers of the rendition's municipality only; the download is logged (`Export`).
 */
export const RENDITION_DOWNLOAD_PATH = '/exports/audit-log-rendition.xml';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
};

export function renditionDownloadHandler(orm: HubORM) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = exportCaller(from.caller);
      const ids = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('id');
      if (ids.length !== 1 || !UUID.test(ids[0])) throw badInput("id (the rendition's id) is required once", 'id');
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      // The tenant filter: another municipality's rendition is "not found", like an unknown id.
      // Not managed by `em` (which flushes the audit event): see latestRendition in rendition.ts.
      const rendition = await em.findOne(LogRendition, { id: ids[0] }, { populate: ['xml'], disableIdentityMap: true });
      if (!rendition) throw notFound('AuditLogRendition', ids[0]);
      const abbreviation = await municipalityAbbreviation(em, caller.municipalityId);
      await inTransaction(em, (tx) =>
        recordAudit(tx, caller, {
          municipalityId: caller.municipalityId,
          eventType: 'Export',
          objectType: 'Dokument',
          objectId: rendition.documentId,
          description: `Stažení denního ztvárnění transakčního protokolu ${rendition.day}`,
        }),
      );
      const body = Buffer.from(rendition.xml, 'utf8');
      const safeAbbr = abbreviation.normalize('NFKD').replace(/[^A-Za-z0-9_-]/g, '') || 'log';
      res.writeHead(200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-length': String(body.length),
        'content-disposition': `attachment; filename="transakcni-protokol-${safeAbbr}-${rendition.day}.xml"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-hub-seal-signature': rendition.signature,
        'x-hub-seal-algorithm': rendition.signatureAlgorithm,
        'x-hub-seal-key-id': rendition.keyId,
      });
      res.end(body);
    } catch (e) {
      const code = e instanceof HubError ? String(e.extensions.code) : undefined;
      if (code && HTTP_STATUS[code]) {
        const field = (e as HubError).extensions.field;
        return sendJsonError(res, HTTP_STATUS[code], code, (e as Error).message, field ? { field } : {});
      }
      logger.child({ component: 'renditions' }).error({ err: e }, 'rendition download failed');
      if (!res.headersSent) sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      else res.destroy();
    }
  };
}

/** Filing's route for the download (spread into the subgraph's `routes`). */
export function renditionRoutes(orm: HubORM) {
  return { [RENDITION_DOWNLOAD_PATH]: renditionDownloadHandler(orm) };
}
