/**
 * iconv-lite's answer to `getDecoder(encoding)` without options, for UTF-8 alone: Node's
 * StringDecoder with a leading byte order mark dropped (iconv-lite's internal codec wrapped in its
 * StripBOM). The bundle's iconv-lite stand-in (scripts/build.ts) answers raw-body's UTF-8 reads with
 * it and loads the real module for anything else; test/host/iconv-utf8.test.ts holds it to the real
 * module's output.
 */
/* global Buffer, module, require */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module, bundled as one
const { StringDecoder } = require('node:string_decoder');

/** iconv-lite's canonical form of an encoding name. */
const canonical = (encoding) =>
  String(encoding)
    .toLowerCase()
    .replace(/:\d{4}$|[^0-9a-z]/g, '');

/** Whether iconv-lite names `encoding` its utf8 codec (unicode11utf8 is an alias of it). */
const isUtf8 = (encoding) => ['utf8', 'unicode11utf8'].includes(canonical(encoding));

function Utf8Decoder() {
  this.decoder = new StringDecoder('utf8');
  this.pass = false;
}

Utf8Decoder.prototype.write = function write(buf) {
  const res = this.decoder.write(Buffer.isBuffer(buf) ? buf : Buffer.from(buf));
  if (this.pass || !res) return res;
  this.pass = true;
  return res[0] === '\uFEFF' ? res.slice(1) : res;
};

Utf8Decoder.prototype.end = function end() {
  return this.decoder.end();
};

module.exports = { isUtf8, Utf8Decoder };
