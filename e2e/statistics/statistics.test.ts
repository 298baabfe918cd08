// An analyst's counts through the gateway, as the README shows them: documents per month × state and per filing
// code in one request, within the gateway's query limits; a platform operator's counts across municipalities; the
// same as CSV files (streamed, BOM, formulas defused), each logged as Export.
import { testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

const README_QUERY = `{ byMonth: statistics(input: { groupBy: [REGISTRATION_MONTH, STATE], filter: { year: ${new Date().getUTCFullYear()} } }) { total groups { count keys { value } } }
  byCode: statistics(input: { groupBy: [FILING_CODE] }) { groups { count keys { value label } } } }`;

describe.each(testDatabaseKinds())('statistics through the gateway on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
    const clerk = await hub.login('mbk.clerk');
    for (const subject of ['Žádost A', '=HYPERLINK("http://x", "Žádost, B")']) {
      const r = await hub.gql(clerk, REGISTER, { input: received(subject) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => hub?.stop());

  it("the README's query: per month × state and per filing code in one request", async () => {
    const r = await hub.gql(await hub.login('mbk.records'), README_QUERY);
    expect(r.errors).toBeUndefined();
    expect(r.data.byMonth.total).toBe(2);
    expect(r.data.byMonth.groups).toEqual([
      { count: 2, keys: [{ value: expect.stringMatching(/^\d{4}-\d{2}$/) }, { value: 'REGISTERED' }] },
    ]);
    expect(r.data.byCode.groups).toEqual([{ count: 2, keys: [{ value: null, label: null }] }]);
  });

  it('platform statistics across municipalities; none for a municipality user', async () => {
    const admin = await hub.login('platform.admin');
    const r = await hub.gql(
      admin,
      '{ platformStatistics(input: { groupBy: [MUNICIPALITY] }) { total groups { count keys { value } } } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.platformStatistics.total).toBe(2);
    const refused = await hub.gql(
      await hub.login('mbk.records'),
      '{ platformStatistics(input: { groupBy: [] }) { total } }',
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe.each(testDatabaseKinds())('CSV exports through the gateway on %s', (kind) => {
  let hub: Hub;
  const csv = async (token: string, path: string) => {
    const res = await fetch(new URL(path, hub.url), { headers: { authorization: `Bearer ${token}` } });
    // ignoreBOM: keep the BOM in the text (fetch's text() would drop it) to see that it is sent.
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()),
    };
  };
  beforeAll(async () => {
    hub = await startHub(kind);
    const clerk = await hub.login('mbk.clerk');
    for (const subject of ['Žádost A', '=HYPERLINK("http://x", "Žádost, B")']) {
      const r = await hub.gql(clerk, REGISTER, { input: received(subject) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => hub?.stop());

  it('documents.csv: BOM, a header, one line per visible document, quoting and formulas defused; filters as in GraphQL', async () => {
    const records = await hub.login('mbk.records');
    const all = await csv(records, '/exports/documents.csv');
    expect(all.status).toBe(200);
    expect(all.type).toBe('text/csv; charset=utf-8');
    expect(all.text.startsWith('\uFEFFid,pid,referenceNumber,register,')).toBe(true);
    const lines = all.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"", ""Žádost, B"")"`);
    expect(lines[2]).toContain('Žádost A');
    const filtered = await csv(
      records,
      `/exports/documents.csv?filter=${encodeURIComponent(JSON.stringify({ subjectContains: 'zadost a' }))}`,
    );
    expect(filtered.text.slice(1).trimEnd().split('\r\n')).toHaveLength(2);
    // Another municipality's officer, and a handler who sees none of them: header only.
    for (const login of ['ouada.records', 'mbk.handler']) {
      expect(
        (await csv(await hub.login(login), '/exports/documents.csv')).text.slice(1).trimEnd().split('\r\n'),
      ).toHaveLength(1);
    }
  });

  it('refuses bad arguments with the GraphQL error shape, nothing logged, and anonymous callers', async () => {
    const records = await hub.login('mbk.records');
    const notJson = await csv(records, '/exports/documents.csv?filter=%7Bnope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter' });
    const badEnum = await csv(
      records,
      `/exports/documents.csv?filter=${encodeURIComponent(JSON.stringify({ state: 'NOPE' }))}`,
    );
    expect(JSON.parse(badEnum.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.state' });
    const badGroup = await csv(
      records,
      `/exports/statistics.csv?input=${encodeURIComponent(JSON.stringify({ groupBy: ['MUNICIPALITY'] }))}`,
    );
    expect(JSON.parse(badGroup.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect((await csv(records, '/exports/statistics.csv')).status).toBe(400);
    const anonymous = await fetch(new URL('/exports/documents.csv', hub.url));
    expect(anonymous.status).toBe(401);
  });

  it('statistics.csv: one line per group with value and label columns; every export is an Export event', async () => {
    const records = await hub.login('mbk.records');
    const r = await csv(
      records,
      `/exports/statistics.csv?input=${encodeURIComponent(JSON.stringify({ groupBy: ['STATE', 'ORIGIN'] }))}`,
    );
    expect(r.status).toBe(200);
    expect(r.text).toBe('\uFEFFstate,state_label,origin,origin_label,count\r\nREGISTERED,,RECEIVED,,2\r\n');
    await hub.flushRelays();
    const log = await hub.gql(
      await hub.login('mbk.admin'),
      '{ auditLog(first: 50, filter: { eventType: "Export" }) { edges { node { description actorLogin } } } }',
    );
    expect(log.errors).toBeUndefined();
    const exports = log.data.auditLog.edges.map((e: { node: { description: string; actorLogin: string } }) => e.node);
    // documents.csv twice and statistics.csv once by mbk.records in this suite; the refused ones are not logged.
    expect(
      exports
        .filter((e: { actorLogin: string }) => e.actorLogin === 'mbk.records')
        .map((e: { description: string }) => e.description)
        .sort(),
    ).toEqual(['Export seznamu dokumentů (CSV)', 'Export seznamu dokumentů (CSV)', 'Export statistiky (CSV)']);
  });
});
