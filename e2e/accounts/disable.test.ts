// Disabling a user takes effect at once: the user's existing token stops working, and so does login.
import { testDatabaseKinds } from '@hub/kit';
import { startHub, type Hub } from '../harness';

describe.each(testDatabaseKinds())('disabling a user on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.stop());

  it('locks the user out of requests made with an earlier token', async () => {
    const handler = await hub.login('mbk.handler');
    const me = await hub.gql(handler, '{ me { id login } }');
    expect(me.data.me.login).toBe('mbk.handler');

    const admin = await hub.login('mbk.admin');
    const disabled = await hub.gql(admin, 'mutation($id: ID!) { disableUser(id: $id) { active } }', {
      id: me.data.me.id,
    });
    expect(disabled.data.disableUser.active).toBe(false);

    const after = await hub.gql(handler, '{ documents(first: 1) { totalCount } }');
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(hub.login('mbk.handler')).rejects.toThrow(/failed/);

    // Others are unaffected.
    const clerk = await hub.login('mbk.clerk');
    expect((await hub.gql(clerk, '{ me { login } }')).data.me.login).toBe('mbk.clerk');
  });

  it('refuses everything when the users service cannot confirm the account', async () => {
    const clerk = await hub.login('mbk.clerk');
    await hub.subgraphs.users.stop();
    const res = await hub.gql(clerk, '{ documents(first: 1) { totalCount } }');
    expect(res.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
