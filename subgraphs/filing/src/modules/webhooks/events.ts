import type { SqlEntityManager } from '@mikro-orm/knex';
import { CaseFile } from '../case-files/case-file.entity';
import { Document } from '../documents/document.entity';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { DataMessage } from '../intake/data-message.entity';
import type { LogEntry } from '../audit-log/log-entry.entity';
import type { WebhookEventType, WebhookFilters } from './webhook.entity';

/** What is sent: ids, never content (the app reads what it may see through GraphQL). */
export interface WebhookPayload {
  /** The log entry's id: stable across retries and replays, for the receiver's at-least-once dedupe. */
  id: string;
  type: WebhookEventType;
  municipalityId: string;
  /** `Poradi` of the entry in the municipality's log: increasing, in commit order. */
  poradi: number;
  occurredAt: string;
  object: { type: 'Document' | 'CaseFile'; id: string };
  shipmentId?: string;
  dataMessageId?: string;
}

const changeOf = (e: Pick<LogEntry, 'changes'>, name: string) => e.changes.find((c) => c.name === name);

/**
 * The event types a log entry is, most specific first (a data message's registration is also a registration).
 * From the TrP event and object type alone, except DATA_MESSAGE_RECEIVED, which `describe` confirms by the data
 * message written in the same transaction.
 */
export function candidateTypes(e: Pick<LogEntry, 'eventType' | 'objectType' | 'changes'>): WebhookEventType[] {
  if (e.objectType === 'Spis') return e.eventType === 'Uzavreni' ? ['CASE_FILE_CLOSED'] : [];
  if (e.objectType !== 'Dokument') return [];
  switch (e.eventType) {
    case 'Zalozeni': {
      // A draft (koncept) has no number yet: it is registered when it gets one (PripojeniCJ).
      const number = changeOf(e, 'referenceNumber');
      if (number && number.new === null) return [];
      return ['DATA_MESSAGE_RECEIVED', 'DOCUMENT_REGISTERED'];
    }
    case 'PripojeniCJ':
      return ['DOCUMENT_REGISTERED'];
    case 'ZmenaZpracovatele':
      return ['DOCUMENT_ASSIGNED'];
    case 'Vyrizeni':
      return ['DOCUMENT_SETTLED'];
    case 'Vypraveno':
      return ['SHIPMENT_DISPATCHED'];
    case 'Doruceno':
      return ['SHIPMENT_DELIVERED'];
    case 'Uprava':
      return changeOf(e, 'returnReason') && changeOf(e, 'shipmentId') ? ['SHIPMENT_RETURNED'] : [];
    default:
      return [];
  }
}

const hasFilters = (f: WebhookFilters) => f.registerIds.length + f.orgUnitIds.length + f.filingCodes.length > 0;

/**
 * Reads what classification and filters need about the entries' objects, in one query per kind for a batch, from
 * `em` scoped to the entries' municipality (so nothing of another municipality is ever read).
 */
export class ObjectFacts {
  private documents = new Map<string, Pick<Document, 'registerId' | 'orgUnitId' | 'filingPlanNodeId'>>();
  private caseFiles = new Map<string, Pick<CaseFile, 'orgUnitId' | 'filingPlanNodeId'>>();
  private dataMessages = new Map<string, string>();
  private codes = new Map<string, string>();

  static async load(
    em: SqlEntityManager,
    entries: Pick<LogEntry, 'objectType' | 'objectId' | 'eventType' | 'changes'>[],
    needFilters: boolean,
  ): Promise<ObjectFacts> {
    const facts = new ObjectFacts();
    const ids = (type: string) => [
      ...new Set(entries.filter((e) => e.objectType === type && candidateTypes(e).length > 0).map((e) => e.objectId)),
    ];
    const documentIds = ids('Dokument');
    const created = [
      ...new Set(
        entries.filter((e) => e.objectType === 'Dokument' && e.eventType === 'Zalozeni').map((e) => e.objectId),
      ),
    ];
    if (created.length > 0) {
      const rows = await em.find(
        DataMessage,
        { documentId: { $in: created } },
        { fields: ['id', 'documentId'], disableIdentityMap: true },
      );
      for (const m of rows) facts.dataMessages.set(m.documentId, m.id);
    }
    if (!needFilters) return facts;
    const nodeIds = new Set<string>();
    if (documentIds.length > 0) {
      const rows = await em.find(
        Document,
        { id: { $in: documentIds } },
        { fields: ['id', 'registerId', 'orgUnitId', 'filingPlanNodeId'], disableIdentityMap: true },
      );
      for (const d of rows) {
        facts.documents.set(d.id, d);
        if (d.filingPlanNodeId) nodeIds.add(d.filingPlanNodeId);
      }
    }
    const caseFileIds = ids('Spis');
    if (caseFileIds.length > 0) {
      const rows = await em.find(
        CaseFile,
        { id: { $in: caseFileIds } },
        { fields: ['id', 'orgUnitId', 'filingPlanNodeId'], disableIdentityMap: true },
      );
      for (const c of rows) {
        facts.caseFiles.set(c.id, c);
        if (c.filingPlanNodeId) nodeIds.add(c.filingPlanNodeId);
      }
    }
    if (nodeIds.size > 0) {
      const rows = await em.find(
        FilingPlanNode,
        { id: { $in: [...nodeIds] } },
        { fields: ['id', 'fullCode'], disableIdentityMap: true },
      );
      for (const n of rows) facts.codes.set(n.id, n.fullCode);
    }
    return facts;
  }

  /** The payload for a subscription, or null when the entry is not for it (type or filters). */
  describe(e: LogEntry, eventTypes: readonly WebhookEventType[], filters: WebhookFilters): WebhookPayload | null {
    const dataMessageId = this.dataMessages.get(e.objectId);
    const type = candidateTypes(e).find(
      (t) => eventTypes.includes(t) && (t !== 'DATA_MESSAGE_RECEIVED' || dataMessageId),
    );
    if (!type) return null;
    if (hasFilters(filters) && !this.passes(e, filters)) return null;
    const shipmentId = type.startsWith('SHIPMENT_') ? (changeOf(e, 'shipmentId')?.new ?? undefined) : undefined;
    return {
      id: e.id,
      type,
      municipalityId: e.municipalityId,
      poradi: e.poradi,
      occurredAt: e.occurredAt.toISOString(),
      object: { type: e.objectType === 'Spis' ? 'CaseFile' : 'Document', id: e.objectId },
      ...(shipmentId ? { shipmentId } : {}),
      ...(type === 'DATA_MESSAGE_RECEIVED' ? { dataMessageId } : {}),
    };
  }

  private passes(e: LogEntry, f: WebhookFilters): boolean {
    const document = e.objectType === 'Dokument' ? this.documents.get(e.objectId) : undefined;
    const o = document ?? (e.objectType === 'Spis' ? this.caseFiles.get(e.objectId) : undefined);
    if (!o) return false;
    // Case files belong to no register: a register filter passes documents only.
    if (f.registerIds.length > 0 && !(document && f.registerIds.includes(document.registerId))) return false;
    if (f.orgUnitIds.length > 0 && !(o.orgUnitId && f.orgUnitIds.includes(o.orgUnitId))) return false;
    if (f.filingCodes.length > 0) {
      const code = o.filingPlanNodeId ? this.codes.get(o.filingPlanNodeId) : undefined;
      // A node and everything under it: the code followed by one of the plans' separators (filing-plans/codes.ts).
      if (!code || !f.filingCodes.some((c) => code === c || (code.startsWith(c) && /[ \-/.]/.test(code[c.length]))))
        return false;
    }
    return true;
  }
}
