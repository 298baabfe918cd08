import { DEMO_MUNICIPALITIES, diff, inTransaction, recordAudit, scopeToTenant, type HubORM } from '@hub/kit';
import { Municipality, seatColumns } from './modules/municipalities/municipality.entity';

const SEAT_FIELDS = [
  'seatStreet',
  'seatHouseNumber',
  'seatOrientationNumber',
  'seatMunicipality',
  'seatMunicipalityPart',
  'seatPostCode',
] as const;

/**
 * Runs at every start after the schema is checked, rows only (kit `prepareSchema`). Demo municipalities created
 * before seats were recorded get theirs (kit demo.ts), each with its `Uprava` event by the system, so the SIP's
 * `SidloOrganizace` is never empty for them. A municipality created by hand before then keeps a null seat until the
 * platform admin sets it: the hub cannot know it. Idempotent: only rows without a seat are touched (one cheap
 * lookup once all have one).
 */
export async function upgradeData(orm: HubORM): Promise<void> {
  const missing = await orm.em.fork().find(Municipality, { seatStreet: null }, { fields: ['id'] });
  const demo = new Map(DEMO_MUNICIPALITIES.map((d) => [d.id, d]));
  for (const { id } of missing) {
    const d = demo.get(id);
    if (!d) continue;
    await inTransaction(scopeToTenant(orm.em.fork(), id), async (tx) => {
      const m = await tx.findOneOrFail(Municipality, { id });
      if (m.seatStreet) return;
      const before = { ...m };
      Object.assign(m, seatColumns(d.seatAddress));
      await tx.flush();
      await recordAudit(tx, null, {
        municipalityId: id,
        eventType: 'Uprava',
        objectType: 'KonfiguraceSystemu',
        objectId: id,
        description: 'Seat address of the demo municipality (data upgrade)',
        changes: diff(before, m, [...SEAT_FIELDS]),
      });
    });
  }
}
