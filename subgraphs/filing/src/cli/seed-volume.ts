#!/usr/bin/env node
/**
 * `npm run seed:volume [-- --scale <factor>] [--years <n>]`: fills the filing database configured as for the
 * service (HUB_DATABASE_URL, HUB_DATA_DIR) with a realistic district for load tests: the 33 demo municipalities,
 * ten years of their registers (domain.md §7.4 volumes: ≈ 1.5 M documents at scale 1) with 3–4 component
 * metadata rows each (no file bytes). Meant for MariaDB, e.g.
 *
 *   HUB_DATABASE_URL=mysql://hub:hub@127.0.0.1:3306/hub_volume npm run seed:volume      # → hub_volume_filing
 *   HUB_DATABASE_URL=mysql://hub:hub@127.0.0.1:3306/hub_volume npm start                # the hub on that data
 *
 * The schema and the demo data (registers, filing plans) come from the subgraph's normal start-up; the demo users
 * and municipalities of the other subgraphs have the same deterministic ids, so the hub started on the same prefix
 * serves the seeded documents to `mbk.clerk` & co. SQLite works for small scales (`--scale 0.01`).
 *
 * Refuses a database that already has documents. Exit status: 0 seeded, 1 failed (what was committed stays:
 * drop the database and run again), 2 usage error or a database that is not empty.
 */
import { databaseTarget, initORM, prepareSchema } from '@hub/kit';
import { filing } from '../index';
import { VolumeNotEmptyError, seedVolume } from '../modules/volume/seed';

const USAGE = 'usage: seed-volume [--scale <factor, default 1>] [--years <1–50, default 10>]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { scale: number; years: number } {
  const out = { scale: 1, years: 10 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return Number(v);
    };
    if (flag === '--scale') out.scale = value();
    else if (flag === '--years') out.years = value();
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  if (!(out.scale > 0 && out.scale <= 10)) throw new UsageError('--scale must be a number above 0 and at most 10');
  if (!Number.isInteger(out.years) || out.years < 1 || out.years > 50)
    throw new UsageError('--years must be a whole number from 1 to 50');
  return out;
}

async function run(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const db = databaseTarget('filing');
  const where = db.kind === 'sqlite' ? `SQLite ${db.file}` : `MariaDB ${db.user}@${db.host}:${db.port}/${db.dbName}`;
  if (db.kind === 'sqlite' && args.scale > 0.05) {
    console.error(
      `seed-volume: warning: scale ${args.scale} on SQLite is slow and makes a big file; MariaDB is the target of this seed`,
    );
  }
  const log = (line: string) => console.log(`[seed:volume] ${line}`);
  log(`filing database: ${where}; scale ${args.scale}, ${args.years} years`);
  const orm = await initORM({ db, entities: filing.entities });
  try {
    // Exactly what the service does at start: schema (SQLite: built; MariaDB: checked that `npm run db:migrate` ran),
    // data upgrades, demo data.
    await prepareSchema(orm, filing);
    await filing.upgradeData!(orm);
    await filing.seedDemo!(orm);
    const r = await seedVolume(orm, { scale: args.scale, years: args.years, log });
    log(
      `done: ${r.documents.toLocaleString('en-US')} documents, ${r.components.toLocaleString('en-US')} components, ` +
        `${r.series} number series in ${r.seconds.toFixed(1)} s (${Math.round((r.documents + r.components) / Math.max(r.seconds, 0.001)).toLocaleString('en-US')} rows/s)`,
    );
    return 0;
  } catch (e) {
    if (e instanceof VolumeNotEmptyError) {
      console.error(`seed-volume: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await orm.close(true);
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    // A failed INSERT quotes its whole statement (megabytes): the start of the message and the driver's reason suffice.
    const text = e instanceof Error ? e.message : String(e);
    const message = text.length > 2000 ? `${text.slice(0, 1000)} … ${text.slice(-500)}` : text;
    console.error(e instanceof UsageError ? `seed-volume: ${message}\n${USAGE}` : `seed-volume: ${message}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
