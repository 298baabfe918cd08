import { decodeCursor, encodeCursor, forwardPageInfo } from './cursor';

const ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

describe('one cursor codec', () => {
  it('round-trips each kind of part', () => {
    const at = new Date('2026-03-02T08:15:00.123Z');
    const c = encodeCursor('by-time', [at, ID]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'by-time', ['instant', 'uuid'])).toEqual([at, ID]);
    expect(decodeCursor(encodeCursor('journal', [ID, 2026, 17]), 'journal', ['uuid', 'int', 'int'])).toEqual([
      ID,
      2026,
      17,
    ]);
    expect(decodeCursor(encodeCursor('inventory', ['0051|0001', ID]), 'inventory', ['string', 'uuid'])).toEqual([
      '0051|0001',
      ID,
    ]);
  });

  it("refuses another list's cursor, a wrong shape and anything that is not a cursor, as BAD_USER_INPUT on the field", () => {
    const bad = [
      encodeCursor('journal', [ID, 2026, 17]),
      encodeCursor('by-time', ['2026-02-30T10:00:00.000Z', ID]),
      encodeCursor('by-time', [new Date(), 'not-a-uuid']),
      encodeCursor('by-time', [new Date()]),
      encodeCursor('by-time', [new Date(), ID, 'extra']),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('not json').toString('base64url'),
      'with spaces',
      'x'.repeat(2000),
    ];
    for (const cursor of bad) {
      expect(() => decodeCursor(cursor, 'by-time', ['instant', 'uuid'])).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }),
      );
    }
    expect(() => decodeCursor(encodeCursor('audit-log', [1.5]), 'audit-log', ['int'])).toThrow(/not a cursor/);
  });
});

describe('forwardPageInfo', () => {
  it('gives Relay PageInfo of a forward page', () => {
    const edges = [{ cursor: 'a' }, { cursor: 'b' }];
    expect(forwardPageInfo(edges, true, null)).toEqual({
      hasNextPage: true,
      endCursor: 'b',
      hasPreviousPage: false,
      startCursor: 'a',
    });
    expect(forwardPageInfo(edges, false, 'x')).toEqual({
      hasNextPage: false,
      endCursor: 'b',
      hasPreviousPage: true,
      startCursor: 'a',
    });
    expect(forwardPageInfo([], false, 'x')).toEqual({
      hasNextPage: false,
      endCursor: null,
      hasPreviousPage: true,
      startCursor: null,
    });
  });
});
