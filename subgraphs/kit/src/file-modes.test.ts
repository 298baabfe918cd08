// File modes of the SQLite files (issue 18, finding 6): they hold password and secret hashes, so their directory
// is 0700 and the database with its -wal/-shm files 0600 — fresh, whatever the process umask, and when an earlier
// release left them 0755/0644. (SQLite only: MariaDB's files belong to the database server.)
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, tightenFile } from './file-modes';
import { initORM } from './orm';

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** The directory and every file in it, with modes. */
const layout = (dir: string) =>
  Object.fromEntries([[dir, modeOf(dir)], ...readdirSync(dir).map((n) => [n, modeOf(join(dir, n))])]);

describe('SQLite file modes', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-modes-'));
    // As a process that did not restrict its umask (tests, a CLI): the kit must not rely on it.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  const open = async (dir: string) => {
    const orm = await initORM({ db: { kind: 'sqlite', file: join(dir, 'users.sqlite') }, entities: [] });
    await orm.schema.updateSchema(); // writes: the WAL is in use
    return orm;
  };

  it('a fresh data dir is 0700 and the database, -wal and -shm are 0600', async () => {
    const dir = join(root, 'data');
    const orm = await open(dir);
    try {
      expect(layout(dir)).toEqual({
        [dir]: 0o700,
        'users.sqlite': 0o600,
        'users.sqlite-wal': 0o600,
        'users.sqlite-shm': 0o600,
      });
    } finally {
      await orm.close(true);
    }
  });

  it('tightens what an earlier release created 0755/0644', async () => {
    const dir = join(root, 'data');
    // An older release still running (or crashed): world-readable database, -wal and -shm in a 0755 directory.
    const older = await open(dir);
    try {
      for (const n of readdirSync(dir)) chmodSync(join(dir, n), 0o644);
      chmodSync(dir, 0o755);
      expect(Object.values(layout(dir))).toEqual([0o755, 0o644, 0o644, 0o644]);

      const orm = await open(dir);
      try {
        expect(layout(dir)).toEqual({
          [dir]: 0o700,
          'users.sqlite': 0o600,
          'users.sqlite-wal': 0o600,
          'users.sqlite-shm': 0o600,
        });
      } finally {
        await orm.close(true);
      }
    } finally {
      await older.close(true);
    }
  });

  it('leaves shared sticky directories (/tmp) and the targets of symbolic links alone', () => {
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    ensurePrivateDir(shared);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);

    const elsewhere = join(root, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not ours', { mode: 0o644 });
    chmodSync(elsewhere, 0o644);
    symlinkSync(elsewhere, join(root, 'link'));
    expect(tightenFile(join(root, 'link'))).toBe(false);
    expect(modeOf(elsewhere)).toBe(0o644);
    expect(tightenFile(join(root, 'missing'))).toBe(false);
    expect(tightenFile(elsewhere)).toBe(true);
    expect(modeOf(elsewhere)).toBe(0o600);
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });
});
