import { EntitySchema } from '@mikro-orm/core';

/**
 * A document kind (druh dokumentu, NSESSS `tDruhDokumentu`): a municipality's own vocabulary of what documents are
 * (application, decision, contract, invoice …), carried into the SIP with its identifier. Tenant-owned; records
 * managers keep it. Exactly one kind per municipality is the default (`isDefault`, "ostatní"), which a document gets
 * when its kind is not given, so office applications that do not know kinds keep registering.
 */
export class DocumentKind {
  id!: string;
  municipalityId!: string;
  /** `tIdentifikator`: HodnotaID and ZdrojID, each ≤ 50 characters; unique per municipality. */
  identifierValue!: string;
  identifierSource!: string;
  name!: string;
  comment!: string | null;
  isDefault!: boolean;
  active!: boolean;
  createdAt!: Date;
}

export const DocumentKindSchema = new EntitySchema<DocumentKind>({
  class: DocumentKind,
  tableName: 'document_kind',
  uniques: [
    { properties: ['municipalityId', 'identifierSource', 'identifierValue'] },
    { properties: ['municipalityId', 'name'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    identifierValue: { type: 'string', length: 50 },
    identifierSource: { type: 'string', length: 50 },
    name: { type: 'string', length: 100 },
    comment: { type: 'string', length: 500, nullable: true },
    isDefault: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', length: 3 },
  },
});
