import type { SqlEntityManager } from '@mikro-orm/knex';
import { scopeToTenant } from '@hub/kit';
import { GENESIS_HASH } from './chain';
import { addDays, czechDay, czechDayRange } from './days';
import { LogEntry } from './log-entry.entity';
import { renditionHashOf, sha256Hex } from './rendition';
import { LogRendition } from './rendition.entity';
import { ED25519, keyIdOfPem, verifySeal } from './seal';

/** The rendition part of `AuditLogVerification` (schema/filing.graphql). */
export interface RenditionVerification {
  ok: boolean;
  renditionsChecked: number;
  /** The first day whose rendition is missing, changed or out of chain. */
  firstBadRenditionDay: string | null;
  renditionProblem: string | null;
}

const PAGE = 100;

/**
 * Recomputes the chain of a municipality's daily renditions, oldest first, and names the first day that is wrong:
 * - the days run without a hole from the day of the first log entry (a missing day is named itself);
 * - each `prevRenditionHash` is the previous day's `renditionHash` (GENESIS for the first) and each
 *   `renditionHash` recomputes;
 * - `sha256` is the hash of the stored XML, and the seal over it verifies with one of `publicKeysPem` (the keys
 *   the platform trusts: a seal made with any other key counts as broken);
 * - the row agrees with the sealed XML (period, number of events, first and last `Poradi`), and the poradi ranges
 *   follow each other without a gap (day N starts at the last poradi of the latest non-empty day before it + 1).
 * Days not yet fixed at the end are not a problem: the scheduler adds them.
 */
export async function verifyRenditions(
  em: SqlEntityManager,
  municipalityId: string,
  publicKeysPem: readonly string[],
): Promise<RenditionVerification> {
  const keys = new Map(publicKeysPem.map((pem) => [keyIdOfPem(pem), pem]));
  const fork = () => scopeToTenant(em.fork({ clear: true }), municipalityId);
  const first = await fork().findOne(LogEntry, {}, { orderBy: { poradi: 'asc' }, fields: ['recordedAt'] });
  let expectedDay = first ? czechDay(first.recordedAt) : null;
  let prevHash = GENESIS_HASH;
  let lastPoradi: number | null = null;
  let checked = 0;
  let after = '';
  const bad = (day: string, problem: string): RenditionVerification => ({
    ok: false,
    renditionsChecked: checked,
    firstBadRenditionDay: day,
    renditionProblem: problem,
  });

  for (;;) {
    const page = await fork().find(
      LogRendition,
      { day: { $gt: after } },
      { orderBy: { day: 'asc' }, limit: PAGE, populate: ['xml'] },
    );
    for (const r of page) {
      if (expectedDay === null) expectedDay = r.day; // renditions without any entry left to date them from
      if (r.day < expectedDay)
        return bad(r.day, `rendition of ${r.day} precedes the log, which begins on ${expectedDay}`);
      if (r.day > expectedDay)
        return bad(expectedDay, `rendition of ${expectedDay} is missing (the next one is of ${r.day})`);
      if (r.prevRenditionHash !== prevHash) {
        return bad(
          r.day,
          prevHash === GENESIS_HASH && checked === 0
            ? 'prevRenditionHash is not GENESIS although this is the first rendition (earlier days are missing)'
            : "prevRenditionHash is not the previous day's renditionHash",
        );
      }
      if (renditionHashOf(r) !== r.renditionHash)
        return bad(r.day, 'renditionHash does not match the rendition (a field was changed)');
      const bytes = Buffer.from(r.xml, 'utf8');
      if (sha256Hex(bytes) !== r.sha256)
        return bad(r.day, 'sha256 does not match the stored XML (the XML was changed)');
      const key = keys.get(r.keyId);
      if (!key) return bad(r.day, `sealed with key ${r.keyId}, which is not a key the platform trusts`);
      if (r.signatureAlgorithm !== ED25519 || !verifySeal(bytes, r.signature, key))
        return bad(r.day, 'the seal does not verify');
      const contentProblem = checkAgainstXml(r);
      if (contentProblem) return bad(r.day, contentProblem);
      if (r.entryCount > 0) {
        if (lastPoradi !== null && r.fromPoradi !== lastPoradi + 1) {
          return bad(
            r.day,
            `poradi ${lastPoradi + 1}–${r.fromPoradi! - 1} are in no rendition (the latest non-empty day before ends at ${lastPoradi}, this one starts at ${r.fromPoradi})`,
          );
        }
        lastPoradi = r.toPoradi;
      }
      prevHash = r.renditionHash;
      expectedDay = addDays(r.day, 1);
      after = r.day;
      checked++;
    }
    if (page.length < PAGE) break;
  }
  return { ok: true, renditionsChecked: checked, firstBadRenditionDay: null, renditionProblem: null };
}

const tag = (xml: string, name: string) => new RegExp(`<tp:${name}>([^<]*)</tp:${name}>`).exec(xml)?.[1] ?? null;

/** The row's period, count and poradi range as the sealed XML states them (so a changed row shows). */
function checkAgainstXml(r: LogRendition): string | null {
  const { start, end } = czechDayRange(r.day);
  if (
    tag(r.xml, 'DatumCasOd') !== start.toISOString() ||
    tag(r.xml, 'DatumCasDo') !== new Date(end.getTime() - 1).toISOString()
  ) {
    return `the XML does not cover the day ${r.day}`;
  }
  const poradi = [...r.xml.matchAll(/<tp:Poradi>(\d+)<\/tp:Poradi>/g)].map((m) => Number(m[1]));
  const fromXml = {
    entryCount: poradi.length,
    fromPoradi: poradi[0] ?? null,
    toPoradi: poradi.length ? poradi[poradi.length - 1] : null,
  };
  if (fromXml.entryCount !== r.entryCount || fromXml.fromPoradi !== r.fromPoradi || fromXml.toPoradi !== r.toPoradi) {
    return `entryCount/fromPoradi/toPoradi (${r.entryCount}, ${r.fromPoradi}–${r.toPoradi}) differ from the XML (${fromXml.entryCount}, ${fromXml.fromPoradi}–${fromXml.toPoradi})`;
  }
  return null;
}

/** `AuditLogVerification`: the entry chain's result (verify.ts) and the renditions' combined; ok only if both are. */
export function withRenditionCheck<E extends { ok: boolean }>(entries: E, renditions: RenditionVerification) {
  return {
    ...entries,
    ok: entries.ok && renditions.ok,
    renditionsChecked: renditions.renditionsChecked,
    firstBadRenditionDay: renditions.firstBadRenditionDay,
    renditionProblem: renditions.renditionProblem,
  };
}
