#!/usr/bin/env node
// npm run db:mariadb:setup — creates the MariaDB accounts (owner `hub_owner`, runtime `hub`) and the databases
// hub_<subgraph>. Then `npm run db:migrate` builds the schema with the owner account.
import { setUpMariaDb } from './mariadb.mjs';

const { runtimeUrl, ownerUrl } = await setUpMariaDb();
const hide = (url) => url.replace(/:[^:@/]*@/, ':***@');
console.log('MariaDB accounts and databases are ready:');
console.log(`  owner (schema changes, db:migrate only): ${hide(ownerUrl)}`);
console.log(`  runtime (the services; no DDL):          ${hide(runtimeUrl)}`);
console.log('Build or upgrade the schema, then start the hub on it:');
console.log('  npm run db:migrate');
console.log(
  `  HUB_DATABASE_URL=${hide(runtimeUrl)} npm start    (the runtime password: HUB_MARIADB_PASSWORD, default hub)`,
);
