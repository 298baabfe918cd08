#!/usr/bin/env node
/**
 * `npm run blobs:verify`: recomputes the SHA-256 of every blob in the store (HUB_BLOB_DIR, or <HUB_DATA_DIR>/blobs)
 * against its key, and checks that every component in filing's database (HUB_DATABASE_URL, HUB_DATA_DIR) has its
 * blob and records the same hash. Read-only. Exit status: 0 all intact, 1 a mismatch or missing blob, 2 set-up error.
 */
import { databaseTarget, initORM, type HubORM } from '@hub/kit';
import { blobStoreFromEnv, type BlobStore } from '../modules/components/blob-store';
import { ComponentSchema } from '../modules/components/component.entity';
import { UploadSchema } from '../modules/components/upload.entity';

export interface BlobReport {
  blobs: number;
  components: number;
  problems: string[];
}

/** The check itself (tests call it with their own ORM and store). */
export async function verifyBlobs(orm: HubORM, store: BlobStore): Promise<BlobReport> {
  const problems: string[] = [];
  let blobs = 0;
  for await (const key of store.keys()) {
    blobs++;
    if (!(await store.verify(key))) problems.push(`blob ${key}: its bytes no longer hash to its key`);
  }
  // Across municipalities: plain SQL, not the tenant-filtered entity manager.
  const rows = (await orm.em.getKnex()('component').select('id', 'sha256', 'blob_key').orderBy('id')) as {
    id: string;
    sha256: string;
    blob_key: string;
  }[];
  for (const r of rows) {
    if (r.sha256 !== r.blob_key)
      problems.push(`component ${r.id}: recorded sha256 ${r.sha256} differs from its blob ${r.blob_key}`);
    else if (!(await store.exists(r.blob_key))) problems.push(`component ${r.id}: blob ${r.blob_key} is missing`);
  }
  return { blobs, components: rows.length, problems };
}

async function main(): Promise<number> {
  let orm: HubORM;
  try {
    orm = await initORM({ db: databaseTarget('filing'), entities: [ComponentSchema, UploadSchema] });
  } catch (e) {
    console.error(`blobs-verify: ${(e as Error).message}`);
    return 2;
  }
  try {
    const report = await verifyBlobs(orm, blobStoreFromEnv());
    for (const p of report.problems) console.log(`MISMATCH ${p}`);
    console.log(
      `${report.blobs} blobs, ${report.components} components: ${report.problems.length ? `${report.problems.length} problems` : 'all intact'}`,
    );
    return report.problems.length ? 1 : 0;
  } finally {
    await orm.close(true);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
