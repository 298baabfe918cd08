/**
 * Vocabulary of the volume seed (`npm run seed:volume`): what a municipal podací deník of the Blansko district
 * plausibly contains. INVENTED DEMO DATA: every person, company number, data-box id and address is made up;
 * authority and company names are there so searches by sender have realistic common and rare answers.
 *
 * Each category says which node of the demo filing plan (domain.md §7.3) its documents are classified under,
 * whether they arrive (RECEIVED) or are written by the office (OWN), who typically sends them, and its subjects.
 * Subjects are templates: `{street}`, `{place}`, `{person}`, `{company}`, `{month}`, `{year}`, `{n}`, `{parcel}`,
 * `{road}` are filled in by the generator (generate.ts).
 */

export type SenderKind = 'authority' | 'company' | 'person';

export interface Category {
  /** Relative frequency among a municipality's documents. */
  weight: number;
  /** Full code of the demo plan leaf the documents are classified under (modules/filing-plans/demo-plan.ts). */
  code: string;
  /** Share of received documents (the rest are own documents). */
  received: number;
  senders: SenderKind[];
  /** Invoices go to the separate register "Faktury přijaté" (FP-0001/2026); everything else to the podací deník. */
  register: 'main' | 'invoices';
  /** Only the town with its own agendas (Blansko, ORP) has these in volume. */
  townOnly?: boolean;
  subjects: string[];
}

export const CATEGORIES: Category[] = [
  {
    weight: 14, code: '178', received: 1, senders: ['company'], register: 'invoices',
    subjects: [
      'Faktura č. {n} – dodávka elektrické energie za {month}',
      'Faktura č. {n} – svoz a odstranění komunálního odpadu za {month}',
      'Faktura č. {n} – dodávka zemního plynu',
      'Faktura č. {n} – oprava veřejného osvětlení ul. {street}',
      'Faktura č. {n} – telekomunikační služby za {month}',
      'Faktura č. {n} – vodné a stočné',
      'Faktura č. {n} – kancelářské potřeby',
      'Faktura č. {n} – zimní údržba místních komunikací',
      'Faktura č. {n} – servis kopírovacích strojů',
      'Faktura č. {n} – stavební práce na akci Oprava chodníku ul. {street}',
      'Zálohová faktura č. {n} – pojištění majetku obce',
      'Dobropis k faktuře č. {n}',
    ],
  },
  {
    weight: 9, code: '52.1', received: 0.95, senders: ['authority'], register: 'main',
    subjects: [
      'Žádost o součinnost – sdělení údajů z evidence obyvatel',
      'Exekuční příkaz přikázáním pohledávky z účtu – {person}',
      'Vyrozumění o provedeném vkladu do katastru nemovitostí, k. ú. {place}',
      'Oznámení o zahájení řízení – {company}',
      'Výzva k doplnění podání',
      'Dotaz na trvalý pobyt – {person}',
      'Sdělení Finančního úřadu k dani z nemovitých věcí za rok {year}',
      'Rozhodnutí Krajského úřadu Jihomoravského kraje – odvolací řízení',
      'Vyjádření k projektové dokumentaci – {street}',
      'Oznámení o zahájení územního řízení – stavba rodinného domu, parc. č. {parcel}, k. ú. {place}',
      'Stanovisko Hasičského záchranného sboru Jihomoravského kraje',
      'Žádost Policie ČR o poskytnutí kamerového záznamu',
      'Usnesení o nařízení exekuce – {person}',
      'Informace Ministerstva vnitra ke změně právních předpisů',
      'Žádost Úřadu práce o sdělení – {person}',
    ],
  },
  {
    weight: 7, code: '611', received: 0.7, senders: ['authority', 'person'], register: 'main', townOnly: true,
    subjects: [
      'Oznámení přestupku – rušení nočního klidu, {street}',
      'Oznámení přestupku – překročení nejvyšší dovolené rychlosti, silnice {road}',
      'Příkaz v přestupkovém řízení – {person}',
      'Odvolání proti rozhodnutí o přestupku – {person}',
      'Oznámení o podezření ze spáchání přestupku proti občanskému soužití',
      'Předvolání k ústnímu jednání ve věci přestupku',
      'Rozhodnutí o přestupku – neoprávněné parkování, ul. {street}',
      'Žádost o splátkový kalendář – pokuta za přestupek',
    ],
  },
  {
    weight: 6, code: '620', received: 0.75, senders: ['person', 'company'], register: 'main',
    subjects: [
      'Žádost o poskytnutí informace podle zákona č. 106/1999 Sb.',
      'Žádost o informace – veřejná zakázka {company}',
      'Žádost o informace – rozpočet obce na rok {year}',
      'Odpověď na žádost o poskytnutí informace – {person}',
      'Rozhodnutí o odmítnutí žádosti o informace',
      'Stížnost na postup při vyřizování žádosti o informace',
    ],
  },
  {
    weight: 5, code: '616', received: 0.8, senders: ['person'], register: 'main',
    subjects: [
      'Stížnost na hluk z provozovny, {street}',
      'Stížnost na stav chodníku v ulici {street}',
      'Podnět k prošetření černé skládky, k. ú. {place}',
      'Petice za zachování autobusového spoje do obce {place}',
      'Podnět – přerostlé dřeviny u místní komunikace {street}',
      'Stížnost na chování zaměstnance úřadu',
      'Podnět k opravě veřejného osvětlení, {street}',
      'Stížnost na zápach z kanalizace, {street}',
      'Odpověď na stížnost – {person}',
    ],
  },
  {
    weight: 6, code: '280', received: 0.65, senders: ['person', 'company', 'authority'], register: 'main',
    subjects: [
      'Žádost o zvláštní užívání místní komunikace – zábor, {street}',
      'Žádost o povolení připojení sousední nemovitosti na místní komunikaci, parc. č. {parcel}',
      'Oznámení o úplné uzavírce silnice {road}',
      'Žádost o vyjádření k umístění inženýrských sítí – {street}',
      'Rozhodnutí o zvláštním užívání místní komunikace – {company}',
      'Plán zimní údržby místních komunikací {year}/{year1}',
      'Žádost o umístění dopravního značení – {street}',
      'Oznámení o havárii vodovodu, {street}',
    ],
  },
  {
    weight: 5, code: '56.1', received: 0.6, senders: ['company', 'person'], register: 'main',
    subjects: [
      'Smlouva o dílo – oprava místní komunikace ul. {street}',
      'Smlouva o poskytnutí dotace z rozpočtu obce – {company}',
      'Darovací smlouva – {company}',
      'Smlouva o zřízení věcného břemene – {company}, parc. č. {parcel}',
      'Dodatek č. {small} ke smlouvě o dílo – {company}',
      'Smlouva o výpůjčce – kulturní dům',
      'Servisní smlouva – {company}',
      'Smlouva o spolupráci při zajištění sběru tříděného odpadu',
    ],
  },
  {
    weight: 4, code: '256', received: 0.7, senders: ['person', 'company'], register: 'main',
    subjects: [
      'Žádost o pronájem nebytových prostor, {street}',
      'Nájemní smlouva – hrobové místo č. {small}',
      'Žádost o prodloužení nájmu obecního bytu – {person}',
      'Výpověď z nájmu nebytových prostor – {company}',
      'Žádost o pacht pozemku parc. č. {parcel}, k. ú. {place}',
      'Žádost o pronájem sálu kulturního domu',
    ],
  },
  {
    weight: 3, code: '254', received: 0.65, senders: ['person', 'company'], register: 'main',
    subjects: [
      'Žádost o koupi pozemku parc. č. {parcel}, k. ú. {place}',
      'Kupní smlouva – pozemek parc. č. {parcel}, k. ú. {place}',
      'Záměr prodeje pozemku parc. č. {parcel}',
      'Znalecký posudek – ocenění nemovitosti {street}',
      'Směnná smlouva – pozemky v k. ú. {place}',
    ],
  },
  {
    weight: 2, code: '101', received: 0, senders: [], register: 'main',
    subjects: [
      'Zápis ze zasedání zastupitelstva č. {small}/{year}',
      'Usnesení zastupitelstva č. {small}/{year}',
      'Pozvánka na zasedání zastupitelstva',
      'Usnesení rady č. {n}',
      'Informace o konání zasedání zastupitelstva dne {day}',
    ],
  },
  {
    weight: 3, code: '176', received: 0.5, senders: ['authority'], register: 'main',
    subjects: [
      'Rozpočtové opatření č. {small}/{year}',
      'Návrh rozpočtu na rok {year1}',
      'Střednědobý výhled rozpočtu {year1}–{year3}',
      'Rozhodnutí o poskytnutí dotace – Jihomoravský kraj',
      'Žádost o dotaci z Programu rozvoje venkova {year}',
    ],
  },
  {
    weight: 1, code: '177', received: 0, senders: [], register: 'main',
    subjects: ['Závěrečný účet za rok {year0}', 'Zpráva o výsledku přezkoumání hospodaření za rok {year0}'],
  },
  {
    weight: 1, code: '113', received: 0.6, senders: ['authority'], register: 'main',
    subjects: [
      'Přezkoumání hospodaření obce za rok {year0} – zpráva Krajského úřadu',
      'Protokol o kontrole – Okresní správa sociálního zabezpečení',
      'Protokol o veřejnosprávní kontrole – {company}',
    ],
  },
  {
    weight: 3, code: '51.1', received: 0.6, senders: ['authority', 'company', 'person'], register: 'main',
    subjects: [
      'Pozvánka na jednání starostů SO ORP Blansko',
      'Dopis starostovi – {person}',
      'Blahopřání k životnímu jubileu – {person}',
      'Pozvánka na slavnostní otevření {company}',
      'Poděkování za spolupráci',
    ],
  },
  {
    weight: 1, code: '53.2', received: 0.2, senders: ['authority'], register: 'main',
    subjects: [
      'Směrnice o zadávání veřejných zakázek malého rozsahu',
      'Směrnice o oběhu účetních dokladů',
      'Vnitřní předpis – cestovní náhrady',
      'Organizační řád úřadu – změna č. {small}',
    ],
  },
  {
    weight: 1.5, code: '103', received: 0.1, senders: ['authority'], register: 'main',
    subjects: [
      'Obecně závazná vyhláška o místním poplatku za obecní systém odpadového hospodářství',
      'Obecně závazná vyhláška o místním poplatku ze psů',
      'Obecně závazná vyhláška o nočním klidu',
      'Kontrola obecně závazné vyhlášky – Ministerstvo vnitra',
    ],
  },
  {
    weight: 2, code: '601', received: 0.5, senders: ['authority', 'person'], register: 'main',
    subjects: [
      'Jmenování zapisovatele okrskové volební komise',
      'Delegace člena okrskové volební komise – {person}',
      'Registrace kandidátních listin pro volby do zastupitelstva obce',
      'Žádost o vydání voličského průkazu – {person}',
      'Oznámení o době a místě konání voleb',
    ],
  },
  {
    weight: 1, code: '623', received: 0, senders: [], register: 'main',
    subjects: ['Ověřovací kniha – vidimace a legalizace {month} {year}', 'Záznam o odmítnutí legalizace'],
  },
  {
    weight: 2, code: '118', received: 0.5, senders: ['person'], register: 'main',
    subjects: ['Pracovní smlouva – {person}', 'Dohoda o provedení práce – {person}', 'Žádost o zaměstnání – {person}', 'Zápočtový list – {person}'],
  },
  {
    weight: 0.5, code: '119', received: 0, senders: [], register: 'main',
    subjects: ['Mzdové listy zaměstnanců za rok {year}', 'Rekapitulace mezd za {month}'],
  },
  {
    weight: 2, code: '54.4.2', received: 1, senders: ['authority'], register: 'main',
    subjects: [
      'Metodický pokyn Ministerstva vnitra k výkonu přenesené působnosti',
      'Metodické doporučení ke spisové službě',
      'Informace Krajského úřadu k evidenci obyvatel',
      'Metodika k zákonu o ochraně osobních údajů',
    ],
  },
  {
    weight: 2, code: '52.3', received: 0.8, senders: ['authority'], register: 'main',
    subjects: ['Pozvánka na valnou hromadu Svazku obcí Blanensko', 'Členský příspěvek Svazu měst a obcí ČR na rok {year}', 'Zápis z jednání Mikroregionu Blanensko'],
  },
  // Rare topics: a few in ten thousand. They give subject searches a realistic rare answer (README, benchmarks).
  {
    weight: 0.02, code: '254', received: 0.5, senders: ['person', 'company'], register: 'main',
    subjects: ['Žádost o pronájem místa v kolumbáriu – {person}', 'Oprava kolumbária na hřbitově'],
  },
  {
    weight: 0.02, code: '616', received: 1, senders: ['person'], register: 'main',
    subjects: ['Podnět – hnízdění čápa bílého na komíně, {street}', 'Podnět k ochraně netopýrů v půdních prostorách'],
  },
];

/** Authorities that write to municipalities, most frequent first (their frequency falls with the position). */
export const AUTHORITIES: string[] = [
  'Krajský úřad Jihomoravského kraje',
  'Finanční úřad pro Jihomoravský kraj',
  'Česká správa sociálního zabezpečení',
  'Úřad práce České republiky – krajská pobočka v Brně',
  'Policie České republiky, Obvodní oddělení Blansko',
  'Městský úřad Blansko',
  'Katastrální úřad pro Jihomoravský kraj, Katastrální pracoviště Blansko',
  'Okresní soud v Blansku',
  'Hasičský záchranný sbor Jihomoravského kraje',
  'Krajská hygienická stanice Jihomoravského kraje',
  'Ministerstvo vnitra',
  'Exekutorský úřad Brno-venkov',
  'Exekutorský úřad Blansko',
  'Státní pozemkový úřad',
  'Správa a údržba silnic Jihomoravského kraje',
  'Ředitelství silnic a dálnic ČR',
  'Česká inspekce životního prostředí',
  'Okresní správa sociálního zabezpečení Blansko',
  'Všeobecná zdravotní pojišťovna České republiky',
  'Úřad pro ochranu hospodářské soutěže',
  'Státní okresní archiv Blansko',
  'Svaz měst a obcí České republiky',
  'Svazek obcí Blanensko',
  'Ministerstvo pro místní rozvoj',
  'Státní fond životního prostředí ČR',
  'Ministerstvo zemědělství',
  'Povodí Moravy, s.p.',
  'Agentura ochrany přírody a krajiny ČR',
  'Krajské ředitelství policie Jihomoravského kraje',
  'Obecní úřad Jedovnice',
];

/** Companies (invented names, in the style of the district), most frequent first. */
export const COMPANIES: string[] = [
  'E.ON Energie, a.s.', 'ČEZ Prodej, a.s.', 'Technické služby Blansko, s.r.o.', 'SUEZ CZ a.s.', 'Vodárenská akciová společnost, a.s.',
  'O2 Czech Republic a.s.', 'Česká pošta, s.p.', 'innogy Energie, s.r.o.', 'Kooperativa pojišťovna, a.s.', 'ČSOB Leasing, a.s.',
  'Stavby Rájec s.r.o.', 'Blanenská stavební, s.r.o.', 'Elektro Moravský kras s.r.o.', 'Zahradnictví Skalka s.r.o.', 'Kancelářské potřeby Šebela s.r.o.',
  'DOPRAVA Blansko a.s.', 'KOMA Boskovice s.r.o.', 'Geodezie Macocha s.r.o.', 'Projekce Svitava s.r.o.', 'Autodoprava Novotný s.r.o.',
  'Instalatérství Kříž s.r.o.', 'Lesy Moravský kras, s.r.o.', 'Tiskárna Blansko s.r.o.', 'Kamenictví Adamov s.r.o.', 'Zemní práce Pokorný s.r.o.',
  'Pekárna Jedovnice s.r.o.', 'Sportovní areál Údolí Punkvy z.s.', 'TJ Sokol Bořitov, z.s.', 'Myslivecký spolek Holštejn, z.s.', 'SDH Lipovec',
  'GORDIC spol. s r.o.', 'Software602 a.s.', 'ALTUS software s.r.o.', 'Osvětlení Morava s.r.o.', 'Stavební huť Křtiny s.r.o.',
];

export const MALE_FIRST = ['Jan', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav', 'Miroslav', 'Zdeněk', 'Václav', 'Michal', 'František', 'Jiří', 'Karel', 'Lukáš', 'David', 'Jakub', 'Milan', 'Ondřej', 'Radek', 'Vladimír', 'Stanislav', 'Antonín', 'Roman', 'Marek'];
export const FEMALE_FIRST = ['Marie', 'Jana', 'Eva', 'Hana', 'Anna', 'Lenka', 'Kateřina', 'Věra', 'Lucie', 'Alena', 'Petra', 'Jaroslava', 'Veronika', 'Martina', 'Tereza', 'Michaela', 'Zdeňka', 'Ludmila', 'Helena', 'Ivana', 'Jitka', 'Monika', 'Zuzana', 'Markéta', 'Barbora'];
/** [male, female] forms. */
export const SURNAMES: [string, string][] = [
  ['Novák', 'Nováková'], ['Svoboda', 'Svobodová'], ['Novotný', 'Novotná'], ['Dvořák', 'Dvořáková'], ['Černý', 'Černá'],
  ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'], ['Veselý', 'Veselá'], ['Horák', 'Horáková'], ['Němec', 'Němcová'],
  ['Pokorný', 'Pokorná'], ['Marek', 'Marková'], ['Pospíšil', 'Pospíšilová'], ['Hájek', 'Hájková'], ['Jelínek', 'Jelínková'],
  ['Král', 'Králová'], ['Růžička', 'Růžičková'], ['Beneš', 'Benešová'], ['Fiala', 'Fialová'], ['Sedláček', 'Sedláčková'],
  ['Doležal', 'Doležalová'], ['Zeman', 'Zemanová'], ['Kolář', 'Kolářová'], ['Navrátil', 'Navrátilová'], ['Čermák', 'Čermáková'],
  ['Vaněk', 'Vaňková'], ['Urban', 'Urbanová'], ['Blaha', 'Blahová'], ['Kříž', 'Křížová'], ['Šebela', 'Šebelová'],
  ['Sedlák', 'Sedláková'], ['Müller', 'Müllerová'], ['Konečný', 'Konečná'], ['Malý', 'Malá'], ['Holub', 'Holubová'],
  ['Štěpánek', 'Štěpánková'], ['Kopecký', 'Kopecká'], ['Šimek', 'Šimková'], ['Hrubý', 'Hrubá'], ['Vlček', 'Vlčková'],
  ['Klíma', 'Klímová'], ['Polák', 'Poláková'], ['Musil', 'Musilová'], ['Matoušek', 'Matoušková'], ['Kratochvíl', 'Kratochvílová'],
  ['Hloušek', 'Hloušková'], ['Sehnal', 'Sehnalová'], ['Skoták', 'Skotáková'], ['Ševčík', 'Ševčíková'], ['Zouhar', 'Zouharová'],
];

export const STREETS = [
  'Komenského', 'Masarykova', 'Svitavská', 'Smetanova', 'Rožmitálova', 'Dvorská', 'Sadová', 'Mlýnská', 'Husova', 'Poříčí',
  'Na Řadech', 'Údolní', 'Pražská', 'Bezručova', 'Wanklova', 'Absolonova', 'nám. Republiky', 'Seifertova', 'Žižkova', 'Dukelská',
  'Havlíčkova', 'Nádražní', 'Zahradní', 'Školní', 'Polní', 'Palackého', 'Jasanová', 'Hybešova', 'Okružní', 'Dlouhá',
];

/** Katastrální území of the district (the tenants' names and some parts of Blansko). */
export const PLACES = [
  'Blansko', 'Klepačov', 'Lažánky u Blanska', 'Olešná u Blanska', 'Těchov', 'Dolní Lhota', 'Horní Lhota u Blanska', 'Obůrka', 'Hořice u Blanska',
  'Adamov', 'Bořitov', 'Černá Hora', 'Jedovnice', 'Rájec', 'Jestřebí', 'Ráječko', 'Lipůvka', 'Sloup v Moravském krasu', 'Křtiny', 'Rudice',
];

export const ROADS = ['III/37915', 'II/374', 'II/379', 'III/37913', 'III/3795', 'I/43', 'III/37444', 'II/377'];

export const MONTHS = ['leden', 'únor', 'březen', 'duben', 'květen', 'červen', 'červenec', 'srpen', 'září', 'říjen', 'listopad', 'prosinec'];

/** Reasons for cancellation (storno), settlement notes of method OTHER. */
export const CANCEL_REASONS = ['Duplicitní záznam', 'Chybně zaevidováno – patří do jiné evidence', 'Omylem zaevidovaný reklamní materiál'];
