import {
  ErrorCode,
  HubError,
  Role,
  conflict,
  forbidden,
  hasRole,
  inTransaction,
  notFound,
  recordAudit,
  type TenantCaller,
} from '@hub/kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { checkPdfA } from '../conversion/pdfa-check';
import { Shipment } from '../dispatch/shipment.entity';
import { Document } from '../documents/document.entity';
import { label, lockDocument } from '../documents/steps';
import { canSeeDocument, headsUnit } from '../documents/visibility';
import { TimeStampError } from './cms';
import { ComponentSeal } from './component-seal.entity';
import { sealPdf } from './pades';
import { sealSignerFor, type SealSigner } from './signer';

/**
 * Sealing own documents (issue 17 item 3): the municipality seals the output-format version of a component of its
 * own document with its electronic seal (PAdES, pades.ts), time-stamped when an RFC 3161 authority is configured
 * (HUB_TSA_URL), before it is sent by data box. The sealed PDF becomes the order's next version with form
 * ORIGINAL_OUTPUT_FORMAT; an unsealed output version it was made from becomes a CONCEPT, so the order keeps exactly
 * one output-format original, its highest version (rule obs106), and dispatch sends the sealed one (the newest
 * version of each order, dispatch.ts `filesToSend`). Logged as `PripojeniPodpisu` (both hashes, the seal's
 * certificate) and `PripojeniRazitka` (the token's time, serial and authority), in the transaction that adds the
 * version. The signing and the time-stamp request run before it: nothing is written when either fails.
 */

export function tsaUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.HUB_TSA_URL?.trim() || null;
}

/** States in which an own document's file may still be sealed: registered, not closed or cancelled. */
const SEALABLE_STATES = ['REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'SETTLED'];

function maySeal(caller: TenantCaller, d: Document): boolean {
  return (
    (!!d.handlerId && d.handlerId === caller.userId) ||
    headsUnit(caller, d.orgUnitId) ||
    d.createdById === caller.userId ||
    hasRole(caller, Role.RECORDS_MANAGER)
  );
}

async function readAll(store: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of store.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Checked {
  document: Document;
  component: Component;
}

/** The checks before anything is signed, on the current rows (again under the lock when writing). */
async function check(em: SqlEntityManager, caller: TenantCaller, componentId: string, lock: boolean): Promise<Checked> {
  const component = await em.findOne(Component, { id: componentId }, { refresh: true });
  const d = component
    ? lock
      ? await lockDocument(em, component.documentId)
      : await em.findOne(Document, { id: component.documentId })
    : null;
  if (!component || !d || !canSeeDocument(caller, d)) throw notFound('Component', componentId);
  if (d.origin !== 'OWN') throw conflict(`Document ${label(d)} was received: only own documents are sealed`);
  if (!SEALABLE_STATES.includes(d.state))
    throw conflict(`Document ${label(d)} is ${d.state}: its files can no longer be sealed`);
  if (!maySeal(caller, d))
    throw forbidden(
      "Only the document's handler, author, the head of its unit or a records manager may seal its files",
    );
  const newest = await em.findOne(
    Component,
    { documentId: d.id, order: component.order },
    { orderBy: { version: 'desc' } },
  );
  if (newest?.id !== component.id)
    throw conflict(
      `Version ${component.version} of component ${component.order} is not its newest (${newest?.version}): seal the newest`,
    );
  const outputForm = component.form === 'ORIGINAL_OUTPUT_FORMAT' || component.form === 'ORIGINAL';
  if (!outputForm || component.mediaType.toLowerCase() !== 'application/pdf') {
    throw conflict(
      `Component ${component.order} version ${component.version} (${component.fileName}) is not a PDF in an output format: convert it first (convertDocumentComponents)`,
    );
  }
  if ((await em.count(ComponentSeal, { componentId: component.id })) > 0)
    throw conflict(`Component ${component.order} version ${component.version} is sealed already`);
  // What was handed over to the dispatch office (with its hashes) is what it sends.
  if ((await em.count(Shipment, { documentId: d.id, state: 'TO_DISPATCH' })) > 0) {
    throw conflict(`Document ${label(d)} has a shipment handed over to the dispatch office: cancel it before sealing`);
  }
  return { document: d, component };
}

export interface SealResult {
  document: Document;
  component: Component;
  seal: ComponentSeal;
  auditEventId: string;
}

/** `sealComponent`: see the module comment. `signerFor` and `tsa` are seams for tests (default: configuration). */
export async function sealComponent(
  em: SqlEntityManager,
  store: BlobStore,
  caller: TenantCaller,
  componentId: string,
  now: Date,
  deps: { signerFor?: (municipalityId: string) => Promise<SealSigner | null>; tsaUrl?: string | null } = {},
): Promise<SealResult> {
  const { document, component } = await check(em, caller, componentId, false);
  const signer = await (deps.signerFor ?? sealSignerFor)(document.municipalityId);
  if (!signer)
    throw conflict('Your municipality has no electronic seal configured (HUB_ESEAL_DIR or a signer service)');
  const bytes = await readAll(store, component.blobKey);
  const pdfa = await checkPdfA(bytes);
  if (!pdfa.ok)
    throw conflict(
      `Component ${component.order} version ${component.version} is not a valid output format: ${pdfa.problems.join('; ')}`,
    );
  const signingTime = new Date(Math.floor(now.getTime() / 1000) * 1000);
  let sealed;
  try {
    sealed = await sealPdf(bytes, signer, {
      name: 'Elektronická pečeť',
      reason: `Pečeť dokumentu ${label(document)}`,
      location: '',
      signingTime,
      tsaUrl: deps.tsaUrl === undefined ? tsaUrl() : deps.tsaUrl,
    });
  } catch (e) {
    if (e instanceof TimeStampError)
      throw new HubError(ErrorCode.SERVICE_UNAVAILABLE, `The file was not sealed: ${e.message}`);
    throw e;
  }
  const blob = await store.put(Readable.from([sealed.pdf]), { maxBytes: Number.MAX_SAFE_INTEGER });
  return inTransaction(em, async (tx) => {
    const { document: d, component: source } = await check(tx, caller, componentId, true);
    const output = tx.create(Component, {
      id: randomUUID(),
      municipalityId: d.municipalityId,
      documentId: d.id,
      order: source.order,
      version: source.version + 1,
      form: 'ORIGINAL_OUTPUT_FORMAT',
      fileName: source.fileName,
      mediaType: 'application/pdf',
      size: blob.size,
      sha256: blob.key,
      blobKey: blob.key,
      createdAt: now,
      createdById: caller.userId,
    });
    tx.persist(output);
    const demoted = source.form === 'ORIGINAL_OUTPUT_FORMAT';
    if (demoted) source.form = 'CONCEPT';
    const ts = sealed.cms.timeStamp;
    const seal = tx.create(ComponentSeal, {
      id: randomUUID(),
      municipalityId: d.municipalityId,
      documentId: d.id,
      componentId: output.id,
      sourceComponentId: source.id,
      sealedAt: signingTime,
      sealedById: caller.userId,
      signer: sealed.cms.signer.slice(0, 500),
      certificateSha256: sealed.cms.certificateSha256,
      timeStampedAt: ts?.genTime ?? null,
      timeStampSerial: ts?.serial.slice(0, 64) ?? null,
      timeStampAuthority: ts?.tsa?.slice(0, 500) ?? null,
    });
    tx.persist(seal);
    await tx.flush();
    const event = await recordAudit(tx, caller, {
      municipalityId: d.municipalityId,
      eventType: 'PripojeniPodpisu',
      objectType: 'Dokument',
      objectId: d.id,
      description: `Component ${source.order} version ${source.version} (${source.fileName}) of document ${label(d)} sealed (PAdES) as version ${output.version}`,
      changes: [
        { name: 'componentId', old: source.id, new: output.id },
        { name: 'version', old: String(source.version), new: String(output.version) },
        { name: 'sha256', old: source.sha256, new: output.sha256 },
        { name: 'size', old: String(source.size), new: String(output.size) },
        ...(demoted ? [{ name: 'sourceForm', old: 'ORIGINAL_OUTPUT_FORMAT', new: 'CONCEPT' }] : []),
        { name: 'signer', old: null, new: seal.signer },
        { name: 'certificateSha256', old: null, new: seal.certificateSha256 },
        { name: 'signingTime', old: null, new: signingTime.toISOString() },
        { name: 'subFilter', old: null, new: 'ETSI.CAdES.detached' },
      ],
    });
    if (ts) {
      await recordAudit(tx, caller, {
        municipalityId: d.municipalityId,
        eventType: 'PripojeniRazitka',
        objectType: 'Dokument',
        objectId: d.id,
        description: `Seal of component ${output.order} version ${output.version} of document ${label(d)} time-stamped`,
        changes: [
          { name: 'componentId', old: null, new: output.id },
          { name: 'sha256', old: null, new: output.sha256 },
          { name: 'genTime', old: null, new: ts.genTime.toISOString() },
          { name: 'serial', old: null, new: ts.serial },
          { name: 'authority', old: null, new: ts.tsa },
        ],
      });
    }
    return { document: d, component: output, seal, auditEventId: event.id };
  });
}
