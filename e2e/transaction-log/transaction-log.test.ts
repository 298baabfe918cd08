// One transaction log per municipality across the four subgraphs (issue 5, items 1 and 3): each subgraph's audit
// events reach filing's log through its outbox relay, each exactly once, numbered 1..n per municipality in write
// order and hash-chained; a subgraph that stopped before shipping loses nothing once it runs again.
import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  SUBGRAPH_NAMES,
  signCallerAssertion,
  signServiceAssertion,
  testCaller,
  testDatabaseKinds,
  type SubgraphName,
} from '@hub/kit';
import { LogEntry } from '../../subgraphs/filing/src/modules/audit-log/log-entry.entity';
import { REGISTER, postJson, received, startHub, type Hub } from '../harness';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const VERIFY = '{ verifyAuditLog { ok entriesChecked firstBadPoradi problem } }';

/** Every audit event of the municipality in every subgraph's outbox, as `source:id`, in each source's order. */
async function outboxEvents(hub: Hub, municipalityId: string): Promise<Record<SubgraphName, string[]>> {
  const out = {} as Record<SubgraphName, string[]>;
  for (const n of SUBGRAPH_NAMES) {
    const events = await hub.subgraphs[n].orm.em
      .fork()
      .find(AuditEvent, { municipalityId }, { filters: false, orderBy: { sequence: 'asc' } });
    out[n] = events.map((e) => e.id);
  }
  return out;
}

const logOf = (hub: Hub, municipalityId: string) =>
  hub.subgraphs.filing.orm.em.fork().find(LogEntry, { municipalityId }, { filters: false, orderBy: { poradi: 'asc' } });

/** The log holds each outbox event exactly once, numbered 1..n, each source's events in that source's order. */
async function expectOneLog(hub: Hub, municipalityId: string) {
  const outbox = await outboxEvents(hub, municipalityId);
  const log = await logOf(hub, municipalityId);
  expect(log.map((e) => e.poradi)).toEqual(log.map((_, i) => i + 1));
  const keys = log.map((e) => `${e.source}:${e.sourceEventId}`);
  expect(new Set(keys).size).toBe(keys.length);
  const expected = SUBGRAPH_NAMES.flatMap((n) => outbox[n].map((id) => `${n}:${id}`));
  expect([...keys].sort()).toEqual([...expected].sort());
  for (const n of SUBGRAPH_NAMES) {
    expect(log.filter((e) => e.source === n).map((e) => e.sourceEventId)).toEqual(outbox[n]);
  }
  return { log, outbox };
}

describe.each(testDatabaseKinds())('one transaction log per municipality on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.stop());

  /** A change in each subgraph, by the municipality's own staff. */
  async function workIn(abbr: string, municipalityId: string, tag: string) {
    const admin = await hub.login(`${abbr}.admin`);
    const clerk = await hub.login(`${abbr}.clerk`);
    const records = await hub.login(`${abbr}.records`);
    const unit = await hub.gql(admin, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', {
      input: { municipalityId, name: `Odbor ${tag}`, code: `${abbr.toUpperCase()}-${tag}` },
    });
    expect(unit.errors).toBeUndefined();
    const user = await hub.gql(admin, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: {
        login: `${abbr}.${tag.toLowerCase()}`,
        name: `Referent ${tag}`,
        password: 'a-long-password-2026',
        roles: ['CASE_HANDLER'],
      },
    });
    expect(user.errors).toBeUndefined();
    const doc = await hub.gql(clerk, REGISTER, { input: received(`Žádost ${tag}`) });
    expect(doc.errors).toBeUndefined();
    const hold = await hub.gql(
      records,
      'mutation($id: ID!) { placeDisposalHold(documentId: $id, reason: "Soudní spor") { id } }',
      {
        id: doc.data.registerDocument.document.id,
      },
    );
    expect(hold.errors).toBeUndefined();
  }

  it('puts the events of all four subgraphs into one log per municipality, each once, poradi 1..n', async () => {
    await workIn('mbk', BLANSKO.id, 'A1');
    await workIn('ouada', ADAMOV.id, 'B1');
    await workIn('mbk', BLANSKO.id, 'A2');
    await hub.flushRelays();
    for (const m of [BLANSKO, ADAMOV]) {
      const { log, outbox } = await expectOneLog(hub, m.id);
      // The work above shows up from every subgraph.
      for (const n of SUBGRAPH_NAMES) expect(outbox[n].length).toBeGreaterThan(0);
      expect(log[0].prevHash).toBe('0'.repeat(64));
      const verified = await hub.gql(await hub.login(`${m.abbreviation.toLowerCase()}.admin`), VERIFY);
      expect(verified.data.verifyAuditLog).toEqual({
        ok: true,
        entriesChecked: log.length,
        firstBadPoradi: null,
        problem: null,
      });
    }
  });

  it('ships in the background without being asked', async () => {
    const before = (await logOf(hub, BLANSKO.id)).length;
    await workIn('mbk', BLANSKO.id, 'A3'); // four events, one per subgraph
    const deadline = Date.now() + 15_000;
    while ((await logOf(hub, BLANSKO.id)).length < before + 4) {
      if (Date.now() > deadline) throw new Error('the relays did not ship within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await hub.flushRelays();
    await expectOneLog(hub, BLANSKO.id);
  });

  it('takes events only from services: no assertion, a user’s assertion or a forged one get 401', async () => {
    const url = hub.subgraphs.filing.url.replace(/\/graphql$/, '/internal/audit-log');
    const body = { events: [] };
    expect((await postJson(url, body)).status).toBe(401);
    const target = { subgraph: 'filing', route: '/internal/audit-log' };
    const auditor = testCaller(BLANSKO.id, ['AUDITOR']);
    expect(
      (
        await postJson(url, body, {
          'x-hub-caller': await signCallerAssertion(auditor, hub.keys.gatewayPrivateKey, target),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await postJson(url, body, {
          'x-hub-service': await signServiceAssertion('users', 'not-the-secret-'.repeat(3), target),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await postJson(url, body, {
          'x-hub-service': await signServiceAssertion('mallory', hub.keys.serviceSecret, target),
        })
      ).status,
    ).toBe(401);
    const ok = await postJson(url, body, {
      'x-hub-service': await signServiceAssertion('users', hub.keys.serviceSecret, target),
    });
    expect(ok).toMatchObject({ status: 200, ok: true, ingested: 0 });
    const bad = await postJson(
      url,
      { events: [{ id: 'x' }] },
      { 'x-hub-service': await signServiceAssertion('users', hub.keys.serviceSecret, target) },
    );
    expect(bad.status).toBe(400);
  });
});

describe.each(testDatabaseKinds())('a subgraph that stopped before shipping, on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    // users and archives do their work but never ship: as if they died right after their changes committed.
    hub = await startHub(kind, { relays: { users: false, archives: false }, sqliteFiles: true });
  });
  afterAll(() => hub?.stop());

  it('loses nothing: its events reach the log once it runs again, and a re-send adds nothing', async () => {
    const admin = await hub.login('mbk.admin');
    const clerk = await hub.login('mbk.clerk');
    const records = await hub.login('mbk.records');
    const user = await hub.gql(admin, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { login: 'mbk.crash', name: 'Referent', password: 'a-long-password-2026', roles: ['CASE_HANDLER'] },
    });
    expect(user.errors).toBeUndefined();
    const doc = await hub.gql(clerk, REGISTER, { input: received('Žádost před pádem') });
    const hold = await hub.gql(
      records,
      'mutation($id: ID!) { placeDisposalHold(documentId: $id, reason: "Spor") { id } }',
      { id: doc.data.registerDocument.document.id },
    );
    expect(hold.errors).toBeUndefined();
    await hub.flushRelays();

    const shipped = new Set((await logOf(hub, BLANSKO.id)).map((e) => e.source));
    expect(shipped.has('filing')).toBe(true);
    expect(shipped.has('users')).toBe(false);
    expect(shipped.has('archives')).toBe(false);
    const userEvents = (await outboxEvents(hub, BLANSKO.id)).users;
    expect(userEvents.length).toBeGreaterThan(0);

    // Stopped, and started again with the relay.
    await hub.restart('users', { relay: true });
    await hub.restart('archives', { relay: true });
    await hub.flushRelays();
    const { log } = await expectOneLog(hub, BLANSKO.id);

    // The process died after delivering but before it moved its cursor: everything is sent again, nothing doubles.
    await hub.subgraphs.archives.orm.em.getConnection().execute('delete from outbox_cursor');
    await hub.restart('archives', { relay: true });
    await hub.flushRelays();
    expect((await expectOneLog(hub, BLANSKO.id)).log.length).toBe(log.length);
    const verified = await hub.gql(admin, VERIFY);
    expect(verified.data.verifyAuditLog).toMatchObject({ ok: true, entriesChecked: log.length });
  });
});
