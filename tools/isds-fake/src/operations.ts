import type { Signer } from './zfo';
import {
  CODES,
  IsdsError,
  LocalBox,
  LocalFile,
  Store,
  StoredMessage,
  FileMetaType,
  attachmentSizeKb,
  envelopeFields,
  senderStatus,
} from './store';
import { NIL, NS, RawXml, XmlNode, boolOf, buildXml, isoTime, nillable, textOf } from './xml';

/** Which WSDL an endpoint path serves (isds.md §1) and which operations of it the fake implements. */
export const ENDPOINTS = {
  dz: {
    wsdl: 'dm_operations',
    schema: 'dm' as const,
    ops: [
      'CreateMessage',
      'MessageDownload',
      'SignedMessageDownload',
      'SignedSentMessageDownload',
      'DummyOperation',
      'CreateMultipleMessage',
      'AuthenticateMessage',
      'Re-signISDSDocument',
    ],
  },
  dx: {
    wsdl: 'dm_info',
    schema: 'dm' as const,
    ops: [
      'VerifyMessage',
      'MessageEnvelopeDownload',
      'MarkMessageAsDownloaded',
      'GetDeliveryInfo',
      'GetSignedDeliveryInfo',
      'GetListOfSentMessages',
      'GetListOfReceivedMessages',
      'GetMessageStateChanges',
      'GetMessageAuthor',
      'EraseMessage',
      'GetListOfErasedMessages',
      'PickUpAsyncResponse',
      'GetListForNotifications',
      'RegisterForNotifications',
    ],
  },
  df: {
    wsdl: 'db_search',
    schema: 'db' as const,
    ops: [
      'FindDataBox',
      'FindDataBox2',
      'CheckDataBox',
      'GetDataBoxList',
      'PDZInfo',
      'DataBoxCreditInfo',
      'ISDSSearch2',
      'ISDSSearch3',
      'GetDataBoxActivityStatus',
      'FindPersonalDataBox',
      'DTInfo',
      'PDZSendInfo',
    ],
  },
};
export type EndpointName = keyof typeof ENDPOINTS;

export interface OpContext {
  store: Store;
  box: LocalBox;
  /** How the box logged in: a login by the hosted records-service certificate serves with EV13. */
  certificateLogin: boolean;
  signer: Signer;
}

/** An operation's answer: the children of `<OpResponse>` before its status, and the status. */
export interface OpResult {
  children: XmlNode;
  raw?: RawXml;
}

type Handler = (ctx: OpContext, req: XmlNode) => Promise<OpResult> | OpResult;

/** The response element of an operation, with a dmStatus (dm_*) or dbStatus (db_search). */
export function responseBody(
  op: string,
  endpoint: EndpointName,
  code: string,
  message: string,
  children: XmlNode = {},
): XmlNode {
  const status: XmlNode =
    endpoint === 'df'
      ? { 'p:dbStatus': { 'p:dbStatusCode': code, 'p:dbStatusMessage': message } }
      : { 'p:dmStatus': { 'p:dmStatusCode': code, 'p:dmStatusMessage': message } };
  return { [`p:${op}Response`]: { '@_xmlns:p': NS.isds, '@_xmlns:xsi': NS.xsi, ...children, ...status } };
}

function dmId(req: XmlNode): string {
  return textOf(req.dmID) ?? '';
}

function received(ctx: OpContext, id: string): StoredMessage {
  ctx.store.sweep();
  const m = ctx.store.messages.get(id);
  if (!m || m.recipient.id !== ctx.box.id) throw new IsdsError(CODES.noSuchMessage[0], CODES.noSuchMessage[1]);
  return m;
}

function sentOrReceived(ctx: OpContext, id: string): StoredMessage {
  ctx.store.sweep();
  const m = ctx.store.messages.get(id);
  if (!m || (m.recipient.id !== ctx.box.id && m.sender.id !== ctx.box.id))
    throw new IsdsError(CODES.noSuchMessage[0], CODES.noSuchMessage[1]);
  return m;
}

function sent(ctx: OpContext, id: string): StoredMessage {
  ctx.store.sweep();
  const m = ctx.store.messages.get(id);
  if (!m || m.sender.id !== ctx.box.id) throw new IsdsError(CODES.noSuchMessage[0], CODES.noSuchMessage[1]);
  return m;
}

/** Status as the calling box sees it (the sender sees 6 where the recipient sees 7). */
function statusFor(ctx: OpContext, m: StoredMessage): number {
  return m.recipient.id === ctx.box.id ? m.status : senderStatus(m);
}

function time(d: Date | null) {
  return d ? isoTime(d) : NIL;
}

/** The stored dmDm, byte for byte: as an element value its attributes plus its inner text (see RawXml). */
function storedDmDm(m: StoredMessage, raw: RawXml): XmlNode {
  const open = m.dmDmXml.indexOf('>');
  const inner = m.dmDmXml.slice(open + 1, m.dmDmXml.length - '</p:dmDm>'.length);
  return { '@_xmlns:p': NS.isds, '@_xmlns:xsi': NS.xsi, '#text': raw.put(inner) };
}

/** tReturnedMessage's children after dmDm, with element prefix `pre` (p: in SOAP, q: in the ZFO). */
function returnedMessageTail(ctx: OpContext, m: StoredMessage, pre: string): XmlNode {
  return {
    [`${pre}:dmHash`]: { '@_algorithm': 'SHA-256', '#text': m.hash.toString('base64') },
    [`${pre}:dmQTimestamp`]: m.qTimestamp.toString('base64'),
    [`${pre}:dmDeliveryTime`]: time(m.deliveryTime),
    [`${pre}:dmAcceptanceTime`]: time(m.acceptanceTime),
    [`${pre}:dmMessageStatus`]: String(statusFor(ctx, m)),
    [`${pre}:dmAttachmentSize`]: String(attachmentSizeKb(m)),
  };
}

/** tDelivery (delivery info / receipt), prefix `pre` for its own elements. */
function delivery(ctx: OpContext, m: StoredMessage, pre: string): XmlNode {
  return {
    'p:dmDm': envelopeFields(m),
    [`${pre}:dmHash`]: { '@_algorithm': 'SHA-256', '#text': m.hash.toString('base64') },
    [`${pre}:dmQTimestamp`]: m.qTimestamp.toString('base64'),
    [`${pre}:dmDeliveryTime`]: time(m.deliveryTime),
    [`${pre}:dmAcceptanceTime`]: time(m.acceptanceTime),
    [`${pre}:dmMessageStatus`]: String(statusFor(ctx, m)),
    [`${pre}:dmEvents`]: {
      [`${pre}:dmEvent`]: m.events.map((e) => ({
        [`${pre}:dmEventTime`]: isoTime(e.time),
        [`${pre}:dmEventDescr`]: e.description,
      })),
    },
  };
}

/** A ZFO's signed XML: the operation's response in its own namespace (isds.md §3), without dmStatus. */
function zfoXml(root: string, ns: string, body: XmlNode, raw?: RawXml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${buildXml({ [`q:${root}`]: { '@_xmlns:q': ns, '@_xmlns:p': NS.isds, '@_xmlns:xsi': NS.xsi, ...body } }, raw)}`;
}

function signedMessage(ctx: OpContext, m: StoredMessage, ns: string): Promise<Buffer> {
  const raw = new RawXml();
  const xml = zfoXml(
    'MessageDownloadResponse',
    ns,
    {
      'q:dmReturnedMessage': { 'p:dmDm': storedDmDm(m, raw), ...returnedMessageTail(ctx, m, 'q') },
    },
    raw,
  );
  return ctx.signer.sign(Buffer.from(xml, 'utf8'));
}

function timeFilter(v: unknown): Date | null {
  const t = textOf(v);
  return t ? new Date(t) : null;
}

/** dmStatusFilter: Σ 2^status; -1 (or empty) = all (isds.md §1). */
function statusMatches(filter: string | null, status: number): boolean {
  const f = Number(filter ?? '-1');
  if (!Number.isFinite(f) || f === -1 || filter === '') return true;
  return (Math.floor(f / 2 ** status) & 1) === 1;
}

/** Chooses a list's messages: delivery-time window, status filter, offset (from 1) and limit (default 1000). */
function listRecords(
  req: XmlNode,
  messages: StoredMessage[],
  statusOf: (m: StoredMessage) => number,
): { m: StoredMessage; ordinal: number }[] {
  const from = timeFilter(req.dmFromTime);
  const to = timeFilter(req.dmToTime);
  const filter = textOf(req.dmStatusFilter);
  const offset = Math.max(1, Number(textOf(req.dmOffset) || 1));
  const limit = Math.max(0, Number(textOf(req.dmLimit) || 1000));
  return messages
    .filter(
      (m) =>
        m.deliveryTime &&
        (!from || m.deliveryTime >= from) &&
        (!to || m.deliveryTime <= to) &&
        statusMatches(filter, statusOf(m)),
    )
    .sort((a, b) => a.deliveryTime!.getTime() - b.deliveryTime!.getTime() || Number(a.dmId) - Number(b.dmId))
    .slice(offset - 1, offset - 1 + limit)
    .map((m, i) => ({ m, ordinal: offset + i }));
}

/** tRecordsArray of the chosen messages, as the calling box sees them now. */
function records(ctx: OpContext, chosen: { m: StoredMessage; ordinal: number }[]): XmlNode {
  return {
    'p:dmRecords': {
      'p:dmRecord': chosen.map(({ m, ordinal }) => ({
        'p:dmOrdinal': String(ordinal),
        ...envelopeFields(m),
        'p:dmMessageStatus': String(statusFor(ctx, m)),
        'p:dmAttachmentSize': String(attachmentSizeKb(m)),
        'p:dmDeliveryTime': time(m.deliveryTime),
        'p:dmAcceptanceTime': time(m.acceptanceTime),
      })),
    },
  };
}

function filesOf(req: XmlNode): LocalFile[] {
  const files = ((req.dmFiles as XmlNode | undefined)?.dmFile ?? []) as XmlNode[];
  return files.map((f) => {
    const xml = f.dmXMLContent;
    const file: LocalFile & { xmlContent?: string } = {
      name: String(f['@_dmFileDescr'] ?? ''),
      mimeType: String(f['@_dmMimeType'] ?? ''),
      metaType: String(f['@_dmFileMetaType']) as FileMetaType,
      content:
        xml !== undefined
          ? Buffer.from(textOf(xml) ?? '', 'utf8')
          : Buffer.from((textOf(f.dmEncodedContent) ?? '').replace(/\s+/g, ''), 'base64'),
    };
    if (xml !== undefined) file.xmlContent = textOf(xml) ?? '';
    return file;
  });
}

function boxOwnerInfo(b: LocalBox): XmlNode {
  const person = b.type === 'FO';
  const parts = b.name.trim().split(/\s+/);
  return {
    'p:dbID': b.id,
    'p:dbType': b.type,
    'p:ic': NIL,
    'p:pnFirstName': person ? parts.slice(0, -1).join(' ') || b.name : NIL,
    'p:pnMiddleName': NIL,
    'p:pnLastName': person ? parts[parts.length - 1] : NIL,
    'p:pnLastNameAtBirth': NIL,
    'p:firmName': person ? NIL : b.name,
    'p:biDate': NIL,
    'p:biCity': NIL,
    'p:biCounty': NIL,
    'p:biState': NIL,
    'p:adCity': NIL,
    'p:adStreet': nillable(b.address),
    'p:adNumberInStreet': NIL,
    'p:adNumberInMunicipality': NIL,
    'p:adZipCode': NIL,
    'p:adState': 'CZ',
    'p:nationality': NIL,
    'p:identifier': NIL,
    'p:registryCode': NIL,
    'p:dbState': '1',
    'p:dbEffectiveOVM': String(b.type === 'OVM'),
    'p:dbOpenAddressing': 'false',
  };
}

export const HANDLERS: Record<string, Handler> = {
  DummyOperation: () => ({ children: {} }),

  CreateMessage: async (ctx, req) => {
    const env = req.dmEnvelope as XmlNode;
    const m = ctx.store.send(ctx.box, {
      to: textOf(env.dbIDRecipient) ?? '',
      annotation: textOf(env.dmAnnotation) ?? '',
      senderRefNumber: textOf(env.dmSenderRefNumber) ?? undefined,
      senderIdent: textOf(env.dmSenderIdent) ?? undefined,
      recipientRefNumber: textOf(env.dmRecipientRefNumber) ?? undefined,
      recipientIdent: textOf(env.dmRecipientIdent) ?? undefined,
      toHands: textOf(env.dmToHands) ?? undefined,
      personalDelivery: boolOf(env.dmPersonalDelivery) ?? false,
      allowSubstDelivery: boolOf(env.dmAllowSubstDelivery) ?? true,
      files: filesOf(req),
    });
    m.qTimestamp = await ctx.signer.timestamp(m);
    return { children: { 'p:dmID': m.dmId } };
  },

  MessageDownload: (ctx, req) => {
    const m = received(ctx, dmId(req));
    const raw = new RawXml();
    return {
      children: { 'p:dmReturnedMessage': { 'p:dmDm': storedDmDm(m, raw), ...returnedMessageTail(ctx, m, 'p') } },
      raw,
    };
  },

  SignedMessageDownload: async (ctx, req) => {
    const m = received(ctx, dmId(req));
    return { children: { 'p:dmSignature': (await signedMessage(ctx, m, NS.message)).toString('base64') } };
  },

  SignedSentMessageDownload: async (ctx, req) => {
    const m = sent(ctx, dmId(req));
    return { children: { 'p:dmSignature': (await signedMessage(ctx, m, NS.sentMessage)).toString('base64') } };
  },

  MessageEnvelopeDownload: (ctx, req) => {
    const m = received(ctx, dmId(req));
    const tail = returnedMessageTail(ctx, m, 'p');
    return { children: { 'p:dmReturnedMessageEnvelope': { 'p:dmDm': envelopeFields(m), ...tail } } };
  },

  MarkMessageAsDownloaded: (ctx, req) => {
    ctx.store.markRead(received(ctx, dmId(req)));
    return { children: {} };
  },

  /** Is this ZFO genuine (sealed by this ISDS, unchanged)? */
  AuthenticateMessage: (ctx, req) => {
    const document = Buffer.from((textOf(req.dmMessage) ?? '').replace(/\s+/g, ''), 'base64');
    return { children: { 'p:dmAuthResult': String(ctx.signer.issued(document)) } };
  },

  VerifyMessage: (ctx, req) => {
    const m = sentOrReceived(ctx, dmId(req));
    return { children: { 'p:dmHash': { '@_algorithm': 'SHA-256', '#text': m.hash.toString('base64') } } };
  },

  GetDeliveryInfo: (ctx, req) => ({ children: { 'p:dmDelivery': delivery(ctx, sentOrReceived(ctx, dmId(req)), 'p') } }),

  GetSignedDeliveryInfo: async (ctx, req) => {
    const m = sentOrReceived(ctx, dmId(req));
    const zfo = await ctx.signer.sign(
      Buffer.from(zfoXml('GetDeliveryInfoResponse', NS.delivery, { 'q:dmDelivery': delivery(ctx, m, 'q') }), 'utf8'),
    );
    return { children: { 'p:dmSignature': zfo.toString('base64') } };
  },

  GetListOfReceivedMessages: (ctx, req) => {
    ctx.store.sweep();
    // The filter applies to what the box held when it asked; the answer shows the messages as this login left them.
    const chosen = listRecords(req, ctx.store.receivedBy(ctx.box.id), (m) => m.status);
    ctx.store.serveByLogin(ctx.box, ctx.certificateLogin ? 'EV13' : 'EV11');
    return { children: records(ctx, chosen) };
  },

  GetListOfSentMessages: (ctx, req) => {
    ctx.store.sweep();
    return { children: records(ctx, listRecords(req, ctx.store.sentBy(ctx.box.id), senderStatus)) };
  },

  GetMessageStateChanges: (ctx, req) => {
    ctx.store.sweep();
    const from = timeFilter(req.dmFromTime);
    const to = timeFilter(req.dmToTime);
    const changes = ctx.store
      .sentBy(ctx.box.id)
      .flatMap((m) => m.changes.map((c) => ({ m, c })))
      .filter(({ c }) => (!from || c.time >= from) && (!to || c.time <= to))
      .sort((a, b) => a.c.time.getTime() - b.c.time.getTime())
      .map(({ m, c }) => ({
        'p:dmID': m.dmId,
        'p:dmEventTime': isoTime(c.time),
        'p:dmMessageStatus': String(c.status),
      }));
    return { children: { 'p:dmRecords': { 'p:dmRecord': changes } } };
  },

  CheckDataBox: (ctx, req) => {
    const b = ctx.store.boxes.get(textOf(req.dbID) ?? '');
    if (!b) throw new IsdsError(CODES.noBox[0], CODES.noBox[1]);
    return { children: { 'p:dbState': '1' } };
  },

  FindDataBox: (ctx, req) => {
    const q = (req.dbOwnerInfo ?? {}) as XmlNode;
    const id = textOf(q.dbID);
    const type = textOf(q.dbType);
    const name = (
      textOf(q.firmName) || [textOf(q.pnFirstName), textOf(q.pnLastName)].filter(Boolean).join(' ')
    ).toLowerCase();
    const found = [...ctx.store.boxes.values()].filter(
      (b) => (!id || b.id === id) && (!type || b.type === type) && (!name || b.name.toLowerCase().includes(name)),
    );
    if (found.length === 0) throw new IsdsError('0002', 'Nic nebylo nalezeno.');
    if (found.length > 100) throw new IsdsError('0003', 'Příliš mnoho výsledků, upřesněte dotaz.');
    return { children: { 'p:dbResults': { 'p:dbOwnerInfo': found.map(boxOwnerInfo) } } };
  },
};
