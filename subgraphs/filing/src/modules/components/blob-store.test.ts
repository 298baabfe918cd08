import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { LocalDiskBlobStore } from './blob-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
const chunked = (b: Buffer, size = 1000) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
    })(),
  );

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
    await expect(store.put(chunked(Buffer.alloc(5000)), { maxBytes: 4999 })).rejects.toMatchObject({
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
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

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** Every directory and file under `dir` (itself included) with its mode. */
const modes = (dir: string) => [
  [dir, modeOf(dir)] as const,
  ...readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return [path, modeOf(path)] as const;
  }),
];

describe('LocalDiskBlobStore housekeeping', () => {
  let dir: string;
  let store: LocalDiskBlobStore;
  let umask: number;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'blobs-')), 'store');
    store = new LocalDiskBlobStore(dir);
    // As a process that did not restrict its umask: the store must not rely on it.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });
  const hoursAgo = (path: string, h: number) => {
    const t = new Date(Date.now() - h * 3_600_000);
    utimesSync(path, t, t);
  };

  it('removes partial files older than the cutoff, keeps fresh ones (an upload in progress), puts interrupted discards back', async () => {
    const used = Buffer.from('a blob a crashed discard had moved aside');
    const twin = Buffer.from('moved aside, but stored again meanwhile');
    const { key: twinKey } = await store.put(Readable.from([twin]), { maxBytes: 1000 });
    const tmp = join(dir, 'tmp');
    const file = (name: string, bytes: Buffer | string, ageHours: number) => {
      writeFileSync(join(tmp, name), bytes);
      hoursAgo(join(tmp, name), ageHours);
    };
    file('11111111-1111-4111-8111-111111111111.part', 'half an upload of yesterday', 20);
    file('22222222-2222-4222-8222-222222222222.part', 'an upload in progress', 0);
    file('33333333-3333-4333-8333-333333333333.discard', used, 3);
    file('44444444-4444-4444-8444-444444444444.discard', twin, 3);
    file('55555555-5555-4555-8555-555555555555.discard', 'a discard in progress', 0);
    file('notes.txt', "not the store's", 20);

    const result = await store.sweepTemp({ olderThan: new Date(Date.now() - 3_600_000) });
    expect(result).toEqual({ partial: 1, restored: 2 });
    expect(readdirSync(tmp).sort()).toEqual([
      '22222222-2222-4222-8222-222222222222.part',
      '55555555-5555-4555-8555-555555555555.discard',
      'notes.txt',
    ]);
    expect(readFileSync(store.pathOf(sha(used))).equals(used)).toBe(true);
    expect(await store.verify(twinKey)).toBe(true);
    expect(await store.sweepTemp({ olderThan: new Date(Date.now() - 3_600_000) })).toEqual({ partial: 0, restored: 0 });
    // No tmp folder at all: nothing to do.
    expect(await new LocalDiskBlobStore(join(dir, 'none')).sweepTemp({ olderThan: new Date() })).toEqual({
      partial: 0,
      restored: 0,
    });
  });

  it('creates directories 0700 and files 0600 (the partial file too), whatever the umask', async () => {
    const input = new PassThrough();
    const putting = store.put(input, { maxBytes: 1000 });
    input.write('first half, ');
    // The store makes the tmp folder before it opens the partial file: wait for the file itself (a loaded machine
    // can take a while between the two).
    const part = async () => {
      const listed = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);
      for (let i = 0; i < 400 && listed().length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      return listed()[0];
    };
    const partName = await part();
    expect(partName).toMatch(/\.part$/);
    expect(modeOf(join(dir, 'tmp', partName))).toBe(0o600);
    input.end('second half');
    const { key } = await putting;
    expect(Object.fromEntries(modes(dir))).toEqual({
      [dir]: 0o700,
      [join(dir, 'tmp')]: 0o700,
      [join(dir, key.slice(0, 2))]: 0o700,
      [store.pathOf(key)]: 0o600,
    });
  });

  it('tightens a store an earlier release created 0755/0644: directories at every call, files once', async () => {
    const keys: string[] = [];
    for (const text of ['první', 'druhý', 'třetí'])
      keys.push((await store.put(Readable.from([Buffer.from(text)]), { maxBytes: 100 })).key);
    writeFileSync(join(dir, 'tmp', 'x.part'), 'left over');
    const entries = modes(dir);
    for (const [path] of entries) chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);

    expect(await store.makePrivate()).toBe(entries.length);
    const after = modes(dir);
    expect(after.filter(([p]) => statSync(p).isDirectory()).every(([, m]) => m === 0o700)).toBe(true);
    expect(after.filter(([p]) => statSync(p).isFile()).every(([, m]) => m === 0o600)).toBe(true);
    expect(existsSync(join(dir, '.private'))).toBe(true);

    // Again: directories are checked, files are not walked (they are private by construction since).
    chmodSync(join(dir, keys[0].slice(0, 2)), 0o755);
    expect(await store.makePrivate()).toBe(1);
    expect(modeOf(join(dir, keys[0].slice(0, 2)))).toBe(0o700);
    // A store that does not exist yet is left alone (not created).
    expect(await new LocalDiskBlobStore(join(dir, 'none')).makePrivate()).toBe(0);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});
