// The outbox relay (outbox.ts): ships each municipality's audit events in order, moves the cursor only after the
// receiver acknowledged, retries without skipping, and a crash between delivery and cursor re-sends (the
// receiver's dedup keeps one copy).
import { randomUUID } from 'node:crypto';
import { AuditEvent, recordAudit } from './audit';
import { OutboxCursor, startOutboxRelay, type OutboxRelay, type ShipFn } from './outbox';
import { scopeToTenant } from './tenant';
import { createTestOrm, testDatabaseKinds } from './testing';
import { inTransaction } from './transaction';

/** A receiver like filing's ingest: one copy per (source, event id), in arrival order per municipality. */
function fakeLog() {
  const stored = new Map<string, AuditEvent>();
  const order = new Map<string, number[]>();
  let deliveries = 0;
  const receive = (source: string, events: AuditEvent[]) => {
    deliveries += events.length;
    for (const e of events) {
      const key = `${source}:${e.id}`;
      if (stored.has(key)) continue;
      stored.set(key, e);
      order.set(e.municipalityId, [...(order.get(e.municipalityId) ?? []), e.sequence]);
    }
  };
  return { stored, order, receive, deliveries: () => deliveries };
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(testDatabaseKinds())('outbox relay on %s', (kind) => {
  let t: Awaited<ReturnType<typeof createTestOrm>>;
  const relays: OutboxRelay[] = [];
  const relay = (ship: ShipFn, opts: { intervalMs?: number; idlePollMs?: number; batchSize?: number } = {}) => {
    const r = startOutboxRelay({
      orm: t.orm,
      source: 'users',
      ship,
      intervalMs: opts.intervalMs ?? 3_600_000,
      log: () => undefined,
      ...opts,
    });
    relays.push(r);
    return r;
  };

  beforeEach(async () => {
    t = await createTestOrm(kind, 'users', []);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await t.dispose();
  });

  const write = (municipalityId: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        inTransaction(scopeToTenant(t.orm.em.fork(), municipalityId), (tx) =>
          recordAudit(tx, null, {
            municipalityId,
            eventType: 'Zalozeni',
            objectType: 'Osoba',
            objectId: randomUUID(),
            description: `#${i}`,
          }),
        ),
      ),
    );
  const cursor = async (m: string) =>
    (await scopeToTenant(t.orm.em.fork(), m).findOne(OutboxCursor, { municipalityId: m }))?.shippedThrough ?? 0;

  it('ships each municipality in sequence order and moves the cursor only after the receiver acknowledged', async () => {
    const [A, B] = [randomUUID(), randomUUID()];
    await write(A, 3);
    await write(B, 2);
    const log = fakeLog();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const r = relay(async (source, events) => {
      calls++;
      expect(source).toBe('users');
      await gate;
      log.receive(source, events);
    });
    const flushed = r.flush();
    await until(() => calls > 0);
    expect([await cursor(A), await cursor(B)]).toEqual([0, 0]); // delivery not acknowledged yet
    release();
    expect(await flushed).toBe(5);
    expect(log.order.get(A)).toEqual([1, 2, 3]);
    expect(log.order.get(B)).toEqual([1, 2]);
    expect([await cursor(A), await cursor(B)]).toEqual([3, 2]);
    expect(await r.flush()).toBe(0); // nothing left
  });

  it('ships in batches, in order', async () => {
    const A = randomUUID();
    await write(A, 7);
    const log = fakeLog();
    const sizes: number[] = [];
    const r = relay(async (s, events) => (sizes.push(events.length), log.receive(s, events)), { batchSize: 3 });
    expect(await r.flush()).toBe(7);
    expect(sizes).toEqual([3, 3, 1]);
    expect(log.order.get(A)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('retries a failed delivery later and never skips an event', async () => {
    const A = randomUUID();
    await write(A, 4);
    const log = fakeLog();
    let failuresLeft = 2;
    relay(
      async (s, events) => {
        if (failuresLeft-- > 0) throw new Error('the log is down');
        log.receive(s, events);
      },
      { intervalMs: 10, batchSize: 2 },
    );
    await until(async () => (await cursor(A)) === 4);
    expect(log.order.get(A)).toEqual([1, 2, 3, 4]);
    expect(log.deliveries()).toBe(4);
    // More events later: shipped after the earlier ones, once the loop sees them.
    await write(A, 2);
    await until(async () => (await cursor(A)) === 6);
    expect(log.order.get(A)).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(relay(async () => Promise.reject(new Error('down')), {}).flush()).resolves.toBe(0); // nothing pending
  });

  it('flush() reports a failed delivery and leaves the cursor where it was', async () => {
    const A = randomUUID();
    await write(A, 2);
    const r = relay(async () => {
      throw new Error('the log is down');
    });
    await expect(r.flush()).rejects.toThrow('the log is down');
    expect(await cursor(A)).toBe(0);
  });

  it('a crash after delivery but before the cursor moved re-sends, and the receiver keeps one copy', async () => {
    const A = randomUUID();
    await write(A, 3);
    const log = fakeLog();
    // The log stores the events, but the process "dies" before it hears back (the acknowledgement is lost).
    let crash = true;
    const r1 = relay(async (s, events) => {
      log.receive(s, events);
      if (crash) throw new Error('connection reset');
    });
    await expect(r1.flush()).rejects.toThrow('connection reset');
    expect(await cursor(A)).toBe(0);
    await r1.stop();
    crash = false;
    // A new process, same database: starts from the old cursor and sends again.
    const r2 = relay(async (s, events) => log.receive(s, events));
    expect(await r2.flush()).toBe(3);
    expect(log.deliveries()).toBe(6);
    expect(log.stored.size).toBe(3);
    expect(log.order.get(A)).toEqual([1, 2, 3]);
    expect(await cursor(A)).toBe(3);
  });

  it('a delivery whose cursor write fails is sent again, and the receiver keeps one copy', async () => {
    const A = randomUUID();
    await write(A, 3);
    const log = fakeLog();
    const r = relay(async (s, events) => log.receive(s, events));
    // The database refuses the cursor write once (a crash at exactly that point looks the same from outside).
    const conn = t.orm.em.getConnection();
    const sqlite = t.db.kind === 'sqlite';
    const refuse = (op: string) =>
      sqlite
        ? `create trigger cursor_down_${op} before ${op} on outbox_cursor begin select raise(abort, 'cursor write failed'); end`
        : `create trigger cursor_down_${op} before ${op} on outbox_cursor for each row signal sqlstate '45000' set message_text = 'cursor write failed'`;
    await conn.execute(refuse('insert'));
    await conn.execute(refuse('update'));
    await expect(r.flush()).rejects.toThrow(/cursor write failed/);
    expect(log.stored.size).toBe(3);
    expect(await cursor(A)).toBe(0);
    await conn.execute('drop trigger cursor_down_insert');
    await conn.execute('drop trigger cursor_down_update');
    expect(await r.flush()).toBe(3);
    expect(log.deliveries()).toBe(6);
    expect(log.stored.size).toBe(3);
    expect(log.order.get(A)).toEqual([1, 2, 3]);
    expect(await cursor(A)).toBe(3);
  });

  it('a cursor that fell behind (restored database, lost write) re-sends only what is behind it', async () => {
    const A = randomUUID();
    await write(A, 5);
    const log = fakeLog();
    const r = relay(async (s, events) => log.receive(s, events));
    await r.flush();
    await t.orm.em.getConnection().execute('update outbox_cursor set shipped_through = 2');
    expect(await r.flush()).toBe(3);
    expect(log.deliveries()).toBe(8);
    expect(log.stored.size).toBe(5);
    expect(await cursor(A)).toBe(5);
  });

  it('two relays on one database deliver everything, the cursor never moves back', async () => {
    const A = randomUUID();
    await write(A, 20);
    const log = fakeLog();
    const ship: ShipFn = async (s, events) => {
      await new Promise((res) => setTimeout(res, Math.random() * 5));
      log.receive(s, events);
    };
    await Promise.all([relay(ship, { batchSize: 3 }).flush(), relay(ship, { batchSize: 4 }).flush()]);
    expect(log.order.get(A)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await cursor(A)).toBe(20);
  });

  it('wakes on a local commit and does not touch the database while idle', async () => {
    const A = randomUUID();
    const log = fakeLog();
    const r = relay(async (s, events) => log.receive(s, events), { intervalMs: 10, idlePollMs: 3_600_000 });
    await r.flush();
    await new Promise((res) => setTimeout(res, 50)); // let the start-up round settle
    let statements = 0;
    const knex = t.orm.em.getKnex();
    const count = () => statements++;
    knex.on('query', count);
    try {
      await new Promise((res) => setTimeout(res, 200));
      expect(statements).toBe(0);
    } finally {
      knex.removeListener('query', count);
    }
    await write(A, 1);
    await until(() => log.stored.size === 1, 5_000);
  });

  it('pause() stops the loop; resume() restarts it', async () => {
    const A = randomUUID();
    const log = fakeLog();
    const r = relay(async (s, events) => log.receive(s, events), { intervalMs: 10, idlePollMs: 3_600_000 });
    await r.pause();
    await write(A, 2);
    await new Promise((res) => setTimeout(res, 100));
    expect(log.stored.size).toBe(0);
    r.resume();
    await until(() => log.stored.size === 2, 5_000);
  });

  it('outbox rows cannot be changed or removed; the cursor can move', async () => {
    const A = randomUUID();
    await write(A, 1);
    const conn = t.orm.em.getConnection();
    await expect(conn.execute("update audit_event set actor_login = 'mallory'")).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from audit_event')).rejects.toThrow(/append-only/);
    expect(await t.orm.em.fork().count(AuditEvent, {}, { filters: false })).toBe(1);
    const r = relay(async () => undefined);
    expect(await r.flush()).toBe(1);
    expect(await cursor(A)).toBe(1);
  });
});
