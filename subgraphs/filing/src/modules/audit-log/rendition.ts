import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, diff, inTransaction, parseDay, recordAudit, scopeToTenant } from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { allocateNumber, insertWithUniquePid, notYetHandled, ownDocumentContent } from '../documents/registration';
import { SYSTEM_AUTHOR_FIELDS } from '../documents/metadata';
import { Document } from '../documents/document.entity';
import { scheduleOf } from '../filing-plans/classification';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { FilingPlan } from '../filing-plans/filing-plan.entity';
import { generatePid } from '../registers/pid';
import type { Register } from '../registers/register.entity';
import { refreshDocumentRetention } from '../retention/apply';
import { GENESIS_HASH } from './chain';
import { addDays, czechDay, czechDayRange } from './days';
import { LogEntry } from './log-entry.entity';
import { LogRendition } from './rendition.entity';
import { municipalityAbbreviation } from './log-query';
import { ensureAuditLogRegister } from './rendition-register';
import type { Sealer } from './seal';
import { logIdentifier, logSource, writeSystemLog } from './xml';

/**
 * The daily fixation of the transaction log (domain.md §5.4, issue 5 item 4). A rendition holds the entries
 * *recorded* (`LogEntry.recordedAt`) on one Czech calendar day: the relay stamps entries with the time it writes
 * them, so once the day is over (plus `RENDITION_GRACE_MS` for a write in flight at midnight) nothing can join it
 * and the rendition is final. Every day from the municipality's first entry on gets one, days without entries
 * too, and each is chained to the previous day's (`renditionHash`), so a missing day is found.
 *
 * Each rendition is filed as a document of the municipality (register "Transakční protokoly", classified under
 * the filing-plan node `99`, A/10 in the demo plan) by the system, in the transaction that stores the rendition,
 * with the rendition's XML as its component (order 1, ORIGINAL, `application/xml`) in the blob store, so the
 * document carries its content like any digital document (and a SIP of it has its Komponenta).
 */

/** How long after a day's end it may be fixed: a log write that began before midnight has committed by then. */
export const RENDITION_GRACE_MS = 2 * 60_000;
/** The full code of the filing-plan node for transaction logs (domain.md §7.3). */
export const AUDIT_LOG_FILING_CODE = '99';
const PAGE = 500;

/** The hash that chains renditions: SHA-256 over a canonical JSON array of what the rendition states. */
export function renditionHashOf(
  r: Pick<
    LogRendition,
    'municipalityId' | 'day' | 'sha256' | 'fromPoradi' | 'toPoradi' | 'entryCount' | 'prevRenditionHash'
  >,
): string {
  const canonical = JSON.stringify([
    r.municipalityId,
    r.day,
    r.sha256,
    r.fromPoradi,
    r.toPoradi,
    r.entryCount,
    r.prevRenditionHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Whether `day` may be fixed at `now`: a real day before today (Czech calendar), else BAD_USER_INPUT; yesterday
 * only once `RENDITION_GRACE_MS` has passed since midnight, else CONFLICT.
 */
export function checkFixableDay(day: string, now: Date): void {
  parseDay(day, 'day');
  if (day >= czechDay(now)) throw badInput(`Only a past day can be fixed; ${day} is not over yet (Czech time)`, 'day');
  const { end } = czechDayRange(day);
  if (now.getTime() < end.getTime() + RENDITION_GRACE_MS) {
    throw conflict(
      `The log of ${day} can be fixed from ${new Date(end.getTime() + RENDITION_GRACE_MS).toISOString()} on`,
    );
  }
}

/** The latest day that may be fixed at `now` (yesterday, or the day before in the first minutes after midnight). */
export function lastFixableDay(now: Date): string {
  return addDays(czechDay(new Date(now.getTime() - RENDITION_GRACE_MS)), -1);
}

export interface FixOptions {
  /** The clock (tests). */
  now?: Date;
  /** At most this many renditions are created by this call (the scheduler's bound per round). */
  maxDays?: number;
  /** Checked before each day: true stops early (the scheduler at shutdown). */
  stopped?: () => boolean;
  /** Where the renditions' XML components go (default: the store the environment configures, like uploads). */
  store?: BlobStore;
}

export interface FixProgress {
  /** Renditions this call created. */
  created: number;
  /** The municipality's latest rendition afterwards (null if it has none, e.g. no entries yet). */
  latest: LogRendition | null;
}

const scoped = (em: SqlEntityManager, municipalityId: string) =>
  scopeToTenant(em.fork({ clear: true }), municipalityId);

/**
 * The latest rendition, not managed by `em`: on SQLite, MikroORM 6.6 takes a loaded entity's datetime for changed
 * and flushes an UPDATE of it, which the append-only trigger refuses.
 */
function latestRendition(em: SqlEntityManager): Promise<LogRendition | null> {
  return em.findOne(LogRendition, {}, { orderBy: { day: 'desc' }, disableIdentityMap: true });
}

/** The day of the municipality's first log entry (Czech calendar), or null when its log is empty. */
async function firstEntryDay(em: SqlEntityManager): Promise<string | null> {
  const first = await em.findOne(LogEntry, {}, { orderBy: { poradi: 'asc' }, fields: ['recordedAt'] });
  return first ? czechDay(first.recordedAt) : null;
}

/**
 * Fixes `day` and, first, every earlier day of the municipality not yet fixed (in day order: the chain), and
 * returns that day's rendition. Idempotent: a day already fixed is returned as it is, also when another process
 * fixes it at the same moment. `day` must be over (see `checkFixableDay`); a day before the municipality's first
 * log entry has no rendition (BAD_USER_INPUT).
 */
export async function fixDay(
  em: SqlEntityManager,
  municipalityId: string,
  day: string,
  sealer: Sealer,
  opts: FixOptions = {},
): Promise<LogRendition> {
  const now = opts.now ?? new Date();
  checkFixableDay(day, now);
  const existing = await scoped(em, municipalityId).findOne(LogRendition, { day });
  if (existing) return existing;
  await fixDaysUpTo(em, municipalityId, day, sealer, { now, store: opts.store });
  const fixed = await scoped(em, municipalityId).findOne(LogRendition, { day });
  if (fixed) return fixed;
  const first = (await firstEntryDay(scoped(em, municipalityId))) ?? '(none yet)';
  throw badInput(`The log of the municipality begins on ${first}: ${day} has no rendition`, 'day');
}

/**
 * Creates the missing renditions of the municipality up to `lastDay` (which must be over), oldest first, at
 * most `maxDays` of them. Nothing to do for a municipality without log entries.
 */
export async function fixDaysUpTo(
  em: SqlEntityManager,
  municipalityId: string,
  lastDay: string,
  sealer: Sealer,
  opts: FixOptions = {},
): Promise<FixProgress> {
  const now = opts.now ?? new Date();
  const maxDays = opts.maxDays ?? Infinity;
  let latest = await latestRendition(scoped(em, municipalityId));
  let next = latest ? addDays(latest.day, 1) : await firstEntryDay(scoped(em, municipalityId));
  let created = 0;
  if (next === null || next > lastDay) return { created, latest };
  const register = await ensureAuditLogRegister(scoped(em, municipalityId), municipalityId);
  while (next <= lastDay && created < maxDays && !opts.stopped?.()) {
    const { rendition, isNew } = await createRendition(
      em,
      municipalityId,
      next,
      latest,
      register,
      sealer,
      now,
      opts.store ?? blobStoreFromEnv(),
    );
    if (isNew) created++;
    latest = rendition;
    next = addDays(rendition.day, 1);
  }
  return { created, latest };
}

interface Rendered {
  xml: string;
  fromPoradi: number | null;
  toPoradi: number | null;
  entryCount: number;
}

/** The entries recorded on the day, in poradi order, a page at a time (each page from a fresh fork). */
async function* entriesOfDay(em: SqlEntityManager, municipalityId: string, day: string): AsyncGenerator<LogEntry> {
  const { start, end } = czechDayRange(day);
  let after = 0;
  for (;;) {
    const page = await scoped(em, municipalityId).find(
      LogEntry,
      { recordedAt: { $gte: start, $lt: end }, poradi: { $gt: after } },
      { orderBy: { poradi: 'asc' }, limit: PAGE },
    );
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].poradi;
  }
}

/**
 * The day's `tp:TransakcniLogSystemu` document, written by the export's streaming writer (xml.ts) and collected
 * into one string: the rendition is stored, hashed and sealed as exactly these bytes. `DatumCasOd`/`Do` are the
 * first and the last millisecond of the Czech day.
 */
async function renderDay(
  em: SqlEntityManager,
  municipalityId: string,
  day: string,
  abbreviation: string,
  now: Date,
): Promise<Rendered> {
  const chunks: string[] = [];
  const { start, end } = czechDayRange(day);
  const to = new Date(end.getTime() - 1);
  const written = await writeSystemLog(
    (chunk) => void chunks.push(chunk),
    {
      identifier: { value: logIdentifier(abbreviation, start, to), source: logSource(abbreviation) },
      createdAt: now,
      from: start,
      to,
    },
    entriesOfDay(em, municipalityId, day),
  );
  return {
    xml: chunks.join(''),
    fromPoradi: written.firstPoradi,
    toPoradi: written.lastPoradi,
    entryCount: written.count,
  };
}

/** The file name of a day's rendition component, e.g. `transakcni-protokol-MBK-2026-03-02.xml`. */
export function renditionFileName(abbreviation: string, day: string): string {
  const abbr = abbreviation.normalize('NFKD').replace(/[^A-Za-z0-9_-]/g, '') || 'log';
  return `transakcni-protokol-${abbr}-${day}.xml`;
}

/** Raised inside the transaction when the day turns out to be fixed already: rolls back the number taken. */
class AlreadyFixed extends Error {}

/** The municipality's node `99` in a plan valid today, with a schedule, if it has one (else the document stays unclassified). */
async function auditLogNode(tx: SqlEntityManager, today: string): Promise<FilingPlanNode | null> {
  const nodes = await tx.find(FilingPlanNode, { fullCode: AUDIT_LOG_FILING_CODE, active: true });
  if (!nodes.length) return null;
  const plans = new Map((await tx.find(FilingPlan, { id: { $in: nodes.map((n) => n.planId) } })).map((p) => [p.id, p]));
  const valid = nodes
    .filter((n) => scheduleOf(n))
    .map((n) => ({ node: n, plan: plans.get(n.planId) }))
    .filter(({ plan }) => plan && plan.validFrom <= today && (plan.validTo === null || plan.validTo >= today))
    .sort((a, b) => (a.plan!.validFrom < b.plan!.validFrom ? 1 : a.plan!.validFrom > b.plan!.validFrom ? -1 : 0));
  return valid[0]?.node ?? null;
}

const DOCUMENT_FIELDS: (keyof Document)[] = [
  'pid',
  'registerId',
  'referenceNumber',
  'sequenceNumber',
  'year',
  'subject',
  'origin',
  'registeredAt',
  'state',
  'filingPlanNodeId',
  'disposalCode',
  'retentionYears',
  'disposalYear',
];

/** Renders, seals and files one day; `prev` is the rendition of the day before (null for the first day). */
async function createRendition(
  em: SqlEntityManager,
  municipalityId: string,
  day: string,
  prev: LogRendition | null,
  register: Register,
  sealer: Sealer,
  now: Date,
  store: BlobStore,
): Promise<{ rendition: LogRendition; isNew: boolean }> {
  const abbreviation = await municipalityAbbreviation(scoped(em, municipalityId), municipalityId);
  const rendered = await renderDay(em, municipalityId, day, abbreviation, now);
  const bytes = Buffer.from(rendered.xml, 'utf8');
  const sha256 = sha256Hex(bytes);
  const signature = await sealer.sign(bytes);
  // The bytes are stored before the rows (as uploads are): a row always has its blob. Content-addressed, so a
  // fixation that loses the race below leaves at most one unreferenced blob of this content.
  const blob = await store.put(Readable.from([bytes]), { maxBytes: bytes.length });
  if (blob.key !== sha256) throw new Error(`Blob store returned ${blob.key} for a rendition of SHA-256 ${sha256}`);
  const today = czechDay(now);
  try {
    const rendition = await inTransaction(scoped(em, municipalityId), async (tx) => {
      // The register's number series first: its row lock queues concurrent fixations of the municipality, so
      // what is read below is what the one before us committed.
      const number = await allocateNumber(tx, null, register, now);
      const latest = await latestRendition(tx);
      if (latest && latest.day >= day) throw new AlreadyFixed();
      if ((latest?.id ?? null) !== (prev?.id ?? null))
        throw new Error(`Rendition chain of ${municipalityId} moved while fixing ${day}`);

      const subject = `Transakční protokol ${abbreviation} za ${day}`;
      const document = await insertWithUniquePid(tx, () => generatePid(abbreviation), {
        id: randomUUID(),
        municipalityId,
        registerId: register.id,
        state: 'REGISTERED',
        ...number,
        ...ownDocumentContent(subject),
        createdAt: now,
        createdById: null,
        ...notYetHandled(),
        ...SYSTEM_AUTHOR_FIELDS,
      });
      const node = await auditLogNode(tx, today);
      if (node) {
        document.filingPlanNodeId = node.id;
        await refreshDocumentRetention(tx, document);
      }

      const fields = {
        municipalityId,
        day,
        fromPoradi: rendered.fromPoradi,
        toPoradi: rendered.toPoradi,
        entryCount: rendered.entryCount,
        sha256,
        prevRenditionHash: prev?.renditionHash ?? GENESIS_HASH,
      };
      const created = tx.create(LogRendition, {
        id: randomUUID(),
        ...fields,
        xml: rendered.xml,
        signature,
        signatureAlgorithm: sealer.algorithm,
        keyId: sealer.keyId,
        renditionHash: renditionHashOf(fields),
        documentId: document.id,
        createdAt: now,
      });
      const component = tx.create(Component, {
        id: randomUUID(),
        municipalityId,
        documentId: document.id,
        order: 1,
        version: 1,
        form: 'ORIGINAL',
        fileName: renditionFileName(abbreviation, day),
        mediaType: 'application/xml',
        size: blob.size,
        sha256,
        blobKey: blob.key,
        createdAt: now,
        createdById: null,
      });
      await tx.flush();
      await recordAudit(tx, null, {
        municipalityId,
        eventType: 'Zalozeni',
        objectType: 'Dokument',
        objectId: document.id,
        description: `Denní ztvárnění transakčního protokolu ${day}`,
        changes: diff({}, document, DOCUMENT_FIELDS),
      });
      await recordAudit(tx, null, {
        municipalityId,
        eventType: 'VlozeniKDokumentu',
        objectType: 'Dokument',
        objectId: document.id,
        description: `Komponenta 1 (${component.fileName}) ztvárnění ${day}`,
        changes: [
          { name: 'componentId', old: null, new: component.id },
          { name: 'fileName', old: null, new: component.fileName },
          { name: 'mediaType', old: null, new: component.mediaType },
          { name: 'size', old: null, new: String(component.size) },
          { name: 'sha256', old: null, new: sha256 },
        ],
      });
      return created;
    });
    return { rendition, isNew: true };
  } catch (e) {
    // Fixed by someone else meanwhile (seen under the lock, or by the unique (municipality, day)).
    if (!(
      e instanceof AlreadyFixed ||
      (e instanceof UniqueConstraintViolationException && /log_rendition/.test(e.message))
    ))
      throw e;
    const rendition = await scoped(em, municipalityId).findOneOrFail(LogRendition, { day });
    return { rendition, isNew: false };
  }
}

/** `auditLogRenditions(from, to)`: the municipality's renditions (tenant filter), oldest first; bounds are days, inclusive. */
export function findRenditions(
  em: SqlEntityManager,
  from: string | null | undefined,
  to: string | null | undefined,
): Promise<LogRendition[]> {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value != null) parseDay(value, name);
  }
  const day = { ...(from != null ? { $gte: from } : {}), ...(to != null ? { $lte: to } : {}) };
  return em.find(LogRendition, Object.keys(day).length ? { day } : {}, {
    orderBy: { day: 'asc' },
    disableIdentityMap: true,
  });
}
