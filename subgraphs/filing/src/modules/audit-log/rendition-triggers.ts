import { appendOnlyTriggerNames, type AppendOnlyTable } from '@hub/kit';

/**
 * Makes `log_rendition` append-only in the database itself, as `log_entry` (triggers.ts): triggers refuse every
 * UPDATE and DELETE. Declared in filing's definition (`appendOnly`). Whoever can drop the triggers is caught by the
 * renditions' own chain and seals (rendition-verify.ts).
 */
export const RENDITION_TABLE = 'log_rendition';

export const RENDITIONS_APPEND_ONLY: AppendOnlyTable = {
  table: RENDITION_TABLE,
  what: 'log_rendition (the daily renditions of the transaction log)',
};

/** The triggers' names (kit append-only.ts). */
export function renditionTriggerNames() {
  const [update, del] = appendOnlyTriggerNames(RENDITION_TABLE);
  return { update, delete: del };
}
