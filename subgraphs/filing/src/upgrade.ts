import type { HubORM } from '@hub/kit';
import { protectRenditions } from './modules/audit-log/rendition-triggers';
import { protectTransactionLog } from './modules/audit-log/triggers';

/**
 * Runs at every start after the schema is ensured; idempotent and cheap when there is nothing to do.
 *
 * - Rows registered before drafts existed have no `createdAt`: for them the registration is the creation. Filled
 *   in once, so the document list can order by `(createdAt, id)` on an index. Runs across all municipalities on
 *   purpose (each row gets its own values); a no-op once done.
 * - The append-only triggers of the transaction log and of its daily renditions (re)created (a SQLite table
 *   rebuild drops them).
 */
export async function upgradeData(orm: HubORM): Promise<void> {
  await orm.em
    .getConnection()
    .execute('update document set created_at = registered_at, created_by_id = registered_by_id where created_at is null');
  await protectTransactionLog(orm);
  await protectRenditions(orm);
}
