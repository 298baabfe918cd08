// An analyst's counts through the gateway, as the README shows them: documents per month × state and per filing
// code in one request, within the gateway's query limits; a platform operator's counts across municipalities.
import { testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

const README_QUERY = `{ byMonth: statistics(input: { groupBy: [REGISTRATION_MONTH, STATE], filter: { year: ${new Date().getUTCFullYear()} } }) { total groups { count keys { value } } }
  byCode: statistics(input: { groupBy: [FILING_CODE] }) { groups { count keys { value label } } } }`;

describe.each(testDatabaseKinds())('statistics through the gateway on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
    const clerk = await hub.login('mbk.clerk');
    for (const subject of ['Žádost A', 'Žádost B']) {
      const r = await hub.gql(clerk, REGISTER, { input: received(subject) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  });
  afterAll(() => hub?.stop());

  it("the README's query: per month × state and per filing code in one request", async () => {
    const r = await hub.gql(await hub.login('mbk.records'), README_QUERY);
    expect(r.errors).toBeUndefined();
    expect(r.data.byMonth.total).toBe(2);
    expect(r.data.byMonth.groups).toEqual([{ count: 2, keys: [{ value: expect.stringMatching(/^\d{4}-\d{2}$/) }, { value: 'REGISTERED' }] }]);
    expect(r.data.byCode.groups).toEqual([{ count: 2, keys: [{ value: null, label: null }] }]);
  });

  it('platform statistics across municipalities; none for a municipality user', async () => {
    const admin = await hub.login('platform.admin');
    const r = await hub.gql(admin, '{ platformStatistics(input: { groupBy: [MUNICIPALITY] }) { total groups { count keys { value } } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.platformStatistics.total).toBe(2);
    const refused = await hub.gql(await hub.login('mbk.records'), '{ platformStatistics(input: { groupBy: [] }) { total } }');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
