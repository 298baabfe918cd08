/**
 * The rows of the volume seed (`npm run seed:volume`, modules/volume/seed.ts): a realistic district's registers
 * over ten years, as plain objects keyed by entity property, generated deterministically (a seeded PRNG per
 * municipality and year), so two runs give the same data and a test can check the shape cheaply.
 *
 * Volumes follow domain.md §7.4 by tenant type, interpolated by population within each band:
 * - ORP town (Blansko): 98,000 documents a year (§7.4: 60,000–120,000);
 * - městys / larger obec (≥ 1,300 inhabitants, and the towns Adamov and Rájec-Jestřebí): 2,000–8,000;
 * - small obec (400–1,299): 600–2,000;
 * - very small obec (< 400): 200–600.
 * The current year is filled up to today, pro rata of its working days.
 */
import { DEMO_USERS, demoId, type DemoMunicipality } from '@hub/kit';
import { createHash } from 'node:crypto';
import type { Component, ComponentForm } from '../components/component.entity';
import type { Document, DocumentState, SettlementMethod } from '../documents/document.entity';
import { foldForSearch } from '../documents/search';
import { DEMO_PLAN_LEAVES, demoNodeId, demoTriggerKind } from '../filing-plans/demo-plan';
import { formatReferenceNumber, numberSeries } from '../registers/numbering';
import { forecastKey } from '../retention/forecast-key';
import { documentRetention, type Schedule } from '../retention/retention';
import {
  AUTHORITIES,
  CANCEL_REASONS,
  CATEGORIES,
  COMPANIES,
  FEMALE_FIRST,
  MALE_FIRST,
  MONTHS,
  PLACES,
  ROADS,
  STREETS,
  SURNAMES,
  type Category,
  type SenderKind,
} from './vocabulary';

/** The columns of a seeded document row (all of `Document`). */
export type DocumentRow = Document;
export type ComponentRow = Component;

// ---------------------------------------------------------------------------------------------------------------
// Volumes

export const BLANSKO_DOCUMENTS_PER_YEAR = 98_000;

/** Registered documents a year of a tenant at scale 1 (§7.4, see the module comment). */
export function documentsPerYear(m: Pick<DemoMunicipality, 'type' | 'population' | 'name'>): number {
  const band = (pop: number, popLow: number, popHigh: number, low: number, high: number) =>
    Math.round(low + ((Math.min(Math.max(pop, popLow), popHigh) - popLow) / (popHigh - popLow)) * (high - low));
  if (m.type === 'EXTENDED') return BLANSKO_DOCUMENTS_PER_YEAR;
  if (m.population >= 1300 || m.name === 'Adamov' || m.name === 'Rájec-Jestřebí')
    return band(m.population, 1300, 4700, 2000, 8000);
  if (m.population >= 400) return band(m.population, 400, 1300, 600, 2000);
  return band(m.population, 100, 400, 200, 600);
}

/** Share of all documents that arrive through ISDS, by tenant type (§7.4: 40–60 % for the ORP, 50–80 % elsewhere). */
function isdsTarget(m: DemoMunicipality): number {
  if (m.type === 'EXTENDED') return 0.5;
  return m.population >= 1300 ? 0.6 : 0.68;
}

export interface TenantYear {
  municipality: DemoMunicipality;
  year: number;
  /** Documents to generate (both registers). */
  documents: number;
  /** Working days of the year to spread them over (the current year: only those before today), with weights. */
  days: { start: number; weight: number }[];
}

/** Month weights: January (new year, fees), quarter ends up, summer holidays down (§7.4 peaks). */
const MONTH_WEIGHT = [1.35, 1.0, 1.15, 1.0, 1.0, 1.15, 0.7, 0.7, 1.15, 1.0, 1.0, 1.1];
/** Czech public holidays with a fixed date (MM-DD); Easter is left out, which does not matter for volume. */
const HOLIDAYS = new Set([
  '01-01',
  '05-01',
  '05-08',
  '07-05',
  '07-06',
  '09-28',
  '10-28',
  '11-17',
  '12-24',
  '12-25',
  '12-26',
]);
const DAY_MS = 86_400_000;

function workingDays(year: number, before: number): { start: number; weight: number }[] {
  const days: { start: number; weight: number }[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1) && t + DAY_MS <= before; t += DAY_MS) {
    const d = new Date(t);
    const dow = d.getUTCDay();
    if (dow === 0 || dow === 6 || HOLIDAYS.has(d.toISOString().slice(5, 10))) continue;
    days.push({ start: t, weight: MONTH_WEIGHT[d.getUTCMonth()] });
  }
  return days;
}

/**
 * What to generate: every demo municipality × the `years` calendar years up to `now`'s, scaled. The current year
 * gets the share of its working days that are past. Scaled counts are rounded, so a tiny scale may give a small
 * municipality no documents in a year.
 */
export function volumePlan(
  municipalities: DemoMunicipality[],
  opts: { scale: number; years: number; now: Date },
): TenantYear[] {
  const lastYear = opts.now.getUTCFullYear();
  const plan: TenantYear[] = [];
  for (const m of municipalities) {
    for (let year = lastYear - opts.years + 1; year <= lastYear; year++) {
      const full = workingDays(year, Infinity);
      const days = workingDays(year, opts.now.getTime());
      const share = days.reduce((s, d) => s + d.weight, 0) / full.reduce((s, d) => s + d.weight, 0);
      // ±6 % from year to year, the same on every run.
      const wobble = 0.94 + 0.12 * rng(`${m.abbreviation}:${year}:volume`).next();
      plan.push({
        municipality: m,
        year,
        documents: Math.round(documentsPerYear(m) * opts.scale * share * wobble),
        days,
      });
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: deterministic and fast. xoshiro128** (128-bit state seeded from a SHA-256 of a name): unlike a
// 32-bit generator, the streams of 330 tenant-years never overlap, so the ids drawn from them never repeat.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  uint32(): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(name: string): Rng {
  const seed = createHash('sha256').update(name).digest();
  let a = seed.readUInt32LE(0);
  let b = seed.readUInt32LE(4);
  let c = seed.readUInt32LE(8);
  let d = seed.readUInt32LE(12) | 1; // never the all-zero state
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  const uint32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = () => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Weighted choice over fixed items: cumulative weights once, then a binary search per draw. */
function weighted<T>(items: readonly T[], weight: (item: T, index: number) => number): (r: Rng) => T {
  const cumulative: number[] = [];
  let sum = 0;
  items.forEach((item, i) => cumulative.push((sum += weight(item, i))));
  return (r) => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/** A version-4-shaped UUID from the PRNG (the service's own ids are random v4 too, so index locality is alike). */
function uuid(r: Rng): string {
  const a = hex32(r.uint32());
  const b = hex32(r.uint32());
  const c = hex32(r.uint32());
  const d = hex32(r.uint32());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** 64 hex digits: stands in for the SHA-256 of bytes the seed does not store. */
function fakeSha256(r: Rng): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += hex32(r.uint32());
  return s;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PID_MODULUS = 2n ** 40n;
const PID_MULTIPLIER = 0x9e3779b97fn; // odd: multiplying by it is a bijection modulo 2^40

/**
 * PIDs as the service makes them (`<abbr>X` + 8 Crockford characters, registers/pid.ts), but without collisions:
 * the 40 bits are a bijective scramble of (year, register, number), unique within the municipality. A PID the
 * service draws later at random may still collide; registration retries on that (registration.ts).
 */
function seededPid(abbreviation: string, year: number, invoices: boolean, sequence: number): string {
  const n = (BigInt(year % 4096) << 24n) | (BigInt(invoices ? 1 : 0) << 23n) | BigInt(sequence);
  let v = (n * PID_MULTIPLIER + 0x5a5a5a5a5an) % PID_MODULUS;
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = CROCKFORD[Number(v & 31n)] + code;
    v >>= 5n;
  }
  return `${abbreviation}X${code}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Senders

interface Sender {
  name: string;
  address: string | null;
  dataBoxId: string | null;
  ico: string | null;
  kind: SenderKind;
}

const BOX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function fakeBox(key: string): string {
  const h = createHash('sha256').update(`volume-databox:${key}`).digest();
  return Array.from({ length: 7 }, (_, i) => BOX_ALPHABET[h[i] % BOX_ALPHABET.length]).join('');
}

/** A fake checksum-valid IČO in the 98xxxxxx range (the demo municipalities use 99xxxxxx). */
function fakeIco(key: string): string {
  const first7 =
    '98' + String(createHash('sha256').update(`volume-ico:${key}`).digest().readUInt32LE(0) % 100000).padStart(5, '0');
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(first7[i]) * (8 - i);
  const r = sum % 11;
  return first7 + (r === 0 ? 1 : r === 1 ? 0 : 11 - r);
}

/** Organisations have one data box, IČO and address each; the first of each list writes the most (1/rank). */
const organisations = (names: string[], kind: SenderKind): Sender[] =>
  names.map((name, i) => ({
    name,
    kind,
    dataBoxId: fakeBox(name),
    ico: fakeIco(name),
    address: `${STREETS[i % STREETS.length]} ${10 + ((i * 37) % 190)}, 678 01 Blansko`,
  }));
const pickAuthority = weighted(organisations(AUTHORITIES, 'authority'), (_, i) => 1 / (i + 1));
const pickCompany = weighted(organisations(COMPANIES, 'company'), (_, i) => 1 / (i + 1));

function person(r: Rng): string {
  const [male, female] = r.pick(SURNAMES);
  return r.chance(0.5) ? `${r.pick(MALE_FIRST)} ${male}` : `${r.pick(FEMALE_FIRST)} ${female}`;
}

function address(r: Rng, place: string): string {
  return `${r.pick(STREETS)} ${r.int(1, 2400)}, 67${r.int(8, 9)} ${r.pick(['01', '04', '05', '06', '11', '13', '41'])} ${place}`;
}

/** Who sends a document of `kind`, and whether through ISDS (authorities almost always, people rarely). */
function sender(r: Rng, kind: SenderKind, isdsForPeople: number, home: string): Sender & { viaIsds: boolean } {
  if (kind === 'authority') return { ...pickAuthority(r), viaIsds: r.chance(0.97) };
  if (kind === 'company') {
    const s = pickCompany(r);
    const viaIsds = r.chance(0.85);
    return { ...s, dataBoxId: viaIsds ? s.dataBoxId : null, viaIsds };
  }
  const viaIsds = r.chance(isdsForPeople);
  const name = person(r);
  return {
    name,
    kind,
    address: address(r, r.chance(0.7) ? home : r.pick(PLACES)),
    // A person's data box: random, so a search by box finds one person's few documents.
    dataBoxId: viaIsds ? Array.from({ length: 7 }, () => r.pick(BOX_ALPHABET.split(''))).join('') : null,
    ico: null,
    viaIsds,
  };
}

/** "Krajský úřad Jihomoravského kraje" → "KÚJK"-like prefix for the sender's own reference number. */
const initials = (name: string) =>
  name
    .split(/[\s,–-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('')
    .slice(0, 5) || 'X';

// ---------------------------------------------------------------------------------------------------------------
// Documents

const SCHEDULES = new Map(
  DEMO_PLAN_LEAVES.map(([code, , disposalCode, retentionYears, triggerEvent]) => [
    code,
    {
      schedule: {
        disposalCode,
        retentionYears,
        fixedDisposalYear: null,
        triggerKind: demoTriggerKind(triggerEvent),
      } as Schedule,
      triggerEvent,
    },
  ]),
);
for (const c of CATEGORIES)
  if (!SCHEDULES.has(c.code)) throw new Error(`volume vocabulary: ${c.code} is not a leaf of the demo plan`);

const SETTLEMENT = weighted<SettlementMethod>(
  ['BY_DOCUMENT', 'ACKNOWLEDGED', 'NOTE_ON_DOCUMENT', 'FORWARDED', 'OTHER'],
  (_, i) => [35, 40, 15, 5, 5][i],
);

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (dayText: string, n: number) => day(Date.parse(`${dayText}T00:00:00Z`) + n * DAY_MS);

/**
 * The date of an external trigger event (domain.md §5.3), as a records office would have entered it by now: the
 * closing of the verification book, legal force, an election result; contracts, leases, employment and validity
 * end years later, and only some of them have ended.
 */
function externalTrigger(r: Rng, triggerEvent: string, settledOn: string, today: string): string | null {
  let on: string | null;
  switch (triggerEvent) {
    case 'uzavření ověřovací knihy':
      on = `${settledOn.slice(0, 4)}-12-31`;
      break;
    case 'právní moc rozhodnutí':
      on = addDays(settledOn, r.int(15, 40));
      break;
    case 'vyhlášení výsledků voleb':
      on = addDays(settledOn, r.int(0, 20));
      break;
    case 'ukončení platnosti smlouvy':
    case 'ukončení nájmu':
      on = r.chance(0.5) ? addDays(settledOn, r.int(365, 5 * 365)) : null;
      break;
    case 'ztráta platnosti':
      on = r.chance(0.25) ? addDays(settledOn, r.int(365, 6 * 365)) : null;
      break;
    default: // ukončení pracovního poměru
      on = r.chance(0.2) ? addDays(settledOn, r.int(365, 8 * 365)) : null;
  }
  return on && on <= today ? on : null;
}

/** The state a document of this age has reached: old ones are settled or closed, recent ones still in hand. */
function stateFor(r: Rng, ageDays: number): DocumentState {
  if (r.chance(0.004)) return 'CANCELLED';
  const x = r.next();
  if (ageDays > 120) return x < 0.01 ? 'IN_PROGRESS' : x < 0.41 ? 'SETTLED' : 'CLOSED';
  if (ageDays > 30) return x < 0.05 ? 'ASSIGNED' : x < 0.25 ? 'IN_PROGRESS' : x < 0.75 ? 'SETTLED' : 'CLOSED';
  return x < 0.15 ? 'REGISTERED' : x < 0.4 ? 'ASSIGNED' : x < 0.8 ? 'IN_PROGRESS' : 'SETTLED';
}

function fill(template: string, r: Rng, ctx: { year: number; at: number; place: string }): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'n':
        return `${ctx.year}${String(r.int(1, 999999)).padStart(6, '0')}`;
      case 'small':
        return String(r.int(1, 40));
      case 'parcel':
        return r.chance(0.5) ? `${r.int(1, 3500)}/${r.int(1, 40)}` : String(r.int(1, 3500));
      case 'year':
        return String(ctx.year);
      case 'year0':
        return String(ctx.year - 1);
      case 'year1':
        return String(ctx.year + 1);
      case 'year3':
        return String(ctx.year + 3);
      case 'month':
        return MONTHS[new Date(ctx.at).getUTCMonth()];
      case 'day': {
        const d = new Date(ctx.at + r.int(3, 20) * DAY_MS);
        return `${d.getUTCDate()}. ${d.getUTCMonth() + 1}. ${d.getUTCFullYear()}`;
      }
      case 'person':
        return person(r);
      case 'company':
        return r.pick(COMPANIES);
      case 'street':
        return r.pick(STREETS);
      case 'place':
        return r.chance(0.5) ? ctx.place : r.pick(PLACES);
      case 'road':
        return r.pick(ROADS);
      default:
        throw new Error(`volume vocabulary: unknown slot {${slot}}`);
    }
  });
}

const slug = (text: string) =>
  foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'dokument';

/** Component metadata (no bytes): 3 or 4 files per document, as a data message, a scan or an own document has them. */
function components(r: Rng, d: DocumentRow, viaIsds: boolean): ComponentRow[] {
  const count = r.chance(0.5) ? 3 : 4;
  const name = slug(d.subject);
  const out: ComponentRow[] = [];
  const lognormal = (median: number, spread: number) =>
    Math.max(1024, Math.round(median * Math.exp(spread * (r.next() + r.next() + r.next() - 1.5) * 1.4)));
  for (let order = 1; order <= count; order++) {
    let form: ComponentForm;
    let fileName: string;
    let mediaType: string;
    let size: number;
    if (d.origin === 'OWN') {
      [form, fileName, mediaType, size] =
        order === 1
          ? ['ORIGINAL_OUTPUT_FORMAT', `${name}.pdf`, 'application/pdf', lognormal(180_000, 1)]
          : order === 2
            ? [
                'CONCEPT',
                `${name}.docx`,
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                lognormal(60_000, 0.8),
              ]
            : ['ORIGINAL', `priloha-${order - 2}.pdf`, 'application/pdf', lognormal(250_000, 1.2)];
    } else if (viaIsds) {
      [form, fileName, mediaType, size] =
        order === 1
          ? ['ORIGINAL', `${name}.pdf`, 'application/pdf', lognormal(150_000, 1)]
          : order === count
            ? [
                'CONTAINER',
                `DZ_${r.int(100_000_000, 1_999_999_999)}.zfo`,
                'application/vnd.software602.filler.form-xml-zip',
                lognormal(600_000, 1),
              ]
            : r.chance(0.3)
              ? ['ORIGINAL', `foto-${order - 1}.jpg`, 'image/jpeg', lognormal(1_500_000, 0.8)]
              : ['ORIGINAL', `priloha-${order - 1}.pdf`, 'application/pdf', lognormal(300_000, 1.2)];
    } else {
      [form, fileName, mediaType, size] = [
        'DIGITIZED',
        order === 1 ? `${name}-sken.pdf` : `priloha-${order - 1}-sken.pdf`,
        'application/pdf',
        lognormal(900_000, 0.9),
      ];
    }
    const sha256 = fakeSha256(r);
    out.push({
      id: uuid(r),
      municipalityId: d.municipalityId,
      documentId: d.id,
      order,
      version: 1,
      form,
      fileName,
      mediaType,
      size,
      sha256,
      blobKey: sha256,
      createdAt: d.registeredAt!,
      createdById: d.registeredById!,
    });
  }
  return out;
}

export interface GeneratedBatch {
  documents: DocumentRow[];
  components: ComponentRow[];
  /** Highest number given so far in each series touched (`register:<id>:<year>`, registers/numbering.ts). */
  series: Map<string, number>;
}

/** Demo users' names by id, for the author of generated own documents. */
const DEMO_USER_NAMES = new Map(DEMO_USERS.map((u) => [u.id, u.name]));

/**
 * A tenant's year, in batches of `batchSize` documents in registration order. Registration times are spread
 * over the working days (weighted by month) between 07:00 and 15:30 UTC, i.e. office hours in Prague and always
 * the same Prague day and year; each register's numbers run 1, 2, 3 … in that order, so every series is gapless.
 */
export function* generateTenantYear(
  ty: TenantYear,
  opts: { now: Date; batchSize: number; registers: { main: string; invoices: string }; defaultKindId?: string | null },
): Generator<GeneratedBatch> {
  const { municipality: m, year } = ty;
  const r = rng(`${m.abbreviation}:${year}`);
  const today = day(opts.now.getTime());
  const pickDay = weighted(ty.days, (d) => d.weight);
  const times = Float64Array.from(
    { length: ty.days.length ? ty.documents : 0 },
    () => pickDay(r).start + 7 * 3600_000 + r.int(0, 8.5 * 3600_000),
  );
  times.sort();
  const categories = CATEGORIES.filter((c) => !c.townOnly || m.type === 'EXTENDED');
  const pickCategory = weighted(categories, (c) => c.weight);
  const user = (suffix: string) => demoId('user', `${m.abbreviation}.${suffix}`);
  const clerk = user('clerk');
  const handler = user('handler');
  const handlerUnit = m.orgUnits[Math.min(1, m.orgUnits.length - 1)].id;
  const units = m.orgUnits.map((u) => u.id);
  // People use ISDS more where the office is small (§7.4); tuned so the tenant's ISDS share lands near the target.
  const isdsForPeople = Math.max(0, Math.min(1, (isdsTarget(m) - 0.45) * 2.5 + 0.25));
  const registers = {
    main: { id: opts.registers.main, kind: 'MAIN' as const, referencePrefix: m.abbreviation, next: 1 },
    invoices: { id: opts.registers.invoices, kind: 'SEPARATE' as const, referencePrefix: 'FP', next: 1 },
  };

  let batch: GeneratedBatch = { documents: [], components: [], series: new Map() };
  for (let i = 0; i < times.length; i++) {
    const at = times[i];
    const category: Category = pickCategory(r);
    const register = registers[category.register];
    const sequenceNumber = register.next++;
    const received = r.chance(category.received);
    const from = received ? sender(r, r.pick(category.senders), isdsForPeople, m.name) : null;
    const subject = fill(r.pick(category.subjects), r, { year, at, place: m.name });
    const registeredById = received ? clerk : handler;
    const ageDays = (opts.now.getTime() - at) / DAY_MS;
    const state = stateFor(r, ageDays);
    const id = uuid(r);

    const d: DocumentRow = {
      id,
      municipalityId: m.id,
      pid: seededPid(m.abbreviation, year, category.register === 'invoices', sequenceNumber),
      registerId: register.id,
      referenceNumber: formatReferenceNumber(register, sequenceNumber, year),
      sequenceNumber,
      year,
      subject,
      subjectFolded: foldForSearch(subject),
      origin: received ? 'RECEIVED' : 'OWN',
      // ISDS: delivered to the second, minutes to hours before registration; paper: the same morning.
      deliveredAt: received
        ? new Date(
            Math.floor(
              (at - r.int(from!.viaIsds ? 60_000 : 600_000, from!.viaIsds ? 20 * 3600_000 : 4 * 3600_000)) / 1000,
            ) * 1000,
          )
        : null,
      senderName: from?.name ?? null,
      senderAddress: from?.address ?? null,
      senderDataBoxId: from?.viaIsds ? from.dataBoxId : null,
      senderIco: from?.ico ?? null,
      senderReferenceNumber:
        from?.kind === 'authority' && r.chance(0.7) ? `${initials(from.name)} ${r.int(1, 99999)}/${year}` : null,
      // Benchmark volume: the senders are not put into the name register (its lookups are not what the bench measures).
      senderPartyId: null,
      senderFolded: from ? foldForSearch(from.name) : null,
      registeredAt: new Date(at),
      registeredById,
      state,
      createdAt: new Date(at),
      createdById: registeredById,
      orgUnitId: null,
      handlerId: null,
      assignedAt: null,
      settlementMethod: null,
      settledOn: null,
      settlementContent: null,
      settlementReason: null,
      settledById: null,
      settlementRecordedAt: null,
      closedAt: null,
      cancelReason: null,
      cancelledAt: null,
      cancelledById: null,
      filingPlanNodeId: null,
      caseFileId: null,
      caseFileInsertedAt: null,
      triggerEventOn: null,
      disposalCode: null,
      retentionYears: null,
      disposalYear: null,
      forecastKey: null,
      handOverListId: null,
      disposalProposalId: null,
      // The municipality's default kind, and own documents' author their demo handler, as registration gives them.
      kindId: opts.defaultKindId ?? null,
      form: 'DIGITAL',
      sheetCount: null,
      attachmentCount: null,
      attachmentKind: null,
      authorUserId: received ? null : registeredById,
      authorName: received ? null : (DEMO_USER_NAMES.get(registeredById) ?? null),
      authorOrgUnitName: received ? null : (m.orgUnits.find((u) => u.id === handlerUnit)?.name ?? null),
      authorPosition: null,
    };

    if (state === 'CANCELLED') {
      Object.assign(d, {
        cancelReason: r.pick(CANCEL_REASONS),
        cancelledAt: new Date(at + r.int(600_000, 7200_000)),
        cancelledById: clerk,
      });
    } else if (state !== 'REGISTERED') {
      const assignedAt = Math.min(at + r.int(300_000, 2 * 86_400_000), opts.now.getTime() - 60_000);
      // Own documents stay with their author; a received one goes to a unit, mostly to a named handler.
      const unitOnly = state === 'ASSIGNED' && received && r.chance(0.3);
      Object.assign(d, {
        orgUnitId: received && m.orgUnits.length > 1 && r.chance(0.3) ? r.pick(units) : handlerUnit,
        handlerId: unitOnly ? null : handler,
        assignedAt: new Date(Math.max(assignedAt, at)),
      });
      const { schedule, triggerEvent } = SCHEDULES.get(category.code)!;
      const settled = state === 'SETTLED' || state === 'CLOSED';
      if (settled || (state === 'IN_PROGRESS' && r.chance(0.5)))
        d.filingPlanNodeId = demoNodeId(m.abbreviation, category.code);
      if (settled) {
        const settledMs = Math.min(at + r.int(1, 45) * DAY_MS, opts.now.getTime() - DAY_MS);
        const settledOn = day(Math.max(settledMs, at));
        const method = SETTLEMENT(r);
        Object.assign(d, {
          settlementMethod: method,
          settledOn,
          settlementContent: method === 'OTHER' ? 'Vyřízeno telefonicky' : null,
          settlementReason: method === 'OTHER' ? 'Žadatel si věc vyzvedl osobně' : null,
          settledById: handler,
          settlementRecordedAt: new Date(Math.max(settledMs, at)),
        });
        if (state === 'CLOSED')
          d.closedAt = new Date(
            Math.min(Math.max(settledMs, at) + r.int(0, 60) * DAY_MS, opts.now.getTime() - 3600_000),
          );
        if (schedule.triggerKind === 'EXTERNAL') d.triggerEventOn = externalTrigger(r, triggerEvent, settledOn, today);
      }
      const retention = d.filingPlanNodeId
        ? documentRetention({ schedule, settledOn: d.settledOn, triggerEventOn: d.triggerEventOn })
        : null;
      if (retention) {
        Object.assign(d, retention);
        const fullCode = category.code;
        d.forecastKey = retention.disposalYear == null ? null : forecastKey(fullCode, d.referenceNumber!);
      }
    }

    batch.documents.push(d);
    for (const c of components(r, d, !!from?.viaIsds)) batch.components.push(c);
    batch.series.set(numberSeries(register.id, year), sequenceNumber);
    if (batch.documents.length >= opts.batchSize) {
      yield batch;
      batch = { documents: [], components: [], series: new Map() };
    }
  }
  if (batch.documents.length > 0) yield batch;
}
