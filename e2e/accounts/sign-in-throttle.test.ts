// Sign-in throttling through the gateway: the gateway vouches for the client's address in its signed assertion,
// so guesses from one address do not lock out the owner signing in from another, and a client cannot pick its
// address with X-Forwarded-For. Loopback has many addresses (127.0.0.0/8): the test binds its sockets to several.
import { DEMO_PASSWORD, testDatabaseKinds } from '@hub/kit';
import { request } from 'node:http';
import { startHub, type GraphQLResponse, type Hub } from '../harness';

/** POSTs to the gateway from a chosen local (loopback) address. */
function postFrom(
  localAddress: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, ...JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const LOGIN = 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }';

describe.each(testDatabaseKinds())('sign-in throttling through the gateway on %s', (kind) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.stop());

  const login = (from: string, password: string, headers?: Record<string, string>) =>
    postFrom(from, hub.url, { query: LOGIN, variables: { l: 'mbk.admin', p: password } }, headers);

  it('refuses the guesser’s address after 5 attempts while the owner signs in from another', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await login('127.0.0.2', `guess-number-${i}`)).errors?.[0]?.extensions?.code);
    expect(codes).toEqual([...Array(5).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    const refused = await login('127.0.0.2', DEMO_PASSWORD);
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_REQUESTS', retryAfter: expect.any(Number) },
    });
    expect(refused.data?.login ?? null).toBeNull();

    const owner = await login('127.0.0.3', DEMO_PASSWORD);
    expect(owner.errors).toBeUndefined();
    expect(owner.data.login.token).toEqual(expect.any(String));
  });

  it('ignores an X-Forwarded-For the client sends itself (no trusted proxy configured)', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login('127.0.0.4', `guess-number-${i}`, { 'x-forwarded-for': `198.51.100.${i}` });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  });
});
