import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { MediaTypeCheck } from './media-type';

/** A component's verification state: PENDING, NONE (no signature found), or the worst of its signatures' results. */
export type SignatureStatus = 'PENDING' | 'NONE' | 'VALID' | 'INVALID' | 'INDETERMINATE';

/**
 * Form of a component (forma komponenty): concept, original, original in the output format, digitised copy,
 * container (e.g. a ZFO or ZIP holding other files).
 */
export type ComponentForm = 'CONCEPT' | 'ORIGINAL' | 'ORIGINAL_OUTPUT_FORMAT' | 'DIGITIZED' | 'CONTAINER';
export const COMPONENT_FORMS: ComponentForm[] = [
  'CONCEPT',
  'ORIGINAL',
  'ORIGINAL_OUTPUT_FORMAT',
  'DIGITIZED',
  'CONTAINER',
];

/** A file of a digital document (komponenta): order 1 is the main one; each order has versions from 1. Tenant-owned. */
export class Component {
  id!: string;
  municipalityId!: string;
  documentId!: string;
  order!: number;
  version!: number;
  form!: ComponentForm;
  fileName!: string;
  /** As declared by the uploader. */
  mediaType!: string;
  /** Detected from the bytes at upload (media-type.ts); null when of no known format or not checked. */
  detectedMediaType?: string | null;
  /** Declared against detected: MATCH, MISMATCH, UNRECOGNISED; null when not checked (system-made components). */
  mediaTypeCheck?: MediaTypeCheck | null;
  /**
   * Verification of its signatures, seals and time-stamps (modules/signatures): PENDING until the background job
   * has run, then NONE (nothing found) or the worst result of ComponentSignature rows; null when not verified
   * (components of own documents).
   */
  signatureStatus?: SignatureStatus | null;
  signaturesVerifiedAt?: Date | null;
  size!: number;
  sha256!: string;
  blobKey!: string;
  createdAt!: Date;
  /** Who attached it; null when the system did (the daily rendition of the transaction log, audit-log/rendition.ts). */
  createdById!: string | null;
}

export const ComponentSchema = new EntitySchema<Component>({
  class: Component,
  tableName: 'component',
  uniques: [{ properties: ['documentId', 'order', 'version'] }],
  // signatureStatus: the verification job finds PENDING components (modules/signatures/job.ts).
  indexes: [{ properties: ['blobKey'] }, { properties: ['signatureStatus'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    order: { type: 'integer', fieldName: 'component_order' },
    version: { type: 'integer' },
    form: { type: 'string', length: 30 },
    fileName: { type: 'string', length: 255 },
    mediaType: { type: 'string', length: 255 },
    detectedMediaType: { type: 'string', length: 255, nullable: true },
    mediaTypeCheck: { type: 'string', length: 20, nullable: true },
    signatureStatus: { type: 'string', length: 20, nullable: true },
    signaturesVerifiedAt: { type: 'datetime', length: 3, nullable: true },
    // Numbers in JS, BIGINT in the database (a configured limit may exceed 2 GiB).
    size: { type: new BigIntType('number') },
    sha256: { type: 'string', length: 64 },
    blobKey: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid', nullable: true },
  },
});
