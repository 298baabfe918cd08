import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskBlobStore } from './blob-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
const chunked = (b: Buffer, size = 1000) => Readable.from((function* () {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
})());

describe('LocalDiskBlobStore', () => {
  let dir: string;
  let store: LocalDiskBlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    store = new LocalDiskBlobStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores under the SHA-256, once for identical bytes, and reads back', async () => {
    const bytes = Buffer.from('Žádost '.repeat(10_000));
    const a = await store.put(chunked(bytes), { maxBytes: 1e6 });
    const b = await store.put(chunked(bytes, 333), { maxBytes: 1e6 });
    expect(a).toEqual({ key: sha(bytes), size: bytes.length });
    expect(b).toEqual(a);
    expect(files(dir)).toEqual([a.key]);
    expect(store.pathOf(a.key)).toBe(join(dir, a.key.slice(0, 2), a.key));
    const back: Buffer[] = [];
    for await (const c of store.open(a.key)) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
    expect(await store.exists(a.key)).toBe(true);
    expect(await store.verify(a.key)).toBe(true);
    const keys: string[] = [];
    for await (const k of store.keys()) keys.push(k);
    expect(keys).toEqual([a.key]);
  });

  it('refuses past the limit with PAYLOAD_TOO_LARGE and leaves no file', async () => {
    await expect(store.put(chunked(Buffer.alloc(5000)), { maxBytes: 4999 })).rejects.toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(files(dir)).toEqual([]);
    expect(await store.put(chunked(Buffer.alloc(5000)), { maxBytes: 5000 })).toMatchObject({ size: 5000 });
  });

  it('detects changed bytes', async () => {
    const { key } = await store.put(Readable.from([Buffer.from('original')]), { maxBytes: 100 });
    writeFileSync(store.pathOf(key), 'tampered');
    expect(await store.verify(key)).toBe(false);
    expect(await store.verify('0'.repeat(64))).toBe(false);
  });
});
