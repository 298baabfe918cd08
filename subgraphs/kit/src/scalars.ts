import { GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode, HubError } from './errors';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|([+-])(\d{2}):(\d{2}))$/;

const FORMAT_MESSAGE = 'DateTime must be an ISO 8601 date and time with a time zone, e.g. 2026-03-02T09:15:00+01:00';

/**
 * Every part is checked against its range before Date sees it: Date rolls over (2026-02-30 is 2 March, T24:00:00
 * the next day's midnight) where a register must refuse. Offsets are real ones (at most ±14:00). The message never
 * repeats the value.
 */
function parseDateTime(value: unknown): Date {
  const m = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!m) throw new HubError(ErrorCode.BAD_USER_INPUT, FORMAT_MESSAGE);
  const [y, mo, day, h, mi, sec] = m.slice(1, 7).map(Number);
  const [offH, offM] = m[8] === 'Z' ? [0, 0] : [Number(m[10]), Number(m[11])];
  const roundTrip = new Date(Date.UTC(y, mo - 1, day));
  const dayOk = mo >= 1 && mo <= 12 && roundTrip.getUTCMonth() === mo - 1 && roundTrip.getUTCDate() === day;
  const timeOk = h <= 23 && mi <= 59 && sec <= 59 && offM <= 59 && offH * 60 + offM <= 14 * 60;
  const d = new Date(value as string);
  if (!dayOk || !timeOk || Number.isNaN(d.getTime())) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      'DateTime is not a real instant: the month, day, hour (00–23), minute, second or time zone is out of range',
    );
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
    if (ast.kind !== Kind.STRING) throw new HubError(ErrorCode.BAD_USER_INPUT, FORMAT_MESSAGE);
    return parseDateTime(ast.value);
  },
});
