/**
 * The compact table reads back exactly: a reader that knows only the rules the note lines state
 * (written here from the README, not from the code) rebuilds every row of the list from the text,
 * for hand-made edge cases, for random tables, and for a full page of every list tool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import { findList, resultText, tableText } from '../../src/mcp/result-text.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';
import { roundTripTables } from './round-trip-tables.js';

type Cells = Map<string, string>;

/** One CSV line: a cell is plain text up to the next comma, or a JSON string. */
function splitLine(line: string): { text: string; quoted: boolean }[] {
  const cells: { text: string; quoted: boolean }[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let j = i + 1;
      while (line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      cells.push({ text: JSON.parse(line.slice(i, j + 1)) as string, quoted: true });
      i = j + 1;
    } else {
      const end = line.indexOf(',', i);
      cells.push({ text: line.slice(i, end < 0 ? line.length : end), quoted: false });
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return cells;
    expect(line[i]).toBe(',');
    i += 1;
  }
}

const noteValue = (text: string) => (text.startsWith('"') ? (JSON.parse(text) as string) : text);
const mapValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The rows a table text stands for, read by the rules its note lines state. */
function readTable(text: string): { rows: Cells[]; utc: boolean } {
  const lines = text.split('\n');
  let utc = false;
  const constants = new Map<string, string>();
  const repeats: [string, string][] = [];
  const mappings: { columns: string[]; key: string; map: Record<string, unknown> }[] = [];
  const templates = new Map<string, { mark: string; template: string }>();
  const defaults = new Map<string, string>();
  const days = new Map<string, string>();
  let at = 0;
  for (; at < lines.length; at++) {
    const line = lines[at] as string;
    let m: RegExpExecArray | null;
    if (line === 'Times are UTC.') utc = true;
    else if ((m = /^Same in every row: (.*)$/.exec(line)))
      for (const [, column, value] of m[1]!.matchAll(/([^=;]+)=("(?:[^"\\]|\\.)*"|[^;]*)(?:; |$)/g))
        constants.set(column!, noteValue(value!));
    else if ((m = /^(.+): same as (.+)$/.exec(line))) repeats.push([m[1]!, m[2]!]);
    else if ((m = /^(.+?) for each (.+?): (\{.*\})$/.exec(line)))
      mappings.push({ columns: m[1]!.split(', '), key: m[2]!, map: JSON.parse(m[3]!) });
    else if ((m = /^(.+): a time without a date is on (\d{4}-\d\d-\d\d)$/.exec(line)))
      days.set(m[1]!, m[2]!);
    else if ((m = /^(.+): (empty|"=") is (.+)$/.exec(line))) {
      const [, columns, mark, value] = m as unknown as string[];
      if (value!.includes('{') && !value!.startsWith('"'))
        templates.set(columns!, { mark: mark === 'empty' ? '' : '=', template: value! });
      else for (const c of columns!.split(', ')) defaults.set(c, noteValue(value!));
    } else break;
  }
  const header = splitLine(lines[at] as string).map((c) => c.text);
  const rows = lines.slice(at + 1).map((line) => {
    const cells = splitLine(line);
    expect(cells).toHaveLength(header.length);
    const row: Cells = new Map();
    const marked = new Set<string>();
    header.forEach((column, i) => {
      const { text: value, quoted } = cells[i]!;
      if (!quoted && value === '=' && templates.get(column)?.mark === '=') marked.add(column);
      else if (!quoted && value === '' && defaults.has(column))
        row.set(column, defaults.get(column)!);
      else if (!quoted && value === '' && templates.get(column)?.mark === '') marked.add(column);
      else if (quoted || value !== '') row.set(column, value);
    });
    for (const [column, day] of days) {
      const value = row.get(column);
      if (value && /^\d\d:\d\d:\d\d$/.test(value)) row.set(column, `${day}T${value}`);
    }
    for (const [column, { template }] of templates) {
      const uses = [...template.matchAll(/\{([^}]+)\}/g)].map((u) => u[1]!);
      if (!marked.has(column) || !uses.every((u) => row.has(u))) continue;
      row.set(
        column,
        template.replace(/\{([^}]+)\}/g, (_, u: string) => row.get(u)!),
      );
    }
    for (const { columns, key, map } of mappings) {
      const k = row.get(key);
      if (k === undefined) continue;
      const value = map[k];
      columns.forEach((c, i) =>
        row.set(c, mapValue(columns.length === 1 ? value : (value as unknown[])[i])),
      );
    }
    for (const [column, original] of repeats) {
      const value = row.get(original);
      if (value !== undefined) row.set(column, value);
    }
    for (const [column, value] of constants) row.set(column, value);
    return row;
  });
  return { rows, utc };
}

/** A row as the table states it: dotted columns, text values, date-times without milliseconds. */
function expected(row: Record<string, unknown>, utc: boolean, prefix = '', out: Cells = new Map()) {
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'object' && value && !Array.isArray(value) && Object.keys(value).length)
      expected(value as Record<string, unknown>, utc, `${prefix}${key}.`, out);
    else if (value === null || value === undefined || value === '') continue;
    else if (typeof value === 'string') {
      const time = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(value);
      out.set(`${prefix}${key}`, time ? `${time[1]}${utc ? '' : 'Z'}` : value);
    } else
      out.set(`${prefix}${key}`, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return out;
}

function expectReadsBack(rows: Record<string, unknown>[]) {
  const text = tableText(rows);
  const read = readTable(text);
  expect(read.rows).toHaveLength(rows.length);
  rows.forEach((row, i) => expect(read.rows[i], text).toEqual(expected(row, read.utc)));
  return text;
}

describe('tableText(rows)', () => {
  it.each<[string, Record<string, unknown>[]]>([
    [
      'fewer than three rows, nothing folded',
      [{ id: 'a', t: '2026-01-02T03:04:05.678Z' }, { id: 'b' }],
    ],
    [
      'a literal "=", commas, quotes, line breaks, edge spaces',
      [
        { id: '1', a: '=', b: 'x,y', c: 'say "hi"', d: 'two\nlines', e: ' pad ' },
        { id: '2', a: 'p', b: 'x,y', c: 'q', d: 'r', e: 's' },
        { id: '3', a: '=', b: 'x,y', c: 'q', d: 'r', e: 's' },
      ],
    ],
    [
      'a constant holding the note separators',
      [1, 2, 3].map((n) => ({ id: String(n), org: 'a=b; c', tag: '{x}', n })),
    ],
    [
      'an email at one domain, set in some rows only, with another domain in one',
      [
        { id: '1', user: 'ann', email: 'ann@corp.example' },
        { id: '2', user: 'bob', email: 'bob@corp.example' },
        { id: '3', user: 'cy' },
        { id: '4', user: 'dee', email: 'dee@elsewhere.example' },
        { id: '5', user: 'eve', email: 'eve@corp.example' },
        { id: '6', email: 'root@corp.example' },
      ],
    ],
    [
      'a resource that is the actor in some rows and not set in others',
      Array.from({ length: 8 }, (_, i) => ({
        id: `e${i}`,
        actor: { id: `abcdef0123456789abcd00${i}`, name: `user.number${i}` },
        ...(i % 3 === 0
          ? {}
          : {
              resource: {
                id: i % 3 === 1 ? `abcdef0123456789abcd00${i}` : 'ffffffffffffffffffffffff',
              },
            }),
      })),
    ],
    [
      'flags, some not set in every row',
      Array.from({ length: 6 }, (_, i) => ({
        id: `d${i}`,
        active: i % 2 === 0,
        locked: i === 3,
        ...(i < 4 ? { mfa: i % 2 === 1 } : {}),
      })),
    ],
    [
      'a category that follows another, and a mixed-zone date-time',
      Array.from({ length: 12 }, (_, i) => ({
        id: `h${i}`,
        os: ['Mac OS X', 'Windows', 'Ubuntu'][i % 3],
        family: ['darwin', 'windows', 'linux'][i % 3],
        seen: i === 0 ? '2026-11-20T11:12:59' : `2026-11-20T1${i % 10}:00:0${i % 10}Z`,
      })),
    ],
    [
      'one day for most date-times, nested values and arrays',
      Array.from({ length: 10 }, (_, i) => ({
        id: `x${i}`,
        at: i < 7 ? `2026-11-20T0${i}:30:00.123Z` : `2026-10-0${i}T12:00:00Z`,
        tags: i % 2 ? ['a', 'b'] : [],
        nested: { deep: { value: i % 2 ? 'odd' : 'even' }, empty: {} },
      })),
    ],
  ])('%s reads back exactly', (_name, rows) => {
    expectReadsBack(rows);
  });

  it('reads back random tables', () => {
    for (const rows of roundTripTables()) expectReadsBack(rows);
  });

  it('says each fold once, above the header, when it saves enough to be worth a line', () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      _id: `5f0c${i}a1b2c3d4e5f6a7b8c9d`,
      username: `user.name${i}`,
      email: i === 5 ? 'someone.else@acme.example' : `user.name${i}@acme.example`,
      os: ['Mac OS X', 'Windows', 'Ubuntu Linux'][i % 3],
      osFamily: ['darwin', 'windows', 'linux'][i % 3],
      agentVersion: i % 4 ? '2.6.0' : '2.7.2',
      suspended: i === 2,
      lastContact: i === 7 ? '2026-10-02T08:15:00.000Z' : `2026-11-20T1${i}:00:00.000Z`,
      organization: 'org1',
    }));
    expect(tableText(rows)).toBe(
      [
        'Times are UTC.',
        'Same in every row: organization=org1',
        'email: empty is {username}@acme.example',
        'agentVersion: empty is 2.6.0',
        'lastContact: a time without a date is on 2026-11-20',
        '_id,username,email,os,osFamily,agentVersion,suspended,lastContact',
        '5f0c0a1b2c3d4e5f6a7b8c9d,user.name0,,Mac OS X,darwin,2.7.2,false,10:00:00',
        '5f0c1a1b2c3d4e5f6a7b8c9d,user.name1,,Windows,windows,,false,11:00:00',
        '5f0c2a1b2c3d4e5f6a7b8c9d,user.name2,,Ubuntu Linux,linux,,true,12:00:00',
        '5f0c3a1b2c3d4e5f6a7b8c9d,user.name3,,Mac OS X,darwin,,false,13:00:00',
        '5f0c4a1b2c3d4e5f6a7b8c9d,user.name4,,Windows,windows,2.7.2,false,14:00:00',
        '5f0c5a1b2c3d4e5f6a7b8c9d,user.name5,someone.else@acme.example,Ubuntu Linux,linux,,false,15:00:00',
        '5f0c6a1b2c3d4e5f6a7b8c9d,user.name6,,Mac OS X,darwin,,false,16:00:00',
        '5f0c7a1b2c3d4e5f6a7b8c9d,user.name7,,Windows,windows,,false,2026-10-02T08:15:00',
      ].join('\n'),
    );
  });
});

describe('a full page of every list tool reads back exactly', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7 });
  });
  afterAll(() => sandbox.close());

  const LISTS = tools.filter(
    (t) => t.annotations.readOnlyHint && 'limit' in (t.inputSchema.properties ?? {}),
  );

  const tabled: string[] = [];
  afterAll(() =>
    expect(tabled).toEqual(expect.arrayContaining(['users_list', 'devices_list', 'di_events_get'])),
  );

  it.each(LISTS.map((t) => [t.name, t] as const))('%s', async (name, tool) => {
    const org = sandbox.org(sandbox.orgIds[0]!)!;
    const args: Record<string, unknown> = { limit: 100 };
    if (name === 'di_events_get') Object.assign(args, { service: ['all'], start_time: '30d' });
    const ids: Record<string, string> = {
      user_group: org.userGroups[0]!.id,
      device_group: org.systemGroups[0]!.id,
      command: org.commands[0]!._id,
      application: org.applications[0]!._id,
    };
    if (tool.target) args[tool.target.idArg] = ids[tool.target.kind];
    const raw = await tool.handler(tool.input.parse(args), sandboxDeps(sandbox));
    const data = Array.isArray(raw) ? { results: raw } : raw;
    // A result with no list, or with more than one, is compact JSON, not a table.
    const slot = findList(data);
    if (!slot) return;
    tabled.push(name);
    const text = resultText(data, 'compact');
    const read = readTable(text.slice(text.indexOf(' rows):\n') + ' rows):\n'.length));
    expect(read.rows).toHaveLength(slot.rows.length);
    slot.rows.forEach((row, i) => expect(read.rows[i]).toEqual(expected(row, read.utc)));
  });
});
