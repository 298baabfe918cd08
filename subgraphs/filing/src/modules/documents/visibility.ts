import { Role, hasRole, type Caller } from '@hub/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { CaseFile } from '../case-files/case-file.entity';
import type { Document } from './document.entity';

/**
 * Who sees which documents of their own municipality (domain.md §5.6; other municipalities' never reach
 * this far, the tenant filter removes them):
 * - the podatelna (intake clerks) keeps the register, and the records office, records managers and auditors
 *   read everything (Spisovka's `cist_vse`);
 * - everybody else sees what they created, registered or handle, and a unit head also their unit's documents;
 * - a case handler also sees the documents assigned to their unit with no handler named yet: the unit's open
 *   queue, which any of them may accept (workflow.ts `accept`).
 */
export const READ_ALL_ROLES: Role[] = [Role.INTAKE_CLERK, Role.RECORDS_OFFICER, Role.RECORDS_MANAGER, Role.AUDITOR];

export const readsAll = (caller: Caller) => hasRole(caller, ...READ_ALL_ROLES);
export const headsUnit = (caller: Caller, orgUnitId: string | null) =>
  !!orgUnitId && hasRole(caller, Role.UNIT_HEAD) && caller.orgUnitId === orgUnitId;

/** The condition to AND into every document query for `caller`; `{}` for those who read everything. */
export function visibleDocuments(caller: Caller): FilterQuery<Document> {
  if (readsAll(caller)) return {};
  const own: FilterQuery<Document>[] = [
    { handlerId: caller.userId },
    { createdById: caller.userId },
    { registeredById: caller.userId },
  ];
  if (hasRole(caller, Role.UNIT_HEAD) && caller.orgUnitId) own.push({ orgUnitId: caller.orgUnitId });
  if (hasRole(caller, Role.CASE_HANDLER) && caller.orgUnitId)
    own.push({ orgUnitId: caller.orgUnitId, handlerId: null });
  return { $or: own };
}

/** A case handler of the unit a document is assigned to, when no handler is named. */
const inUnitQueue = (caller: Caller, d: Document) =>
  !!d.orgUnitId && !d.handlerId && hasRole(caller, Role.CASE_HANDLER) && caller.orgUnitId === d.orgUnitId;

export function canSeeDocument(caller: Caller, d: Document): boolean {
  return (
    readsAll(caller) ||
    d.handlerId === caller.userId ||
    d.createdById === caller.userId ||
    d.registeredById === caller.userId ||
    headsUnit(caller, d.orgUnitId) ||
    inUnitQueue(caller, d)
  );
}

/** Case files follow the same rule: read-all roles, their handler and opener, the unit head of their unit. */
export function visibleCaseFiles(caller: Caller): FilterQuery<CaseFile> {
  if (readsAll(caller)) return {};
  const own: FilterQuery<CaseFile>[] = [{ handlerId: caller.userId }, { openedById: caller.userId }];
  if (hasRole(caller, Role.UNIT_HEAD) && caller.orgUnitId) own.push({ orgUnitId: caller.orgUnitId });
  return { $or: own };
}

export function canSeeCaseFile(caller: Caller, c: CaseFile): boolean {
  return (
    readsAll(caller) ||
    c.handlerId === caller.userId ||
    c.openedById === caller.userId ||
    headsUnit(caller, c.orgUnitId)
  );
}
