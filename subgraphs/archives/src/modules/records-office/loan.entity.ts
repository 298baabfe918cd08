import { EntitySchema } from '@mikro-orm/core';

/**
 * A loan (výpůjčka) of an entity from the records office: to a user of the municipality or to an outside body
 * (e.g. a court), with a due day. Active while `returnedAt` is null; at most one active loan per entity (its
 * state ON_LOAN says so). Tenant-owned.
 */
export class Loan {
  id!: string;
  municipalityId!: string;
  /** The records office item (= the case file's or document's id). */
  itemId!: string;
  borrowerId!: string | null;
  /** An outside body or person, when the borrower is not a user. */
  borrowerName!: string | null;
  reason!: string | null;
  /** Europe/Prague day (YYYY-MM-DD) by which it is due back. */
  dueOn!: string;
  lentAt!: Date;
  lentById!: string;
  returnedAt!: Date | null;
  returnedById!: string | null;
}

export const LoanSchema = new EntitySchema<Loan>({
  class: Loan,
  tableName: 'loan',
  indexes: [{ properties: ['municipalityId', 'itemId'] }, { properties: ['municipalityId', 'returnedAt', 'dueOn'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    itemId: { type: 'uuid' },
    borrowerId: { type: 'uuid', nullable: true },
    borrowerName: { type: 'string', length: 200, nullable: true },
    reason: { type: 'text', nullable: true },
    dueOn: { type: 'string', length: 10 },
    lentAt: { type: 'datetime', length: 3 },
    lentById: { type: 'uuid' },
    returnedAt: { type: 'datetime', length: 3, nullable: true },
    returnedById: { type: 'uuid', nullable: true },
  },
});
