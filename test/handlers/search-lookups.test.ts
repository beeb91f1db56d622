import { describe, expect, it } from 'vitest';
import { deviceItem, totalCountHeader, userItem } from '../../src/handlers/search-lookups.js';
import { v1QueryString, v2QueryString } from '../../src/upstream/request-helpers.js';

describe('v1QueryString(query, filters)', () => {
  it.each([
    [{ limit: 1, skip: 0 }, [], 'limit=1&skip=0'],
    [{ limit: 1 }, ['os:$eq:Windows'], 'limit=1&filter=os%3A%24eq%3AWindows'],
    [
      { limit: 5, fields: 'a b' },
      ['os:$eq:Mac OS X', 'version:$sw:14.'],
      'limit=5&fields=a+b&filter%5B0%5D=os%3A%24eq%3AMac+OS+X&filter%5B1%5D=version%3A%24sw%3A14.',
    ],
    [{ limit: 1, filter: 'ignored', skip: undefined }, ['a:$eq:b'], 'limit=1&filter=a%3A%24eq%3Ab'],
  ] as const)('%j %j', (query, filters, want) => {
    expect(v1QueryString(query, filters)).toBe(want);
  });
});

describe('v2QueryString(query)', () => {
  it.each([
    [{ limit: 1, fields: ['id', 'name'] }, 'limit=1&fields=id%2Cname'],
    [
      { filter: ['name:search:a', 'disabled:eq:false'] },
      'filter=name%3Asearch%3Aa&filter=disabled%3Aeq%3Afalse',
    ],
    [{ filter: [], fields: [], skip: undefined }, ''],
  ] as const)('%j', (query, want) => {
    expect(v2QueryString(query)).toBe(want);
  });
});

describe('totalCountHeader(response)', () => {
  it.each([
    ['42', 42],
    [' 7 ', 7],
    [null, null],
    ['abc', null],
    ['-3', null],
  ])('%j', (header, want) => {
    const headers = new Headers(header === null ? {} : { 'x-total-count': header });
    expect(totalCountHeader(new Response(null, { headers }))).toBe(want);
  });
});

describe('result items', () => {
  it('names a user by display name, full name, then username', () => {
    expect(
      userItem({ _id: 'u1', displayname: 'Jo', firstname: 'Jane', lastname: 'Doe', username: 'jd' })
        .name,
    ).toBe('Jo');
    expect(userItem({ _id: 'u1', firstname: 'Jane', lastname: 'Doe', username: 'jd' }).name).toBe(
      'Jane Doe',
    );
    expect(userItem({ _id: 'u1', username: 'jd' }).name).toBe('jd');
  });
  it('describes a device by name, hostname, OS and whether it is online', () => {
    expect(
      deviceItem({ _id: 'd1', hostname: 'h', os: 'Windows', version: '11 Pro', active: false }),
    ).toEqual({
      id: 'd1',
      name: 'h',
      hostname: 'h',
      os: 'Windows 11 Pro',
      online: false,
    });
  });
});
