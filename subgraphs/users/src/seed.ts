import { DEMO_PASSWORD, DEMO_USERS, diff, hashPassword, inTransaction, recordAudit, scopeToTenant, type DemoUser, type HubORM } from '@hub/kit';
import { PlatformOperator } from './modules/users/platform-operator.entity';
import { User } from './modules/users/user.entity';

/** Demo users (domain.md §7.5), once, on an empty database. All share one password (DEMO_PASSWORD). */
export async function seedDemo(orm: HubORM): Promise<void> {
  const em = orm.em.fork();
  // Whether any user exists at all, in any municipality: the tenant filter has nothing to scope to here.
  if ((await em.count(PlatformOperator, {})) + (await em.count(User, {}, { filters: false })) > 0) return;

  const password = process.env.HUB_DEMO_PASSWORD || DEMO_PASSWORD;
  // ~133 scrypt hashes; concurrently they spread over libuv's thread pool instead of running one by one.
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(password)));
  const createdAt = new Date();

  const byMunicipality = new Map<string, { demo: DemoUser; passwordHash: string }[]>();
  DEMO_USERS.forEach((demo, i) => {
    if (demo.municipalityId === null) {
      em.persist(em.create(PlatformOperator, { id: demo.id, login: demo.login, name: demo.name, passwordHash: hashes[i], active: true, createdAt }));
    } else {
      const list = byMunicipality.get(demo.municipalityId) ?? [];
      list.push({ demo, passwordHash: hashes[i] });
      byMunicipality.set(demo.municipalityId, list);
    }
  });
  await em.flush();

  for (const [municipalityId, list] of byMunicipality) {
    await inTransaction(scopeToTenant(orm.em.fork(), municipalityId), async (tx) => {
      const created = list.map(({ demo, passwordHash }) => {
        const { id, login, name, orgUnitId, roles } = demo;
        const user = tx.create(User, { id, municipalityId, login, name, passwordHash, roles, orgUnitId, active: true, createdAt, disabledAt: null });
        tx.persist(user);
        return user;
      });
      // Audit events last (see recordAudit): the per-municipality sequence stays locked until commit.
      for (const user of created) {
        await recordAudit(tx, null, {
          municipalityId, eventType: 'Zalozeni', objectType: 'Osoba', objectId: user.id, description: 'Demo data',
          changes: diff({}, user, ['login', 'name', 'roles', 'orgUnitId']),
        });
      }
    });
  }
}
