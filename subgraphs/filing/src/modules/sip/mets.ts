import { randomBytes } from 'node:crypto';
import { dateTime, escapeText, logIdentifier, logSource, renderObjectLog, xmlSafe } from '../audit-log/xml';
import type {
  SipComponent,
  SipDocument,
  SipIdentifier,
  SipKind,
  SipNode,
  SipParty,
  SipPerson,
  SipRetention,
  SipSource,
} from './sip-source';

/**
 * `mets.xml` of a SIP (domain.md §6.3, /work/shared/nsesss/README.md): METS 1.12.1 with one dmdSec holding the root
 * entity (nsesss:Spis or nsesss:Dokument) whose ancestors (věcné skupiny up to the spisový plán) are embedded as
 * mother entities, one amdSec per entity with its `tp:TransakcniLogObjektu` from our own log, a fileSec for the
 * components, and a structMap from the plan down to the components.
 *
 * mets.xml is metadata only (the components' bytes go into `komponenty/` by zip.ts), so it is built as one string;
 * its size is bounded by the entity's metadata and log (an object log is capped at MAX_OBJECT_LOG_ENTRIES).
 *
 * Prefixes are literal (`mets:`, `nsesss:`, `tp:`, `xlink:`, `xsi:`): ZAF compares qualified names as strings.
 */

export type SipProfile = 'metadata' | 'components';

/** `mets:mets/@LABEL` (rules obs2, obs3): the proposal is a disposal review; the transfer must carry the second. */
export const SIP_LABELS: Record<SipProfile, string> = {
  metadata: 'Datový balíček pro provedení skartačního řízení',
  components: 'Datový balíček pro předávání dokumentů a jejich metadat do archivu',
};

/** Rule ns2: exactly this value. */
export const SIP_SCHEMA_LOCATION =
  'http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd http://www.mvcr.cz/nsesss/v4 https://www.mvcr.cz/nsesss/v4/nsesss.xsd http://www.mvcr.cz/nsesss/2023/log https://www.mvcr.cz/nsesss/v4/nsesss-TrP.xsd';

/** Czech text of a settlement method (tZpusobVyrizeni). */
const SETTLEMENT: Record<string, string> = {
  BY_DOCUMENT: 'vyřízení dokumentem',
  FORWARDED: 'postoupení',
  ACKNOWLEDGED: 'vzetí na vědomí',
  NOTE_ON_DOCUMENT: 'vyřízení záznamem na dokumentu',
  OTHER: 'jiný způsob',
};

/** `forma_uchovani` of a component form. */
export const FORMA_UCHOVANI: Record<string, string> = {
  CONCEPT: 'koncept',
  ORIGINAL: 'originál',
  ORIGINAL_OUTPUT_FORMAT: 'originál ve výstupním datovém formátu',
  DIGITIZED: 'digitalizát',
  CONTAINER: 'kontejner',
};

/** The path of a component inside the SIP folder: `komponenty/<order>_<version>_<safe name>`, unique by (order, version). */
export function componentPath(c: Pick<SipComponent, 'order' | 'version' | 'fileName'>): string {
  const safe =
    c.fileName
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 100) || 'soubor';
  return `komponenty/${c.order}_${c.version}_${safe}`;
}

export interface SipAgent {
  name: string;
}

export interface MetsOptions {
  profile: SipProfile;
  now: Date;
  /** Who builds the package (the INDIVIDUAL agent, rule obs17). */
  individual: SipAgent;
  /** `mets:mets/@OBJID`. */
  objid: string;
}

const t = (name: string, text: string | number) => `<nsesss:${name}>${escapeText(String(text))}</nsesss:${name}>`;
const opt = (name: string, text: string | number | null | undefined) =>
  text === null || text === undefined || text === '' ? '' : t(name, text);
const attr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const id = (i: SipIdentifier) =>
  `<nsesss:Identifikator zdroj="${attr(i.source)}">${escapeText(i.value)}</nsesss:Identifikator>`;
const identifikace = (i: SipIdentifier) => `<nsesss:Identifikace>${id(i)}</nsesss:Identifikace>`;
const datum = (name: string, day: string) => t(name, day);

function originatorOrg(s: SipSource): string {
  return (
    `<nsesss:IdentifikatorOrganizace zdroj="IČO">${escapeText(s.originator.ico)}</nsesss:IdentifikatorOrganizace>` +
    t('NazevOrganizace', s.originator.name)
  );
}

/** tSubjektInterni: every part is required. */
function internal(s: SipSource, p: SipPerson): string {
  return (
    `<nsesss:Subjekt>${originatorOrg(s)}` +
    `<nsesss:IdentifikatorFyzickeOsoby zdroj="${attr(s.plan.identifier.source)}">${escapeText(p.userId)}</nsesss:IdentifikatorFyzickeOsoby>` +
    t('NazevFyzickeOsoby', p.name) +
    t('OrganizacniUtvar', cut(p.orgUnitName, 100)) +
    t('PracovniPozice', cut(p.position, 100)) +
    t('SidloOrganizace', s.originator.seat) +
    '</nsesss:Subjekt>'
  );
}

/** tSubjektExterni: an organisation (with its IČO) or a natural person. */
function external(p: SipParty): string {
  if (p.kind === 'LEGAL_PERSON' && p.ico) {
    return (
      `<nsesss:Subjekt><nsesss:IdentifikatorOrganizace zdroj="IČO">${escapeText(p.ico)}</nsesss:IdentifikatorOrganizace>` +
      t('NazevOrganizace', p.name) +
      t('SidloOrganizace', p.address ?? 'neuvedeno') +
      opt('ElektronickyKontakt', p.contact && cut(p.contact, 100)) +
      '</nsesss:Subjekt>'
    );
  }
  return `<nsesss:Subjekt>${t('NazevFyzickeOsoby', p.name)}${t('PostovniAdresa', p.address ?? 'neuvedeno')}${t('ElektronickyKontakt', cut(p.contact ?? 'neuveden', 100))}</nsesss:Subjekt>`;
}

const cut = (s: string, n: number) => Array.from(xmlSafe(s)).slice(0, n).join('');

function skartacniRezim(r: SipRetention): string {
  return (
    `<nsesss:SkartacniRezim>${id(r.identifier)}${t('Nazev', r.name)}${t('SkartacniZnak', r.code ?? 'S')}` +
    (r.fixedYear !== null ? t('RokVyrazeni', r.fixedYear) : t('SkartacniLhuta', r.years ?? 0)) +
    t('SpousteciUdalost', r.triggerEvent) +
    opt('KontrolaLhuta', r.checkYears) +
    '</nsesss:SkartacniRezim>'
  );
}

function vyrazovani(
  r: SipRetention | null,
  triggerYear: number | null,
  disposalYear: number | null,
  rizeni = '',
): string {
  if (!r) return '';
  const datace =
    triggerYear !== null && disposalYear !== null
      ? `<nsesss:DataceVyrazeni>${t('RokSpousteciUdalosti', triggerYear)}${t('RokSkartacniOperace', disposalYear)}</nsesss:DataceVyrazeni>`
      : '';
  return `<nsesss:Vyrazovani>${skartacniRezim(r)}${datace}${rizeni}</nsesss:Vyrazovani>`;
}

/**
 * The root entity's `SkartacniRizeni` (tSkartacniRizeni: Datum, Mnozstvi?, SkartacniOperace, Oduvodneni?,
 * Posuzovatel) in a transfer package only (rule obs78: under the root's Vyrazovani, nowhere else). The schema's one
 * SkartacniOperace is `trvalé uložení`: an entity to be destroyed has none and is never transferred (the content
 * rules refuse it first).
 */
function skartacniRizeni(s: SipSource, profile: SipProfile): string {
  const r = s.review;
  if (profile !== 'components' || !r?.operation) return '';
  return (
    `<nsesss:SkartacniRizeni>${datum('Datum', r.day)}${opt('Mnozstvi', r.quantity)}${t('SkartacniOperace', r.operation)}${opt('Oduvodneni', r.reasoning)}` +
    `<nsesss:Posuzovatel>${internal(s, r.assessor)}</nsesss:Posuzovatel></nsesss:SkartacniRizeni>`
  );
}

/** Element ids of the package (xs:ID: NCName), stable within one mets.xml. */
interface Ids {
  plan: string;
  nodes: string[];
  root: string;
  documents: Map<string, string>;
  components: Map<string, string>;
}

/** The věcná skupina `i` with its mothers above it (nested inside its Trideni, as tTrideniVecneSkupiny has it). */
function vecnaSkupina(s: SipSource, ids: Ids, i: number, analog: boolean): string {
  const n: SipNode = s.nodes[i];
  const mother =
    i === 0
      ? `<nsesss:SpisovyPlan ID="${ids.plan}">${id(s.plan.identifier)}${t('Nazev', s.plan.name)}<nsesss:Manipulace>${datum('DatumOtevreni', s.plan.validFrom)}${s.plan.validTo ? datum('DatumUzavreni', s.plan.validTo) : ''}</nsesss:Manipulace>` +
        `<nsesss:Vydavatel><nsesss:Subjekt>${originatorOrg(s)}${t('SidloOrganizace', s.originator.seat)}</nsesss:Subjekt></nsesss:Vydavatel></nsesss:SpisovyPlan>`
      : `<nsesss:MaterskaEntita>${vecnaSkupina(s, ids, i - 1, analog)}</nsesss:MaterskaEntita>`;
  return (
    `<nsesss:VecnaSkupina ID="${ids.nodes[i]}"><nsesss:EvidencniUdaje>${identifikace(n.identifier)}<nsesss:Popis>${t('Nazev', n.name)}</nsesss:Popis>` +
    `<nsesss:Puvod>${datum('DatumVytvoreni', n.createdOn)}</nsesss:Puvod>` +
    `<nsesss:Trideni>${t('JednoduchySpisovyZnak', n.code)}${t('PlneUrcenySpisovyZnak', n.fullCode)}${mother}</nsesss:Trideni>` +
    `<nsesss:Vyrazovani>${n.retention ? skartacniRezim(n.retention) : ''}</nsesss:Vyrazovani>` +
    `<nsesss:Manipulace>${t('AnalogovyDokument', analog ? 'ano' : 'ne')}${datum('DatumOtevreni', n.createdOn)}</nsesss:Manipulace>` +
    '</nsesss:EvidencniUdaje></nsesss:VecnaSkupina>'
  );
}

function evidence(d: {
  referenceNumber: string | null;
  sequenceNumber?: number | null;
  year: number | null;
  registerName: string;
}): string {
  return (
    `<nsesss:Evidence>${opt('EvidencniCislo', d.referenceNumber)}${opt('PoradoveCislo', d.sequenceNumber)}` +
    `<nsesss:UrceneCasoveObdobi>${t('Rok', d.year ?? 0)}</nsesss:UrceneCasoveObdobi>${t('NazevEvidenceDokumentu', d.registerName)}</nsesss:Evidence>`
  );
}

function vyrizeni(
  s: SipSource,
  name: 'Vyrizeni' | 'VyrizeniUzavreni',
  day: string,
  method: string | null,
  content: string | null,
  reason: string | null,
  by: SipPerson,
): string {
  return (
    `<nsesss:${name}>${datum('Datum', day)}${method ? t('Zpusob', SETTLEMENT[method] ?? 'jiný způsob') : ''}${opt('ObsahVyrizeni', content)}${opt('Oduvodneni', reason)}` +
    `<nsesss:Zpracovatel>${internal(s, by)}</nsesss:Zpracovatel></nsesss:${name}>`
  );
}

/** tDruhDokumentu: the kind of the municipality's vocabulary (within Trideni, before the mother entities). */
function druhDokumentu(k: SipKind | null): string {
  return k
    ? `<nsesss:DruhDokumentu>${id(k.identifier)}${t('Nazev', k.name)}${opt('Komentar', k.comment)}</nsesss:DruhDokumentu>`
    : '';
}

function documentXml(
  s: SipSource,
  ids: Ids,
  d: SipDocument,
  classification: { code: string; fullCode: string },
  isRoot: boolean,
  rizeni = '',
): string {
  const analog = d.form !== 'DIGITAL';
  const puvod =
    d.origin === 'RECEIVED'
      ? `<nsesss:DorucenyDokument>${datum('DatumDoruceni', d.deliveredOn ?? d.createdOn)}${opt('OdesilatelovoEvidencniCislo', d.senderReferenceNumber && cut(d.senderReferenceNumber, 50))}` +
        `${analog ? opt('DoruceneMnozstvi', d.quantity) : ''}<nsesss:Odesilatel>${external(d.sender ?? { kind: 'NATURAL_PERSON', name: 'neuveden', ico: null, address: null, contact: null })}</nsesss:Odesilatel></nsesss:DorucenyDokument>`
      : `<nsesss:VlastniDokument>${datum('DatumVytvoreni', d.createdOn)}${analog ? opt('VytvoreneMnozstvi', d.quantity) : ''}` +
        `<nsesss:Autor>${internal(s, d.author ?? { userId: 'system', name: s.originator.name, orgUnitName: s.originator.name, position: 'zpracovatel' })}</nsesss:Autor></nsesss:VlastniDokument>`;
  const mothers = isRoot
    ? `<nsesss:MaterskeEntity>${vecnaSkupina(s, ids, s.nodes.length - 1, analog)}</nsesss:MaterskeEntity>`
    : '';
  const settled =
    d.settledOn && d.settledBy
      ? vyrizeni(s, 'Vyrizeni', d.settledOn, d.settlementMethod, d.settlementContent, d.settlementReason, d.settledBy)
      : '';
  const komponenty = d.components.length
    ? `<nsesss:Komponenty>${d.components.map((c) => komponenta(ids, c, classification)).join('')}</nsesss:Komponenty>`
    : '';
  return (
    `<nsesss:Dokument ID="${ids.documents.get(d.id)}"><nsesss:EvidencniUdaje>${identifikace(d.identifier)}<nsesss:Popis>${t('Nazev', d.subject)}</nsesss:Popis>` +
    evidence(d) +
    `<nsesss:Puvod>${puvod}</nsesss:Puvod>` +
    `<nsesss:Trideni>${t('JednoduchySpisovyZnak', classification.code)}${t('PlneUrcenySpisovyZnak', classification.fullCode)}${druhDokumentu(d.kind)}${mothers}</nsesss:Trideni>` +
    settled +
    vyrazovani(d.retention, d.triggerYear, d.disposalYear, isRoot ? rizeni : '') +
    `<nsesss:Manipulace>${t('AnalogovyDokument', analog ? 'ano' : 'ne')}${analog ? opt('UkladaciJednotka', d.storageUnit && cut(d.storageUnit, 100)) : ''}</nsesss:Manipulace>` +
    `</nsesss:EvidencniUdaje>${komponenty}</nsesss:Dokument>`
  );
}

function komponenta(ids: Ids, c: SipComponent, classification: { code: string; fullCode: string }): string {
  return (
    `<nsesss:Komponenta ID="${ids.components.get(c.id)}" poradi="${c.order}" druh="${c.order === 1 ? 'hlavní' : 'příloha'}" verze="${c.version}" forma_uchovani="${FORMA_UCHOVANI[c.form] ?? 'originál'}">` +
    `<nsesss:EvidencniUdaje>${identifikace(c.identifier)}<nsesss:Popis>${t('Nazev', c.fileName)}</nsesss:Popis>` +
    `<nsesss:Trideni>${t('JednoduchySpisovyZnak', classification.code)}${t('PlneUrcenySpisovyZnak', classification.fullCode)}</nsesss:Trideni></nsesss:EvidencniUdaje></nsesss:Komponenta>`
  );
}

function rootEntityXml(s: SipSource, ids: Ids, profile: SipProfile): string {
  const leaf = s.nodes[s.nodes.length - 1];
  const classification = { code: leaf.code, fullCode: leaf.fullCode };
  const rizeni = skartacniRizeni(s, profile);
  if (s.root.kind === 'DOCUMENT') return documentXml(s, ids, s.root.document, classification, true, rizeni);
  const c = s.root.caseFile;
  const analog = c.documents.some((d) => d.form !== 'DIGITAL');
  const closedBy = c.closedBy ?? {
    userId: 'system',
    name: s.originator.name,
    orgUnitName: s.originator.name,
    position: 'zpracovatel',
  };
  return (
    `<nsesss:Spis ID="${ids.root}"><nsesss:EvidencniUdaje>${identifikace(c.identifier)}<nsesss:Popis>${t('Nazev', c.title)}</nsesss:Popis>` +
    evidence({ referenceNumber: c.referenceNumber, year: Number(c.openedOn.slice(0, 4)), registerName: 'Spisy' }) +
    `<nsesss:Puvod>${datum('DatumVytvoreni', c.openedOn)}</nsesss:Puvod>` +
    `<nsesss:Trideni>${t('JednoduchySpisovyZnak', leaf.code)}${t('PlneUrcenySpisovyZnak', leaf.fullCode)}<nsesss:MaterskaEntita>${vecnaSkupina(s, ids, s.nodes.length - 1, analog)}</nsesss:MaterskaEntita></nsesss:Trideni>` +
    vyrizeni(s, 'VyrizeniUzavreni', c.closedOn ?? c.openedOn, 'BY_DOCUMENT', null, null, closedBy) +
    vyrazovani(c.retention, c.triggerYear, c.disposalYear, rizeni) +
    `<nsesss:Manipulace>${t('AnalogovyDokument', analog ? 'ano' : 'ne')}${datum('DatumOtevreni', c.openedOn)}${c.closedOn ? datum('DatumUzavreni', c.closedOn) : ''}${analog ? opt('Umisteni', c.location) : ''}</nsesss:Manipulace>` +
    `</nsesss:EvidencniUdaje><nsesss:Dokumenty>${c.documents.map((d) => documentXml(s, ids, d, classification, false)).join('')}</nsesss:Dokumenty></nsesss:Spis>`
  );
}

export function allDocuments(s: SipSource): SipDocument[] {
  return s.root.kind === 'DOCUMENT' ? [s.root.document] : s.root.caseFile.documents;
}

function idsOf(s: SipSource): Ids {
  const docs = allDocuments(s);
  return {
    plan: 'SP1',
    nodes: s.nodes.map((_, i) => `VS${i + 1}`),
    root: s.root.kind === 'DOCUMENT' ? 'DOK1' : 'SPIS1',
    documents: new Map(docs.map((d, i) => [d.id, `DOK${i + 1}`])),
    components: new Map(docs.flatMap((d) => d.components).map((c, i) => [c.id, `KOMP${i + 1}`])),
  };
}

/** One amdSec per entity: its id in the package and the object log as TransakcniLogObjektu. */
function amdSec(s: SipSource, objectId: string, amdId: string, now: Date): string {
  const log = s.logs.get(objectId);
  if (!log) throw new Error(`no log loaded for ${objectId}`);
  const from = log.entries[0]?.occurredAt ?? now;
  const header = {
    identifier: {
      value: logIdentifier(s.originator.abbreviation, from < now ? from : now, now, randomBytes(3).toString('hex')),
      source: logSource(s.originator.abbreviation),
    },
    createdAt: now,
    from: from < now ? from : now,
    to: now,
    object: { type: log.objectType, id: log.identifier.value, source: log.identifier.source },
  };
  return (
    `<mets:amdSec ID="${amdId}"><mets:digiprovMD ID="${amdId}_TP"><mets:mdWrap MDTYPE="OTHER" OTHERMDTYPE="TP" MDTYPEVERSION="4.0" MIMETYPE="text/xml"><mets:xmlData>` +
    renderObjectLog(header, log.entries, { standalone: false }) +
    '</mets:xmlData></mets:mdWrap></mets:digiprovMD></mets:amdSec>\n'
  );
}

/** mets.xml of the SIP as one string (UTF-8 without BOM when written: rule kod1). */
export function renderMets(s: SipSource, o: MetsOptions): string {
  const ids = idsOf(s);
  const docs = allDocuments(s);
  const comps = docs.flatMap((d) => d.components);
  const now = dateTime(o.now);
  const amd = (objectId: string) => `AMD_${objectId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:nsesss="http://www.mvcr.cz/nsesss/v4" xmlns:tp="http://www.mvcr.cz/nsesss/2023/log" ` +
      `xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SIP_SCHEMA_LOCATION}" ` +
      `OBJID="${attr(o.objid)}" LABEL="${SIP_LABELS[o.profile]}">\n`,
    `<mets:metsHdr CREATEDATE="${now}" LASTMODDATE="${now}">` +
      `<mets:agent ID="AGENT_ORG" ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>${escapeText(s.originator.name)}</mets:name></mets:agent>` +
      `<mets:agent ID="AGENT_1" ROLE="CREATOR" TYPE="INDIVIDUAL"><mets:name>${escapeText(o.individual.name.trim() || 'system')}</mets:name></mets:agent></mets:metsHdr>\n`,
    `<mets:dmdSec ID="DMD1"><mets:mdWrap MDTYPE="OTHER" OTHERMDTYPE="NSESSS" MDTYPEVERSION="4.0" MIMETYPE="text/xml"><mets:xmlData>${rootEntityXml(s, ids, o.profile)}</mets:xmlData></mets:mdWrap></mets:dmdSec>\n`,
  ];
  // amdSec: plan, nodes, the root entity, documents, components.
  const planId = [...s.logs.entries()].find(([, l]) => l.objectType === 'SpisovyPlan')![0];
  const nodeIds = [...s.logs.entries()].filter(([, l]) => l.objectType === 'VecnaSkupina').map(([k]) => k);
  parts.push(amdSec(s, planId, amd(planId), o.now));
  for (const n of nodeIds) parts.push(amdSec(s, n, amd(n), o.now));
  if (s.root.kind === 'CASE_FILE') parts.push(amdSec(s, s.root.caseFile.id, amd(s.root.caseFile.id), o.now));
  for (const d of docs) parts.push(amdSec(s, d.id, amd(d.id), o.now));
  for (const c of comps) parts.push(amdSec(s, c.id, amd(c.id), o.now));

  if (comps.length) {
    parts.push('<mets:fileSec><mets:fileGrp ID="FILEGRP1">');
    comps.forEach((c, i) => {
      parts.push(
        `<mets:file ID="FILE${i + 1}" DMDID="${ids.components.get(c.id)}" MIMETYPE="${attr(c.mediaType)}" SIZE="${c.size}" CREATED="${dateTime(c.createdAt)}" CHECKSUM="${c.sha256}" CHECKSUMTYPE="SHA-256">` +
          `<mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${attr(componentPath(c))}"/></mets:file>`,
      );
    });
    parts.push('</mets:fileGrp></mets:fileSec>\n');
  }

  const fileIdOf = new Map(comps.map((c, i) => [c.id, `FILE${i + 1}`]));
  const docDiv = (d: SipDocument) =>
    `<mets:div TYPE="dokument" DMDID="${ids.documents.get(d.id)}" ADMID="${amd(d.id)}">` +
    d.components
      .map(
        (c) =>
          `<mets:div TYPE="komponenta" DMDID="${ids.components.get(c.id)}" ADMID="${amd(c.id)}"><mets:fptr FILEID="${fileIdOf.get(c.id)}"/></mets:div>`,
      )
      .join('') +
    '</mets:div>';
  let inner =
    s.root.kind === 'CASE_FILE'
      ? `<mets:div TYPE="spis" DMDID="${ids.root}" ADMID="${amd(s.root.caseFile.id)}">${docs.map(docDiv).join('')}</mets:div>`
      : docDiv(s.root.document);
  for (let i = nodeIds.length - 1; i >= 0; i--)
    inner = `<mets:div TYPE="věcná skupina" DMDID="${ids.nodes[i]}" ADMID="${amd(nodeIds[i])}">${inner}</mets:div>`;
  parts.push(
    `<mets:structMap><mets:div TYPE="spisový plán" DMDID="${ids.plan}" ADMID="${amd(planId)}">${inner}</mets:div></mets:structMap>\n</mets:mets>\n`,
  );
  return parts.join('');
}
