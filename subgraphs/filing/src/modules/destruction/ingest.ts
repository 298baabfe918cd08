import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, logger, recordAudit, type TenantCaller } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { CaseFile } from '../case-files/case-file.entity';
import { Component } from '../components/component.entity';
import { DataMessage } from '../intake/data-message.entity';
import { DeliveryProof } from '../dispatch/delivery-proof.entity';
import { Shipment } from '../dispatch/shipment.entity';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { Register } from '../registers/register.entity';
import type { SubmitEvent } from '../records-office/disposal-proposal-filing';
import { BlobErasure, Tombstone, type TombstoneComponent } from './tombstone.entity';

const log = logger.child({ component: 'destruction' });

/** Change names archives' destruction events carry (archives disposal/destruction.ts). */
export const DESTRUCTION_ID_CHANGE = 'destructionId';
export const PROTOCOL_REFERENCE_CHANGE = 'protocolReference';

const changeOf = (e: SubmitEvent, name: string) => e.changes.find((c) => c.name === name)?.new ?? null;

/** Archives' `Zniceni` of a case file or lone document (destroyDisposedEntities). */
export const isDestruction = (e: { eventType: string; objectType: string }) =>
  e.eventType === 'Zniceni' && (e.objectType === 'Spis' || e.objectType === 'Dokument');

/** Archives' closing event of a destruction run: `Uprava` of the `SkartacniNavrh` naming the run. */
export const isDestructionRun = (e: SubmitEvent) =>
  e.eventType === 'Uprava' && e.objectType === 'SkartacniNavrh' && changeOf(e, DESTRUCTION_ID_CHANGE) != null;

export const scheduleOf = (t: Pick<Tombstone, 'disposalCode' | 'retentionYears'>) =>
  t.disposalCode ? `${t.disposalCode}/${t.retentionYears ?? ''}` : '';

/**
 * Applies archives' `Zniceni` events to filing inside the log ingest's transaction (as the records office's custody
 * steps are, records-office/mirror.ts), so the entity is reduced exactly once with the event, however often the
 * outbox sends it: for the case file (with every document in it) or lone document, a tombstone (tombstone.entity.ts)
 * is written, the bytes of its components and delivery proofs are queued for erasure (`blob_erasure`, erased after
 * commit by blob-erasure.ts), and its rows are deleted — documents, components, shipments and their delivery proofs,
 * data-box envelopes, the case file. The log keeps its entries (append-only): the history stays, the content goes.
 * A case file's documents get filing's own `Zniceni` each. An entity filing does not know (already destroyed, another
 * municipality's id: the tenant filter hides it) is left with a warning: the log must not stall over it.
 */
export async function applyDestructions(tx: SqlEntityManager, events: SubmitEvent[]): Promise<number> {
  let destroyed = 0;
  for (const e of events.filter(isDestruction)) {
    const proposalId = changeOf(e, 'disposalProposalId');
    const destructionId = changeOf(e, DESTRUCTION_ID_CHANGE);
    const protocol = changeOf(e, PROTOCOL_REFERENCE_CHANGE);
    if (!proposalId || !destructionId || !protocol) {
      log.warn(
        { eventId: e.id, objectId: e.objectId },
        'Zniceni without its proposal, run or protocol: nothing destroyed',
      );
      continue;
    }
    const caseFile = e.objectType === 'Spis' ? await tx.findOne(CaseFile, { id: e.objectId }) : null;
    const documents = caseFile
      ? await tx.find(
          Document,
          { $or: [{ caseFileId: caseFile.id }, { id: caseFile.initiatingDocumentId }] },
          { orderBy: { id: 'asc' } },
        )
      : await tx.find(Document, { id: e.objectId });
    if (e.objectType === 'Spis' ? !caseFile : documents.length === 0) {
      log.warn(
        { eventId: e.id, objectType: e.objectType, objectId: e.objectId },
        'Zniceni of an entity filing does not have (destroyed already?)',
      );
      continue;
    }
    const documentIds = documents.map((d) => d.id);
    const [components, shipments, messages] = await Promise.all([
      tx.find(
        Component,
        { documentId: { $in: documentIds } },
        { orderBy: [{ documentId: 'asc' }, { order: 'asc' }, { version: 'asc' }] },
      ),
      tx.find(Shipment, { documentId: { $in: documentIds } }),
      tx.find(DataMessage, { documentId: { $in: documentIds } }),
    ]);
    const proofs = shipments.length
      ? await tx.find(DeliveryProof, { shipmentId: { $in: shipments.map((s) => s.id) } })
      : [];
    const nodeIds = [
      ...new Set(
        [caseFile?.filingPlanNodeId, ...documents.map((d) => d.filingPlanNodeId)].filter((x): x is string => !!x),
      ),
    ];
    const codes = new Map(
      (nodeIds.length ? await tx.find(FilingPlanNode, { id: { $in: nodeIds } }) : []).map((n) => [n.id, n.fullCode]),
    );
    const registerIds = [...new Set(documents.map((d) => d.registerId))];
    const registers = new Map((await tx.find(Register, { id: { $in: registerIds } })).map((r) => [r.id, r.name]));
    const hashes = (docIds: string[]): TombstoneComponent[] =>
      components.filter((c) => docIds.includes(c.documentId)).map((c) => ({ sha256: c.sha256, size: c.size }));

    const common = {
      municipalityId: e.municipalityId,
      decision: changeOf(e, 'decision') ?? 'DESTROY',
      disposalProposalId: proposalId,
      protocolReference: protocol,
      destructionId,
      destroyedAt: e.occurredAt,
      destroyedById: e.actorId,
      destroyedByLogin: e.actorLogin,
    };
    const tombstones: Tombstone[] = [];
    if (caseFile) {
      const initiating = documents.find((d) => d.id === caseFile.initiatingDocumentId) ?? documents[0];
      tombstones.push(
        tx.create(Tombstone, {
          ...common,
          id: randomUUID(),
          entityId: caseFile.id,
          kind: 'CASE_FILE',
          pid: caseFile.pid ?? caseFile.id,
          caseFilePid: null,
          referenceNumber: caseFile.referenceNumber,
          registerId: initiating?.registerId ?? null,
          registerName: initiating ? (registers.get(initiating.registerId) ?? null) : null,
          year: initiating?.year ?? null,
          title: caseFile.title,
          fullFilingCode: caseFile.filingPlanNodeId ? (codes.get(caseFile.filingPlanNodeId) ?? null) : null,
          disposalCode: caseFile.disposalCode,
          retentionYears: caseFile.retentionYears,
          disposalYear: caseFile.disposalYear,
          documentCount: documents.length,
          componentCount: components.length,
          components: hashes(documentIds),
        }),
      );
    }
    for (const d of documents) {
      tombstones.push(
        tx.create(Tombstone, {
          ...common,
          id: randomUUID(),
          entityId: d.id,
          kind: 'DOCUMENT',
          pid: d.pid,
          caseFilePid: caseFile ? (caseFile.pid ?? caseFile.id) : null,
          referenceNumber: d.referenceNumber,
          registerId: d.registerId,
          registerName: registers.get(d.registerId) ?? null,
          year: d.year,
          title: d.subject,
          fullFilingCode: d.filingPlanNodeId ? (codes.get(d.filingPlanNodeId) ?? null) : null,
          disposalCode: d.disposalCode,
          retentionYears: d.retentionYears,
          disposalYear: d.disposalYear,
          documentCount: 1,
          componentCount: hashes([d.id]).length,
          components: hashes([d.id]),
        }),
      );
    }
    const root = tombstones[0];
    const now = new Date();
    const blobs = new Map<string, number>();
    for (const c of components) blobs.set(c.blobKey, c.size);
    for (const p of proofs) blobs.set(p.blobKey, p.size);
    for (const [blobKey, size] of blobs) {
      tx.create(BlobErasure, {
        id: randomUUID(),
        municipalityId: e.municipalityId,
        blobKey,
        size,
        tombstoneId: root.id,
        queuedAt: now,
        attempts: 0,
        lastError: null,
        lastAttemptAt: null,
      });
    }
    for (const row of [...proofs, ...shipments, ...messages, ...components]) tx.remove(row);
    if (caseFile) tx.remove(caseFile);
    for (const d of documents) tx.remove(d);
    await tx.flush();
    if (caseFile) {
      // The case file's Zniceni is archives'; its documents go with it and get filing's own, naming the same run.
      const actor = e.actorId ? actorOf(e) : null;
      for (const t of tombstones.slice(1)) {
        await recordAudit(tx, actor, {
          municipalityId: e.municipalityId,
          eventType: 'Zniceni',
          objectType: 'Dokument',
          objectId: t.entityId,
          description: `${t.referenceNumber ?? t.pid} destroyed with case file ${caseFile.referenceNumber} (protocol ${protocol})`,
          changes: [
            { name: 'caseFilePid', old: null, new: t.caseFilePid },
            { name: 'disposalProposalId', old: null, new: proposalId },
            { name: PROTOCOL_REFERENCE_CHANGE, old: null, new: protocol },
            { name: DESTRUCTION_ID_CHANGE, old: null, new: destructionId },
          ],
        });
      }
    }
    destroyed++;
    log.info(
      { eventId: e.id, objectType: e.objectType, pid: root.pid, documents: documents.length, blobs: blobs.size },
      'entity destroyed: tombstone written, bytes queued for erasure',
    );
  }
  return destroyed;
}

/** The officer of archives' event, as filing's own events of the same step name them. */
export function actorOf(e: SubmitEvent): TenantCaller {
  return {
    userId: e.actorId!,
    login: e.actorLogin,
    name: e.actorName,
    municipalityId: e.municipalityId,
    roles: [Role.RECORDS_OFFICER],
    orgUnitId: null,
  };
}
