import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertValidTp, validatorPath } from './tp-validator';
import {
  MAX_ACTOR_LENGTH,
  TYP_OBJEKTU_ID,
  TYP_UDALOSTI_ID,
  actorValue,
  escapeText,
  idValue,
  logIdentifier,
  logSource,
  parameterName,
  renderObjectLog,
  softwareVersion,
  udalostXml,
  writeSystemLog,
  type SystemLogHeader,
  type TpEntry,
} from './xml';

const REPO = join(__dirname, '../../../../..');
const XSD = validatorPath() ? join(validatorPath()!, '..', 'xsd/nsesss/v4/nsesss-TrP.xsd') : null;

/** The enumeration values of the XSD element `name`. */
function xsdEnumeration(xsd: string, name: string): string[] {
  const start = xsd.indexOf(`<xs:element name="${name}">`);
  expect(start).toBeGreaterThan(-1);
  const end = xsd.indexOf('</xs:element>', start);
  return [...xsd.slice(start, end).matchAll(/<xs:enumeration value="([^"]+)"\s*\/>/g)].map((m) => m[1]);
}

/** The string literals of a `type X = 'a' | 'b' …;` union in a TypeScript source. */
function unionLiterals(source: string, typeName: string): string[] {
  const m = new RegExp(`export type ${typeName} =([^;]+);`).exec(source);
  expect(m).not.toBeNull();
  return [...m![1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** XPath over a document with xmllint (namespace-agnostic via local-name()). */
function xpath(xml: string, expr: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tpx-'));
  try {
    writeFileSync(join(dir, 'd.xml'), xml, 'utf8');
    // xmllint ends what it prints with a newline of its own.
    return execFileSync('xmllint', ['--nonet', '--xpath', expr, join(dir, 'd.xml')], { encoding: 'utf8' }).replace(
      /\n$/,
      '',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const hasXmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const header = (over: Partial<SystemLogHeader> = {}): SystemLogHeader => ({
  identifier: { value: 'TP-MBK-20260101-20260201', source: 'cz.blansko.essl.MBK' },
  createdAt: new Date('2026-02-01T10:00:00.123Z'),
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-02-01T00:00:00Z'),
  ...over,
});

const entry = (poradi: number, over: Partial<TpEntry> = {}): TpEntry => ({
  poradi,
  occurredAt: new Date(Date.UTC(2026, 0, 2, 8, 0, poradi)),
  actorLogin: 'mbk.clerk',
  eventType: 'Zalozeni',
  objectType: 'Dokument',
  objectId: `doc-${poradi}`,
  objectSource: 'cz.blansko.essl.MBK',
  description: `Event ${poradi}`,
  changes: [],
  ...over,
});

const NASTY = 'a<b>&c"d\'e ]]> 🙂 \u0000\u0001\u0008\u000b\u000c\u001f\u007f \uD800 \uFFFE\uFFFF tab\tnl\ncr\r end';
/** NASTY as it reads back from the XML: forbidden characters gone, everything else intact (CR kept). */
const NASTY_READ = 'a<b>&c"d\'e ]]> 🙂 \u007f   tab\tnl\ncr\r end';

/** A whole system log as writeSystemLog streams it (in one chunk unless `chunkSize` says otherwise). */
async function renderSystemLog(h: SystemLogHeader, entries: Iterable<TpEntry>, chunkSize = 1 << 30): Promise<string> {
  let xml = '';
  await writeSystemLog((c) => void (xml += c), h, entries, { chunkSize });
  return xml;
}

describe('TP XML vocabulary', () => {
  it('uses exactly the enumerations of nsesss-TrP.xsd', () => {
    if (!XSD) return console.warn('nsesss-TrP.xsd not found: enumeration check skipped');
    const xsd = readFileSync(XSD, 'utf8');
    expect([...TYP_UDALOSTI_ID]).toEqual(xsdEnumeration(xsd, 'TypUdalostiId'));
    expect([...TYP_OBJEKTU_ID]).toEqual(xsdEnumeration(xsd, 'TypObjektuId'));
    expect(TYP_UDALOSTI_ID).toHaveLength(44);
    expect(TYP_OBJEKTU_ID).toHaveLength(31);
  });

  it('every event and object type the kit can record is in the XSD enumerations', () => {
    if (!XSD) return console.warn('nsesss-TrP.xsd not found: enumeration check skipped');
    const xsd = readFileSync(XSD, 'utf8');
    const kit = readFileSync(join(REPO, 'subgraphs/kit/src/audit.ts'), 'utf8');
    const events = unionLiterals(kit, 'AuditEventType');
    const objects = unionLiterals(kit, 'AuditObjectType');
    expect(events.length).toBeGreaterThan(10);
    expect(objects.length).toBeGreaterThan(5);
    const eventEnum = new Set(xsdEnumeration(xsd, 'TypUdalostiId'));
    const objectEnum = new Set(xsdEnumeration(xsd, 'TypObjektuId'));
    expect(events.filter((e) => !eventEnum.has(e))).toEqual([]);
    expect(objects.filter((o) => !objectEnum.has(o))).toEqual([]);
  });

  it('makes parameter names RFC 5424 PARAM-NAMEs of at most 32 characters', () => {
    expect(parameterName('subject', 'old')).toBe('subject.old');
    expect(parameterName('příjemce', 'new')).toBe('prijemce.new');
    expect(parameterName('a b=c]d"e', 'old')).toBe('a_b_c_d_e.old');
    expect(parameterName('', 'new')).toBe('param.new');
    expect(parameterName('🙂x', 'new')).toBe('_x.new');
    const long = parameterName('x'.repeat(60), 'old');
    expect(long).toHaveLength(32);
    expect(long.endsWith('.old')).toBe(true);
    for (const name of ['a b', 'ž', '\u0000', 'x'.repeat(40), '=]"', 'tab\there']) {
      for (const which of ['old', 'new'] as const) expect(parameterName(name, which)).toMatch(/^[\x21-\x7e]{1,32}$/);
      expect(parameterName(name, 'old')).not.toMatch(/[=\]" ]/);
    }
  });

  it('keeps provedlKdo within 1–100 characters and identifiers within 50', () => {
    expect(actorValue('')).toBe('system');
    expect(actorValue('  \u0000 ')).toBe('system');
    expect(actorValue(null)).toBe('system');
    expect(actorValue('mbk.clerk')).toBe('mbk.clerk');
    const emoji = '🙂'.repeat(150);
    expect(Array.from(actorValue(emoji))).toHaveLength(MAX_ACTOR_LENGTH);
    expect(actorValue(emoji)).toBe('🙂'.repeat(100)); // no split surrogate pair
    expect(Array.from(idValue('🙂'.repeat(80)))).toHaveLength(50);
    expect(logSource('MBK')).toBe('cz.blansko.essl.MBK');
    expect(logSource('Černá Hora'.repeat(10)).length).toBeLessThanOrEqual(50);
  });

  it('names the person and role in provedlKdo after the login, cutting the details, never the login', () => {
    expect(actorValue('mbk.handler', 'Jana Nováková', 'CASE_HANDLER')).toBe('mbk.handler (Jana Nováková; zpracovatel)');
    expect(actorValue('mbk.admin', 'Eva Malá', 'TENANT_ADMIN,RECORDS_MANAGER')).toBe(
      'mbk.admin (Eva Malá; správce uživatelů, správce spisové služby)',
    );
    expect(actorValue('mbk.x', null, 'SOME_NEW_ROLE')).toBe('mbk.x (SOME_NEW_ROLE)');
    expect(actorValue('mbk.x', 'Jan Novák', null)).toBe('mbk.x (Jan Novák)');
    expect(actorValue('system', null, null)).toBe('system');
    const long = actorValue('mbk.handler', 'Ž'.repeat(200), 'CASE_HANDLER');
    expect(Array.from(long)).toHaveLength(MAX_ACTOR_LENGTH);
    expect(long.startsWith('mbk.handler (ŽŽ')).toBe(true);
    expect(actorValue('mbk.x', 'Jan\u0000 <Novák>', 'AUDITOR')).toBe('mbk.x (Jan <Novák>; auditor)'); // escaped when written
  });

  it('builds log identifiers that fit HodnotaID', () => {
    expect(logIdentifier('MBK', new Date('2025-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(
      'TP-MBK-20250101-20260101',
    );
    const odd = logIdentifier(
      'OUDOUBRAVICE-NAD-SVITAVOU',
      new Date('2025-01-01T08:30:15.5Z'),
      new Date('2026-01-01T23:59:59Z'),
      'a1b2c3',
    );
    expect(odd.length).toBeLessThanOrEqual(50);
    expect(odd).toMatch(/^TP-OU[A-Z-]*-20250101T083015Z-20260101T235959Z-a1b2c3$/);
  });

  it('escapes text and strips what XML 1.0 forbids', () => {
    expect(escapeText('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(escapeText(']]>')).toBe(']]&gt;');
    expect(escapeText('a\u0000b\u001fc\uD800d\uFFFEe')).toBe('abcde');
    expect(escapeText('x\r\ny')).toBe('x&#13;\ny');
    expect(escapeText('🙂 "\'')).toBe('🙂 "\'');
  });
});

describe('TransakcniLogSystemu', () => {
  it('writes each Udalost in the schema order, with parameters for old and new values', () => {
    const xml = udalostXml(
      entry(7, {
        changes: [
          { name: 'subject', old: 'Old', new: 'New' },
          { name: 'handlerId', old: null, new: 'u-1' },
          { name: 'note', old: 'gone', new: null },
          { name: 'never', old: null, new: null },
        ],
      }),
      true,
    );
    expect(xml).toBe(
      '<tp:Udalost><tp:Poradi>7</tp:Poradi><tp:DatumVzniku>2026-01-02T08:00:07.000Z</tp:DatumVzniku>' +
        '<tp:provedlKdo>mbk.clerk</tp:provedlKdo><tp:TypUdalosti><tp:TypUdalostiId>Zalozeni</tp:TypUdalostiId></tp:TypUdalosti>' +
        '<tp:ParametryUdalosti>' +
        '<tp:ParametrUdalosti><tp:NazevParametru>subject.old</tp:NazevParametru><tp:HodnotaParametru>Old</tp:HodnotaParametru></tp:ParametrUdalosti>' +
        '<tp:ParametrUdalosti><tp:NazevParametru>subject.new</tp:NazevParametru><tp:HodnotaParametru>New</tp:HodnotaParametru></tp:ParametrUdalosti>' +
        '<tp:ParametrUdalosti><tp:NazevParametru>handlerId.new</tp:NazevParametru><tp:HodnotaParametru>u-1</tp:HodnotaParametru></tp:ParametrUdalosti>' +
        '<tp:ParametrUdalosti><tp:NazevParametru>note.old</tp:NazevParametru><tp:HodnotaParametru>gone</tp:HodnotaParametru></tp:ParametrUdalosti>' +
        '</tp:ParametryUdalosti>' +
        '<tp:PopisUdalosti>Event 7</tp:PopisUdalosti>' +
        '<tp:Objekt><tp:TypObjektu><tp:TypObjektuId>Dokument</tp:TypObjektuId></tp:TypObjektu>' +
        '<tp:Identifikator><tp:HodnotaID>doc-7</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID></tp:Identifikator></tp:Objekt>' +
        '</tp:Udalost>',
    );
    // No parameters at all when there are no non-null values; no PopisUdalosti without a description.
    const bare = udalostXml(entry(8, { changes: [{ name: 'x', old: null, new: null }], description: null }), false);
    expect(bare).not.toContain('ParametryUdalosti');
    expect(bare).not.toContain('PopisUdalosti');
    expect(bare).not.toContain('Objekt');
  });

  it('produces a document that validates, with the header in the schema order', async () => {
    const xml = await renderSystemLog(header(), [
      entry(1),
      entry(2, { eventType: 'Uprava', changes: [{ name: 'subject', old: 'a', new: 'b' }] }),
      entry(5, { eventType: 'Export', objectType: 'KonfiguraceSystemu', actorLogin: '' }),
    ]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tp:TransakcniLogSystemu xmlns:tp="http://www.mvcr.cz/nsesss/2023/log"',
      ),
    ).toBe(true);
    expect(xml).toContain(
      '<tp:TransLogInfo><tp:Identifikator><tp:HodnotaID>TP-MBK-20260101-20260201</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID></tp:Identifikator>' +
        '<tp:DatumVzniku>2026-02-01T10:00:00.123Z</tp:DatumVzniku><tp:DatumCasOd>2026-01-01T00:00:00.000Z</tp:DatumCasOd>' +
        `<tp:DatumCasDo>2026-02-01T00:00:00.000Z</tp:DatumCasDo><tp:Software>Blansko records hub</tp:Software><tp:VerzeSoftware>${softwareVersion()}</tp:VerzeSoftware></tp:TransLogInfo>`,
    );
    expect(softwareVersion()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
    expect(xml).toContain('<tp:provedlKdo>system</tp:provedlKdo>');
    expect(xml).not.toContain('TypyObjektu');
    expect(await assertValidTp(xml, 'system log')).not.toBeUndefined();
  });

  it('validates with nasty strings everywhere, and they read back as written (minus forbidden characters)', async () => {
    const nasty = entry(1, {
      actorLogin: NASTY,
      description: NASTY,
      objectId: NASTY,
      objectSource: NASTY,
      changes: [
        { name: NASTY, old: NASTY, new: '' },
        { name: 'příjemce adresa', old: null, new: '🙂' },
      ],
    });
    const xml = await renderSystemLog(
      header({ identifier: { value: NASTY, source: NASTY }, software: NASTY, softwareVersion: NASTY }),
      [nasty],
    );
    await assertValidTp(xml, 'nasty system log');
    if (!hasXmllint) return;
    expect(xpath(xml, 'string(//*[local-name()="PopisUdalosti"])')).toBe(NASTY_READ);
    expect(xpath(xml, 'string(//*[local-name()="provedlKdo"])')).toBe(NASTY_READ.trim());
    expect(xpath(xml, 'string(//*[local-name()="Udalost"]//*[local-name()="HodnotaID"])')).toBe(
      Array.from(NASTY_READ).slice(0, 50).join(''),
    );
    expect(xpath(xml, 'string((//*[local-name()="NazevParametru"])[3])')).toBe('prijemce_adresa.new');
    expect(xpath(xml, 'count(//*[local-name()="ParametrUdalosti"])')).toBe('3');
  });

  it('writes a type outside the enumeration as free text rather than an invalid id', async () => {
    const xml = await renderSystemLog(header(), [entry(1, { eventType: 'Prohlizeni', objectType: 'Neznamy' })]);
    expect(xml).toContain('<tp:TypUdalostiText>Prohlizeni</tp:TypUdalostiText>');
    expect(xml).toContain('<tp:TypObjektuText>Neznamy</tp:TypObjektuText>');
    await assertValidTp(xml, 'free-text types');
  });

  it('validates with no events, and with TypyObjektu when the export is limited to object types', async () => {
    await assertValidTp(await renderSystemLog(header(), []), 'empty system log');
    const limited = await renderSystemLog(header({ objectTypes: ['Dokument', 'Spis', 'Dokument'] }), [entry(1)]);
    expect(limited).toContain(
      '<tp:TypyObjektu><tp:TypObjektu><tp:TypObjektuId>Dokument</tp:TypObjektuId></tp:TypObjektu><tp:TypObjektu><tp:TypObjektuId>Spis</tp:TypObjektuId></tp:TypObjektu></tp:TypyObjektu></tp:TransLogInfo>',
    );
    await assertValidTp(limited, 'system log with TypyObjektu');
  });

  it('refuses entries whose Poradi does not increase strictly', async () => {
    await expect(renderSystemLog(header(), [entry(1), entry(1)])).rejects.toThrow(/increase strictly/);
    await expect(renderSystemLog(header(), [entry(3), entry(2)])).rejects.toThrow(/increase strictly/);
    await expect(renderSystemLog(header(), [entry(0)])).rejects.toThrow(/positive integer/);
    const chunks: string[] = [];
    async function* entries() {
      yield entry(1);
      yield entry(2);
      yield entry(2);
    }
    await expect(writeSystemLog((c) => void chunks.push(c), header(), entries(), { chunkSize: 1 })).rejects.toThrow(
      /increase strictly/,
    );
    // What went out before the failure never closes the document.
    expect(chunks.join('')).not.toContain('</tp:TransakcniLogSystemu>');
  });

  it('streams in chunks, awaiting the consumer, and streams exactly what one chunk holds', async () => {
    const list = Array.from({ length: 300 }, (_, i) =>
      entry(i * 2 + 1, { changes: [{ name: 'n', old: String(i), new: String(i + 1) }] }),
    );
    const chunks: string[] = [];
    let pending = 0;
    let reads = 0;
    async function* entries() {
      for (const e of list) {
        expect(pending).toBe(0); // the writer never reads ahead of a consumer that has not finished
        reads++;
        yield e;
      }
    }
    const written = await writeSystemLog(
      async (c) => {
        pending++;
        await new Promise((r) => setImmediate(r));
        chunks.push(c);
        pending--;
      },
      header(),
      entries(),
      { chunkSize: 4096 },
    );
    expect(reads).toBe(300);
    expect(written).toEqual({ count: 300, firstPoradi: 1, lastPoradi: 599 });
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.slice(0, -1).every((c) => c.length >= 4096 && c.length < 4096 + 2000)).toBe(true);
    const xml = chunks.join('');
    expect(xml).toBe(await renderSystemLog(header(), list));
    await assertValidTp(xml, 'streamed system log');
  });
});

describe('TransakcniLogObjektu', () => {
  const objectHeader = { ...header(), object: { type: 'Dokument', id: 'doc-1', source: 'cz.blansko.essl.MBK' } };

  it('validates, with the object in the header and none in the events', async () => {
    const xml = renderObjectLog(objectHeader, [
      entry(1),
      entry(4, { eventType: 'Uprava', changes: [{ name: 'subject', old: 'a', new: NASTY }] }),
    ]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tp:TransakcniLogObjektu xmlns:tp="http://www.mvcr.cz/nsesss/2023/log"',
      ),
    ).toBe(true);
    expect(xml).toContain(
      '<tp:VerzeSoftware>' +
        softwareVersion() +
        '</tp:VerzeSoftware><tp:Objekt><tp:TypObjektu><tp:TypObjektuId>Dokument</tp:TypObjektuId></tp:TypObjektu>' +
        '<tp:Identifikator><tp:HodnotaID>doc-1</tp:HodnotaID><tp:ZdrojID>cz.blansko.essl.MBK</tp:ZdrojID></tp:Identifikator></tp:Objekt></tp:TransLogInfo>',
    );
    expect(xml.match(/<tp:Objekt>/g)).toHaveLength(1);
    await assertValidTp(xml, 'object log');
    await assertValidTp(renderObjectLog(objectHeader, []), 'empty object log');
  });

  it('renders just the element, to embed in a SIP', () => {
    const xml = renderObjectLog(objectHeader, [entry(1)], { standalone: false });
    expect(xml.startsWith('<tp:TransakcniLogObjektu xmlns:tp="http://www.mvcr.cz/nsesss/2023/log">')).toBe(true);
    expect(xml.endsWith('</tp:TransakcniLogObjektu>')).toBe(true);
  });
});
