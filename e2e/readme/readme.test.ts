// README truth (issue 13 item 7): every ```sh / ```bash block of README.md runs verbatim against a freshly started
// hub, or is marked as skipped with a reason. The hub is the real `scripts/start.mjs` (what `npm start` runs after
// the build) on a fresh data dir and free loopback ports, set through the port variables the quick start names.
//
// Conventions (README, "Tests"):
// - `<!-- readme-test: skip (reason) -->` on the line right before a block skips it; the reason is required.
// - `<!-- readme-test: prelude (…) -->` marks the helpers block (HUB, OUT, gql, signin): every shell starts from it.
// - Blocks under one `## ` heading share a shell (variables and functions carry over, in README order);
//   `<!-- readme-test: shell <name> -->` puts a block into another shell, e.g. a walkthrough that continues another.
// - Each block runs in bash with `set -euo pipefail` from the repository's root, with HUB pointing at the started
//   hub and OUT at a scratch dir; `gql` fails on any GraphQL answer with `errors`, so a block passes only when
//   every command succeeded and every answer was clean.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds, type TestDatabaseKind } from '@hub/kit';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['gateway', 'municipalities', 'users', 'filing', 'archives'];
const BLOCK_TIMEOUT_MS = 240_000;

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The `## ` heading the block stands under. */
  section: string;
  /** `run`, `skip` or `prelude`, from the marker comment right before the fence. */
  mode: 'run' | 'skip' | 'prelude';
  /** The skip reason. */
  reason?: string;
  /** The shell it runs in (blocks of one shell share variables and functions). */
  shell: string;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);
const MARKER = /^<!--\s*readme-test:\s*(\S+)\s*(.*?)\s*-->$/;

/** The README's shell blocks with their markers; throws on a marker it does not understand. */
export function readmeBlocks(text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  let section = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]);
    if (heading) section = heading[1].trim();
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    i = end;
    if (!SHELL_LANGS.has(fence[1])) continue;
    const block: ReadmeBlock = {
      line: start + 1,
      lang: fence[1],
      code: lines.slice(start + 1, end).join('\n'),
      section,
      mode: 'run',
      shell: section,
    };
    const marker = MARKER.exec(lines[start - 1]?.trim() ?? '');
    if (marker) {
      const [, kind, arg] = marker;
      if (kind === 'skip') {
        const reason = /^\((.+)\)$/.exec(arg)?.[1].trim();
        if (!reason)
          throw new Error(`README.md:${start}: a skipped block needs its reason: <!-- readme-test: skip (why) -->`);
        Object.assign(block, { mode: 'skip', reason });
      } else if (kind === 'prelude') block.mode = 'prelude';
      else if (kind === 'shell' && arg) block.shell = arg;
      else throw new Error(`README.md:${start}: unknown readme-test marker "${lines[start - 1].trim()}"`);
    } else if (/readme-test/.test(lines[start - 1] ?? '')) {
      throw new Error(`README.md:${start}: malformed readme-test marker "${lines[start - 1].trim()}"`);
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * Commands a walkthrough must not run: they build, install, start servers of their own, or touch databases and
 * repositories outside the started hub. A block with one of them is marked skipped (with the suite that covers it).
 */
const NOT_FOR_A_WALKTHROUGH =
  /\bnpm (ci|test|start|install)\b|\bnpm run (bench|buildings|backup|db:|seed:|compose|codegen)|\bmariadb(d|-dump)?\b\s|\brestic\b/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface StartedHub {
  url: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** `node scripts/start.mjs` on the build, as `npm start` runs it after building; resolves once it says ready. */
/** MariaDB databases `<prefix>_<subgraph>` of one run, dropped afterwards. */
const mariaDbPrefix = `hubtest_rd${Date.now().toString(36)}`;
function withPrefix(url: string): string {
  const u = new URL(url);
  u.pathname = `/${mariaDbPrefix}`;
  return u.toString();
}

async function dropMariaDbDatabases(): Promise<void> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: process.env.HUB_TEST_MARIADB_URL!.replace(/\/[^/]*$/, '') });
  try {
    const [rows] = await conn.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${mariaDbPrefix}\\_%`],
    );
    for (const { name } of rows as { name: string }[]) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

async function startHub(dataDir: string, kind: TestDatabaseKind): Promise<StartedHub> {
  // SQLite: files in the data dir, as on a fresh `npm start`. MariaDB: the tests' runtime account for the services and
  // the owner account for the schema step before them (HUB_MIGRATE_URL), as README "MariaDB" describes.
  const database =
    kind === 'sqlite'
      ? { HUB_DATABASE_URL: '' }
      : {
          HUB_DATABASE_URL: withPrefix(process.env.HUB_TEST_MARIADB_RUNTIME_URL!),
          HUB_MIGRATE_URL: withPrefix(process.env.HUB_TEST_MARIADB_URL!),
        };
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, ...database };
  for (const k of [
    'NODE_ENV',
    'HUB_TOKEN_SECRET',
    'HUB_GATEWAY_SECRET',
    'HUB_SEAL_PRIVATE_KEY_FILE',
    'HUB_BLOB_DIR',
    'HUB_BACKUP_SET_DIR',
  ])
    delete env[k];
  const ports: Record<string, number> = {};
  for (const s of SERVICES) env[`HUB_${s.toUpperCase()}_PORT`] = String((ports[s] = await freePort()));
  // Anything else `npm start` may listen on gets a free port too (the local ISDS of the demo, when present).
  env.HUB_LOCAL_ISDS_PORT = String(await freePort());
  // The renditions walkthrough fixes yesterday: on a fresh install only this setting gives the log a yesterday.
  env.HUB_DEMO_LOG_FROM_YESTERDAY = '1';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub not ready within 180 s:\n${output.slice(-4000)}`)), 180_000);
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('[hub] ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`hub exited (${code}):\n${output.slice(-4000)}`))),
    );
  });
  return {
    url: `http://127.0.0.1:${ports.gateway}`,
    env,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface BlockRun {
  code: number | null;
  output: string;
}

/**
 * Runs one block in bash: the shell's saved state (variables and functions) first, then the block under
 * `set -euo pipefail`, then the state saved again for the shell's next block.
 */
function runBlock(
  block: ReadmeBlock,
  stateIn: string | null,
  stateOut: string,
  env: NodeJS.ProcessEnv,
): Promise<BlockRun> {
  const script = [
    '__baseline=" $(compgen -v | tr "\\n" " ") "',
    stateIn ? `source ${JSON.stringify(stateIn)}` : '',
    `cd ${JSON.stringify(ROOT)}`,
    'set -euo pipefail',
    block.code,
    'set +eu',
    `{ for __v in $(compgen -v); do case "$__baseline" in *" $__v "*) continue ;; esac
       case $__v in __*|BASH*|FUNCNAME|PIPESTATUS|COMP*) continue ;; esac; declare -p "$__v"; done; declare -f; } > ${JSON.stringify(stateOut)}`,
  ].join('\n');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${BLOCK_TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, BLOCK_TIMEOUT_MS);
    child.once('exit', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('marks every shell block as run, prelude, or skipped with a reason', () => {
    const blocks = readmeBlocks(README);
    expect(blocks.filter((b) => b.mode === 'prelude')).toHaveLength(1);
    // The prelude comes before every block that runs.
    const prelude = blocks.findIndex((b) => b.mode === 'prelude');
    expect(blocks.slice(0, prelude).filter((b) => b.mode === 'run')).toEqual([]);
    for (const b of blocks.filter((x) => x.mode === 'skip')) expect(b.reason).toMatch(/\S{3,}/);
    // Operators' blocks are skipped explicitly, never run by accident.
    expect(
      blocks.filter((b) => b.mode !== 'skip' && NOT_FOR_A_WALKTHROUGH.test(b.code)).map((b) => `README.md:${b.line}`),
    ).toEqual([]);
    // The parser is strict about markers.
    expect(() => readmeBlocks('<!-- readme-test: skip -->\n```sh\nls\n```\n')).toThrow(/needs its reason/);
    expect(() => readmeBlocks('<!-- readme-test: run -->\n```sh\nls\n```\n')).toThrow(/unknown readme-test marker/);
    expect(
      readmeBlocks('## A\n```bash\nls\n```\n<!-- readme-test: shell B -->\n```sh\npwd\n```\n```graphql\n{ a }\n```\n'),
    ).toEqual([
      expect.objectContaining({ line: 2, mode: 'run', shell: 'A', code: 'ls' }),
      expect.objectContaining({ line: 6, mode: 'run', shell: 'B', code: 'pwd' }),
    ]);
  });

  describe.each(process.env.README_TEST_HUB ? (['sqlite'] as const) : testDatabaseKinds())(
    'walkthroughs against a freshly started hub on %s',
    (kind) => {
      const blocks = readmeBlocks(README);
      let hub: StartedHub;
      let work: string;
      let env: NodeJS.ProcessEnv;
      let preludeState: string | null = null;
      const states = new Map<string, string>();
      const skipped: string[] = [];

      beforeAll(async () => {
        work = mkdtempSync(join(tmpdir(), 'hub-readme-'));
        // README_TEST_HUB=<gateway origin> README_TEST_DATA_DIR=<its data dir>: run the blocks against a hub already
        // running (to work on the README; the test's own run always starts a fresh one).
        hub = process.env.README_TEST_HUB
          ? {
              url: process.env.README_TEST_HUB,
              env: { ...process.env, HUB_DATA_DIR: process.env.README_TEST_DATA_DIR },
              stop: async () => undefined,
            }
          : await startHub(join(work, 'data'), kind);
        env = { ...hub.env, HUB: hub.url, OUT: join(work, 'out') };
        mkdirSync(env.OUT!);
      }, 240_000);

      afterAll(async () => {
        await hub?.stop();
        if (kind === 'mariadb' && !process.env.README_TEST_HUB) await dropMariaDbDatabases();
        if (skipped.length) console.log(`README blocks not run:\n${skipped.join('\n')}`);
        if (work) rmSync(work, { recursive: true, force: true });
      });

      it.each(blocks.map((b) => [`${b.line} (${b.section}${b.mode === 'skip' ? ', skipped' : ''})`, b] as const))(
        'README.md:%s',
        async (_, block) => {
          if (block.mode !== 'skip' && NOT_FOR_A_WALKTHROUGH.test(block.code)) {
            throw new Error(
              `README.md:${block.line} runs operators' commands (${NOT_FOR_A_WALKTHROUGH.exec(block.code)![0].trim()}): mark it <!-- readme-test: skip (why) -->`,
            );
          }
          if (block.mode === 'skip') {
            skipped.push(`  README.md:${block.line} (${block.section}): ${block.reason}`);
            return;
          }
          const key = block.mode === 'prelude' ? '(prelude)' : block.shell;
          if (block.mode === 'run' && !preludeState) throw new Error('the prelude block must come first');
          const stateIn = block.mode === 'prelude' ? null : (states.get(key) ?? preludeState);
          const stateOut = join(work, `state-${states.size}-${block.line}.sh`);
          const { code, output } = await runBlock(block, stateIn, stateOut, env);
          if (code !== 0)
            throw new Error(`README.md:${block.line} (${block.section}) exited with ${code}:\n${output.slice(-6000)}`);
          if (block.mode === 'prelude') preludeState = stateOut;
          else states.set(key, stateOut);
          expect(existsSync(stateOut)).toBe(true);
        },
        BLOCK_TIMEOUT_MS + 10_000,
      );
    },
  );
});
