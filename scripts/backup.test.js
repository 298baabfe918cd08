// Backups and the restore drill (issue 12, items 3 and 4), on the built hub (npm test builds first) and Debian's
// restic: a backup taken while the hub runs restores into a hub that starts and whose log chains and blobs
// verify; the drill fails on a lost blob and on a corrupted pack of the repository. SQLite, and MariaDB when the
// jest global set-up provides it.
const { spawn } = require('node:child_process');
const {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
  writeFileSync,
} = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');

const ROOT = join(__dirname, '..');
const SERVICES = ['gateway', 'municipalities', 'users', 'filing', 'archives'];
const MARIADB = process.env.HUB_TEST_MARIADB_URL;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The environment of the hub and of the backup script: nothing inherited that points at another hub's data. */
function baseEnv(extra) {
  const env = { ...process.env, HUB_LOG_LEVEL: 'warn', ...extra };
  for (const k of [
    'NODE_ENV',
    'HUB_TOKEN_SECRET',
    'HUB_PEER_SECRET',
    'HUB_SERVICE_SECRET',
    'HUB_GATEWAY_PRIVATE_KEY',
    'HUB_GATEWAY_PUBLIC_KEY',
    'HUB_SEAL_PRIVATE_KEY_FILE',
    'HUB_BLOB_DIR',
  ]) {
    if (!(k in extra)) delete env[k];
  }
  return env;
}

/** `node scripts/start.mjs` as `npm start` runs it; resolves once it prints that the hub is ready. */
async function startHub(env) {
  const ports = {};
  for (const s of SERVICES) ports[s] = await freePort();
  const childEnv = { ...env };
  for (const s of SERVICES) childEnv[`HUB_${s.toUpperCase()}_PORT`] = String(ports[s]);
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub not ready within 90 s:\n${output}`)), 90_000);
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('[hub] ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`hub exited (${code}):\n${output}`))));
  });
  return {
    url: `http://127.0.0.1:${ports.gateway}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** mbk.clerk registers a document and attaches a file to it; resolves with the file's SHA-256 (its blob key). */
async function documentWithFile(url) {
  const gql = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { token } = (await gql('mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }')).login;
  const doc = await gql(
    'mutation($i: RegisterDocumentInput!) { registerDocument(input: $i) { document { id } } }',
    {
      i: {
        subject: 'Žádost o zálohu',
        origin: 'RECEIVED',
        deliveredAt: '2026-03-02T09:15:00+01:00',
        sender: { name: 'Jan Novák', address: 'Komenského 1, Blansko' },
      },
    },
    token,
  );
  const res = await fetch(`${url}/uploads?fileName=zadost.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: Buffer.concat([Buffer.from('%PDF-1.7 '), randomBytes(200_000)]),
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { uploadId, sha256 } = await res.json();
  await gql(
    `mutation { attachComponent(documentId: "${doc.registerDocument.document.id}", uploadId: "${uploadId}", form: ORIGINAL) { document { id } } }`,
    undefined,
    token,
  );
  return sha256;
}

/** `node scripts/backup.mjs <args>`; resolves with exit code, output and the JSON of its last line (with --json). */
function backupScript(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/backup.mjs', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      let json = null;
      try {
        json = JSON.parse(stdout.trim().split('\n').pop());
      } catch {
        /* not a --json run, or it failed */
      }
      resolve({ code, stdout, stderr, output: stdout + stderr, json });
    });
  });
}

describe('backup and restore drill, SQLite', () => {
  let root;
  let env;
  let blobKey;
  let first;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hub-backup-'));
    env = baseEnv({
      HUB_DATA_DIR: join(root, 'data'),
      HUB_DATABASE_URL: '',
      HUB_BACKUP_REPO: join(root, 'repo'),
      HUB_BACKUP_PASSWORD_FILE: join(root, 'backup-password'),
      // Several backups within a minute: the daily/weekly/monthly policy alone would keep only the newest.
      HUB_BACKUP_KEEP_LAST: '10',
    });
    const hub = await startHub(env);
    try {
      blobKey = await documentWithFile(hub.url);
      // A backup-only municipality's backup set (archives keeps them in <data>/backup-sets/<municipality>/<set>), and
      // an upload still arriving in tmp/, which the backup leaves out.
      const sets = join(env.HUB_DATA_DIR, 'backup-sets');
      mkdirSync(join(sets, '00000000-0000-4000-8000-00000000b0b0'), { recursive: true });
      mkdirSync(join(sets, 'tmp'), { recursive: true });
      writeFileSync(
        join(sets, '00000000-0000-4000-8000-00000000b0b0', '00000000-0000-4000-8000-0000000000s1'),
        randomBytes(3000),
      );
      writeFileSync(join(sets, 'tmp', 'arriving.part'), randomBytes(100));
      // Online: the hub is running and writing (relays, WAL) while the backup is taken.
      first = await backupScript(['backup', '--json'], env);
    } finally {
      await hub.stop();
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a backup of the running hub: databases by VACUUM INTO, the blob, the keys; password file 0600', () => {
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ database: 'sqlite', blobCount: 1, backupSetCount: 1, backupSetBytes: 3000 });
    expect(first.json.rawBytes).toBeGreaterThan(200_000);
    expect(first.stdout).toContain('secrets.json, seal-key.pem');
    expect(statSync(join(root, 'backup-password')).mode & 0o777).toBe(0o600);
  });

  it('the drill restores the latest snapshot, starts the hub on it, and the log chains and blobs verify', async () => {
    const r = await backupScript(['drill', '--json'], env);
    expect(r.output).toContain('[drill] PASSED');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/audit:verify \(log chains\): OK — 33 municipalities checked/);
    expect(r.stdout).toMatch(/blobs:verify \(blob store\): +OK — 1 blobs, 1 components/);
    expect(r.stdout).toMatch(/RPO \(age of the snapshot\): [\d.]+ s/);
    expect(r.stdout).toMatch(/RTO .*: [\d.]+ s/);
    expect(r.json).toMatchObject({
      ok: true,
      database: 'sqlite',
      restored: {
        blobs: { count: 1 },
        backupSets: { count: 1, bytes: 3000 },
        secrets: ['secrets.json', 'seal-key.pem'],
      },
    });
    expect(r.json.snapshot.startsWith(first.json.snapshot)).toBe(true);
  });

  it('a backup that lost a blob fails the drill; the earlier snapshot, chosen by id, still passes', async () => {
    const blob = join(env.HUB_DATA_DIR, 'blobs', blobKey.slice(0, 2), blobKey);
    const aside = join(root, 'lost-blob');
    renameSync(blob, aside);
    try {
      expect((await backupScript(['backup'], env)).code).toBe(0);
    } finally {
      renameSync(aside, blob);
    }
    const r = await backupScript(['drill'], env);
    expect(r.code).toBe(1);
    expect(r.output).toContain(`blob ${blobKey} is missing`);
    expect(r.output).toContain('blobs:verify failed on the restored data');

    const chosen = await backupScript(['drill', '--snapshot', first.json.snapshot, '--json'], env);
    expect(chosen.output).toContain('[drill] PASSED');
    expect(chosen.code).toBe(0);
  }, 240_000);

  it('a corrupted pack in the repository fails the drill before anything is restored', async () => {
    const packs = [];
    for (const shard of readdirSync(join(env.HUB_BACKUP_REPO, 'data'))) {
      for (const f of readdirSync(join(env.HUB_BACKUP_REPO, 'data', shard)))
        packs.push(join(env.HUB_BACKUP_REPO, 'data', shard, f));
    }
    // The largest pack holds file data (the blob, the databases): flip bytes in its middle.
    const pack = packs.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    chmodSync(pack, 0o600);
    const fd = openSync(pack, 'r+');
    writeSync(fd, Buffer.alloc(16, 0x58), 0, 16, Math.floor(statSync(pack).size / 2));
    closeSync(fd);

    const r = await backupScript(['drill'], env);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/is damaged \(restic check --read-data\)/);
    expect(r.output).not.toContain('[drill] the hub runs');
    const check = await backupScript(['check', '--subset', 'all'], env);
    expect(check.code).toBe(1);
  });
});

(MARIADB ? describe : describe.skip)('backup and restore drill, MariaDB', () => {
  const prefix = `hubtest_bk${Date.now().toString(36)}`;
  const withPrefix = (url) => {
    const u = new URL(url);
    u.pathname = `/${prefix}`;
    return u.toString();
  };
  let root;
  let env;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-backup-maria-'));
    env = baseEnv({
      HUB_DATA_DIR: join(root, 'data'),
      HUB_DATABASE_URL: withPrefix(process.env.HUB_TEST_MARIADB_RUNTIME_URL),
      HUB_MIGRATE_URL: withPrefix(MARIADB),
      HUB_BACKUP_REPO: join(root, 'repo'),
      HUB_BACKUP_PASSWORD_FILE: join(root, 'backup-password'),
    });
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    const mysql = require('mysql2/promise');
    const conn = await mysql.createConnection({ uri: MARIADB.replace(/\/[^/]*$/, '') });
    try {
      const [rows] = await conn.query(
        'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
        [`${prefix}\\_%`],
      );
      for (const { name } of rows) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await conn.end();
    }
  });

  it('one mariadb-dump of the four databases; the drill loads it into scratch databases and the hub verifies there', async () => {
    const hub = await startHub(env);
    let backup;
    try {
      await documentWithFile(hub.url);
      backup = await backupScript(['backup', '--json'], env);
    } finally {
      await hub.stop();
    }
    expect(backup.code).toBe(0);
    expect(backup.json).toMatchObject({ database: 'mariadb', blobCount: 1 });
    expect(backup.stdout).toContain(`MariaDB ${prefix}_* (one mariadb-dump --single-transaction)`);

    const r = await backupScript(['drill', '--json'], env);
    expect(r.output).toContain('[drill] PASSED');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`as ${prefix}_drill[a-z0-9]+_\\*`));
    expect(r.stdout).toMatch(/audit:verify \(log chains\): OK — 33 municipalities checked/);
    expect(r.json).toMatchObject({ ok: true, database: 'mariadb', restored: { blobs: { count: 1 } } });
  }, 300_000); // a hub start with migrations, a backup and a drill: slow when the machine is busy
});
