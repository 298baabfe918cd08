import { randomUUID } from 'node:crypto';
import { AuditEvent, DEMO_MUNICIPALITIES, Role, scopeToTenant, type Caller, type Peers } from '@hub/kit';
import { startTestSubgraph, testCaller, testDatabaseKinds, type TestSubgraph } from '@hub/kit/testing';
import type { ArchivesContext } from './context';
import { archives } from './index';
import { DisposalHold } from './modules/disposal-holds/disposal-hold.entity';

const BLANSKO = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'MBK')!.id;
const ADAMOV = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'OUADA')!.id;

const officer = testCaller(BLANSKO, [Role.RECORDS_OFFICER], 'mbk.records');
const manager = testCaller(BLANSKO, [Role.TENANT_ADMIN, Role.RECORDS_MANAGER], 'mbk.admin');
const auditor = testCaller(BLANSKO, [Role.AUDITOR], 'mbk.auditor');
const handler = testCaller(BLANSKO, [Role.CASE_HANDLER, Role.UNIT_HEAD], 'mbk.handler');
const adamovOfficer = testCaller(ADAMOV, [Role.RECORDS_OFFICER], 'ouada.records');
const platformAdmin = testCaller(null, [Role.PLATFORM_ADMIN], 'platform.admin');

/**
 * Stands in for the filing subgraph: a document resolves only for a caller of the municipality that owns it,
 * as filing's tenant filter would decide. `Peers` does not carry the caller, so `actAs` sets it before a request.
 */
function fakeFiling(documentOwners: Record<string, string>) {
  let viewer: string | null = null;
  const asked: string[] = [];
  const peers: Peers = {
    async entities<T>(subgraph: string, typename: string, ids: string[]) {
      asked.push(...ids);
      return ids.map((id) =>
        subgraph === 'filing' && typename === 'Document' && viewer !== null && documentOwners[id] === viewer
          ? ({ id } as T)
          : null,
      );
    },
  };
  return { peers, asked, actAs: (caller: Caller | null) => void (viewer = caller?.municipalityId ?? null) };
}

const HOLD_FIELDS =
  'id document { id } reason placedAt placedBy { id } active releasedAt releasedBy { id } releaseReason';
const PLACE = `mutation($documentId: ID!, $reason: String!) { placeDisposalHold(documentId: $documentId, reason: $reason) { ${HOLD_FIELDS} } }`;
const RELEASE = `mutation($id: ID!, $reason: String!) { releaseDisposalHold(id: $id, reason: $reason) { ${HOLD_FIELDS} } }`;
const DOCUMENT_HOLDS = `query($r: [_Any!]!, $all: Boolean) {
  _entities(representations: $r) { ... on Document { id disposalHolds(includeReleased: $all) { id reason active } } }
}`;

describe.each(testDatabaseKinds())('disposal holds on %s', (kind) => {
  const blanskoDocs = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const adamovDoc = randomUUID();
  const filing = fakeFiling({ ...Object.fromEntries(blanskoDocs.map((d) => [d, BLANSKO])), [adamovDoc]: ADAMOV });
  let t: TestSubgraph<ArchivesContext>;

  const run = (caller: Caller | null, query: string, variables?: Record<string, unknown>) => {
    filing.actAs(caller);
    return t.run(caller, query, variables);
  };
  const place = async (caller: Caller, documentId: string, reason: string) => {
    const res = await run(caller, PLACE, { documentId, reason });
    expect(res.errors).toBeUndefined();
    return res.data!.placeDisposalHold;
  };
  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
  /** Rows of every municipality, bypassing the tenant filter: "nothing written" must hold for all of them. */
  const written = async () => {
    const em = t.orm.em.fork();
    return {
      holds: await em.count(DisposalHold, {}, { filters: false }),
      events: await em.count(AuditEvent, {}, { filters: false }),
    };
  };
  const eventsOf = (municipalityId: string, objectId: string) =>
    scopeToTenant(t.orm.em.fork(), municipalityId).find(AuditEvent, { objectId }, { orderBy: { sequence: 'asc' } });

  beforeAll(async () => {
    t = await startTestSubgraph(archives, kind, { seedDemo: true, peers: filing.peers });
  });
  afterAll(() => t?.dispose());

  it('lists SOkA Blansko to any signed-in user, and nobody else', async () => {
    for (const caller of [handler, platformAdmin]) {
      const res = await run(caller, '{ archives { id name abbreviation ico dataBoxId address email } }');
      expect(res.errors).toBeUndefined();
      expect(res.data!.archives).toEqual([
        expect.objectContaining({
          abbreviation: 'SOkA Blansko',
          ico: '70979146',
          dataBoxId: 'p8caixb',
          address: 'Komenského 9, 678 01 Blansko',
        }),
      ]);
    }
    expect(codeOf(await run(null, '{ archives { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('resolves an archive reference for the municipalities subgraph', async () => {
    const { data } = await run(handler, '{ archives { id } }');
    const id = data!.archives[0].id;
    const res = await run(
      handler,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Archive { id name } } }',
      {
        r: [
          { __typename: 'Archive', id },
          { __typename: 'Archive', id: randomUUID() },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id, name: 'Moravský zemský archiv v Brně, Státní okresní archiv Blansko' },
      null,
    ]);
  });

  it('places a hold on an own document and writes the audit event on the document', async () => {
    const documentId = blanskoDocs[0];
    const before = Date.now();
    const hold = await place(officer, documentId, '  Soudní spor sp. zn. 12 C 34/2026  ');
    expect(hold).toEqual({
      id: expect.any(String),
      document: { id: documentId },
      reason: 'Soudní spor sp. zn. 12 C 34/2026',
      placedAt: expect.any(String),
      placedBy: { id: officer.userId },
      active: true,
      releasedAt: null,
      releasedBy: null,
      releaseReason: null,
    });
    expect(new Date(hold.placedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const events = await eventsOf(BLANSKO, documentId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'PozastaveniSkartacniOperace',
      objectType: 'Dokument',
      objectId: documentId,
      actorId: officer.userId,
      actorLogin: 'mbk.records',
      description: 'Soudní spor sp. zn. 12 C 34/2026',
      changes: [
        { name: 'disposalHoldId', old: null, new: hold.id },
        { name: 'reason', old: null, new: 'Soudní spor sp. zn. 12 C 34/2026' },
      ],
    });

    // The document's audit trail (composed by the gateway from every subgraph) includes the event.
    const trail = await run(
      auditor,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail { archivesEvents { eventType objectType source actor { id } } } } }',
      {
        r: [{ __typename: 'AuditTrail', objectId: documentId }],
      },
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!._entities[0].archivesEvents).toEqual([
      {
        eventType: 'PozastaveniSkartacniOperace',
        objectType: 'Dokument',
        source: 'archives',
        actor: { id: officer.userId },
      },
    ]);
  });

  it('releases a hold once, with an audit event; a second release is a CONFLICT', async () => {
    const documentId = blanskoDocs[1];
    const hold = await place(officer, documentId, 'Kontrola NKÚ');

    const res = await run(manager, RELEASE, { id: hold.id, reason: ' Kontrola ukončena ' });
    expect(res.errors).toBeUndefined();
    const released = res.data!.releaseDisposalHold;
    expect(released).toMatchObject({
      id: hold.id,
      reason: 'Kontrola NKÚ',
      active: false,
      releasedBy: { id: manager.userId },
      releaseReason: 'Kontrola ukončena',
    });
    expect(new Date(released.releasedAt).getTime()).toBeGreaterThanOrEqual(new Date(hold.placedAt).getTime());

    const events = await eventsOf(BLANSKO, documentId);
    expect(events.map((e) => e.eventType)).toEqual([
      'PozastaveniSkartacniOperace',
      'ZruseniPozastaveniSkartacniOperace',
    ]);
    expect(events[1]).toMatchObject({
      objectType: 'Dokument',
      objectId: documentId,
      actorId: manager.userId,
      description: 'Kontrola ukončena',
      changes: [
        { name: 'disposalHoldId', old: hold.id, new: null },
        { name: 'releaseReason', old: null, new: 'Kontrola ukončena' },
      ],
    });

    const counts = await written();
    const again = await run(officer, RELEASE, { id: hold.id, reason: 'Znovu' });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await written()).toEqual(counts);
    const stored = await scopeToTenant(t.orm.em.fork(), BLANSKO).findOneOrFail(DisposalHold, { id: hold.id });
    expect(stored.releaseReason).toBe('Kontrola ukončena');
  });

  it('lets only one of two concurrent releases through', async () => {
    const documentId = blanskoDocs[1];
    const hold = await place(officer, documentId, 'Souběžné uvolnění');
    const counts = await written();
    const results = await Promise.all([
      run(officer, RELEASE, { id: hold.id, reason: 'První' }),
      run(manager, RELEASE, { id: hold.id, reason: 'Druhé' }),
    ]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    expect(await written()).toEqual({ holds: counts.holds, events: counts.events + 1 });
  });

  it("refuses another municipality's document and an unknown one as NOT_FOUND, writing nothing", async () => {
    const counts = await written();
    for (const documentId of [adamovDoc, randomUUID()]) {
      const res = await run(officer, PLACE, { documentId, reason: 'Spor' });
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.errors![0].extensions).toMatchObject({ id: documentId });
    }
    expect(await written()).toEqual(counts);
    expect(filing.asked).toContain(adamovDoc);
  });

  it('lets only records officers and managers place and release holds', async () => {
    const hold = await place(officer, blanskoDocs[2], 'Trestní řízení');
    const counts = await written();
    for (const caller of [handler, auditor, platformAdmin]) {
      expect(codeOf(await run(caller, PLACE, { documentId: blanskoDocs[2], reason: 'Spor' }))).toBe('FORBIDDEN');
      expect(codeOf(await run(caller, RELEASE, { id: hold.id, reason: 'Konec' }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await run(null, PLACE, { documentId: blanskoDocs[2], reason: 'Spor' }))).toBe('UNAUTHENTICATED');
    expect(await written()).toEqual(counts);
  });

  it('rejects an empty, a blank and an oversized reason as BAD_USER_INPUT, writing nothing', async () => {
    const hold = await place(officer, blanskoDocs[2], 'Spor o náhradu škody');
    const counts = await written();
    const asked = filing.asked.length;
    for (const reason of ['', '   \n\t ', 'x'.repeat(10 * 1024 * 1024), 'ř'.repeat(2001)]) {
      const placed = await run(officer, PLACE, { documentId: blanskoDocs[2], reason });
      expect(codeOf(placed)).toBe('BAD_USER_INPUT');
      expect(placed.errors![0].extensions).toMatchObject({ field: 'reason' });
      expect(codeOf(await run(officer, RELEASE, { id: hold.id, reason }))).toBe('BAD_USER_INPUT');
    }
    expect(await written()).toEqual(counts);
    // Input is checked before filing is asked.
    expect(filing.asked).toHaveLength(asked);
    // The limit counts characters, not UTF-16 units or bytes.
    expect((await place(officer, blanskoDocs[2], '🗄'.repeat(2000))).reason).toBe('🗄'.repeat(2000));
  });

  it("treats another municipality's hold as NOT_FOUND on release", async () => {
    const adamovHold = await place(adamovOfficer, adamovDoc, 'Spor obce Adamov');
    const counts = await written();
    for (const id of [adamovHold.id, randomUUID()]) {
      const res = await run(officer, RELEASE, { id, reason: 'Konec' });
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
    expect(await written()).toEqual(counts);
    const stored = await scopeToTenant(t.orm.em.fork(), ADAMOV).findOneOrFail(DisposalHold, { id: adamovHold.id });
    expect(stored.releasedAt).toBeNull();
  });

  it('adds the holds to documents through _entities, one query for several documents', async () => {
    const [docA, docB, docC] = [blanskoDocs[3], randomUUID(), randomUUID()];
    const releasedHold = await place(officer, docA, 'Starý spor');
    await run(officer, RELEASE, { id: releasedHold.id, reason: 'Spor skončil' });
    const activeHold = await place(officer, docA, 'Nový spor');
    const adamovHold = await place(adamovOfficer, adamovDoc, 'Spor obce Adamov 2');

    const representations = [docA, docB, adamovDoc, docC].map((id) => ({ __typename: 'Document', id }));
    const connection = t.orm.em.getDriver().getConnection();
    const execute = jest.spyOn(connection, 'execute');
    try {
      const active = await run(officer, DOCUMENT_HOLDS, { r: representations });
      expect(active.errors).toBeUndefined();
      expect(active.data!._entities).toEqual([
        { id: docA, disposalHolds: [{ id: activeHold.id, reason: 'Nový spor', active: true }] },
        { id: docB, disposalHolds: [] },
        // Another municipality's document simply shows no holds.
        { id: adamovDoc, disposalHolds: [] },
        { id: docC, disposalHolds: [] },
      ]);
      const holdQueries = execute.mock.calls.filter(([sql]) => String(sql).includes('disposal_hold'));
      expect(holdQueries).toHaveLength(1);
    } finally {
      execute.mockRestore();
    }

    const all = await run(officer, DOCUMENT_HOLDS, { r: representations, all: true });
    expect(all.errors).toBeUndefined();
    // Newest first.
    expect(all.data!._entities[0].disposalHolds.map((h: { id: string }) => h.id)).toEqual([
      activeHold.id,
      releasedHold.id,
    ]);
    expect(all.data!._entities[2].disposalHolds).toEqual([]);

    const adamovView = await run(adamovOfficer, DOCUMENT_HOLDS, { r: [{ __typename: 'Document', id: adamovDoc }] });
    expect(adamovView.data!._entities[0].disposalHolds.map((h: { id: string }) => h.id)).toContain(adamovHold.id);

    expect(codeOf(await run(platformAdmin, DOCUMENT_HOLDS, { r: representations }))).toBe('FORBIDDEN');
  });

  it("lists the caller's municipality's holds, newest first, and resolves hold references", async () => {
    const res = await run(
      handler,
      '{ active: disposalHolds { id active placedAt } all: disposalHolds(includeReleased: true) { id active placedAt } }',
    );
    expect(res.errors).toBeUndefined();
    const { active, all } = res.data!;
    const stored = await scopeToTenant(t.orm.em.fork(), BLANSKO).find(DisposalHold, {});
    expect(all).toHaveLength(stored.length);
    expect(active.map((h: { id: string }) => h.id).sort()).toEqual(
      stored
        .filter((h) => !h.releasedAt)
        .map((h) => h.id)
        .sort(),
    );
    expect(active.length).toBeLessThan(all.length);
    const times = all.map((h: { placedAt: string }) => new Date(h.placedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const adamov = await adamovIds();
    expect(adamov.length).toBeGreaterThan(0);
    expect(all.filter((h: { id: string }) => adamov.includes(h.id))).toEqual([]);

    expect(codeOf(await run(platformAdmin, '{ disposalHolds { id } }'))).toBe('FORBIDDEN');

    const adamovHoldId = adamov[0];
    const refs = await run(
      officer,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on DisposalHold { id document { id } } } }',
      {
        r: [
          { __typename: 'DisposalHold', id: all[0].id },
          { __typename: 'DisposalHold', id: adamovHoldId },
        ],
      },
    );
    expect(refs.errors).toBeUndefined();
    expect(refs.data!._entities).toEqual([{ id: all[0].id, document: { id: expect.any(String) } }, null]);
  });

  async function adamovIds() {
    const { data } = await run(adamovOfficer, '{ disposalHolds { id } }');
    return data!.disposalHolds.map((h: { id: string }) => h.id) as string[];
  }
});
