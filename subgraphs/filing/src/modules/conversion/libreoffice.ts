import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OfficeModule } from './formats';
import { runProgram } from './run';

/**
 * Conversion to PDF/A-2 with LibreOffice headless from Debian's packages (libreoffice-writer-nogui,
 * -calc-nogui, -impress-nogui, -draw-nogui). Each run has its own scratch folder and its own user profile
 * (`-env:UserInstallation`): two soffice processes sharing a profile wait for, or talk to, each other, so
 * conversions running at the same time (two workers, a test beside a service) would block or fail.
 */
export const DEFAULT_CONVERSION_TIMEOUT_SECONDS = 180;

export function sofficePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_SOFFICE?.trim() || 'soffice';
}

export function conversionTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.HUB_CONVERSION_TIMEOUT_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_CONVERSION_TIMEOUT_SECONDS) * 1000;
}

export class ConversionError extends Error {}

/** The bytes of `input` (a file of LibreOffice module `module`, named `input.<ext>`) as PDF/A-2b. */
export async function convertToPdfA(
  input: Buffer,
  opts: { module: OfficeModule; ext: string; soffice?: string; timeoutMs?: number },
): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-convert-'));
  try {
    const source = join(dir, `input.${opts.ext}`);
    const out = join(dir, 'out');
    await writeFile(source, input, { mode: 0o600 });
    const filter = `pdf:${opts.module}_pdf_Export:${JSON.stringify({ SelectPdfVersion: { type: 'long', value: '2' } })}`;
    const r = await runProgram(
      opts.soffice ?? sofficePath(),
      [
        '--headless',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--convert-to',
        filter,
        '--outdir',
        out,
        source,
      ],
      { timeoutMs: opts.timeoutMs ?? conversionTimeoutMs(), cwd: dir, env: { ...process.env, HOME: dir } },
    );
    if (r.timedOut)
      throw new ConversionError(
        `LibreOffice did not finish within ${Math.round((opts.timeoutMs ?? conversionTimeoutMs()) / 1000)} s`,
      );
    const produced = await readdir(out).catch(() => [] as string[]);
    if (r.code !== 0 || !produced.includes('input.pdf')) {
      const why = `${r.stderr}\n${r.stdout}`
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/javaldx/.test(l))
        .join('; ');
      throw new ConversionError(
        `LibreOffice could not convert the file (exit ${r.code}): ${why.slice(0, 200) || 'no output'}`,
      );
    }
    return await readFile(join(out, 'input.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
