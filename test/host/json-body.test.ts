import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonRpcBody, readBodyText } from '../../src/middleware/json-body.js';

/** A request body arriving in the given chunks, then ending (or aborting). */
function stream(chunks: readonly Buffer[], end: 'end' | 'abort' = 'end'): IncomingMessage {
  const body = new Readable({ read() {} });
  let at = 0;
  const next = () => {
    if (at < chunks.length) {
      body.push(chunks[at++]);
      setImmediate(next);
    } else if (end === 'end') body.push(null);
    else {
      body.emit('aborted');
      body.destroy();
    }
  };
  setImmediate(next);
  return body as unknown as IncomingMessage;
}

type Outcome = { text: string } | { refused: 'too large' | 'unreadable' };

/** What raw-body (the reader before) made of the body, as the body step answers it. */
async function rawBody(
  chunks: readonly Buffer[],
  limit: number,
  length: string | undefined,
  end: 'end' | 'abort',
): Promise<Outcome> {
  try {
    return {
      text: await getRawBody(stream(chunks, end), { limit, length, encoding: 'utf8' }),
    };
  } catch (caught) {
    const type = (caught as { type?: string }).type;
    return { refused: type === 'entity.too.large' ? 'too large' : 'unreadable' };
  }
}

async function ours(
  chunks: readonly Buffer[],
  limit: number,
  length: string | undefined,
  end: 'end' | 'abort',
): Promise<Outcome> {
  try {
    return { text: await readBodyText(stream(chunks, end), limit, length) };
  } catch (caught) {
    return { refused: (caught as Error).message as 'too large' | 'unreadable' };
  }
}

/** A small deterministic generator, so a failure names its case. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

const PIECES = [
  Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/list"}'),
  Buffer.from('\ufeff'),
  Buffer.from('é€😀'),
  Buffer.from([0xef, 0xbb]),
  Buffer.from([0xbf]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xf0, 0x9f, 0x98]),
  Buffer.from([0x80, 0xff, 0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from('"text"'),
  Buffer.alloc(0),
];

function split(bytes: Buffer, next: (n: number) => number): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = 1 + next(Math.min(8, bytes.length - at));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('readBodyText(req, limit, contentLength)', () => {
  it('reads what raw-body reads: the same text, UTF-8 repairs and BOM, the same refusals', async () => {
    const next = random(14);
    for (let round = 0; round < 600; round += 1) {
      const bytes = Buffer.concat(
        Array.from({ length: next(6) }, () => PIECES[next(PIECES.length)]!),
      );
      const chunks = next(3) === 0 ? [bytes] : split(bytes, next);
      const limit = next(4) === 0 ? Math.max(0, bytes.length - 1 - next(4)) : 1024;
      const lengths = [undefined, String(bytes.length), String(bytes.length + 1), 'x', ''];
      const length = lengths[next(lengths.length)] || undefined;
      const end = next(10) === 0 ? 'abort' : 'end';
      const label = `round ${round}: ${bytes.toString('hex')} in ${chunks.length}, limit ${limit}, length ${length}, ${end}`;
      expect(await ours(chunks, limit, length, end), label).toEqual(
        await rawBody(chunks, limit, length, end),
      );
    }
  });

  it('refuses a Content-Length over the limit before reading, and a body that grows past it', async () => {
    expect(await ours([Buffer.from('{}')], 10, '11', 'end')).toEqual({ refused: 'too large' });
    expect(await ours([Buffer.from('{"a":'), Buffer.from('"long"}')], 8, undefined, 'end')).toEqual(
      { refused: 'too large' },
    );
    expect(await ours([Buffer.from('\ufeff{}')], 10, undefined, 'end')).toEqual({ text: '{}' });
  });
});

describe('parseJsonRpcBody({ text }) nesting', () => {
  const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
  const message = (value: string) =>
    `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"v":${value}}}}`;

  it('refuses a value nested deeper than the limit, naming its path', () => {
    // The message, params and arguments are three levels; the value adds the rest.
    expect(() => parseJsonRpcBody({ text: message(nested(MAX_JSON_DEPTH - 3)) })).not.toThrow();
    expect(() => parseJsonRpcBody({ text: message(nested(MAX_JSON_DEPTH - 2)) })).toThrow(
      /Invalid params: params\.arguments\.v nests arrays or objects more than 64 levels deep/,
    );
  });

  it('counts brackets in strings only as text: many of them nest nothing', () => {
    const text = message(JSON.stringify('['.repeat(500)));
    expect(parseJsonRpcBody({ text })).toMatchObject({
      params: { arguments: { v: '['.repeat(500) } },
    });
    const wide = message(`[${Array.from({ length: 200 }, () => '{}').join(',')}]`);
    expect(() => parseJsonRpcBody({ text: wide })).not.toThrow();
  });
});
