// Starting on an existing database must work: once the schema is built (SQLite: by the schema generator at start;
// MariaDB: by the migrations, `npm run db:migrate`), the schema generator finds nothing left to change (MariaDB adds
// things of its own, e.g. CHECK constraints on JSON, that a naive diff would try to drop) and doing it again is a no-op.
import { archives } from '@hub/archives';
import { filing } from '@hub/filing';
import {
  ensureSchema,
  initORM,
  migrateDatabase,
  testDatabase,
  testDatabaseKinds,
  type SubgraphDefinition,
} from '@hub/kit';
import { municipalities } from '@hub/municipalities';
import { users } from '@hub/users';

const definitions = [municipalities, users, filing, archives] as SubgraphDefinition<any>[];

describe.each(testDatabaseKinds())('schema on %s', (kind) => {
  it.each(definitions.map((d) => [d.name, d] as const))(
    '%s: a second start finds nothing to change',
    async (_, def) => {
      const db = testDatabase(kind, def.name);
      if (db.kind === 'mariadb') await migrateDatabase(db, def);
      const orm = await initORM({ db, entities: def.entities });
      try {
        if (db.kind === 'sqlite') await ensureSchema(orm, def.appendOnly);
        expect(await orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false })).toBe('');
        if (db.kind === 'sqlite')
          await ensureSchema(orm, def.appendOnly); // what a restart does
        else
          expect(await migrateDatabase(db, def)).toMatchObject({ applied: [], adopted: false, restoredTriggers: [] });
      } finally {
        if (db.kind === 'mariadb') await orm.schema.dropDatabase(db.dbName);
        await orm.close(true);
      }
    },
  );
});
