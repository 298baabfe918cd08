import { inTransaction, recordAudit, type TenantCaller } from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Document } from './document.entity';

/**
 * Reading a document is part of the transaction log (`Zobrazeni`, domain.md §5.4). Logged when a user opens a
 * document (`document(id)`), where its record, and once components exist its files, are read; lists and
 * federation references, which show documents in passing, are not. Written in a transaction of its own after the
 * read, so a failed read logs nothing and a read never waits on a write lock of the change it reads.
 */
export async function recordView(em: SqlEntityManager, caller: TenantCaller, d: Document): Promise<void> {
  await inTransaction(em.fork(), (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zobrazeni',
      objectType: 'Dokument',
      objectId: d.id,
    }),
  );
}
