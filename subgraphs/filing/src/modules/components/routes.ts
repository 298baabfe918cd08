import {
  ErrorCode,
  HubError,
  badInput,
  hasRole,
  inTransaction,
  logger,
  notFound,
  recordAudit,
  scopeToTenant,
  type HubORM,
  type RouteCaller,
} from '@hub/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, finished } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sendJsonError } from '../audit-log/export';
import { DISPATCH_ROLES, isInDispatch } from '../dispatch/dispatch';
import { Document } from '../documents/document.entity';
import { canSeeDocument } from '../documents/visibility';
import { blobStoreFromEnv, maxUploadBytes, type BlobStore } from './blob-store';
import { Component } from './component.entity';
import {
  COMPONENT_DOWNLOAD_PATH,
  UPLOADER_ROLES,
  checkFileName,
  checkMediaType,
  routeCaller,
  storeUpload,
} from './components';

/**
 * The bytes of components travel over plain HTTP (the gateway proxies both routes, streamed):
 * - `POST /uploads?fileName=<name>` with the raw bytes as the body and the media type as content-type: streamed
 *   into the blob store (refused with 413 PAYLOAD_TOO_LARGE past HUB_MAX_UPLOAD_BYTES); answers
 *   `{ uploadId, sha256, size }` for `attachComponent`.
 * - `GET /downloads/component?id=<component id>`: the bytes, to callers who see the document; logged (`Zobrazeni`
 *   of the component) before the first byte.
 */
export const UPLOAD_PATH = '/uploads';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
};

const routesLog = logger.child({ component: 'files' });

export function answerError(res: ServerResponse, e: unknown, what: string) {
  const code = e instanceof HubError ? String(e.extensions.code) : undefined;
  if (code && HTTP_STATUS[code] && !res.headersSent) {
    const field = (e as HubError).extensions.field;
    return sendJsonError(res, HTTP_STATUS[code], code, (e as Error).message, field ? { field } : {});
  }
  routesLog.error({ err: e }, `${what} failed`);
  if (!res.headersSent) sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  else res.destroy();
}

/**
 * A refused request body is read to its end and discarded (nothing is stored or buffered): closing the socket
 * mid-body would reset the connection before the client (the gateway) has read the answer.
 */
function refuseBody(req: IncomingMessage) {
  if (!req.complete && !req.destroyed) req.resume();
}

export function uploadHandler(orm: HubORM, store: () => BlobStore = blobStoreFromEnv) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        refuseBody(req);
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use POST');
      }
      const caller = routeCaller(from.caller, UPLOADER_ROLES);
      const names = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('fileName');
      if (names.length !== 1) throw badInput('fileName is required once', 'fileName');
      const fileName = checkFileName(names[0]);
      const mediaType = checkMediaType(req.headers['content-type']);
      const maxBytes = maxUploadBytes();
      // A declared length over the limit is refused before a byte is read.
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        throw new HubError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${maxBytes} bytes`);
      }
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      // Through a PassThrough: a refused upload destroys that, not the request (whose rest is then discarded).
      const body = new PassThrough();
      req.pipe(body);
      // `.pipe()` passes on data, not an abort: a client that goes away mid-body would leave the store waiting
      // forever for the rest, its temp file open (issue 18, finding 2). An aborted request destroys the body, so
      // the store's pipeline fails at once, closes the file and deletes it.
      finished(req, { writable: false }, (err) => {
        if (err) body.destroy(err);
      });
      const upload = await storeUpload(em, store(), caller, body, { fileName, mediaType, maxBytes });
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ uploadId: upload.id, sha256: upload.sha256, size: upload.size }));
    } catch (e) {
      refuseBody(req);
      answerError(res, e, 'upload');
    }
  };
}

/** `filename*` of RFC 5987/6266 (UTF-8, percent-encoded) plus an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Streams a stored file (a component's, a delivery proof's) as an attachment, with its hash for the client to check. */
export async function sendBlob(
  res: ServerResponse,
  blobs: BlobStore,
  file: { blobKey: string; mediaType: string; size: number; fileName: string; sha256: string },
): Promise<void> {
  const body = blobs.open(file.blobKey);
  res.writeHead(200, {
    'content-type': file.mediaType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(file.fileName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-content-sha256': file.sha256,
  });
  await pipeline(body, res);
}

export function componentDownloadHandler(orm: HubORM, store: () => BlobStore = blobStoreFromEnv) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = routeCaller(from.caller);
      const ids = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('id');
      if (ids.length !== 1 || !UUID.test(ids[0])) throw badInput("id (the component's id) is required once", 'id');
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      // The tenant filter: another municipality's component is "not found"; so is one of an invisible document.
      const component = await em.findOne(Component, { id: ids[0] });
      const d = component ? await em.findOne(Document, { id: component.documentId }) : null;
      // The dispatch office reads the files of documents handed over to it (it sends or prints them).
      const mayRead =
        d && (canSeeDocument(caller, d) || (hasRole(caller, ...DISPATCH_ROLES) && (await isInDispatch(em, d.id))));
      if (!component || !d || !mayRead) throw notFound('Component', ids[0]);
      const blobs = store();
      if (!(await blobs.exists(component.blobKey)))
        throw new Error(`blob ${component.blobKey} of component ${component.id} is missing`);
      await inTransaction(em.fork(), (tx) =>
        recordAudit(tx, caller, {
          municipalityId: caller.municipalityId,
          eventType: 'Zobrazeni',
          objectType: 'Komponenta',
          objectId: component.id,
          description: `Stažení komponenty ${component.order}/${component.version} (${component.fileName}) dokumentu ${d.referenceNumber ?? d.pid}`,
          changes: [{ name: 'sha256', old: null, new: component.sha256 }],
        }),
      );
      await sendBlob(res, blobs, component);
    } catch (e) {
      answerError(res, e, 'component download');
    }
  };
}

/** Filing's routes for the components' bytes (spread into the subgraph's `routes`). */
export function componentRoutes(orm: HubORM, store: () => BlobStore = blobStoreFromEnv) {
  return { [UPLOAD_PATH]: uploadHandler(orm, store), [COMPONENT_DOWNLOAD_PATH]: componentDownloadHandler(orm, store) };
}
