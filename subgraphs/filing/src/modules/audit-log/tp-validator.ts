import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Runs the shared NSESSS validator (`<repo>/../shared/nsesss/validate.sh [--strict] tp <file>`, xmllint against
 * nsesss-TrP.xsd) on a transaction-log document. Used by the tests, so that every XML the hub produces is
 * checked against the official schema.
 *
 * - valid: resolves to `'pass'`;
 * - invalid: throws, with the validator's output;
 * - `strict`: the validator's `--strict` (what the archive's intake runs);
 * - no validator (or no xmllint) on this machine: under CI=true throws, otherwise warns and resolves to
 *   `'skipped'`.
 */
export async function assertValidTp(
  xml: string | { file: string },
  label = 'document',
  opts: { strict?: boolean } = {},
): Promise<'pass' | 'skipped'> {
  const script = validatorPath();
  if (!script) return missing(`validate.sh not found (looked for ../shared/nsesss/validate.sh above the repository)`);
  let dir: string | undefined;
  let file: string;
  if (typeof xml === 'string') {
    dir = mkdtempSync(join(tmpdir(), 'tp-'));
    file = join(dir, 'tp.xml');
    writeFileSync(file, xml, 'utf8');
  } else {
    file = xml.file;
  }
  try {
    const { code, output } = await run('bash', [script, ...(opts.strict ? ['--strict'] : []), 'tp', file]);
    const verdict = output.trim().split('\n').at(-1) ?? '';
    if (code === 2 && /setup error/.test(verdict)) return missing(verdict);
    if (code === 0 && verdict.startsWith('VERDICT: PASS')) return 'pass';
    const excerpt =
      typeof xml === 'string'
        ? `\n--- ${label} (first 2000 characters) ---\n${xml.slice(0, 2000)}`
        : `\n--- ${label}: ${file}`;
    throw new Error(`${label} is not valid against nsesss-TrP.xsd (exit ${code}):\n${output.slice(0, 4000)}${excerpt}`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function missing(reason: string): 'skipped' {
  if (process.env.CI === 'true') throw new Error(`The TP validator is required under CI=true: ${reason}`);
  console.warn(`[tp-validator] ${reason}: schema validation skipped`);
  return 'skipped';
}

/** `<repo>/../shared/nsesss/validate.sh`, the repository being the workspace root above this file. */
export function validatorPath(): string | null {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown }).workspaces) {
      const script = join(dir, '..', 'shared', 'nsesss', 'validate.sh');
      return existsSync(script) ? script : null;
    }
  }
  return null;
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
