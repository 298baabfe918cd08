// A list costs a constant number of SQL statements per subgraph, however long it is (DataLoaders batch
// the gateway's _entities calls).
import { testDatabaseKinds } from '@hub/kit';
import { REGISTER, countStatements, received, startHub, type Hub } from '../harness';

const LIST = `query($first: Int!) { documents(first: $first) { edges { node {
  referenceNumber register { name }
  municipality { name competentArchive { name } }
  registeredBy { name orgUnit { name } }
  disposalHolds { id }
} } } }`;

describe.each(testDatabaseKinds())('statements per list on %s', (kind) => {
  let hub: Hub;
  let clerk: string;
  beforeAll(async () => {
    hub = await startHub(kind);
    clerk = await hub.login('mbk.clerk');
    for (let i = 0; i < 50; i++) {
      const res = await hub.gql(clerk, REGISTER, { input: received(`Dokument ${i}`) });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  });
  afterAll(() => hub?.stop());

  it('a list of 50 documents with municipality and registeredBy costs what a list of 5 costs', async () => {
    const run = (first: number) =>
      countStatements(hub, async () => {
        const res = await hub.gql(clerk, LIST, { first });
        expect(res.errors).toBeUndefined();
        expect(res.data.documents.edges).toHaveLength(first);
      });
    const small = await run(5);
    const large = await run(50);
    expect(large).toEqual(small);
    // Every subgraph is asked (the counting sees the requests' statements), none more than a few times.
    for (const n of Object.values(large)) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
  });
});
