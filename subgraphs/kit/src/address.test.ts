import { formatPostalAddress, validatePostalAddress, type PostalAddress } from './address';

const base: PostalAddress = {
  street: 'nám. Republiky',
  houseNumber: '1316',
  orientationNumber: '1',
  municipality: 'Blansko',
  municipalityPart: null,
  postCode: '67801',
};

describe('postal addresses (kit address.ts)', () => {
  it.each<[string, Partial<PostalAddress>, string]>([
    ['street, čp/čo', {}, 'nám. Republiky 1316/1, 678 01 Blansko'],
    ['no číslo orientační', { orientationNumber: null }, 'nám. Republiky 1316, 678 01 Blansko'],
    [
      'village without streets',
      { street: 'Lubě', houseNumber: '35', orientationNumber: null, municipality: 'Lubě', postCode: '67971' },
      'Lubě 35, 679 71 Lubě',
    ],
    ['part of the municipality', { municipalityPart: 'Klepačov' }, 'nám. Republiky 1316/1, Klepačov, 678 01 Blansko'],
    [
      'part equal to the municipality is not repeated',
      { municipalityPart: 'Blansko' },
      'nám. Republiky 1316/1, 678 01 Blansko',
    ],
    [
      'číslo evidenční',
      { houseNumber: 'ev. č. 7', orientationNumber: null },
      'nám. Republiky ev. č. 7, 678 01 Blansko',
    ],
  ])('formats %s', (_, change, text) => {
    expect(formatPostalAddress({ ...base, ...change })).toBe(text);
  });

  it('normalises input: trimmed, spaces folded, PSČ without its space, empty optional parts to null', () => {
    expect(
      validatePostalAddress(
        {
          ...base,
          street: '  nám.  Republiky ',
          postCode: '678 01',
          municipalityPart: ' ',
          orientationNumber: undefined,
        },
        'seatAddress',
      ),
    ).toEqual({
      ...base,
      orientationNumber: null,
      municipalityPart: null,
    });
  });

  it.each<[string, Partial<Record<keyof PostalAddress, string | null>>]>([
    ['postCode', { postCode: '6780' }],
    ['postCode', { postCode: '878 01' }],
    ['postCode', { postCode: 'abcde' }],
    ['street', { street: '' }],
    ['street', { street: 'a'.repeat(101) }],
    ['municipality', { municipality: null }],
    ['houseNumber', { houseNumber: '' }],
    ['houseNumber', { houseNumber: '1316a' }],
    ['houseNumber', { houseNumber: '1234567' }],
    ['orientationNumber', { orientationNumber: '0' }],
    ['orientationNumber', { orientationNumber: '12AB' }],
    ['municipalityPart', { municipalityPart: 'b'.repeat(101) }],
  ])('refuses a wrong %s naming the field', (part, change) => {
    expect(() => validatePostalAddress({ ...base, ...change }, 'seatAddress')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: `seatAddress.${part}` }),
      }),
    );
  });
});
