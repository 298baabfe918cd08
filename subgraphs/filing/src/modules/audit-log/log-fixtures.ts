import { scopeToTenant, type HubORM } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, entryHash } from './chain';
import { LogEntry } from './log-entry.entity';

/**
 * For tests: appends entries to a municipality's log directly, as the ingest would (next poradi, prevHash of
 * the last entry, valid hash), so reading and export can be tested without the outbox relay. Each spec
 * overrides the defaults; `poradi`, `prevHash` and `hash` are always computed. Inserted in batches.
 */
export async function appendLogEntries(
  orm: HubORM,
  municipalityId: string,
  specs: Partial<Omit<LogEntry, 'poradi' | 'prevHash' | 'hash'>>[],
  batchSize = 1000,
): Promise<LogEntry[]> {
  const em = scopeToTenant(orm.em.fork(), municipalityId);
  const last = await em.findOne(LogEntry, {}, { orderBy: { poradi: 'desc' }, disableIdentityMap: true });
  let poradi = last?.poradi ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: LogEntry[] = specs.map((spec) => {
    const base = {
      id: randomUUID(),
      municipalityId,
      recordedAt: new Date(),
      source: 'filing',
      sourceEventId: randomUUID(),
      occurredAt: new Date(),
      actorId: null,
      actorLogin: 'system',
      actorName: null,
      actorRoles: null,
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: randomUUID(),
      objectPid: null,
      objectSource: 'cz.blansko.essl.test',
      description: null,
      changes: [],
      ...spec,
      poradi: ++poradi,
      prevHash,
    };
    const row = Object.assign(new LogEntry(), base, { hash: entryHash(base) });
    prevHash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += batchSize) {
    await em.insertMany(LogEntry, rows.slice(i, i + batchSize));
  }
  return rows;
}
