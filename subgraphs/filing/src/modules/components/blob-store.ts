import { ErrorCode, HubError } from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored blob: its key is the SHA-256 of its bytes (hex), so identical bytes are stored once. */
export interface StoredBlob {
  key: string;
  size: number;
}

/**
 * Where the components' bytes live. Content-addressed: `put` streams the bytes in and answers their SHA-256 as the
 * key. Local disk by default (LocalDiskBlobStore); an S3-compatible store can implement the same four methods.
 * Nothing is ever held whole in memory.
 */
export interface BlobStore {
  /** Streams `input` in; refuses (PAYLOAD_TOO_LARGE) as soon as it passes `maxBytes`, leaving nothing behind. */
  put(input: Readable, opts: { maxBytes: number }): Promise<StoredBlob>;
  /** The blob's bytes; rejects (via the stream's 'error') when it is missing. */
  open(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Recomputes the blob's SHA-256 and compares it with its key; false also when it is missing. */
  verify(key: string): Promise<boolean>;
  /** Every stored key (for the verify command). */
  keys(): AsyncIterable<string>;
  /**
   * Removes a blob nobody uses any more, unless it was stored or stored again since `keepIfTouchedSince` (a put
   * of the same bytes may be about to record a new upload) or `stillUsed()` finds a reference. True when removed.
   */
  discard(key: string, opts: { keepIfTouchedSince: Date; stillUsed: () => Promise<boolean> }): Promise<boolean>;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const KEY = /^[0-9a-f]{64}$/;

/** HUB_MAX_UPLOAD_BYTES, default 50 MiB; read at call time, so tests can change it. */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_MAX_UPLOAD_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_MAX_UPLOAD_BYTES;
}

/** HUB_BLOB_DIR, or `<HUB_DATA_DIR or ./data>/blobs`. */
export function blobDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HUB_BLOB_DIR || join(env.HUB_DATA_DIR || './data', 'blobs'));
}

export const tooLarge = (maxBytes: number) =>
  new HubError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${maxBytes} bytes`);

/** `<dir>/<sha[0..2]>/<sha>`; temporary files in `<dir>/tmp`, on the same file system so the rename is atomic. */
export class LocalDiskBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: ${key}`);
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(input: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredBlob> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(tooLarge(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const key = hash.digest('hex');
    const target = this.pathOf(key);
    try {
      await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
      // Bytes already stored: keep them, and mark them as wanted now so a concurrent `discard` keeps them too.
      // Gone meanwhile (discarded between the two calls): this copy takes their place.
      const now = new Date();
      const stored = await utimes(target, now, now).then(() => true, (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      });
      if (stored) await rm(tmp, { force: true });
      else await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { key, size };
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async verify(key: string): Promise<boolean> {
    if (!(await this.exists(key))) return false;
    const hash = createHash('sha256');
    for await (const chunk of this.open(key)) hash.update(chunk as Buffer);
    return hash.digest('hex') === key;
  }

  /**
   * The blob is first moved aside (atomically), then checked: a put that found it before the move has touched it,
   * and a reference may have appeared; either puts it back. A put after the move finds nothing and stores its own
   * copy (the same bytes), so nothing that is wanted is ever lost.
   */
  async discard(key: string, { keepIfTouchedSince, stillUsed }: { keepIfTouchedSince: Date; stillUsed: () => Promise<boolean> }): Promise<boolean> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
    const aside = join(this.dir, 'tmp', `${randomUUID()}.discard`);
    try {
      await rename(path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    try {
      const { mtime } = await stat(aside);
      if (mtime >= keepIfTouchedSince || (await stillUsed())) {
        if (await this.exists(key)) await rm(aside, { force: true });
        else await rename(aside, path);
        return false;
      }
    } catch (e) {
      if (!(await this.exists(key))) await rename(aside, path).catch(() => undefined);
      throw e;
    }
    await rm(aside, { force: true });
    return true;
  }

  async *keys(): AsyncIterable<string> {
    const { readdir } = await import('node:fs/promises');
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return;
    }
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await readdir(join(this.dir, shard))).sort()) if (KEY.test(name) && name.startsWith(shard)) yield name;
    }
  }
}

/** The store configured by the environment (read at call time). */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv = process.env): BlobStore {
  return new LocalDiskBlobStore(blobDir(env));
}
