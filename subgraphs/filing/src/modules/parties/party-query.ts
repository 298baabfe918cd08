import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, forwardPageInfo, type PageInfo } from '@hub/kit';
import { LIKE_ESCAPE, containsPattern } from '../documents/search';
import { decodeInstantCursor, encodeInstantCursor } from '../paging';
import { Party } from './party.entity';

export const MAX_PARTY_PAGE = 100;
const MAX_SEARCH = 300;

export interface PartyPage {
  edges: { cursor: string; node: Party }[];
  pageInfo: PageInfo;
  /** Parties matching `search` in the whole register; counted only when a client selects `totalCount`. */
  totalCount: () => Promise<number>;
}

export interface PartyListArgs {
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * `parties`: the municipality's name register, newest first, keyset-paged on (createdAt, id) like the other lists
 * (paging.ts). `search` finds a name substring (folded, so "novak" finds Novák on both databases), or exactly an
 * IČO or a data box id, which is what the podatelna types when a letter carries one. The tenant filter scopes it.
 */
export async function findParties(em: SqlEntityManager, args: PartyListArgs): Promise<PartyPage> {
  const size = args.first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PARTY_PAGE)
    throw badInput(`first must be between 1 and ${MAX_PARTY_PAGE}`, 'first');
  const search = args.search?.trim() ?? '';
  if (search.length > MAX_SEARCH) throw badInput(`search must be at most ${MAX_SEARCH} characters`, 'search');
  // A function, not a value: MikroORM's raw() fragment is consumed by the query that uses it, and the count needs its own.
  const searchConditions = (): FilterQuery<Party>[] => {
    if (!search) return [];
    // Raw because MikroORM's $like has no ESCAPE clause (as document-query.ts `folded`).
    const byName = {
      [raw((alias) => `${alias}.name_folded like ? escape '${LIKE_ESCAPE}'`, [containsPattern(search)])]: [],
    } as FilterQuery<Party>;
    return [{ $or: [byName, { ico: search }, { dataBoxId: search }] }];
  };
  const conditions = searchConditions();
  if (args.after) {
    const { key, id } = decodeInstantCursor(args.after);
    conditions.push({ $or: [{ createdAt: { $lt: key } }, { createdAt: key, id: { $lt: id } }] });
  }
  const rows = await em.find(Party, conditions.length ? { $and: conditions } : {}, {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: size + 1,
  });
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeInstantCursor(node.createdAt, node.id), node }));
  return {
    edges,
    pageInfo: forwardPageInfo(edges, rows.length > size, args.after),
    totalCount: () => {
      const matching = searchConditions();
      return em.count(Party, matching.length ? { $and: matching } : {});
    },
  };
}
