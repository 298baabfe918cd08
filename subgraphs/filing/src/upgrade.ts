import type { HubORM } from '@hub/kit';
import { foldForSearch } from './modules/documents/search';
import { forecastKey } from './modules/retention/forecast-key';

/** Rows per statement when derived columns are filled in. */
const FILL_BATCH = 1000;
/**
 * Marks a database whose derived columns have been filled (a row of the counters table, value 1). Finding the
 * rows to fill takes a full scan of `document` (about 2 s at 1.5 M documents), which every start would otherwise
 * pay; once the columns exist, every write path fills them (the document schema's hooks, retention/apply.ts).
 */
const FILLED_MARK = 'upgrade:derived-columns-1';

/**
 * Columns derived in JavaScript (folding, the forecast's natural key: neither is expressible in portable SQL),
 * filled in for rows written before the column existed, a batch at a time, once per database. Each pass fills
 * every row it selects, so the loop ends.
 */
async function fillDerivedColumns(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: FILLED_MARK }).first('name')) return;
  type Fill = { table: string; column: string; select: () => Promise<{ id: string; value: string }[]> };
  const fills: Fill[] = [
    {
      table: 'document',
      column: 'sender_folded',
      select: async () =>
        ((await knex('document').whereNull('sender_folded').whereNotNull('sender_name').limit(FILL_BATCH).select('id', 'sender_name')) as {
          id: string;
          sender_name: string;
        }[]).map((r) => ({ id: r.id, value: foldForSearch(r.sender_name) })),
    },
    ...(['document', 'case_file'] as const).map(
      (table): Fill => ({
        table,
        column: 'forecast_key',
        select: async () =>
          ((await knex(`${table} as t`)
            .leftJoin('filing_plan_node as n', 'n.id', 't.filing_plan_node_id')
            .whereNull('t.forecast_key')
            .whereNotNull('t.disposal_year')
            .limit(FILL_BATCH)
            .select('t.id', table === 'document' ? knex.raw('coalesce(t.reference_number, t.pid) as label') : 't.reference_number as label', 'n.full_code')) as {
            id: string;
            label: string;
            full_code: string | null;
          }[]).map((r) => ({ id: r.id, value: forecastKey(r.full_code ?? '', r.label) })),
      }),
    ),
  ];
  for (const fill of fills) {
    for (let rows = await fill.select(); rows.length > 0; rows = await fill.select()) {
      await knex.transaction(async (trx) => {
        for (const r of rows) await trx(fill.table).where({ id: r.id }).update({ [fill.column]: r.value });
      });
    }
  }
  await knex('sequence_counter').insert({ name: FILLED_MARK, current_value: 1 }).onConflict('name').ignore();
}

/**
 * Runs at every start after the schema is checked (kit `prepareSchema`), with the services' runtime account: rows
 * only, never DDL (on MariaDB that account has none; the append-only triggers of the transaction log and of its
 * daily renditions come with the migrations, or on SQLite from `prepareSchema`, see filing's `appendOnly`).
 * Idempotent and cheap when there is nothing to do.
 *
 * - Rows registered before drafts existed have no `createdAt`: for them the registration is the creation. Filled
 *   in once, so the document list can order by `(createdAt, id)` on an index. Runs across all municipalities on
 *   purpose (each row gets its own values); a no-op once done.
 * - `Document.senderFolded` and the forecast's `forecastKey` (documents, case files) for rows from before they
 *   existed (`fillDerivedColumns`, once per database).
 */
export async function upgradeData(orm: HubORM): Promise<void> {
  // Looked for first: the UPDATE alone scans the whole table under locks at every start (≈ 2 s at 1.5 M documents).
  if (await orm.em.getKnex()('document').whereNull('created_at').first('id')) {
    await orm.em
      .getConnection()
      .execute('update document set created_at = registered_at, created_by_id = registered_by_id where created_at is null');
  }
  await fillDerivedColumns(orm);
}
