import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * Form of a component (forma komponenty): concept, original, original in the output format, digitised copy,
 * container (e.g. a ZFO or ZIP holding other files).
 */
export type ComponentForm = 'CONCEPT' | 'ORIGINAL' | 'ORIGINAL_OUTPUT_FORMAT' | 'DIGITIZED' | 'CONTAINER';
export const COMPONENT_FORMS: ComponentForm[] = ['CONCEPT', 'ORIGINAL', 'ORIGINAL_OUTPUT_FORMAT', 'DIGITIZED', 'CONTAINER'];

/** A file of a digital document (komponenta): order 1 is the main one; each order has versions from 1. Tenant-owned. */
export class Component {
  id!: string;
  municipalityId!: string;
  documentId!: string;
  order!: number;
  version!: number;
  form!: ComponentForm;
  fileName!: string;
  mediaType!: string;
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
  indexes: [{ properties: ['blobKey'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    order: { type: 'integer', fieldName: 'component_order' },
    version: { type: 'integer' },
    form: { type: 'string', length: 30 },
    fileName: { type: 'string', length: 255 },
    mediaType: { type: 'string', length: 255 },
    // Numbers in JS, BIGINT in the database (a configured limit may exceed 2 GiB).
    size: { type: new BigIntType('number') },
    sha256: { type: 'string', length: 64 },
    blobKey: { type: 'string', length: 64 },
    createdAt: { type: 'datetime', length: 3 },
    createdById: { type: 'uuid', nullable: true },
  },
});
