import {
  DEMO_RECORDS_MUNICIPALITIES,
  demoId,
  icoFrom,
  inTransaction,
  recordAudit,
  scopeToTenant,
  type HubORM,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { findOrCreateParty, validateParty } from './modules/parties/parties';
import { Party } from './modules/parties/party.entity';
import { addAuditLogRegister, auditLogRegisterId } from './modules/audit-log/rendition-register';
import { createDemoPlan } from './modules/filing-plans/demo-plan';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import { ensureStandardKinds } from './modules/document-kinds/document-kinds';
import { Register } from './modules/registers/register.entity';
import { addRegister, registerAuditChanges } from './modules/registers/registers';

/**
 * Demo data (domain.md §7), checked per municipality and per part, so an interrupted seed completes later and a
 * database seeded before a part existed gets it on the next start:
 * - registers: each municipality's podací deník, prefixed with its abbreviation, and a separate register of
 *   received invoices;
 * - the sample filing plan of §7.3 (modules/filing-plans/demo-plan.ts), for municipalities without any plan;
 * - the separate register "Transakční protokoly" (prefix TP) the log's daily renditions are filed in;
 * - the standard document kinds (document-kinds.ts), for municipalities without any.
 * - three parties of the name register (an authority, a company, a citizen of the place), for municipalities
 *   whose register is empty. Their IČOs (98xxxxxx, checksum-valid) and data boxes are invented, like the tenants'.
 */
export async function seedDemo(orm: HubORM): Promise<void> {
  // Backup-only municipalities (kit demo.ts DEMO_BACKUP_ONLY) keep no records here: nothing is seeded for them.
  for (const m of DEMO_RECORDS_MUNICIPALITIES) {
    const em = scopeToTenant(orm.em.fork(), m.id);
    if ((await em.count(Register, {})) > 0) continue;
    await inTransaction(em, async (tx) => {
      const registers = [
        addRegister(
          tx,
          m.id,
          { name: 'Podací deník', kind: 'MAIN', referencePrefix: m.abbreviation },
          demoId('register', `${m.abbreviation}:main`),
        ),
        addRegister(
          tx,
          m.id,
          { name: 'Faktury přijaté', kind: 'SEPARATE', referencePrefix: 'FP' },
          demoId('register', `${m.abbreviation}:invoices`),
        ),
      ];
      for (const register of registers) {
        await recordAudit(tx, null, {
          municipalityId: m.id,
          eventType: 'Zalozeni',
          objectType: 'Denik',
          objectId: register.id,
          description: 'Demo data',
          changes: registerAuditChanges(register),
        });
      }
    });
  }
  for (const m of DEMO_RECORDS_MUNICIPALITIES) {
    await inTransaction(scopeToTenant(orm.em.fork(), m.id), (tx) => ensureStandardKinds(tx, m.id, null, 'Demo data'));
  }
  for (const m of DEMO_RECORDS_MUNICIPALITIES) {
    const em = scopeToTenant(orm.em.fork(), m.id);
    if ((await em.count(FilingPlan, {})) > 0) continue;
    await inTransaction(em, (tx) => createDemoPlan(tx, m));
  }
  for (const m of DEMO_RECORDS_MUNICIPALITIES) {
    const em = scopeToTenant(orm.em.fork(), m.id);
    if (await em.findOne(Register, { id: auditLogRegisterId(m.id) })) continue;
    await inTransaction(em, (tx) => addAuditLogRegister(tx, m.id, 'Demo data'));
  }
  const now = new Date();
  for (const m of DEMO_RECORDS_MUNICIPALITIES) {
    const em = scopeToTenant(orm.em.fork(), m.id) as unknown as SqlEntityManager;
    if ((await em.count(Party, {})) > 0) continue;
    await inTransaction(em, async (tx) => {
      for (const input of demoParties(m.name))
        await findOrCreateParty(tx, null, m.id, validateParty(input, 'demo', now), 'MANUAL', now);
    });
  }
}

/** The demo name register of a municipality (invented identifiers; the authority's address is the real seat). */
function demoParties(place: string) {
  return [
    {
      kind: 'PUBLIC_AUTHORITY' as const,
      name: 'Krajský úřad Jihomoravského kraje',
      ico: icoFrom('9800001'),
      dataBoxId: 'demokr1',
      postalAddress: {
        street: 'Žerotínovo náměstí',
        houseNumber: '449',
        orientationNumber: '3',
        municipality: 'Brno',
        municipalityPart: 'Brno-město',
        postCode: '601 82',
      },
    },
    {
      kind: 'LEGAL_PERSON' as const,
      name: 'Stavby Kras s.r.o.',
      ico: icoFrom('9800002'),
      dataBoxId: 'demost2',
      email: 'podatelna@stavby-kras.example',
      postalAddress: {
        street: 'Svitavská',
        houseNumber: '1234',
        orientationNumber: '5',
        municipality: 'Blansko',
        postCode: '678 01',
      },
    },
    {
      kind: 'NATURAL_PERSON' as const,
      givenName: 'Jan',
      familyName: 'Novák',
      email: 'jan.novak@example.cz',
      // A village without streets: the village's name stands for the street (kit/address.ts).
      postalAddress: { street: place, houseNumber: '12', municipality: place, postCode: '678 01' },
    },
  ];
}
