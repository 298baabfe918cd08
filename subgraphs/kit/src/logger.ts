import pino, { type DestinationStream, type Logger } from 'pino';
import { hubBuilding } from './config';
import { currentRequestId, currentRequestService } from './request-id';

/**
 * The one structured logger of every hub process (JSON lines on stderr, pino). Child loggers name the component:
 * `logger.child({ component: 'outbox' })`.
 *
 * Redaction is by key, wherever it appears in a logged object: secrets, hashes, tokens, assertions, SQL parameters.
 * Errors must be logged without bound SQL values in the first place (`describeError` below, used for every `err`);
 * redaction is the second line.
 *
 * Level: HUB_LOG_LEVEL (default `info`). Under NODE_ENV=test nothing is written unless HUB_LOG_ERRORS is set or a
 * test captures the lines (`captureLogs`).
 */
export const REDACTED_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'secret',
  'secretHash',
  'secret_hash',
  'token',
  'authorization',
  'x-hub-caller',
  'x-hub-service',
  'params',
  'bindings',
  'sql',
  'query',
  'sqlMessage',
];

/** Which process wrote a line: HUB_SERVICE_NAME, or what the process entry sets (setServiceName). */
let serviceName: string | undefined = process.env.HUB_SERVICE_NAME;

/** Called by the process entries (subgraph main, gateway main): every later line carries `service`. */
export function setServiceName(name: string) {
  serviceName = process.env.HUB_SERVICE_NAME || name;
}

function defaultLevel(env: NodeJS.ProcessEnv): string {
  return env.HUB_LOG_LEVEL || 'info';
}

/** Tests run quietly; a test that wants the lines captures them, an operator debugging a test sets HUB_LOG_ERRORS. */
const quietByDefault = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'test' && !env.HUB_LOG_ERRORS;

/**
 * Where the process logger writes. It is a level of indirection so that a test can capture the real lines of code
 * that logs through `logger` (module-level child loggers included: pino children share their parent's stream).
 */
class SwitchableDestination implements DestinationStream {
  target: DestinationStream | null;
  constructor(target: DestinationStream | null) {
    this.target = target;
  }
  write(line: string) {
    this.target?.write(line);
  }
}

export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  return pino(
    {
      level: defaultLevel(env),
      // The building (HUB_BUILDING) on every line: after a failover the logs say which building served.
      base: { pid: process.pid, ...(hubBuilding(env) ? { building: hubBuilding(env) } : {}) },
      // A mixin, not a binding: module-level child loggers exist before the entry point names the process. The
      // request id comes from the request being served (request-id.ts), whichever module logs.
      mixin: () => {
        const requestId = currentRequestId();
        const service = currentRequestService() ?? serviceName;
        return { ...(service ? { service } : {}), ...(requestId ? { requestId } : {}) };
      },
      redact: {
        paths: REDACTED_KEYS.flatMap((k) => {
          const key = /^\w+$/.test(k) ? k : `["${k}"]`;
          const join = key.startsWith('[') ? '' : '.';
          return [key, `*${join}${key}`, `*.*${join}${key}`];
        }),
        censor: '[redacted]',
      },
      // Every `err` goes through describeError: class, codes and frames, never a driver message with bound values.
      serializers: { err: describeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Synchronous: a process that exits right after logging (failed start) still gets its last line out.
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

const processDestination = new SwitchableDestination(
  quietByDefault(process.env) ? null : pino.destination({ fd: 2, sync: true }),
);

export const logger: Logger = createLogger(process.env, processDestination);
export type { Logger };

/**
 * Captures what the process logger writes until `stop()` (tests): parsed JSON lines, and the raw text to search
 * for values that must never appear.
 */
export function captureLogs(): { lines: Record<string, unknown>[]; text(): string; stop(): void } {
  const previous = processDestination.target;
  const raw: string[] = [];
  processDestination.target = { write: (line: string) => void raw.push(line) };
  return {
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
    stop() {
      processDestination.target = previous;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Errors without bound values

/** Longest statement kept in a log line; the start says which statement it was. */
const MAX_STATEMENT = 1_000;
const MAX_MESSAGE = 1_000;

/**
 * The SQL text with every literal replaced by `?`: quoted strings ('…', "…", with '' and backslash escapes; an
 * unterminated one swallows the rest), hex and numeric literals. Identifiers in backticks stay. MikroORM inlines
 * bound values into the statement it sends (platform.formatQuery), and knex puts that statement into the driver
 * error's message, so this is what makes a failed INSERT of a user loggable without its password hash.
 */
export function scrubSql(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === c) {
          if (text[j + 1] === c) j++;
          else break;
        }
      }
      out += '?';
      i = j + 1;
    } else {
      // A number that is not part of an identifier (t1, col_2, `x`.`y3`), hex 0x…, or a run of anything else.
      const m = /^(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(text.slice(i, i + 64));
      const prev = out[out.length - 1] ?? '';
      if (m && !/[\w$]/.test(prev)) {
        out += '?';
        i += m[0].length;
        while (i < text.length && /[\w$]/.test(text[i])) i++;
      } else {
        out += c;
        i++;
      }
    }
  }
  return out;
}

const SQL_TEXT =
  /\b(select|insert|update|delete|replace|create|alter|drop|pragma|set|with)\b[\s\S]*\b(from|into|set|values|table|where|index|trigger|session|=)\b/i;

/** Free text that may quote a statement (a driver's or knex's warning): scrubbed like a statement when it looks like SQL. */
export function scrubIfSql(text: string): string {
  return SQL_TEXT.test(text) ? scrubSql(text) : text;
}

/** A driver or SQL error: its message may carry the statement with bound values, or a value (Duplicate entry 'x'). */
function isDatabaseError(e: Record<string, unknown>, message: string): boolean {
  return (
    'sqlState' in e ||
    'sqlMessage' in e ||
    'sql' in e ||
    'errno' in e ||
    (typeof e.code === 'string' && /^(SQLITE_|ER_|LIBSQL)/.test(e.code)) ||
    /Exception$|^SqliteError$|^LibsqlError$/.test(String(e.name ?? '')) ||
    SQL_TEXT.test(message)
  );
}

export interface ErrorDescription {
  type: string;
  message: string;
  code?: string | number;
  errno?: number;
  sqlState?: string;
  /** The failing statement with every literal replaced by `?` (database errors only). */
  statement?: string;
  /** Stack frames only (`at …` lines): the first line of a stack repeats the message. */
  stack?: string;
  cause?: ErrorDescription;
}

const bounded = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);
const frames = (stack: unknown) =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter((l) => l.trim().startsWith('at '))
        .join('\n')
    : undefined;

/**
 * What the logs say about an error: for database errors (MikroORM DriverException, mysql2, libsql, knex) the class,
 * code/errno/sqlState, the statement with values replaced by `?`, and the driver's reason with any quoted value
 * replaced by `?` — never the bound values. Other errors keep their message (bounded). The pino `err` serializer.
 */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return { type: typeof error, message: bounded(String(error), MAX_MESSAGE) };
  }
  const e = error as Error & Record<string, unknown>;
  const message = String(e.message ?? '');
  const d: ErrorDescription = {
    type: e.constructor?.name && e.constructor.name !== 'Object' ? e.constructor.name : String(e.name ?? 'Error'),
    message: '',
  };
  if (isDatabaseError(e, message)) {
    if (typeof e.code === 'string' || typeof e.code === 'number') d.code = e.code;
    if (typeof e.errno === 'number') d.errno = e.errno;
    if (typeof e.sqlState === 'string') d.sqlState = e.sqlState;
    // knex writes "<statement> - <driver reason>"; mysql2 also keeps the statement in `sql`.
    const split = message.lastIndexOf(' - ');
    const statement = typeof e.sql === 'string' ? e.sql : split > 0 ? message.slice(0, split) : undefined;
    const reason = typeof e.sqlMessage === 'string' ? e.sqlMessage : split > 0 ? message.slice(split + 3) : message;
    if (statement) d.statement = bounded(scrubSql(statement), MAX_STATEMENT);
    d.message = bounded(scrubSql(reason), MAX_MESSAGE);
  } else {
    d.message = bounded(message, MAX_MESSAGE);
    if (e.code !== undefined && (typeof e.code === 'string' || typeof e.code === 'number')) d.code = e.code;
  }
  d.stack = frames(e.stack);
  if (e.cause !== undefined && depth < 3) d.cause = describeError(e.cause, depth + 1);
  return d;
}
