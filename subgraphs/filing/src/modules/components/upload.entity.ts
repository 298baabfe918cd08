import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { MediaTypeCheck } from './media-type';

/** Bytes received by `POST /uploads`, waiting to be attached to a document (attachComponent). Tenant-owned. */
export class Upload {
  id!: string;
  municipalityId!: string;
  /** The blob store's key: the SHA-256 of the bytes (hex). */
  blobKey!: string;
  size!: number;
  sha256!: string;
  fileName!: string;
  /** As declared by the uploader (content-type). */
  mediaType!: string;
  /** What the bytes are (media-type.ts); null when no known format. */
  detectedMediaType?: string | null;
  /** The declared type against the detected one; null for uploads stored before detection existed. */
  mediaTypeCheck?: MediaTypeCheck | null;
  uploadedById!: string;
  createdAt!: Date;
}

export const UploadSchema = new EntitySchema<Upload>({
  class: Upload,
  tableName: 'upload',
  // The sweep (upload-sweep.ts) finds old uploads by time and checks blobs by key, across municipalities.
  indexes: [
    { properties: ['municipalityId', 'createdAt'] },
    { properties: ['createdAt'] },
    { properties: ['blobKey'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    blobKey: { type: 'string', length: 64 },
    // Numbers in JS, BIGINT in the database (a configured limit may exceed 2 GiB).
    size: { type: new BigIntType('number') },
    sha256: { type: 'string', length: 64 },
    fileName: { type: 'string', length: 255 },
    mediaType: { type: 'string', length: 255 },
    detectedMediaType: { type: 'string', length: 255, nullable: true },
    mediaTypeCheck: { type: 'string', length: 20, nullable: true },
    uploadedById: { type: 'uuid' },
    createdAt: { type: 'datetime', length: 3 },
  },
});
