import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ErrorCode, HubError, conflict, inTransaction, notFound, recordAudit, type TenantCaller } from '@hub/kit';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { objectTypeOf, pragueDay, validText } from '../records-office/common';
import { RecordsOfficeItem } from '../records-office/records-office-item.entity';
import { DisposalProposal, DisposalProposalEntry, type DisposalDecision } from './disposal-proposal.entity';

export const NSESSS_NS = 'http://www.mvcr.cz/nsesss/v4';
/** The archive's final operations (nsesss-DA `tOperace`); the other two values ask for an inspection, not a decision. */
const OPERATIONS: Record<string, DisposalDecision> = {
  'vybrat za archiválii': 'KEEP_AS_ARCHIVAL_RECORD',
  zničit: 'DESTROY',
};
export const MAX_SEZNAM_BYTES = 5 * 1024 * 1024;

/** One reason a Seznam is refused: the entity's identifier (or null for the list itself) and why. */
export interface SeznamProblem {
  identifier: string | null;
  /** A stable upper-case code per entity where the step has them (the transfer confirmation's). */
  code?: string;
  reason: string;
}

export interface ParsedSeznam {
  id: string;
  archive: string;
  createdAt: string;
  /**
   * `archiveIdentifier`: the other choice of tEntitaSeznamu, `IdentifikatorDA` (the digital archive's identifier of
   * a transferred entity; a transfer confirmation), present only when given.
   */
  entries: {
    identifier: string;
    source: string;
    operation: string | null;
    archiveIdentifier?: { value: string; source: string };
  }[];
}

/** BAD_USER_INPUT listing every problem in `extensions.problems` (nothing was written). */
export const refused = (message: string, problems: SeznamProblem[]) =>
  new HubError(
    ErrorCode.BAD_USER_INPUT,
    `${message}: ${problems
      .slice(0, 5)
      .map((p) => (p.identifier ? `${p.identifier}: ${p.reason}` : p.reason))
      .join('; ')}`,
    {
      field: 'xml',
      problems: problems.slice(0, 500),
    },
  );

/**
 * Reads the archive's `Seznam` (nsesss-DA.xsd): root `Seznam` in the NSESSS v4 namespace with its required
 * attributes (ID, identifikatorArchivu, identifikatorPuvodce, datumVytvoreni), one or more `EntitaSeznamu`, each an
 * `Identifikator` (text + `zdroj`) and an `Operace` (the other choice, `IdentifikatorDA`, confirms a transfer and is
 * no decision). The XSD's shape is checked by hand here (no schema engine at run time); the test fixtures are
 * validated with xmllint against the XSD itself. DTDs and entities are not expanded.
 */
export function parseSeznam(xml: string): ParsedSeznam {
  if (typeof xml !== 'string' || xml.length === 0 || Buffer.byteLength(xml) > MAX_SEZNAM_BYTES) {
    throw refused('Not a Seznam', [{ identifier: null, reason: `xml must be 1 byte to ${MAX_SEZNAM_BYTES} bytes` }]);
  }
  if (/<!DOCTYPE/i.test(xml)) throw refused('Not a Seznam', [{ identifier: null, reason: 'a DOCTYPE is not allowed' }]);
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw refused('Not a Seznam', [
      { identifier: null, reason: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` },
    ]);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    isArray: (name) => /(^|:)(EntitaSeznamu)$/.test(name),
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
  }).parse(xml) as Record<string, unknown>;
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('#'));
  const problems: SeznamProblem[] = [];
  const [prefix, local] = rootKey?.includes(':') ? rootKey.split(':') : ['', rootKey];
  const root = rootKey ? (doc[rootKey] as Record<string, unknown>) : null;
  if (!root || local !== 'Seznam' || typeof root !== 'object')
    throw refused('Not a Seznam', [
      { identifier: null, reason: `the root element must be Seznam, not ${rootKey ?? 'none'}` },
    ]);
  const ns = root[prefix ? `@xmlns:${prefix}` : '@xmlns'];
  if (ns !== NSESSS_NS)
    throw refused('Not a Seznam', [{ identifier: null, reason: `Seznam must be in the namespace ${NSESSS_NS}` }]);
  const q = (name: string) => (prefix ? `${prefix}:${name}` : name);
  const attr = (name: string) => {
    const v = root[`@${name}`];
    if (typeof v !== 'string' || !v.trim())
      problems.push({ identifier: null, reason: `Seznam lacks the attribute ${name}` });
    return typeof v === 'string' ? v.trim() : '';
  };
  const id = attr('ID');
  const archive = attr('identifikatorArchivu');
  attr('identifikatorPuvodce');
  const createdAt = attr('datumVytvoreni');
  if (createdAt && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(createdAt)) {
    problems.push({ identifier: null, reason: 'datumVytvoreni must be an xs:dateTime' });
  }
  const raw = (root[q('EntitaSeznamu')] as unknown[] | undefined) ?? [];
  if (raw.length === 0) problems.push({ identifier: null, reason: 'Seznam has no EntitaSeznamu' });
  const entries: ParsedSeznam['entries'] = [];
  raw.forEach((e, i) => {
    const entity = (e ?? {}) as Record<string, unknown>;
    const ident = entity[q('Identifikator')] as Record<string, unknown> | string | undefined;
    const text =
      typeof ident === 'string' ? ident : typeof ident?.['#text'] === 'string' ? (ident['#text'] as string) : '';
    const source = typeof ident === 'object' && typeof ident['@zdroj'] === 'string' ? (ident['@zdroj'] as string) : '';
    if (!text.trim() || !source.trim()) {
      problems.push({ identifier: null, reason: `EntitaSeznamu ${i + 1} lacks an Identifikator with its zdroj` });
      return;
    }
    const op = entity[q('Operace')];
    const da = entity[q('IdentifikatorDA')] as Record<string, unknown> | string | undefined;
    const daText = typeof da === 'string' ? da : typeof da?.['#text'] === 'string' ? (da['#text'] as string) : '';
    const daSource = typeof da === 'object' && typeof da['@zdroj'] === 'string' ? (da['@zdroj'] as string) : '';
    entries.push({
      identifier: text.trim(),
      source: source.trim(),
      operation: typeof op === 'string' ? op.trim() : null,
      // Kept as given even when incomplete: the transfer confirmation names what is missing per entity.
      ...(da !== undefined ? { archiveIdentifier: { value: daText.trim(), source: daSource.trim() } } : {}),
    });
  });
  if (problems.length > 0) throw refused('Not a valid Seznam', problems);
  return { id, archive, createdAt, entries };
}

/**
 * The entity's `SkartacniRizeni` (nsesss-common `tSkartacniRizeni`) as the changes of its `Uprava`. `SkartacniOperace`
 * (`tSkartacniOperace`) has one value, `trvalé uložení`, for an entity selected as an archival record: a destroyed
 * one never reaches a SIP (its TrP gets `Zniceni` at the operation), so it gets none. The archive's own word is kept
 * under `Seznam.Operace` (nsesss-DA `tOperace`) for both. `Mnozstvi` only for analog records (the XSD's rule), from
 * the records office's quantity.
 */
export const SKARTACNI_OPERACE_KEEP = 'trvalé uložení';
const OPERACE: Record<DisposalDecision, string> = {
  KEEP_AS_ARCHIVAL_RECORD: 'vybrat za archiválii',
  DESTROY: 'zničit',
};

/**
 * Records the archive's decision (skartační řízení) for a SUBMITTED proposal from its `Seznam`: per entity keep as
 * an archival record or destroy, with the day, the reasoning and the assessor (posuzovatel, `tOsobaInterni`: a
 * person of the originator answerable for the selection, named in its spisový řád; the importing officer unless
 * given, not the archive, which is no internal person), an `Uprava` of the entity carrying the SkartacniRizeni fields
 * (TrP's `TypUdalostiId` has no event type for the decision: it fills the entity's `Vyrazovani/SkartacniRizeni`, a
 * change of its metadata; `Zniceni` and `Prenos` are the later operations), and the proposal's `Uprava` to DECIDED,
 * in one transaction. The whole list is refused
 * with every reason (`extensions.problems`) when an identifier is not in the proposal or is unknown, an entity is
 * named twice or has no final operation, or an entity of the proposal is missing; a second import is CONFLICT.
 * Nothing is half-applied. The decided proposal frees the municipality's slot for the next one.
 */
export async function importDisposalDecision(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: { proposalId: string; xml: string; reasoning?: string | null; assessor?: string | null },
  now: Date,
): Promise<DisposalProposal> {
  const reasoning = validText(input.reasoning, 'reasoning', 2000, false);
  const assessorGiven = validText(input.assessor, 'assessor', 200, false);
  const seznam = parseSeznam(input.xml);
  return inTransaction(em, async (tx) => {
    const proposal = await tx.findOne(
      DisposalProposal,
      { id: input.proposalId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!proposal) throw notFound('DisposalProposal', input.proposalId);
    if (proposal.state === 'DECIDED' || proposal.state === 'COMPLETED')
      throw conflict(
        `The archive's decision on this proposal was imported already (Seznam ${proposal.decisionListId})`,
      );
    if (proposal.state !== 'SUBMITTED')
      throw conflict(`The disposal proposal is ${proposal.state}: a decision is imported for a submitted one`);
    const entries = await tx.find(DisposalProposalEntry, { proposalId: proposal.id }, { refresh: true });
    const byPid = new Map(entries.map((e) => [e.pid, e]));
    // Identifiers of entries elsewhere (other proposals) are "not in this proposal"; anything else is unknown.
    const named = seznam.entries.map((s) => s.identifier).filter((pid) => !byPid.has(pid));
    const elsewhere = named.length
      ? new Set((await tx.find(DisposalProposalEntry, { pid: { $in: named } })).map((e) => e.pid))
      : new Set<string>();
    const problems: SeznamProblem[] = [];
    const decided = new Map<string, DisposalDecision>();
    for (const s of seznam.entries) {
      const entry = byPid.get(s.identifier);
      if (!entry)
        problems.push({
          identifier: s.identifier,
          reason: elsewhere.has(s.identifier) ? 'not in this disposal proposal' : 'unknown identifier',
        });
      else if (decided.has(s.identifier)) problems.push({ identifier: s.identifier, reason: 'named twice' });
      else if (s.operation == null)
        problems.push({ identifier: s.identifier, reason: 'no Operace (a decision) for it' });
      else if (!OPERATIONS[s.operation])
        problems.push({
          identifier: s.identifier,
          reason: `Operace "${s.operation}" is no decision (vybrat za archiválii or zničit)`,
        });
      else decided.set(s.identifier, OPERATIONS[s.operation]);
    }
    for (const e of entries)
      if (!seznam.entries.some((s) => s.identifier === e.pid))
        problems.push({ identifier: e.pid, reason: 'in the proposal but not decided in the Seznam' });
    if (problems.length > 0) throw refused('The Seznam does not fit the disposal proposal', problems);

    const day = seznam.createdAt.slice(0, 10);
    const assessor = assessorGiven ?? (caller.name || caller.login).slice(0, 200);
    const items = new Map(
      (await tx.find(RecordsOfficeItem, { id: { $in: entries.map((e) => e.entityId) } })).map((i) => [i.id, i]),
    );
    for (const e of entries)
      Object.assign(e, { decision: decided.get(e.pid)!, decisionDate: day, reasoning, assessor });
    Object.assign(proposal, {
      state: 'DECIDED',
      activeKey: null,
      decisionListId: seznam.id,
      decidedAt: now,
      decidedById: caller.userId,
    });
    await tx.flush();
    for (const e of entries) {
      const item = items.get(e.entityId)!;
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Uprava',
        objectType: objectTypeOf(item),
        objectId: item.id,
        description: `SkartacniRizeni: ${item.referenceNumber} ${e.decision === 'DESTROY' ? 'to be destroyed (zničit)' : 'kept as an archival record (vybrat za archiválii)'}`,
        changes: [
          { name: 'SkartacniRizeni.Datum', old: null, new: day },
          ...(item.quantity ? [{ name: 'SkartacniRizeni.Mnozstvi', old: null, new: item.quantity }] : []),
          ...(e.decision === 'KEEP_AS_ARCHIVAL_RECORD'
            ? [{ name: 'SkartacniRizeni.SkartacniOperace', old: null, new: SKARTACNI_OPERACE_KEEP }]
            : []),
          { name: 'SkartacniRizeni.Oduvodneni', old: null, new: reasoning },
          { name: 'SkartacniRizeni.Posuzovatel', old: null, new: assessor },
          { name: 'Seznam.Operace', old: null, new: OPERACE[e.decision!] },
          { name: 'disposalProposalId', old: null, new: proposal.id },
        ],
      });
    }
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'SkartacniNavrh',
      objectId: proposal.id,
      description: `The archive's decision on the disposal proposal for ${proposal.year} (Seznam ${seznam.id}, ${pragueDay(now)})`,
      changes: [
        { name: 'state', old: 'SUBMITTED', new: 'DECIDED' },
        { name: 'decisionListId', old: null, new: seznam.id },
      ],
    });
    return proposal;
  });
}
