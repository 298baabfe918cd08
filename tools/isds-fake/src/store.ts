import { createHash } from 'node:crypto';
import { NS, NIL, RawXml, XmlNode, buildXml, isoTime, nillable } from './xml';

/** Box types the fake knows (the finer ones of dbTypes.xsd, e.g. OVM_NOTAR, are not modelled). */
export type BoxType = 'OVM' | 'PO' | 'PFO' | 'FO';

export interface LocalBox {
  /** Data-box id (ID datové schránky): exactly 7 characters, lowercase letters and digits. */
  id: string;
  type: BoxType;
  /** Owner's name as ISDS writes it into dmSender/dmRecipient (≤100). */
  name: string;
  /** Owner's address as one line (dmSenderAddress/dmRecipientAddress, ≤100). */
  address?: string;
  /** Basic-auth logins of the box; without any, one login `<box id>` / DEFAULT_PASSWORD. */
  users?: { username: string; password: string }[];
  /** The box accepts the hosted records-service certificate (hspis mode: box id as user name, empty password). */
  hostedEsslCertificate?: boolean;
}

export type FileMetaType = 'main' | 'enclosure' | 'signature' | 'meta';

export interface LocalFile {
  /** dmFileDescr: the file name; ISDS derives the format from its extension. */
  name: string;
  mimeType: string;
  metaType?: FileMetaType;
  content: Buffer;
}

/** A message to put into a box as if its sender had sent it (the test's / demo's "citizen sends"). */
export interface InjectMessage {
  from: string;
  to: string;
  annotation: string;
  senderRefNumber?: string;
  senderIdent?: string;
  recipientRefNumber?: string;
  recipientIdent?: string;
  toHands?: string;
  personalDelivery?: boolean;
  /** Fiction (doručení fikcí) allowed; default true. */
  allowSubstDelivery?: boolean;
  files: LocalFile[];
}

/** Password of a box's default login (LocalBox.users absent). Test material only. */
export const DEFAULT_PASSWORD = 'local-isds';

/** dmSenderType by box type (isds.md §2). */
export const SENDER_TYPE: Record<BoxType, number> = { OVM: 10, PO: 20, PFO: 30, FO: 40 };

/** Limits of an ordinary message on ws1 (isds.md §4); above them a sender must use VoDZ. */
export const LIMITS = { maxAttachmentBytes: 20 * 1024 * 1024, maxFiles: 100 };

/** Fiction: served 10 days after delivery to the box without a login (isds.md §4). */
export const FICTION_MS = 10 * 24 * 3600 * 1000;

/** An ISDS refusal: the operation answers its dmStatus/dbStatus with this code. */
export class IsdsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Status codes the fake answers (isds.md §1). Codes marked [u] are the author's reading of libdatovka's
 * non-normative notes, not the official document.
 */
export const CODES = {
  ok: ['0000', 'Provedeno úspěšně.'],
  noSuchMessage: ['1219', 'Zpráva neexistuje nebo k ní nemáte přístup.'],
  recipientInaccessible: ['1201', 'Schránka příjemce neexistuje nebo není přístupná.'], // [u]
  attachmentRejected: ['1214', 'Příloha zprávy byla odmítnuta.'], // [u] size/count over the ws1 limits
  unknownOperation: ['2006', 'Neznámá operace.'],
  throttled: ['3009', 'Překročen počet souběžných požadavků na jednu schránku.'], // [u]
  invalidMessage: ['9005', 'Zpráva není platná.'], // [u] also: request not valid against the XSD
  noBox: ['5001', 'Schránka neexistuje.'],
} as const;

export interface MessageEvent {
  time: Date;
  /** EV0 entered ISDS, EV5 delivered to the box, EV11/EV13 served by login, EV2 fiction (isds.md §1). */
  code: string;
  description: string;
}

export interface StoredMessage {
  dmId: string;
  sender: LocalBox;
  recipient: LocalBox;
  annotation: string;
  senderRefNumber: string | null;
  senderIdent: string | null;
  recipientRefNumber: string | null;
  recipientIdent: string | null;
  toHands: string | null;
  personalDelivery: boolean;
  allowSubstDelivery: boolean;
  files: (LocalFile & { metaType: FileMetaType; xmlContent?: string })[];
  /** The dmDm element exactly as stored; dmHash is over these bytes (isds.md §2). */
  dmDmXml: string;
  hash: Buffer;
  /** dmQTimestamp: time-stamp token over the hash (set right after sending). */
  qTimestamp: Buffer;
  /** 1–10 (isds.md §2). */
  status: number;
  submittedAt: Date;
  deliveryTime: Date | null;
  acceptanceTime: Date | null;
  events: MessageEvent[];
  /** Status changes as GetMessageStateChanges reports them to the sender. */
  changes: { time: Date; status: number }[];
}

/** Snapshot of a message for tests and the admin API. */
export interface MessageSnapshot {
  dmId: string;
  status: number;
  from: string;
  to: string;
  senderName: string;
  recipientName: string;
  annotation: string;
  senderRefNumber: string | null;
  senderIdent: string | null;
  toHands: string | null;
  personalDelivery: boolean;
  allowSubstDelivery: boolean;
  submittedAt: string;
  deliveryTime: string | null;
  acceptanceTime: string | null;
  hash: string;
  events: { time: string; code: string; description: string }[];
  files: { name: string; mimeType: string; metaType: FileMetaType; size: number }[];
}

const EVENT_TEXT: Record<string, string> = {
  EV0: 'Zpráva byla podána do ISDS.',
  EV5: 'Zpráva byla dodána do schránky příjemce.',
  EV11: 'Zpráva byla doručena přihlášením oprávněné osoby nebo aplikace.',
  EV13: 'Zpráva byla doručena přihlášením aplikace systémovým certifikátem spisové služby.',
  EV2: 'Zpráva byla doručena fikcí.',
};

export function isBoxId(id: string): boolean {
  return /^[a-z0-9]{7}$/.test(id);
}

/** The fake's own clock: the caller's `now` plus what advance() added. */
export class Clock {
  private offset = 0;
  constructor(private readonly base: () => Date) {}
  now(): Date {
    return new Date(this.base().getTime() + this.offset);
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance(ms): ms must be a non-negative number');
    this.offset += ms;
  }
}

export class Store {
  readonly boxes = new Map<string, LocalBox>();
  readonly messages = new Map<string, StoredMessage>();
  private nextId: number;

  constructor(
    boxes: LocalBox[],
    readonly clock: Clock,
    firstDmId?: number,
  ) {
    for (const b of boxes) {
      if (!isBoxId(b.id))
        throw new Error(`local ISDS: box id ${JSON.stringify(b.id)} is not 7 lowercase letters or digits`);
      if (!['OVM', 'PO', 'PFO', 'FO'].includes(b.type))
        throw new Error(`local ISDS: box ${b.id}: unknown type ${b.type}`);
      if (this.boxes.has(b.id)) throw new Error(`local ISDS: box ${b.id} given twice`);
      this.boxes.set(b.id, b);
    }
    // dmIDs are numeric and grow; by default they start from the wall clock in ms, so a restarted fake does not
    // hand out the ids of an earlier run again (the hub keeps dmIDs as idempotency keys).
    this.nextId = firstDmId ?? Date.now();
  }

  users(box: LocalBox): { username: string; password: string }[] {
    return box.users && box.users.length > 0 ? box.users : [{ username: box.id, password: DEFAULT_PASSWORD }];
  }

  /**
   * Sends a message from `sender`: checks what CreateMessage checks, gives it a dmID, and delivers it to the
   * recipient's box at once (statuses 1 → 2 → 4 collapse into one instant).
   */
  send(sender: LocalBox, m: Omit<InjectMessage, 'from'>): StoredMessage {
    const recipient = this.boxes.get(m.to);
    if (!recipient)
      throw new IsdsError(CODES.recipientInaccessible[0], `Schránka ${m.to} neexistuje nebo není přístupná.`);
    if (!m.annotation || m.annotation.length > 255)
      throw new IsdsError(CODES.invalidMessage[0], 'Věc zprávy (dmAnnotation) chybí nebo je delší než 255 znaků.');
    if (m.files.length === 0) throw new IsdsError(CODES.invalidMessage[0], 'Zpráva nemá žádnou písemnost.');
    const files = m.files.map((f, i) => ({
      ...f,
      metaType: f.metaType ?? ((i === 0 ? 'main' : 'enclosure') as FileMetaType),
    }));
    const mains = files.filter((f) => f.metaType === 'main').length;
    if (mains !== 1 || files[0].metaType !== 'main')
      throw new IsdsError(CODES.invalidMessage[0], 'Zpráva musí mít právě jednu hlavní písemnost (main), a to první.');
    if (files.length > LIMITS.maxFiles)
      throw new IsdsError(
        CODES.attachmentRejected[0],
        `Zpráva má ${files.length} příloh, nejvýše ${LIMITS.maxFiles}; větší zprávu pošlete jako VoDZ.`,
      );
    const total = files.reduce((n, f) => n + f.content.length, 0);
    if (total > LIMITS.maxAttachmentBytes)
      throw new IsdsError(
        CODES.attachmentRejected[0],
        `Přílohy mají ${total} B, nejvýše 20 MB; větší zprávu pošlete jako VoDZ.`,
      );
    for (const f of files)
      if (!f.name || f.name.length > 255)
        throw new IsdsError(CODES.invalidMessage[0], 'Název souboru (dmFileDescr) chybí nebo je delší než 255 znaků.');

    const now = this.clock.now();
    const dmId = String(this.nextId++);
    const msg: StoredMessage = {
      dmId,
      sender,
      recipient,
      annotation: m.annotation,
      senderRefNumber: m.senderRefNumber ?? null,
      senderIdent: m.senderIdent ?? null,
      recipientRefNumber: m.recipientRefNumber ?? null,
      recipientIdent: m.recipientIdent ?? null,
      toHands: m.toHands ?? null,
      personalDelivery: m.personalDelivery ?? false,
      allowSubstDelivery: m.allowSubstDelivery ?? true,
      files,
      dmDmXml: '',
      hash: Buffer.alloc(0),
      qTimestamp: Buffer.alloc(0),
      status: 4,
      submittedAt: now,
      deliveryTime: now,
      acceptanceTime: null,
      events: [event(now, 'EV0'), event(now, 'EV5')],
      changes: [{ time: now, status: 4 }],
    };
    msg.dmDmXml = dmDmXml(msg, true);
    msg.hash = createHash('sha256').update(msg.dmDmXml, 'utf8').digest();
    this.messages.set(dmId, msg);
    return msg;
  }

  /** Fiction: every message delivered ≥ 10 days ago and still not served becomes status 5 at that instant. */
  sweep(): void {
    const now = this.clock.now().getTime();
    for (const m of this.messages.values()) {
      if (m.status !== 4 || !m.deliveryTime || !m.allowSubstDelivery) continue;
      const due = m.deliveryTime.getTime() + FICTION_MS;
      if (due <= now) this.setStatus(m, 5, new Date(due), 'EV2');
    }
  }

  /**
   * A login to the box (for a third-party application: GetListOfReceivedMessages, isds.md §4) serves every
   * message delivered to it and not yet served: 4 → 6 with dmAcceptanceTime = now.
   */
  serveByLogin(box: LocalBox, eventCode: 'EV11' | 'EV13'): void {
    const now = this.clock.now();
    for (const m of this.messages.values())
      if (m.recipient.id === box.id && m.status === 4) this.setStatus(m, 6, now, eventCode);
  }

  /** MarkMessageAsDownloaded: read (7). Only from a served state. */
  markRead(m: StoredMessage): void {
    if (m.status === 5 || m.status === 6) this.setStatus(m, 7, this.clock.now(), null);
  }

  private setStatus(m: StoredMessage, status: number, time: Date, eventCode: string | null): void {
    m.status = status;
    if (status === 5 || status === 6) m.acceptanceTime = time;
    if (eventCode) m.events.push(event(time, eventCode));
    // The sender sees 6 where the recipient sees 7 (isds.md §2), so 6 → 7 is no change for it.
    if (status !== 7) m.changes.push({ time, status });
  }

  receivedBy(boxId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.recipient.id === boxId);
  }

  sentBy(boxId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.sender.id === boxId);
  }
}

function event(time: Date, code: string): MessageEvent {
  return { time, code, description: `${code}: ${EVENT_TEXT[code]}` };
}

/** The status the sender sees (7 shows as 6 to it). */
export function senderStatus(m: StoredMessage): number {
  return m.status === 7 ? 6 : m.status;
}

export function snapshot(m: StoredMessage): MessageSnapshot {
  return {
    dmId: m.dmId,
    status: m.status,
    from: m.sender.id,
    to: m.recipient.id,
    senderName: m.sender.name,
    recipientName: m.recipient.name,
    annotation: m.annotation,
    senderRefNumber: m.senderRefNumber,
    senderIdent: m.senderIdent,
    toHands: m.toHands,
    personalDelivery: m.personalDelivery,
    allowSubstDelivery: m.allowSubstDelivery,
    submittedAt: isoTime(m.submittedAt),
    deliveryTime: m.deliveryTime && isoTime(m.deliveryTime),
    acceptanceTime: m.acceptanceTime && isoTime(m.acceptanceTime),
    hash: m.hash.toString('base64'),
    events: m.events.map((e) => ({ time: isoTime(e.time), code: e.code, description: e.description })),
    files: m.files.map((f) => ({ name: f.name, mimeType: f.mimeType, metaType: f.metaType, size: f.content.length })),
  };
}

/** gMessageEnvelope (dmBaseTypes.xsd), in the XSD's order, with prefix `p:` = the v20 namespace. */
export function envelopeFields(m: StoredMessage): XmlNode {
  return {
    'p:dmID': m.dmId,
    'p:dbIDSender': m.sender.id,
    'p:dmSender': m.sender.name.slice(0, 100),
    'p:dmSenderAddress': nillable(m.sender.address?.slice(0, 100)),
    'p:dmSenderType': String(SENDER_TYPE[m.sender.type]),
    'p:dmRecipient': m.recipient.name.slice(0, 100),
    'p:dmRecipientAddress': nillable(m.recipient.address?.slice(0, 100)),
    'p:dmAmbiguousRecipient': 'false',
    'p:dmSenderOrgUnit': NIL,
    'p:dmSenderOrgUnitNum': NIL,
    'p:dbIDRecipient': m.recipient.id,
    'p:dmRecipientOrgUnit': NIL,
    'p:dmRecipientOrgUnitNum': NIL,
    'p:dmToHands': nillable(m.toHands),
    'p:dmAnnotation': m.annotation,
    'p:dmRecipientRefNumber': nillable(m.recipientRefNumber),
    'p:dmSenderRefNumber': nillable(m.senderRefNumber),
    'p:dmRecipientIdent': nillable(m.recipientIdent),
    'p:dmSenderIdent': nillable(m.senderIdent),
    'p:dmLegalTitleLaw': NIL,
    'p:dmLegalTitleYear': NIL,
    'p:dmLegalTitleSect': NIL,
    'p:dmLegalTitlePar': NIL,
    'p:dmLegalTitlePoint': NIL,
    'p:dmPersonalDelivery': String(m.personalDelivery),
    'p:dmAllowSubstDelivery': String(m.allowSubstDelivery),
  };
}

/**
 * The dmDm element as a self-contained string (its own xmlns declarations), so the very same bytes go into
 * MessageDownload, the ZFO and the hash, as in real ISDS.
 */
export function dmDmXml(m: StoredMessage, withFiles: boolean): string {
  const raw = new RawXml();
  const node: XmlNode = { '@_xmlns:p': NS.isds, '@_xmlns:xsi': NS.xsi, ...envelopeFields(m) };
  if (withFiles) {
    node['p:dmFiles'] = {
      'p:dmFile': m.files.map((f) => ({
        '@_dmMimeType': f.mimeType,
        '@_dmFileMetaType': f.metaType,
        '@_dmFileDescr': f.name,
        ...(f.xmlContent !== undefined
          ? { 'p:dmXMLContent': raw.put(f.xmlContent) }
          : { 'p:dmEncodedContent': raw.put(f.content.toString('base64')) }),
      })),
    };
  }
  return buildXml({ 'p:dmDm': node }, raw);
}

/** dmAttachmentSize: kB of the base64 size (isds.md §2). */
export function attachmentSizeKb(m: StoredMessage): number {
  return Math.ceil(m.files.reduce((n, f) => n + Math.ceil(f.content.length / 3) * 4, 0) / 1024);
}
