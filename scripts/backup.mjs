#!/usr/bin/env node
// Backups of the hub into a restic repository (issue 12, items 3 and 4; README, "Backup and restore"). Runs on the
// build (dist/), like db-migrate.mjs.
//
//   npm run backup                                   one consistent backup, then the retention policy (forget --prune)
//   npm run backup:check                             restic check --read-data-subset (HUB_BACKUP_CHECK_SUBSET)
//   npm run backup:restore-drill [-- --snapshot ID] [--keep]
//                                                    restores into a scratch dir, starts the hub on it, runs the log
//                                                    chain check and the blob check; prints RPO and RTO
//   npm run backup:restore [-- --snapshot ID] [--force]
//                                                    restores into the configured data dir / databases (hub stopped)
//
// What one snapshot holds (a staging dir plus the live blob store):
// - the databases: SQLite with `VACUUM INTO` (a consistent copy made through SQLite while the hub runs — a file
//   copy of a live WAL database may be torn); MariaDB with ONE `mariadb-dump --single-transaction` over the four
//   hub databases (one consistent read view across them; owner account, so triggers and routines come along);
// - the blob store (HUB_BLOB_DIR), read AFTER the databases: blobs are written before the rows that name them and
//   only removed after those rows, so every blob a dumped row names is still there when restic reads the store;
// - the keys: secrets.json and the seal key (without them a restored hub cannot verify tokens nor seal renditions);
// - manifest.json: what was backed up, sizes, SHA-256 of the database files and keys, when.
// Restic encrypts (AES-256 + Poly1305 with the password in HUB_BACKUP_PASSWORD_FILE), deduplicates
// (content-defined chunks) and compresses (repository format 2).
//
// Environment: HUB_BACKUP_REPO (default ./backup-repo; any restic repository: a path, sftp:…, rest:…),
// HUB_BACKUP_PASSWORD_FILE (default <data dir>/backup-password, generated 0600 on the first backup),
// HUB_BACKUP_KEEP_LAST/HOURLY/DAILY/WEEKLY/MONTHLY (default –/–/14/8/12), HUB_BACKUP_CHECK_SUBSET (default 10%),
// HUB_BACKUP_DRILL_CHECK_SUBSET (default all: the whole repository is read and authenticated), and the hub's own
// HUB_DATA_DIR, HUB_DATABASE_URL, HUB_MIGRATE_URL (the owner account for the dump), HUB_BLOB_DIR,
// HUB_SEAL_PRIVATE_KEY_FILE, HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE.
//
// Exit status: 0 done, 1 failed (a damaged repository, a check that fails), 2 usage or set-up error.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import kitConfig from '../subgraphs/kit/dist/config.js';
import { ownerUrl } from './db-migrate.mjs';

const { SUBGRAPH_NAMES, databaseTarget } = kitConfig;
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = 'manifest.json';
const FORMAT = 'blansko-hub-backup/1';
/** Snapshots of the hub carry this tag: retention only ever forgets those. */
const TAG = 'hub';
/** Keys a drill must not inherit: the restored hub runs on the restored keys. */
const KEY_ENV = [
  'HUB_TOKEN_SECRET',
  'HUB_PEER_SECRET',
  'HUB_SERVICE_SECRET',
  'HUB_GATEWAY_PRIVATE_KEY',
  'HUB_GATEWAY_PUBLIC_KEY',
  'HUB_TOKEN_PREVIOUS_SECRETS',
  'HUB_GATEWAY_SECRET',
  'HUB_SEAL_PRIVATE_KEY_FILE',
  'HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE',
];

class UsageError extends Error {}
/** A wrong command line: the usage is printed with it. */
class ArgumentError extends UsageError {}
class CheckFailed extends Error {}

const MB = 1024 * 1024;
const mb = (bytes) => (bytes / MB).toFixed(1);
const secs = (ms) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------- config

/** Where the hub keeps what is backed up, and where the repository is (see the header). */
export function backupConfig(env = process.env) {
  const dataDir = resolve(env.HUB_DATA_DIR || 'data');
  const dbUrl = env.HUB_DATABASE_URL?.trim() || 'sqlite:';
  if (dbUrl === 'sqlite::memory:') throw new UsageError('HUB_DATABASE_URL=sqlite::memory: has nothing to back up');
  const repoRaw = env.HUB_BACKUP_REPO?.trim() || './backup-repo';
  // A restic backend (sftp:, rest:, s3:, …) stays as it is; a plain path is made absolute.
  const repo =
    /^[a-z0-9]+:/i.test(repoRaw) && !/^local:/.test(repoRaw) ? repoRaw : resolve(repoRaw.replace(/^local:/, ''));
  const keep = {};
  for (const [name, def] of [
    ['last', ''],
    ['hourly', ''],
    ['daily', '14'],
    ['weekly', '8'],
    ['monthly', '12'],
  ]) {
    const v = (env[`HUB_BACKUP_KEEP_${name.toUpperCase()}`] ?? def).trim();
    if (v === '' || v === '0') continue;
    if (!/^\d+$/.test(v)) throw new UsageError(`HUB_BACKUP_KEEP_${name.toUpperCase()} must be a whole number`);
    keep[name] = Number(v);
  }
  if (Object.keys(keep).length === 0)
    throw new UsageError('the retention policy keeps nothing: set one of HUB_BACKUP_KEEP_*');
  return {
    dataDir,
    dbUrl,
    kind: dbUrl.startsWith('sqlite:') ? 'sqlite' : 'mariadb',
    blobDir: resolve(env.HUB_BLOB_DIR || join(dataDir, 'blobs')),
    // The backup-only municipalities' own backup sets (archives, modules/backup-sets): files the hub holds for them.
    backupSetDir: resolve(env.HUB_BACKUP_SET_DIR || join(dataDir, 'backup-sets')),
    sealKeyFile: resolve(env.HUB_SEAL_PRIVATE_KEY_FILE || join(dataDir, 'seal-key.pem')),
    previousPublicKeysFile: env.HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE
      ? resolve(env.HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE)
      : null,
    repo,
    localRepo: repo.startsWith('/') ? repo : null,
    passwordFile: resolve(env.HUB_BACKUP_PASSWORD_FILE || join(dataDir, 'backup-password')),
    keep,
    checkSubset: env.HUB_BACKUP_CHECK_SUBSET?.trim() || '10%',
    drillCheckSubset: env.HUB_BACKUP_DRILL_CHECK_SUBSET?.trim() || 'all',
  };
}

/** The MariaDB account and prefix of a mysql:// URL. */
function mariaTarget(url) {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'hub'),
    password: decodeURIComponent(u.password),
    prefix: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'hub',
  };
}
const withPrefix = (url, prefix) => {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(prefix)}`;
  return u.toString();
};

// ---------------------------------------------------------------------------------------------------- processes

/**
 * Runs a program; resolves with its output. `input` (a readable) is piped to stdin. Rejects with the program's
 * stderr when it exits non-zero (or, with `allowFail`, resolves with the code).
 */
function run(cmd, args, { env = process.env, input, allowFail = false, onStderr, cwd } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      err += d;
      onStderr?.(String(d));
    });
    if (input) {
      input.on('error', (e) => child.kill() && reject(e));
      child.stdin.on('error', () => undefined); // the exit code tells
      input.pipe(child.stdin);
    }
    child.once('error', (e) =>
      reject(
        new Error(
          `${cmd}: ${e.message}${e.code === 'ENOENT' ? ' (is it installed? README, "Backup and restore")' : ''}`,
        ),
      ),
    );
    child.once('close', (code) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0 || allowFail) resolveRun({ code, stdout, stderr: err });
      else
        reject(
          new Error(`${cmd} ${args[0] ?? ''} exited with ${code}: ${err.trim().split('\n').slice(-8).join('\n')}`),
        );
    });
  });
}

function resticEnv(cfg, env = process.env) {
  return { ...env, RESTIC_REPOSITORY: cfg.repo, RESTIC_PASSWORD_FILE: cfg.passwordFile, RESTIC_PROGRESS_FPS: '0.0167' };
}
const restic = (cfg, args, opts = {}) => run('restic', args, { ...opts, env: resticEnv(cfg, opts.env) });

/** The password file: generated (0600) on the first backup; the other commands need it to exist. */
function ensurePassword(cfg, create, log) {
  if (existsSync(cfg.passwordFile)) {
    if ((statSync(cfg.passwordFile).mode & 0o077) !== 0) chmodSync(cfg.passwordFile, 0o600);
    return;
  }
  if (!create) throw new UsageError(`no repository password at ${cfg.passwordFile} (HUB_BACKUP_PASSWORD_FILE)`);
  mkdirSync(dirname(cfg.passwordFile), { recursive: true, mode: 0o700 });
  writeFileSync(cfg.passwordFile, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  log(
    `[backup] generated the repository password ${cfg.passwordFile} (0600): keep a copy OUTSIDE this building — without it the backups cannot be read`,
  );
}

async function ensureRepo(cfg, log) {
  const probe = await restic(cfg, ['cat', 'config'], { allowFail: true });
  if (probe.code === 0) return;
  if (!/does not exist|Is there a repository|unable to open config file/i.test(probe.stderr)) {
    throw new Error(`restic cannot open ${cfg.repo}: ${probe.stderr.trim()}`);
  }
  await restic(cfg, ['init', '--repository-version', '2']);
  log(`[backup] created the restic repository ${cfg.repo}`);
}

/** A connection option file for the MariaDB clients (0600), so the password is not on a command line. */
function mariaDefaults(dir, t) {
  const file = join(dir, `.my-${randomBytes(4).toString('hex')}.cnf`);
  writeFileSync(
    file,
    `[client]\nuser=${t.user}\npassword=${t.password.replace(/\\/g, '\\\\')}\nhost=${t.host}\nport=${t.port}\n`,
    { mode: 0o600 },
  );
  return file;
}

// ---------------------------------------------------------------------------------------------------- helpers

function sha256File(file) {
  return new Promise((resolveHash, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolveHash(h.digest('hex')))
      .on('error', reject);
  });
}

/** Count and bytes of the blob store's blobs (the shard directories; not tmp/). */
function blobStats(dir) {
  let count = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { count, bytes };
  for (const shard of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const f of readdirSync(join(dir, shard), { withFileTypes: true })) {
      if (!f.isFile()) continue;
      count++;
      bytes += statSync(join(dir, shard, f.name)).size;
    }
  }
  return { count, bytes };
}

/** Count and bytes of the backup sets (`<municipality id>/<set id>`; not tmp/, where uploads are still arriving). */
function backupSetStats(dir) {
  let count = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { count, bytes };
  for (const m of readdirSync(dir, { withFileTypes: true })) {
    if (!m.isDirectory() || m.name === 'tmp') continue;
    for (const f of readdirSync(join(dir, m.name), { withFileTypes: true })) {
      if (!f.isFile()) continue;
      count++;
      bytes += statSync(join(dir, m.name, f.name)).size;
    }
  }
  return { count, bytes };
}

/** rename, or copy and delete when `to` is on another filesystem (a blob store or seal key outside the data dir). */
function move(from, to) {
  try {
    renameSync(from, to);
  } catch (e) {
    if (e.code !== 'EXDEV') throw e;
    copyFileSync(from, to);
    chmodSync(to, 0o600);
    rmSync(from);
  }
}

function dirBytes(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) bytes += statSync(join(e.parentPath ?? e.path, e.name)).size;
  return bytes;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

function parseArgs(argv, allowed) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const name = flag.replace(/^--/, '');
    if (!allowed[name] || !flag.startsWith('--')) throw new ArgumentError(`unknown argument ${argv[i]}`);
    if (allowed[name] === 'flag') out[name] = true;
    else {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ArgumentError(`${flag} needs a value`);
      out[name] = v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------- backup

/** SQLite: each subgraph's file through `VACUUM INTO` (a consistent snapshot while the hub writes; WAL included). */
function dumpSqlite(cfg, env, outDir) {
  const Database = createRequire(join(ROOT, 'subgraphs', 'kit', 'package.json'))('libsql');
  const files = [];
  for (const name of SUBGRAPH_NAMES) {
    const src = databaseTarget(name, { ...env, HUB_DATABASE_URL: cfg.dbUrl, HUB_DATA_DIR: cfg.dataDir }).file;
    if (!existsSync(src)) throw new UsageError(`no ${name} database at ${src}: nothing to back up (has the hub run?)`);
    const out = join(outDir, `${name}.sqlite`);
    const db = new Database(src, { timeout: 15_000 });
    try {
      db.exec(`VACUUM INTO '${out.replace(/'/g, "''")}'`);
    } finally {
      db.close();
    }
    chmodSync(out, 0o600);
    files.push({ name, file: out });
  }
  return files;
}

const hubDatabases = (prefix) => SUBGRAPH_NAMES.map((s) => `${prefix}_${s}`);

/** MariaDB: one dump, one transaction, all four databases (owner account: triggers and routines too). */
async function dumpMariaDb(cfg, env, outDir) {
  const owner = mariaTarget(ownerUrl({ ...env, HUB_DATABASE_URL: cfg.dbUrl }));
  const defaults = mariaDefaults(outDir, owner);
  const out = join(outDir, 'mariadb.sql');
  try {
    await run('mariadb-dump', [
      `--defaults-extra-file=${defaults}`,
      '--single-transaction',
      '--routines',
      '--triggers',
      '--hex-blob',
      '--skip-dump-date', // identical data gives identical bytes: restic deduplicates more
      `--result-file=${out}`,
      '--databases',
      ...hubDatabases(owner.prefix),
    ]);
  } finally {
    rmSync(defaults, { force: true });
  }
  chmodSync(out, 0o600);
  return {
    files: [{ name: 'mariadb', file: out }],
    prefix: owner.prefix,
    triggers: await triggerCounts(owner, owner.prefix),
  };
}

async function backup(env, log) {
  const started = Date.now();
  const cfg = backupConfig(env);
  ensurePassword(cfg, true, log);
  await ensureRepo(cfg, log);

  // The staging dir is at a fixed place so that restic finds the previous snapshot of the same paths (its files
  // are compared by content anyway); what a crashed run left there is replaced.
  const staging = join(cfg.dataDir, '.backup-staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'db'), { recursive: true, mode: 0o700 });
  mkdirSync(join(staging, 'secrets'), { mode: 0o700 });
  try {
    const dbStarted = Date.now();
    const db =
      cfg.kind === 'sqlite'
        ? { files: dumpSqlite(cfg, env, join(staging, 'db')) }
        : await dumpMariaDb(cfg, env, join(staging, 'db'));
    const dbMs = Date.now() - dbStarted;

    const secrets = [];
    const keepSecret = (name, from) => {
      if (!from || !existsSync(from)) return;
      const to = join(staging, 'secrets', name);
      copyFileSync(from, to);
      chmodSync(to, 0o600);
      secrets.push({ name, file: to, from });
    };
    keepSecret('secrets.json', join(cfg.dataDir, 'secrets.json'));
    keepSecret('seal-key.pem', cfg.sealKeyFile);
    keepSecret('seal-previous-public-keys.pem', cfg.previousPublicKeysFile);
    if (!secrets.some((s) => s.name === 'secrets.json')) {
      log(
        '[backup] warning: no secrets.json in the data dir (keys from the environment): keep those keys in your secret store',
      );
    }

    const blobs = blobStats(cfg.blobDir);
    const sets = backupSetStats(cfg.backupSetDir);
    const describe = async (f) => ({
      name: f.name,
      path: `${f.file.slice(staging.length + 1)}`,
      bytes: statSync(f.file).size,
      sha256: await sha256File(f.file),
    });
    const manifest = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      host: hostname(),
      stagingDir: staging,
      database:
        cfg.kind === 'sqlite'
          ? { kind: 'sqlite', files: await Promise.all(db.files.map(describe)) }
          : {
              kind: 'mariadb',
              prefix: db.prefix,
              databases: hubDatabases(db.prefix),
              triggers: db.triggers,
              files: await Promise.all(db.files.map(describe)),
            },
      secrets: await Promise.all(secrets.map(describe)),
      blobs: {
        dir: cfg.blobDir,
        count: blobs.count,
        bytes: blobs.bytes,
        note: 'content-addressed: each file is named by its SHA-256',
      },
      // Read after the databases like the blobs: a set's file is complete before its row is committed.
      backupSets: { dir: cfg.backupSetDir, count: sets.count, bytes: sets.bytes },
    };
    writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });

    const paths = [staging, ...[cfg.blobDir, cfg.backupSetDir].filter((d) => existsSync(d))];
    const resticStarted = Date.now();
    const res = await restic(cfg, [
      'backup',
      '--json',
      '--tag',
      TAG,
      '--exclude',
      join(cfg.blobDir, 'tmp'),
      '--exclude',
      join(cfg.backupSetDir, 'tmp'),
      ...paths,
    ]);
    const summary = res.stdout
      .split('\n')
      .filter((l) => l.includes('"message_type":"summary"'))
      .map((l) => JSON.parse(l))[0];
    if (!summary) throw new Error(`restic backup gave no summary: ${res.stdout.slice(-500)}`);
    const resticMs = Date.now() - resticStarted;

    const forgetStarted = Date.now();
    const keepArgs = Object.entries(cfg.keep).flatMap(([k, v]) => [`--keep-${k}`, String(v)]);
    // Grouped by host and tag, not by paths: a moved blob dir must not leave its old snapshots outside the policy.
    await restic(cfg, ['forget', '--prune', '--tag', TAG, '--group-by', 'host,tags', ...keepArgs]);
    const forgetMs = Date.now() - forgetStarted;

    const rawBytes =
      manifest.database.files.reduce((n, f) => n + f.bytes, 0) +
      blobs.bytes +
      sets.bytes +
      manifest.secrets.reduce((n, f) => n + f.bytes, 0);
    const repoBytes = cfg.localRepo ? dirBytes(cfg.localRepo) : null;
    const totalMs = Date.now() - started;
    const result = {
      snapshot: summary.snapshot_id,
      createdAt: manifest.createdAt,
      database: cfg.kind,
      databaseBytes: manifest.database.files.reduce((n, f) => n + f.bytes, 0),
      blobCount: blobs.count,
      blobBytes: blobs.bytes,
      backupSetCount: sets.count,
      backupSetBytes: sets.bytes,
      rawBytes,
      addedBytes: summary.data_added,
      repoBytes,
      dumpMs: dbMs,
      resticMs,
      forgetMs,
      totalMs,
      mbPerSecond: Number((rawBytes / MB / ((dbMs + resticMs) / 1000)).toFixed(2)),
    };
    log(
      `[backup] snapshot ${summary.snapshot_id.slice(0, 8)} of ${cfg.kind === 'sqlite' ? 'SQLite (VACUUM INTO)' : `MariaDB ${db.prefix}_* (one mariadb-dump --single-transaction)`}, ${blobs.count} blobs, ${manifest.secrets.map((s) => s.name).join(', ') || 'no key files'}`,
    );
    log(
      `[backup] raw ${mb(rawBytes)} MB (databases ${mb(result.databaseBytes)} MB, blobs ${mb(blobs.bytes)} MB); new in the repository ${mb(summary.data_added)} MB`,
    );
    log(
      `[backup] dump ${secs(dbMs)} s + restic ${secs(resticMs)} s = ${result.mbPerSecond} MB/s; retention (forget --prune ${keepArgs.join(' ')}) ${secs(forgetMs)} s; total ${secs(totalMs)} s`,
    );
    if (repoBytes !== null)
      log(
        `[backup] repository ${cfg.repo}: ${mb(repoBytes)} MB for all its snapshots (${((repoBytes / Math.max(rawBytes, 1)) * 100).toFixed(0)} % of this backup's raw data)`,
      );
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------- check

async function check(env, log, subset) {
  const cfg = backupConfig(env);
  ensurePassword(cfg, false, log);
  const which = subset ?? cfg.checkSubset;
  const args = ['check', which === 'all' ? '--read-data' : `--read-data-subset=${which}`];
  const started = Date.now();
  const res = await restic(cfg, args, { allowFail: true });
  if (res.code !== 0 && /already locked/i.test(res.stderr)) {
    // Not damage: another restic (a backup, a prune) holds the lock. A lock left by a killed run: `restic unlock`.
    throw new Error(
      `the repository ${cfg.repo} is locked by another restic process; try again later (a stale lock: RESTIC_REPOSITORY=… restic unlock)`,
    );
  }
  if (res.code !== 0) {
    const detail = (res.stdout + res.stderr)
      .trim()
      .split('\n')
      .filter((l) => l && !l.startsWith('['))
      .slice(-10)
      .join('\n  ');
    throw new CheckFailed(`the repository ${cfg.repo} is damaged (restic ${args.join(' ')}):\n  ${detail}`);
  }
  log(`[backup] restic ${args.join(' ')}: no errors (${secs(Date.now() - started)} s)`);
  const snaps = await snapshots(cfg);
  if (snaps.length) {
    const last = snaps[snaps.length - 1];
    log(
      `[backup] ${snaps.length} snapshots; newest ${last.short_id} at ${last.time} (${secs(Date.now() - Date.parse(last.time))} s old)`,
    );
  } else log('[backup] the repository has no snapshot of the hub');
  return { ms: Date.now() - started };
}

async function snapshots(cfg) {
  const res = await restic(cfg, ['snapshots', '--json', '--tag', TAG]);
  return (JSON.parse(res.stdout || '[]') ?? []).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

async function pickSnapshot(cfg, id) {
  const snaps = await snapshots(cfg);
  if (!snaps.length) throw new CheckFailed(`the repository ${cfg.repo} has no snapshot of the hub`);
  if (!id || id === 'latest') return snaps[snaps.length - 1];
  const found = snaps.filter((s) => s.id.startsWith(id) || s.short_id === id);
  if (found.length !== 1) throw new UsageError(`snapshot ${id}: ${found.length ? 'ambiguous' : 'not found'}`);
  return found[0];
}

// ---------------------------------------------------------------------------------------------------- restore

/**
 * Restores a snapshot into `target` and checks it against its manifest. Returns the manifest and where its parts
 * are: `root` (the staging dir's contents) and `blobDir`.
 */
async function restoreSnapshot(cfg, snap, target) {
  mkdirSync(target, { recursive: true, mode: 0o700 });
  await restic(cfg, ['restore', snap.id, '--target', target]);
  const root = (snap.paths ?? []).map((p) => join(target, p)).find((p) => existsSync(join(p, MANIFEST)));
  if (!root) throw new CheckFailed(`snapshot ${snap.short_id} has no ${MANIFEST}: not a backup of the hub`);
  const manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8'));
  if (manifest.format !== FORMAT)
    throw new CheckFailed(`snapshot ${snap.short_id}: unknown manifest format ${manifest.format}`);
  for (const f of [...manifest.database.files, ...manifest.secrets]) {
    const file = join(root, f.path);
    if (!existsSync(file)) throw new CheckFailed(`snapshot ${snap.short_id}: ${f.path} is missing`);
    if ((await sha256File(file)) !== f.sha256)
      throw new CheckFailed(`snapshot ${snap.short_id}: ${f.path} does not match the manifest's SHA-256`);
  }
  const blobDir = join(target, manifest.blobs.dir);
  // Snapshots taken before backup sets were included have no `backupSets`.
  const setDir = manifest.backupSets ? join(target, manifest.backupSets.dir) : null;
  if (manifest.backupSets && backupSetStats(setDir).count !== manifest.backupSets.count) {
    throw new CheckFailed(
      `snapshot ${snap.short_id}: ${backupSetStats(setDir).count} backup sets restored, the manifest lists ${manifest.backupSets.count}`,
    );
  }
  return {
    manifest,
    root,
    blobDir: existsSync(blobDir) ? blobDir : null,
    backupSetDir: setDir && existsSync(setDir) ? setDir : null,
  };
}

/**
 * Loads the dump into the databases `<prefix>_<subgraph>` (another prefix than the dumped one: a drill), with the
 * owner account. DEFINER clauses are dropped so the loading account becomes the triggers' definer (naming another
 * account would need SUPER).
 */
async function loadMariaDump(file, owner, fromPrefix, toPrefix, scratch) {
  const rename = new Map(SUBGRAPH_NAMES.map((s) => [`\`${fromPrefix}_${s}\``, `\`${toPrefix}_${s}\``]));
  const names = new RegExp([...rename.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const { Readable } = await import('node:stream');
  const transformed = Readable.from(
    (async function* () {
      for await (const line of lines) {
        // Data rows are left alone: only statements naming databases (CREATE/USE/ALTER DATABASE) and definers change.
        if (line.startsWith('INSERT INTO ')) yield line + '\n';
        else
          yield line.replace(names, (m) => rename.get(m)).replace(/DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`/g, '') + '\n';
      }
    })(),
  );
  const defaults = mariaDefaults(scratch, owner);
  try {
    await run('mariadb', [`--defaults-extra-file=${defaults}`, '--binary-mode'], { input: transformed });
  } finally {
    rmSync(defaults, { force: true });
  }
}

async function dropDatabases(owner, prefix) {
  const mysql = (await import('mysql2/promise')).default;
  const conn = await mysql.createConnection({
    host: owner.host,
    port: owner.port,
    user: owner.user,
    password: owner.password,
  });
  try {
    for (const d of hubDatabases(prefix)) await conn.query(`DROP DATABASE IF EXISTS \`${d}\``);
  } finally {
    await conn.end();
  }
}

/**
 * Triggers per subgraph database: the transaction log's append-only guard lives in them, and a restore without
 * them would serve a log that can be rewritten.
 */
async function triggerCounts(owner, prefix) {
  const mysql = (await import('mysql2/promise')).default;
  const conn = await mysql.createConnection({
    host: owner.host,
    port: owner.port,
    user: owner.user,
    password: owner.password,
  });
  try {
    const [rows] = await conn.query(
      'SELECT trigger_schema AS db, COUNT(*) AS n FROM information_schema.triggers WHERE trigger_schema IN (?) GROUP BY trigger_schema',
      [hubDatabases(prefix)],
    );
    const counts = Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, 0]));
    for (const r of rows) counts[r.db.slice(prefix.length + 1)] = Number(r.n);
    return counts;
  } finally {
    await conn.end();
  }
}

async function tablesIn(owner, prefix) {
  const mysql = (await import('mysql2/promise')).default;
  const conn = await mysql.createConnection({
    host: owner.host,
    port: owner.port,
    user: owner.user,
    password: owner.password,
  });
  try {
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema IN (?)', [
      hubDatabases(prefix),
    ]);
    return Number(rows[0].n);
  } finally {
    await conn.end();
  }
}

/** Runs one of filing's command-line checks (built) on the restored data; resolves with its exit code and output. */
async function filingCheck(script, env) {
  const res = await run(process.execPath, [join(ROOT, 'subgraphs', 'filing', 'dist', 'cli', script)], {
    env,
    allowFail: true,
  });
  return { code: res.code, output: (res.stdout + res.stderr).trim() };
}

async function drill(env, log, args) {
  const started = Date.now();
  const cfg = backupConfig(env);
  ensurePassword(cfg, false, log);
  const t = {};
  const step = async (name, fn) => {
    const s = Date.now();
    try {
      return await fn();
    } finally {
      t[name] = Date.now() - s;
    }
  };

  // A damaged repository is found here, by reading and authenticating its packs, not halfway through a restore.
  await step('check', () => check(env, log, cfg.drillCheckSubset)).catch((e) => {
    log('[drill] FAILED');
    throw e;
  });
  const snap = await pickSnapshot(cfg, args.snapshot);
  const rpoMs = started - Date.parse(snap.time);
  log(`[drill] snapshot ${snap.short_id} of ${snap.time} (host ${snap.hostname})`);

  const scratch = mkdtempSync(join(tmpdir(), 'hub-drill-'));
  chmodSync(scratch, 0o700);
  const dataDir = join(scratch, 'data');
  let drillPrefix = null;
  let owner = null;
  let hub = null;
  let ok = false;
  try {
    const restored = await step('restore', () => restoreSnapshot(cfg, snap, join(scratch, 'restore')));
    const { manifest, root } = restored;
    mkdirSync(dataDir, { mode: 0o700 });
    const hubEnv = { ...env };
    for (const k of [...KEY_ENV, 'HUB_BLOB_DIR', 'HUB_MIGRATE_URL']) delete hubEnv[k];
    for (const s of manifest.secrets) {
      const to = join(dataDir, s.name === 'seal-previous-public-keys.pem' ? 'seal-previous-public-keys.pem' : s.name);
      renameSync(join(root, s.path), to);
    }
    if (existsSync(join(dataDir, 'seal-previous-public-keys.pem')))
      hubEnv.HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE = join(dataDir, 'seal-previous-public-keys.pem');
    if (restored.blobDir) renameSync(restored.blobDir, join(dataDir, 'blobs'));
    else mkdirSync(join(dataDir, 'blobs'), { mode: 0o700 });

    await step('load', async () => {
      if (manifest.database.kind === 'sqlite') {
        for (const f of manifest.database.files) renameSync(join(root, f.path), join(dataDir, `${f.name}.sqlite`));
        hubEnv.HUB_DATABASE_URL = 'sqlite:';
      } else {
        if (cfg.kind !== 'mariadb')
          throw new UsageError('a MariaDB backup needs HUB_DATABASE_URL=mysql://… (the runtime account) for the drill');
        owner = mariaTarget(ownerUrl({ ...env, HUB_DATABASE_URL: cfg.dbUrl }));
        // Scratch databases next to the live ones, under the live prefix (the accounts' grants cover `<prefix>_%`).
        drillPrefix = `${owner.prefix}_drill${Date.now().toString(36)}`;
        await loadMariaDump(
          join(root, manifest.database.files[0].path),
          owner,
          manifest.database.prefix,
          drillPrefix,
          scratch,
        );
        hubEnv.HUB_DATABASE_URL = withPrefix(cfg.dbUrl, drillPrefix);
        const triggers = await triggerCounts(owner, drillPrefix);
        const lost = SUBGRAPH_NAMES.filter((s) => (triggers[s] ?? 0) < (manifest.database.triggers?.[s] ?? 0));
        if (lost.length)
          throw new CheckFailed(
            `triggers missing after the load in ${lost.map((s) => `${drillPrefix}_${s}`).join(', ')}`,
          );
      }
    });
    rmSync(join(scratch, 'restore'), { recursive: true, force: true });
    hubEnv.HUB_DATA_DIR = dataDir;
    // The drill hub only serves the restored data: no demo seed, no sweep deleting blobs, no new renditions.
    hubEnv.HUB_SEED_DEMO = '0';
    hubEnv.HUB_UPLOAD_SWEEP = '0';
    hubEnv.HUB_AUDIT_RENDITIONS = '0';
    hubEnv.HUB_LOG_LEVEL = env.HUB_BACKUP_DRILL_LOG_LEVEL || 'warn';
    for (const s of [...SUBGRAPH_NAMES, 'gateway']) hubEnv[`HUB_${s.toUpperCase()}_PORT`] = String(await freePort());

    const { startHub } = await import('./start.mjs');
    hub = await step('start', () => startHub({ dataDir, env: hubEnv, quiet: true, log: (l) => log(`[drill] ${l}`) }));
    const rtoMs = Date.now() - started - t.check;
    const probe = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    if (!probe.ok) throw new CheckFailed(`the restored hub does not answer GraphQL (${probe.status})`);
    log(`[drill] the hub runs on the restored data: ${hub.database}, gateway ${hub.url}`);

    const db = manifest.database;
    const result = {
      ok: true,
      snapshot: snap.id,
      snapshotTime: snap.time,
      database: db.kind,
      restored: {
        databases: db.files.map((f) => ({ name: f.name, bytes: f.bytes })),
        blobs: { count: manifest.blobs.count, bytes: manifest.blobs.bytes },
        backupSets: { count: manifest.backupSets?.count ?? 0, bytes: manifest.backupSets?.bytes ?? 0 },
        secrets: manifest.secrets.map((s) => s.name),
      },
      rpoMs,
      rtoMs,
      steps: t,
      totalMs: Date.now() - started,
    };
    log(
      `[drill] restored: ${db.kind === 'sqlite' ? db.files.map((f) => `${f.name}.sqlite ${mb(f.bytes)} MB`).join(', ') : `MariaDB ${db.databases.join(', ')} (dump ${mb(db.files[0].bytes)} MB) as ${drillPrefix}_*`}; ${manifest.blobs.count} blobs (${mb(manifest.blobs.bytes)} MB); ${manifest.backupSets?.count ?? 0} backup sets; keys: ${result.restored.secrets.join(', ') || 'none'}`,
    );
    log(`[drill] RPO (age of the snapshot): ${secs(rpoMs)} s`);
    log(
      `[drill] RTO (restore + load + start until the hub is healthy): ${secs(rtoMs)} s — restore ${secs(t.restore)} s, load ${secs(t.load)} s, start ${secs(t.start)} s`,
    );
    const checkEnv = {
      ...hubEnv,
      HUB_BLOB_DIR: join(dataDir, 'blobs'),
      HUB_SEAL_PRIVATE_KEY_FILE: join(dataDir, 'seal-key.pem'),
    };
    const [audit, blobs] = await step('verify', () =>
      Promise.all([filingCheck('audit-verify.js', checkEnv), filingCheck('blobs-verify.js', checkEnv)]),
    );
    const tail = (o) => o.split('\n').slice(-1)[0];
    log(`[drill] audit:verify (log chains): ${audit.code === 0 ? 'OK' : 'FAILED'} — ${tail(audit.output)}`);
    log(`[drill] blobs:verify (blob store):  ${blobs.code === 0 ? 'OK' : 'FAILED'} — ${tail(blobs.output)}`);
    for (const [name, r] of [
      ['audit:verify', audit],
      ['blobs:verify', blobs],
    ]) {
      if (r.code !== 0) {
        for (const l of r.output
          .split('\n')
          .filter((x) => !x.startsWith('OK '))
          .slice(0, 20))
          log(`[drill]   ${l}`);
        throw new CheckFailed(`${name} failed on the restored data (exit ${r.code})`);
      }
    }

    result.totalMs = Date.now() - started;
    log(
      `[drill] also: repository check ${secs(t.check)} s, log and blob checks ${secs(t.verify)} s; drill total ${secs(result.totalMs)} s`,
    );
    log('[drill] PASSED');
    ok = true;
    return result;
  } finally {
    if (hub) await hub.stop();
    if (args.keep) {
      log(`[drill] kept: ${dataDir}${drillPrefix ? ` and the databases ${drillPrefix}_*` : ''}`);
      log(
        `[drill]   start the hub on it: HUB_DATA_DIR=${dataDir}${drillPrefix ? ` HUB_DATABASE_URL=${withPrefix(cfg.dbUrl, drillPrefix).replace(/:[^:@/]*@/, ':***@')}` : ' HUB_DATABASE_URL=sqlite:'} npm start`,
      );
    } else {
      rmSync(scratch, { recursive: true, force: true });
      if (drillPrefix)
        await dropDatabases(owner, drillPrefix).catch((e) =>
          log(`[drill] could not drop ${drillPrefix}_*: ${e.message}`),
        );
    }
    if (!ok) log('[drill] FAILED');
  }
}

/**
 * Restores a snapshot as the live data: the configured data dir (SQLite files, keys), blob store and databases.
 * The hub must be stopped. Refuses to overwrite anything unless --force; then what was there is moved aside
 * (SQLite, keys) or dropped (MariaDB databases), and the blob store is merged (content-addressed: same name, same bytes).
 */
async function restore(env, log, args) {
  const started = Date.now();
  const cfg = backupConfig(env);
  ensurePassword(cfg, false, log);
  const { portOf } = kitConfig;
  const gatewayPort = portOf('gateway', env);
  const busy = await new Promise((r) => {
    const s = createServer();
    s.once('error', () => r(true));
    s.listen(gatewayPort, '127.0.0.1', () => s.close(() => r(false)));
  });
  if (busy) throw new UsageError(`port ${gatewayPort} is in use: stop the hub before restoring`);

  await check(env, log, cfg.checkSubset);
  const snap = await pickSnapshot(cfg, args.snapshot);
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  const scratch = mkdtempSync(join(cfg.dataDir, '.restore-'));
  try {
    const { manifest, root, blobDir, backupSetDir } = await restoreSnapshot(cfg, snap, scratch);
    const db = manifest.database;
    if ((db.kind === 'sqlite') !== (cfg.kind === 'sqlite')) {
      throw new UsageError(`the snapshot holds ${db.kind}, HUB_DATABASE_URL is ${cfg.kind}`);
    }
    const aside = join(cfg.dataDir, `pre-restore-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`);
    const moveAside = (file) => {
      if (!existsSync(file)) return;
      if (!args.force)
        throw new UsageError(`${file} exists: restore onto an empty data dir, or --force (moves it to ${aside})`);
      mkdirSync(aside, { recursive: true, mode: 0o700 });
      move(file, join(aside, file.split('/').pop()));
    };
    // Everything is checked before anything is changed.
    const sqliteTargets =
      db.kind === 'sqlite'
        ? db.files.map((f) => [join(root, f.path), databaseTarget(f.name, { ...env, HUB_DATA_DIR: cfg.dataDir }).file])
        : [];
    const keyTargets = manifest.secrets
      .map((s) => [
        join(root, s.path),
        s.name === 'secrets.json'
          ? join(cfg.dataDir, 'secrets.json')
          : s.name === 'seal-key.pem'
            ? cfg.sealKeyFile
            : cfg.previousPublicKeysFile,
      ])
      .filter(([, to]) => to);
    if (!args.force) for (const [, to] of [...sqliteTargets, ...keyTargets]) if (existsSync(to)) moveAside(to);
    let owner = null;
    if (db.kind === 'mariadb') {
      owner = mariaTarget(ownerUrl({ ...env, HUB_DATABASE_URL: cfg.dbUrl }));
      const n = await tablesIn(owner, owner.prefix);
      if (n && !args.force)
        throw new UsageError(
          `the databases ${owner.prefix}_* hold ${n} tables: restore into empty databases, or --force (drops them)`,
        );
    }
    for (const [from, to] of [...sqliteTargets, ...keyTargets]) {
      for (const suffix of ['', '-wal', '-shm']) moveAside(to + suffix);
      mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
      move(from, to);
    }
    if (db.kind === 'mariadb') {
      if (args.force) await dropDatabases(owner, owner.prefix);
      await loadMariaDump(join(root, db.files[0].path), owner, db.prefix, owner.prefix, scratch);
    }
    let blobsCopied = 0;
    if (blobDir) {
      mkdirSync(cfg.blobDir, { recursive: true, mode: 0o700 });
      for (const shard of readdirSync(blobDir)) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        mkdirSync(join(cfg.blobDir, shard), { recursive: true, mode: 0o700 });
        for (const f of readdirSync(join(blobDir, shard))) {
          const to = join(cfg.blobDir, shard, f);
          if (existsSync(to)) continue;
          move(join(blobDir, shard, f), to);
          blobsCopied++;
        }
      }
    }
    // Backup sets: merged like blobs (a set's file never changes; its id is new for every upload).
    let setsCopied = 0;
    if (backupSetDir) {
      for (const m of readdirSync(backupSetDir, { withFileTypes: true })) {
        if (!m.isDirectory() || m.name === 'tmp') continue;
        mkdirSync(join(cfg.backupSetDir, m.name), { recursive: true, mode: 0o700 });
        for (const f of readdirSync(join(backupSetDir, m.name))) {
          const to = join(cfg.backupSetDir, m.name, f);
          if (existsSync(to)) continue;
          move(join(backupSetDir, m.name, f), to);
          setsCopied++;
        }
      }
    }
    if (setsCopied) log(`[restore] ${setsCopied} backup sets into ${cfg.backupSetDir}`);
    log(
      `[restore] snapshot ${snap.short_id} of ${snap.time} restored in ${secs(Date.now() - started)} s: ${db.kind === 'sqlite' ? `SQLite files in ${cfg.dataDir}` : `MariaDB ${owner.prefix}_*`}, ${blobsCopied} blobs into ${cfg.blobDir}, keys ${manifest.secrets.map((s) => s.name).join(', ') || 'none'}`,
    );
    log('[restore] next: npm run audit:verify && npm run blobs:verify, then npm start');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------- main

const USAGE = `usage: backup.mjs backup [--json]
       backup.mjs check [--subset <n/t | x% | size | all>]
       backup.mjs drill [--snapshot <id>] [--keep] [--json]
       backup.mjs restore [--snapshot <id>] [--force]`;

async function main(argv) {
  const [cmd, ...rest] = argv;
  const log = (line) => console.log(line);
  let result;
  if (cmd === 'backup') {
    const a = parseArgs(rest, { json: 'flag' });
    result = await backup(process.env, log);
    if (a.json) console.log(JSON.stringify(result));
  } else if (cmd === 'check') {
    const a = parseArgs(rest, { subset: 'value' });
    await check(process.env, log, a.subset);
  } else if (cmd === 'drill') {
    const a = parseArgs(rest, { snapshot: 'value', keep: 'flag', json: 'flag' });
    result = await drill(process.env, log, a);
    if (a.json) console.log(JSON.stringify(result));
  } else if (cmd === 'restore') {
    await restore(process.env, log, parseArgs(rest, { snapshot: 'value', force: 'flag' }));
  } else if (cmd === '--help' || cmd === '-h') {
    console.log(USAGE);
  } else throw new ArgumentError(cmd ? `unknown command ${cmd}` : 'no command');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof ArgumentError) console.error(`backup: ${e.message}\n${USAGE}`);
      else if (e instanceof UsageError) console.error(`backup: ${e.message}`);
      else console.error(`backup: ${e instanceof CheckFailed ? '' : 'failed: '}${e.message}`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
