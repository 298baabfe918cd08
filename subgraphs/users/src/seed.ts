import {
  DEMO_BACKUP_CLIENTS,
  DEMO_BACKUP_SECRET,
  DEMO_PASSWORD,
  DEMO_USERS,
  Role,
  demoId,
  diff,
  hashPassword,
  inTransaction,
  recordAudit,
  scopeToTenant,
  type DemoUser,
  type HubORM,
} from '@hub/kit';
import { ApiClient } from './modules/users/api-client.entity';
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
      em.persist(
        em.create(PlatformOperator, {
          id: demo.id,
          login: demo.login,
          name: demo.name,
          passwordHash: hashes[i],
          active: true,
          createdAt,
        }),
      );
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
        const user = tx.create(User, {
          id,
          municipalityId,
          login,
          name,
          passwordHash,
          roles,
          orgUnitId,
          active: true,
          createdAt,
          disabledAt: null,
        });
        tx.persist(user);
        return user;
      });
      // Audit events last (see recordAudit): the per-municipality sequence stays locked until commit.
      for (const user of created) {
        await recordAudit(tx, null, {
          municipalityId,
          eventType: 'Zalozeni',
          objectType: 'Osoba',
          objectId: user.id,
          description: 'Demo data',
          changes: diff({}, user, ['login', 'name', 'roles', 'orgUnitId']),
        });
      }
    });
  }

  // The backup-only municipalities' backup clients (kit demo.ts DEMO_BACKUP_CLIENTS), one secret for all (demo only).
  const backupSecretHash = await hashPassword(process.env.HUB_DEMO_BACKUP_SECRET || DEMO_BACKUP_SECRET);
  for (const b of DEMO_BACKUP_CLIENTS) {
    await inTransaction(scopeToTenant(orm.em.fork(), b.municipalityId), async (tx) => {
      const client = tx.create(ApiClient, {
        id: b.id,
        municipalityId: b.municipalityId,
        name: b.name,
        login: b.login,
        roles: [Role.BACKUP_CLIENT],
        secretHash: backupSecretHash,
        active: true,
        createdAt,
        createdById: demoId('user', 'platform.admin'),
        rotatedAt: null,
        revokedAt: null,
      });
      tx.persist(client);
      await recordAudit(tx, null, {
        municipalityId: b.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Osoba',
        objectId: client.id,
        description: 'Demo data',
        changes: diff({}, client, ['login', 'name', 'roles']),
      });
    });
  }
}
