#!/usr/bin/env node
/**
 * `npm run audit:verify [-- --municipality <id | register prefix>]`: recomputes the hash chain of every
 * municipality's transaction log (or of one) in filing's database, configured as for the service
 * (HUB_DATABASE_URL, HUB_DATA_DIR), and the chain and seals of its daily renditions (public keys from the seal
 * key in the data dir / HUB_SEAL_PRIVATE_KEY_FILE, plus HUB_SEAL_PREVIOUS_PUBLIC_KEYS_FILE). Read-only.
 *
 * Prints one line per municipality and a summary. Exit status: 0 all chains intact, 1 a chain is broken,
 * 2 usage or set-up error (no database, unknown municipality).
 */
import { databaseTarget, initORM, scopeToTenant, type HubORM } from '@hub/kit';
import { existsSync } from 'node:fs';
import { LogEntrySchema } from '../modules/audit-log/log-entry.entity';
import { LogRenditionSchema } from '../modules/audit-log/rendition.entity';
import { verifyRenditions } from '../modules/audit-log/rendition-verify';
import { trustedPublicKeysFromEnv } from '../modules/audit-log/seal';
import { verifyLog } from '../modules/audit-log/verify';
import { RegisterSchema } from '../modules/registers/register.entity';

const USAGE = 'usage: audit-verify [--municipality <municipality id | main register prefix>]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { municipality?: string } {
  const out: { municipality?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--municipality' || a === '-m') {
      if (!argv[i + 1]) throw new UsageError(`${a} needs a value`);
      out.municipality = argv[++i];
    } else if (a.startsWith('--municipality=')) {
      out.municipality = a.slice('--municipality='.length);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new UsageError(`unknown argument ${a}`);
    }
  }
  return out;
}

interface Row {
  municipality_id: string;
}

/** Municipalities with a log: those with entries, and those whose head counter says they should have some. */
async function municipalitiesWithLog(orm: HubORM): Promise<string[]> {
  const knex = orm.em.getKnex();
  const withEntries = (await knex('log_entry').distinct('municipality_id')) as Row[];
  const heads = (await knex('sequence_counter').where('name', 'like', 'log:%').select('name')) as { name: string }[];
  const ids = new Set([...withEntries.map((r) => r.municipality_id), ...heads.map((h) => h.name.slice('log:'.length))]);
  return [...ids].sort();
}

/** The prefix of each municipality's main register (its abbreviation), for the report. */
async function prefixes(orm: HubORM): Promise<Map<string, string>> {
  const rows = (await orm.em
    .getKnex()('register')
    .where({ kind: 'MAIN' })
    .orderBy([
      { column: 'active', order: 'desc' },
      { column: 'created_at', order: 'asc' },
    ])
    .select('municipality_id', 'reference_prefix')) as { municipality_id: string; reference_prefix: string }[];
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(r.municipality_id)) map.set(r.municipality_id, r.reference_prefix);
  return map;
}

async function run(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const db = databaseTarget('filing');
  if (db.kind === 'sqlite' && (db.file === ':memory:' || !existsSync(db.file))) {
    console.error(`audit-verify: no filing database at ${db.file} (set HUB_DATA_DIR or HUB_DATABASE_URL)`);
    return 2;
  }
  const orm = await initORM({ db, entities: [LogEntrySchema, RegisterSchema, LogRenditionSchema] });
  try {
    const abbreviations = await prefixes(orm);
    let ids = await municipalitiesWithLog(orm);
    if (args.municipality) {
      const wanted = args.municipality;
      const byPrefix = [...abbreviations].filter(([, p]) => p.toLowerCase() === wanted.toLowerCase()).map(([id]) => id);
      ids = ids.includes(wanted) ? [wanted] : byPrefix.length ? byPrefix : [];
      if (ids.length === 0) {
        console.error(`audit-verify: no transaction log for municipality ${wanted}`);
        return 2;
      }
    }
    let broken = 0;
    let entries = 0;
    const keys = trustedPublicKeysFromEnv();
    for (const id of ids) {
      const r = await verifyLog(scopeToTenant(orm.em.fork(), id), id);
      entries += r.entriesChecked;
      const name = `${(abbreviations.get(id) ?? '?').padEnd(8)} ${id}`;
      if (r.ok) {
        console.log(`OK      ${name}  ${r.entriesChecked} entries`);
      } else {
        broken++;
        console.log(
          `BROKEN  ${name}  ${r.problem} (first bad entry: ${r.firstBadPoradi}; ${r.entriesChecked} intact before it)`,
        );
      }
      const rr = await verifyRenditions(orm.em.fork(), id, keys);
      if (rr.ok) {
        console.log(`OK      ${name}  ${rr.renditionsChecked} daily renditions`);
      } else {
        broken++;
        console.log(`BROKEN  ${name}  renditions: ${rr.renditionProblem} (first bad day: ${rr.firstBadRenditionDay})`);
      }
    }
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    console.log(
      `${count(ids.length, 'municipality', 'municipalities')} checked, ${count(entries, 'entry', 'entries')} intact, ` +
        (broken ? `${count(broken, 'broken chain', 'broken chains')}` : 'all chains intact'),
    );
    return broken ? 1 : 0;
  } finally {
    await orm.close(true);
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(
      e instanceof UsageError
        ? `audit-verify: ${e.message}\n${USAGE}`
        : `audit-verify: ${e instanceof Error ? e.message : e}`,
    );
    process.exit(2);
  },
);
