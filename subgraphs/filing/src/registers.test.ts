import {
  AuditEvent,
  DEMO_MUNICIPALITIES,
  DEMO_RECORDS_MUNICIPALITIES,
  demoId,
  fakePeers,
  scopeToTenant,
  startTestSubgraph,
  testCaller,
  testDatabaseKinds,
  type TestSubgraph,
} from '@hub/kit';
import type { FilingContext } from './context';
import { filing } from './index';
import { Register } from './modules/registers/register.entity';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const manager = testCaller(BLANSKO.id, ['RECORDS_MANAGER'], 'mbk.manager');

const CREATE = `mutation($input: CreateRegisterInput!) {
  createRegister(input: $input) { id name kind referencePrefix active municipality { id } }
}`;
const REGISTERS = `{ registers { id name kind referencePrefix active municipality { id } } }`;

describe.each(testDatabaseKinds())('registers on %s', (kind) => {
  let t: TestSubgraph<FilingContext>;

  beforeAll(async () => {
    t = await startTestSubgraph(filing, kind, { seedDemo: true });
  });
  afterAll(() => t.dispose());

  const scoped = (municipalityId: string) => scopeToTenant(t.orm.em.fork(), municipalityId);
  const allRegisters = () => t.orm.em.fork().count(Register, {}, { filters: false });

  it('seeds a main register, an invoice register and a register of transaction logs per demo municipality, each with an audit event, once', async () => {
    for (const m of DEMO_RECORDS_MUNICIPALITIES) {
      const registers = await scoped(m.id).find(
        Register,
        {},
        { orderBy: [{ kind: 'asc' }, { referencePrefix: 'asc' }] },
      );
      expect(registers.map((r) => [r.id, r.kind, r.referencePrefix, r.name, r.active])).toEqual([
        [demoId('register', `${m.abbreviation}:main`), 'MAIN', m.abbreviation, 'Podací deník', true],
        [demoId('register', `${m.abbreviation}:invoices`), 'SEPARATE', 'FP', 'Faktury přijaté', true],
        [demoId('register', `${m.abbreviation}:audit-log`), 'SEPARATE', 'TP', 'Transakční protokoly', true],
      ]);
      const events = await scoped(m.id).find(AuditEvent, { objectId: { $in: registers.map((r) => r.id) } });
      expect(events.map((e) => [e.eventType, e.objectType, e.actorId, e.actorLogin])).toEqual([
        ['Zalozeni', 'Denik', null, 'system'],
        ['Zalozeni', 'Denik', null, 'system'],
        ['Zalozeni', 'Denik', null, 'system'],
      ]);
    }
    // Backup-only municipalities (issue 12) get none.
    for (const m of DEMO_MUNICIPALITIES.filter((d) => d.backupOnly))
      expect(await scoped(m.id).count(Register, {})).toBe(0);
    const before = await allRegisters();
    expect(before).toBe(3 * DEMO_RECORDS_MUNICIPALITIES.length);
    await filing.seedDemo!(t.orm);
    expect(await allRegisters()).toBe(before);
  });

  it("lists the caller's own registers only", async () => {
    const res = await t.run(testCaller(ADAMOV.id, ['CASE_HANDLER']), REGISTERS);
    expect(res.data!.registers).toEqual([
      {
        id: demoId('register', 'OUADA:main'),
        name: 'Podací deník',
        kind: 'MAIN',
        referencePrefix: 'OUADA',
        active: true,
        municipality: { id: ADAMOV.id },
      },
      {
        id: demoId('register', 'OUADA:invoices'),
        name: 'Faktury přijaté',
        kind: 'SEPARATE',
        referencePrefix: 'FP',
        active: true,
        municipality: { id: ADAMOV.id },
      },
      {
        id: demoId('register', 'OUADA:audit-log'),
        name: 'Transakční protokoly',
        kind: 'SEPARATE',
        referencePrefix: 'TP',
        active: true,
        municipality: { id: ADAMOV.id },
      },
    ]);
    expect((await t.run(testCaller(null, ['PLATFORM_ADMIN']), REGISTERS)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('resolves Register representations of the own municipality only', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Register { id referencePrefix } } }`;
    const r = [demoId('register', 'OUADA:main'), demoId('register', 'MBK:main')].map((id) => ({
      __typename: 'Register',
      id,
    }));
    const res = await t.run(testCaller(ADAMOV.id, ['INTAKE_CLERK']), query, { r });
    expect(res.data!._entities).toEqual([{ id: demoId('register', 'OUADA:main'), referencePrefix: 'OUADA' }, null]);
  });

  it('lets a records manager create a register, with an audit event', async () => {
    const res = await t.run(manager, CREATE, {
      input: { name: '  Smlouvy  ', kind: 'SEPARATE', referencePrefix: 'SML' },
    });
    expect(res.errors).toBeUndefined();
    const created = res.data!.createRegister;
    expect(created).toMatchObject({
      name: 'Smlouvy',
      kind: 'SEPARATE',
      referencePrefix: 'SML',
      active: true,
      municipality: { id: BLANSKO.id },
    });

    const [event] = await scoped(BLANSKO.id).find(AuditEvent, { objectId: created.id });
    expect(event).toMatchObject({
      eventType: 'Zalozeni',
      objectType: 'Denik',
      actorId: manager.userId,
      actorLogin: 'mbk.manager',
    });
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { name: 'name', old: null, new: 'Smlouvy' },
        { name: 'referencePrefix', old: null, new: 'SML' },
      ]),
    );
    const listed = await t.run(manager, REGISTERS);
    expect(listed.data!.registers.map((r: { id: string }) => r.id)).toContain(created.id);
  });

  it.each([
    [
      'an intake clerk',
      testCaller(BLANSKO.id, ['INTAKE_CLERK']),
      { name: 'X', kind: 'SEPARATE', referencePrefix: 'X' },
      'FORBIDDEN',
    ],
    [
      'a tenant admin',
      testCaller(BLANSKO.id, ['TENANT_ADMIN']),
      { name: 'X', kind: 'SEPARATE', referencePrefix: 'X' },
      'FORBIDDEN',
    ],
    ['a blank name', manager, { name: ' ', kind: 'SEPARATE', referencePrefix: 'X' }, 'BAD_USER_INPUT'],
    [
      'a 201-character name',
      manager,
      { name: 'n'.repeat(201), kind: 'SEPARATE', referencePrefix: 'X' },
      'BAD_USER_INPUT',
    ],
    ['a lower-case prefix', manager, { name: 'X', kind: 'SEPARATE', referencePrefix: 'fp' }, 'BAD_USER_INPUT'],
    [
      'a prefix starting with a digit',
      manager,
      { name: 'X', kind: 'SEPARATE', referencePrefix: '1FP' },
      'BAD_USER_INPUT',
    ],
    [
      'a 21-character prefix',
      manager,
      { name: 'X', kind: 'SEPARATE', referencePrefix: 'A'.repeat(21) },
      'BAD_USER_INPUT',
    ],
    [
      'a second active main register',
      manager,
      { name: 'Druhý deník', kind: 'MAIN', referencePrefix: 'MBKB' },
      'CONFLICT',
    ],
    [
      'a prefix already used by a register of that kind',
      manager,
      { name: 'Faktury 2', kind: 'SEPARATE', referencePrefix: 'FP' },
      'CONFLICT',
    ],
  ] as const)('refuses %s and writes nothing', async (_, caller, input, code) => {
    const before = await allRegisters();
    const res = await t.run(caller, CREATE, { input });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await allRegisters()).toBe(before);
  });

  it('keeps one active main register even when two are created at once', async () => {
    const em = scoped(BLANSKO.id);
    const main = await em.findOneOrFail(Register, { id: demoId('register', 'MBK:main') });
    main.active = false;
    await em.flush();
    expect(main.activeMainKey).toBeNull();

    const results = await Promise.all(
      ['MBKA', 'MBKB'].map((referencePrefix) =>
        t.run(manager, CREATE, { input: { name: 'Nový deník', kind: 'MAIN', referencePrefix } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await scoped(BLANSKO.id).count(Register, { kind: 'MAIN', active: true })).toBe(1);
  });
});

describe.each(testDatabaseKinds())('registers of a backup-only municipality on %s', (kind) => {
  const DLH = DEMO_MUNICIPALITIES.find((m) => m.abbreviation === 'OUDLH')!;
  let t: TestSubgraph<FilingContext>;
  beforeAll(async () => {
    // The municipalities subgraph as filing asks it: Dlouhá Lhota is backup-only, Blansko is not.
    const peers = fakePeers({
      Municipality: {
        [DLH.id]: { id: DLH.id, abbreviation: DLH.abbreviation, backupOnly: true },
        [BLANSKO.id]: { id: BLANSKO.id, abbreviation: BLANSKO.abbreviation, backupOnly: false },
      },
    });
    t = await startTestSubgraph(filing, kind, { peers });
  });
  afterAll(() => t.dispose());

  it('are refused with BACKUP_ONLY_MUNICIPALITY, nothing written', async () => {
    const res = await t.run(testCaller(DLH.id, ['RECORDS_MANAGER'], 'oudlh.manager'), CREATE, {
      input: { name: 'Podací deník', kind: 'MAIN', referencePrefix: 'OUDLH' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('BACKUP_ONLY_MUNICIPALITY');
    expect(await t.orm.em.fork().count(Register, {}, { filters: false })).toBe(0);
    const ok = await t.run(manager, CREATE, { input: { name: 'Podací deník', kind: 'MAIN', referencePrefix: 'MBK' } });
    expect(ok.errors).toBeUndefined();
  });
});
