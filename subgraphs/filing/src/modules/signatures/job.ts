import { inTransaction, logger, recordAudit, scopeToTenant, startJobLease, timeJob, type HubORM } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { ComponentSignature } from './signature.entity';
import { statusOf, trustStoreFromEnv, verifyFile, type Finding, type TrustStore } from './verify';

/**
 * The verification job: every component attached to a received document starts PENDING (attachComponent); this
 * job verifies its signatures, seals and time-stamps (verify.ts), writes a ComponentSignature row per finding,
 * sets the component's status and logs it, in one transaction per component.
 *
 * A background job rather than a step of intake: verification reads the whole file (a PDF's byte range, a
 * detached signature's content; up to HUB_MAX_UPLOAD_BYTES each, a hundred files a message) and works through
 * certificates and CRLs. Inside `receiveDataMessage` that would hold the document lock and a connection for
 * seconds per message, and a fault in a sender's signature would fail the registration, whose time is the legal
 * delivery fact. PENDING tells the user it is still to come. One process per deployment runs it (kit lease).
 *
 * The transaction log's schema (nsesss-TrP.xsd) has no verification event: PripojeniPodpisu/PripojeniRazitka are
 * for attaching the office's own. The result is metadata of the component (ManipulaceKomponenty /
 * OvereniBezpecnostnihoPrvku), so it is logged as `Uprava` of the Komponenta, old status PENDING, the findings as
 * parameters.
 */
const verifyLog = logger.child({ component: 'signature-verification' });
const BATCH = 20;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function describe(f: Finding): string {
  const who = f.signerName ? ` ${f.signerName}` : '';
  const reasons = f.reasons.length ? `: ${f.reasons.join('; ')}` : '';
  return `${f.kind} ${f.format} ${f.result}${who}${reasons}`.slice(0, 500);
}

/** Verifies one component's file; a failure of the verifier itself comes out INDETERMINATE, never stuck PENDING. */
export async function findingsOf(
  orm: HubORM,
  store: BlobStore,
  c: Component,
  trust: TrustStore | null,
  now: Date,
): Promise<Finding[]> {
  try {
    const bytes = await readAll(store.open(c.blobKey));
    const sibling = async (name: string) => {
      const siblings = await orm.em
        .fork()
        .find(
          Component,
          { documentId: c.documentId, fileName: name },
          { filters: false, orderBy: { version: 'desc' } },
        );
      return siblings.length ? readAll(store.open(siblings[0].blobKey)) : null;
    };
    return await verifyFile(
      { bytes, fileName: c.fileName, mediaType: c.detectedMediaType ?? c.mediaType },
      { trust, now, sibling },
    );
  } catch (e) {
    verifyLog.warn({ err: e, componentId: c.id }, 'verification of a component failed');
    return [
      {
        kind: 'SIGNATURE',
        format: 'CADES',
        result: 'INDETERMINATE',
        reasons: [`the verification failed: ${(e as Error).message ?? String(e)}`.slice(0, 300)],
        signerName: null,
        signerSubject: null,
        issuerSubject: null,
        certificateSerial: null,
        certificateNotBefore: null,
        certificateNotAfter: null,
        signedAt: null,
        timeStampedAt: null,
        assessedAt: now,
        revocation: 'NOT_CHECKED',
      },
    ];
  }
}

/** Writes the findings and the status of a PENDING component, logged; false when another run did it first. */
async function record(orm: HubORM, c: Component, findings: Finding[], now: Date): Promise<boolean> {
  const status = statusOf(findings);
  return inTransaction(scopeToTenant(orm.em.fork(), c.municipalityId), async (tx) => {
    // Only a PENDING one: two runs (a lease handed over mid-batch) cannot both record.
    const claimed = await tx.nativeUpdate(
      Component,
      { id: c.id, signatureStatus: 'PENDING' },
      { signatureStatus: status, signaturesVerifiedAt: now },
    );
    if (claimed === 0) return false;
    findings.forEach((f, i) => {
      tx.persist(
        tx.create(ComponentSignature, {
          id: randomUUID(),
          municipalityId: c.municipalityId,
          componentId: c.id,
          position: i + 1,
          ...f,
          verifiedAt: now,
        }),
      );
    });
    await recordAudit(tx, null, {
      municipalityId: c.municipalityId,
      eventType: 'Uprava',
      objectType: 'Komponenta',
      objectId: c.id,
      description: `Ověření podpisů, pečetí a časových razítek komponenty ${c.order}/${c.version} (${c.fileName}): ${status}`,
      changes: [
        { name: 'signatureStatus', old: 'PENDING', new: status },
        ...findings.map((f, i) => ({ name: `signature${i + 1}`, old: null, new: describe(f) })),
      ],
    });
    await tx.flush();
    return true;
  });
}

export interface VerifyRunResult {
  verified: number;
}

/** One run over the PENDING components of all municipalities (a system job: outside the tenant filter). */
export async function verifyPendingComponents(
  orm: HubORM,
  store: BlobStore,
  opts: { trust?: TrustStore | null; now?: () => Date; limit?: number } = {},
): Promise<VerifyRunResult> {
  const trust = opts.trust === undefined ? trustStoreFromEnv() : opts.trust;
  const result: VerifyRunResult = { verified: 0 };
  const seen = new Set<string>();
  for (;;) {
    const pending = await orm.em
      .fork()
      .find(
        Component,
        { signatureStatus: 'PENDING', id: { $nin: [...seen] } },
        { filters: false, orderBy: { createdAt: 'asc', id: 'asc' }, limit: BATCH },
      );
    if (pending.length === 0) break;
    for (const c of pending) {
      seen.add(c.id);
      const now = opts.now?.() ?? new Date();
      const findings = await findingsOf(orm, store, c, trust, now);
      if (await record(orm, c, findings, now)) result.verified++;
      if (opts.limit && result.verified >= opts.limit) return result;
    }
  }
  return result;
}

export const DEFAULT_SIGNATURE_VERIFY_INTERVAL_SECONDS = 10;

/**
 * Filing's background verification: a run every HUB_SIGNATURE_VERIFY_INTERVAL_SECONDS (10) in the process holding
 * the lease. Off with HUB_SIGNATURE_VERIFY=0, and under NODE_ENV=test unless HUB_SIGNATURE_VERIFY=1 (tests call
 * `verifyPendingComponents` themselves). The trust store is read at every run (a changed bundle needs no restart).
 */
export function signatureVerificationBackground(
  orm: HubORM,
  env: NodeJS.ProcessEnv = process.env,
): { stop(): Promise<void> } {
  const flag = env.HUB_SIGNATURE_VERIFY?.trim();
  if (flag === '0' || (flag !== '1' && env.NODE_ENV === 'test')) return { stop: async () => undefined };
  const seconds = Number(env.HUB_SIGNATURE_VERIFY_INTERVAL_SECONDS);
  const intervalMs =
    (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_SIGNATURE_VERIFY_INTERVAL_SECONDS) * 1000;
  const lease = startJobLease(orm, 'signature-verification', { service: 'filing' });
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    if (busy) return;
    busy = true;
    running = lease
      .ensure()
      .then((mine) =>
        mine
          ? timeJob('filing', 'signature-verification', () =>
              verifyPendingComponents(orm, blobStoreFromEnv(env), { trust: trustStoreFromEnv(env) }),
            )
          : { verified: 0 },
      )
      .then((r) => {
        if (r.verified) verifyLog.info({ verified: r.verified }, 'signatures of received components verified');
      })
      .catch((e) => verifyLog.error({ err: e }, 'signature verification failed (tried again next round)'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await lease.stop();
    },
  };
}
