import {
  IsdsError,
  checkHttpAuth,
  parseAnswer,
  postSoap,
  soapEnvelope,
  type IsdsCredentials,
  type Parsed,
  type XmlNode,
} from './soap';

/**
 * A client of one data box (datová schránka) for what the hub needs: the received list, signed downloads, marking,
 * sending, and following what became of sent messages. Operations per isds.md §1 "Operations", paths per the table
 * there (dm_operations `DS/dz`, dm_info `DS/dx`). One request at a time per box: calls queue behind each other
 * (isds.md §4: a concurrent request on the same account is refused while throttled).
 */
export type AuthMode = 'HOSTED_CERTIFICATE' | 'BASIC';
export const AUTH_MODES: AuthMode[] = ['HOSTED_CERTIFICATE', 'BASIC'];

export interface BoxEndpoint {
  /** `https://ws1c.datovka.gov.cz` (hosted), `https://ws1.datovka.gov.cz` (Basic), or a local ISDS's URL. */
  baseUrl: string;
  authMode: AuthMode;
  boxId: string;
  credentials: IsdsCredentials;
}

/** Where each operation lives (isds.md §1: GetDeliveryInfo/GetSignedDeliveryInfo are in dm_info). */
const SERVICE: Record<string, 'dz' | 'dx'> = {
  CreateMessage: 'dz',
  SignedMessageDownload: 'dz',
  SignedSentMessageDownload: 'dz',
  GetListOfReceivedMessages: 'dx',
  GetListOfSentMessages: 'dx',
  MarkMessageAsDownloaded: 'dx',
  GetMessageStateChanges: 'dx',
  GetDeliveryInfo: 'dx',
  GetSignedDeliveryInfo: 'dx',
};

/** The hosted records-service certificate mode answers under `/hspis`, Basic directly under `/DS` (isds.md §1 a, d). */
export function operationUrl(endpoint: Pick<BoxEndpoint, 'baseUrl' | 'authMode'>, operation: string): string {
  const base = endpoint.baseUrl.replace(/\/+$/, '');
  return `${base}${endpoint.authMode === 'HOSTED_CERTIFICATE' ? '/hspis' : ''}/DS/${SERVICE[operation]}`;
}

/** One received message as listed (tRecord): what is needed to decide whether it is new. */
export interface ListedMessage {
  dmId: string;
  senderBoxId: string | null;
  annotation: string | null;
  status: number;
  deliveredAt: Date | null;
  acceptedAt: Date | null;
  /** dmAttachmentSize: kB of the base64 files. */
  attachmentKb: number | null;
}

export interface StateChange {
  dmId: string;
  at: Date;
  status: number;
}

export interface DeliveryInfo {
  status: number;
  deliveredAt: Date | null;
  acceptedAt: Date | null;
  events: { at: Date; description: string }[];
}

export interface OutgoingFile {
  fileName: string;
  mediaType: string;
  metaType: 'main' | 'enclosure';
  content: Buffer;
}

export interface OutgoingMessage {
  recipientBoxId: string;
  annotation: string;
  senderRefNumber: string | null;
  recipientRefNumber: string | null;
  senderIdent: string | null;
  recipientIdent: string | null;
  toHands: string | null;
  personalDelivery: boolean;
  /** dmAllowSubstDelivery: whether delivery by fiction is allowed (isds.md §4 "Fiction"). */
  allowSubstDelivery: boolean;
  files: OutgoingFile[];
}

export interface ClientOptions {
  timeoutMs?: number;
  maxAnswerBytes?: number;
  /** Called after every request (metrics): operation, outcome, seconds. */
  observe?: (operation: string, outcome: string, seconds: number) => void;
}

const text = (v: unknown): string | null => {
  if (v === undefined || v === null || typeof v === 'object') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};
const time = (v: unknown): Date | null => {
  const s = text(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};
const int = (v: unknown): number | null => {
  const s = text(v);
  return s !== null && /^-?\d+$/.test(s) ? Number(s) : null;
};
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : v ? [v as T] : []);
/** dateTime for a request: UTC, milliseconds. */
const xsTime = (d: Date) => d.toISOString();
const DM_ID = /^\d{1,20}$/;

export class IsdsClient {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;

  constructor(
    readonly endpoint: BoxEndpoint,
    private readonly opts: ClientOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxAnswerBytes = opts.maxAnswerBytes ?? 64 * 1024 * 1024;
  }

  /** Sends one operation after the box's previous one has finished (one request at a time per box). */
  call(operation: string, body: XmlNode): Promise<Parsed> {
    const run = async () => {
      const started = performance.now();
      let outcome = 'ok';
      try {
        const answer = await postSoap(
          operationUrl(this.endpoint, operation),
          soapEnvelope(operation, body),
          this.endpoint.credentials,
          {
            timeoutMs: this.timeoutMs,
            maxAnswerBytes: this.maxAnswerBytes,
          },
        );
        checkHttpAuth(answer.status);
        return parseAnswer(answer.body, operation, answer.status);
      } catch (e) {
        outcome = e instanceof IsdsError ? e.failure.toLowerCase() : 'error';
        throw e;
      } finally {
        this.opts.observe?.(operation, outcome, (performance.now() - started) / 1000);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * GetListOfReceivedMessages for delivery times in [from, to], all statuses, a page at a time (dmOffset from 1).
   * Listing serves the messages legally (isds.md §4 "Legal delivery"): only call it to take them in.
   */
  async listReceived(from: Date, to: Date, offset = 1, limit = 1000): Promise<ListedMessage[]> {
    const answer = await this.call('GetListOfReceivedMessages', {
      dmFromTime: xsTime(from),
      dmToTime: xsTime(to),
      dmRecipientOrgUnitNum: null,
      dmStatusFilter: '-1',
      dmOffset: offset,
      dmLimit: limit,
    });
    const records = list<Parsed>((answer.dmRecords as Parsed | undefined)?.dmRecord);
    return records.flatMap((r) => {
      const dmId = text(r.dmID);
      if (!dmId || !DM_ID.test(dmId)) return [];
      return [
        {
          dmId,
          senderBoxId: text(r.dbIDSender),
          annotation: text(r.dmAnnotation),
          status: int(r.dmMessageStatus) ?? 0,
          deliveredAt: time(r.dmDeliveryTime),
          acceptedAt: time(r.dmAcceptanceTime),
          attachmentKb: int(r.dmAttachmentSize),
        },
      ];
    });
  }

  /** SignedMessageDownload: the received message as ISDS sealed it (ZFO, DER CMS). */
  async signedMessage(dmId: string): Promise<Buffer> {
    return this.signature('SignedMessageDownload', dmId);
  }

  /** GetSignedDeliveryInfo: the sealed delivery receipt (doručenka) of a sent message. */
  async signedDeliveryInfo(dmId: string): Promise<Buffer> {
    return this.signature('GetSignedDeliveryInfo', dmId);
  }

  private async signature(operation: string, dmId: string): Promise<Buffer> {
    const answer = await this.call(operation, { dmID: dmId });
    const b64 = text(answer.dmSignature);
    if (!b64) throw new IsdsError('PROTOCOL', 'NO_SIGNATURE', `${operation}: no dmSignature for ${dmId}`);
    return Buffer.from(b64, 'base64');
  }

  /** MarkMessageAsDownloaded: status 7, so the box's other users see the records service has it. */
  async markDownloaded(dmId: string): Promise<void> {
    await this.call('MarkMessageAsDownloaded', { dmID: dmId });
  }

  /** CreateMessage: sends one ordinary message (the caller has checked the limits); answers its dmID. */
  async createMessage(m: OutgoingMessage): Promise<string> {
    const opt = (v: string | null) => (v ? v : null);
    const answer = await this.call('CreateMessage', {
      dmEnvelope: {
        dmSenderOrgUnit: null,
        dmSenderOrgUnitNum: null,
        dbIDRecipient: m.recipientBoxId,
        dmRecipientOrgUnit: null,
        dmRecipientOrgUnitNum: null,
        dmToHands: opt(m.toHands),
        dmAnnotation: m.annotation,
        dmRecipientRefNumber: opt(m.recipientRefNumber),
        dmSenderRefNumber: opt(m.senderRefNumber),
        dmRecipientIdent: opt(m.recipientIdent),
        dmSenderIdent: opt(m.senderIdent),
        dmLegalTitleLaw: null,
        dmLegalTitleYear: null,
        dmLegalTitleSect: null,
        dmLegalTitlePar: null,
        dmLegalTitlePoint: null,
        dmPersonalDelivery: m.personalDelivery,
        dmAllowSubstDelivery: m.allowSubstDelivery,
      },
      dmFiles: {
        dmFile: m.files.map((f) => ({
          '@_dmMimeType': f.mediaType,
          '@_dmFileMetaType': f.metaType,
          '@_dmFileDescr': f.fileName,
          dmEncodedContent: f.content.toString('base64'),
        })),
      },
    });
    const dmId = text(answer.dmID);
    if (!dmId || !DM_ID.test(dmId)) throw new IsdsError('PROTOCOL', 'NO_DMID', 'CreateMessage: no dmID in the answer');
    return dmId;
  }

  /** GetListOfSentMessages in [from, to]: finds a message whose sending was interrupted before its dmID was recorded. */
  async listSent(
    from: Date,
    to: Date,
  ): Promise<(ListedMessage & { recipientBoxId: string | null; senderRefNumber: string | null })[]> {
    const answer = await this.call('GetListOfSentMessages', {
      dmFromTime: xsTime(from),
      dmToTime: xsTime(to),
      dmSenderOrgUnitNum: null,
      dmStatusFilter: '-1',
      dmOffset: 1,
      dmLimit: 1000,
    });
    return list<Parsed>((answer.dmRecords as Parsed | undefined)?.dmRecord).flatMap((r) => {
      const dmId = text(r.dmID);
      if (!dmId || !DM_ID.test(dmId)) return [];
      return [
        {
          dmId,
          senderBoxId: text(r.dbIDSender),
          annotation: text(r.dmAnnotation),
          status: int(r.dmMessageStatus) ?? 0,
          deliveredAt: time(r.dmDeliveryTime),
          acceptedAt: time(r.dmAcceptanceTime),
          attachmentKb: int(r.dmAttachmentSize),
          recipientBoxId: text(r.dbIDRecipient),
          senderRefNumber: text(r.dmSenderRefNumber),
        },
      ];
    });
  }

  /** GetMessageStateChanges: the box's sent messages whose status changed in [from, to] (isds.md §1: 2→4, 4→5/6/8). */
  async stateChanges(from: Date, to: Date): Promise<StateChange[]> {
    const answer = await this.call('GetMessageStateChanges', { dmFromTime: xsTime(from), dmToTime: xsTime(to) });
    return list<Parsed>((answer.dmRecords as Parsed | undefined)?.dmRecord).flatMap((r) => {
      const dmId = text(r.dmID);
      const at = time(r.dmEventTime);
      const status = int(r.dmMessageStatus);
      return dmId && at && status !== null ? [{ dmId, at, status }] : [];
    });
  }

  /** GetDeliveryInfo: a sent message's status, delivery and acceptance (legal delivery) times and events. */
  async deliveryInfo(dmId: string): Promise<DeliveryInfo> {
    const answer = await this.call('GetDeliveryInfo', { dmID: dmId });
    const d = answer.dmDelivery as Parsed | undefined;
    if (!d || typeof d !== 'object')
      throw new IsdsError('PROTOCOL', 'NO_DELIVERY', `GetDeliveryInfo: no dmDelivery for ${dmId}`);
    return {
      status: int(d.dmMessageStatus) ?? 0,
      deliveredAt: time(d.dmDeliveryTime),
      acceptedAt: time(d.dmAcceptanceTime),
      events: list<Parsed>((d.dmEvents as Parsed | undefined)?.dmEvent).flatMap((e) => {
        const at = time(e.dmEventTime);
        return at ? [{ at, description: text(e.dmEventDescr) ?? '' }] : [];
      }),
    };
  }
}
