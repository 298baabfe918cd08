import {
  Role,
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  logger,
  notFound,
  recordAudit,
  scopeToTenant,
  startJobLease,
  timeJob,
  type HubORM,
  type TenantCaller,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import type { Document } from '../documents/document.entity';
import { label, lockDocument } from '../documents/steps';
import { canSeeDocument, headsUnit } from '../documents/visibility';
import { ConversionJob } from './conversion-job.entity';
import { convertibleOf, isOutputFormatAsIs, isPdf } from './formats';
import { ConversionError, conversionTimeoutMs, convertToPdfA, sofficePath } from './libreoffice';
import { checkPdfA } from './pdfa-check';

/**
 * Conversion to output formats (domain.md §5.5, decree § 19 odst. 2 f: by settlement at the latest; rules
 * obs105–obs107, kom4). Settlement queues every component that is not in an output format (and the handler may
 * ask for it earlier, e.g. before an own document is sealed and sent); a worker converts them one at a time
 * outside any transaction (LibreOffice takes seconds), checks the result (pdfa-check.ts) and then, in one
 * transaction, adds it as the order's next version with form ORIGINAL_OUTPUT_FORMAT (the original stays) and
 * writes `KonverzeFormatu` with both hashes. A failed attempt is retried with a growing pause; after the last one
 * the job is FAILED and its document cannot be closed (`assertNoFailedConversion`) until a new request succeeds.
 */

export const DEFAULT_CONVERSION_MAX_ATTEMPTS = 3;
/** Pause before attempt n+1: 30 s, 2 min, 4.5 min, … (n² × 30 s). */
export const retryDelayMs = (attempts: number) => attempts * attempts * 30_000;
/** Components larger than this are not read into memory for conversion (FAILED with the reason). */
const MAX_CONVERTED_BYTES = 200 * 1024 * 1024;

export function conversionMaxAttempts(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_CONVERSION_MAX_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CONVERSION_MAX_ATTEMPTS;
}

/**
 * The component versions of a document that need converting: per order its newest version, when that is an
 * ORIGINAL not in an output format as it is (a PDF is queued too: the worker reads whether it is PDF/A). An order
 * whose newest version is ORIGINAL_OUTPUT_FORMAT is done; concepts, digitised copies and containers are not
 * converted (rules obs103–obs107 concern originals).
 */
export function componentsToConvert(components: Component[]): Component[] {
  const newest = new Map<number, Component>();
  for (const c of components) {
    const seen = newest.get(c.order);
    if (c.form !== 'CONCEPT' && (!seen || c.version > seen.version)) newest.set(c.order, c);
  }
  return [...newest.values()]
    .filter((c) => c.form === 'ORIGINAL' && !isOutputFormatAsIs(c.mediaType))
    .sort((a, b) => a.order - b.order);
}

/**
 * Queues the conversions a document needs, in the caller's transaction (settlement's, or the request's). A
 * component already queued, running or converted is left alone; a FAILED one is queued again with fresh attempts.
 */
export async function queueConversions(
  tx: SqlEntityManager,
  d: Document,
  requestedById: string | null,
  now: Date,
): Promise<ConversionJob[]> {
  const components = await tx.find(Component, { documentId: d.id }, { orderBy: { order: 'asc', version: 'asc' } });
  const wanted = componentsToConvert(components);
  if (wanted.length === 0) return [];
  const existing = new Map(
    (await tx.find(ConversionJob, { componentId: { $in: wanted.map((c) => c.id) } })).map((j) => [j.componentId, j]),
  );
  const queued: ConversionJob[] = [];
  for (const c of wanted) {
    const job = existing.get(c.id);
    if (job && job.state !== 'FAILED') continue;
    if (job) {
      Object.assign(job, { state: 'QUEUED', attempts: 0, nextAttemptAt: now, requestedById, updatedAt: now });
      queued.push(job);
      continue;
    }
    const created = tx.create(ConversionJob, {
      id: randomUUID(),
      municipalityId: d.municipalityId,
      documentId: d.id,
      componentId: c.id,
      state: 'QUEUED',
      outcome: null,
      attempts: 0,
      nextAttemptAt: now,
      startedAt: null,
      finishedAt: null,
      lastError: null,
      outputComponentId: null,
      pdfaPart: null,
      pdfaConformance: null,
      requestedById,
      createdAt: now,
      updatedAt: now,
    });
    tx.persist(created);
    queued.push(created);
  }
  return queued;
}

/** Who may ask for a document's conversion: who may classify it (its handler, unit head, author), and records managers. */
function mayRequest(caller: TenantCaller, d: Document): boolean {
  return (
    (!!d.handlerId && d.handlerId === caller.userId) ||
    headsUnit(caller, d.orgUnitId) ||
    d.createdById === caller.userId ||
    hasRole(caller, Role.RECORDS_MANAGER)
  );
}

/**
 * `convertDocumentComponents`: queues the document's conversions now (before settlement, or again after a
 * failure). Not for cancelled documents; a closed one has been converted (closing needs it).
 */
export async function requestConversion(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  now: Date,
): Promise<{ document: Document; queued: number }> {
  return inTransaction(em, async (tx) => {
    const d = await lockDocument(tx, documentId);
    if (!d || !canSeeDocument(caller, d)) throw notFound('Document', documentId);
    if (d.state === 'CANCELLED') throw conflict(`Document ${label(d)} is CANCELLED: nothing is converted`);
    if (!mayRequest(caller, d))
      throw forbidden(
        "Only the document's handler, author, the head of its unit or a records manager may request its conversion",
      );
    const queued = await queueConversions(tx, d, caller.userId, now);
    return { document: d, queued: queued.length };
  });
}

/** Closing refuses a document with a FAILED conversion (CONFLICT naming the component and the reason). */
export async function assertNoFailedConversion(tx: SqlEntityManager, d: Document): Promise<void> {
  const reason = await closeBlockedReason(tx, d);
  if (reason) throw conflict(reason);
}

/** Why the document cannot be closed because of its conversions; null when they do not stand in the way. */
export async function closeBlockedReason(
  em: SqlEntityManager,
  d: Pick<Document, 'id' | 'referenceNumber' | 'pid'>,
  jobs?: ConversionJob[],
): Promise<string | null> {
  const failed = (jobs ?? (await em.find(ConversionJob, { documentId: d.id, state: 'FAILED' }))).filter(
    (j) => j.state === 'FAILED',
  );
  if (failed.length === 0) return null;
  const components = new Map(
    (await em.find(Component, { id: { $in: failed.map((j) => j.componentId) } })).map((c) => [c.id, c]),
  );
  const what = failed.map((j) => {
    const c = components.get(j.componentId);
    return `component ${c ? `${c.order} v${c.version} (${c.fileName})` : j.componentId}: ${j.lastError ?? 'failed'}`;
  });
  return `Document ${label(d)} cannot be closed: its conversion to an output format failed (${what.join('; ')}); replace the file or request the conversion again`;
}

export interface RoundOptions {
  now?: () => Date;
  maxAttempts?: number;
  soffice?: string;
  timeoutMs?: number;
  /** At most this many jobs in one round. */
  limit?: number;
  /** Asked before each job: false stops the round (the worker lost its lease). */
  mayContinue?: () => boolean;
}

export interface RoundResult {
  done: number;
  retried: number;
  failed: number;
}

const log = logger.child({ component: 'conversion' });

/**
 * One round of the worker over all municipalities (a system job, outside the tenant filter): jobs left RUNNING by
 * a process that died go back to the queue, then due jobs are claimed one by one (an atomic UPDATE QUEUED →
 * RUNNING, so two workers never take the same job) and converted.
 */
export async function runConversionRound(orm: HubORM, store: BlobStore, opts: RoundOptions = {}): Promise<RoundResult> {
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? conversionTimeoutMs();
  const result: RoundResult = { done: 0, retried: 0, failed: 0 };
  const em = orm.em.fork();
  await em.nativeUpdate(
    ConversionJob,
    { state: 'RUNNING', startedAt: { $lt: new Date(now().getTime() - 2 * timeoutMs - 60_000) } },
    { state: 'QUEUED', nextAttemptAt: now() },
    { filters: false },
  );
  for (let n = 0; n < (opts.limit ?? 100); n++) {
    if (opts.mayContinue && !opts.mayContinue()) break;
    const [next] = await orm.em.fork().find(
      ConversionJob,
      { state: 'QUEUED', nextAttemptAt: { $lte: now() } },
      {
        filters: false,
        orderBy: { nextAttemptAt: 'asc', createdAt: 'asc', id: 'asc' },
        limit: 1,
      },
    );
    if (!next) break;
    const startedAt = now();
    const claimed = await orm.em
      .fork()
      .nativeUpdate(
        ConversionJob,
        { id: next.id, state: 'QUEUED' },
        { state: 'RUNNING', startedAt, attempts: next.attempts + 1, updatedAt: startedAt },
        { filters: false },
      );
    if (claimed === 0) continue;
    const outcome = await runJob(orm, store, { ...next, attempts: next.attempts + 1 } as ConversionJob, {
      ...opts,
      now,
      timeoutMs,
    });
    result[outcome]++;
  }
  return result;
}

/** A failure that another attempt cannot fix (no converter for the type, the source is gone or was replaced). */
class Permanent extends Error {}

async function readBlob(store: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of store.open(key)) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONVERTED_BYTES)
      throw new Permanent(`the file is larger than ${MAX_CONVERTED_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const pdfName = (fileName: string) => `${fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`.slice(-255);

async function runJob(
  orm: HubORM,
  store: BlobStore,
  job: ConversionJob,
  opts: RoundOptions & { now: () => Date; timeoutMs: number },
): Promise<keyof RoundResult> {
  const em = scopeToTenant(orm.em.fork(), job.municipalityId);
  try {
    const source = await em.findOne(Component, { id: job.componentId });
    if (!source) throw new Permanent('the component no longer exists');
    const bytes = await readBlob(store, source.blobKey);
    if (isPdf(source.mediaType)) {
      const check = await checkPdfA(bytes);
      if (check.ok) {
        await finish(
          em,
          job,
          {
            state: 'DONE',
            outcome: 'ALREADY_OUTPUT_FORMAT',
            pdfaPart: check.part,
            pdfaConformance: check.conformance,
            lastError: null,
          },
          opts.now(),
        );
        return 'done';
      }
    }
    const how = convertibleOf(source.mediaType);
    if (!how) throw new Permanent(`no converter for ${source.mediaType}`);
    const pdf = await convertToPdfA(bytes, {
      ...how,
      soffice: opts.soffice ?? sofficePath(),
      timeoutMs: opts.timeoutMs,
    });
    const check = await checkPdfA(pdf, { requirePart: '2' });
    if (!check.ok) throw new ConversionError(`the converted file is not a valid output: ${check.problems.join('; ')}`);
    const blob = await store.put(Readable.from([pdf]), { maxBytes: Number.MAX_SAFE_INTEGER });
    await inTransaction(em, async (tx) => {
      const d = await lockDocument(tx, job.documentId);
      if (!d) throw new Permanent('the document no longer exists');
      const versions = await tx.find(
        Component,
        { documentId: d.id, order: source.order },
        { orderBy: { version: 'desc' } },
      );
      // Someone attached a newer version meanwhile: this output would sit above it and describe an older file.
      if (versions[0]?.id !== source.id)
        throw new Permanent(
          `version ${versions[0]?.version} of component ${source.order} was attached meanwhile; request the conversion again`,
        );
      const now = opts.now();
      const output = tx.create(Component, {
        id: randomUUID(),
        municipalityId: d.municipalityId,
        documentId: d.id,
        order: source.order,
        version: source.version + 1,
        form: 'ORIGINAL_OUTPUT_FORMAT',
        fileName: pdfName(source.fileName),
        mediaType: 'application/pdf',
        size: blob.size,
        sha256: blob.key,
        blobKey: blob.key,
        createdAt: now,
        createdById: null,
      });
      tx.persist(output);
      const current = await tx.findOneOrFail(ConversionJob, { id: job.id });
      Object.assign(current, {
        state: 'DONE',
        outcome: 'CONVERTED',
        outputComponentId: output.id,
        pdfaPart: check.part,
        pdfaConformance: check.conformance,
        lastError: null,
        finishedAt: now,
        updatedAt: now,
      });
      await tx.flush();
      await recordAudit(tx, null, {
        municipalityId: d.municipalityId,
        eventType: 'KonverzeFormatu',
        objectType: 'Dokument',
        objectId: d.id,
        description: `Component ${source.order} version ${source.version} (${source.fileName}) converted to PDF/A-${check.part}${check.conformance?.toLowerCase()} as version ${output.version} of document ${label(d)}`,
        changes: [
          { name: 'componentId', old: source.id, new: output.id },
          { name: 'version', old: String(source.version), new: String(output.version) },
          { name: 'form', old: source.form, new: output.form },
          { name: 'fileName', old: source.fileName, new: output.fileName },
          { name: 'mediaType', old: source.mediaType, new: output.mediaType },
          { name: 'size', old: String(source.size), new: String(output.size) },
          { name: 'sha256', old: source.sha256, new: output.sha256 },
          { name: 'pdfaid', old: null, new: `${check.part}${check.conformance}` },
        ],
      });
    });
    return 'done';
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const last = e instanceof Permanent || job.attempts >= (opts.maxAttempts ?? conversionMaxAttempts());
    if (!(e instanceof Permanent || e instanceof ConversionError))
      log.warn({ err: e, jobId: job.id }, 'conversion attempt failed');
    const now = opts.now();
    await finish(
      em,
      job,
      last
        ? { state: 'FAILED', lastError: message.slice(0, 300) }
        : {
            state: 'QUEUED',
            lastError: message.slice(0, 300),
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
          },
      now,
    );
    return last ? 'failed' : 'retried';
  }
}

async function finish(
  em: SqlEntityManager,
  job: ConversionJob,
  fields: Partial<ConversionJob>,
  now: Date,
): Promise<void> {
  const final = fields.state === 'DONE' || fields.state === 'FAILED';
  await em.nativeUpdate(
    ConversionJob,
    { id: job.id, state: 'RUNNING' },
    { ...fields, updatedAt: now, ...(final ? { finishedAt: now } : {}) },
  );
}

export const CONVERSION_POLL_MS = 5_000;

/**
 * Filing's conversion worker: every HUB_CONVERSION_POLL_SECONDS (default 5) a round under the job lease
 * `conversion` (kit lease.ts: one worker per deployment, taken over when its process dies). Off with
 * HUB_CONVERSION_WORKER=0, and under NODE_ENV=test unless HUB_CONVERSION_WORKER=1 (tests run rounds themselves).
 */
export function conversionBackground(orm: HubORM, env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const flag = env.HUB_CONVERSION_WORKER?.trim();
  if (flag === '0' || (flag !== '1' && env.NODE_ENV === 'test')) return { stop: async () => undefined };
  const seconds = Number(env.HUB_CONVERSION_POLL_SECONDS);
  const every = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : CONVERSION_POLL_MS;
  const lease = startJobLease(orm, 'conversion', { service: 'filing' });
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    if (busy) return;
    busy = true;
    running = lease
      .ensure()
      .then((mine) =>
        mine
          ? timeJob('filing', 'conversion', () =>
              runConversionRound(orm, blobStoreFromEnv(env), { mayContinue: () => lease.held() }),
            )
          : null,
      )
      .then((r) => {
        if (r && (r.done || r.failed)) log.info(r, 'conversion round');
      })
      .catch((e) => log.error({ err: e }, 'conversion round failed (tried again next round)'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(round, every);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await lease.stop();
    },
  };
}

/** The parent of `Document.conversion`: the document and its jobs (loaded once per document). */
export interface DocumentConversionSource {
  document: Document;
  jobs: ConversionJob[];
}

export function conversionSummary(jobs: ConversionJob[]): {
  state: 'NONE' | 'PENDING' | 'DONE' | 'FAILED';
  pending: number;
  done: number;
  failed: number;
} {
  const pending = jobs.filter((j) => j.state === 'QUEUED' || j.state === 'RUNNING').length;
  const done = jobs.filter((j) => j.state === 'DONE').length;
  const failed = jobs.filter((j) => j.state === 'FAILED').length;
  const state = jobs.length === 0 ? 'NONE' : failed ? 'FAILED' : pending ? 'PENDING' : 'DONE';
  return { state, pending, done, failed };
}
