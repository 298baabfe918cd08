import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AuditEvent, recordAudit } from './audit';
import { nextInSeries } from './counters';
import { scopeToTenant } from './tenant';
import { createTestOrm, testDatabaseKinds } from './testing';
import { inTransaction } from './transaction';

class Note {
  id!: string;
  municipalityId!: string;
  text!: string;
}
const NoteSchema = new EntitySchema<Note>({
  class: Note,
  properties: { id: { type: 'uuid', primary: true }, municipalityId: { type: 'uuid' }, text: { type: 'string' } },
});

const A = randomUUID();
const B = randomUUID();

describe.each(testDatabaseKinds())('kit on %s', (kind) => {
  let t: Awaited<ReturnType<typeof createTestOrm>>;
  beforeAll(async () => {
    t = await createTestOrm(kind, 'filing', [NoteSchema]);
    const em = t.orm.em.fork();
    em.persist([
      em.create(Note, { id: randomUUID(), municipalityId: A, text: 'a' }),
      em.create(Note, { id: randomUUID(), municipalityId: B, text: 'b' }),
    ]);
    await em.flush({}).catch(() => undefined); // unscoped: refused by the guard
    for (const m of [A, B]) {
      const scoped = scopeToTenant(t.orm.em.fork(), m);
      scoped.persist(scoped.create(Note, { id: randomUUID(), municipalityId: m, text: m === A ? 'a' : 'b' }));
      await scoped.flush();
    }
  });
  afterAll(() => t.dispose());

  (kind === 'mariadb' ? it : it.skip)(
    'lets MariaDB start a keyset page at its cursor: every pooled connection has disable_max_seek (orm.ts)',
    async () => {
      // Several at once, so the pool opens more than one connection.
      const values = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.orm.em
            .getKnex()
            .transaction(
              async (trx) => (await trx.raw('select @@optimizer_adjust_secondary_key_costs as v'))[0][0].v as string,
            ),
        ),
      );
      for (const v of values) expect(v.split(',')).toContain('disable_max_seek');
    },
  );

  it('reads only the scoped tenant, and refuses unscoped reads', async () => {
    const notes = await scopeToTenant(t.orm.em.fork(), A).find(Note, {});
    expect(notes.map((n) => n.text)).toEqual(['a']);
    await expect(t.orm.em.fork().find(Note, {})).rejects.toThrow(/tenant/);
  });

  it('refuses to write another tenant’s row, and to write without a tenant', async () => {
    const em = scopeToTenant(t.orm.em.fork(), A);
    em.persist(em.create(Note, { id: randomUUID(), municipalityId: B, text: 'sneaky' }));
    await expect(em.flush()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const unscoped = t.orm.em.fork();
    unscoped.persist(unscoped.create(Note, { id: randomUUID(), municipalityId: A, text: 'x' }));
    await expect(unscoped.flush()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await scopeToTenant(t.orm.em.fork(), B).count(Note, {})).toBe(1);
  });

  it('allocates gapless numbers under concurrency and gives back numbers of rolled-back transactions', async () => {
    const series = `test:${randomUUID()}`;
    const got = await Promise.all(
      Array.from({ length: 40 }, () => inTransaction(t.orm.em.fork(), (tx) => nextInSeries(tx, series))),
    );
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await expect(
      inTransaction(t.orm.em.fork(), async (tx) => {
        await nextInSeries(tx, series);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await inTransaction(t.orm.em.fork(), (tx) => nextInSeries(tx, series))).toBe(41);
  });

  it('writes audit events with the change, numbered per municipality', async () => {
    const em = scopeToTenant(t.orm.em.fork(), A);
    const objectId = randomUUID();
    for (const text of ['one', 'two']) {
      await inTransaction(em, async (tx) => {
        const n = tx.create(Note, { id: randomUUID(), municipalityId: A, text });
        tx.persist(n);
        await recordAudit(tx, null, { municipalityId: A, eventType: 'Zalozeni', objectType: 'Dokument', objectId });
      });
    }
    const events = await scopeToTenant(t.orm.em.fork(), A).find(
      AuditEvent,
      { objectId },
      { orderBy: { sequence: 'asc' } },
    );
    expect(events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(await scopeToTenant(t.orm.em.fork(), B).count(AuditEvent, { objectId })).toBe(0);
  });
});
