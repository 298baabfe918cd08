import { EntitySchema } from '@mikro-orm/core';
import type { DisposalCode } from '../retention/retention';

export type CaseFileState =
  | 'OPEN'
  | 'CLOSED'
  | 'HANDED_TO_RECORDS_OFFICE'
  | 'IN_RECORDS_OFFICE'
  | 'ON_LOAN'
  // Taken over by the archive (přejímka, TrP Prenos): final.
  | 'TRANSFERRED';

/**
 * A case file (spis) kept as a collection sheet (sběrný arch, domain.md §2): opened from an initiating
 * document whose reference number labels it (spisová značka); documents point at it (`Document.caseFileId`).
 */
export class CaseFile {
  id!: string;
  municipalityId!: string;
  /**
   * Unique identifier bound to the case file for life (PID, jednoznačný identifikátor): given at opening
   * (registers/pid.ts, marker `S`), unique within the municipality. Null only in rows opened before case files had
   * PIDs, until the data upgrade (upgrade.ts) gives them theirs.
   */
  pid!: string | null;
  referenceNumber!: string;
  title!: string;
  state!: CaseFileState;
  initiatingDocumentId!: string;
  filingPlanNodeId!: string | null;
  handlerId!: string | null;
  orgUnitId!: string | null;
  openedAt!: Date;
  openedById!: string;
  closedAt!: Date | null;
  closedById!: string | null;
  /** Europe/Prague calendar day of closure (the SETTLEMENT trigger of a case file). */
  closedOn!: string | null;
  /** Date (YYYY-MM-DD) of an external trigger event, entered by a person. */
  triggerEventOn!: string | null;
  /** Retention over the case file and its documents (domain.md §5.3), stored for the forecast. */
  disposalCode!: DisposalCode | null;
  retentionYears!: number | null;
  disposalYear!: number | null;
  /** Position in the forecast (modules/retention/forecast-key.ts), stored with the retention; null without a disposal year. */
  forecastKey!: string | null;
  /** The hand-over list (a document) the case file went to the records office with. */
  handOverListId!: string | null;
  /**
   * The disposal proposal (skartační návrh, archives') it is in, mirrored from archives' VlozeniDoSkartacnihoNavrhu /
   * VyjmutiZeSkartacnihoNavrhu (records-office/mirror.ts): while set, filing changes nothing of it.
   */
  disposalProposalId!: string | null;
}

export const CaseFileSchema = new EntitySchema<CaseFile>({
  class: CaseFile,
  tableName: 'case_file',
  uniques: [{ properties: ['municipalityId', 'pid'] }],
  indexes: [
    { properties: ['municipalityId', 'openedAt', 'id'] },
    // The forecast: one year in forecast order, keyset by (forecastKey, id).
    { properties: ['municipalityId', 'disposalYear', 'forecastKey', 'id'] },
    { properties: ['handOverListId'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    pid: { type: 'string', length: 50, nullable: true },
    referenceNumber: { type: 'string', length: 50 },
    title: { type: 'string', length: 500 },
    state: { type: 'string', length: 30 },
    initiatingDocumentId: { type: 'uuid', unique: true },
    filingPlanNodeId: { type: 'uuid', nullable: true },
    handlerId: { type: 'uuid', nullable: true },
    orgUnitId: { type: 'uuid', nullable: true },
    openedAt: { type: 'datetime', length: 3 },
    openedById: { type: 'uuid' },
    closedAt: { type: 'datetime', length: 3, nullable: true },
    closedById: { type: 'uuid', nullable: true },
    closedOn: { type: 'string', length: 10, nullable: true },
    triggerEventOn: { type: 'string', length: 10, nullable: true },
    disposalCode: { type: 'string', length: 1, nullable: true },
    retentionYears: { type: 'integer', nullable: true },
    disposalYear: { type: 'integer', nullable: true },
    forecastKey: { type: 'string', length: 191, nullable: true },
    handOverListId: { type: 'uuid', nullable: true },
    disposalProposalId: { type: 'uuid', nullable: true },
  },
});
