// Job leases (lease.ts): of two holders on one database only one runs the job; when the holder stops renewing (a
// killed building), the lease expires and the other takes over; a clean stop hands over at once.
import { randomUUID } from 'node:crypto';
import { AuditEvent, recordAudit } from './audit';
import { acquireLease, JobLease, releaseLease, startJobLease } from './lease';
import { startOutboxRelay, type OutboxRelay } from './outbox';
import { scopeToTenant } from './tenant';
import { createTestOrm, testDatabaseKinds } from './testing';
import { inTransaction } from './transaction';

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(testDatabaseKinds())('job leases on %s', (kind) => {
  let t: Awaited<ReturnType<typeof createTestOrm>>;
  beforeEach(async () => {
    t = await createTestOrm(kind, 'users', []);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('two holders: only one gets the lease, and it renews; the other gets it once it has expired', async () => {
    const t0 = new Date('2026-12-06T10:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(await acquireLease(t.orm, 'job', 'A', 15_000, at(0))).toBe(true);
    expect(await acquireLease(t.orm, 'job', 'B', 15_000, at(1))).toBe(false);
    expect(await acquireLease(t.orm, 'job', 'A', 15_000, at(10))).toBe(true); // renewed: now until 25 s
    expect(await acquireLease(t.orm, 'job', 'B', 15_000, at(20))).toBe(false);
    // A stopped renewing (killed): after its expiry B takes over, and A cannot come back until B lets go.
    expect(await acquireLease(t.orm, 'job', 'B', 15_000, at(26))).toBe(true);
    expect(await acquireLease(t.orm, 'job', 'A', 15_000, at(27))).toBe(false);
    const row = await t.orm.em.fork().findOneOrFail(JobLease, { name: 'job' });
    expect(row.holder).toBe('B');
    // A clean stop releases at once.
    await releaseLease(t.orm, 'job', 'B');
    expect(await acquireLease(t.orm, 'job', 'A', 15_000, at(28))).toBe(true);
    // Leases are per job.
    expect(await acquireLease(t.orm, 'other', 'B', 15_000, at(28))).toBe(true);
  });

  it('holders racing for a fresh lease: exactly one wins', async () => {
    const now = new Date();
    const results = await Promise.all(['A', 'B', 'C', 'D'].map((h) => acquireLease(t.orm, 'race', h, 15_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('two keepers: never both hold; the lease of a dead holder expires and the other takes over; a clean stop hands over', async () => {
    const a = startJobLease(t.orm, 'relay', { service: 'users', ttlMs: 600, holder: 'A', log: () => undefined });
    const b = startJobLease(t.orm, 'relay', { service: 'users', ttlMs: 600, holder: 'B', log: () => undefined });
    try {
      expect(await a.ensure()).toBe(true);
      expect(await b.ensure()).toBe(false);
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 100));
        expect(a.held() && b.held()).toBe(false);
      }
      expect(a.held()).toBe(true);
      await a.stop(); // clean stop: released at once
      await until(() => b.held(), 2_000);
    } finally {
      await a.stop();
      await b.stop();
    }
    // A holder that took the lease and died (SIGKILL: no release, no renewal).
    expect(await acquireLease(t.orm, 'swept', 'dead', 1_000)).toBe(true);
    const c = startJobLease(t.orm, 'swept', { service: 'users', ttlMs: 600, holder: 'C', log: () => undefined });
    try {
      expect(await c.ensure()).toBe(false);
      await until(() => c.held(), 3_000);
    } finally {
      await c.stop();
    }
  });

  it('two outbox relays on one database: only the lease holder ships on its own', async () => {
    const shippedBy: string[] = [];
    const relays: OutboxRelay[] = [];
    const keepers = ['A', 'B'].map((holder) =>
      startJobLease(t.orm, 'outbox:users', { service: 'users', ttlMs: 3_000, holder, log: () => undefined }),
    );
    for (const [i, holder] of ['A', 'B'].entries()) {
      relays.push(
        startOutboxRelay({
          orm: t.orm,
          source: 'users',
          intervalMs: 20,
          idlePollMs: 50,
          log: () => undefined,
          lease: keepers[i],
          ship: async (_s, events: AuditEvent[]) => void shippedBy.push(...events.map(() => holder)),
        }),
      );
    }
    try {
      const municipalityId = randomUUID();
      for (let i = 0; i < 20; i++) {
        await inTransaction(scopeToTenant(t.orm.em.fork(), municipalityId), (tx) =>
          recordAudit(tx, null, {
            municipalityId,
            eventType: 'Zalozeni',
            objectType: 'Osoba',
            objectId: randomUUID(),
            description: `#${i}`,
          }),
        );
      }
      await until(() => shippedBy.length >= 20);
      await new Promise((r) => setTimeout(r, 300));
      expect(shippedBy).toHaveLength(20);
      expect(new Set(shippedBy).size).toBe(1);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
  });
});
