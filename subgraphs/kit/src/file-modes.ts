import { chmodSync, lstatSync, mkdirSync, statSync } from 'node:fs';

/**
 * Who may read the hub's files on disk (issue 18, finding 6): the data directory holds password hashes (SQLite),
 * secrets, the seal key and the stored documents, so directories are 0700 and files 0600 — only the account the
 * hub runs as. Three layers, so that neither a forgotten `mode` nor an old data directory leaks anything:
 * - every process of the hub runs with umask 077 (`restrictNewFiles`): whatever a library creates (libsql's
 *   database, -wal and -shm files) gets no group or other bits;
 * - code that creates files or directories passes 0600/0700 explicitly (independent of the umask);
 * - at start, what an earlier release created with 0644/0755 is tightened (`ensurePrivateDir`, `tightenFile`).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Sets the process umask so that files and directories created from now on are private (0600/0700). */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/** True when the mode gives group or others any access. */
export const isLoose = (mode: number) => (mode & 0o077) !== 0;

/**
 * Creates the directory (and its parents) if missing, and makes the directory itself 0700. A shared directory
 * with the sticky bit (/tmp: a SQLite file put straight into it) is left alone: it is shared by design.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const { mode } = statSync(dir);
  if (isLoose(mode) && !(mode & 0o1000)) chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes an existing file 0600 (an existing directory 0700); a missing one is ignored, and so is a symbolic link
 * (its target may be anything, anywhere). True when it changed the mode.
 */
export function tightenFile(path: string): boolean {
  let mode: number;
  let dir: boolean;
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return false;
    mode = st.mode;
    dir = st.isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  if (!isLoose(mode)) return false;
  chmodSync(path, dir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
  return true;
}
