import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type TenantCaller } from '@hub/kit';
import type { DescribeDocumentInput } from '../../generated/graphql';
import { kindForDocument } from '../document-kinds/document-kinds';
import type { Document, DocumentForm } from './document.entity';
import { label, runStep, type StepResult } from './steps';

/**
 * The metadata of a document the archive's SIP needs and the handling workflow captures (NSESSS
 * `tEvidencniUdajeDokumentu`): kind (druh dokumentu), form (forma) with the quantities of its paper part (počet
 * listů, počet příloh, druh příloh; rules obs61/obs61a: an analog document states its quantity), and the author
 * of an own document (autor). Input checks run before any statement; the settlement check in the step's transaction.
 */

export const MAX_SHEETS = 100_000;
export const MAX_ATTACHMENTS = 10_000;
export const MAX_ATTACHMENT_KIND = 200;
/** The author named on documents the hub files itself (the log's daily renditions), like the log's actor `system`. */
export const SYSTEM_AUTHOR = 'system';

export const METADATA_FIELDS: (keyof Document)[] = [
  'kindId',
  'form',
  'sheetCount',
  'attachmentCount',
  'attachmentKind',
];
export const AUTHOR_FIELDS: (keyof Document)[] = ['authorUserId', 'authorName', 'authorOrgUnitName', 'authorPosition'];

/** Checked metadata input; `undefined`: not given (keep / default). */
export interface MetadataFields {
  kindId?: string;
  form?: DocumentForm;
  sheetCount?: number;
  attachmentCount?: number;
  attachmentKind?: string | null;
}

function count(value: number | null | undefined, min: number, max: number, field: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${field} must be a whole number ${min}–${max}`, field);
  return value;
}

/** BAD_USER_INPUT naming the first wrong field of kind / form / quantities (registration, drafts, describeDocument). */
export function validateMetadata(input: DescribeDocumentInput): MetadataFields {
  const out: MetadataFields = {};
  if (input.kindId != null) out.kindId = input.kindId;
  if (input.form != null) out.form = input.form;
  out.sheetCount = count(input.sheetCount, 1, MAX_SHEETS, 'sheetCount');
  out.attachmentCount = count(input.attachmentCount, 0, MAX_ATTACHMENTS, 'attachmentCount');
  if (input.attachmentKind !== undefined) {
    const t = input.attachmentKind?.trim() ?? '';
    if (t.length > MAX_ATTACHMENT_KIND)
      throw badInput(`attachmentKind must be at most ${MAX_ATTACHMENT_KIND} characters`, 'attachmentKind');
    out.attachmentKind = t === '' ? null : t;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as MetadataFields;
}

/** What is missing for a paper part to be described (empty when nothing is, or the document is digital). */
export function missingQuantities(
  d: Pick<Document, 'form' | 'sheetCount' | 'attachmentCount' | 'attachmentKind'>,
): string[] {
  if (d.form === 'DIGITAL') return [];
  const missing: string[] = [];
  if (d.sheetCount == null) missing.push('sheetCount');
  if (d.attachmentCount == null) missing.push('attachmentCount');
  else if (d.attachmentCount > 0 && !d.attachmentKind) missing.push('attachmentKind');
  return missing;
}

/**
 * CONFLICT unless an ANALOG or HYBRID document states its quantities: checked when it is settled (the archive needs
 * them for every settled paper document), and whenever a settled one is described again.
 */
export function assertQuantities(d: Document, label: string): void {
  const missing = missingQuantities(d);
  if (missing.length > 0) {
    throw conflict(
      `Document ${label} is ${d.form} and needs ${missing.join(', ')} (describeDocument) before it is settled`,
    );
  }
}

/** The metadata columns of a new document: the given values, the municipality's default kind, DIGITAL. */
export async function newDocumentMetadata(tx: SqlEntityManager, m: MetadataFields) {
  return {
    kindId: await kindForDocument(tx, m.kindId),
    form: m.form ?? ('DIGITAL' as const),
    sheetCount: m.sheetCount ?? null,
    attachmentCount: m.attachmentCount ?? null,
    attachmentKind: m.attachmentKind ?? null,
  } satisfies Partial<Document>;
}

/** Applies described metadata to a document (a kind must be this municipality's and active). */
export async function applyMetadata(tx: SqlEntityManager, d: Document, m: MetadataFields): Promise<void> {
  if (m.kindId !== undefined && m.kindId !== d.kindId) d.kindId = await kindForDocument(tx, m.kindId);
  if (m.form !== undefined) d.form = m.form;
  if (m.sheetCount !== undefined) d.sheetCount = m.sheetCount;
  if (m.attachmentCount !== undefined) d.attachmentCount = m.attachmentCount;
  if (m.attachmentKind !== undefined) d.attachmentKind = m.attachmentKind;
}

/** The author snapshot of an own document created by `caller` (its org unit's name as the resolver found it). */
export function authorOf(caller: TenantCaller, orgUnitName: string | null) {
  return {
    authorUserId: caller.userId,
    authorName: (caller.name || caller.login).slice(0, 200),
    authorOrgUnitName: orgUnitName,
    authorPosition: null,
  };
}

/** No author: received documents. */
export const NO_AUTHOR = {
  authorUserId: null,
  authorName: null,
  authorOrgUnitName: null,
  authorPosition: null,
} as const;

/** The hub itself as the author (documents it files without a person: the log's renditions). */
export const SYSTEM_AUTHOR_FIELDS = { ...NO_AUTHOR, authorName: SYSTEM_AUTHOR };

/** A case file's form from its documents' (computed, not stored): DIGITAL if all are, ANALOG if all are, else HYBRID. */
export function caseFileForm(documents: Pick<Document, 'form'>[]): DocumentForm {
  if (documents.every((d) => d.form === 'DIGITAL')) return 'DIGITAL';
  if (documents.every((d) => d.form === 'ANALOG')) return 'ANALOG';
  return 'HYBRID';
}

/**
 * `describeDocument`: kind, form and quantities of a document not yet closed (who may classify it may describe
 * it, workflow.ts `describe`), one `Uprava` with what changed; nothing written when nothing changes. A settled
 * paper document must keep its quantities.
 */
export async function describeDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  input: DescribeDocumentInput,
): Promise<StepResult> {
  const metadata = validateMetadata(input);
  return runStep(em, caller, 'describe', documentId, async (tx, d) => {
    await applyMetadata(tx, d, metadata);
    if (d.state === 'SETTLED') assertQuantities(d, label(d));
    return { eventType: 'Uprava', description: `Document ${label(d)} described`, fields: METADATA_FIELDS };
  });
}
