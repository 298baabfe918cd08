// Must stay the first import: it switches Apollo's telemetry off before `@apollo/gateway` is loaded.
import './telemetry';

import { gatewayPrivateKeyFromEnv, logger, portOf, setServiceName, tokenKeysFromEnv } from '@hub/kit/gateway';
import { startGateway } from './index';

/** Process entry of the gateway (`node gateway/dist/main.js`; `npm start` runs it after the subgraphs). */
process.env.NODE_ENV ??= 'production';
setServiceName('gateway');
const log = logger.child({ component: 'gateway' });

startGateway({
  port: portOf('gateway'),
  tokenKeys: tokenKeysFromEnv(),
  assertionKey: gatewayPrivateKeyFromEnv(),
}).then(
  (gw) => {
    log.info({ url: gw.url }, 'listening');
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      gw.stop().then(
        () => process.exit(0),
        (e) => {
          log.error({ err: e }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e) => {
    log.fatal({ err: e }, 'failed to start');
    process.exit(1);
  },
);
