import type { SqlEntityManager } from '@mikro-orm/knex';
import { ErrorCode, HubError, notFound, type Peers } from '@hub/kit';
import { LogEntry } from '../audit-log/log-entry.entity';
import { MAX_OBJECT_LOG_ENTRIES } from '../audit-log/log-query';
import { logSource } from '../audit-log/xml';
import { municipalityAbbreviation } from '../audit-log/log-query';
import { CaseFile } from '../case-files/case-file.entity';
import { Component, type ComponentForm } from '../components/component.entity';
import { DocumentKind } from '../document-kinds/document-kind.entity';
import { Document, type DocumentForm, type SettlementMethod } from '../documents/document.entity';
import { SYSTEM_AUTHOR } from '../documents/metadata';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { FilingPlan } from '../filing-plans/filing-plan.entity';
import { defaultNodeValue, defaultPlanValue, defaultScheduleValue } from '../filing-plans/identifiers';
import { Party } from '../parties/party.entity';
import { Register } from '../registers/register.entity';
import { czechDay, czechYear, type DisposalCode } from '../retention/retention';

/**
 * Everything a SIP (datový balíček, domain.md §6.3) of one root entity needs, read once into plain data: the filing
 * plan and the chain of nodes (věcné skupiny) above the entity, the case file or lone document, its documents and
 * components, the originator (the municipality, from the municipalities subgraph through federation), the people
 * named in it (users and org units, likewise), and the transaction-log entries of every object. Rendering
 * (mets.ts) and the content rules (content-rules.ts) work on this structure only, so they are pure and testable.
 *
 * Identifiers (`Identifikator` + `zdroj`): documents and case files by their PID, components by their id (as the
 * transaction log names them), the plan, its nodes, their retention schedules and document kinds by the identifiers
 * kept for the archive (filing-plans/identifiers.ts: `MBK-2026`, the full code, `S/5`), all under the
 * municipality's source `cz.blansko.essl.<ABBR>` unless an imported plan brought its own. Each entity's amdSec
 * names it by the same pair (rule obs54).
 */

export interface SipIdentifier {
  value: string;
  source: string;
}

/** A person of the municipality (tSubjektInterni: every part is required by the schema). */
export interface SipPerson {
  userId: string;
  name: string;
  orgUnitName: string;
  position: string;
}

/** Someone outside (tSubjektExterni). */
export interface SipParty {
  kind: 'LEGAL_PERSON' | 'NATURAL_PERSON';
  name: string;
  ico: string | null;
  address: string | null;
  contact: string | null;
}

/** A document kind (tDruhDokumentu) of the municipality's vocabulary. */
export interface SipKind {
  identifier: SipIdentifier;
  name: string;
  comment: string | null;
}

export interface SipRetention {
  identifier: SipIdentifier;
  name: string;
  code: DisposalCode | null;
  years: number | null;
  fixedYear: number | null;
  triggerEvent: string;
  checkYears: number | null;
}

export interface SipNode {
  identifier: SipIdentifier;
  code: string;
  fullCode: string;
  name: string;
  createdOn: string;
  retention: SipRetention | null;
}

export interface SipComponent {
  identifier: SipIdentifier;
  id: string;
  order: number;
  version: number;
  form: ComponentForm;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  blobKey: string;
  createdAt: Date;
}

export interface SipDocument {
  identifier: SipIdentifier;
  id: string;
  subject: string;
  referenceNumber: string | null;
  sequenceNumber: number | null;
  year: number | null;
  registerName: string;
  origin: 'RECEIVED' | 'OWN';
  form: DocumentForm;
  /** The paper part in words (DoruceneMnozstvi / VytvoreneMnozstvi), e.g. `3 listy, 1 příloha (plán A3)`; null if not described. */
  quantity: string | null;
  kind: SipKind | null;
  deliveredOn: string | null;
  createdOn: string;
  sender: SipParty | null;
  senderReferenceNumber: string | null;
  author: SipPerson | null;
  settledOn: string | null;
  settlementMethod: SettlementMethod | null;
  settlementContent: string | null;
  settlementReason: string | null;
  settledBy: SipPerson | null;
  storageUnit: string | null;
  retention: SipRetention | null;
  /** Year of the trigger (year of settlement, or of the external trigger): DataceVyrazeni. */
  triggerYear: number | null;
  disposalYear: number | null;
  components: SipComponent[];
}

export interface SipCaseFile {
  identifier: SipIdentifier;
  id: string;
  title: string;
  referenceNumber: string;
  openedOn: string;
  closedOn: string | null;
  closedBy: SipPerson | null;
  location: string | null;
  retention: SipRetention | null;
  triggerYear: number | null;
  disposalYear: number | null;
  documents: SipDocument[];
}

export interface SipOriginator {
  id: string;
  name: string;
  ico: string;
  seat: string;
  abbreviation: string;
}

/** One object's log entries (poradi order) and the TP object type they are under. */
export interface SipObjectLog {
  objectType: string;
  identifier: SipIdentifier;
  entries: LogEntry[];
}

/**
 * The archive's decision on the root entity (skartační řízení, nsesss `tSkartacniRizeni`), as archives recorded it:
 * its `Uprava` filling `SkartacniRizeni.*` reaches filing's log like every other event (archives decision.ts), so
 * the transfer package reads it from the root entity's own log, the last such event counting.
 */
export interface SipDisposalReview {
  /** YYYY-MM-DD (SkartacniRizeni/Datum). */
  day: string;
  /** Mnozstvi of an analog record (the records office's quantity); null if none was recorded. */
  quantity: string | null;
  /** SkartacniOperace: `trvalé uložení` for a kept entity; null when the archive let it be destroyed. */
  operation: string | null;
  reasoning: string | null;
  /** Posuzovatel (tOsobaInterni). */
  assessor: SipPerson;
}

/** The change names of archives' decision event (archives decision.ts). */
const REVIEW = 'SkartacniRizeni.';

export interface SipSource {
  originator: SipOriginator;
  plan: { identifier: SipIdentifier; name: string; validFrom: string; validTo: string | null; separator: string };
  /** From the node right under the plan down to the entity's node. */
  nodes: SipNode[];
  root: { kind: 'CASE_FILE'; caseFile: SipCaseFile } | { kind: 'DOCUMENT'; document: SipDocument };
  /** Per object id (plan, node, case file, document, component). */
  logs: Map<string, SipObjectLog>;
  /** The archive's decision on the root entity, once it reached the log; a transfer package carries it. */
  review?: SipDisposalReview | null;
}

/** Documents in the records office are kept there: that is where an analog one lies (`UkladaciJednotka`, `Umisteni`). */
const IN_RECORDS_OFFICE = new Set(['HANDED_TO_RECORDS_OFFICE', 'IN_RECORDS_OFFICE', 'ON_LOAN']);

interface PeerMunicipality {
  id: string;
  name: string;
  ico: string;
  abbreviation: string;
  seatAddressText: string | null;
}
interface PeerUser {
  id: string;
  name: string;
  login: string;
  orgUnit: { id: string } | null;
}
interface PeerOrgUnit {
  id: string;
  name: string;
}

/**
 * Loads the SIP source of a case file or a document (by id or PID) of the EntityManager's municipality;
 * NOT_FOUND when there is none (which is also what another municipality's entity looks like).
 */
export async function loadSipSource(
  em: SqlEntityManager,
  peers: Peers,
  municipalityId: string,
  entityId: string,
): Promise<SipSource> {
  const byIdOrPid = UUID.test(entityId) ? { id: entityId } : { pid: entityId };
  const caseFile = await em.findOne(CaseFile, byIdOrPid);
  const lone = caseFile ? null : await em.findOne(Document, byIdOrPid);
  if (!caseFile && !lone) throw notFound('Case file or document', entityId);
  // A document in a case file goes to the archive inside its case file (nsesss.xsd, Dokument), not alone.
  if (lone && lone.caseFileId) throw notFound('Root entity (the document belongs to a case file)', entityId);

  const abbreviation = await municipalityAbbreviation(em, municipalityId);
  const source = logSource(abbreviation);
  const documents = caseFile
    ? await em.find(Document, { caseFileId: caseFile.id }, { orderBy: { caseFileInsertedAt: 'asc', id: 'asc' } })
    : [lone!];
  const components = await em.find(
    Component,
    { documentId: { $in: documents.map((d) => d.id) } },
    { orderBy: { order: 'asc', version: 'asc' } },
  );
  const registers = await em.find(Register, { id: { $in: [...new Set(documents.map((d) => d.registerId))] } });

  const nodeId = caseFile ? caseFile.filingPlanNodeId : lone!.filingPlanNodeId;
  if (!nodeId) throw new UnclassifiedEntity(entityId);
  const chain: FilingPlanNode[] = [];
  for (let id: string | null = nodeId; id;) {
    const node: FilingPlanNode = await em.findOneOrFail(FilingPlanNode, { id });
    chain.unshift(node);
    id = node.parentId;
  }
  const plan = await em.findOneOrFail(FilingPlan, { id: chain[0].planId });
  const kindIds = [...new Set(documents.map((d) => d.kindId).filter((id): id is string => !!id))];
  const kinds = kindIds.length ? await em.find(DocumentKind, { id: { $in: kindIds } }) : [];
  // Senders as the name register knows them now (structured: kind, IČO, address in parts, box); the document's own
  // sender columns stand in for a document registered before the register had its party.
  const partyIds = [...new Set(documents.map((d) => d.senderPartyId).filter((id): id is string => !!id))];
  const parties = partyIds.length ? await em.find(Party, { id: { $in: partyIds } }) : [];
  // Rows from before the identifiers existed get theirs from the data upgrade at start; until then, the defaults.
  const identifierOr = (value: string | null, src: string | null, fallback: string): SipIdentifier => ({
    value: value ?? fallback,
    source: src ?? source,
  });

  // The municipality and the people, from their owners (federation), as the caller.
  const userIds = [
    ...new Set(
      [
        caseFile?.closedById,
        caseFile?.handlerId,
        ...documents.flatMap((d) => [d.settledById, d.handlerId, d.createdById]),
      ].filter((x): x is string => !!x),
    ),
  ];
  const [[municipality], users] = await Promise.all([
    peers.entities<PeerMunicipality>(
      'municipalities',
      'Municipality',
      [municipalityId],
      'id name ico abbreviation seatAddressText',
    ),
    userIds.length
      ? peers.entities<PeerUser>('users', 'User', userIds, 'id name login orgUnit { id }')
      : Promise.resolve([]),
  ]);
  if (!municipality) throw new Error(`municipality ${municipalityId} did not resolve`);
  const unitIds = [
    ...new Set(
      [caseFile?.orgUnitId, ...documents.map((d) => d.orgUnitId), ...users.map((u) => u?.orgUnit?.id)].filter(
        (x): x is string => !!x,
      ),
    ),
  ];
  const units = unitIds.length
    ? await peers.entities<PeerOrgUnit>('municipalities', 'OrgUnit', unitIds, 'id name')
    : [];
  const userById = new Map(users.filter((u): u is PeerUser => !!u).map((u) => [u.id, u]));
  const unitById = new Map(units.filter((u): u is PeerOrgUnit => !!u).map((u) => [u.id, u]));
  const person = (userId: string | null | undefined, fallbackUnit: string | null): SipPerson | null => {
    if (!userId) return null;
    const u = userById.get(userId);
    const unit = unitById.get(u?.orgUnit?.id ?? fallbackUnit ?? '');
    return {
      userId,
      name: u?.name ?? u?.login ?? userId,
      orgUnitName: unit?.name ?? municipality.name,
      // The hub keeps no positions (pracovní pozice), which tSubjektInterni requires: the role they acted in.
      position: 'zpracovatel',
    };
  };
  /** The author snapshot taken when the own document was created (documents/metadata.ts `authorOf`). */
  const authorOf = (d: Document): SipPerson | null => {
    if (!d.authorName) return person(d.createdById ?? d.handlerId, d.orgUnitId);
    return {
      userId: d.authorUserId ?? SYSTEM_AUTHOR,
      name: d.authorName,
      orgUnitName: d.authorOrgUnitName ?? municipality.name,
      position: d.authorPosition ?? 'zpracovatel',
    };
  };

  const retentionOf = (n: FilingPlanNode): SipRetention | null =>
    n.disposalCode
      ? {
          // Nodes with the same schedule share its identifier, so its name comes from the schedule alone: ZAF rule
          // obs59 wants one content per identifier.
          identifier: identifierOr(
            n.scheduleIdentifierValue,
            n.scheduleIdentifierSource,
            defaultScheduleValue(n) ?? n.disposalCode,
          ),
          name: `${n.disposalCode}/${n.fixedDisposalYear !== null ? `R${n.fixedDisposalYear}` : (n.retentionYears ?? 0)} ${n.triggerEvent ?? 'vyřízení/uzavření'}`,
          code: n.disposalCode,
          years: n.retentionYears,
          fixedYear: n.fixedDisposalYear,
          triggerEvent: n.triggerEvent ?? 'vyřízení/uzavření',
          checkYears: n.triggerCheckYears,
        }
      : null;
  const leaf = chain[chain.length - 1];
  const componentsOf = (d: Document) =>
    components
      .filter((c) => c.documentId === d.id)
      .map<SipComponent>((c) => ({
        identifier: { value: c.id, source },
        id: c.id,
        order: c.order,
        version: c.version,
        form: c.form,
        fileName: c.fileName,
        mediaType: c.mediaType,
        size: Number(c.size),
        sha256: c.sha256,
        blobKey: c.blobKey,
        createdAt: c.createdAt,
      }));
  // The nodes of documents classified elsewhere than their case file (read up front so sipDocument stays sync).
  const otherNodeIds = [
    ...new Set(documents.map((d) => d.filingPlanNodeId).filter((id): id is string => !!id && id !== leaf.id)),
  ];
  const otherNodes = otherNodeIds.length ? await em.find(FilingPlanNode, { id: { $in: otherNodeIds } }) : [];
  const nodeById = (id: string) => otherNodes.find((n) => n.id === id) ?? null;
  const senderOf = (d: Document): SipParty => {
    const party = parties.find((p) => p.id === d.senderPartyId);
    if (party) {
      return {
        // An organisation is named by its IČO (tSubjektExterni); a natural person (or one without IČO) by name and address.
        kind: party.kind !== 'NATURAL_PERSON' && party.ico ? 'LEGAL_PERSON' : 'NATURAL_PERSON',
        name: party.name,
        ico: party.ico,
        address: party.address ?? d.senderAddress,
        contact: party.dataBoxId ? `ISDS ${party.dataBoxId}` : party.email,
      };
    }
    return {
      kind: d.senderIco ? 'LEGAL_PERSON' : 'NATURAL_PERSON',
      name: d.senderName ?? 'neuveden',
      ico: d.senderIco,
      address: d.senderAddress,
      contact: d.senderDataBoxId ? `ISDS ${d.senderDataBoxId}` : null,
    };
  };
  const sipDocument = (d: Document): SipDocument => {
    const comps = componentsOf(d);
    const kind = kinds.find((k) => k.id === d.kindId);
    const ownNode = d.filingPlanNodeId === leaf.id ? leaf : null;
    return {
      identifier: { value: d.pid, source },
      id: d.id,
      subject: d.subject,
      referenceNumber: d.referenceNumber,
      sequenceNumber: d.sequenceNumber,
      year: d.year,
      registerName: registers.find((r) => r.id === d.registerId)?.name ?? 'Podací deník',
      origin: d.origin,
      form: d.form,
      quantity: d.form === 'DIGITAL' ? null : quantityText(d),
      kind: kind
        ? {
            identifier: { value: kind.identifierValue, source: kind.identifierSource },
            name: kind.name,
            comment: kind.comment,
          }
        : null,
      deliveredOn: d.deliveredAt ? czechDay(d.deliveredAt) : null,
      createdOn: czechDay(d.createdAt ?? d.registeredAt ?? new Date(0)),
      sender: d.origin === 'RECEIVED' ? senderOf(d) : null,
      senderReferenceNumber: d.senderReferenceNumber,
      author: d.origin === 'OWN' ? authorOf(d) : null,
      settledOn: d.settledOn,
      settlementMethod: d.settlementMethod,
      settlementContent: d.settlementContent,
      settlementReason: d.settlementReason,
      settledBy: person(d.settledById ?? d.handlerId, d.orgUnitId),
      storageUnit: IN_RECORDS_OFFICE.has(d.state) ? `Spisovna ${municipality.name}` : null,
      retention: retentionOf(ownNode ?? (d.filingPlanNodeId ? (nodeById(d.filingPlanNodeId) ?? leaf) : leaf)),
      triggerYear:
        d.disposalYear !== null && d.retentionYears !== null
          ? d.disposalYear - 1 - d.retentionYears
          : d.settledOn
            ? Number(d.settledOn.slice(0, 4))
            : null,
      disposalYear: d.disposalYear,
      components: comps,
    };
  };

  const sipNodes: SipNode[] = chain.map((n) => ({
    identifier: identifierOr(n.identifierValue, n.identifierSource, defaultNodeValue(n)),
    code: n.code,
    fullCode: n.fullCode,
    name: n.name,
    createdOn: czechDay(n.createdAt),
    retention: retentionOf(n),
  }));
  const root: SipSource['root'] = caseFile
    ? {
        kind: 'CASE_FILE',
        caseFile: {
          identifier: { value: caseFile.pid ?? caseFile.id, source },
          id: caseFile.id,
          title: caseFile.title,
          referenceNumber: caseFile.referenceNumber,
          openedOn: czechDay(caseFile.openedAt),
          closedOn: caseFile.closedOn,
          closedBy: person(caseFile.closedById ?? caseFile.handlerId, caseFile.orgUnitId),
          location: IN_RECORDS_OFFICE.has(caseFile.state) ? `Spisovna ${municipality.name}` : null,
          retention: retentionOf(leaf),
          triggerYear:
            caseFile.disposalYear !== null && caseFile.retentionYears !== null
              ? caseFile.disposalYear - 1 - caseFile.retentionYears
              : caseFile.closedOn
                ? Number(caseFile.closedOn.slice(0, 4))
                : null,
          disposalYear: caseFile.disposalYear,
          documents: documents.map(sipDocument),
        },
      }
    : { kind: 'DOCUMENT', document: sipDocument(lone!) };

  const planIdentifier = identifierOr(
    plan.identifierValue,
    plan.identifierSource,
    defaultPlanValue(source, plan.validFrom),
  );
  // The log of every object: by id, and by PID for documents and case files (as the object log export reads it).
  const objects: { id: string; pid?: string | null; type: string; identifier: SipIdentifier }[] = [
    { id: plan.id, type: 'SpisovyPlan', identifier: planIdentifier },
    ...chain.map((n, i) => ({ id: n.id, type: 'VecnaSkupina', identifier: sipNodes[i].identifier })),
    ...(caseFile
      ? [
          {
            id: caseFile.id,
            pid: caseFile.pid,
            type: 'Spis',
            identifier: { value: caseFile.pid ?? caseFile.id, source },
          },
        ]
      : []),
    ...documents.map((d) => ({ id: d.id, pid: d.pid, type: 'Dokument', identifier: { value: d.pid, source } })),
    ...components.map((c) => ({ id: c.id, type: 'Komponenta', identifier: { value: c.id, source } })),
  ];
  const logs = new Map<string, SipObjectLog>();
  for (const o of objects) {
    const entries = await em.find(
      LogEntry,
      o.pid ? { $or: [{ objectId: o.id }, { objectPid: o.pid }] } : { objectId: o.id },
      // Unmanaged: the Export event is flushed later through a fork of this EntityManager (see log-query.ts).
      { orderBy: { poradi: 'asc' }, limit: MAX_OBJECT_LOG_ENTRIES, disableIdentityMap: true },
    );
    logs.set(o.id, { objectType: o.type, identifier: o.identifier, entries });
  }

  const rootId = caseFile ? caseFile.id : lone!.id;
  const reviewEntry = [...(logs.get(rootId)?.entries ?? [])]
    .reverse()
    .find((e) => e.changes.some((c) => c.name === `${REVIEW}Datum`));
  const reviewed = (name: string) => reviewEntry?.changes.find((c) => c.name === `${REVIEW}${name}`)?.new ?? null;
  const assessorName = reviewed('Posuzovatel') ?? reviewEntry?.actorName ?? reviewEntry?.actorLogin ?? '';
  const review: SipDisposalReview | null = reviewEntry
    ? {
        day: reviewed('Datum')!,
        quantity: reviewed('Mnozstvi'),
        operation: reviewed('SkartacniOperace'),
        reasoning: reviewed('Oduvodneni'),
        // The importing officer unless the decision named someone else: then the name is all the log has of them.
        assessor: {
          userId:
            assessorName === reviewEntry.actorName && reviewEntry.actorId
              ? reviewEntry.actorId
              : `posuzovatel ${assessorName}`.slice(0, 50),
          name: assessorName,
          orgUnitName: municipality.name,
          position: 'posuzovatel',
        },
      }
    : null;

  return {
    review,
    originator: {
      id: municipality.id,
      name: municipality.name,
      ico: municipality.ico,
      // Null only where the seat could not be filled by the upgrade (municipalities' upgrade.ts): then the name of the
      // town, which is where every tenant's office sits, rather than no SidloOrganizace (the schema requires one).
      seat: municipality.seatAddressText ?? municipality.name,
      abbreviation,
    },
    plan: {
      identifier: planIdentifier,
      name: plan.name,
      validFrom: plan.validFrom,
      validTo: plan.validTo,
      separator: plan.separator,
    },
    nodes: sipNodes,
    root,
    logs,
  };
}

/**
 * The entity has no place in a filing plan: no SIP can be built (its mother entities and retention schedule come
 * from there; the schema requires them). CONFLICT: the entity exists, its state is what is wrong.
 */
export class UnclassifiedEntity extends HubError {
  constructor(entityId: string) {
    super(
      ErrorCode.CONFLICT,
      `${entityId} is not classified in a filing plan (a SIP needs its filing-plan node and retention schedule)`,
    );
  }
}

/** Czech plural of a count: 1 list, 2–4 listy, 5 listů. */
const plural = (n: number, one: string, few: string, many: string) =>
  `${n} ${n === 1 ? one : n >= 2 && n <= 4 ? few : many}`;

/**
 * The quantity of a paper (or hybrid) document as the archive reads it (DoruceneMnozstvi, VytvoreneMnozstvi, rules
 * obs61/obs61a): sheets, then attachments with their kind, e.g. `3 listy, 2 přílohy (plány A3)`, `1 list, bez příloh`.
 * Null while the sheets are not described (a settled paper document always has them: documents/metadata.ts).
 */
export function quantityText(d: Pick<Document, 'sheetCount' | 'attachmentCount' | 'attachmentKind'>): string | null {
  if (d.sheetCount == null) return null;
  const sheets = plural(d.sheetCount, 'list', 'listy', 'listů');
  if (!d.attachmentCount) return `${sheets}, bez příloh`;
  const attachments = plural(d.attachmentCount, 'příloha', 'přílohy', 'příloh');
  return `${sheets}, ${attachments}${d.attachmentKind ? ` (${d.attachmentKind})` : ''}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Year of a YYYY-MM-DD day or an instant (Czech time). */
export const yearOf = (day: string | Date): number =>
  typeof day === 'string' ? Number(day.slice(0, 4)) : czechYear(day);
