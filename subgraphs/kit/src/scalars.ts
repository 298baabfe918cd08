import { GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode, HubError } from './errors';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      'DateTime must be an ISO 8601 date and time with a time zone, e.g. 2026-03-02T09:15:00+01:00',
    );
  }
  const d = new Date(value);
  const [, y, mo, day] = ISO_DATE_TIME.exec(value)!;
  // Date accepts 2026-02-30 and rolls over; a register must not.
  const roundTrip = new Date(Date.UTC(+y, +mo - 1, +day));
  if (Number.isNaN(d.getTime()) || roundTrip.getUTCMonth() !== +mo - 1 || roundTrip.getUTCDate() !== +day) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `${value} is not a valid date`);
  }
  return d;
}

/** Instants, exchanged as ISO 8601 with a time zone and returned in UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with a time zone, e.g. 2026-03-02T09:15:00+01:00',
  serialize: (v) => (v instanceof Date ? v : new Date(v as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new HubError(ErrorCode.BAD_USER_INPUT, 'DateTime must be a string');
    return parseDateTime(ast.value);
  },
});
