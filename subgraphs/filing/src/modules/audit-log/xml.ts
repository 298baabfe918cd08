import type { AuditChange, AuditEventType, AuditObjectType } from '@hub/kit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogEntry } from './log-entry.entity';

/**
 * The transaction log as XML (NSESSS annexe 6, nsesss-TrP.xsd, domain.md §5.4):
 * - `writeSystemLog`: a whole period as `tp:TransakcniLogSystemu`, streamed (a year of a town office does not
 *   fit in memory as one string);
 * - `renderObjectLog`: one object's history as `tp:TransakcniLogObjektu` (small; also the SIP's amdSec part).
 *
 * Everything written is valid against nsesss-TrP.xsd whatever the log holds: text is stripped of characters XML
 * 1.0 forbids and escaped, identifiers are cut to the schema's 50 characters, `provedlKdo` to 1–100, parameter
 * names follow RFC 5424 PARAM-NAME, and a type outside the schema's enumeration is written as free text
 * (`TypUdalostiText`, `TypObjektuText`) rather than as an invalid id. What cannot be repaired — an entry out of
 * poradi order, a poradi that is not a positive integer, an invalid instant — throws, so a caller that streams
 * stops (and cuts the connection) instead of handing out a document that looks complete but is not.
 *
 * The prefix is `tp:` and no default namespace is used: ZAF compares qualified names as strings (rules.md).
 */

export const TP_NAMESPACE = 'http://www.mvcr.cz/nsesss/2023/log';
export const TP_SCHEMA_LOCATION = 'https://www.mvcr.cz/nsesss/v4/nsesss-TrP.xsd';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const SOFTWARE_NAME = 'Blansko records hub';

/** `TypUdalostiId` of nsesss-TrP.xsd (44 values), in the schema's order. Checked against the XSD in xml.test.ts. */
export const TYP_UDALOSTI_ID = [
  'Zalozeni',
  'Uprava',
  'Zruseni',
  'Zobrazeni',
  'Export',
  'Prenos',
  'Storno',
  'Zniceni',
  'VlozeniDoSpisu',
  'VyjmutiZeSpisu',
  'PripojeniCJ',
  'NovaVerze',
  'VlozeniKDokumentu',
  'VyjmutiZDokumentu',
  'VlozeniKVypraveni',
  'VyjmutiZVypraveni',
  'PripojeniPodpisu',
  'PripojeniRazitka',
  'FinalniVerze',
  'PredaniVypravne',
  'Vypraveno',
  'Doruceno',
  'Vyrizeni',
  'Schvaleni',
  'Uzavreni',
  'Otevreni',
  'PostoupeniAgende',
  'VraceniZAgendy',
  'ZmenaZpracovatele',
  'PripojeniKlicovehoSlova',
  'OdebraniKlicovehoSlova',
  'PredaniNaSpisovnu',
  'PrevzetiNaSpisovnu',
  'VraceniZeSpisovny',
  'PozastaveniSkartacniOperace',
  'ZruseniPozastaveniSkartacniOperace',
  'VlozeniDoUkladaciJednotky',
  'VyjmutiZUkladaciJednotky',
  'VlozeniDoSkartacnihoNavrhu',
  'VyjmutiZeSkartacnihoNavrhu',
  'VlozeniDoSpisoveRozluky',
  'VyjmutiZeSpisoveRozluky',
  'KonverzeZMociUredni',
  'KonverzeFormatu',
] as const;
export type TypUdalostiId = (typeof TYP_UDALOSTI_ID)[number];

/** `TypObjektuId` of nsesss-TrP.xsd (31 values), in the schema's order. Checked against the XSD in xml.test.ts. */
export const TYP_OBJEKTU_ID = [
  'Komponenta',
  'Zasilka',
  'Dokument',
  'Spis',
  'Soucast',
  'Dil',
  'TypovySpis',
  'VecnaSkupina',
  'SpisovyPlan',
  'Denik',
  'KonfiguraceSystemu',
  'Osoba',
  'FunkcniMisto',
  'SpisovyUzel',
  'OrganizacniJednotka',
  'SkupinaUzivatelu',
  'KonverzeZMociUredni',
  'Obalka',
  'SkartacniRezim',
  'SkartacniNavrh',
  'SpisovaRozluka',
  'SablonaTypovehoSpisu',
  'SablonaSoucasti',
  'Subjekt',
  'DruhDokumentu',
  'TypSpisu',
  'UkladaciJednotka',
  'SchvaleniSpis',
  'SchvaleniDokument',
  'SchvaleniKomponenta',
  'ZpusobVyrizeni',
] as const;
export type TypObjektuId = (typeof TYP_OBJEKTU_ID)[number];

// Compile-time: every event and object type the kit lets code record is one of the schema's ids (tsc fails
// here if someone adds a type to kit/audit.ts that the schema does not know).
const kitEventTypesAreStandard: [AuditEventType] extends [TypUdalostiId] ? true : never = true;
const kitObjectTypesAreStandard: [AuditObjectType] extends [TypObjektuId] ? true : never = true;
void kitEventTypesAreStandard;
void kitObjectTypesAreStandard;

const EVENT_TYPES: ReadonlySet<string> = new Set(TYP_UDALOSTI_ID);
const OBJECT_TYPES: ReadonlySet<string> = new Set(TYP_OBJEKTU_ID);
export const isTypUdalostiId = (v: string): v is TypUdalostiId => EVENT_TYPES.has(v);
export const isTypObjektuId = (v: string): v is TypObjektuId => OBJECT_TYPES.has(v);

/** Facets of nsesss-TrP.xsd. */
export const MAX_ID_LENGTH = 50;
export const MAX_ACTOR_LENGTH = 100;
/** RFC 5424 §6.3.3: SD-NAME is 1–32 PRINTUSASCII (33–126) except `=`, space, `]` and `"`. */
export const MAX_PARAM_NAME_LENGTH = 32;
/** `provedlKdo` when nobody is known (the schema requires at least one character). */
export const SYSTEM_ACTOR = 'system';

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The string without characters XML 1.0 forbids (they cannot even be written as character references). */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

/**
 * Escapes text content. `>` is escaped too (so `]]>` cannot appear), and CR as a character reference, because
 * a parser would otherwise normalise it to LF.
 */
export function escapeText(s: string): string {
  return xmlSafe(s).replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;',
  );
}

/** At most `max` characters as XML Schema counts them (code points), never cutting a surrogate pair. */
export function truncateCodePoints(s: string, max: number): string {
  if (s.length <= max) return s; // UTF-16 units ≥ code points
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max).join('');
}

/** An identifier value or source (`HodnotaID`, `ZdrojID`): XML-safe and at most 50 characters. */
export function idValue(s: string): string {
  return truncateCodePoints(xmlSafe(s), MAX_ID_LENGTH);
}

/** Czech names of the roles (kit roles.ts), as `provedlKdo` shows them; an unknown code is shown as it is. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  INTAKE_CLERK: 'podatelna',
  DISPATCH_CLERK: 'výpravna',
  CASE_HANDLER: 'zpracovatel',
  UNIT_HEAD: 'vedoucí',
  RECORDS_OFFICER: 'spisovna',
  RECORDS_MANAGER: 'správce spisové služby',
  AUDITOR: 'auditor',
  TENANT_ADMIN: 'správce uživatelů',
  PLATFORM_ADMIN: 'správce platformy',
};

/**
 * `provedlKdo`: 1–100 characters; `system` when nobody (or only whitespace) is given. With the person's name and
 * roles when the event carried them: `<login> (<name>; <role>, <role>)`, e.g. `mbk.handler (Jana Nováková;
 * zpracovatel)`. The login comes first so that cutting to 100 characters never loses it; a long name or role list
 * is what gets cut.
 */
export function actorValue(login: string | null | undefined, name?: string | null, roles?: string | null): string {
  const who = xmlSafe(login ?? '').trim();
  const roleNames = (roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => ROLE_NAMES[r] ?? r)
    .join(', ');
  const details = [xmlSafe(name ?? '').trim(), xmlSafe(roleNames)].filter(Boolean).join('; ');
  const full = who === '' ? details : details === '' ? who : `${who} (${details})`;
  const s = truncateCodePoints(full, MAX_ACTOR_LENGTH).trim();
  return s === '' ? SYSTEM_ACTOR : s;
}

/**
 * `NazevParametru` of one old or new value: `<name>.old` / `<name>.new`, made a valid RFC 5424 PARAM-NAME (as the
 * schema recommends, so the log converts to syslog): diacritics are dropped (`příjemce` → `prijemce`), every
 * other character outside printable ASCII and `=`, space, `]`, `"` become `_`, an empty name becomes `param`, and
 * the name is cut so that the whole is at most 32 characters.
 */
export function parameterName(name: string, which: 'old' | 'new'): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x21-\x7e]|[=\]"]/gu, '_');
  const base = (ascii === '' ? 'param' : ascii).slice(0, MAX_PARAM_NAME_LENGTH - which.length - 1);
  return `${base}.${which}`;
}

/** `xs:dateTime` in UTC with milliseconds, e.g. 2026-03-02T08:15:00.000Z. */
export function dateTime(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error(`Not a valid instant: ${String(d)}`);
  return d.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------------------------

/** `tIdentifikator`: a value and its source (`ZdrojID`), each at most 50 characters. */
export interface TpIdentifier {
  value: string;
  source: string;
}

/** `tObjekt`. `type` is a `TypObjektuId` (anything else is written as `TypObjektuText`). */
export interface TpObject {
  type: string;
  id: string;
  source: string;
}

/** The part of `TransLogInfo` both kinds of document share (`gSpolecneTransLogInfo`). */
export interface TpHeader {
  /** Identifies this generation of the log; unique per generation (see `logIdentifier`). */
  identifier: TpIdentifier;
  /** `DatumVzniku`: when the document was generated. */
  createdAt: Date;
  /** `DatumCasOd`, `DatumCasDo`: the period the events were selected from. */
  from: Date;
  to: Date;
  /** Default: "Blansko records hub" and the version of the root package.json. */
  software?: string;
  softwareVersion?: string;
}

export interface SystemLogHeader extends TpHeader {
  /**
   * `TypyObjektu`: only when the document holds just the events of these object types. The schema's annotation:
   * a log of all the system's events in the period leaves it out. Our exports hold all events, so they do.
   */
  objectTypes?: string[];
}

export interface ObjectLogHeader extends TpHeader {
  /** The object the history is of. */
  object: TpObject;
}

/** What the writer needs of a log entry. */
export type TpEntry = Pick<
  LogEntry,
  | 'poradi'
  | 'occurredAt'
  | 'actorLogin'
  | 'eventType'
  | 'objectType'
  | 'objectId'
  | 'objectSource'
  | 'description'
  | 'changes'
> &
  Partial<Pick<LogEntry, 'objectPid' | 'actorName' | 'actorRoles'>>;

/** The object's `HodnotaID` in the log: its PID when it has one (documents, case files), else its id. */
export const objectIdentifierOf = (e: Pick<TpEntry, 'objectId' | 'objectPid'>): string => e.objectPid ?? e.objectId;

let cachedVersion: string | undefined;

/** The hub's version: the root package.json's (the workspace root, found above this file). */
export function softwareVersion(): string {
  if (cachedVersion === undefined) {
    cachedVersion = '0.0.0';
    for (let dir = __dirname; ; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; workspaces?: unknown };
        if (pkg.workspaces && pkg.version) {
          cachedVersion = pkg.version;
          break;
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  return cachedVersion;
}

/**
 * The `ZdrojID` of what the hub identifies for a municipality (the log itself, its exports), following the
 * schema's convention "firma.produkt.instalace": `cz.blansko.essl.<ABBR>` (ABBR: the prefix of the main
 * register), at most 50 characters.
 */
export function logSource(abbreviation: string): string {
  // The same as the objects' ZdrojID the ingest writes (ingest.ts, objectSourceOf), so the header matches them.
  return idValue(`cz.blansko.essl.${abbreviation}`);
}

/**
 * A `HodnotaID` for one generation of the log: `TP-<ABBR>-<from>-<to>[-<unique>]`, instants compacted
 * (`20260101` at midnight UTC, else `20260101T083000Z`), the abbreviation cut first if it is too long, so it
 * always fits 50 characters.
 */
export function logIdentifier(abbreviation: string, from: Date, to: Date, unique?: string): string {
  const tail = `-${compactInstant(from)}-${compactInstant(to)}${unique ? `-${asciiToken(unique)}` : ''}`;
  const room = Math.max(1, MAX_ID_LENGTH - 'TP-'.length - tail.length);
  return idValue(`TP-${(asciiToken(abbreviation) || 'X').slice(0, room)}${tail}`);
}

export function compactInstant(d: Date): string {
  const iso = dateTime(d); // 2026-01-01T00:00:00.000Z
  const day = iso.slice(0, 10).replace(/-/g, '');
  if (iso.endsWith('T00:00:00.000Z')) return day;
  return `${day}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
}

function asciiToken(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Elements
// ---------------------------------------------------------------------------------------------------------------

const el = (name: string, text: string) => `<tp:${name}>${escapeText(text)}</tp:${name}>`;

function identifierXml(id: TpIdentifier): string {
  return `<tp:Identifikator>${el('HodnotaID', idValue(id.value))}${el('ZdrojID', idValue(id.source))}</tp:Identifikator>`;
}

function objectTypeXml(type: string): string {
  return `<tp:TypObjektu>${isTypObjektuId(type) ? el('TypObjektuId', type) : el('TypObjektuText', type)}</tp:TypObjektu>`;
}

function objectXml(o: TpObject): string {
  return `<tp:Objekt>${objectTypeXml(o.type)}${identifierXml({ value: o.id, source: o.source })}</tp:Objekt>`;
}

function commonHeaderXml(h: TpHeader): string {
  return (
    identifierXml(h.identifier) +
    el('DatumVzniku', dateTime(h.createdAt)) +
    el('DatumCasOd', dateTime(h.from)) +
    el('DatumCasDo', dateTime(h.to)) +
    el('Software', h.software ?? SOFTWARE_NAME) +
    el('VerzeSoftware', h.softwareVersion ?? softwareVersion())
  );
}

/** `ParametryUdalosti`: one parameter per old and per new value; a null value has no parameter. */
function parametersXml(changes: readonly AuditChange[] | null | undefined): string {
  let params = '';
  for (const c of changes ?? []) {
    for (const which of ['old', 'new'] as const) {
      const value = c[which];
      if (value === null || value === undefined) continue;
      params += `<tp:ParametrUdalosti>${el('NazevParametru', parameterName(c.name ?? '', which))}${el('HodnotaParametru', String(value))}</tp:ParametrUdalosti>`;
    }
  }
  return params === '' ? '' : `<tp:ParametryUdalosti>${params}</tp:ParametryUdalosti>`;
}

/** One `tp:Udalost`, in the schema's element order; with `Objekt` in the system log only. */
export function udalostXml(e: TpEntry, withObject: boolean): string {
  const type = isTypUdalostiId(e.eventType) ? el('TypUdalostiId', e.eventType) : el('TypUdalostiText', e.eventType);
  return (
    '<tp:Udalost>' +
    el('Poradi', String(e.poradi)) +
    el('DatumVzniku', dateTime(e.occurredAt)) +
    el('provedlKdo', actorValue(e.actorLogin, e.actorName, e.actorRoles)) +
    `<tp:TypUdalosti>${type}</tp:TypUdalosti>` +
    parametersXml(e.changes) +
    (e.description === null || e.description === undefined ? '' : el('PopisUdalosti', e.description)) +
    (withObject ? objectXml({ type: e.objectType, id: objectIdentifierOf(e), source: e.objectSource }) : '') +
    '</tp:Udalost>'
  );
}

/**
 * Checks that entries come in strictly increasing `Poradi` (the schema: the order of the events is the order
 * of their numbers) and that each is a positive integer.
 */
class PoradiGuard {
  private last = 0;
  count = 0;
  first: number | null = null;

  check(poradi: number) {
    if (!Number.isSafeInteger(poradi) || poradi < 1)
      throw new Error(`Poradi must be a positive integer, got ${poradi}`);
    if (poradi <= this.last) throw new Error(`Poradi must increase strictly: ${poradi} after ${this.last}`);
    this.last = poradi;
    this.first ??= poradi;
    this.count++;
  }

  get lastPoradi(): number | null {
    return this.count === 0 ? null : this.last;
  }
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function rootOpen(name: string, declaration: boolean): string {
  const attrs = declaration
    ? ` xmlns:tp="${TP_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${TP_NAMESPACE} ${TP_SCHEMA_LOCATION}"`
    : ` xmlns:tp="${TP_NAMESPACE}"`;
  return `${declaration ? DECLARATION : ''}<tp:${name}${attrs}>\n`;
}

function systemLogOpen(h: SystemLogHeader): string {
  const types = h.objectTypes?.length
    ? `<tp:TypyObjektu>${[...new Set(h.objectTypes)].map(objectTypeXml).join('')}</tp:TypyObjektu>`
    : '';
  return `${rootOpen('TransakcniLogSystemu', true)}<tp:TransLogInfo>${commonHeaderXml(h)}${types}</tp:TransLogInfo>\n<tp:Udalosti>\n`;
}

const SYSTEM_LOG_CLOSE = '</tp:Udalosti>\n</tp:TransakcniLogSystemu>\n';

export interface WrittenLog {
  /** Number of events written, and the first and last `Poradi` (null when none). */
  count: number;
  firstPoradi: number | null;
  lastPoradi: number | null;
}

export interface WriteOptions {
  /** The writer hands out pieces of about this many characters (default 64 Ki). */
  chunkSize?: number;
}

/**
 * Streams a `tp:TransakcniLogSystemu` document: `out` gets pieces of about `chunkSize` characters and is awaited
 * before the next entry is read, so a slow consumer (a socket that is not draining) slows the reading down and
 * memory stays bounded by one chunk plus what `entries` holds. Entries must come in increasing `Poradi`, else
 * it throws (before handing out the offending entry and without closing the document).
 */
export async function writeSystemLog(
  out: (chunk: string) => Promise<void> | void,
  header: SystemLogHeader,
  entries: AsyncIterable<TpEntry> | Iterable<TpEntry>,
  opts: WriteOptions = {},
): Promise<WrittenLog> {
  const chunkSize = opts.chunkSize ?? 64 * 1024;
  const guard = new PoradiGuard();
  let buffer = systemLogOpen(header);
  for await (const e of entries) {
    guard.check(e.poradi);
    buffer += udalostXml(e, true) + '\n';
    if (buffer.length >= chunkSize) {
      const chunk = buffer;
      buffer = '';
      await out(chunk);
    }
  }
  await out(buffer + SYSTEM_LOG_CLOSE);
  return { count: guard.count, firstPoradi: guard.first, lastPoradi: guard.lastPoradi };
}

export interface ObjectLogOptions {
  /**
   * false: just the `tp:TransakcniLogObjektu` element (no XML declaration, no xsi:schemaLocation), to embed it
   * in a SIP's `mets:xmlData`. Default true: a standalone document.
   */
  standalone?: boolean;
}

/** One object's history as a `tp:TransakcniLogObjektu` document; events without `Objekt` (it is in the header). */
export function renderObjectLog(
  header: ObjectLogHeader,
  entries: Iterable<TpEntry>,
  opts: ObjectLogOptions = {},
): string {
  const standalone = opts.standalone ?? true;
  const guard = new PoradiGuard();
  const parts = [
    rootOpen('TransakcniLogObjektu', standalone),
    `<tp:TransLogInfo>${commonHeaderXml(header)}${objectXml(header.object)}</tp:TransLogInfo>\n<tp:Udalosti>\n`,
  ];
  for (const e of entries) {
    guard.check(e.poradi);
    parts.push(udalostXml(e, false), '\n');
  }
  parts.push(`</tp:Udalosti>\n</tp:TransakcniLogObjektu>${standalone ? '\n' : ''}`);
  return parts.join('');
}
