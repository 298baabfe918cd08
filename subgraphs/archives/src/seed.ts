import { DEMO_ARCHIVE, type HubORM } from '@hub/kit';
import { Archive } from './modules/archives/archive.entity';

/**
 * The demo archive, SOkA Blansko (domain.md §7.1), once, on an empty directory. No audit event: the directory
 * belongs to no municipality, and the audit log is per municipality.
 */
export async function seedDemo(orm: HubORM): Promise<void> {
  const em = orm.em.fork();
  if ((await em.count(Archive, {})) > 0) return;
  em.persist(em.create(Archive, { ...DEMO_ARCHIVE }));
  await em.flush();
}
