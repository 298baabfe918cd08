// The transaction log through the gateway (issue 5, items 5 and 6): auditors and records managers download a
// period as TransakcniLogSystemu XML (streamed), read it page by page and as one object's TransakcniLogObjektu;
// every document validates against nsesss-TrP.xsd, Poradi increases strictly, the export is itself logged, and
// each municipality sees only its own log.
import { DEMO_MUNICIPALITIES, SUBGRAPH_NAMES, testDatabaseKinds } from '@hub/kit';
import { assertValidTp } from '../../subgraphs/filing/src/modules/audit-log/tp-validator';
import { REGISTER, postJson, received, startHub, type Hub } from '../harness';

const BLANSKO = DEMO_MUNICIPALITIES[0];
const ADAMOV = DEMO_MUNICIPALITIES[1];
const PASSWORD = 'auditor-password-2026';
const LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { poradi occurredAt actor { id login } actorLogin eventType objectType objectId objectSource description } }
  }
}`;

const poradiIn = (xml: string) => [...xml.matchAll(/<tp:Poradi>(\d+)<\/tp:Poradi>/g)].map((m) => Number(m[1]));
const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

describe.each(testDatabaseKinds())('transaction log export through the gateway on %s', (kind) => {
  let hub: Hub;
  let exportUrl: string;
  const tokens: Record<string, string> = {};
  const docs: Record<'mbk1' | 'mbk2' | 'adamov', string> = { mbk1: '', mbk2: '', adamov: '' };
  /** The documents' PIDs: what the log names them by (HodnotaID). */
  const pids: Record<string, string> = {};
  const period = () => {
    const now = Date.now();
    return { from: new Date(now - 24 * 3600_000).toISOString(), to: new Date(now + 24 * 3600_000).toISOString() };
  };

  const download = (
    token: string | null,
    p: { from: string; to: string } = period(),
    headers: Record<string, string> = {},
  ) =>
    fetch(`${exportUrl}?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });

  /** Ships what is waiting in the subgraphs' outboxes (when the relays exist), then waits until `done` holds. */
  async function untilLogged<T>(
    token: string,
    what: string,
    read: () => Promise<T>,
    done: (v: T) => boolean,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await Promise.all(
        SUBGRAPH_NAMES.map((n) =>
          (hub.subgraphs[n] as { relay?: { flush(): Promise<unknown> } }).relay?.flush().catch(() => undefined),
        ),
      );
      const v = await read();
      if (done(v)) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} in the transaction log: ${JSON.stringify(v).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const logOf = async (token: string, filter: object = {}) => {
    const res = await hub.gql(token, LOG, { filter, first: 500 });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.auditLog.edges.map((e: any) => e.node) as any[];
  };

  async function createAuditor(adminLogin: string, login: string) {
    const admin = await hub.login(adminLogin);
    const res = await hub.gql(admin, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { login, name: `Auditor ${login}`, password: PASSWORD, roles: ['AUDITOR'] },
    });
    if (!res.data?.createUser) throw new Error(`createUser ${login}: ${JSON.stringify(res.errors)}`);
    const signIn = await hub.gql(
      null,
      'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }',
      { l: login, p: PASSWORD },
    );
    return signIn.data.login.token as string;
  }

  beforeAll(async () => {
    hub = await startHub(kind);
    exportUrl = hub.url.replace(/\/graphql$/, '/exports/audit-log.xml');
    for (const login of ['mbk.clerk', 'mbk.handler', 'mbk.records', 'mbk.admin', 'ouada.clerk', 'platform.admin'])
      tokens[login] = await hub.login(login);
    tokens['mbk.auditor'] = await createAuditor('mbk.admin', 'mbk.auditor');
    tokens['ouada.auditor'] = await createAuditor('ouada.admin', 'ouada.auditor');
    const register = async (token: string, subject: string) => {
      const res = await hub.gql(token, REGISTER, { input: received(subject) });
      if (!res.data?.registerDocument) throw new Error(JSON.stringify(res.errors));
      pids[res.data.registerDocument.document.id] = res.data.registerDocument.document.pid;
      return res.data.registerDocument.document.id as string;
    };
    docs.mbk1 = await register(tokens['mbk.clerk'], 'Žádost o kácení dřevin <&> "lípa"');
    docs.mbk2 = await register(tokens['mbk.clerk'], 'Stížnost na hluk');
    docs.adamov = await register(tokens['ouada.clerk'], 'Žádost o stavební povolení');
    // The entries come from the subgraphs' outbox relays into filing's log.
    await untilLogged(
      tokens['mbk.auditor'],
      'the Blansko registrations',
      () => logOf(tokens['mbk.auditor']),
      (log) => [docs.mbk1, docs.mbk2].every((id) => log.some((e) => e.objectId === id && e.eventType === 'Zalozeni')),
    );
    await untilLogged(
      tokens['ouada.auditor'],
      'the Adamov registration',
      () => logOf(tokens['ouada.auditor']),
      (log) => log.some((e) => e.objectId === docs.adamov),
    );
  }, 120_000);
  afterAll(() => hub?.stop());

  it('downloads the period as a streamed TransakcniLogSystemu that validates, Poradi strictly increasing', async () => {
    const res = await download(tokens['mbk.auditor']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="transakcni-protokol-MBK-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.xml"$/,
    );
    const xml = await res.text();
    await assertValidTp(xml, 'gateway export');
    const poradi = poradiIn(xml);
    expect(poradi.length).toBeGreaterThanOrEqual(2);
    expect(increasing(poradi)).toBe(true);
    expect(xml).toContain(
      `<tp:HodnotaID>${pids[docs.mbk1]}</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID>`,
    );
    expect(xml).toContain(`<tp:HodnotaID>${pids[docs.mbk2]}</tp:HodnotaID>`);
    expect(xml).not.toContain(docs.adamov);
    // Who acted: login, then the name and role the sign-in carried (the gateway's assertion, the audit event).
    expect(xml).toMatch(/<tp:provedlKdo>mbk\.clerk \([^;<]+; podatelna, výpravna\)<\/tp:provedlKdo>/);
    expect(xml).toContain('&lt;&amp;&gt;'); // the subject, escaped, in the registration's parameters or description
  });

  it('logs the export itself, as an Export event of the municipality', async () => {
    const before = await logOf(tokens['mbk.auditor'], { eventType: 'Export' });
    const p = period();
    const res = await download(tokens['mbk.auditor'], p);
    expect(res.status).toBe(200);
    await res.text();
    const exports = await untilLogged(
      tokens['mbk.auditor'],
      'the Export event',
      () => logOf(tokens['mbk.auditor'], { eventType: 'Export' }),
      (log) => log.length > before.length,
    );
    const event = exports.at(-1);
    expect(event).toMatchObject({
      actorLogin: 'mbk.auditor',
      eventType: 'Export',
      objectType: 'KonfiguraceSystemu',
      objectId: BLANSKO.id,
      objectSource: 'cz.blansko.essl.MBK',
      description: `Export transakčního protokolu za období ${p.from} – ${p.to}`,
    });
    expect(event.actor.login).toBe('mbk.auditor'); // the User reference resolves through the users subgraph

    // The next export holds it, as a valid event with its period as parameters.
    const next = await (await download(tokens['mbk.auditor'])).text();
    await assertValidTp(next, 'export after an export');
    expect(next).toContain('<tp:TypUdalostiId>Export</tp:TypUdalostiId>');
    expect(next).toContain(
      `<tp:NazevParametru>DatumCasOd.new</tp:NazevParametru><tp:HodnotaParametru>${p.from}</tp:HodnotaParametru>`,
    );
    expect(increasing(poradiIn(next))).toBe(true);
  });

  it('serves only auditors and records managers of the municipality', async () => {
    for (const login of ['mbk.clerk', 'mbk.handler', 'mbk.records', 'platform.admin']) {
      const res = await download(tokens[login]);
      expect([login, res.status]).toEqual([login, 403]);
      expect((await res.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const anonymous = await download(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await download('not-a-token');
    expect(forged.status).toBe(401);
    // A caller assertion sent to the gateway is not the gateway's: it does not make anyone an auditor.
    const smuggled = await download(tokens['mbk.clerk'], period(), { 'x-hub-caller': 'x' });
    expect(smuggled.status).toBe(403);
    const manager = await download(tokens['mbk.admin']); // TENANT_ADMIN + RECORDS_MANAGER
    expect(manager.status).toBe(200);
    await assertValidTp(await manager.text(), 'records manager export');
    const bad = await fetch(`${exportUrl}?from=2026-01-01`, {
      headers: { authorization: `Bearer ${tokens['mbk.auditor']}` },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    for (const login of ['mbk.clerk', 'platform.admin']) {
      const res = await hub.gql(tokens[login], LOG, { first: 1 });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("gives another municipality's auditor only that municipality's log", async () => {
    const res = await download(tokens['ouada.auditor']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('transakcni-protokol-OUADA-');
    const xml = await res.text();
    await assertValidTp(xml, 'Adamov export');
    expect(xml).toContain(
      `<tp:HodnotaID>${pids[docs.adamov]}</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.OUADA</tp:ZdrojID>`,
    );
    expect(xml).not.toContain(docs.mbk1);
    expect(xml).not.toContain(pids[docs.mbk1]);
    expect(xml).not.toContain(docs.mbk2);
    expect(xml).not.toContain('cz.blansko.essl.MBK');
    expect(xml).not.toContain('mbk.');
    expect(increasing(poradiIn(xml))).toBe(true);

    const log = await logOf(tokens['ouada.auditor']);
    expect(log.every((e) => e.objectSource === 'cz.blansko.essl.OUADA')).toBe(true);
    expect(log.some((e) => e.objectId === docs.mbk1)).toBe(false);
    const foreign = await hub.gql(tokens['ouada.auditor'], 'query($id: ID!) { auditLogObjectXml(objectId: $id) }', {
      id: docs.mbk1,
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The Adamov log is numbered on its own, from 1.
    expect(Math.min(...log.map((e) => e.poradi))).toBe(1);
    expect(ADAMOV.abbreviation).toBe('OUADA');
  });

  it("pages through the log and fetches one object's history as TransakcniLogObjektu", async () => {
    // Hold the log still while it is compared page by page (exports ship Export events of their own).
    await hub.flushRelays();
    await hub.pauseRelays();
    const all = await logOf(tokens['mbk.auditor']);
    expect(increasing(all.map((e) => e.poradi))).toBe(true);
    const firstPage = await hub.gql(tokens['mbk.auditor'], LOG, { first: 1 });
    const second = await hub.gql(tokens['mbk.auditor'], LOG, {
      first: 1,
      after: firstPage.data.auditLog.pageInfo.endCursor,
    });
    expect([firstPage.data.auditLog.edges[0].node.poradi, second.data.auditLog.edges[0].node.poradi]).toEqual(
      all.slice(0, 2).map((e) => e.poradi),
    );
    expect(firstPage.data.auditLog.totalCount).toBe(all.length);
    await hub.resumeRelays();

    const registered = await logOf(tokens['mbk.auditor'], { objectId: docs.mbk1, eventType: 'Zalozeni' });
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      actorLogin: 'mbk.clerk',
      objectType: 'Dokument',
      actor: { login: 'mbk.clerk' },
    });

    const res = await hub.gql(tokens['mbk.auditor'], 'query($id: ID!) { auditLogObjectXml(objectId: $id) }', {
      id: docs.mbk1,
    });
    expect(res.errors).toBeUndefined();
    const xml: string = res.data.auditLogObjectXml;
    await assertValidTp(xml, 'object log through the gateway');
    expect(xml).toContain('<tp:TransakcniLogObjektu');
    expect(xml).toContain(
      `<tp:Objekt><tp:TypObjektu><tp:TypObjektuId>Dokument</tp:TypObjektuId></tp:TypObjektu><tp:Identifikator><tp:HodnotaID>${pids[docs.mbk1]}</tp:HodnotaID>`,
    );
    expect(xml).toContain('<tp:TypUdalostiId>Zalozeni</tp:TypUdalostiId>');
  });

  it('reaches filing only through the gateway', async () => {
    const direct = await fetch(
      hub.subgraphs.filing.url.replace(/\/graphql$/, '/exports/audit-log.xml') +
        `?from=${encodeURIComponent(period().from)}&to=${encodeURIComponent(period().to)}`,
    );
    expect(direct.status).toBe(401);
    // And a JSON body is what a GraphQL client expects of a refusal.
    expect(
      (await postJson(hub.url, { query: '{ auditLog(first: 1) { totalCount } }' })).errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });
});
