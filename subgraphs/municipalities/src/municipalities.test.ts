import {
  AuditEvent,
  DEMO_ARCHIVE,
  DEMO_MUNICIPALITIES,
  fakePeers,
  icoFrom,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import { municipalities } from './index';
import type { MunicipalitiesContext } from './context';
import { Municipality } from './modules/municipalities/municipality.entity';
import { upgradeData } from './upgrade';

const [blansko, adamov] = DEMO_MUNICIPALITIES;
const platformAdmin = testCaller(null, ['PLATFORM_ADMIN'], 'platform.admin');
const blanskoClerk = testCaller(blansko.id, ['INTAKE_CLERK'], 'mbk.clerk');
const blanskoAdmin = testCaller(blansko.id, ['TENANT_ADMIN'], 'mbk.admin');
const blanskoAuditor = testCaller(blansko.id, ['AUDITOR'], 'mbk.auditor');
const peers = fakePeers({ Archive: { [DEMO_ARCHIVE.id]: { id: DEMO_ARCHIVE.id } } });

const CREATE = `mutation($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id name ico abbreviation competentArchive { id } } }`;
const seat = { street: 'Svinošice', houseNumber: '12', municipality: 'Svinošice', postCode: '679 21' };
const valid = {
  name: 'Svinošice',
  ico: icoFrom('9912345'),
  abbreviation: 'OUSVI',
  dataBoxId: 'abcd234',
  type: 'BASIC',
  population: 300,
  seatAddress: seat,
};

describe.each(testDatabaseKinds())('municipalities subgraph on %s', (kind) => {
  let t: TestSubgraph<MunicipalitiesContext>;
  beforeAll(async () => {
    t = await startTestSubgraph(municipalities, kind, { seedDemo: true, peers });
  });
  afterAll(() => t.dispose());

  const counts = async () => ({
    municipalities: await t.orm.em.fork().count(Municipality, {}),
    events: await t.orm.em.fork().count(AuditEvent, {}, { filters: false }),
  });

  it('seeds Blansko and the 32 municipalities of its district, with valid IČO and the competent archive', async () => {
    const res = await t.run(blanskoClerk, '{ municipalities { name ico abbreviation type competentArchive { id } } }');
    expect(res.errors).toBeUndefined();
    const list = res.data!.municipalities;
    expect(list).toHaveLength(33);
    expect(list.find((m: any) => m.abbreviation === 'MBK')).toMatchObject({ name: 'Blansko', type: 'EXTENDED' });
    expect(list.every((m: any) => m.competentArchive.id === DEMO_ARCHIVE.id)).toBe(true);
    // Czech order: Č after C, Ch after H (Černá Hora after Bukovinka, before Dlouhá Lhota)
    const names = list.map((m: any) => m.name);
    expect(names.indexOf('Černá Hora')).toBeGreaterThan(names.indexOf('Bukovinka'));
    expect(names.indexOf('Černá Hora')).toBeLessThan(names.indexOf('Dlouhá Lhota'));
  });

  it('refuses anonymous reads', async () => {
    const res = await t.run(null, '{ municipalities { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows org units to the own municipality and the platform admin only', async () => {
    const q = `query($id: ID!) { municipality(id: $id) { orgUnits { name } } }`;
    const own = await t.run(blanskoClerk, q, { id: blansko.id });
    expect(own.data!.municipality.orgUnits).toHaveLength(3);
    const admin = await t.run(platformAdmin, q, { id: adamov.id });
    expect(admin.data!.municipality.orgUnits.length).toBeGreaterThan(0);
    const foreign = await t.run(blanskoClerk, q, { id: adamov.id });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves municipality and org unit references in batches, org units only within the tenant', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { name } ... on OrgUnit { name } } }`;
    const res = await t.run(blanskoClerk, q, {
      r: [
        { __typename: 'Municipality', id: adamov.id },
        { __typename: 'OrgUnit', id: blansko.orgUnits[0].id },
        { __typename: 'OrgUnit', id: adamov.orgUnits[0].id },
      ],
    });
    expect(res.data!._entities).toEqual([{ name: 'Adamov' }, { name: blansko.orgUnits[0].name }, null]);
  });

  it('lets only the platform admin create a municipality, validated, with an audit event', async () => {
    const before = await counts();
    const notAdmin = await t.run(blanskoAdmin, CREATE, { input: valid });
    expect(notAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const [field, value] of [
      ['ico', '99123450'],
      ['dataBoxId', 'ABC'],
      ['abbreviation', 'ou-x'],
      ['name', ' '],
      ['population', -1],
    ] as const) {
      const res = await t.run(platformAdmin, CREATE, { input: { ...valid, [field]: value } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const dup = await t.run(platformAdmin, CREATE, { input: { ...valid, ico: blansko.ico } });
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const noArchive = await t.run(platformAdmin, CREATE, { input: { ...valid, competentArchiveId: blansko.id } });
    expect(noArchive.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'competentArchiveId' });
    expect(await counts()).toEqual(before);

    const ok = await t.run(platformAdmin, CREATE, { input: { ...valid, competentArchiveId: DEMO_ARCHIVE.id } });
    expect(ok.errors).toBeUndefined();
    const created = ok.data!.createMunicipality;
    const seatRead = await t.run(
      blanskoClerk,
      `query($id: ID!) { municipality(id: $id) { seatAddress { street houseNumber orientationNumber municipality municipalityPart postCode } seatAddressText } }`,
      { id: created.id },
    );
    expect(seatRead.data!.municipality).toEqual({
      seatAddress: {
        street: 'Svinošice',
        houseNumber: '12',
        orientationNumber: null,
        municipality: 'Svinošice',
        municipalityPart: null,
        postCode: '67921',
      },
      seatAddressText: 'Svinošice 12, 679 21 Svinošice',
    });
    expect(created).toMatchObject({ name: 'Svinošice', competentArchive: { id: DEMO_ARCHIVE.id } });
    const events = await scopeToTenant(t.orm.em.fork(), created.id).find(AuditEvent, { objectId: created.id });
    expect(events.map((e) => [e.eventType, e.actorLogin, e.sequence])).toEqual([['Zalozeni', 'platform.admin', 1]]);
  });

  it('updates a municipality and records old and new values', async () => {
    const res = await t.run(
      platformAdmin,
      `mutation($id: ID!) { updateMunicipality(id: $id, input: { population: 4700 }) { population } }`,
      { id: adamov.id },
    );
    expect(res.data!.updateMunicipality.population).toBe(4700);
    const trail = await t.run(
      blanskoAuditor,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail { municipalitiesEvents { eventType changes { name old new } source } } } }`,
      {
        r: [{ __typename: 'AuditTrail', objectId: adamov.id }],
      },
    );
    // Adamov's trail is not Blansko's to read: the tenant filter hides it.
    expect(trail.data!._entities[0].municipalitiesEvents).toEqual([]);
    const adamovAuditor = testCaller(adamov.id, ['AUDITOR']);
    const own = await t.run(
      adamovAuditor,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail { municipalitiesEvents { eventType changes { name old new } source } } } }`,
      {
        r: [{ __typename: 'AuditTrail', objectId: adamov.id }],
      },
    );
    const events = own.data!._entities[0].municipalitiesEvents;
    expect(events.at(-1)).toEqual({
      eventType: 'Uprava',
      changes: [{ name: 'population', old: '4605', new: '4700' }],
      source: 'municipalities',
    });
  });

  it('shows every demo seat, in the one-line postal form filing puts into the SIP', async () => {
    const res = await t.run(
      blanskoClerk,
      '{ municipalities { abbreviation ico name seatAddressText seatAddress { postCode } } }',
    );
    expect(res.errors).toBeUndefined();
    const list = res.data!.municipalities;
    expect(list.find((m: any) => m.abbreviation === 'MBK').seatAddressText).toBe(
      'nám. Republiky 1316/1, 678 01 Blansko',
    );
    expect(list.find((m: any) => m.abbreviation === 'OUJED').seatAddressText).toBe('Na Kopečku 110, 679 06 Jedovnice');
    expect(list.every((m: any) => /^\d{5}$/.test(m.seatAddress.postCode) && m.seatAddressText.endsWith(m.name))).toBe(
      true,
    );
  });

  // Table: each wrong part of the seat is refused naming it, on create and on update, and nothing is written.
  it.each([
    ['seatAddress.postCode', { postCode: '6780' }],
    ['seatAddress.postCode', { postCode: '078 01' }],
    ['seatAddress.street', { street: '  ' }],
    ['seatAddress.street', { street: 'x'.repeat(101) }],
    ['seatAddress.houseNumber', { houseNumber: '0' }],
    ['seatAddress.houseNumber', { houseNumber: '12/3' }],
    ['seatAddress.orientationNumber', { orientationNumber: '3 B' }],
    ['seatAddress.municipality', { municipality: '' }],
    ['seatAddress.municipalityPart', { municipalityPart: 'y'.repeat(101) }],
  ])('refuses a seat address with a wrong %s', async (field, part) => {
    const before = await counts();
    const create = await t.run(platformAdmin, CREATE, {
      input: {
        ...valid,
        ico: icoFrom('9912346'),
        abbreviation: 'OUSVJ',
        dataBoxId: 'abcd235',
        seatAddress: { ...seat, ...part },
      },
    });
    expect(create.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const update = await t.run(
      platformAdmin,
      `mutation($id: ID!, $s: PostalAddressInput!) { updateMunicipality(id: $id, input: { seatAddress: $s }) { id } }`,
      { id: adamov.id, s: { ...seat, ...part } },
    );
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it('requires the seat of a new municipality (GraphQL validation), and updates it with old and new values audited', async () => {
    const { seatAddress: _, ...withoutSeat } = valid;
    const missing = await t.run(platformAdmin, CREATE, {
      input: { ...withoutSeat, ico: icoFrom('9912347'), abbreviation: 'OUSVK', dataBoxId: 'abcd236' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const lube = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'OULUB')!;
    const res = await t.run(
      platformAdmin,
      `mutation($id: ID!, $s: PostalAddressInput!) { updateMunicipality(id: $id, input: { seatAddress: $s }) { seatAddressText } }`,
      {
        id: lube.id,
        s: {
          street: ' Lubě ',
          houseNumber: '36',
          orientationNumber: '2a',
          municipality: 'Lubě',
          municipalityPart: 'Horní Lubě',
          postCode: '67971',
        },
      },
    );
    expect(res.data!.updateMunicipality.seatAddressText).toBe('Lubě 36/2a, Horní Lubě, 679 71 Lubě');
    const events = await scopeToTenant(t.orm.em.fork(), lube.id).find(AuditEvent, {
      objectId: lube.id,
      eventType: 'Uprava',
    });
    expect(events.at(-1)!.changes).toEqual(
      expect.arrayContaining([
        { name: 'seatHouseNumber', old: '35', new: '36' },
        { name: 'seatOrientationNumber', old: null, new: '2a' },
        { name: 'seatMunicipalityPart', old: null, new: 'Horní Lubě' },
      ]),
    );
  });

  it('fills the seat of a demo municipality stored before seats existed (upgrade), once, with an Uprava by the system', async () => {
    const krtiny = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'OUKRT')!;
    // A pre-upgrade row: the seat columns empty, as the migration leaves them.
    await t.orm.em.fork().nativeUpdate(
      Municipality,
      { id: krtiny.id },
      {
        seatStreet: null,
        seatHouseNumber: null,
        seatOrientationNumber: null,
        seatMunicipality: null,
        seatMunicipalityPart: null,
        seatPostCode: null,
      },
    );
    const empty = await t.run(
      blanskoClerk,
      `query($id: ID!) { municipality(id: $id) { seatAddress { street } seatAddressText } }`,
      { id: krtiny.id },
    );
    expect(empty.data!.municipality).toEqual({ seatAddress: null, seatAddressText: null });
    await upgradeData(t.orm);
    await upgradeData(t.orm);
    const filled = await t.run(blanskoClerk, `query($id: ID!) { municipality(id: $id) { seatAddressText } }`, {
      id: krtiny.id,
    });
    expect(filled.data!.municipality.seatAddressText).toBe('Křtiny 20, 679 05 Křtiny');
    const events = await scopeToTenant(t.orm.em.fork(), krtiny.id).find(AuditEvent, {
      objectId: krtiny.id,
      eventType: 'Uprava',
    });
    expect(events.map((e) => [e.actorLogin, e.changes.find((c) => c.name === 'seatPostCode')?.new])).toEqual([
      ['system', '67905'],
    ]);
  });

  it('lets a tenant admin add org units to its own municipality only', async () => {
    const q = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { name code municipality { id } } }`;
    const own = await t.run(blanskoAdmin, q, {
      input: { municipalityId: blansko.id, name: 'Odbor dopravy', code: 'MBK-DOP' },
    });
    expect(own.data!.createOrgUnit).toEqual({
      name: 'Odbor dopravy',
      code: 'MBK-DOP',
      municipality: { id: blansko.id },
    });
    const again = await t.run(blanskoAdmin, q, {
      input: { municipalityId: blansko.id, name: 'Jiný', code: 'MBK-DOP' },
    });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const foreign = await t.run(blanskoAdmin, q, { input: { municipalityId: adamov.id, name: 'X', code: 'X1' } });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('marks the three backup-only demo municipalities, and creates a backup-only one with the flag audited', async () => {
    const all = await t.run(platformAdmin, '{ municipalities { abbreviation backupOnly } }');
    expect(
      all
        .data!.municipalities.filter((m: { backupOnly: boolean }) => m.backupOnly)
        .map((m: { abbreviation: string }) => m.abbreviation)
        .sort(),
    ).toEqual(['OUDLH', 'OUHOL', 'OUMLH']);
    const res = await t.run(
      platformAdmin,
      `mutation($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id backupOnly } }`,
      {
        input: { ...valid, ico: icoFrom('9912347'), abbreviation: 'OUZAL', dataBoxId: 'abcd236', backupOnly: true },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createMunicipality.backupOnly).toBe(true);
    const [event] = await scopeToTenant(t.orm.em.fork(), res.data!.createMunicipality.id).find(AuditEvent, {
      objectId: res.data!.createMunicipality.id,
    });
    expect(event.changes).toEqual(expect.arrayContaining([{ name: 'backupOnly', old: null, new: 'true' }]));
    // Entity references (what users and filing ask) carry the flag.
    const refs = await t.run(
      platformAdmin,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { abbreviation backupOnly } } }`,
      {
        r: ['OUDLH', 'MBK'].map((a) => ({
          __typename: 'Municipality',
          id: DEMO_MUNICIPALITIES.find((m) => m.abbreviation === a)!.id,
        })),
      },
    );
    expect(refs.data!._entities).toEqual([
      { abbreviation: 'OUDLH', backupOnly: true },
      { abbreviation: 'MBK', backupOnly: false },
    ]);
  });

  it('refuses audit trails to roles that may not read the log', async () => {
    const res = await t.run(
      blanskoClerk,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditTrail { municipalitiesEvents { id } } } }`,
      {
        r: [{ __typename: 'AuditTrail', objectId: blansko.id }],
      },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
