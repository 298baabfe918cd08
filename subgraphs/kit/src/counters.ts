import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Gapless counters (reference-number series, audit sequence). One row per series.
 *
 * Why write-first: a read-then-insert gives duplicates under concurrency, and INSERT IGNORE + SELECT
 * FOR UPDATE deadlocks on InnoDB (measured, stack-notes.md). An upsert-increment as the first statement
 * takes the row lock (MariaDB) or the write lock (SQLite) before anyone can read the value, so two
 * transactions can never see the same number; rolled-back transactions give their number back, so the
 * committed series has no gaps.
 */
export class SequenceCounter {
  name!: string;
  currentValue!: number;
}

export const SequenceCounterSchema = new EntitySchema<SequenceCounter>({
  class: SequenceCounter,
  tableName: 'sequence_counter',
  properties: {
    name: { type: 'string', length: 191, primary: true },
    currentValue: { type: 'integer', fieldName: 'current_value' },
  },
});

/** Allocates the next number of a series. Must run inside the caller's transaction. */
export async function nextInSeries(em: SqlEntityManager, series: string): Promise<number> {
  const trx = em.getTransactionContext();
  if (!trx) throw new Error(`nextInSeries(${series}) needs a transaction: the number must commit with its record`);
  const knex = em.getKnex();
  await knex('sequence_counter')
    .insert({ name: series, current_value: 1 })
    .onConflict('name')
    .merge({ current_value: knex.raw('?? + 1', ['sequence_counter.current_value']) })
    .transacting(trx);
  const row = await knex('sequence_counter').where({ name: series }).first('current_value').transacting(trx);
  return Number(row.current_value);
}
