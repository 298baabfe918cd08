import pino, { type Logger } from 'pino';

/**
 * The one structured logger of every hub process (JSON lines on stderr, pino). Child loggers name the component:
 * `logger.child({ component: 'outbox' })`.
 *
 * Redaction is by key, wherever it appears in a logged object: secrets, hashes, tokens, assertions, SQL parameters.
 * Errors must be logged without bound SQL values in the first place; redaction is the second line.
 *
 * Level: HUB_LOG_LEVEL (default `info`; `silent` under NODE_ENV=test unless HUB_LOG_ERRORS is set).
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

function defaultLevel(env: NodeJS.ProcessEnv): string {
  if (env.HUB_LOG_LEVEL) return env.HUB_LOG_LEVEL;
  if (env.NODE_ENV === 'test' && !env.HUB_LOG_ERRORS) return 'silent';
  return 'info';
}

export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: defaultLevel(env),
      base: { pid: process.pid, service: env.HUB_SERVICE_NAME },
      redact: {
        paths: REDACTED_KEYS.flatMap((k) => {
          const key = /^\w+$/.test(k) ? k : `["${k}"]`;
          const join = key.startsWith('[') ? '' : '.';
          return [key, `*${join}${key}`, `*.*${join}${key}`];
        }),
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Synchronous: a process that exits right after logging (failed start) still gets its last line out.
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

export const logger: Logger = createLogger();
export type { Logger };
