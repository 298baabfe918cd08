import {
  DEMO_ARCHIVE,
  DEMO_MUNICIPALITIES,
  diff,
  inTransaction,
  recordAudit,
  scopeToTenant,
  type HubORM,
} from '@hub/kit';
import { Municipality, seatColumns } from './modules/municipalities/municipality.entity';
import { OrgUnit } from './modules/municipalities/org-unit.entity';

/** Demo tenants and their org units (domain.md §7), once, on an empty database. */
export async function seedDemo(orm: HubORM): Promise<void> {
  if ((await orm.em.fork().count(Municipality, {})) > 0) return;
  for (const d of DEMO_MUNICIPALITIES) {
    await inTransaction(scopeToTenant(orm.em.fork(), d.id), async (tx) => {
      const { orgUnits, seatAddress, ...fields } = d;
      const m = tx.create(Municipality, {
        ...fields,
        ...seatColumns(seatAddress),
        competentArchiveId: DEMO_ARCHIVE.id,
        backupOnly: fields.backupOnly,
        createdAt: new Date(),
      });
      await recordAudit(tx, null, {
        municipalityId: d.id,
        eventType: 'Zalozeni',
        objectType: 'KonfiguraceSystemu',
        objectId: d.id,
        description: 'Demo data',
        changes: diff({}, m, ['name', 'ico', 'abbreviation', 'dataBoxId', 'backupOnly']),
      });
      for (const u of orgUnits) {
        tx.create(OrgUnit, { ...u, municipalityId: d.id, active: true });
        await recordAudit(tx, null, {
          municipalityId: d.id,
          eventType: 'Zalozeni',
          objectType: 'OrganizacniJednotka',
          objectId: u.id,
          description: 'Demo data',
        });
      }
    });
  }
}
