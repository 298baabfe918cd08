import { request } from 'node:https';
import { createTestCa, issueCertificate } from '@hub/test-pki';
import { LocalIsds, startLocalIsds } from './index';
import { NS, XmlNode, buildXml } from './xml';

/** The hosted records-service mode (isds.md §1 d): HTTPS, client certificate, box id as user name, empty password. */
describe('local ISDS, hosted-eSSL certificate mode', () => {
  let isds: LocalIsds;
  let client: { cert: string; key: string };
  let stranger: { cert: string; key: string };
  let ca: string;

  beforeAll(async () => {
    const tlsCa = await createTestCa({ name: 'Hub TLS test CA' });
    const server = await issueCertificate(tlsCa, { subject: 'localhost', usage: 'tls-server' });
    const hub = await issueCertificate(tlsCa, { subject: 'Blansko records hub', usage: 'tls-client' });
    const otherCa = await createTestCa({ name: 'Someone else' });
    const other = await issueCertificate(otherCa, { subject: 'Stranger', usage: 'tls-client' });
    ca = tlsCa.certPem;
    client = { cert: hub.certPem, key: hub.privateKeyPem };
    stranger = { cert: other.certPem, key: other.privateKeyPem };
    isds = await startLocalIsds({
      boxes: [
        { id: 'adam0v1', type: 'OVM', name: 'Město Adamov', hostedEsslCertificate: true },
        { id: 'basic01', type: 'OVM', name: 'Obec bez certifikátu' },
      ],
      tls: { cert: server.certPem, key: server.privateKeyPem, clientCa: tlsCa.certPem },
    });
  });
  afterAll(() => isds.stop());

  function post(
    path: string,
    user: string,
    identity?: { cert: string; key: string },
  ): Promise<{ status: number; text: string }> {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${buildXml({
      'soap:Envelope': {
        '@_xmlns:soap': NS.soap,
        'soap:Body': { 'p:DummyOperation': { '@_xmlns:p': NS.isds } as XmlNode },
      },
    })}`;
    return new Promise((resolve, reject) => {
      const req = request(
        `${isds.url}${path}`,
        {
          method: 'POST',
          ca,
          ...(identity ?? {}),
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            Authorization: `Basic ${Buffer.from(user).toString('base64')}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            text += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('logs in with the client certificate and the box id, empty password', async () => {
    expect(isds.url).toMatch(/^https:/);
    const ok = await post('/hspis/DS/dz', 'adam0v1:', client);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<p:dmStatusCode>0000</p:dmStatusCode>');
  });

  it('refuses no certificate, a certificate of another CA, a password, and a box without the hosted mode', async () => {
    expect((await post('/hspis/DS/dz', 'adam0v1:')).status).toBe(401);
    expect((await post('/hspis/DS/dz', 'adam0v1:', stranger)).status).toBe(401);
    expect((await post('/hspis/DS/dz', 'adam0v1:heslo', client)).status).toBe(401);
    expect((await post('/hspis/DS/dz', 'basic01:', client)).status).toBe(401);
    // Basic with the box's login still works on /DS over HTTPS.
    expect((await post('/DS/dz', 'basic01:local-isds')).status).toBe(200);
  });
});
