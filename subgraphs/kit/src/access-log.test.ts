import { createHttpServer, closeServer, listen } from './http';
import { captureLogs, logger } from './logger';

/**
 * Access lines skip the logger's redaction (http.ts: it cost 15× the line). That is safe only while they carry the
 * fixed fields `handle` writes, never request content: this pins their keys, and checks that other lines still redact.
 */
describe('access log lines', () => {
  it('carry only method, route, status and time (no header, body or URL), while other lines are still redacted', async () => {
    const server = createHttpServer({
      service: 'filing',
      health: async () => undefined,
      graphql: async (_req, res) => void res.end('{}'),
    });
    const port = await listen(server, 0, '127.0.0.1');
    const logs = captureLogs();
    try {
      const secret = 'Bearer very.secret.token';
      const res = await fetch(`http://127.0.0.1:${port}/graphql?token=also-secret`, {
        method: 'POST',
        headers: { authorization: secret },
        body: '{"query":"{ a }"}',
      });
      await res.text();
      await new Promise((r) => setTimeout(r, 50));
      logger.child({ component: 'other' }).info({ authorization: secret }, 'a line with a secret key');
      const access = logs.lines.filter((l) => l.component === 'access');
      expect(access).toHaveLength(1);
      expect(Object.keys(access[0]).sort()).toEqual([
        'component',
        'level',
        'method',
        'ms',
        'msg',
        'pid',
        'requestId',
        'route',
        'service',
        'status',
        'time',
      ]);
      expect(access[0]).toMatchObject({ method: 'POST', route: '/graphql', status: 200 });
      expect(logs.text()).not.toContain('very.secret.token');
      expect(logs.text()).not.toContain('also-secret');
      expect(logs.lines.find((l) => l.component === 'other')).toMatchObject({ authorization: '[redacted]' });
    } finally {
      logs.stop();
      await closeServer(server);
    }
  });
});
