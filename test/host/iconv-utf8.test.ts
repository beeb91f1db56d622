/**
 * The bundle's iconv-lite stand-in answers raw-body's UTF-8 decoders itself
 * (scripts/iconv-utf8.cjs): they must decode exactly as iconv-lite's own, chunk by chunk.
 */
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { isUtf8, Utf8Decoder } = require('../../scripts/iconv-utf8.cjs') as {
  isUtf8(encoding: unknown): boolean;
  Utf8Decoder: new () => { write(buf: Buffer): string; end(): string | undefined };
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bodies with BOMs, multi-byte characters, invalid and cut-off sequences. */
function bodies(): Buffer[] {
  const texts = ['', '{"jsonrpc":"2.0"}', 'é', '日本語', '😀 emoji', '\uFEFF', 'a\uFEFFb'];
  const out = texts.flatMap((text) => [Buffer.from(text), Buffer.concat([BOM, Buffer.from(text)])]);
  out.push(
    Buffer.from([0xff, 0xfe, 0x41]),
    Buffer.from([0xe6, 0x97]),
    Buffer.from([0xf0, 0x9f, 0x98]),
  );
  out.push(
    Buffer.concat([BOM, BOM, Buffer.from('x')]),
    Buffer.from([0xc3]),
    Buffer.from([0xed, 0xa0, 0x80]),
  );
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 200; i += 1) {
    const length = Math.floor(random() * 24);
    out.push(Buffer.from(Array.from({ length }, () => Math.floor(random() * 256))));
  }
  return out;
}

/** Every way to cut `body` into two or three writes (and one write). */
function splits(body: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[body]];
  for (let i = 0; i <= body.length; i += 1) {
    ways.push([body.subarray(0, i), body.subarray(i)]);
    for (let j = i; j <= Math.min(body.length, i + 4); j += 1)
      ways.push([body.subarray(0, i), body.subarray(i, j), body.subarray(j)]);
  }
  return ways;
}

const run = (decoder: { write(buf: Buffer): string; end(): string | undefined }, parts: Buffer[]) =>
  [...parts.map((part) => decoder.write(part)), decoder.end()].join('|');

describe("the stand-in's UTF-8 decoder", () => {
  it('decodes every body, however it is cut into writes, as iconv-lite does', () => {
    let compared = 0;
    for (const body of bodies()) {
      for (const parts of splits(body)) {
        expect(run(new Utf8Decoder(), parts)).toBe(run(iconv.getDecoder('utf8'), parts));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('takes the names iconv-lite gives its UTF-8 codec, and no other', () => {
    for (const name of ['utf8', 'utf-8', 'UTF-8', 'Utf_8', 'unicode-1-1-utf-8', 'utf8:2024']) {
      expect(isUtf8(name), name).toBe(true);
      expect(iconv.getCodec(name).enc, name).toBe('utf8');
    }
    for (const name of ['cesu8', 'utf16le', 'latin1', 'utf-7', 'ascii', 'binary', '', 'utf88']) {
      expect(isUtf8(name), name).toBe(false);
    }
  });
});
