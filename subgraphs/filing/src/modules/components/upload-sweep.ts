import { logger, startJobLease, timeJob, type HubORM } from '@hub/kit';
import { eraseQueuedBlobs } from '../destruction/blob-erasure';
import { blobInUse } from './blob-references';
import { blobStoreFromEnv, blobTmpMaxAgeMs, type BlobStore } from './blob-store';
import { Upload } from './upload.entity';

/**
 * Uploads that are never attached (a repeated data-box delivery, a refused envelope, an abandoned screen) would
 * stay forever. The sweep deletes uploads older than the TTL (HUB_UPLOAD_TTL_HOURS, default 24) and then the
 * blobs nothing refers to any more: no component, no delivery proof, no other upload, in any municipality (the
 * store is content-addressed and shared).
 *
 * Safe against the steps that run at the same moment:
 * - attaching locks the upload row (attachComponent, delivery proofs), so a delete either waits for the attach,
 *   whose component then refers to the blob, or wins and the attach finds no upload (NOT_FOUND);
 * - a new upload of the same bytes touches the blob (LocalDiskBlobStore.put), and `discard` keeps touched blobs.
 *
 * Uploads are scratch space, not records: their removal is not a transaction-log event (their creation is not
 * one either; attaching is, with the hash).
 */
export const DEFAULT_UPLOAD_TTL_HOURS = 24;
const BATCH = 500;

export function uploadTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.HUB_UPLOAD_TTL_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_UPLOAD_TTL_HOURS) * 3_600_000;
}

export interface SweepResult {
  uploads: number;
  blobs: number;
}

/** One sweep over all municipalities (a system job: outside the tenant filter). */
export async function sweepUploads(
  orm: HubORM,
  store: BlobStore,
  opts: { now?: Date; ttlMs?: number } = {},
): Promise<SweepResult> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.ttlMs ?? uploadTtlMs()));
  const result: SweepResult = { uploads: 0, blobs: 0 };
  for (;;) {
    const em = orm.em.fork();
    const old = await em.find(
      Upload,
      { createdAt: { $lt: cutoff } },
      { filters: false, orderBy: { createdAt: 'asc', id: 'asc' }, limit: BATCH, fields: ['id', 'blobKey'] },
    );
    if (old.length === 0) break;
    // A delete of rows an attach has locked waits for it; the attach then has used the row up.
    const deleted = await em.transactional((tx) =>
      tx.nativeDelete(Upload, { id: { $in: old.map((u) => u.id) } }, { filters: false }),
    );
    result.uploads += deleted;
    for (const key of new Set(old.map((u) => u.blobKey))) {
      if (await store.discard(key, { keepIfTouchedSince: cutoff, stillUsed: () => blobInUse(orm, key) }))
        result.blobs++;
    }
    if (old.length < BATCH) break;
  }
  // Bytes of destroyed entities whose erasure failed after the destruction are tried again here.
  await eraseQueuedBlobs(orm, store);
  return result;
}

export const SWEEP_INTERVAL_MS = 60 * 60_000;

const storeLog = logger.child({ component: 'blob-store' });

/**
 * The store's own housekeeping, at start and then with every sweep round: temporary files of interrupted uploads
 * and discards (`sweepTemp`, older than HUB_BLOB_TMP_MAX_AGE_MINUTES), and — at start only — the modes of a store an
 * earlier release created world-readable (`makePrivate`). Never throws: a failure is logged and tried next round.
 */
export async function maintainBlobStore(
  store: BlobStore,
  opts: { now?: Date; tmpMaxAgeMs?: number; makePrivate?: boolean } = {},
): Promise<void> {
  try {
    if (opts.makePrivate && store.makePrivate) {
      const changed = await store.makePrivate();
      if (changed) storeLog.info({ changed }, 'blob store made private (directories 0700, files 0600)');
    }
    if (store.sweepTemp) {
      const olderThan = new Date((opts.now ?? new Date()).getTime() - (opts.tmpMaxAgeMs ?? blobTmpMaxAgeMs()));
      const r = await store.sweepTemp({ olderThan });
      if (r.partial || r.restored) storeLog.info(r, 'stale temporary files of the blob store cleaned up');
    }
  } catch (e) {
    storeLog.error({ err: e }, 'blob store housekeeping failed (tried again next round)');
  }
}

/**
 * Filing's background sweep: a round shortly after start, then hourly; the blob store's housekeeping at once at
 * start, then with every round. Off with HUB_UPLOAD_SWEEP=0, and off under NODE_ENV=test unless
 * HUB_UPLOAD_SWEEP=1 (tests call `sweepUploads` and `maintainBlobStore` themselves).
 */
export function uploadSweepBackground(orm: HubORM, env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const flag = env.HUB_UPLOAD_SWEEP?.trim();
  if (flag === '0' || (flag !== '1' && env.NODE_ENV === 'test')) return { stop: async () => undefined };
  // What a crash left in the store's tmp folder goes at start, before it can pile up.
  let housekeeping = maintainBlobStore(blobStoreFromEnv(env), { makePrivate: true, tmpMaxAgeMs: blobTmpMaxAgeMs(env) });
  const sweepLog = logger.child({ component: 'upload-sweep' });
  // One sweep per deployment (kit lease.ts): the store's housekeeping above is per process (its own temporary files).
  const lease = startJobLease(orm, 'upload-sweep', { service: 'filing' });
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    if (busy) return;
    busy = true;
    housekeeping = housekeeping.then(() =>
      maintainBlobStore(blobStoreFromEnv(env), { tmpMaxAgeMs: blobTmpMaxAgeMs(env) }),
    );
    running = lease
      .ensure()
      .then((mine) =>
        mine
          ? timeJob('filing', 'upload-sweep', () => sweepUploads(orm, blobStoreFromEnv(env)))
          : { uploads: 0, blobs: 0 },
      )
      .then((r) => {
        if (r.uploads)
          sweepLog.info(
            { uploads: r.uploads, blobs: r.blobs },
            'upload sweep: unattached uploads and unused blobs removed',
          );
      })
      .catch((e) => sweepLog.error({ err: e }, 'upload sweep failed (tried again next round)'))
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(round, 30_000);
  const timer = setInterval(round, SWEEP_INTERVAL_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
      await housekeeping;
      await lease.stop();
    },
  };
}
