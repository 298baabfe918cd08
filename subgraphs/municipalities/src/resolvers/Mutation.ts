import {
  Role,
  badInput,
  validatePostalAddress,
  conflict,
  diff,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  recordAudit,
  requireCaller,
  scopeToTenant,
  type SubgraphContext,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { MutationResolvers } from '../generated/graphql';
import { Municipality, seatColumns } from '../modules/municipalities/municipality.entity';
import { OrgUnit } from '../modules/municipalities/org-unit.entity';
import { validateMunicipality } from '../modules/municipalities/validation';

const AUDITED_FIELDS: (keyof Municipality)[] = [
  'name',
  'ico',
  'abbreviation',
  'dataBoxId',
  'type',
  'population',
  'competentArchiveId',
  'seatStreet',
  'seatHouseNumber',
  'seatOrientationNumber',
  'seatMunicipality',
  'seatMunicipalityPart',
  'seatPostCode',
  'backupOnly',
];

/** The archive is owned by the archives subgraph: ask it, do not trust the id. */
async function assertArchiveExists(ctx: SubgraphContext, archiveId: string | null | undefined) {
  if (!archiveId) return;
  const [archive] = await ctx.peers.entities('archives', 'Archive', [archiveId], 'id');
  if (!archive) throw badInput(`Archive ${archiveId} does not exist`, 'competentArchiveId');
}

async function assertUnique(ctx: SubgraphContext, fields: Partial<Municipality>, exceptId?: string) {
  for (const key of ['ico', 'abbreviation', 'dataBoxId'] as const) {
    if (fields[key] == null) continue;
    const other = await ctx.em.findOne(Municipality, { [key]: fields[key] });
    if (other && other.id !== exceptId) throw conflict(`Another municipality already has ${key} ${fields[key]}`);
  }
}

export const Mutation: MutationResolvers = {
  createMunicipality: async (_, { input }, ctx) => {
    const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
    validateMunicipality(input);
    const seat = validatePostalAddress(input.seatAddress, 'seatAddress');
    const { seatAddress: _seat, ...fields } = input;
    await assertUnique(ctx, fields);
    await assertArchiveExists(ctx, input.competentArchiveId);
    const id = randomUUID();
    // The new municipality is the tenant of its own audit event.
    return inTransaction(scopeToTenant(ctx.em.fork(), id), async (tx) => {
      const m = tx.create(Municipality, {
        id,
        name: input.name.trim(),
        ico: input.ico,
        abbreviation: input.abbreviation,
        dataBoxId: input.dataBoxId,
        type: input.type,
        population: input.population,
        competentArchiveId: input.competentArchiveId ?? null,
        ...seatColumns(seat),
        backupOnly: input.backupOnly ?? false,
        createdAt: new Date(),
      });
      tx.persist(m);
      await recordAudit(tx, caller, {
        municipalityId: id,
        eventType: 'Zalozeni',
        objectType: 'KonfiguraceSystemu',
        objectId: id,
        description: `Municipality ${m.name} created`,
        changes: diff({}, m, AUDITED_FIELDS),
      });
      return m;
    });
  },

  updateMunicipality: async (_, { id, input }, ctx) => {
    const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN]);
    validateMunicipality(input);
    const { seatAddress, ...fields } = input;
    const patch = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined && v !== null),
    ) as Partial<Municipality>;
    if (input.competentArchiveId === null) patch.competentArchiveId = null;
    if (seatAddress) Object.assign(patch, seatColumns(validatePostalAddress(seatAddress, 'seatAddress')));
    await assertUnique(ctx, patch, id);
    await assertArchiveExists(ctx, patch.competentArchiveId);
    return inTransaction(scopeToTenant(ctx.em.fork(), id), async (tx) => {
      const m = await tx.findOne(Municipality, { id });
      if (!m) throw notFound('Municipality', id);
      const before = { ...m };
      tx.assign(m, patch);
      const changes = diff(before, m, AUDITED_FIELDS);
      if (changes.length > 0) {
        await recordAudit(tx, caller, {
          municipalityId: id,
          eventType: 'Uprava',
          objectType: 'KonfiguraceSystemu',
          objectId: id,
          changes,
        });
      }
      return m;
    });
  },

  createOrgUnit: async (_, { input }, ctx) => {
    const caller = requireCaller(ctx, [Role.PLATFORM_ADMIN, Role.TENANT_ADMIN]);
    if (!hasRole(caller, Role.PLATFORM_ADMIN) && caller.municipalityId !== input.municipalityId) {
      throw forbidden('Tenant admins create org units of their own municipality only');
    }
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput('name must be 1–200 characters', 'name');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/.test(input.code))
      throw badInput('code must be 1–50 letters, digits, . _ -', 'code');
    if (!(await ctx.em.findOne(Municipality, { id: input.municipalityId })))
      throw notFound('Municipality', input.municipalityId);
    return inTransaction(scopeToTenant(ctx.em.fork(), input.municipalityId), async (tx) => {
      if (await tx.findOne(OrgUnit, { code: input.code })) throw conflict(`Org unit code ${input.code} is taken`);
      const unit = tx.create(OrgUnit, {
        id: randomUUID(),
        municipalityId: input.municipalityId,
        name,
        code: input.code,
        active: true,
      });
      tx.persist(unit);
      await recordAudit(tx, caller, {
        municipalityId: input.municipalityId,
        eventType: 'Zalozeni',
        objectType: 'OrganizacniJednotka',
        objectId: unit.id,
        changes: diff({}, unit, ['name', 'code']),
      });
      return unit;
    });
  },
};
