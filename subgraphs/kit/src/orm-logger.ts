import type { LogContext, Logger as OrmLogger, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import { logger, scrubIfSql, scrubSql } from './logger';

/** ANSI colour codes MikroORM puts into its messages (colors.green etc.), useless in JSON lines. */
// eslint-disable-next-line no-control-regex -- the escape character starts the codes being removed
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * MikroORM's logger, writing through the hub's pino logger (component `orm`). Namespaces as MikroORM's own
 * (`debug` option: HUB_SQL_DEBUG=1 enables `query`, `schema`, `discovery`, `info`), except `query-params`, which is
 * never enabled: with it MikroORM logs each statement with its bound values inlined (passwords' hashes, API
 * client secrets' hashes). Queries are logged as MikroORM prepared them (placeholders, `?`), scrubbed once more in
 * case a caller inlined literals itself, and never with `params`.
 */
export class PinoOrmLogger implements OrmLogger {
  private debugMode: boolean | LoggerNamespace[];
  private readonly out = logger.child({ component: 'orm' });

  constructor(private readonly options: LoggerOptions) {
    this.debugMode = options.debugMode ?? false;
  }

  static create = (options: LoggerOptions) => new PinoOrmLogger(options);

  log(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace as LoggerNamespace, context)) return;
    const level = context?.level === 'error' ? 'error' : context?.level === 'warning' ? 'warn' : 'info';
    // A message quoting a statement (schema diffs, a driver's warning) loses its literals like a logged query.
    this.out[level](
      { namespace, label: context?.label },
      scrubIfSql(message.replace(ANSI, '').replace(/\s+/g, ' ').trim()),
    );
  }

  error(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'error' });
  }

  warn(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'warning' });
  }

  logQuery(context: LogContext): void {
    if (!this.isEnabled('query', context)) return;
    const level = context.level === 'error' ? 'error' : context.level === 'warning' ? 'warn' : 'info';
    // Only what describes the statement: not `params` (bound values), not the results.
    this.out[level](
      {
        namespace: 'query',
        statement: scrubSql(String(context.query ?? '').replace(ANSI, '')),
        took: context.took,
        results: context.results,
        affected: context.affected,
      },
      'sql',
    );
  }

  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    this.debugMode = debugMode;
  }

  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    // Never: the statements with bound values inlined.
    if (namespace === 'query-params') return false;
    if (namespace === 'deprecated') {
      const ignore = this.options.ignoreDeprecations ?? false;
      return Array.isArray(ignore) ? !ignore.includes(context?.label ?? '') : !ignore;
    }
    if (context?.enabled !== undefined) return context.enabled;
    const mode = context?.debugMode ?? this.debugMode;
    return !!mode && (!Array.isArray(mode) || mode.includes(namespace));
  }
}

/** The MikroORM `debug` namespaces for HUB_SQL_DEBUG=1: everything but `query-params`. */
export const ORM_DEBUG_NAMESPACES: LoggerNamespace[] = ['query', 'schema', 'discovery', 'info'];
