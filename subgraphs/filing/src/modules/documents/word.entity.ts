import { EntitySchema } from '@mikro-orm/core';

/** Which text of a document a word comes from: S = subject (věc), N = the sender's name. */
export type WordField = 'S' | 'N';

/**
 * The word index of subject and sender search (word-index.ts): one row per distinct word of a document's subject
 * or sender name, folded (lower case, no diacritics). Tenant-owned like the document. The key leads with the
 * municipality, the field and the word, then the document's position in the list (createdAt, id): a word's rows
 * come newest first straight from the key, so a page of a common word reads 51 rows of it, and a rare word's
 * few hundred rows are found by one range read. Written only by word-index.ts (never through the unit of work),
 * hence no properties beyond the key.
 */
export class DocumentWord {
  municipalityId!: string;
  field!: WordField;
  word!: string;
  createdAt!: Date;
  documentId!: string;
}

export const DocumentWordSchema = new EntitySchema<DocumentWord>({
  class: DocumentWord,
  tableName: 'document_word',
  properties: {
    municipalityId: { type: 'uuid', primary: true },
    field: { type: 'string', length: 1, primary: true },
    // search.ts MAX_WORD_LENGTH
    word: { type: 'string', length: 40, primary: true },
    createdAt: { type: 'datetime', length: 3, primary: true },
    documentId: { type: 'uuid', primary: true },
  },
});
