import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  demoId,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { FilingContext } from './context';
import { filing } from './index';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const clerk = testCaller(BLANSKO.id, ['INTAKE_CLERK'], 'mbk.clerk');
const auditor = testCaller(BLANSKO.id, ['AUDITOR']);

const EVENT_FIELDS =
  'id sequence occurredAt actor { id } actorLogin eventType objectType objectId description changes { name old new } source';
const TRAIL_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail { objectId events { ${EVENT_FIELDS} } } } }`;

/** An event as another subgraph returns it through the gateway: JSON, ISO time, actor as a reference. */
function peerEvent(
  source: string,
  objectId: string,
  occurredAt: Date,
  sequence: number,
  actorId: string | null = null,
) {
  return {
    id: randomUUID(),
    sequence,
    occurredAt: occurredAt.toISOString(),
    actor: actorId ? { __typename: 'User', id: actorId } : null,
    actorLogin: actorId ? 'someone' : 'system',
    eventType: 'PozastaveniSkartacniOperace',
    objectType: 'Dokument',
    objectId,
    description: `${source} event ${sequence}`,
    changes: [{ name: 'reason', old: null, new: 'audit' }],
    source,
  };
}

describe.each(testDatabaseKinds())('audit trail on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;
  let documentId: string;
  let registered: AuditEvent;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
    const res = await t.run(
      clerk,
      `mutation { registerDocument(input: { subject: "Stížnost", origin: OWN }) { auditEventId document { id } } }`,
    );
    documentId = res.data!.registerDocument.document.id;
    registered = await scopeToTenant(t.orm.em.fork(), BLANSKO.id).findOneOrFail(AuditEvent, {
      id: res.data!.registerDocument.auditEventId,
    });
  });
  afterAll(() => t.dispose());

  it("merges the other subgraphs' events with filing's own, oldest first", async () => {
    const at = registered.occurredAt.getTime();
    const before = peerEvent('archives', documentId, new Date(at - 60_000), 7, randomUUID());
    const sameInstant = peerEvent('users', documentId, new Date(at), registered.sequence + 1);
    const after = peerEvent('archives', documentId, new Date(at + 1), 8);
    const muchLater = peerEvent('municipalities', documentId, new Date(at + 3600_000), 1);
    const res = await t.run(auditor, TRAIL_ENTITIES, {
      r: [
        {
          __typename: 'AuditTrail',
          objectId: documentId,
          municipalitiesEvents: [muchLater],
          usersEvents: [sameInstant],
          archivesEvents: [after, before],
        },
      ],
    });
    expect(res.errors).toBeUndefined();
    const trail = res.data!._entities[0];
    expect(trail.objectId).toBe(documentId);
    expect(trail.events.map((e: { id: string }) => e.id)).toEqual([
      before.id,
      registered.id,
      sameInstant.id,
      after.id,
      muchLater.id,
    ]);

    const [peer, own] = trail.events;
    expect(peer).toEqual({ ...before, actor: { id: before.actor!.id } });
    expect(own).toEqual({
      id: registered.id,
      sequence: registered.sequence,
      occurredAt: registered.occurredAt.toISOString(),
      actor: { id: clerk.userId },
      actorLogin: 'mbk.clerk',
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: documentId,
      description: registered.description,
      changes: registered.changes,
      source: 'filing',
    });
    expect(trail.events[3].actor).toBeNull();
  });

  it("answers Query.auditTrail with filing's events when no other subgraph has any", async () => {
    const res = await t.run(
      auditor,
      `query($id: ID!) { auditTrail(objectId: $id) { objectId events { id source eventType } } }`,
      { id: documentId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditTrail).toEqual({
      objectId: documentId,
      events: [{ id: registered.id, source: 'filing', eventType: 'Zalozeni' }],
    });

    const seeded = demoId('register', 'MBK:main');
    const registerTrail = await t.run(
      testCaller(BLANSKO.id, ['RECORDS_MANAGER']),
      `{ auditTrail(objectId: "${seeded}") { events { objectType actor { id } actorLogin source } } }`,
    );
    expect(registerTrail.data!.auditTrail.events).toEqual([
      { objectType: 'Denik', actor: null, actorLogin: 'system', source: 'filing' },
    ]);
  });

  it("shows another municipality's auditor none of filing's events about the object", async () => {
    const res = await t.run(testCaller(ADAMOV.id, ['AUDITOR']), TRAIL_ENTITIES, {
      r: [
        {
          __typename: 'AuditTrail',
          objectId: documentId,
          municipalitiesEvents: [],
          usersEvents: [],
          archivesEvents: [],
        },
      ],
    });
    expect(res.data!._entities[0].events).toEqual([]);
  });

  it('refuses the trail to roles that do not read the log', async () => {
    const handler = testCaller(BLANSKO.id, ['CASE_HANDLER', 'INTAKE_CLERK']);
    const query = await t.run(handler, `query($id: ID!) { auditTrail(objectId: $id) { objectId } }`, {
      id: documentId,
    });
    expect(query.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const entities = await t.run(handler, TRAIL_ENTITIES, {
      r: [
        {
          __typename: 'AuditTrail',
          objectId: documentId,
          municipalitiesEvents: [],
          usersEvents: [],
          archivesEvents: [],
        },
      ],
    });
    expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const admin = await t.run(
      testCaller(null, ['PLATFORM_ADMIN']),
      `query($id: ID!) { auditTrail(objectId: $id) { objectId } }`,
      { id: documentId },
    );
    expect(admin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
