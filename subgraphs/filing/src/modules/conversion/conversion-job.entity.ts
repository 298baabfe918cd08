import { EntitySchema } from '@mikro-orm/core';

/**
 * QUEUED (waiting, or waiting for its next attempt) → RUNNING → DONE, or back to QUEUED after a failed attempt
 * while attempts are left, else FAILED. A FAILED job blocks closing its document until a new request succeeds.
 */
export type ConversionState = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
/** What a DONE job did: made the output version, or found the component in an output format already. */
export type ConversionOutcome = 'CONVERTED' | 'ALREADY_OUTPUT_FORMAT';

/**
 * One component's conversion to an output format (převod do výstupního datového formátu, domain.md §5.5): the
 * worker's queue (conversion.ts). One row per source component version; a new request re-queues the same row.
 * Tenant-owned.
 */
export class ConversionJob {
  id!: string;
  municipalityId!: string;
  documentId!: string;
  /** The component version converted (the newest ORIGINAL or DIGITIZED version of its order when queued). */
  componentId!: string;
  state!: ConversionState;
  outcome!: ConversionOutcome | null;
  attempts!: number;
  /** When a QUEUED job may run (now, or later after a failed attempt). */
  nextAttemptAt!: Date;
  startedAt!: Date | null;
  finishedAt!: Date | null;
  /** Why the last attempt failed (shown on the document; FAILED blocks its closing). */
  lastError!: string | null;
  /** The new ORIGINAL_OUTPUT_FORMAT version. */
  outputComponentId!: string | null;
  /** `pdfaid:part` and conformance of the output (or of the component itself when it was PDF/A already). */
  pdfaPart!: string | null;
  pdfaConformance!: string | null;
  /** Who asked for it; null when settlement queued it. */
  requestedById!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ConversionJobSchema = new EntitySchema<ConversionJob>({
  class: ConversionJob,
  tableName: 'conversion_job',
  uniques: [{ properties: ['componentId'] }],
  indexes: [{ properties: ['state', 'nextAttemptAt'] }, { properties: ['documentId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    componentId: { type: 'uuid' },
    state: { type: 'string', length: 10 },
    outcome: { type: 'string', length: 25, nullable: true },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'datetime', length: 3 },
    startedAt: { type: 'datetime', length: 3, nullable: true },
    finishedAt: { type: 'datetime', length: 3, nullable: true },
    lastError: { type: 'string', length: 300, nullable: true },
    outputComponentId: { type: 'uuid', nullable: true },
    pdfaPart: { type: 'string', length: 2, nullable: true },
    pdfaConformance: { type: 'string', length: 2, nullable: true },
    requestedById: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3 },
  },
});
