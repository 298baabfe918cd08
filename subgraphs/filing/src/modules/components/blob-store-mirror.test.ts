// The two buildings' blob store (MirroredBlobStore): an upload resolves only once both stores hold the bytes; a
// mirror that cannot write fails the upload (nothing acknowledged that is in one building only); reads fall back.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { blobStoreFromEnv, LocalDiskBlobStore, MirroredBlobStore } from './blob-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('MirroredBlobStore', () => {
  let root: string;
  let a: LocalDiskBlobStore;
  let b: LocalDiskBlobStore;
  let store: MirroredBlobStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'blobs-mirror-'));
    a = new LocalDiskBlobStore(join(root, 'a'), { fsync: true });
    b = new LocalDiskBlobStore(join(root, 'b'), { fsync: true });
    store = new MirroredBlobStore(a, b);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes every blob into both buildings before resolving; reads fall back to the mirror', async () => {
    const bytes = Buffer.from('Rozhodnutí '.repeat(5_000));
    const put = await store.put(Readable.from([bytes]), { maxBytes: 1e6 });
    expect(put).toEqual({ key: sha(bytes), size: bytes.length });
    expect(readFileSync(a.pathOf(put.key)).equals(bytes)).toBe(true);
    expect(readFileSync(b.pathOf(put.key)).equals(bytes)).toBe(true);
    // The primary lost it: still readable, verifiable, listed.
    unlinkSync(a.pathOf(put.key));
    expect((await read(store.open(put.key))).equals(bytes)).toBe(true);
    expect(await store.exists(put.key)).toBe(true);
    expect(await store.verify(put.key)).toBe(true);
    const keys: string[] = [];
    for await (const k of store.keys()) keys.push(k);
    expect(keys).toEqual([put.key]);
    // Gone from both: the stream fails, as the single store's does.
    unlinkSync(b.pathOf(put.key));
    await expect(read(store.open(put.key))).rejects.toThrow();
  });

  it('a mirror that cannot store the bytes fails the upload', async () => {
    writeFileSync(join(root, 'b'), 'not a directory');
    await expect(store.put(Readable.from([Buffer.from('x')]), { maxBytes: 10 })).rejects.toThrow();
  });

  it('a discard removes the blob from both buildings', async () => {
    const put = await store.put(Readable.from([Buffer.from('old')]), { maxBytes: 10 });
    const removed = await store.discard(put.key, {
      keepIfTouchedSince: new Date(Date.now() + 60_000),
      stillUsed: async () => false,
    });
    expect(removed).toBe(true);
    expect(existsSync(a.pathOf(put.key)) || existsSync(b.pathOf(put.key))).toBe(false);
  });

  it('HUB_BLOB_MIRROR_DIR turns the configured store into a mirrored one', () => {
    expect(blobStoreFromEnv({ HUB_BLOB_DIR: join(root, 'a') })).toBeInstanceOf(LocalDiskBlobStore);
    const mirrored = blobStoreFromEnv({ HUB_BLOB_DIR: join(root, 'a'), HUB_BLOB_MIRROR_DIR: join(root, 'b') });
    expect(mirrored).toBeInstanceOf(MirroredBlobStore);
    expect((mirrored as MirroredBlobStore).mirror.dir).toBe(join(root, 'b'));
  });
});
