import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  ErrorCode,
  HubError,
  Role,
  inTransaction,
  logger,
  recordAudit,
  scopeToTenant,
  startJobLease,
  type HubORM,
  type JobLeaseKeeper,
  type TenantCaller,
} from '@hub/kit';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { Component } from '../components/component.entity';
import { storeUpload } from '../components/components';
import { Document } from '../documents/document.entity';
import { dispatchShipment, filesToSend, recordShipmentDelivery, recordShipmentReturn } from '../dispatch/dispatch';
import { Shipment } from '../dispatch/shipment.entity';
import { REGISTRABLE_STATUSES, receiveDataMessage } from '../intake/intake';
import {
  connectionsFromEnv,
  connectorEnabled,
  settingsFromEnv,
  type ConnectionConfig,
  type ConnectorSettings,
} from './config';
import { DataBoxConnection, DataBoxInbound, DataBoxOutbound, INBOUND_OPEN } from './data-box.entity';
import { IsdsClient, type OutgoingFile } from './isds-client';
import { boxMetrics } from './metrics';
import { IsdsError } from './soap';
import { ZFO_MEDIA_TYPE, ZfoError, deliveryZfoName, messageZfoName, readZfo } from './zfo';

/**
 * The data-box connector (issue 16): for each configured municipality, one lane that in every round
 *   1. lists new received messages, downloads each signed (ZFO), registers it through `receiveDataMessage` with its
 *      files and the ZFO as the CONTAINER component, and marks it downloaded;
 *   2. sends the DATA_BOX shipments handed over to the dispatch office (CreateMessage) and records them dispatched;
 *   3. follows sent messages (GetMessageStateChanges, GetDeliveryInfo) and records delivery, fiction or return with
 *      the signed delivery receipt as the proof.
 * Every step that changes a record goes through the module that owns it (intake, dispatch, components), with its
 * audit event in its transaction; the connector's own rows only say how far it got, so a restart anywhere repeats at
 * most the step that was interrupted, and those steps are idempotent (dmID unique per municipality; a SENDING
 * shipment is looked up in the sent list before it is sent again).
 *
 * It acts in each municipality as that municipality's connector (`connectorCaller`), never across municipalities: a
 * lane's EntityManager is scoped to its municipality, and a message whose recipient box is not the lane's is refused.
 * Rounds run only in the process holding the job lease `data-box` (kit lease.ts), so two buildings never both poll.
 */

/** Messages listed again from this far before the newest delivery time seen (ISDS may list a message late). */
const LIST_OVERLAP_MS = 60 * 60_000;
/** State changes read again from this far back (isds.md §1: they lag by minutes). */
const STATE_CHANGES_OVERLAP_MS = 60 * 60_000;
/** A sent message not reported by the state changes is asked about directly this often (they cover 15 days only). */
const DELIVERY_CHECK_EVERY_MS = 6 * 3600_000;
/** isds.md §4: an ordinary message carries at most 20 MB of files and 100 files; more needs VoDZ (not supported). */
export const MAX_ORDINARY_MESSAGE_BYTES = 20 * 1024 * 1024;
export const MAX_ORDINARY_MESSAGE_FILES = 100;
/** A message whose download or registration failed this often for a reason that is not the connection's is set aside. */
const MAX_MESSAGE_ATTEMPTS = 5;
const MAX_ERROR = 300;
const cut = (s: string) => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR - 1)}…` : s);

/** The municipality's connector as an actor: audit events say `isds-konektor` did it; its id is stable per municipality. */
export function connectorCaller(municipalityId: string): TenantCaller {
  const h = createHash('sha1').update(`blansko-hub:isds-connector:${municipalityId}`).digest('hex');
  const userId = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return {
    userId,
    login: 'isds-konektor',
    name: 'ISDS konektor',
    municipalityId,
    roles: [Role.INTAKE_CLERK, Role.DISPATCH_CLERK],
    orgUnitId: null,
  } as TenantCaller;
}

export interface ConnectorOptions extends Partial<ConnectorSettings> {
  connections: ConnectionConfig[];
  lease?: JobLeaseKeeper;
  store?: () => BlobStore;
  now?: () => Date;
  /** How often due boxes are looked for (default 1 s). */
  tickMs?: number;
  /** Boxes served at once by the timer (default 4): 30 boxes polled together would crowd the process and its database. */
  maxConcurrentBoxes?: number;
  /** Switches the timer off: rounds run only through `pollNow` (tests). */
  manual?: boolean;
  log?: (message: string, err?: unknown) => void;
}

export interface DataBoxConnector {
  /** One round for the given municipality (or every connected one) now, whatever the schedule; resolves when done. */
  pollNow(municipalityId?: string): Promise<void>;
  stop(): Promise<void>;
}

/** A step failed in a way that concerns the connection (throttled, unavailable, refused credentials): the round stops. */
/** The hub's own refusal of what ISDS delivered (BAD_USER_INPUT naming the field, PAYLOAD_TOO_LARGE). */
const isRefusal = (e: unknown) =>
  e instanceof HubError &&
  ([ErrorCode.BAD_USER_INPUT, ErrorCode.PAYLOAD_TOO_LARGE] as string[]).includes(String(e.extensions.code));

const connectionProblem = (e: unknown) => e instanceof IsdsError && (e.retryable || e.failure === 'UNAUTHORIZED');

export function backoffMs(failures: number, base: number, max: number, random: () => number = Math.random): number {
  const raw = Math.min(base * 2 ** Math.min(Math.max(failures - 1, 0), 30), max);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export function startDataBoxConnector(orm: HubORM, opts: ConnectorOptions): DataBoxConnector {
  const defaults = settingsFromEnv({});
  const settings: ConnectorSettings = {
    pollMs: opts.pollMs ?? defaults.pollMs,
    timeoutMs: opts.timeoutMs ?? defaults.timeoutMs,
    baseBackoffMs: opts.baseBackoffMs ?? defaults.baseBackoffMs,
    maxBackoffMs: opts.maxBackoffMs ?? defaults.maxBackoffMs,
    initialLookbackMs: opts.initialLookbackMs ?? defaults.initialLookbackMs,
  };
  const now = opts.now ?? (() => new Date());
  const store = opts.store ?? blobStoreFromEnv;
  const out = logger.child({ component: 'data-box' });
  const log =
    opts.log ??
    ((m: string, err?: unknown) =>
      out.warn(err === undefined ? {} : { err: err instanceof Error ? err.message : String(err) }, m));
  const clients = new Map(
    opts.connections.map((c) => [
      c.municipalityId,
      new IsdsClient(c.endpoint, {
        timeoutMs: settings.timeoutMs,
        observe: (operation, outcome, seconds) => boxMetrics.request(c.endpoint.boxId, operation, outcome, seconds),
      }),
    ]),
  );
  const lanes = new Map<string, Promise<void>>();
  let stopped = false;
  let synced: Promise<void> | undefined;

  /** The configuration into the status rows (box, mode, endpoint), with an audit event when it changed. */
  async function syncConfiguration(): Promise<void> {
    for (const c of opts.connections) {
      const em = scopeToTenant(orm.em.fork(), c.municipalityId);
      await inTransaction(em, async (tx) => {
        const row = await tx.findOne(DataBoxConnection, { municipalityId: c.municipalityId });
        const wanted = {
          boxId: c.endpoint.boxId,
          authMode: c.endpoint.authMode,
          baseUrl: c.endpoint.baseUrl,
          enabled: c.enabled,
        };
        const changes = (Object.keys(wanted) as (keyof typeof wanted)[])
          .filter((k) => !row || row[k] !== wanted[k])
          .map((k) => ({ name: k, old: row ? String(row[k]) : null, new: String(wanted[k]) }));
        if (changes.length === 0) return;
        if (row) {
          // Another box: what was remembered of the old one no longer applies.
          const restart = row.boxId !== wanted.boxId ? { receivedThrough: null, stateChangesThrough: null } : {};
          Object.assign(row, wanted, restart, { configuredAt: now() });
        } else {
          tx.create(DataBoxConnection, {
            municipalityId: c.municipalityId,
            ...wanted,
            configuredAt: now(),
            receivedThrough: null,
            stateChangesThrough: null,
            lastPollAt: null,
            lastSuccessAt: null,
            failures: 0,
            lastError: null,
            lastErrorAt: null,
            nextAttemptAt: null,
          });
        }
        await tx.flush();
        await recordAudit(tx, null, {
          municipalityId: c.municipalityId,
          eventType: 'Uprava',
          objectType: 'KonfiguraceSystemu',
          objectId: c.municipalityId,
          description: `Data-box connection ${row ? 'changed' : 'configured'}: box ${c.endpoint.boxId}, ${c.endpoint.authMode}, ${c.endpoint.baseUrl}`,
          changes,
        });
      });
    }
  }

  const storeBytes = async (
    em: SqlEntityManager,
    caller: TenantCaller,
    bytes: Buffer,
    fileName: string,
    mediaType: string,
  ) =>
    storeUpload(em, store(), caller, Readable.from([bytes]), {
      fileName,
      mediaType,
      maxBytes: Math.max(bytes.length, 1),
    });

  // ---------------------------------------------------------------------------------------------- intake

  async function listNew(em: SqlEntityManager, client: IsdsClient, conn: DataBoxConnection): Promise<void> {
    const t = now();
    const from = conn.receivedThrough
      ? new Date(conn.receivedThrough.getTime() - LIST_OVERLAP_MS)
      : new Date(t.getTime() - settings.initialLookbackMs);
    const to = new Date(t.getTime() + 5 * 60_000);
    let newest = conn.receivedThrough;
    const limit = 1000;
    for (let offset = 1; ; offset += limit) {
      const page = await client.listReceived(from, to, offset, limit);
      const known = new Set(
        (
          await em.find(
            DataBoxInbound,
            { dmId: { $in: page.map((m) => m.dmId) } },
            { fields: ['dmId'], disableIdentityMap: true },
          )
        ).map((r) => r.dmId),
      );
      for (const m of page) {
        if (m.deliveredAt && (!newest || m.deliveredAt > newest)) newest = m.deliveredAt;
        if (known.has(m.dmId)) continue;
        try {
          await em.fork().insert(DataBoxInbound, {
            id: randomUUID(),
            municipalityId: conn.municipalityId,
            dmId: m.dmId,
            state: 'LISTED',
            deliveredAt: m.deliveredAt,
            listedAt: t,
            documentId: null,
            attempts: 0,
            lastError: null,
            updatedAt: t,
          });
        } catch (e) {
          if (!(e instanceof UniqueConstraintViolationException)) throw e;
        }
      }
      if (page.length < limit) break;
    }
    if (newest && (!conn.receivedThrough || newest > conn.receivedThrough)) {
      await em.nativeUpdate(DataBoxConnection, { municipalityId: conn.municipalityId }, { receivedThrough: newest });
      conn.receivedThrough = newest;
    }
  }

  async function failInbound(em: SqlEntityManager, row: DataBoxInbound, e: unknown, final: boolean): Promise<void> {
    const attempts = row.attempts + 1;
    const state = final || attempts >= MAX_MESSAGE_ATTEMPTS ? 'FAILED' : row.state;
    await em.nativeUpdate(
      DataBoxInbound,
      { id: row.id },
      { attempts, state, lastError: cut((e as Error).message ?? String(e)), updatedAt: now() },
    );
    boxMetrics.messageFailed(row.municipalityId);
    log(
      `data box: message ${row.dmId} of municipality ${row.municipalityId} ${state === 'FAILED' ? 'set aside' : 'failed'}: ${(e as Error).message}`,
    );
  }

  /** One listed message: download, register (idempotent on dmID), mark downloaded. */
  async function takeIn(
    em: SqlEntityManager,
    client: IsdsClient,
    conn: DataBoxConnection,
    caller: TenantCaller,
    row: DataBoxInbound,
  ): Promise<void> {
    if (row.state === 'LISTED') {
      const zfo = await client.signedMessage(row.dmId);
      const m = readZfo(zfo);
      if (m.dmId !== row.dmId) throw new ZfoError(`the ZFO is of message ${m.dmId}, not ${row.dmId}`);
      // Never register a message addressed to another box as this municipality's.
      if (m.recipientBoxId && m.recipientBoxId !== conn.boxId)
        throw new ZfoError(`message ${m.dmId} is addressed to box ${m.recipientBoxId}, not ${conn.boxId}`);
      const uploads = [];
      for (const f of m.files) uploads.push(await storeBytes(em, caller, f.content, f.fileName, f.mediaType));
      const container = await storeBytes(em, caller, zfo, messageZfoName(m.dmId), ZFO_MEDIA_TYPE);
      const status = m.status !== null && REGISTRABLE_STATUSES.includes(m.status) ? m.status : 4;
      const { document } = await receiveDataMessage(
        em,
        caller,
        {
          dmId: m.dmId,
          senderBoxId: m.senderBoxId ?? '',
          senderName: m.senderName ?? '',
          senderAddress: m.senderAddress,
          senderType: m.senderType,
          annotation: m.annotation ?? '',
          senderRefNumber: m.senderRefNumber,
          recipientRefNumber: m.recipientRefNumber,
          // The delivery time ISDS gives (isds.md §4: listing served it; the deadlines run from ISDS's times).
          deliveryTime: m.deliveredAt ?? row.deliveredAt,
          acceptanceTime: m.acceptedAt,
          status,
          uploadIds: uploads.map((u) => u.id),
        } as never,
        now(),
        { containerUploadId: container.id },
      );
      await em.nativeUpdate(
        DataBoxInbound,
        { id: row.id },
        { state: 'REGISTERED', documentId: document.id, lastError: null, updatedAt: now() },
      );
      row.state = 'REGISTERED';
      boxMetrics.received(conn.boxId);
    }
    await client.markDownloaded(row.dmId);
    await em.nativeUpdate(DataBoxInbound, { id: row.id }, { state: 'DONE', updatedAt: now() });
  }

  async function intake(
    em: SqlEntityManager,
    client: IsdsClient,
    conn: DataBoxConnection,
    caller: TenantCaller,
  ): Promise<void> {
    await listNew(em, client, conn);
    const open = await em.find(
      DataBoxInbound,
      { state: { $in: INBOUND_OPEN } },
      { orderBy: { deliveredAt: 'asc', dmId: 'asc' }, disableIdentityMap: true },
    );
    for (const row of open) {
      if (stopped) return;
      try {
        await takeIn(em, client, conn, caller, row);
      } catch (e) {
        if (connectionProblem(e)) throw e;
        // The hub's checks refused it or the ZFO is unreadable: no point in trying again (a database outage is).
        await failInbound(em, row, e, isRefusal(e) || e instanceof ZfoError);
      }
    }
  }

  // -------------------------------------------------------------------------------------------- dispatch

  /** What a shipment sends: the document's files as ISDS files, the first as `main`; or why it cannot go as an ordinary message. */
  async function outgoingFiles(
    em: SqlEntityManager,
    s: Shipment,
  ): Promise<{ files: OutgoingFile[] } | { code: string; message: string }> {
    const files = filesToSend(
      await em.find(Component, { documentId: s.documentId }, { orderBy: { order: 'asc', version: 'asc' } }),
    );
    if (files.length === 0) return { code: 'NO_FILES', message: 'The document has no files to send' };
    if (files.length > MAX_ORDINARY_MESSAGE_FILES) {
      return {
        code: 'VODZ_NOT_SUPPORTED',
        message: `${files.length} files: an ordinary data message carries at most ${MAX_ORDINARY_MESSAGE_FILES}; larger messages (VoDZ) are not supported`,
      };
    }
    const total = files.reduce((n, f) => n + Number(f.size), 0);
    if (total > MAX_ORDINARY_MESSAGE_BYTES) {
      return {
        code: 'VODZ_NOT_SUPPORTED',
        message: `${total} bytes of files: an ordinary data message carries at most ${MAX_ORDINARY_MESSAGE_BYTES}; larger messages (VoDZ) are not supported`,
      };
    }
    const blobs = store();
    const out: OutgoingFile[] = [];
    for (const [i, f] of files.entries()) {
      const chunks: Buffer[] = [];
      for await (const c of blobs.open(f.blobKey)) chunks.push(c as Buffer);
      out.push({
        fileName: f.fileName,
        mediaType: f.mediaType,
        metaType: i === 0 ? 'main' : 'enclosure',
        content: Buffer.concat(chunks),
      });
    }
    return { files: out };
  }

  async function failOutbound(
    em: SqlEntityManager,
    s: Shipment,
    row: DataBoxOutbound | null,
    code: string,
    message: string,
    d: Document | null,
  ): Promise<void> {
    const t = now();
    await inTransaction(em, async (tx) => {
      if (row)
        await tx.nativeUpdate(
          DataBoxOutbound,
          { id: row.id },
          { state: 'FAILED', errorCode: code, lastError: cut(message), updatedAt: t, attempts: row.attempts + 1 },
        );
      else {
        tx.create(DataBoxOutbound, {
          id: randomUUID(),
          municipalityId: s.municipalityId,
          shipmentId: s.id,
          state: 'FAILED',
          dmId: null,
          recipientBoxId: s.recipientDataBoxId ?? '',
          annotation: (d?.subject ?? '').slice(0, 255),
          senderRefNumber: d?.referenceNumber ?? null,
          sendStartedAt: t,
          sentAt: null,
          deliveredToBoxAt: null,
          checkedAt: null,
          attempts: 1,
          errorCode: code,
          lastError: cut(message),
          updatedAt: t,
        });
        await tx.flush();
      }
      // On the document's trail, so the dispatch office sees why its shipment did not leave.
      await recordAudit(tx, connectorCaller(s.municipalityId), {
        municipalityId: s.municipalityId,
        eventType: 'Uprava',
        objectType: 'Dokument',
        objectId: s.documentId,
        description: `Data-box connector could not send shipment ${s.id}: ${code}: ${message}`,
        changes: [
          { name: 'shipmentId', old: null, new: s.id },
          { name: 'dataBoxError', old: null, new: code },
        ],
      });
    });
    boxMetrics.sendFailed(s.municipalityId, code);
  }

  async function send(em: SqlEntityManager, client: IsdsClient, caller: TenantCaller, s: Shipment): Promise<void> {
    let row = await em.findOne(DataBoxOutbound, { shipmentId: s.id }, { disableIdentityMap: true });
    if (row?.state === 'FAILED' || row?.state === 'SENT' || row?.state === 'DELIVERED' || row?.state === 'RETURNED')
      return;
    const d = await em.findOne(Document, { id: s.documentId }, { disableIdentityMap: true });
    if (!d) return;
    const annotation = d.subject.length > 255 ? `${d.subject.slice(0, 254)}…` : d.subject;
    const senderRefNumber = d.referenceNumber ? d.referenceNumber.slice(0, 50) : null;
    if (row?.state === 'SENDING') {
      // Interrupted after CreateMessage may have gone out: adopt the message if ISDS has it, never send it twice.
      const sent = await client.listSent(
        new Date(row.sendStartedAt.getTime() - 60_000),
        new Date(now().getTime() + 5 * 60_000),
      );
      const taken = new Set(
        (
          await em.find(
            DataBoxOutbound,
            { dmId: { $in: sent.map((m) => m.dmId) } },
            { fields: ['dmId'], disableIdentityMap: true },
          )
        ).map((r) => r.dmId),
      );
      const match = sent.find(
        (m) =>
          !taken.has(m.dmId) &&
          m.recipientBoxId === row!.recipientBoxId &&
          m.annotation === row!.annotation &&
          (m.senderRefNumber ?? null) === row!.senderRefNumber,
      );
      if (match) return recordSent(em, caller, s, row, match.dmId);
    }
    if (!s.recipientDataBoxId)
      return failOutbound(em, s, row, 'NO_RECIPIENT_BOX', 'The shipment has no recipient data box', d);
    const prepared = await outgoingFiles(em, s);
    if ('code' in prepared) return failOutbound(em, s, row, prepared.code, prepared.message, d);
    const t = now();
    if (!row) {
      row = em.create(DataBoxOutbound, {
        id: randomUUID(),
        municipalityId: s.municipalityId,
        shipmentId: s.id,
        state: 'SENDING',
        dmId: null,
        recipientBoxId: s.recipientDataBoxId,
        annotation,
        senderRefNumber,
        sendStartedAt: t,
        sentAt: null,
        deliveredToBoxAt: null,
        checkedAt: null,
        attempts: 0,
        errorCode: null,
        lastError: null,
        updatedAt: t,
      });
      await em.flush();
    } else {
      await em.nativeUpdate(
        DataBoxOutbound,
        { id: row.id },
        { sendStartedAt: t, attempts: row.attempts + 1, updatedAt: t },
      );
      row.sendStartedAt = t;
    }
    let dmId: string;
    try {
      dmId = await client.createMessage({
        recipientBoxId: s.recipientDataBoxId,
        annotation,
        senderRefNumber,
        recipientRefNumber: s.recipientRefNumber ?? null,
        senderIdent: null,
        recipientIdent: s.recipientFileMark ?? null,
        toHands: null,
        personalDelivery: s.personalDelivery ?? false,
        allowSubstDelivery: s.allowSubstituteDelivery ?? true,
        files: prepared.files,
      });
    } catch (e) {
      // Refused by ISDS for this message (e.g. 1214 attachment rejected, a box that does not receive): the dispatch office decides.
      if (e instanceof IsdsError && e.failure === 'REFUSED')
        return failOutbound(em, s, row, `ISDS_${e.code}`, e.message, d);
      throw e; // unknown outcome (timeout, outage): stays SENDING, looked up in the sent list next round
    }
    await recordSent(em, caller, s, row, dmId);
  }

  /** The shipment DISPATCHED with the dmID (dispatch.ts: Vypraveno with the files' hashes), and the row SENT, in one transaction. */
  async function recordSent(
    em: SqlEntityManager,
    caller: TenantCaller,
    s: Shipment,
    row: DataBoxOutbound,
    dmId: string,
  ): Promise<void> {
    const t = now();
    await inTransaction(em, async (tx) => {
      await dispatchShipment(tx, caller, { shipmentId: s.id, externalId: dmId, dispatchedAt: t } as never, t);
      await tx.nativeUpdate(
        DataBoxOutbound,
        { id: row.id },
        { state: 'SENT', dmId, sentAt: t, errorCode: null, lastError: null, updatedAt: t },
      );
    });
    boxMetrics.sent(s.municipalityId);
  }

  async function dispatch(em: SqlEntityManager, client: IsdsClient, caller: TenantCaller): Promise<void> {
    const queue = await em.find(
      Shipment,
      { state: 'TO_DISPATCH', channel: 'DATA_BOX' },
      { orderBy: { handedOverAt: 'asc', id: 'asc' }, disableIdentityMap: true },
    );
    for (const s of queue) {
      if (stopped) return;
      try {
        await send(em, client, caller, s);
      } catch (e) {
        if (connectionProblem(e)) throw e;
        log(`data box: shipment ${s.id} could not be sent (retried next round): ${(e as Error).message}`);
      }
    }
  }

  // ----------------------------------------------------------------------------------- delivery tracking

  /** isds.md §2 dmMessageStatus: 5 fiction; 6, 7 served by login / read; 9, 10 later states of a served message. */
  const SERVED = [5, 6, 7, 9, 10];

  async function follow(
    em: SqlEntityManager,
    client: IsdsClient,
    conn: DataBoxConnection,
    caller: TenantCaller,
  ): Promise<void> {
    const open = await em.find(
      DataBoxOutbound,
      { state: 'SENT' },
      { orderBy: { sentAt: 'asc' }, disableIdentityMap: true },
    );
    const t = now();
    if (open.length === 0) {
      await em.nativeUpdate(DataBoxConnection, { municipalityId: conn.municipalityId }, { stateChangesThrough: t });
      return;
    }
    const earliest = open.reduce((m, r) => (r.sentAt && r.sentAt < m ? r.sentAt : m), t);
    const from = conn.stateChangesThrough
      ? new Date(
          Math.max(
            Math.min(conn.stateChangesThrough.getTime() - STATE_CHANGES_OVERLAP_MS, t.getTime()),
            earliest.getTime() - 60_000,
          ),
        )
      : new Date(earliest.getTime() - 60_000);
    const changed = new Set((await client.stateChanges(from, t)).map((c) => c.dmId));
    for (const row of open) {
      if (stopped) return;
      const due = !row.checkedAt || t.getTime() - row.checkedAt.getTime() >= DELIVERY_CHECK_EVERY_MS;
      if (!row.dmId || (!changed.has(row.dmId) && !due)) continue;
      try {
        await checkDelivery(em, client, caller, row);
      } catch (e) {
        if (connectionProblem(e)) throw e;
        await em.nativeUpdate(
          DataBoxOutbound,
          { id: row.id },
          { lastError: cut((e as Error).message), checkedAt: now(), updatedAt: now() },
        );
        log(`data box: delivery of ${row.dmId} could not be recorded (retried): ${(e as Error).message}`);
      }
    }
    await em.nativeUpdate(DataBoxConnection, { municipalityId: conn.municipalityId }, { stateChangesThrough: t });
  }

  async function checkDelivery(
    em: SqlEntityManager,
    client: IsdsClient,
    caller: TenantCaller,
    row: DataBoxOutbound,
  ): Promise<void> {
    const dmId = row.dmId!;
    const info = await client.deliveryInfo(dmId);
    const t = now();
    if (info.status === 4 || (!SERVED.includes(info.status) && info.status !== 8 && info.status !== 3)) {
      await em.nativeUpdate(
        DataBoxOutbound,
        { id: row.id },
        { checkedAt: t, updatedAt: t, deliveredToBoxAt: info.deliveredAt ?? row.deliveredToBoxAt, lastError: null },
      );
      return;
    }
    // The signed delivery receipt (doručenka) is the proof, whatever the outcome.
    const receipt = await client.signedDeliveryInfo(dmId);
    const proof = await storeBytes(em, caller, receipt, deliveryZfoName(dmId), ZFO_MEDIA_TYPE);
    await inTransaction(em, async (tx) => {
      if (SERVED.includes(info.status)) {
        const byFiction = info.status === 5 || info.events.some((e) => /^EV2\b/.test(e.description));
        const at = info.acceptedAt ?? info.events.at(-1)?.at ?? info.deliveredAt ?? t;
        await recordShipmentDelivery(
          tx,
          caller,
          { shipmentId: row.shipmentId, deliveredAt: at, byFiction, proofUploadId: proof.id } as never,
          t,
        );
        await tx.nativeUpdate(
          DataBoxOutbound,
          { id: row.id },
          { state: 'DELIVERED', checkedAt: t, updatedAt: t, lastError: null },
        );
      } else {
        // 8: the recipient's box was made inaccessible; 3: the message failed the antivirus check.
        const note =
          info.status === 8
            ? "ISDS: undeliverable, the recipient's data box was made inaccessible (status 8)"
            : 'ISDS: the message failed the antivirus check (status 3)';
        await recordShipmentReturn(
          tx,
          caller,
          {
            shipmentId: row.shipmentId,
            returnedAt: info.events.at(-1)?.at ?? t,
            reason: 'OTHER_VERIFIED',
            note,
            proofUploadId: proof.id,
          } as never,
          t,
        );
        await tx.nativeUpdate(
          DataBoxOutbound,
          { id: row.id },
          { state: 'RETURNED', checkedAt: t, updatedAt: t, lastError: null },
        );
      }
    });
  }

  // --------------------------------------------------------------------------------------------- rounds

  async function round(c: ConnectionConfig): Promise<void> {
    const client = clients.get(c.municipalityId)!;
    const em = scopeToTenant(orm.em.fork(), c.municipalityId);
    const caller = connectorCaller(c.municipalityId);
    const conn = await em.findOne(
      DataBoxConnection,
      { municipalityId: c.municipalityId },
      { disableIdentityMap: true },
    );
    if (!conn || !conn.enabled) return;
    const started = now();
    const stopTimer = boxMetrics.roundTimer();
    try {
      await intake(em, client, conn, caller);
      await dispatch(em, client, caller);
      await follow(em, client, conn, caller);
      const t = now();
      await em.nativeUpdate(
        DataBoxConnection,
        { municipalityId: c.municipalityId },
        { lastPollAt: started, lastSuccessAt: t, failures: 0, nextAttemptAt: null },
      );
      boxMetrics.polled(c.endpoint.boxId, t);
      stopTimer('ok');
    } catch (e) {
      const failures = conn.failures + 1;
      const t = now();
      const wait = backoffMs(failures, settings.baseBackoffMs, settings.maxBackoffMs);
      await em.nativeUpdate(
        DataBoxConnection,
        { municipalityId: c.municipalityId },
        {
          lastPollAt: started,
          failures,
          lastError: cut((e as Error).message ?? String(e)),
          lastErrorAt: t,
          nextAttemptAt: new Date(t.getTime() + wait),
        },
      );
      boxMetrics.roundFailed(c.endpoint.boxId, e instanceof IsdsError ? e.failure : 'error');
      stopTimer('error');
      if (failures === 1 || failures % 10 === 0)
        log(
          `data box ${c.endpoint.boxId}: round failed (${failures} in a row, next in ${Math.round(wait / 1000)} s)`,
          e,
        );
    } finally {
      await updateBacklog(em, c);
    }
  }

  async function updateBacklog(em: SqlEntityManager, c: ConnectionConfig): Promise<void> {
    const backlog = await em.count(DataBoxInbound, { state: { $in: INBOUND_OPEN } }).catch(() => null);
    if (backlog !== null) boxMetrics.backlog(c.endpoint.boxId, backlog);
  }

  function runLane(c: ConnectionConfig): Promise<void> {
    const running = lanes.get(c.municipalityId);
    if (running) return running;
    const run = (async () => {
      synced ??= syncConfiguration().catch((e) => {
        synced = undefined;
        throw e;
      });
      await synced;
      await round(c);
    })()
      .catch((e) => log(`data box ${c.endpoint.boxId}: round could not run`, e))
      .finally(() => lanes.delete(c.municipalityId));
    lanes.set(c.municipalityId, run);
    return run;
  }

  /** Boxes whose next round is due: polled longer than the interval ago and not backing off. */
  async function due(): Promise<ConnectionConfig[]> {
    const t = now().getTime();
    const rows = await orm.em.fork().find(DataBoxConnection, {}, { filters: false, disableIdentityMap: true });
    const byId = new Map(rows.map((r) => [r.municipalityId, r]));
    // Longest waiting first, so a limit on boxes at once serves them in turn.
    const waited = (c: ConnectionConfig) => byId.get(c.municipalityId)?.lastPollAt?.getTime() ?? 0;
    return opts.connections
      .slice()
      .sort((a, b) => waited(a) - waited(b))
      .filter((c) => {
        if (!c.enabled) return false;
        const r = byId.get(c.municipalityId);
        if (!r) return true;
        if (r.nextAttemptAt && r.nextAttemptAt.getTime() > t) return false;
        if (r.failures > 0 && r.nextAttemptAt) return true;
        return !r.lastPollAt || t - r.lastPollAt.getTime() >= settings.pollMs;
      });
  }

  let ticking: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  async function tick() {
    try {
      if (opts.lease && !(await opts.lease.ensure())) return;
      if (!synced) {
        synced = syncConfiguration();
        await synced;
      }
      const room = (opts.maxConcurrentBoxes ?? 4) - lanes.size;
      if (room <= 0) return;
      for (const c of (await due()).filter((x) => !lanes.has(x.municipalityId)).slice(0, room)) void runLane(c);
    } catch (e) {
      synced = undefined;
      log('data box connector tick failed', e);
    }
  }
  const schedule = () => {
    if (stopped || opts.manual) return;
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = undefined;
        schedule();
      });
    }, opts.tickMs ?? 1000);
    timer.unref();
  };
  schedule();

  return {
    async pollNow(municipalityId?: string) {
      const list = opts.connections.filter(
        (c) => c.enabled && (!municipalityId || c.municipalityId === municipalityId),
      );
      // A lane already running finishes first; then one more full round.
      await Promise.all(list.map((c) => lanes.get(c.municipalityId)));
      await Promise.all(list.map((c) => runLane(c)));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await Promise.all([...lanes.values()]);
      await opts.lease?.stop();
    },
  };
}

/** Filing's background work: the connector, when HUB_ISDS_CONFIG names connections (and not switched off). */
export function dataBoxBackground(orm: HubORM): { stop(): Promise<void> } {
  if (!connectorEnabled()) return { stop: async () => undefined };
  const connections = connectionsFromEnv();
  if (connections.length === 0) return { stop: async () => undefined };
  logger.child({ component: 'data-box' }).info({ boxes: connections.length }, 'data-box connector: configured');
  return startDataBoxConnector(orm, {
    ...settingsFromEnv(),
    connections,
    lease: startJobLease(orm, 'data-box', { service: 'filing' }),
  });
}
