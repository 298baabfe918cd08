import type { SqlEntityManager } from '@mikro-orm/knex';
import { diff, logger, recordAudit } from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { AUTHOR_FIELDS, METADATA_FIELDS, authorOf } from '../documents/metadata';
import { allocateNumber, insertWithUniquePid, notYetHandled, ownDocumentContent } from '../documents/registration';
import { Document } from '../documents/document.entity';
import { generatePid } from '../registers/pid';
import { findActiveMainRegister } from '../registers/registers';
import type { SubmitEvent } from '../records-office/disposal-proposal-filing';
import { DESTRUCTION_ID_CHANGE, PROTOCOL_REFERENCE_CHANGE, actorOf, isDestructionRun, scheduleOf } from './ingest';
import { Tombstone } from './tombstone.entity';

const log = logger.child({ component: 'destruction-record' });
const NS = 'urn:cz:blansko:essl:zaznam-o-zniceni:1';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (name: string, value: string | number | null | undefined) =>
  value == null || value === '' ? '' : ` ${name}="${esc(String(value))}"`;

/**
 * The destruction record's XML (záznam o zničení; NSESSS has no schema for it, so the hub's own namespace): the run,
 * the proposal and the archive's protocol, and per destroyed entity what its tombstone keeps (PID, number,
 * register/year, title, filing code, schedule, decision) with the SHA-256 and size of each erased component.
 */
export function destructionRecordXml(
  run: { destructionId: string; proposalId: string; protocol: string; year: string; destroyedAt: Date },
  tombstones: Tombstone[],
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ZaznamOZniceni xmlns="${NS}"${attr('id', run.destructionId)}${attr('skartacniNavrh', run.proposalId)}${attr('rok', run.year)}${attr('protokol', run.protocol)}${attr('datumZniceni', run.destroyedAt.toISOString())}${attr('pocetEntit', tombstones.filter((t) => !t.caseFilePid).length)}>`,
  ];
  for (const t of tombstones) {
    lines.push(
      `  <Entita${attr('typ', t.kind === 'CASE_FILE' ? 'Spis' : 'Dokument')}${attr('pid', t.pid)}${attr('spis', t.caseFilePid)}${attr('cj', t.referenceNumber)}${attr('denik', t.registerName)}${attr('rok', t.year)}${attr('spisovyZnak', t.fullFilingCode)}${attr('skartacniRezim', scheduleOf(t))}${attr('rozhodnuti', t.decision === 'DESTROY' ? 'zničit' : t.decision)}>`,
      `    <Nazev>${esc(t.title)}</Nazev>`,
      ...t.components.map((c) => `    <Komponenta sha256="${c.sha256}" velikost="${c.size}"/>`),
      '  </Entita>',
    );
  }
  lines.push('</ZaznamOZniceni>', '');
  return lines.join('\n');
}

/**
 * Files the destruction record of a run (archives' closing `Uprava` of the proposal) as an own document of the main
 * register under the run's id, with the XML above as its component 1, in the log ingest's transaction: filed once
 * with the event, after every `Zniceni` of the run (the outbox keeps their order). The bytes go into the blob store
 * before the rows (as uploads do; content-addressed, so a rolled-back attempt leaves at most one unused blob). The
 * officer of the run handles it. Without an active main register it is left unfiled with a warning.
 */
export async function fileDestructionRecords(
  tx: SqlEntityManager,
  events: SubmitEvent[],
  store: BlobStore,
): Promise<void> {
  for (const e of events.filter(isDestructionRun)) {
    const destructionId = e.changes.find((c) => c.name === DESTRUCTION_ID_CHANGE)!.new!;
    if (await tx.findOne(Document, { id: destructionId })) continue;
    const main = await findActiveMainRegister(tx);
    if (!main || !e.actorId) {
      log.warn(
        { eventId: e.id, destructionId },
        'destruction record not filed: no active main register or no acting user',
      );
      continue;
    }
    const protocol = e.changes.find((c) => c.name === PROTOCOL_REFERENCE_CHANGE)?.new ?? '';
    const year = e.changes.find((c) => c.name === 'year')?.new ?? '';
    const tombstones = await tx.find(
      Tombstone,
      { destructionId },
      { orderBy: [{ caseFilePid: 'asc' }, { pid: 'asc' }] },
    );
    if (tombstones.length === 0) {
      log.warn({ eventId: e.id, destructionId }, 'destruction record not filed: the run destroyed nothing here');
      continue;
    }
    // Roots first, each followed by its documents.
    const ordered = tombstones
      .filter((t) => !t.caseFilePid)
      .flatMap((r) => [r, ...tombstones.filter((t) => t.caseFilePid === r.pid && t.id !== r.id)]);
    const xml = destructionRecordXml(
      { destructionId, proposalId: e.objectId, protocol, year, destroyedAt: e.occurredAt },
      ordered,
    );
    const bytes = Buffer.from(xml, 'utf8');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const blob = await store.put(Readable.from([bytes]), { maxBytes: bytes.length });

    const actor = actorOf(e);
    const number = await allocateNumber(tx, actor, main, e.occurredAt);
    const document = await insertWithUniquePid(tx, () => generatePid(main.referencePrefix), {
      id: destructionId,
      municipalityId: e.municipalityId,
      registerId: main.id,
      state: 'REGISTERED',
      ...number,
      ...ownDocumentContent(`Záznam o zničení (skartační návrh za rok ${year}, protokol ${protocol})`),
      createdAt: e.occurredAt,
      createdById: e.actorId,
      ...notYetHandled(),
      handlerId: e.actorId,
      assignedAt: e.occurredAt,
      ...authorOf(actor, null),
    });
    const component = tx.create(Component, {
      id: randomUUID(),
      municipalityId: e.municipalityId,
      documentId: document.id,
      order: 1,
      version: 1,
      form: 'ORIGINAL',
      fileName: `zaznam-o-zniceni-${e.occurredAt.toISOString().slice(0, 10)}-${destructionId.slice(0, 8)}.xml`,
      mediaType: 'application/xml',
      size: blob.size,
      sha256,
      blobKey: blob.key,
      createdAt: e.occurredAt,
      createdById: e.actorId,
    });
    await tx.flush();
    await recordAudit(tx, actor, {
      municipalityId: e.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Destruction record of the disposal proposal for ${year} (protocol ${protocol}) filed as ${document.referenceNumber}`,
      changes: diff({}, document, [
        'pid',
        'registerId',
        'referenceNumber',
        'sequenceNumber',
        'year',
        'subject',
        'origin',
        'registeredAt',
        'state',
        ...METADATA_FIELDS,
        ...AUTHOR_FIELDS,
      ]),
    });
    await recordAudit(tx, actor, {
      municipalityId: e.municipalityId,
      eventType: 'VlozeniKDokumentu',
      objectType: 'Dokument',
      objectId: document.id,
      description: `Komponenta 1 (${component.fileName}) záznamu o zničení`,
      changes: [
        { name: 'componentId', old: null, new: component.id },
        { name: 'fileName', old: null, new: component.fileName },
        { name: 'mediaType', old: null, new: component.mediaType },
        { name: 'size', old: null, new: String(component.size) },
        { name: 'sha256', old: null, new: sha256 },
      ],
    });
  }
}
