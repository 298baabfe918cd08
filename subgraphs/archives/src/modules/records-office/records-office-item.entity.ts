import { EntitySchema } from '@mikro-orm/core';

export type RecordsEntityKind = 'CASE_FILE' | 'DOCUMENT';
/**
 * RETURNED: given back to the office (VraceniZeSpisovny); the row stays for its history and a later take-over.
 * TRANSFERRED: the archive confirmed it took it over (přejímka, TrP Prenos); final, the row stays for its history.
 * DESTROYED: destroyed after the archive's decision (Zniceni, disposal/destruction.ts); terminal.
 */
export type RecordsOfficeItemState = 'IN_RECORDS_OFFICE' | 'ON_LOAN' | 'RETURNED' | 'DESTROYED' | 'TRANSFERRED';

/**
 * A case file or a document outside case files that the records office has taken over (převzetí do spisovny).
 * Its id is the entity's id (filing's). Tenant-owned. What the inventory searches by is copied from filing's
 * hand-over list when the records office takes the entity over (archives never reads filing's tables): the entity
 * is closed by then, so these figures do not change while it is here.
 */
export class RecordsOfficeItem {
  id!: string;
  municipalityId!: string;
  kind!: RecordsEntityKind;
  state!: RecordsOfficeItemState;
  handOverListId!: string;
  referenceNumber!: string;
  title!: string;
  fullFilingCode!: string;
  /** Year of the document's number, or of the case file's opening. */
  year!: number;
  disposalCode!: string | null;
  retentionYears!: number | null;
  disposalYear!: number | null;
  /** Natural order of filing code and reference number (filing's forecast key): the inventory's order. */
  sortKey!: string;
  storageUnitId!: string | null;
  /** The storage unit's `path`, so a search by a room finds what lies in its boxes. */
  storageUnitPath!: string | null;
  /** Analog and hybrid records: their quantity (e.g. "1 krabice, 120 listů"). */
  quantity!: string | null;
  takenOverAt!: Date;
  takenOverById!: string;
}

export const RecordsOfficeItemSchema = new EntitySchema<RecordsOfficeItem>({
  class: RecordsOfficeItem,
  tableName: 'records_office_item',
  indexes: [
    // The inventory pages in (sortKey, id) order, optionally within a disposal year or a storage unit.
    { properties: ['municipalityId', 'sortKey', 'id'] },
    { properties: ['municipalityId', 'disposalYear', 'sortKey', 'id'] },
    { properties: ['municipalityId', 'storageUnitPath'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    kind: { type: 'string', length: 10 },
    state: { type: 'string', length: 20 },
    handOverListId: { type: 'uuid' },
    referenceNumber: { type: 'string', length: 50 },
    title: { type: 'string', length: 500 },
    fullFilingCode: { type: 'string', length: 255 },
    year: { type: 'integer' },
    disposalCode: { type: 'string', length: 1, nullable: true },
    retentionYears: { type: 'integer', nullable: true },
    disposalYear: { type: 'integer', nullable: true },
    sortKey: { type: 'string', length: 191 },
    storageUnitId: { type: 'uuid', nullable: true },
    storageUnitPath: { type: 'string', length: 160, nullable: true },
    quantity: { type: 'string', length: 200, nullable: true },
    takenOverAt: { type: 'datetime', length: 3 },
    takenOverById: { type: 'uuid' },
  },
});

/**
 * A document that came to the records office inside a case file: disposal works on the case file, but a hold on
 * one of its documents holds the case file (disposal-check.ts). Tenant-owned; replaced at each take-over.
 */
export class RecordsOfficeContent {
  documentId!: string;
  municipalityId!: string;
  caseFileId!: string;
}

export const RecordsOfficeContentSchema = new EntitySchema<RecordsOfficeContent>({
  class: RecordsOfficeContent,
  tableName: 'records_office_content',
  indexes: [{ properties: ['municipalityId', 'caseFileId'] }],
  properties: {
    documentId: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    caseFileId: { type: 'uuid' },
  },
});
