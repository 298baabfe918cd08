// Starting on an existing database must work: after the schema is ensured, a second sync has nothing to do
// (MariaDB adds things of its own, e.g. CHECK constraints on JSON, that a naive diff would try to drop).
import { archives } from '@hub/archives';
import { filing } from '@hub/filing';
import { ensureSchema, initORM, testDatabase, testDatabaseKinds } from '@hub/kit';
import { municipalities } from '@hub/municipalities';
import { users } from '@hub/users';

const definitions = [municipalities, users, filing, archives];

describe.each(testDatabaseKinds())('schema on %s', (kind) => {
  it.each(definitions.map((d) => [d.name, d] as const))('%s: a second start finds nothing to change', async (_, def) => {
    const db = testDatabase(kind, def.name);
    const orm = await initORM({ db, entities: def.entities });
    try {
      await ensureSchema(orm);
      expect(await orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false })).toBe('');
      await ensureSchema(orm); // what a restart does
    } finally {
      if (db.kind === 'mariadb') await orm.schema.dropDatabase(db.dbName);
      await orm.close(true);
    }
  });
});
