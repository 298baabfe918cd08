// HUB_BUILDING (config.ts): the building a process runs in shows in its log lines, its /ready answer and the metric
// hub_building_info, so an operator sees which building serves after a failover.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { hubBuilding } from './config';
import { closeServer, createHttpServer } from './http';
import { createLogger } from './logger';
import { metricsText } from './metrics';

describe('HUB_BUILDING', () => {
  const saved = process.env.HUB_BUILDING;
  afterEach(() => {
    if (saved === undefined) delete process.env.HUB_BUILDING;
    else process.env.HUB_BUILDING = saved;
  });

  it('is read from the environment, blank meaning none', () => {
    expect(hubBuilding({ HUB_BUILDING: ' B ' })).toBe('B');
    expect(hubBuilding({ HUB_BUILDING: '' })).toBeUndefined();
    expect(hubBuilding({})).toBeUndefined();
  });

  it('is in every log line, in /ready and in hub_building_info', async () => {
    const lines: string[] = [];
    const log = createLogger(
      { HUB_BUILDING: 'B', HUB_LOG_LEVEL: 'info' },
      { write: (l: string) => void lines.push(l) },
    );
    log.child({ component: 'test' }).info('hello');
    expect(JSON.parse(lines[0])).toMatchObject({ building: 'B', component: 'test', msg: 'hello' });

    process.env.HUB_BUILDING = 'B';
    const server = createHttpServer({ service: 'test', health: async () => undefined, graphql: async () => undefined });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ready`);
      expect(await res.json()).toEqual({ status: 'ready', checks: {}, building: 'B' });
    } finally {
      await closeServer(server);
    }
    expect((await metricsText()).body).toMatch(/hub_building_info\{building="B"\} 1/);
  });
});
