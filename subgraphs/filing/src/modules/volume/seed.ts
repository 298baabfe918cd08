/**
 * The volume seed's writer (`npm run seed:volume`, cli/seed-volume.ts): fills an empty filing database with a
 * district's ten years of registers (generate.ts) for load tests and benchmarks.
 *
 * Why not the ORM's unit of work: 1.5 M documents and 5 M components would take hours through entity
 * instances and change sets. Rows go in as multi-row INSERTs (hundreds to thousands per statement) in one
 * transaction per batch, with the numbering counters of the series the batch touched. When the seed has finished,
 * every register/year series is gapless from 1 and its counter row holds its last number, so a registration
 * after the seed continues the series without a duplicate. A seed that fails midway leaves a partial database
 * (two batches are written at once): drop it and seed again.
 *
 * Columns come from the entity metadata, so a column added to Document or Component later is written too (and a
 * new NOT NULL column the generator does not fill fails loudly on the first batch).
 */
import { DEMO_RECORDS_MUNICIPALITIES, demoId, type DemoMunicipality, type HubORM } from '@hub/kit';
import type { EntityMetadata } from '@mikro-orm/core';
import { MySqlPlatform, type Knex } from '@mikro-orm/knex';
import { Component } from '../components/component.entity';
import { Document } from '../documents/document.entity';
import { insertWordRowsKnex, wordRows } from '../documents/word-index';
import { generateTenantYear, volumePlan, type GeneratedBatch, type TenantYear } from './generate';

export interface SeedVolumeOptions {
  /** Multiplies every tenant's documents per year (1 = domain.md §7.4, ≈ 1.5 M documents over ten years). */
  scale: number;
  /** Calendar years up to the current one (default 10). */
  years?: number;
  /** "Today": the last year seeded and the age that decides a document's state (default: now). */
  now?: Date;
  /** Documents per transaction (default 2000). */
  batchSize?: number;
  municipalities?: DemoMunicipality[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Milliseconds between progress lines (default 2000). */
  progressEveryMs?: number;
}

export interface SeedVolumeResult {
  documents: number;
  components: number;
  /** Number series (register × year) written, with their counters. */
  series: number;
  seconds: number;
}

type Platform = ReturnType<HubORM['em']['getPlatform']>;

/** The database already holds documents: the seed never mixes its rows with others. */
export class VolumeNotEmptyError extends Error {}

interface Table {
  name: string;
  columns: string[];
  props: string[];
  required: string[];
  /** Rows per INSERT statement. */
  rowsPerStatement: number;
}

/** Table, column and property names of an entity, in metadata order. */
function tableOf(meta: EntityMetadata, rowsPerStatement: number): Table {
  const props = meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1);
  return {
    name: meta.tableName,
    columns: props.map((p) => p.fieldNames[0]),
    props: props.map((p) => p.name),
    required: props.filter((p) => !p.nullable && p.default === undefined).map((p) => p.name),
    rowsPerStatement,
  };
}

export async function seedVolume(orm: HubORM, opts: SeedVolumeOptions): Promise<SeedVolumeResult> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => undefined);
  const knex = orm.em.getKnex();
  const platform = orm.em.getPlatform();
  const sqlite = !(platform instanceof MySqlPlatform);

  const [{ n: existing }] = (await knex('document').count('* as n')) as { n: number | string }[];
  if (Number(existing) > 0) {
    throw new VolumeNotEmptyError(
      `the filing database already has ${Number(existing).toLocaleString('en-US')} documents; the volume seed only fills an empty one. ` +
        'Drop it (MariaDB: DROP DATABASE <prefix>_filing; SQLite: delete filing.sqlite) or choose another HUB_DATABASE_URL prefix.',
    );
  }

  const municipalities = opts.municipalities ?? DEMO_RECORDS_MUNICIPALITIES; // backup-only tenants have no registers
  const registers = await registersOf(knex, municipalities);
  const kinds = await defaultKindsOf(knex);
  const plan = volumePlan(municipalities, { scale: opts.scale, years: opts.years ?? 10, now });
  const totalDocuments = plan.reduce((s, ty) => s + ty.documents, 0);
  log(
    `${municipalities.length} municipalities × ${opts.years ?? 10} years: ${totalDocuments.toLocaleString('en-US')} documents to write`,
  );

  // SQLite allows 32,766 bound values per statement; MariaDB takes far more (max_allowed_packet).
  const documents = tableOf(orm.getMetadata().get(Document.name), sqlite ? 500 : 1000);
  const components = tableOf(orm.getMetadata().get(Component.name), sqlite ? 2000 : 4000);

  const done = { documents: 0, components: 0, series: new Set<string>() };
  let lastReport = Date.now();
  const report = (force = false) => {
    const t = Date.now();
    if (!force && t - lastReport < (opts.progressEveryMs ?? 2000)) return;
    lastReport = t;
    const seconds = (t - started) / 1000;
    const rate = done.documents / Math.max(seconds, 0.001);
    const eta = rate > 0 ? (totalDocuments - done.documents) / rate : 0;
    log(
      `${done.documents.toLocaleString('en-US')} / ${totalDocuments.toLocaleString('en-US')} documents ` +
        `(${((done.documents / Math.max(totalDocuments, 1)) * 100).toFixed(1)} %), ${done.components.toLocaleString('en-US')} components; ` +
        `${Math.round(rate).toLocaleString('en-US')} documents/s, ${Math.round((done.documents + done.components) / Math.max(seconds, 0.001)).toLocaleString('en-US')} rows/s; ` +
        `${seconds.toFixed(0)} s elapsed, ETA ${eta.toFixed(0)} s`,
    );
  };

  // Generating batches (CPU, this process) overlaps with writing earlier ones (the database): up to `writers`
  // transactions at once on MariaDB, which then uses both cores of a small machine. SQLite has one writer.
  const writers = sqlite ? 1 : 2;
  const writing = new Set<Promise<void>>();
  let failure: unknown;
  for (const batch of batches(plan, registers, kinds, now, opts.batchSize ?? 2000)) {
    while (writing.size >= writers) await Promise.race(writing);
    if (failure) break;
    const w: Promise<void> = writeBatch(knex, platform, sqlite, documents, components, batch)
      .then(() => {
        done.documents += batch.documents.length;
        done.components += batch.components.length;
        for (const s of batch.series.keys()) done.series.add(s);
        report();
      })
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => writing.delete(w));
    writing.add(w);
  }
  await Promise.all(writing);
  if (failure) throw failure;
  report(true);
  return {
    documents: done.documents,
    components: done.components,
    series: done.series.size,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * The plan's documents in batches of about `size`: a small municipality's year is a few hundred documents, so
 * batches run across tenant-years (one transaction each) rather than one tiny transaction per year.
 */
function* batches(
  plan: TenantYear[],
  registers: Map<string, { main: string; invoices: string }>,
  kinds: Map<string, string>,
  now: Date,
  size: number,
): Generator<GeneratedBatch> {
  let pending: GeneratedBatch = { documents: [], components: [], series: new Map() };
  for (const ty of plan) {
    const defaultKindId = kinds.get(ty.municipality.id) ?? null;
    for (const b of generateTenantYear(ty, {
      now,
      batchSize: size,
      registers: registers.get(ty.municipality.id)!,
      defaultKindId,
    })) {
      pending.documents.push(...b.documents);
      pending.components.push(...b.components);
      for (const [name, value] of b.series) pending.series.set(name, value);
      if (pending.documents.length >= size) {
        yield pending;
        pending = { documents: [], components: [], series: new Map() };
      }
    }
  }
  if (pending.documents.length > 0) yield pending;
}

/** The demo main and invoice registers of each municipality (seeded by the filing subgraph's seedDemo). */
/**
 * Each municipality's default document kind (ostatní), which the generated documents get as registration would give
 * them: the data upgrade that fills missing kinds has already run by the time the volume seed writes.
 */
async function defaultKindsOf(knex: Knex): Promise<Map<string, string>> {
  const rows = (await knex('document_kind').where({ is_default: true }).select('municipality_id', 'id')) as {
    municipality_id: string;
    id: string;
  }[];
  return new Map(rows.map((r) => [r.municipality_id, r.id]));
}

async function registersOf(
  knex: Knex,
  municipalities: DemoMunicipality[],
): Promise<Map<string, { main: string; invoices: string }>> {
  const out = new Map<string, { main: string; invoices: string }>();
  const rows = (await knex('register').select('id')) as { id: string }[];
  const present = new Set(rows.map((r) => r.id));
  for (const m of municipalities) {
    const ids = {
      main: demoId('register', `${m.abbreviation}:main`),
      invoices: demoId('register', `${m.abbreviation}:invoices`),
    };
    if (!present.has(ids.main) || !present.has(ids.invoices)) {
      throw new Error(`the demo registers of ${m.name} are missing: seed the demo data first (the seed command does)`);
    }
    out.set(m.id, ids);
  }
  return out;
}

/**
 * One batch in one transaction: its documents, their words (the search index), their components, and the counters of the series it touched
 * (kit counters.ts). Two batches of one series may commit in either order, so a counter only ever grows.
 */
async function writeBatch(
  knex: Knex,
  platform: Platform,
  sqlite: boolean,
  documents: Table,
  components: Table,
  batch: GeneratedBatch,
): Promise<void> {
  await knex.transaction(async (trx) => {
    await insertRows(trx, platform, documents, batch.documents as unknown as Record<string, unknown>[]);
    // The word index of subject and sender search, as the document schema's hooks would write it (word-index.ts).
    await insertWordRowsKnex(
      trx,
      platform,
      batch.documents.flatMap((d) => wordRows(d)),
      sqlite ? 2000 : 4000,
    );
    await insertRows(trx, platform, components, batch.components as unknown as Record<string, unknown>[]);
    const series = [...batch.series];
    const upsert = sqlite
      ? 'on conflict (name) do update set current_value = max(current_value, excluded.current_value)'
      : 'on duplicate key update current_value = greatest(current_value, values(current_value))';
    await trx.raw(
      `insert into sequence_counter (name, current_value) values ${series.map(() => '(?, ?)').join(', ')} ${upsert}`,
      series.flat(),
    );
  });
}

async function insertRows(
  trx: Knex.Transaction,
  platform: Platform,
  table: Table,
  rows: Record<string, unknown>[],
): Promise<void> {
  const head = `insert into ${table.name} (${table.columns.map((c) => platform.quoteIdentifier(c)).join(', ')}) values `;
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  for (let from = 0; from < rows.length; from += table.rowsPerStatement) {
    const chunk = rows.slice(from, from + table.rowsPerStatement);
    const values: unknown[] = [];
    for (const row of chunk) {
      for (const name of table.required) {
        if (row[name] === undefined || row[name] === null)
          throw new Error(`volume seed: ${table.name}.${name} is required but the generator left it empty`);
      }
      for (const name of table.props) {
        const v = row[name];
        values.push(v instanceof Date ? platform.processDateProperty(v) : (v ?? null));
      }
    }
    await trx.raw(head + new Array(chunk.length).fill(tuple).join(', '), values as Knex.RawBinding[]);
  }
}
