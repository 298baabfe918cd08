import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  RECORDS_OFFICE_STATE_CHANGE,
  conflict,
  inTransaction,
  notFound,
  recordAudit,
  type AuditChange,
  type Peers,
  type TenantCaller,
} from '@hub/kit';
import { assertNotInActiveProposal } from '../disposal/proposal';
import { assertNotBlocked } from './disposal-check';
import { lockItem, objectTypeOf, validText } from './common';
import { RecordsOfficeContent, RecordsOfficeItem, type RecordsEntityKind } from './records-office-item.entity';
import { StorageUnit } from './storage-unit.entity';
import { unitTrail } from './storage-units';

/** What archives reads of a hand-over list from filing (schema `RecordsHandOverEntry`). */
interface HandOverEntry {
  kind: RecordsEntityKind;
  id: string;
  state: string;
  referenceNumber: string;
  title: string;
  fullFilingCode: string;
  year: number;
  disposalCode: string | null;
  retentionYears: number | null;
  disposalYear: number | null;
  sortKey: string;
  documentIds: string[];
}
const ENTRY_FIELDS =
  'id entries { kind id state referenceNumber title fullFilingCode year disposalCode retentionYears disposalYear sortKey documentIds }';

const stateChange = (old: string, to: string): AuditChange => ({ name: RECORDS_OFFICE_STATE_CHANGE, old, new: to });

/**
 * Převzetí do spisovny (TrP `PrevzetiNaSpisovnu`): the records office takes over a whole hand-over list. The list
 * and its entities are filing's: archives reads them through `_entities(RecordsHandOver)` as the same caller
 * (another municipality's list is "not found", like an unknown one), checks that every entry is still handed over
 * and not already here, then stores an item per entity (and a case file's documents) with its TrP event in one
 * transaction. The events carry the custody change, which filing's log ingest applies to its states
 * (kit records-office.ts): nothing here writes filing's tables, and nothing is half-applied.
 */
export async function takeOverHandOverList(
  em: SqlEntityManager,
  caller: TenantCaller,
  peers: Peers,
  handOverListId: string,
  now: Date,
): Promise<RecordsOfficeItem[]> {
  const [list] = await peers.entities<{ id: string; entries: HandOverEntry[] }>(
    'filing',
    'RecordsHandOver',
    [handOverListId],
    ENTRY_FIELDS,
  );
  if (!list) throw notFound('RecordsHandOver', handOverListId);
  const waiting = list.entries.filter((e) => e.state !== 'HANDED_TO_RECORDS_OFFICE');
  if (waiting.length > 0) {
    throw conflict(
      `The hand-over list is not waiting for the records office: ${waiting.map((e) => `${e.referenceNumber} is ${e.state}`).join(', ')}`,
    );
  }
  return inTransaction(em, async (tx) => {
    const ids = list.entries.map((e) => e.id);
    const existing = new Map(
      (await tx.find(RecordsOfficeItem, { id: { $in: ids } }, { refresh: true })).map((i) => [i.id, i]),
    );
    const here = [...existing.values()].filter((i) => i.state !== 'RETURNED');
    // Taken over a moment ago, before filing has applied it: filing still says HANDED_TO_RECORDS_OFFICE.
    if (here.length > 0)
      throw conflict(`Already in the records office: ${here.map((i) => i.referenceNumber).join(', ')}`);
    const items: RecordsOfficeItem[] = [];
    for (const e of list.entries) {
      const fields = {
        municipalityId: caller.municipalityId,
        kind: e.kind,
        state: 'IN_RECORDS_OFFICE' as const,
        handOverListId,
        referenceNumber: e.referenceNumber,
        title: e.title,
        fullFilingCode: e.fullFilingCode,
        year: e.year,
        disposalCode: e.disposalCode,
        retentionYears: e.retentionYears,
        disposalYear: e.disposalYear,
        sortKey: e.sortKey,
        storageUnitId: null,
        storageUnitPath: null,
        quantity: null,
        takenOverAt: now,
        takenOverById: caller.userId,
      };
      // Returned once and handed over again: the same row, its earlier loans stay linked.
      const again = existing.get(e.id);
      items.push(again ? Object.assign(again, fields) : tx.create(RecordsOfficeItem, { id: e.id, ...fields }));
      if (e.kind === 'CASE_FILE') {
        await tx.nativeDelete(RecordsOfficeContent, { caseFileId: e.id });
        for (const documentId of e.documentIds)
          tx.create(RecordsOfficeContent, { documentId, municipalityId: caller.municipalityId, caseFileId: e.id });
      }
    }
    await tx.flush();
    for (const item of items) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'PrevzetiNaSpisovnu',
        objectType: objectTypeOf(item),
        objectId: item.id,
        description: `${item.referenceNumber} taken over by the records office`,
        changes: [
          stateChange('HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE'),
          { name: 'handOverListId', old: null, new: handOverListId },
        ],
      });
    }
    return items;
  });
}

/**
 * Puts an entity of the records office into a storage unit (TrP `VlozeniDoUkladaciJednotky`), moving it out of
 * the one it was in first (`VyjmutiZUkladaciJednotky`), and records its quantity when given (analog records).
 */
export async function placeInStorageUnit(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: { entityId: string; storageUnitId: string; quantity?: string | null },
): Promise<RecordsOfficeItem> {
  const quantity = validText(input.quantity, 'quantity', 200, false);
  return inTransaction(em, async (tx) => {
    const item = await lockItem(tx, input.entityId);
    assertNotTransferred(item, 'put into a storage unit');
    const unit = await tx.findOne(StorageUnit, { id: input.storageUnitId });
    if (!unit) throw notFound('StorageUnit', input.storageUnitId);
    if (item.storageUnitId === unit.id && (quantity == null || quantity === item.quantity)) {
      throw conflict(`${item.referenceNumber} already lies in ${unit.name}`);
    }
    const label = (await unitTrail(tx, unit)).map((u) => u.name).join(' / ');
    const before = { storageUnitId: item.storageUnitId, quantity: item.quantity };
    item.storageUnitId = unit.id;
    item.storageUnitPath = unit.path;
    if (quantity != null) item.quantity = quantity;
    await tx.flush();
    if (before.storageUnitId && before.storageUnitId !== unit.id)
      await recordRemoval(tx, caller, item, before.storageUnitId);
    const changes: AuditChange[] = [];
    if (before.storageUnitId !== unit.id) changes.push({ name: 'storageUnitId', old: null, new: unit.id });
    if (before.quantity !== item.quantity) changes.push({ name: 'quantity', old: before.quantity, new: item.quantity });
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: before.storageUnitId === unit.id ? 'Uprava' : 'VlozeniDoUkladaciJednotky',
      objectType: objectTypeOf(item),
      objectId: item.id,
      description: `${item.referenceNumber} in ${label}`,
      changes,
    });
    return item;
  });
}

/** A record the archive has taken over (TRANSFERRED) is no longer the records office's to move or give back. */
function assertNotTransferred(item: RecordsOfficeItem, action: string): void {
  if (item.state === 'TRANSFERRED')
    throw conflict(`${item.referenceNumber} has been transferred to the archive: it cannot be ${action}`);
}

function recordRemoval(tx: SqlEntityManager, caller: TenantCaller, item: RecordsOfficeItem, unitId: string) {
  return recordAudit(tx, caller, {
    municipalityId: caller.municipalityId,
    eventType: 'VyjmutiZUkladaciJednotky',
    objectType: objectTypeOf(item),
    objectId: item.id,
    description: `${item.referenceNumber} taken out of its storage unit`,
    changes: [{ name: 'storageUnitId', old: unitId, new: null }],
  });
}

/** Takes an entity out of its storage unit (TrP `VyjmutiZUkladaciJednotky`). */
export async function removeFromStorageUnit(
  em: SqlEntityManager,
  caller: TenantCaller,
  entityId: string,
): Promise<RecordsOfficeItem> {
  return inTransaction(em, async (tx) => {
    const item = await lockItem(tx, entityId);
    assertNotTransferred(item, 'taken out of a storage unit');
    if (!item.storageUnitId) throw conflict(`${item.referenceNumber} lies in no storage unit`);
    const unitId = item.storageUnitId;
    item.storageUnitId = null;
    item.storageUnitPath = null;
    await tx.flush();
    await recordRemoval(tx, caller, item, unitId);
    return item;
  });
}

/**
 * Vrácení ze spisovny (TrP `VraceniZeSpisovny`): the records office gives an entity back to the office (filing
 * makes it CLOSED again, so its handler may reopen it). Not while it is lent or under an active disposal hold
 * (disposal-check.ts): out of the records office, nothing would keep it from being changed. It leaves its storage
 * unit. A reason is required.
 */
export async function returnFromRecordsOffice(
  em: SqlEntityManager,
  caller: TenantCaller,
  entityId: string,
  reason: string,
): Promise<RecordsOfficeItem> {
  const why = validText(reason, 'reason', 2000, true)!;
  return inTransaction(em, async (tx) => {
    const item = await lockItem(tx, entityId);
    assertNotTransferred(item, 'returned from the records office');
    await assertNotBlocked(tx, [item.id], 'returned from the records office', () => item.referenceNumber);
    await assertNotInActiveProposal(tx, item, 'returned from the records office');
    const unitId = item.storageUnitId;
    item.state = 'RETURNED';
    item.storageUnitId = null;
    item.storageUnitPath = null;
    await tx.flush();
    if (unitId) await recordRemoval(tx, caller, item, unitId);
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'VraceniZeSpisovny',
      objectType: objectTypeOf(item),
      objectId: item.id,
      description: why,
      changes: [stateChange('IN_RECORDS_OFFICE', 'CLOSED')],
    });
    return item;
  });
}
