import { DEMO_ARCHIVE, DEMO_MUNICIPALITIES, formatPostalAddress } from '@hub/kit';
import type { LocalBox } from './store';

/** Demo citizens (FO) and others with invented box ids (7 lowercase letters/digits, like real ones). */
export const DEMO_CITIZEN_BOXES: LocalBox[] = [
  { id: 'novakj1', type: 'FO', name: 'Jan Novák', address: 'Adamov 12, 679 04 Adamov' },
  { id: 'svobev2', type: 'FO', name: 'Eva Svobodová', address: 'Lažánky 45, 679 02 Lažánky' },
  { id: 'dvorpe3', type: 'FO', name: 'Petr Dvořák', address: 'Svitavská 8, 678 01 Blansko' },
];

/** Authorities and a company the demo name registers know (filing's seed: demokr1, demost2) plus the archive. */
export const DEMO_OTHER_BOXES: LocalBox[] = [
  {
    id: 'demokr1',
    type: 'OVM',
    name: 'Krajský úřad Jihomoravského kraje',
    address: 'Žerotínovo náměstí 449/3, 601 82 Brno',
  },
  { id: 'demost2', type: 'PO', name: 'Stavby Kras s.r.o.', address: 'Svitavská 1234/5, 678 01 Blansko' },
  { id: DEMO_ARCHIVE.dataBoxId, type: 'OVM', name: DEMO_ARCHIVE.name.slice(0, 100), address: DEMO_ARCHIVE.address },
  { id: 'fubk2ds', type: 'OVM', name: 'Finanční úřad pro Jihomoravský kraj', address: 'nám. Svobody 4, 602 00 Brno' },
];

/**
 * Boxes for `npm start`'s demo: one per demo municipality (its dataBoxId from kit's demo data, OVM, accepting the
 * hosted records-service certificate; Basic login `<box id>` / DEFAULT_PASSWORD), the citizens and the others.
 * DEMO DATA: every box id except the archive's is invented.
 */
export function demoBoxes(): LocalBox[] {
  const municipalities: LocalBox[] = DEMO_MUNICIPALITIES.map((m) => ({
    id: m.dataBoxId,
    type: 'OVM',
    name: m.name === 'Blansko' ? 'Město Blansko' : `Obec ${m.name}`,
    address: formatPostalAddress(m.seatAddress).slice(0, 100),
    hostedEsslCertificate: true,
  }));
  return [...municipalities, ...DEMO_CITIZEN_BOXES, ...DEMO_OTHER_BOXES];
}
