import { logger, type HubORM } from '@hub/kit';
import type { BlobStore } from '../components/blob-store';
import { blobInUse } from '../components/blob-references';
import { BlobErasure } from './tombstone.entity';

const log = logger.child({ component: 'blob-erasure' });
const BATCH = 200;

export interface ErasureResult {
  /** Bytes removed from the store. */
  erased: number;
  /** Bytes kept: another component, delivery proof or upload (any municipality) uses the same hash, or they were gone. */
  kept: number;
  /** Still queued after an error (tried again by the next sweep). */
  failed: number;
}

/**
 * Erases the queued bytes of destroyed entities (destruction/ingest.ts) from the blob store: after the destruction
 * committed (its rows are gone, so a reference found now is someone else's), and again with every upload sweep for
 * what failed (upload-sweep.ts). A blob still referenced anywhere is kept; one stored again since it was queued (a
 * new upload of the same bytes is about to be recorded) is kept too (`keepIfTouchedSince`). The row goes once
 * decided; an error leaves it queued with the attempt counted. Across municipalities (a system job).
 */
export async function eraseQueuedBlobs(
  orm: HubORM,
  store: BlobStore,
  opts: { now?: Date } = {},
): Promise<ErasureResult> {
  const result: ErasureResult = { erased: 0, kept: 0, failed: 0 };
  const em = orm.em.fork();
  const queued = await em.find(
    BlobErasure,
    {},
    { filters: false, orderBy: { queuedAt: 'asc', id: 'asc' }, limit: BATCH, disableIdentityMap: true },
  );
  for (const row of queued) {
    try {
      const removed = (await blobInUse(orm, row.blobKey))
        ? false
        : await store.discard(row.blobKey, {
            keepIfTouchedSince: row.queuedAt,
            stillUsed: () => blobInUse(orm, row.blobKey),
          });
      if (removed) result.erased++;
      else result.kept++;
      await orm.em.fork().nativeDelete(BlobErasure, { id: row.id }, { filters: false });
    } catch (e) {
      result.failed++;
      const message = String((e as Error)?.message ?? e).slice(0, 500);
      log.error(
        { err: e, blobKey: row.blobKey, attempts: row.attempts + 1 },
        'erasing the bytes of a destroyed entity failed (tried again by the sweep)',
      );
      await orm.em
        .fork()
        .nativeUpdate(
          BlobErasure,
          { id: row.id },
          { attempts: row.attempts + 1, lastError: message, lastAttemptAt: opts.now ?? new Date() },
          { filters: false },
        )
        .catch((err: unknown) => log.error({ err }, 'could not record the failed erasure'));
    }
  }
  return result;
}
