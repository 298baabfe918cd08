import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, decodeCursor, encodeCursor, notFound, forwardPageInfo, type PageInfo } from '@hub/kit';
import { RecordsOfficeItem } from './records-office-item.entity';
import { StorageUnit } from './storage-unit.entity';

export interface InventoryFilter {
  /** A full filing code: the entities of that node and of the nodes below it (`61` finds 61 and 61.1). */
  filingCode?: string | null;
  year?: number | null;
  disposalYear?: number | null;
  /** The unit and every unit inside it. */
  storageUnitId?: string | null;
  onLoan?: boolean | null;
}

export interface InventoryPage {
  edges: { cursor: string; node: RecordsOfficeItem }[];
  pageInfo: PageInfo;
  /** Counted only when a client asks (the resolver calls it). */
  totalCount: () => Promise<number>;
}

export const DEFAULT_INVENTORY_PAGE = 50;
export const MAX_INVENTORY_PAGE = 200;
const CODE = /^[\p{L}\p{N}][\p{L}\p{N} ./-]{0,254}$/u;

/** Position in the inventory: the item's sortKey and id (kit cursor.ts). */
const encode = (item: RecordsOfficeItem) => encodeCursor('inventory', [item.sortKey, item.id]);
function decode(cursor: string): { key: string; id: string } {
  const [key, id] = decodeCursor(cursor, 'inventory', ['string', 'uuid']);
  return { key, id };
}

/**
 * The records office's inventory (what it holds: taken over, in a storage unit or not, lent or not) of the
 * EntityManager's municipality, by filing code and reference number in their natural order (the stored `sortKey`),
 * then id; keyset pages like the rest of the API, on the (municipality, sortKey, id) and (municipality, disposal
 * year, sortKey, id) indexes.
 */
export async function findInventory(
  em: SqlEntityManager,
  filter: InventoryFilter,
  args: { first?: number | null; after?: string | null },
): Promise<InventoryPage> {
  const size = args.first ?? DEFAULT_INVENTORY_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_INVENTORY_PAGE)
    throw badInput(`first must be between 1 and ${MAX_INVENTORY_PAGE}`, 'first');
  const where: FilterQuery<RecordsOfficeItem>[] = [{ state: { $in: ['IN_RECORDS_OFFICE', 'ON_LOAN'] } }];
  if (filter.filingCode != null) {
    const code = filter.filingCode.trim();
    if (!CODE.test(code))
      throw badInput('filingCode must be a filing code (letters, digits, separators)', 'filingCode');
    where.push({
      $or: [
        { fullFilingCode: code },
        { fullFilingCode: { $like: `${code}.%` } },
        { fullFilingCode: { $like: `${code} %` } },
        { fullFilingCode: { $like: `${code}-%` } },
        { fullFilingCode: { $like: `${code}/%` } },
      ],
    });
  }
  if (filter.year != null) where.push({ year: filter.year });
  if (filter.disposalYear != null) where.push({ disposalYear: filter.disposalYear });
  if (filter.onLoan != null) where.push({ state: filter.onLoan ? 'ON_LOAN' : 'IN_RECORDS_OFFICE' });
  if (filter.storageUnitId != null) {
    const unit = await em.findOne(StorageUnit, { id: filter.storageUnitId });
    if (!unit) throw notFound('StorageUnit', filter.storageUnitId);
    // Paths hold only ids and slashes: nothing to escape for LIKE.
    where.push({ storageUnitPath: { $like: `${unit.path}%` } });
  }
  const base = { $and: where };
  const cursor = args.after ? decode(args.after) : null;
  const page = await em.find(
    RecordsOfficeItem,
    cursor
      ? {
          $and: [
            ...where,
            { $or: [{ sortKey: { $gt: cursor.key } }, { sortKey: cursor.key, id: { $gt: cursor.id } }] },
          ],
        }
      : base,
    { orderBy: [{ sortKey: 'asc' }, { id: 'asc' }], limit: size + 1 },
  );
  const edges = page.slice(0, size).map((node) => ({ cursor: encode(node), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, page.length > size, args.after),
    totalCount: () => em.count(RecordsOfficeItem, base),
  };
}
