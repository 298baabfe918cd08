import {
  ErrorCode,
  HubError,
  forbidden,
  hasRole,
  logger,
  scopeToTenant,
  type Caller,
  type HubORM,
  type RouteCaller,
  type TenantCaller,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, finished } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BACKUP_ROLES, openBackupSetForDownload, uploadBackupSet } from './backup-sets';
import { BackupSetFiles, backupSetQuotaBytes } from './storage';

/**
 * The sets' bytes over plain HTTP (the gateway proxies both routes, streamed; no GraphQL body limit):
 * - `POST /backup-sets?name=<name>`, the raw bytes as the body: answers `{ id, name, sha256, size }` (201);
 *   413 QUOTA_EXCEEDED past the municipality's quota (HUB_BACKUP_SET_QUOTA_BYTES).
 * - `GET /downloads/backup-set?id=<set id>`: the bytes, `x-content-sha256` with their hash; logged (`Export`).
 */
export const BACKUP_SET_UPLOAD_PATH = '/backup-sets';
export const BACKUP_SET_DOWNLOAD_PATH = '/downloads/backup-set';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.QUOTA_EXCEEDED]: 413,
};

const log = logger.child({ component: 'backup-sets' });

function sendJsonError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}

function answerError(res: ServerResponse, e: unknown, what: string) {
  const code = e instanceof HubError ? String(e.extensions.code) : undefined;
  if (code && HTTP_STATUS[code] && !res.headersSent) {
    const extra: Record<string, unknown> = {};
    for (const key of ['field', 'limit'] as const)
      if ((e as HubError).extensions[key] !== undefined) extra[key] = (e as HubError).extensions[key];
    return sendJsonError(res, HTTP_STATUS[code], code, (e as Error).message, extra);
  }
  log.error({ err: e }, `${what} failed`);
  if (!res.headersSent) sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  else res.destroy();
}

/**
 * A refused body is read to its end and discarded, so the client (the gateway) reads the answer, not a reset. Unpiped
 * first: a body refused before anyone read the PassThrough (the quota check on the declared length) would otherwise
 * stall on its backpressure, and the next request the gateway sends on the same keep-alive socket would wait forever.
 */
function refuseBody(req: IncomingMessage) {
  req.unpipe();
  if (!req.complete && !req.destroyed) req.resume();
}

/** Only the municipality's backup client: the platform admin (no municipality) and the tenant's people are refused. */
export function backupRouteCaller(caller: Caller | null | undefined): TenantCaller {
  if (caller === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
  if (caller === null)
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
  if (!caller.municipalityId || !hasRole(caller, ...BACKUP_ROLES))
    throw forbidden("Only the municipality's backup client may use its backup sets");
  return caller as TenantCaller;
}

export function backupSetUploadHandler(orm: HubORM, files: () => BackupSetFiles = () => new BackupSetFiles()) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        refuseBody(req);
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use POST');
      }
      const caller = backupRouteCaller(from.caller);
      const names = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('name');
      if (names.length !== 1) throw new HubError(ErrorCode.BAD_USER_INPUT, 'name is required once', { field: 'name' });
      const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
      // Through a PassThrough: a refused upload destroys that, not the request (whose rest is then discarded); an
      // aborted request destroys the body, so the partial file is closed and deleted at once.
      const body = new PassThrough();
      req.pipe(body);
      finished(req, { writable: false }, (err) => {
        if (err) body.destroy(err);
      });
      const set = await uploadBackupSet(
        orm,
        caller,
        body,
        { name: names[0], declaredSize: declared },
        { files: files(), quota: backupSetQuotaBytes() },
      );
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ id: set.id, name: set.name, sha256: set.sha256, size: set.size }));
    } catch (e) {
      refuseBody(req);
      answerError(res, e, 'backup set upload');
    }
  };
}

export function backupSetDownloadHandler(orm: HubORM, files: () => BackupSetFiles = () => new BackupSetFiles()) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = backupRouteCaller(from.caller);
      const ids = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('id');
      if (ids.length !== 1 || !UUID.test(ids[0]))
        throw new HubError(ErrorCode.BAD_USER_INPUT, "id (the backup set's id) is required once", { field: 'id' });
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId) as SqlEntityManager;
      const set = await openBackupSetForDownload(em, caller, ids[0]);
      const body = files().open(set.municipalityId, set.id);
      // Open before the headers: a missing file is a 500, not a 200 with a broken body.
      await new Promise<void>((resolve, reject) => body.once('open', () => resolve()).once('error', reject));
      const ascii =
        set.name
          .normalize('NFKD')
          .replace(/[^\x20-\x7e]/g, '')
          .replace(/["\\%;]/g, '_')
          .trim() || 'backup-set';
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(set.size),
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(set.name)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-content-sha256': set.sha256,
      });
      await pipeline(body, res);
    } catch (e) {
      answerError(res, e, 'backup set download');
    }
  };
}

export function backupSetRoutes(orm: HubORM, files?: () => BackupSetFiles) {
  return {
    [BACKUP_SET_UPLOAD_PATH]: backupSetUploadHandler(orm, files),
    [BACKUP_SET_DOWNLOAD_PATH]: backupSetDownloadHandler(orm, files),
  };
}
