// Service accounts of office apps through the gateway: a tenant admin creates an API client, the app signs in
// with its secret and works under its own login, and once revoked its token no longer gets through.
import { Role, testDatabaseKinds } from '@hub/kit';
import { REGISTER, received, startHub, type Hub } from '../harness';

describe.each(testDatabaseKinds())('API clients on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.stop());

  it('lets an app register documents under its own login until the admin revokes it', async () => {
    const admin = await hub.login('mbk.admin');
    const created = await hub.gql(
      admin,
      `mutation($input: CreateApiClientInput!) {
      createApiClient(input: $input) { clientId secret client { login roles active } }
    }`,
      { input: { name: 'ISDS konektor', roles: [Role.INTAKE_CLERK] } },
    );
    expect(created.errors).toBeUndefined();
    const { clientId, secret, client } = created.data.createApiClient;
    expect(client).toEqual({ login: 'mbk.api.isds-konektor', roles: [Role.INTAKE_CLERK], active: true });

    const signedIn = await hub.gql(
      null,
      `mutation($clientId: ID!, $secret: String!) {
      loginApiClient(clientId: $clientId, secret: $secret) { token user { login } }
    }`,
      { clientId, secret },
    );
    expect(signedIn.errors).toBeUndefined();
    const token: string = signedIn.data.loginApiClient.token;
    expect((await hub.gql(token, '{ me { login roles } }')).data.me).toEqual({
      login: 'mbk.api.isds-konektor',
      roles: [Role.INTAKE_CLERK],
    });

    const registered = await hub.gql(token, REGISTER, { input: received('Žádost doručená datovou schránkou') });
    expect(registered.errors).toBeUndefined();
    const documentId = registered.data.registerDocument.document.id;
    const doc = await hub.gql(admin, 'query($id: ID!) { document(id: $id) { registeredBy { id login name } } }', {
      id: documentId,
    });
    expect(doc.errors).toBeUndefined();
    expect(doc.data.document.registeredBy).toEqual({
      id: clientId,
      login: 'mbk.api.isds-konektor',
      name: 'ISDS konektor',
    });

    const revoked = await hub.gql(admin, 'mutation($id: ID!) { revokeApiClient(id: $id) { active } }', {
      id: clientId,
    });
    expect(revoked.data.revokeApiClient.active).toBe(false);
    const after = await hub.gql(token, REGISTER, { input: received('Po odvolání') });
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await hub.gql(
      null,
      'mutation($c: ID!, $s: String!) { loginApiClient(clientId: $c, secret: $s) { token } }',
      { c: clientId, s: secret },
    );
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
