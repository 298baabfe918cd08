import { createHash } from 'node:crypto';
import type { PostalAddress } from './address';
import { icoFrom } from './ico';
import { Role } from './roles';

/**
 * The demo data set (domain.md §7): the town of Blansko (ORP) and the 32 municipalities of its
 * administrative district verified in domain.md §7.2. One definition shared by all subgraphs, with
 * deterministic ids, so each subgraph seeds its own database and the rows still refer to each other.
 *
 * DEMO DATA: names and populations are real (§7.2); every IČO and data-box id below is INVENTED
 * (checksum-valid IČOs in the 99xxxxxx range, which keeps them apart from real ones). The archive's
 * IČO and data box are the real ones of the Moravian Land Archive (§7.1).
 */

/** Stable UUID-shaped id from a name (UUID v5 layout over SHA-1), so every subgraph derives the same one. */
export function demoId(kind: string, key: string): string {
  const h = createHash('sha1').update(`blansko-hub:${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** obec I. typu / obec s pověřeným obecním úřadem (II.) / obec s rozšířenou působností (III.) */
export type MunicipalityType = 'BASIC' | 'AUTHORIZED' | 'EXTENDED';

export interface DemoMunicipality {
  id: string;
  name: string;
  abbreviation: string;
  ico: string;
  dataBoxId: string;
  type: MunicipalityType;
  population: number;
  /** The seat (sídlo) of the municipal office: see DEMO_SEATS. */
  seatAddress: PostalAddress;
  orgUnits: { id: string; name: string; code: string }[];
  /** A backup-only tenant (issue 12): no registers, users or records here, only its backup client's sets. */
  backupOnly: boolean;
}

// name, population, abbreviation (§7.2; abbreviations: MBK for Blansko, OUxxx proposal for the rest).
const TENANTS: [string, number, string][] = [
  ['Blansko', 20185, 'MBK'],
  ['Adamov', 4605, 'OUADA'],
  ['Bořitov', 1300, 'OUBOR'],
  ['Brťov-Jeneč', 354, 'OUBRT'],
  ['Bukovina', 464, 'OUBUK'],
  ['Bukovinka', 641, 'OUBKA'],
  ['Býkovice', 273, 'OUBYK'],
  ['Černá Hora', 2141, 'OUCHO'],
  ['Dlouhá Lhota', 135, 'OUDLH'],
  ['Doubravice nad Svitavou', 1356, 'OUDOU'],
  ['Habrůvka', 418, 'OUHAB'],
  ['Holštejn', 160, 'OUHOL'],
  ['Jedovnice', 2982, 'OUJED'],
  ['Kotvrdovice', 917, 'OUKOT'],
  ['Krasová', 484, 'OUKRA'],
  ['Křtiny', 820, 'OUKRT'],
  ['Kulířov', 161, 'OUKUL'],
  ['Kuničky', 260, 'OUKUN'],
  ['Lažany', 453, 'OULAZ'],
  ['Lipovec', 1212, 'OULIP'],
  ['Lipůvka', 1486, 'OULPV'],
  ['Lubě', 104, 'OULUB'],
  ['Malá Lhota', 158, 'OUMLH'],
  ['Milonice', 173, 'OUMIL'],
  ['Olomučany', 1084, 'OUOLO'],
  ['Ostrov u Macochy', 1107, 'OUOST'],
  ['Petrovice', 648, 'OUPET'],
  ['Rájec-Jestřebí', 3732, 'OURAJ'],
  ['Ráječko', 1363, 'OURJK'],
  ['Rudice', 983, 'OURUD'],
  ['Senetářov', 592, 'OUSEN'],
  ['Sloup', 991, 'OUSLO'],
  ['Spešov', 662, 'OUSPE'],
];
/** Seats of a pověřený obecní úřad in the district [R: unverified, domain.md §7.2]. */
const AUTHORIZED = new Set(['Jedovnice', 'Rájec-Jestřebí']);
/**
 * Three small municipalities that run their own records system and keep only its backups on the hub (issue 12,
 * item 5): the demo seeds no registers or users for them, only a backup client each (DEMO_BACKUP_CLIENTS).
 */
export const DEMO_BACKUP_ONLY = new Set(['OUDLH', 'OUMLH', 'OUHOL']);

const BLANSKO_UNITS = ['Odbor kancelář tajemníka (podatelna)', 'Odbor vnitřních věcí', 'Odbor životního prostředí'];
const TOWN_UNITS = ['Obecní úřad', 'Stavební úřad'];

/**
 * Seats of the municipal offices: [street or village, číslo popisné, číslo orientační, PSČ]. Blansko's is the town
 * hall of domain.md §7.2 [V:S18]. The others are the offices' addresses as the author knew them [R: unverified:
 * check against RÚIAN before using them outside the demo]; villages without streets are written "Village čp".
 */
const DEMO_SEATS: Record<string, [string, string, string | null, string]> = {
  MBK: ['nám. Republiky', '1316', '1', '67801'],
  OUADA: ['Pod Horkou', '101', '2', '67904'],
  OUBOR: ['Bořitov', '180', null, '67921'],
  OUBRT: ['Brťov-Jeneč', '47', null, '67971'],
  OUBUK: ['Bukovina', '39', null, '67905'],
  OUBKA: ['Bukovinka', '2', null, '67905'],
  OUBYK: ['Býkovice', '26', null, '67971'],
  OUCHO: ['Černá Hora', '5', null, '67921'],
  OUDLH: ['Dlouhá Lhota', '1', null, '67901'],
  OUDOU: ['Doubravice nad Svitavou', '124', null, '67911'],
  OUHAB: ['Habrůvka', '43', null, '67905'],
  OUHOL: ['Holštejn', '13', null, '67913'],
  OUJED: ['Na Kopečku', '110', null, '67906'],
  OUKOT: ['Kotvrdovice', '24', null, '67907'],
  OUKRA: ['Krasová', '51', null, '67913'],
  OUKRT: ['Křtiny', '20', null, '67905'],
  OUKUL: ['Kulířov', '5', null, '67906'],
  OUKUN: ['Kuničky', '60', null, '67972'],
  OULAZ: ['Lažany', '47', null, '67922'],
  OULIP: ['Lipovec', '154', null, '67915'],
  OULPV: ['Lipůvka', '144', null, '67922'],
  OULUB: ['Lubě', '35', null, '67971'],
  OUMLH: ['Malá Lhota', '24', null, '67971'],
  OUMIL: ['Milonice', '27', null, '67971'],
  OUOLO: ['Olomučany', '188', null, '67903'],
  OUOST: ['Ostrov u Macochy', '11', null, '67914'],
  OUPET: ['Petrovice', '58', null, '67902'],
  OURAJ: ['Masarykovo nám.', '90', '1', '67902'],
  OURJK: ['nám. Míru', '230', null, '67902'],
  OURUD: ['Rudice', '1', null, '67906'],
  OUSEN: ['Senetářov', '72', null, '67906'],
  OUSLO: ['Sloup', '1', null, '67913'],
  OUSPE: ['Spešov', '99', null, '67902'],
};

function demoSeat(name: string, abbreviation: string): PostalAddress {
  const [street, houseNumber, orientationNumber, postCode] = DEMO_SEATS[abbreviation];
  return { street, houseNumber, orientationNumber, municipality: name, municipalityPart: null, postCode };
}

function fakeDataBoxId(abbr: string): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const h = createHash('sha256').update(`databox:${abbr}`).digest();
  return Array.from({ length: 7 }, (_, i) => alphabet[h[i] % alphabet.length]).join('');
}

export const DEMO_MUNICIPALITIES: DemoMunicipality[] = TENANTS.map(([name, population, abbreviation], i) => {
  const units = name === 'Blansko' ? BLANSKO_UNITS : population > 2000 ? TOWN_UNITS : ['Obecní úřad'];
  return {
    id: demoId('municipality', abbreviation),
    name,
    abbreviation,
    ico: icoFrom(`99${String(1000 + i * 37).padStart(5, '0')}`),
    dataBoxId: fakeDataBoxId(abbreviation),
    type: name === 'Blansko' ? 'EXTENDED' : AUTHORIZED.has(name) ? 'AUTHORIZED' : 'BASIC',
    population,
    seatAddress: demoSeat(name, abbreviation),
    orgUnits: units.map((unit, j) => ({
      id: demoId('org-unit', `${abbreviation}:${j}`),
      name: unit,
      code: `${abbreviation}-${j + 1}`,
    })),
    backupOnly: DEMO_BACKUP_ONLY.has(abbreviation),
  };
});

/** The municipalities that keep records on the hub (every demo municipality except the backup-only ones). */
export const DEMO_RECORDS_MUNICIPALITIES = DEMO_MUNICIPALITIES.filter((m) => !m.backupOnly);

/** The secret of the demo backup clients unless HUB_DEMO_BACKUP_SECRET says otherwise. Demo only. */
export const DEMO_BACKUP_SECRET = 'blansko-demo-zalohy';

export interface DemoBackupClient {
  id: string;
  municipalityId: string;
  name: string;
  /** `<abbreviation in lower case>.api.zalohy`, as users' api-clients.ts derives it from the name. */
  login: string;
}

/** One backup client per backup-only demo municipality (role BACKUP_CLIENT). */
export const DEMO_BACKUP_CLIENTS: DemoBackupClient[] = DEMO_MUNICIPALITIES.filter((m) => m.backupOnly).map((m) => ({
  id: demoId('api-client', `${m.abbreviation}.api.zalohy`),
  municipalityId: m.id,
  name: 'Zálohy',
  login: `${m.abbreviation.toLowerCase()}.api.zalohy`,
}));

/** SOkA Blansko, part of the Moravian Land Archive (MZA): competent archive of every tenant (§7.1). */
export const DEMO_ARCHIVE = {
  id: demoId('archive', 'MZA-SOKA-BK'),
  name: 'Moravský zemský archiv v Brně, Státní okresní archiv Blansko',
  abbreviation: 'SOkA Blansko',
  ico: '70979146',
  dataBoxId: 'p8caixb',
  address: 'Komenského 9, 678 01 Blansko',
  email: 'soka_blansko@mza.cz',
};

export interface DemoUser {
  id: string;
  login: string;
  name: string;
  municipalityId: string | null;
  orgUnitId: string | null;
  roles: Role[];
}

/** The demo users' password unless HUB_DEMO_PASSWORD says otherwise. Demo only: change it or drop the users. */
export const DEMO_PASSWORD = 'blansko-demo';

const FIRST = ['Jana', 'Petr', 'Eva', 'Martin', 'Lucie', 'Tomáš', 'Hana', 'Jiří', 'Marie', 'Pavel', 'Lenka'];
const LAST = [
  'Nováková',
  'Svoboda',
  'Dvořáková',
  'Černý',
  'Procházková',
  'Kučera',
  'Veselá',
  'Horák',
  'Němcová',
  'Marek',
  'Pokorná',
];

const DEMO_ROLES: { suffix: string; title: string; roles: Role[]; unit: number }[] = [
  { suffix: 'clerk', title: 'podatelna', roles: [Role.INTAKE_CLERK, Role.DISPATCH_CLERK], unit: 0 },
  { suffix: 'handler', title: 'referent', roles: [Role.CASE_HANDLER], unit: 1 },
  { suffix: 'records', title: 'spisovna', roles: [Role.RECORDS_OFFICER], unit: 0 },
  { suffix: 'admin', title: 'správce', roles: [Role.TENANT_ADMIN, Role.RECORDS_MANAGER], unit: 0 },
];

export const DEMO_USERS: DemoUser[] = [
  {
    id: demoId('user', 'platform.admin'),
    login: 'platform.admin',
    name: 'Správce platformy (ORP IT)',
    municipalityId: null,
    orgUnitId: null,
    roles: [Role.PLATFORM_ADMIN],
  },
  // Backup-only municipalities have no users (their index still counts, so the other names stay as they were).
  ...DEMO_MUNICIPALITIES.flatMap((m, i) =>
    m.backupOnly
      ? []
      : DEMO_ROLES.map((r, j) => {
          const n = i * DEMO_ROLES.length + j;
          const unit = m.orgUnits[Math.min(r.unit, m.orgUnits.length - 1)];
          return {
            id: demoId('user', `${m.abbreviation}.${r.suffix}`),
            login: `${m.abbreviation.toLowerCase()}.${r.suffix}`,
            name: `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]} (${r.title})`,
            municipalityId: m.id,
            orgUnitId: unit.id,
            roles: r.roles,
          };
        }),
  ),
];
