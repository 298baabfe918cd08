// `npm start` and file modes (issue 18, finding 6), on the built hub (npm test builds first): the data dir and
// everything in it — SQLite files with their -wal/-shm, secrets.json, seal-key.pem, the blob store with its blobs —
// is 0700 (directories) / 0600 (files) after a fresh start, and a layout an earlier release left 0755/0644 is
// tightened by the next start.
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const SERVICES = ['gateway', 'municipalities', 'users', 'filing', 'archives'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/** Every directory and file under `dir` (itself included), with its permission bits. */
function modes(dir) {
  const out = { '.': statSync(dir).mode & 0o777 };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = statSync(path).mode & 0o777;
  }
  return out;
}
const loose = (dir) =>
  Object.entries(modes(dir)).filter(
    ([path, mode]) => mode !== (statSync(join(dir, path)).isDirectory() ? 0o700 : 0o600),
  );

/** `node scripts/start.mjs` as `npm start` runs it; resolves once it prints that the hub is ready. */
async function start(dataDir, ports) {
  // Without the demo's local ISDS (its fixed port; its files are the test tooling's): this test is about the hub's own files.
  const env = { ...process.env, HUB_DATA_DIR: dataDir, HUB_DATABASE_URL: '', HUB_LOCAL_ISDS: '0' };
  for (const k of ['NODE_ENV', 'HUB_TOKEN_SECRET', 'HUB_GATEWAY_SECRET', 'HUB_SEAL_PRIVATE_KEY_FILE', 'HUB_BLOB_DIR'])
    delete env[k];
  for (const s of SERVICES) env[`HUB_${s.toUpperCase()}_PORT`] = String(ports[s]);
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub not ready within 90 s:\n${output}`)), 90_000);
    const onData = (d) => {
      output += d;
      if (output.includes('[hub] ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
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

async function uploadAsClerk(url, bytes) {
  const login = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(login: "mbk.clerk", password: "blansko-demo") { token } }' }),
  });
  const { token } = (await login.json()).data.login;
  const res = await fetch(`${url}/uploads?fileName=modes.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
}

describe('npm start: private data dir', () => {
  let root;
  let hub;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-start-modes-'));
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a fresh start gives 0700 directories and 0600 files; a 0755/0644 layout of an earlier release is tightened', async () => {
    const dataDir = join(root, 'data');
    const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()])));

    hub = await start(dataDir, ports);
    await uploadAsClerk(hub.url, Buffer.from('%PDF-1.7 soukromé'));
    const fresh = modes(dataDir);
    // What there is to protect, while the hub runs: SQLite with WAL, secrets, seal key, blobs.
    for (const f of [
      'users.sqlite',
      'users.sqlite-wal',
      'users.sqlite-shm',
      'filing.sqlite',
      'secrets.json',
      'seal-key.pem',
      'blobs',
      'blobs/tmp',
    ]) {
      expect(fresh).toHaveProperty([f]);
    }
    expect(Object.keys(fresh).filter((p) => /^blobs\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toHaveLength(1);
    expect(loose(dataDir)).toEqual([]);
    await hub.stop();

    // An earlier release: everything world-readable (and no mark that the blob store was ever made private).
    for (const path of Object.keys(modes(dataDir)).reverse()) {
      const full = join(dataDir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    rmSync(join(dataDir, 'blobs', '.private'), { force: true });
    expect(loose(dataDir).length).toBeGreaterThan(5);

    hub = await start(dataDir, ports);
    // The blob store is tightened in the background right after filing starts.
    for (let i = 0; i < 100 && loose(dataDir).length; i++) await sleep(100);
    expect(loose(dataDir)).toEqual([]);
    await hub.stop();
  }, 240_000);
});
