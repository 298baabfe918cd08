/** Roles (domain.md §7.5). A user holds several; all roles are scoped to the user's municipality except PLATFORM_ADMIN. */
export const Role = {
  /** podatelna: receives and registers incoming documents */
  INTAKE_CLERK: 'INTAKE_CLERK',
  /** výpravna: sends outgoing shipments */
  DISPATCH_CLERK: 'DISPATCH_CLERK',
  /** zpracovatel / referent: handles documents and case files */
  CASE_HANDLER: 'CASE_HANDLER',
  /** vedoucí: sees and redistributes the documents of the unit */
  UNIT_HEAD: 'UNIT_HEAD',
  /** pracovník spisovny: records office, loans, disposal */
  RECORDS_OFFICER: 'RECORDS_OFFICER',
  /** správce spisové služby: filing plan, registers, numbering */
  RECORDS_MANAGER: 'RECORDS_MANAGER',
  /** reads the transaction log */
  AUDITOR: 'AUDITOR',
  /** manages the users of the own municipality */
  TENANT_ADMIN: 'TENANT_ADMIN',
  /** ORP IT: tenant lifecycle; no access to a municipality's records */
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
  /**
   * The API client of a backup-only municipality (záložní klient): uploads, lists, downloads and deletes its own
   * system's backup sets and sets their retention; nothing else (no records, no users).
   */
  BACKUP_CLIENT: 'BACKUP_CLIENT',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
/** Roles that may read an object's audit trail within their own municipality. */
export const AUDIT_READER_ROLES: Role[] = [Role.AUDITOR, Role.RECORDS_MANAGER, Role.RECORDS_OFFICER, Role.TENANT_ADMIN];
