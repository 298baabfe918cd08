import { protectAppendOnly, type HubORM } from '@hub/kit';

/**
 * Makes `log_rendition` append-only in the database itself (kit `protectAppendOnly`, as `log_entry`): triggers
 * refuse every UPDATE and DELETE. Idempotent; to run at every start after the schema is ensured (filing's
 * `upgradeData`), because SQLite drops a table's triggers when a schema change rebuilds the table. Whoever can drop
 * the triggers is caught by the renditions' own chain and seals (rendition-verify.ts).
 */
export const RENDITION_TABLE = 'log_rendition';

export function protectRenditions(orm: HubORM): Promise<void> {
  return protectAppendOnly(orm, RENDITION_TABLE, 'log_rendition (the daily renditions of the transaction log)');
}

/** The triggers' names (kit append-only.ts). */
export function renditionTriggerNames() {
  return { update: `${RENDITION_TABLE}_no_update`, delete: `${RENDITION_TABLE}_no_delete` };
}
