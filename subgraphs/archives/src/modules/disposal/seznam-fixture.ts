import { NSESSS_NS } from './decision';

/** Test tooling: an archive's decision `Seznam` (nsesss-DA.xsd), valid against the XSD (disposal.test.ts checks it with xmllint). */
export interface FixtureEntity {
  pid: string;
  /** nsesss-DA `tOperace`; null writes no Operace, which the XSD refuses (use only for refusal tests). */
  operation: 'vybrat za archiválii' | 'zničit' | 'předložit k výběru' | 'vyřadit z výběru' | null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function seznamXml(
  entities: readonly FixtureEntity[],
  opts: { id?: string; archive?: string; producer?: string; createdAt?: string; prefix?: string } = {},
): string {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}` : 'xmlns';
  const body = entities
    .map(
      (e) =>
        `  <${p}EntitaSeznamu>\n    <${p}Identifikator zdroj="ERMS Blansko">${esc(e.pid)}</${p}Identifikator>\n` +
        (e.operation ? `    <${p}Operace>${esc(e.operation)}</${p}Operace>\n` : '') +
        `  </${p}EntitaSeznamu>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}Seznam ${xmlns}="${NSESSS_NS}" ID="${esc(opts.id ?? 'SR-2026-1')}" ` +
    `identifikatorArchivu="${esc(opts.archive ?? 'SOkA Blansko')}" identifikatorPuvodce="${esc(opts.producer ?? 'MěÚ Blansko')}" ` +
    `identifikatorSkartacnihoRizeni="SR-1" datumVytvoreni="${opts.createdAt ?? '2026-11-30T10:00:00+01:00'}">\n${body}</${p}Seznam>\n`
  );
}

/** An entity the archive confirms it took over, with its IdentifikatorDA; null writes an Operace instead (refused). */
export interface TransferFixtureEntity {
  pid: string;
  archiveId: string | null;
}

/**
 * Test tooling: the archive's transfer confirmation, a `Seznam` (nsesss-DA.xsd) whose entities carry the digital
 * archive's identifier (`IdentifikatorDA`), valid against the XSD (transfer.test.ts checks it with xmllint).
 */
export function transferSeznamXml(
  entities: readonly TransferFixtureEntity[],
  opts: { id?: string; createdAt?: string; prefix?: string } = {},
): string {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}` : 'xmlns';
  const body = entities
    .map(
      (e) =>
        `  <${p}EntitaSeznamu>\n    <${p}Identifikator zdroj="ERMS Blansko">${esc(e.pid)}</${p}Identifikator>\n` +
        (e.archiveId !== null
          ? `    <${p}IdentifikatorDA zdroj="NDA">${esc(e.archiveId)}</${p}IdentifikatorDA>\n`
          : `    <${p}Operace>vybrat za archiválii</${p}Operace>\n`) +
        `  </${p}EntitaSeznamu>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}Seznam ${xmlns}="${NSESSS_NS}" ID="${esc(opts.id ?? 'PR-2026-1')}" ` +
    `identifikatorArchivu="SOkA Blansko" identifikatorPuvodce="MěÚ Blansko" identifikatorPrejimky="PR-1" ` +
    `datumVytvoreni="${opts.createdAt ?? '2026-12-10T10:00:00+01:00'}">\n${body}</${p}Seznam>\n`
  );
}
