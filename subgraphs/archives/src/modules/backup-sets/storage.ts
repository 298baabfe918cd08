import { ErrorCode, HubError, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** HUB_BACKUP_SET_QUOTA_BYTES: what one municipality's backup sets may take together; default 10 GiB. */
export const DEFAULT_BACKUP_SET_QUOTA_BYTES = 10 * 1024 ** 3;

export function backupSetQuotaBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_BACKUP_SET_QUOTA_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_BACKUP_SET_QUOTA_BYTES;
}

/** HUB_BACKUP_SET_DIR, or `<HUB_DATA_DIR or ./data>/backup-sets`; read at call time, so tests can change it. */
export function backupSetDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HUB_BACKUP_SET_DIR || join(env.HUB_DATA_DIR || './data', 'backup-sets'));
}

export const quotaExceeded = (quota: number) =>
  new HubError(
    ErrorCode.QUOTA_EXCEEDED,
    `The municipality's backup sets would take more than its quota of ${quota} bytes; delete older sets or shorten the retention`,
    { limit: quota },
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sets' files: `<dir>/<municipality id>/<set id>`, partial uploads in `<dir>/tmp` (same file system, so the
 * final rename is atomic). Not content-addressed like the components' blob store: a set belongs to exactly one
 * municipality and is deleted with it, so no sharing (and no reference counting) across tenants.
 */
export class BackupSetFiles {
  constructor(readonly dir: string = backupSetDir()) {}

  pathOf(municipalityId: string, setId: string): string {
    if (!UUID.test(municipalityId) || !UUID.test(setId)) throw new Error('not a backup set path');
    return join(this.dir, municipalityId, setId);
  }

  /**
   * Streams `input` into a temporary file, hashing as it goes; refuses with QUOTA_EXCEEDED as soon as it passes
   * `maxBytes` (what is left of the quota). Any failure (too large, the client gone) removes the partial file.
   */
  async receive(
    input: Readable,
    { maxBytes, quota }: { maxBytes: number; quota: number },
  ): Promise<{ tmp: string; size: number; sha256: string }> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(quotaExceeded(quota));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { tmp, size, sha256: hash.digest('hex') };
  }

  /** Moves a received file to its place (before the row commits: a row never points at a missing file). */
  async keep(tmp: string, municipalityId: string, setId: string): Promise<void> {
    await mkdir(join(this.dir, municipalityId), { recursive: true, mode: PRIVATE_DIR_MODE });
    await rename(tmp, this.pathOf(municipalityId, setId));
  }

  open(municipalityId: string, setId: string): Readable {
    return createReadStream(this.pathOf(municipalityId, setId));
  }

  async remove(municipalityId: string, setId: string): Promise<void> {
    await rm(this.pathOf(municipalityId, setId), { force: true });
  }

  async removeTemp(tmp: string): Promise<void> {
    await rm(tmp, { force: true });
  }
}
