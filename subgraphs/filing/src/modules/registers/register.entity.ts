import { EntitySchema, type EventArgs } from '@mikro-orm/core';

/** MAIN: the podací deník that gives reference numbers (čj); SEPARATE: a samostatná evidence, e.g. invoices. */
export type RegisterKind = 'MAIN' | 'SEPARATE';

/**
 * A register of documents (evidence dokumentů; its printout is the podací deník). Tenant-owned.
 * Numbers run per register and calendar year (see numbering.ts).
 */
export class Register {
  id!: string;
  municipalityId!: string;
  name!: string;
  kind!: RegisterKind;
  /** Start of every reference number the register gives, e.g. MBK → `MBK 17/2026`, FP → `FP-0017/2026`. */
  referencePrefix!: string;
  active!: boolean;
  /**
   * The municipality id while this is its active MAIN register, otherwise null. A unique column rather than an
   * application check alone, because "at most one active MAIN register per municipality" must also hold for two
   * concurrent requests; SQLite and MariaDB both allow many NULLs in a unique index, and neither supports
   * the partial index that would otherwise express this. Kept in step with `kind` and `active` by the
   * schema's create/update hooks, so no write path has to remember it.
   */
  activeMainKey!: string | null;
  createdAt!: Date;
}

function syncActiveMainKey({ entity }: EventArgs<Register>): void {
  entity.activeMainKey = entity.kind === 'MAIN' && entity.active ? entity.municipalityId : null;
}

export const RegisterSchema = new EntitySchema<Register>({
  class: Register,
  tableName: 'register',
  hooks: { beforeCreate: [syncActiveMainKey], beforeUpdate: [syncActiveMainKey] },
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid', index: true },
    name: { type: 'string', length: 200 },
    kind: { type: 'string', length: 10 },
    referencePrefix: { type: 'string', length: 20 },
    active: { type: 'boolean' },
    activeMainKey: { type: 'uuid', nullable: true, unique: true },
    createdAt: { type: 'datetime', length: 3 },
  },
});
