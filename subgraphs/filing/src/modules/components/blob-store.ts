import { ErrorCode, HubError, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, isLoose } from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open as openFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough, Transform, pipeline as pipeStreams, type Readable } from 'node:stream';
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
  /**
   * Cleans up what an interrupted put or discard left behind (a crash, a killed process) and was last written
   * before `olderThan`. Optional: a store without temporary files (S3 multipart uploads expire there) omits it.
   */
  sweepTemp?(opts: { olderThan: Date }): Promise<TempSweepResult>;
  /** Makes an existing store private (directories 0700, files 0600); optional like `sweepTemp`. */
  makePrivate?(): Promise<number>;
}

export interface TempSweepResult {
  /** Partial files of uploads that never finished, deleted. */
  partial: number;
  /** Blobs a discard had moved aside when it was interrupted, put back (or deleted when stored again meanwhile). */
  restored: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const KEY = /^[0-9a-f]{64}$/;

/** HUB_MAX_UPLOAD_BYTES, default 50 MiB; read at call time, so tests can change it. */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_MAX_UPLOAD_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_MAX_UPLOAD_BYTES;
}

export const DEFAULT_BLOB_TMP_MAX_AGE_MINUTES = 60;

/**
 * HUB_BLOB_TMP_MAX_AGE_MINUTES (default 60): a temporary file of the store not written for longer is left over from
 * an interrupted upload and removed by the sweep. Age is since the last write, so an upload in progress (here or in
 * another process on the same store) is never touched: it writes every few milliseconds, and the HTTP servers end a
 * request after 300 s anyway.
 */
export function blobTmpMaxAgeMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.HUB_BLOB_TMP_MAX_AGE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_BLOB_TMP_MAX_AGE_MINUTES) * 60_000;
}

/** HUB_BLOB_DIR, or `<HUB_DATA_DIR or ./data>/blobs`. */
export function blobDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HUB_BLOB_DIR || join(env.HUB_DATA_DIR || './data', 'blobs'));
}

export const tooLarge = (maxBytes: number) =>
  new HubError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${maxBytes} bytes`);

const PART = '.part';
const DISCARD = '.discard';
/** Written once every file of the store is known to be private (see `makePrivate`). */
const PRIVATE_MARKER = '.private';

/**
 * `<dir>/<sha[0..2]>/<sha>`; temporary files in `<dir>/tmp`, on the same file system so the rename is atomic.
 * Directories are created 0700 and files 0600, whatever the process umask: the blobs are the municipalities' records.
 */
export class LocalDiskBlobStore implements BlobStore {
  /**
   * `fsync`: each new blob's bytes and its directory entry are flushed to disk before `put` resolves (the mirrored
   * store's promise: an acknowledged upload survives a power loss in either building). Off for the single store,
   * as before.
   */
  constructor(
    readonly dir: string,
    readonly opts: { fsync?: boolean } = {},
  ) {}

  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: ${key}`);
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(input: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredBlob> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = join(tmpDir, `${randomUUID()}${PART}`);
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
      // pipeline: an input that fails or is aborted destroys the file stream too (its descriptor closed at once).
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const key = hash.digest('hex');
    const target = this.pathOf(key);
    try {
      await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: PRIVATE_DIR_MODE });
      // Bytes already stored: keep them, and mark them as wanted now so a concurrent `discard` keeps them too.
      // Gone meanwhile (discarded between the two calls): this copy takes their place.
      const now = new Date();
      const stored = await utimes(target, now, now).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return false;
          throw e;
        },
      );
      if (stored) await rm(tmp, { force: true });
      else {
        if (this.opts.fsync) await syncPath(tmp, 'r+');
        await rename(tmp, target);
        if (this.opts.fsync) await syncPath(join(this.dir, key.slice(0, 2)), 'r');
      }
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
  async discard(
    key: string,
    { keepIfTouchedSince, stillUsed }: { keepIfTouchedSince: Date; stillUsed: () => Promise<boolean> },
  ): Promise<boolean> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, 'tmp'), { recursive: true, mode: PRIVATE_DIR_MODE });
    const aside = join(this.dir, 'tmp', `${randomUUID()}${DISCARD}`);
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

  /**
   * An upload whose process died (crash, kill -9, power loss) leaves its `.part` file: nothing else would ever remove
   * it. A discard interrupted between moving a blob aside and deciding leaves a `.discard` file, which may be a blob
   * still in use: it is put back under its key (recomputed from its bytes), and a later sweep discards it properly
   * if it is unused. Only files last written before `olderThan` are touched (see blobTmpMaxAgeMs).
   */
  async sweepTemp({ olderThan }: { olderThan: Date }): Promise<TempSweepResult> {
    const tmpDir = join(this.dir, 'tmp');
    const result: TempSweepResult = { partial: 0, restored: 0 };
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return result;
      throw e;
    }
    for (const name of names) {
      if (!name.endsWith(PART) && !name.endsWith(DISCARD)) continue;
      const path = join(tmpDir, name);
      const st = await stat(path).catch(() => null);
      if (!st?.isFile() || st.mtime >= olderThan) continue;
      if (name.endsWith(PART)) {
        await rm(path, { force: true });
        result.partial++;
        continue;
      }
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
      const key = hash.digest('hex');
      if (await this.exists(key)) {
        await rm(path, { force: true });
      } else {
        await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: PRIVATE_DIR_MODE });
        await rename(path, this.pathOf(key));
      }
      result.restored++;
    }
    return result;
  }

  /**
   * Tightens a store an earlier release created with 0755/0644 (issue 18, finding 6). The directories (the store,
   * tmp, the shards: at most 258) at every call — with them at 0700 nobody else can reach a file, whatever its mode.
   * The files once: a full pass over every blob, then a marker file, so a large store is not walked at every start
   * (files created since are 0600 by construction). Answers how many modes it changed.
   */
  async makePrivate(): Promise<number> {
    let changed = 0;
    const tighten = async (path: string, mode: number) => {
      const st = await stat(path).catch(() => null);
      if (st && isLoose(st.mode)) {
        await chmod(path, mode);
        changed++;
      }
    };
    let entries;
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    await tighten(this.dir, PRIVATE_DIR_MODE);
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => join(this.dir, e.name));
    for (const d of dirs) await tighten(d, PRIVATE_DIR_MODE);
    const marker = join(this.dir, PRIVATE_MARKER);
    if (entries.some((e) => e.name === PRIVATE_MARKER)) return changed;
    for (const e of entries) if (e.isFile()) await tighten(join(this.dir, e.name), PRIVATE_FILE_MODE);
    for (const d of dirs) {
      for (const f of await readdir(d, { withFileTypes: true }))
        if (f.isFile()) await tighten(join(d, f.name), PRIVATE_FILE_MODE);
    }
    await writeFile(marker, 'Every file of this blob store is private (0600); see README, Files.\n', {
      mode: PRIVATE_FILE_MODE,
    });
    return changed;
  }

  async *keys(): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return;
    }
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await readdir(join(this.dir, shard))).sort())
        if (KEY.test(name) && name.startsWith(shard)) yield name;
    }
  }
}

/** fsync of a file (`r+`) or a directory (`r`: its entries, e.g. a rename into it). */
async function syncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await openFile(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The blob store of two buildings (README, "Two buildings"): every blob is written, and fsynced, into the store of
 * this building (`primary`) and then into the other building's (`mirror`, HUB_BLOB_MIRROR_DIR) before `put`
 * resolves — the upload is acknowledged only once both hold the bytes, so losing either building loses no
 * acknowledged file. Reads come from the primary and fall back to the mirror (a blob the primary lost, or one
 * written while this building's store was being rebuilt). Discards and housekeeping act on both.
 */
export class MirroredBlobStore implements BlobStore {
  constructor(
    readonly primary: LocalDiskBlobStore,
    readonly mirror: LocalDiskBlobStore,
  ) {}

  async put(input: Readable, opts: { maxBytes: number }): Promise<StoredBlob> {
    const stored = await this.primary.put(input, opts);
    // Copied from the primary's file, and hashed again on the way: the mirror's key must match its own bytes.
    const copy = await this.mirror.put(this.primary.open(stored.key), { maxBytes: Number.MAX_SAFE_INTEGER });
    if (copy.key !== stored.key) throw new Error(`blob mirror: copy of ${stored.key} hashed to ${copy.key}`);
    return stored;
  }

  open(key: string): Readable {
    const out = new PassThrough();
    this.primary.exists(key).then(
      (here) => pipeStreams((here ? this.primary : this.mirror).open(key), out, () => undefined),
      (e: Error) => out.destroy(e),
    );
    return out;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.primary.exists(key)) || this.mirror.exists(key);
  }

  async verify(key: string): Promise<boolean> {
    return (await this.primary.verify(key)) || this.mirror.verify(key);
  }

  async *keys(): AsyncIterable<string> {
    const seen = new Set<string>();
    for await (const key of this.primary.keys()) {
      seen.add(key);
      yield key;
    }
    for await (const key of this.mirror.keys()) if (!seen.has(key)) yield key;
  }

  async discard(key: string, opts: { keepIfTouchedSince: Date; stillUsed: () => Promise<boolean> }): Promise<boolean> {
    const here = await this.primary.discard(key, opts);
    const there = await this.mirror.discard(key, opts);
    return here || there;
  }

  async sweepTemp(opts: { olderThan: Date }): Promise<TempSweepResult> {
    const a = await this.primary.sweepTemp(opts);
    const b = await this.mirror.sweepTemp(opts);
    return { partial: a.partial + b.partial, restored: a.restored + b.restored };
  }

  async makePrivate(): Promise<number> {
    return (await this.primary.makePrivate()) + (await this.mirror.makePrivate());
  }
}

/** HUB_BLOB_MIRROR_DIR: the other building's blob store, or undefined (one building). */
export function blobMirrorDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.HUB_BLOB_MIRROR_DIR?.trim();
  return dir ? resolve(dir) : undefined;
}

/** The store configured by the environment (read at call time): mirrored when HUB_BLOB_MIRROR_DIR is set. */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv = process.env): BlobStore {
  const mirror = blobMirrorDir(env);
  if (!mirror) return new LocalDiskBlobStore(blobDir(env));
  return new MirroredBlobStore(
    new LocalDiskBlobStore(blobDir(env), { fsync: true }),
    new LocalDiskBlobStore(mirror, { fsync: true }),
  );
}
