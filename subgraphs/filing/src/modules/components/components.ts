import {
  ErrorCode,
  HubError,
  Role,
  badInput,
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  recordAudit,
  type Caller,
  type TenantCaller,
} from '@hub/kit';
import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Document } from '../documents/document.entity';
import { lockDocument } from '../documents/steps';
import { canSeeDocument } from '../documents/visibility';
import type { BlobStore } from './blob-store';
import { COMPONENT_FORMS, Component, type ComponentForm } from './component.entity';
import { judgeMediaType, peekStream, refuseDangerous } from './media-type';
import { Upload } from './upload.entity';

/** Who may upload files and attach them to documents. */
export const COMPONENT_WRITER_ROLES: Role[] = [Role.INTAKE_CLERK, Role.CASE_HANDLER, Role.RECORDS_MANAGER];
/** Who may upload files: the component writers, and the dispatch office (delivery proofs of shipments). */
export const UPLOADER_ROLES: Role[] = [...COMPONENT_WRITER_ROLES, Role.DISPATCH_CLERK];
/** A document in these states is frozen: no new components. */
const FROZEN_STATES = ['CLOSED', 'CANCELLED'];
export const COMPONENT_DOWNLOAD_PATH = '/downloads/component';
export const downloadPathOf = (c: Pick<Component, 'id'>) => `${COMPONENT_DOWNLOAD_PATH}?id=${c.id}`;

/** The caller of a route, when they may upload; otherwise the request-level error to answer. */
export function routeCaller(caller: Caller | null | undefined, roles?: Role[]): TenantCaller {
  if (caller === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
  if (caller === null)
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
  if (!caller.municipalityId)
    throw new HubError(ErrorCode.FORBIDDEN, "Platform administrators have no access to a municipality's records");
  if (roles && !hasRole(caller, ...roles)) throw forbidden(`This needs one of the roles ${roles.join(', ')}`);
  return caller as TenantCaller;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** A file name as the client gave it, checked: no paths, no control characters, at most 255 characters. */
export function checkFileName(raw: string | null | undefined): string {
  const name = (raw ?? '').normalize('NFC').trim();
  if (!name) throw badInput('fileName is required', 'fileName');
  if (name.length > 255) throw badInput('fileName is longer than 255 characters', 'fileName');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(name) || name === '.' || name === '..')
    throw badInput('fileName must be a plain file name', 'fileName');
  return name;
}

/** The media type of a content-type header, without parameters; application/octet-stream when absent. */
export function checkMediaType(raw: string | undefined): string {
  const type = (raw ?? '').split(';')[0].trim().toLowerCase() || 'application/octet-stream';
  if (!MEDIA_TYPE.test(type) || type.length > 255) throw badInput('content-type is not a media type', 'mediaType');
  return type;
}

/**
 * Streams an upload into the store and records it (`Upload`), for a later `attachComponent`. The media type is
 * detected from the first bytes (media-type.ts) and a refused type (UNSUPPORTED_MEDIA_TYPE) stops it before the
 * store writes. The bytes are stored before the row is written: a refused (oversize) upload leaves neither; a
 * row always has its blob.
 */
export async function storeUpload(
  em: SqlEntityManager,
  store: BlobStore,
  caller: TenantCaller,
  input: Readable,
  meta: { fileName: string; mediaType: string; maxBytes: number },
): Promise<Upload> {
  // The type is judged from the first bytes before the store writes any: a refused type leaves nothing behind.
  const { head, stream } = await peekStream(input);
  const verdict = judgeMediaType(head, meta.mediaType, meta.fileName);
  try {
    refuseDangerous(verdict, meta.mediaType);
  } catch (e) {
    input.destroy();
    throw e;
  }
  const blob = await store.put(stream, { maxBytes: meta.maxBytes });
  return inTransaction(em, async (tx) => {
    const upload = tx.create(Upload, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      blobKey: blob.key,
      size: blob.size,
      sha256: blob.key,
      fileName: meta.fileName,
      mediaType: meta.mediaType,
      detectedMediaType: verdict.detected,
      mediaTypeCheck: verdict.check,
      uploadedById: caller.userId,
      createdAt: new Date(),
    });
    tx.persist(upload);
    return upload;
  });
}

export interface AttachArgs {
  documentId: string;
  uploadId: string;
  form: ComponentForm;
  order?: number | null;
}

/**
 * `attachComponent`: makes an upload a component of a document the caller sees and that is not closed or
 * cancelled. `order` defaults to the next free one (1 = the main component); attaching to an order that exists
 * adds its next version. Audited on the document (`VlozeniKDokumentu`) with the file's SHA-256, so a later change
 * of the bytes is detectable.
 */
export async function attachComponent(
  em: SqlEntityManager,
  caller: TenantCaller,
  args: AttachArgs,
): Promise<{ document: Document; component: Component; auditEventId: string }> {
  if (!COMPONENT_FORMS.includes(args.form)) throw badInput(`form must be one of ${COMPONENT_FORMS.join(', ')}`, 'form');
  if (args.order != null && (!Number.isInteger(args.order) || args.order < 1))
    throw badInput('order must be 1 or more', 'order');
  return inTransaction(em, async (tx) => {
    const d = await lockDocument(tx, args.documentId);
    if (!d || !canSeeDocument(caller, d)) throw notFound('Document', args.documentId);
    const label = d.referenceNumber ?? d.pid;
    if (FROZEN_STATES.includes(d.state))
      throw conflict(`Document ${label} is ${d.state}: no components can be attached`);
    if (d.disposalProposalId)
      throw conflict(`Document ${label} is in a disposal proposal: no components can be attached`);
    // Locked: the sweep (upload-sweep.ts) deletes old uploads; it either waits for this attach or wins outright.
    const upload = await tx.findOne(
      Upload,
      { id: args.uploadId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    // Another user's upload is not theirs to attach (it may be something they never saw).
    if (!upload || upload.uploadedById !== caller.userId) throw notFound('Upload', args.uploadId);
    const existing = await tx.find(Component, { documentId: d.id }, { orderBy: { order: 'asc', version: 'asc' } });
    const order = args.order ?? existing.reduce((m, c) => Math.max(m, c.order), 0) + 1;
    const version = existing.filter((c) => c.order === order).reduce((m, c) => Math.max(m, c.version), 0) + 1;
    const component = tx.create(Component, {
      id: randomUUID(),
      municipalityId: d.municipalityId,
      documentId: d.id,
      order,
      version,
      form: args.form,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      detectedMediaType: upload.detectedMediaType,
      mediaTypeCheck: upload.mediaTypeCheck,
      // What was received is verified (signatures, seals, time-stamps) by the background job (modules/signatures).
      signatureStatus: d.origin === 'RECEIVED' ? 'PENDING' : null,
      signaturesVerifiedAt: null,
      size: upload.size,
      sha256: upload.sha256,
      blobKey: upload.blobKey,
      createdAt: new Date(),
      createdById: caller.userId,
    });
    tx.persist(component);
    // The upload is used up: its bytes now belong to the component.
    tx.remove(upload);
    await tx.flush();
    const event = await recordAudit(tx, caller, {
      municipalityId: d.municipalityId,
      eventType: 'VlozeniKDokumentu',
      objectType: 'Dokument',
      objectId: d.id,
      description: `Component ${order} version ${version} (${upload.fileName}) attached to document ${label}`,
      changes: [
        { name: 'componentId', old: null, new: component.id },
        { name: 'order', old: null, new: String(order) },
        { name: 'version', old: null, new: String(version) },
        { name: 'form', old: null, new: args.form },
        { name: 'fileName', old: null, new: upload.fileName },
        { name: 'mediaType', old: null, new: upload.mediaType },
        { name: 'detectedMediaType', old: null, new: upload.detectedMediaType ?? null },
        { name: 'mediaTypeCheck', old: null, new: upload.mediaTypeCheck ?? null },
        { name: 'size', old: null, new: String(upload.size) },
        { name: 'sha256', old: null, new: upload.sha256 },
      ],
    });
    return { document: d, component, auditEventId: event.id };
  });
}
