import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, type Caller, forwardPageInfo, type PageInfo } from '@hub/kit';
import type { CaseFileState as CaseFileStateArg } from '../../generated/graphql';
import { visibleCaseFiles } from '../documents/visibility';
import { decodeInstantCursor, encodeInstantCursor } from '../paging';
import { CaseFile } from './case-file.entity';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface CaseFilePage {
  edges: { cursor: string; node: CaseFile }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface CaseFilePageArgs {
  state?: CaseFileStateArg | null;
  first?: number | null;
  after?: string | null;
}

/** Position in the list (openedAt DESC, id DESC); see paging.ts. */
export const encodeCaseFileCursor = (c: Pick<CaseFile, 'openedAt' | 'id'>): string =>
  encodeInstantCursor(c.openedAt, c.id);

/**
 * One page of the case files the caller may see in their municipality (tenant filter), newest first (Relay
 * connection, keyset paging on (openedAt, id) like the document list). `totalCount` counts the whole filtered set.
 */
export async function findCaseFiles(
  em: SqlEntityManager,
  caller: Caller,
  args: CaseFilePageArgs,
): Promise<CaseFilePage> {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  const cursor = args.after ? decodeInstantCursor(args.after) : null;

  const conditions: FilterQuery<CaseFile>[] = [];
  const visible = visibleCaseFiles(caller);
  if (Object.keys(visible).length > 0) conditions.push(visible);
  if (args.state) conditions.push({ state: args.state });
  const where: FilterQuery<CaseFile> = conditions.length > 0 ? { $and: conditions } : {};
  const pageWhere: FilterQuery<CaseFile> = cursor
    ? {
        $and: [
          ...conditions,
          { $or: [{ openedAt: { $lt: cursor.key } }, { openedAt: cursor.key, id: { $lt: cursor.id } }] },
        ],
      }
    : where;

  const [rows, totalCount] = await Promise.all([
    em.find(CaseFile, pageWhere, { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }], limit: size + 1 }),
    em.count(CaseFile, where),
  ]);
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCaseFileCursor(node), node }));
  return { edges, pageInfo: forwardPageInfo(edges, rows.length > size, args.after), totalCount };
}
