import { isValidIco } from '@hub/kit';
import { strongestCode, type DisposalCode } from '../retention/retention';
import type { SipProfile } from './mets';
import type { SipComponent, SipDocument, SipRetention, SipSource } from './sip-source';

/**
 * The content rules of the archive's validator (ZAF NSESSS 2024, /work/shared/nsesss/rules.md, levels 06 and 07)
 * that a program can check on our data before a SIP is built, each reported with its rule id. A package that
 * breaks one is not emitted (the archive would reject it at intake, after the upload): the caller learns what
 * blocks it instead (`archiveReadiness`, and the SIP route's CONFLICT with the list in `extensions.problems`).
 *
 * The rules about the shape of mets.xml (obs1–obs56) hold by construction of mets.ts and are checked by
 * `validate.sh sip --strict` in the tests; the ones here depend on the records' data.
 */

export interface ArchiveProblem {
  rule: string;
  message: string;
}

/** Decree 96/2023's cut-off: a lone document and V codes only for what was settled by then (obs28, obs29, obs66). */
export const LAST_DAY_OF_LEGACY = '2026-12-31';
/** Entities settled by this day predate the rules on evidence numbers and output formats (obs59a, obs105, obs107). */
const EVIDENCE_RULE_DAY = '2012-07-31';

const WORD_PROCESSOR = new Set([
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/rtf',
  'text/rtf',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.apple.pages',
]);
const OUTPUT_FORMATS = new Set([
  'application/pdf',
  'image/png',
  'image/tiff',
  'image/jpeg',
  'video/mpeg',
  'image/gif',
  'audio/mpeg',
  'audio/x-wav',
  'application/xml',
  'application/xml-dtd',
]);
const CONTAINER_TYPES = /^(application\/(zip|x-zip-compressed|vnd\.etsi\.asic-[es]\+zip))$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The disposal year by a schedule: RokVyrazeni if fixed, else trigger year + 1 + lhůta (domain.md §5.3). */
function expiryYear(r: SipRetention | null, triggerYear: number | null): number | null {
  if (!r) return null;
  if (r.fixedYear !== null) return r.fixedYear;
  return triggerYear === null || r.years === null ? null : triggerYear + 1 + r.years;
}

function componentRules(d: SipDocument, settledEarly: boolean, out: ArchiveProblem[]) {
  const label = `dokument ${d.referenceNumber ?? d.identifier.value}`;
  const byOrder = new Map<number, SipComponent[]>();
  for (const c of d.components) byOrder.set(c.order, [...(byOrder.get(c.order) ?? []), c]);
  const orders = [...byOrder.keys()].sort((a, b) => a - b);
  if (orders.some((o, i) => o !== i + 1))
    out.push({
      rule: 'obs100',
      message: `${label}: components' orders are not 1..n without gaps (${orders.join(', ')})`,
    });
  for (const c of d.components) {
    if (!MEDIA_TYPE.test(c.mediaType))
      out.push({
        rule: 'obs41',
        message: `${label}: component ${c.fileName} has no valid media type (${c.mediaType})`,
      });
    if (CONTAINER_TYPES.test(c.mediaType) && c.form !== 'CONTAINER')
      out.push({
        rule: 'obs109',
        message: `${label}: component ${c.fileName} is a ZIP/ASiC file but not marked as a container`,
      });
    if (c.form === 'CONTAINER' && !d.components.some((o) => o.form !== 'CONTAINER'))
      out.push({ rule: 'obs111', message: `${label}: a container component needs a sibling of another form` });
    if (c.form === 'DIGITIZED' && d.form === 'DIGITAL')
      out.push({ rule: 'obs98a', message: `${label}: a digitised copy belongs to an analog document` });
  }
  for (const [order, list] of byOrder) {
    const versions = list.map((c) => c.version);
    if (versions.some((v, i) => i > 0 && v <= versions[i - 1]))
      out.push({ rule: 'obs102', message: `${label}: versions of component ${order} are not distinct and increasing` });
    if (d.form !== 'DIGITAL') continue;
    const top = Math.max(...versions);
    const originals = list.filter((c) => c.form === 'ORIGINAL');
    const outputs = list.filter((c) => c.form === 'ORIGINAL_OUTPUT_FORMAT');
    if (originals.length !== 1)
      out.push({
        rule: 'obs103',
        message: `${label}: component ${order} needs exactly one original (has ${originals.length})`,
      });
    if (outputs.length === 0 && originals.length === 1 && originals[0].version !== top) {
      out.push({ rule: 'obs104', message: `${label}: the original of component ${order} is not its highest version` });
    }
    if (outputs.length > 0 && (outputs.length !== 1 || outputs[0].version !== top)) {
      out.push({
        rule: 'obs106',
        message: `${label}: component ${order} needs exactly one output-format original, as its highest version`,
      });
    }
    if (!settledEarly) {
      if (outputs.length === 0 && originals.some((c) => WORD_PROCESSOR.has(c.mediaType.toLowerCase()))) {
        out.push({
          rule: 'obs105',
          message: `${label}: component ${order} is a word-processor file without a version in an output format (PDF/A)`,
        });
      }
      const last = outputs.find((c) => c.version === top);
      if (last && !OUTPUT_FORMATS.has(last.mediaType.toLowerCase())) {
        out.push({
          rule: 'obs107',
          message: `${label}: the output-format version of component ${order} is ${last.mediaType}, not an archival output format`,
        });
      }
    }
  }
}

function documentRules(s: SipSource, d: SipDocument, isRoot: boolean, currentYear: number, out: ArchiveProblem[]) {
  const label = `dokument ${d.referenceNumber ?? d.identifier.value}`;
  if (!d.referenceNumber) out.push({ rule: 'obs59a', message: `${label}: has no evidence number (číslo jednací)` });
  if (d.form === 'DIGITAL' && d.components.length === 0)
    out.push({ rule: 'obs60', message: `${label}: a digital document has no components` });
  if (d.form !== 'DIGITAL') {
    if (!d.quantity)
      out.push({
        rule: d.origin === 'RECEIVED' ? 'obs61' : 'obs61a',
        message: `${label}: an analog document needs its quantity`,
      });
    if (!d.storageUnit)
      out.push({
        rule: 'obs85',
        message: `${label}: an analog document needs its storage unit (it is not in the records office)`,
      });
  }
  if (d.settlementMethod === 'OTHER') {
    if (!d.settlementReason?.trim())
      out.push({ rule: 'obs63', message: `${label}: settled "jiný způsob" without a reason` });
    if (!d.settlementContent?.trim())
      out.push({ rule: 'obs84', message: `${label}: settled "jiný způsob" without its content` });
  }
  if (!d.subject.trim()) out.push({ rule: 'obs93', message: `${label}: has no title (věc)` });
  if (d.sender?.ico && !isValidIco(d.sender.ico))
    out.push({ rule: 'obs92', message: `${label}: the sender's IČO ${d.sender.ico} has an invalid check digit` });
  if (d.settledOn && d.settledOn > LAST_DAY_OF_LEGACY && d.retention?.code === 'V') {
    out.push({
      rule: 'obs66',
      message: `${label}: settled after ${LAST_DAY_OF_LEGACY}, so its disposal code must be A or S, not V`,
    });
  }
  if (!d.retention) out.push({ rule: 'obs68', message: `${label}: its filing-plan node has no retention schedule` });
  if (isRoot) {
    if (!d.settledOn) out.push({ rule: 'obs69', message: `${label}: a document sent on its own must be settled` });
    else if (d.settledOn > LAST_DAY_OF_LEGACY) {
      out.push({
        rule: 'obs28',
        message: `${label}: settled after ${LAST_DAY_OF_LEGACY}, a document goes to the archive inside a case file, not alone`,
      });
    }
    const year = expiryYear(d.retention, d.triggerYear);
    if (year === null || year > currentYear)
      out.push({
        rule: 'obs64',
        message: `${label}: its retention period has not expired (disposal year ${year ?? 'unknown'})`,
      });
  } else {
    // obs65 for a child: the year of its delivery or creation starts its period.
    const year = expiryYear(d.retention, Number((d.deliveredOn ?? d.createdOn).slice(0, 4)));
    if (year === null || year > currentYear)
      out.push({
        rule: 'obs65',
        message: `${label}: its retention period has not expired (disposal year ${year ?? 'unknown'})`,
      });
  }
  componentRules(d, (d.settledOn ?? '9999') <= EVIDENCE_RULE_DAY, out);
}

/** The hub's own rule: a transfer package (přejímka) carries the archive's decision to keep the entity. */
export const HUB_TRANSFER_DECISION = 'hub-p1';

/**
 * The rules of the transfer profile (P) on the root entity's SkartacniRizeni (rules.md obs77–obs80): it must be
 * there with SkartacniOperace `trvalé uložení` (hub-p1: the archive selected it; ZAF requires the element only of a
 * root entity "that passed the selection", which every transferred one has), an analog root carries the quantity
 * (obs77), the decision's year is not before the disposal year (obs79) nor in the future (obs80). obs78 (only under
 * the root) holds by construction of mets.ts.
 */
function transferRules(s: SipSource, currentYear: number, out: ArchiveProblem[]) {
  const r = s.review;
  const root = s.root.kind === 'CASE_FILE' ? s.root.caseFile : s.root.document;
  const analog =
    s.root.kind === 'CASE_FILE'
      ? s.root.caseFile.documents.some((d) => d.form !== 'DIGITAL')
      : s.root.document.form !== 'DIGITAL';
  if (!r || !r.operation) {
    out.push({
      rule: HUB_TRANSFER_DECISION,
      message: r
        ? 'the archive decided to destroy it: it is not transferred'
        : "a transfer needs the archive's decision to keep it (SkartacniRizeni): none has been recorded",
    });
    if (analog)
      out.push({
        rule: 'obs77',
        message:
          "a transfer of analog records needs the archive's decision with the quantity (SkartacniRizeni/Mnozstvi)",
      });
    return;
  }
  if (analog && !r.quantity?.trim())
    out.push({
      rule: 'obs77',
      message: "a transfer of analog records needs the quantity in the archive's decision (SkartacniRizeni/Mnozstvi)",
    });
  const year = Number(r.day.slice(0, 4));
  if (root.disposalYear !== null && root.triggerYear !== null && year < root.disposalYear) {
    out.push({
      rule: 'obs79',
      message: `the archive's decision (${r.day}) is dated before the disposal year ${root.disposalYear}`,
    });
  }
  if (year > currentYear)
    out.push({ rule: 'obs80', message: `the archive's decision (${r.day}) is dated in a future year` });
}

/** Every problem that keeps the entity's SIP from passing the archive's checks; empty when it is ready. */
export function checkContentRules(s: SipSource, profile: SipProfile, now: Date): ArchiveProblem[] {
  const out: ArchiveProblem[] = [];
  const currentYear = Number(now.toISOString().slice(0, 4));
  const identifiers = [s.plan.identifier, ...s.nodes.map((n) => n.identifier)];
  if (!/^\d{8}$/.test(s.originator.ico) || !isValidIco(s.originator.ico))
    out.push({ rule: 'obs92', message: `the originator's IČO ${s.originator.ico} is not valid` });
  if (!s.plan.name.trim()) out.push({ rule: 'obs93', message: 'the filing plan has no name' });
  s.nodes.forEach((n, i) => {
    if (!n.name.trim()) out.push({ rule: 'obs93', message: `node ${n.fullCode} has no name` });
    if (!n.code.trim()) out.push({ rule: 'obs93a', message: `node ${n.fullCode} has no simple filing code` });
    if (!n.fullCode.endsWith(n.code))
      out.push({ rule: 'obs94', message: `node ${n.fullCode}: the full code does not end with its code ${n.code}` });
    if (i === 0 && n.fullCode !== n.code)
      out.push({ rule: 'obs93b', message: `node ${n.fullCode} under the plan: the full code must equal its code` });
    if (i > 0 && n.fullCode !== `${s.nodes[i - 1].fullCode}${s.plan.separator}${n.code}`) {
      out.push({
        rule: 'obs95',
        message: `node ${n.fullCode}: the full code is not ${s.nodes[i - 1].fullCode}${s.plan.separator}${n.code}`,
      });
    }
  });
  const leaf = s.nodes[s.nodes.length - 1];
  if (!leaf.retention)
    out.push({ rule: 'obs68', message: `node ${leaf.fullCode} holds records but has no retention schedule` });

  const docs = s.root.kind === 'DOCUMENT' ? [s.root.document] : s.root.caseFile.documents;
  if (s.root.kind === 'DOCUMENT') {
    documentRules(s, s.root.document, true, currentYear, out);
  } else {
    const c = s.root.caseFile;
    const label = `spis ${c.referenceNumber}`;
    identifiers.push(c.identifier);
    if (!c.closedOn)
      out.push({ rule: 'val1', message: `${label}: the case file is not closed (VyrizeniUzavreni is required)` });
    else {
      if (c.openedOn > c.closedOn)
        out.push({ rule: 'obs71', message: `${label}: opened ${c.openedOn} after it was closed ${c.closedOn}` });
      if (c.closedOn > LAST_DAY_OF_LEGACY && c.retention?.code === 'V')
        out.push({
          rule: 'obs66',
          message: `${label}: closed after ${LAST_DAY_OF_LEGACY}, so its disposal code must be A or S, not V`,
        });
    }
    if (!c.referenceNumber && (c.closedOn ?? '9999') > EVIDENCE_RULE_DAY)
      out.push({ rule: 'obs59a', message: `${label}: has no evidence number` });
    if (!c.title.trim()) out.push({ rule: 'obs93', message: `${label}: has no title` });
    if (c.documents.length === 0) out.push({ rule: 'val1', message: `${label}: the case file has no documents` });
    const year = expiryYear(c.retention, c.triggerYear);
    if (year === null || year > currentYear)
      out.push({
        rule: 'obs65',
        message: `${label}: its retention period has not expired (disposal year ${year ?? 'unknown'})`,
      });
    const strongest = strongestCode(c.documents.map((d) => d.retention?.code as DisposalCode | null));
    if (
      strongest &&
      c.retention?.code &&
      strongest !== c.retention.code &&
      strongestCode([strongest, c.retention.code]) !== c.retention.code
    ) {
      out.push({
        rule: 'obs67',
        message: `${label}: its disposal code ${c.retention.code} is weaker than its documents' ${strongest}`,
      });
    }
    if (c.documents.some((d) => d.form !== 'DIGITAL') && !c.location)
      out.push({
        rule: 'obs85a',
        message: `${label}: an analog case file needs its location (it is not in the records office)`,
      });
    for (const d of c.documents) documentRules(s, d, false, currentYear, out);
  }
  if (profile === 'components') transferRules(s, currentYear, out);
  for (const d of docs) identifiers.push(d.identifier, ...d.components.map((c) => c.identifier));
  // obs59: one identifier, one content. Schedules are shared by identifier within a plan (identifiers.ts), but a
  // document classified under another plan's node may bring an equal identifier with another schedule.
  const schedules = new Map<string, string>();
  const retentions = [
    ...s.nodes.map((n) => n.retention),
    ...(s.root.kind === 'CASE_FILE' ? [s.root.caseFile.retention] : []),
    ...docs.map((d) => d.retention),
  ];
  for (const r of retentions) {
    if (!r) continue;
    const key = `${r.identifier.source}\u0000${r.identifier.value}`;
    const content = JSON.stringify([r.name, r.code, r.years, r.fixedYear, r.triggerEvent, r.checkYears]);
    const seen = schedules.get(key);
    if (seen === undefined) schedules.set(key, content);
    else if (seen !== content)
      out.push({
        rule: 'obs59',
        message: `retention schedule ${r.identifier.value} (${r.identifier.source}) names two different schedules`,
      });
  }
  for (const i of identifiers) {
    if (!i.value.trim()) out.push({ rule: 'obs57', message: 'an identifier is empty' });
    if (!i.source.trim()) out.push({ rule: 'obs58', message: `identifier ${i.value} has no source (zdroj)` });
  }
  return out;
}
