// Must stay the first import: it switches Apollo's telemetry off before `@apollo/gateway` is loaded.
import './telemetry';

import { gatewayPrivateKeyFromEnv, portOf, tokenKeysFromEnv } from '@hub/kit/gateway';
import { startGateway } from './index';

/** Process entry of the gateway (`node gateway/dist/main.js`; `npm start` runs it after the subgraphs). */
process.env.NODE_ENV ??= 'production';

startGateway({
  port: portOf('gateway'),
  tokenKeys: tokenKeysFromEnv(),
  assertionKey: gatewayPrivateKeyFromEnv(),
}).then(
  (gw) => {
    console.log(`[gateway] listening on ${gw.url}`);
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`[gateway] ${signal}: stopping`);
      gw.stop().then(
        () => process.exit(0),
        (e) => {
          console.error('[gateway] failed to stop cleanly:', e);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e) => {
    console.error('[gateway] failed to start:', e);
    process.exit(1);
  },
);
