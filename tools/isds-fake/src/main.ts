import { resolve } from 'node:path';
import { demoBoxes } from './demo';
import { loadOrCreatePki } from './pki-files';
import { startLocalIsds } from './server';

/**
 * Runs the demo's local ISDS as a process: `node tools/isds-fake/dist/main.js`. Settings by environment:
 * HUB_LOCAL_ISDS_PORT (default 0 = random), HUB_LOCAL_ISDS_HOST (127.0.0.1), HUB_LOCAL_ISDS_PKI_DIR (default
 * data/local-isds: the test CA kept across restarts; verify ZFOs against its ca.pem). Prints one JSON line
 * `{ url, caFile, boxes }` when ready; SIGINT/SIGTERM stop it.
 */
async function main(): Promise<void> {
  const pkiDir = resolve(process.env.HUB_LOCAL_ISDS_PKI_DIR ?? 'data/local-isds');
  const pki = await loadOrCreatePki(pkiDir, new Date());
  const isds = await startLocalIsds({
    boxes: demoBoxes(),
    port: Number(process.env.HUB_LOCAL_ISDS_PORT ?? 0),
    host: process.env.HUB_LOCAL_ISDS_HOST ?? '127.0.0.1',
    pki,
  });
  process.stdout.write(
    `${JSON.stringify({ url: isds.url, caFile: resolve(pkiDir, 'ca.pem'), boxes: demoBoxes().length })}\n`,
  );
  const stop = () => {
    void isds.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`local ISDS: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
