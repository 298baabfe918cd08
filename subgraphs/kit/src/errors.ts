import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from './logger';

const infraLog = logger.child({ component: 'errors' });

/**
 * Stable `extensions.code` values. Clients branch on these, so they are a contract:
 * add new ones, never rename. Listed in the README.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A file of a type the hub refuses (detected from its bytes or declared; HUB_REFUSED_MEDIA_TYPES); HTTP 415, nothing stored. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An upload would take the municipality's stored backup sets past its quota (HTTP 413); `extensions.limit` is the quota. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The municipality is a backup-only tenant: it has no registers, users or records of its own. */
  BACKUP_ONLY_MUNICIPALITY: 'BACKUP_ONLY_MUNICIPALITY',
  /** The operation is over a cost, alias, token or directive limit of the gateway; `extensions.limit` names it. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The gateway runs in safelist mode (HUB_OPERATION_SAFELIST) and the operation is not registered there. */
  OPERATION_NOT_ALLOWED: 'OPERATION_NOT_ALLOWED',
  /** The request ran over its time budget and was stopped; nothing it would have written is kept. */
  TIMEOUT: 'TIMEOUT',
  /** Too many attempts (e.g. sign-in); `extensions.retryAfter` says in how many seconds to try again. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** A service or the database is unreachable or saturated; retryable, `extensions.retryAfter` (seconds) when known. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo Server itself emits for malformed requests; safe to show as they are. */
const APOLLO_PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
/**
 * Extensions a client may rely on besides `code`: the input field at fault, the id not found, when to retry, which
 * limit, and `problems` (a document refused as a whole, e.g. the archive's Seznam: every `{ identifier, code?, reason }`).
 */
const PUBLIC_EXTENSIONS = ['field', 'id', 'retryAfter', 'limit', 'problems'] as const;
export const MAX_PROBLEMS = 500;
const PROBLEM_CODE = /^[A-Z][A-Z0-9_]{0,49}$/;

/** `problems` as a client gets it: at most MAX_PROBLEMS, the echoed identifiers bounded like `id`. */
function publicProblems(value: unknown): unknown {
  if (!Array.isArray(value)) return undefined;
  return value.slice(0, MAX_PROBLEMS).map((p: { identifier?: unknown; reason?: unknown; code?: unknown }) => ({
    identifier: typeof p?.identifier === 'string' ? excerpt(p.identifier) : null,
    // A stable per-problem code (e.g. the transfer confirmation's NOT_KEPT) when the refusal has one: clients branch
    // on it, not on the reason's words. Only our own upper-case codes pass, so nothing else can ride along.
    ...(typeof p?.code === 'string' && PROBLEM_CODE.test(p.code) ? { code: p.code } : {}),
    reason: boundMessage(String(p?.reason ?? '')),
  }));
}
const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), ...APOLLO_PUBLIC_CODES]);

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  QUOTA_EXCEEDED: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** Longest error message a client gets; longer ones (input echoed back) are cut. */
export const MAX_ERROR_MESSAGE_LENGTH = 300;
/** Longest run of non-space characters in an error message: an echoed value is shown as an excerpt of this length. */
export const MAX_ECHOED_INPUT_LENGTH = 64;

const LONG_WORD = new RegExp(`\\S{${MAX_ECHOED_INPUT_LENGTH + 1},}`, 'g');

/** A value as an error message may show it: at most `max` characters, then `…`. */
export function excerpt(value: unknown, max = MAX_ECHOED_INPUT_LENGTH): string {
  const s = String(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * An error message bounded centrally, because many messages interpolate what the client sent (ids, codes, days)
 * and graphql-js's own coercion and syntax messages quote values whole: a 100 KB value must not come back as a
 * 100 KB message. Every run of more than MAX_ECHOED_INPUT_LENGTH non-space characters becomes an excerpt, and the
 * message is cut at MAX_ERROR_MESSAGE_LENGTH. Messages written for people stay as they are (their words are short).
 */
export function boundMessage(message: string): string {
  const words = message.replace(LONG_WORD, (w) => excerpt(w));
  return words.length > MAX_ERROR_MESSAGE_LENGTH ? `${words.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…` : words;
}

/** An error whose message is written for the client. Anything else is masked. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(boundMessage(message), { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Sign in first: this operation needs a valid token') =>
  new HubError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this') => new HubError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) =>
  new HubError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });
export const badInput = (message: string, field?: string) =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const conflict = (message: string) => new HubError(ErrorCode.CONFLICT, message);
/** A backup-only municipality (issue 12) asked for users, registers or records: it keeps only backup sets here. */
export const backupOnlyMunicipality = (abbreviation: string) =>
  new HubError(
    ErrorCode.BACKUP_ONLY_MUNICIPALITY,
    `Municipality ${abbreviation} is a backup-only tenant: it has no users or registers of its own, only its backup client`,
    { field: 'municipalityId' },
  );

/** HTTP status a request-level error (one that stops the whole request) should carry. */
export function httpStatusOf(code: string): number {
  return HTTP_STATUS[code as ErrorCode] ?? (code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : 400);
}

/**
 * Apollo `formatError` for every server (subgraphs and gateway): our own errors and Apollo's request
 * errors pass; anything else (SQL, driver, bugs) becomes a generic message. The original is logged
 * server-side so operators can still find it.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void = logInternal) {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    // Only the documented extensions: not stack traces, nor which subgraph answered (gateway's serviceName).
    const extensions: Record<string, unknown> = { code };
    for (const key of PUBLIC_EXTENSIONS) {
      const value = key === 'problems' ? publicProblems(formatted.extensions?.[key]) : formatted.extensions?.[key];
      // `id` and `field` may carry what the client sent (an id that was not found): bounded like messages.
      if (value !== undefined) extensions[key] = typeof value === 'string' ? excerpt(value) : value;
    }
    return {
      message: boundMessage(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions,
    };
  }
  // The database unreachable or saturated, a request over its time budget: not a bug, and the client should know.
  const infra = infrastructureErrorOf(error);
  if (infra) {
    logInfrastructure(infra, error);
    return { message: infra.message, path: formatted.path, extensions: { ...infra.extensions } };
  }
  // Errors already masked by a subgraph arrive at the gateway as INTERNAL_SERVER_ERROR with our text.
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && formatted.message === INTERNAL_MESSAGE) {
    return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code } };
  }
  log(error);
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export const INTERNAL_MESSAGE = 'Internal server error';

const internalLog = logger.child({ component: 'graphql' });

/** The masked error, for operators: described without bound SQL values (logger.ts, describeError). */
function logInternal(e: unknown) {
  const original = e instanceof GraphQLError && e.originalError ? e.originalError : e;
  internalLog.error(
    { err: original, path: e instanceof GraphQLError ? e.path?.join('.') : undefined },
    'internal error',
  );
}

/** Seconds to wait before retrying when the database is saturated (pool exhausted, lock waits) or unreachable. */
export const RETRY_AFTER_SATURATED_SECONDS = 1;
export const RETRY_AFTER_UNREACHABLE_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = 'A hub service is temporarily unavailable: try again shortly';
export const TIMEOUT_MESSAGE = 'The request took too long and was stopped; nothing it would have changed was kept';

/** Node socket errors and mysql2's own codes for a connection that could not be made or was lost. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  // SQLite: the file cannot be opened, read or written (disk, permissions, I/O).
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);
/**
 * MariaDB server errors that mean "not now" rather than "wrong": too many connections (1040, 1203), shutdown in
 * progress (1053), connection killed (1927), client-side can't connect / gone away / lost (2002, 2003, 2006, 2013);
 * lock wait timeout and deadlock (1205, 1213) once transaction.ts has given up retrying.
 */
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 1203, 1927, 2002, 2003, 2006, 2013]);
const SATURATED_ERRNOS = new Set([1205, 1213]);
/** The statement was cancelled by the request's time budget (KILL QUERY: 1317) or MariaDB's max_statement_time (1969). */
const TIMEOUT_ERRNOS = new Set([1317, 1969]);

/** The fields of a driver's or a wrapper's error that classification reads (any of them may be missing). */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  originalError?: ErrorLike;
  cause?: ErrorLike;
}

/**
 * Classifies an error from the database layer (through GraphQL's originalError, MikroORM's DriverException, which
 * copies the driver's code/errno, and `cause`): SERVICE_UNAVAILABLE with `retryAfter` for an unreachable or saturated
 * database, TIMEOUT for a request stopped by its time budget (budget.ts), null for anything else (a bug: masked).
 */
export function infrastructureErrorOf(error: unknown): HubError | null {
  const seen = new Set<unknown>();
  for (let e = error as ErrorLike | undefined; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : undefined;
    const errno = typeof e.errno === 'number' ? e.errno : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    if (code === 'HUB_REQUEST_TIMEOUT' || (errno !== undefined && TIMEOUT_ERRNOS.has(errno))) {
      return new HubError(ErrorCode.TIMEOUT, TIMEOUT_MESSAGE);
    }
    // knex: no free connection within HUB_DB_ACQUIRE_TIMEOUT_MS; SQLite: still locked after the busy timeout.
    if (
      e.name === 'KnexTimeoutError' ||
      /Timeout acquiring a connection/.test(message) ||
      (errno !== undefined && SATURATED_ERRNOS.has(errno)) ||
      code === 'SQLITE_BUSY' ||
      code === 'SQLITE_LOCKED' ||
      /database is locked/.test(message)
    ) {
      return new HubError(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, {
        retryAfter: RETRY_AFTER_SATURATED_SECONDS,
      });
    }
    if (
      (code && (UNREACHABLE_CODES.has(code) || /^SQLITE_IOERR/.test(code))) ||
      (errno !== undefined && UNREACHABLE_ERRNOS.has(errno)) ||
      /connection is in closed state|Connection lost: The server closed the connection/.test(message)
    ) {
      return new HubError(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, {
        retryAfter: RETRY_AFTER_UNREACHABLE_SECONDS,
      });
    }
    e = e.originalError ?? e.cause;
  }
  return null;
}

/** What an operator needs to see an outage in the log: the kind and the driver's codes, never a message with values. */
function logInfrastructure(infra: HubError, error: unknown) {
  let e = error as ErrorLike | undefined;
  while (e?.originalError) e = e.originalError;
  const level = infra.extensions.code === ErrorCode.TIMEOUT ? 'info' : 'warn';
  infraLog[level](
    { code: infra.extensions.code, error: { name: e?.name, code: e?.code, errno: e?.errno, sqlState: e?.sqlState } },
    'request refused: database unavailable or over time budget',
  );
}
