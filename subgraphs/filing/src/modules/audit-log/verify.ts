import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { scopeToTenant } from '@hub/kit';
import { GENESIS_HASH, entryHash } from './chain';
import { LogEntry } from './log-entry.entity';

/** The entry part of `AuditLogVerification` (the renditions part is rendition-verify's). */
export interface LogVerification {
  ok: boolean;
  /** Entries found intact, from poradi 1 up to the first problem (all of them when ok). */
  entriesChecked: number;
  /** The first entry that was changed, removed or inserted. */
  firstBadPoradi: number | null;
  problem: string | null;
}

const PAGE = 1000;

/**
 * Recomputes a municipality's hash chain (docs/architecture.md, "Audit log"). Streams the entries in poradi order,
 * a page at a time (keyset on poradi and id, so even a duplicated poradi is seen), and checks that
 * - poradi runs 1, 2, 3 … without a gap or a repeat, and ends at the log head (the `log:<municipality>` counter:
 *   an entry removed from the end, or appended behind the ingest's back, shows there; someone who can also set the
 *   counter is caught by the sealed daily renditions instead);
 * - each `prevHash` is the previous entry's `hash`;
 * - each `hash` is the hash of the entry's content (`entryHash`).
 * Entries appended while it runs are checked too (it reads the head again when it reaches the end). Read-only.
 */
export async function verifyLog(
  em: SqlEntityManager,
  municipalityId: string,
  opts: { pageSize?: number } = {},
): Promise<LogVerification> {
  const pageSize = opts.pageSize ?? PAGE;
  const db = scopeToTenant(em.fork({ clear: true }), municipalityId);
  let checked = 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let last = null as { poradi: number; id: string } | null;
  const bad = (poradi: number, problem: string): LogVerification => ({
    ok: false,
    entriesChecked: checked,
    firstBadPoradi: poradi,
    problem,
  });

  for (;;) {
    // Stream to the current end.
    let readAny = false;
    for (;;) {
      const where: FilterQuery<LogEntry> = last
        ? { municipalityId, $or: [{ poradi: { $gt: last.poradi } }, { poradi: last.poradi, id: { $gt: last.id } }] }
        : { municipalityId };
      const page: LogEntry[] = await db.find(LogEntry, where, {
        orderBy: [{ poradi: 'asc' }, { id: 'asc' }],
        limit: pageSize,
        disableIdentityMap: true,
      });
      for (const e of page) {
        readAny = true;
        if (e.poradi < expected)
          return bad(e.poradi, `entry ${e.poradi} appears more than once (an entry was inserted)`);
        if (e.poradi > expected) {
          return bad(
            expected,
            `entry ${expected} is missing (removed)${e.poradi > expected + 1 ? `, and the ${e.poradi - expected - 1} after it` : ''}`,
          );
        }
        const problem = checkEntry(e, prevHash);
        if (problem) return bad(problem.poradi, problem.text);
        prevHash = e.hash;
        expected++;
        checked++;
        last = { poradi: e.poradi, id: e.id };
      }
      if (page.length < pageSize) break;
    }
    const head = await logHead(db, municipalityId);
    const end = expected - 1;
    if (head === null) return { ok: true, entriesChecked: checked, firstBadPoradi: null, problem: null };
    if (end > head) {
      checked = head; // what lies beyond the head is not intact
      return bad(head + 1, `entry ${head + 1} lies beyond the log head (${head}): it was inserted`);
    }
    if (end === head) return { ok: true, entriesChecked: checked, firstBadPoradi: null, problem: null };
    // The head moved on while we read (new entries), or entries at the end are gone: read on once more.
    if (!readAny && end < head) return bad(end + 1, `entry ${end + 1} is missing (removed; the log head is ${head})`);
  }
}

/** What is wrong with entry `e` given the previous entry's hash, or null. */
function checkEntry(e: LogEntry, prevHash: string): { poradi: number; text: string } | null {
  const ownHashOk = entryHash(e) === e.hash;
  if (e.prevHash !== prevHash) {
    if (e.poradi === 1)
      return { poradi: 1, text: 'entry 1: does not start the chain (its previous hash is not the genesis hash)' };
    if (!ownHashOk)
      return (
        renumbered(e) ?? {
          poradi: e.poradi,
          text: `entry ${e.poradi}: content changed (hash mismatch), and it no longer links to entry ${e.poradi - 1}`,
        }
      );
    // The entry itself is intact, so the one before it was changed and its hash recomputed (or this one forged).
    return {
      poradi: e.poradi - 1,
      text: `entry ${e.poradi - 1}: content changed and re-hashed (entry ${e.poradi} still links to its original hash)`,
    };
  }
  if (!ownHashOk)
    return renumbered(e) ?? { poradi: e.poradi, text: `entry ${e.poradi}: content changed (hash mismatch)` };
  return null;
}

/**
 * An entry whose hash fits another poradi was renumbered to close a gap or to make room: names what was removed or
 * inserted rather than just "changed".
 */
function renumbered(e: LogEntry): { poradi: number; text: string } | null {
  if (entryHash({ ...e, poradi: e.poradi + 1 }) === e.hash) {
    return {
      poradi: e.poradi,
      text: `entry ${e.poradi} is missing (removed; the entries after it were renumbered down)`,
    };
  }
  if (entryHash({ ...e, poradi: e.poradi - 1 }) === e.hash) {
    return {
      poradi: e.poradi - 1,
      text: `entry ${e.poradi - 1} was inserted (the entries after it were renumbered up)`,
    };
  }
  return null;
}

/**
 * The committed head of the municipality's log: the last poradi the ingest gave out. Null when there is no counter
 * (entries written by test fixtures); then only the chain itself is checked.
 */
async function logHead(em: SqlEntityManager, municipalityId: string): Promise<number | null> {
  const row = await em
    .getKnex()('sequence_counter')
    .where({ name: `log:${municipalityId}` })
    .first('current_value');
  return row ? Number(row.current_value) : null;
}
