import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The official XSDs (v2.33) and the SOAP envelope wrappers that import them (schema/README.md). */
export const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** dm_operations and dm_info share dmBaseTypes.xsd; db_search has dbTypes.xsd (same namespace, so two wrappers). */
export type SchemaKind = 'dm' | 'db';

export interface ValidationResult {
  valid: boolean;
  /** xmllint's messages when invalid (line numbers refer to the request body). */
  errors: string;
}

let checked = false;

/** Fails early with a clear message when xmllint (Debian libxml2-utils) is missing. */
export function assertXmllint(): void {
  if (checked) return;
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error)
    throw new Error(
      'local ISDS: xmllint not found (Debian package libxml2-utils); it validates every request against the ISDS XSD',
    );
  checked = true;
}

/**
 * Validates a whole SOAP envelope against the official XSD with xmllint (libxml2), the same schema engine
 * libdatovka's tests use. `--huge` because a 20 MB attachment is one base64 text node above libxml2's
 * default 10 MB limit; `--nonet` so nothing is fetched.
 */
export function validateEnvelope(body: Buffer, kind: SchemaKind): Promise<ValidationResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'xmllint',
      ['--noout', '--huge', '--nonet', '--schema', join(SCHEMA_DIR, `envelope-${kind}.xsd`), '-'],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 8000) stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ valid: true, errors: '' });
      // 1–4: parse or validation errors; anything else is xmllint itself failing.
      else if (code !== null && code >= 1 && code <= 4)
        resolve({ valid: false, errors: stderr.replace(/^- fails to validate\s*$/m, '').trim() });
      else reject(new Error(`xmllint exited with ${code}: ${stderr}`));
    });
    child.stdin.on('error', () => {
      /* xmllint may stop reading after a fatal error; 'close' reports it */
    });
    child.stdin.end(body);
  });
}
