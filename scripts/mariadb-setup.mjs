#!/usr/bin/env node
// npm run db:mariadb:setup — creates the MariaDB user `hub` and the databases hub_<subgraph>.
import { setUpMariaDb } from './mariadb.mjs';

const url = await setUpMariaDb();
console.log('MariaDB is ready. Start the hub on it with:');
console.log(`  HUB_DATABASE_URL=${url} npm start`);
