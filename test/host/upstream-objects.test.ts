/**
 * The lean request and answer objects of the upstream edge: an OutgoingRequest reads like the
 * fetch Request it stands for (and becomes one for any other fetch), a ReadResponse like the
 * Response it stands for.
 */
import { describe, expect, it } from 'vitest';
import { OutgoingRequest } from '../../src/upstream/outgoing-request.js';
import { ReadHeaders, ReadResponse } from '../../src/upstream/read-response.js';

describe('OutgoingRequest', () => {
  const init = {
    method: 'POST',
    headers: new Headers({ 'content-type': 'application/json', 'x-api-key': 'k' }),
    body: '{"a":"é"}',
  };

  it('reads as the Request it stands for', async () => {
    const lean = new OutgoingRequest('http://jumpcloud.test/api/search/x?limit=2', init);
    const real = new Request('http://jumpcloud.test/api/search/x?limit=2', {
      ...init,
      headers: new Headers(init.headers),
    });
    expect(lean.url).toBe(real.url);
    expect(lean.method).toBe(real.method);
    expect([...lean.headers]).toEqual([...real.headers]);
    expect(await lean.text()).toBe(await real.clone().text());
    expect(await lean.json()).toEqual({ a: 'é' });
    expect(Buffer.from(await lean.arrayBuffer())).toEqual(Buffer.from(await real.arrayBuffer()));
    expect(lean.body).not.toBeNull();
  });

  it('becomes a real Request with the same URL, method, headers and body', async () => {
    const real = new OutgoingRequest('http://jumpcloud.test/api/x', init).toRequest();
    expect(real).toBeInstanceOf(Request);
    expect(real.method).toBe('POST');
    expect(real.headers.get('x-api-key')).toBe('k');
    expect(await real.text()).toBe('{"a":"é"}');
  });

  it('a clone has headers of its own', () => {
    const first = new OutgoingRequest('http://jumpcloud.test/api/x', {
      headers: { 'x-api-key': 'k' },
    });
    const second = first.clone();
    second.headers.set('x-api-key', 'other');
    expect(first.headers.get('x-api-key')).toBe('k');
    expect(second.url).toBe(first.url);
    expect(first.body).toBeNull();
  });

  it('fields set later go over the merged headers, in every form the request is read or sent', async () => {
    const lean = new OutgoingRequest('http://jumpcloud.test/api/x', {
      method: 'POST',
      headers: new Headers({ 'content-type': 'application/json', 'x-org-id': 'from-handler' }),
      body: '{}',
    });
    lean.setFields({ 'x-org-id': 'org-1', 'user-agent': 'jumpcloudmcp-x-bot' });
    lean.setFields({ 'x-api-key': 'k' });
    const expected = {
      'content-type': 'application/json',
      'user-agent': 'jumpcloudmcp-x-bot',
      'x-api-key': 'k',
      'x-org-id': 'org-1',
    };
    // What the undici client sends, without folding the fields into the Headers list first.
    expect({ ...lean.headerFields() }).toEqual(expected);
    expect(Object.getPrototypeOf(lean.headerFields())).toBeNull();
    const clone = lean.clone();
    expect(Object.fromEntries(lean.toRequest().headers)).toEqual(expected);
    expect(Object.fromEntries(lean.headers)).toEqual(expected);
    expect({ ...lean.headerFields() }).toEqual(expected);
    expect(Object.fromEntries(clone.headers)).toEqual(expected);
    expect(await lean.toRequest().text()).toBe('{}');
  });

  it('refuses what a Request refuses: an unparsable URL, a GET with a body', () => {
    expect(() => new OutgoingRequest('/api/x')).toThrow(TypeError);
    expect(() => new OutgoingRequest('http://jumpcloud.test/', { body: 'x' })).toThrow(TypeError);
  });

  it('a text body without a content type is text/plain, as in a Request', () => {
    const lean = new OutgoingRequest('http://jumpcloud.test/', { method: 'PUT', body: 'x' });
    expect(lean.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });
});

describe('ReadResponse', () => {
  const fields = Object.assign(Object.create(null) as Record<string, string>, {
    'content-type': 'application/json',
    'x-total-count': '7',
    'retry-after': '3',
  });

  it('reads as a Response: status, case-insensitive headers in order, text and JSON', async () => {
    const response = new ReadResponse({
      status: 201,
      headers: new ReadHeaders(fields),
      bytes: Buffer.from('\ufeff{"a":1}'),
    });
    expect(response.ok).toBe(true);
    expect(response.headers.get('X-Total-Count')).toBe('7');
    expect(response.headers.get('constructor')).toBeNull();
    expect(response.headers.has('retry-after')).toBe(true);
    expect([...response.headers.keys()]).toEqual(['content-type', 'retry-after', 'x-total-count']);
    // The byte order mark goes, as Response.text() drops it.
    expect(await response.text()).toBe('{"a":1}');
    expect(await response.json()).toEqual({ a: 1 });
    expect(Buffer.from(await (await response.blob()).arrayBuffer()).toString()).toBe(
      '\ufeff{"a":1}',
    );
  });

  it('answers json() from the value parsed already, and rejects a body that is not JSON', async () => {
    const value = { b: [1] };
    const parsed = new ReadResponse({
      status: 200,
      headers: new ReadHeaders(fields),
      text: '{"b":[1]}',
      parsed: { value },
    });
    expect(await parsed.json()).toBe(value);
    const broken = new ReadResponse({ status: 200, headers: new ReadHeaders(fields), text: '<' });
    await expect(broken.json()).rejects.toThrow(SyntaxError);
  });

  it('has no body where none was given, and read-only headers', () => {
    const empty = new ReadResponse({ status: 204, headers: new ReadHeaders(fields) });
    expect(empty.body).toBeNull();
    expect(empty.ok).toBe(true);
    expect(() => empty.headers.set('x', 'y')).toThrow(TypeError);
    const cookies = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'];
    const withCookies = new ReadHeaders({ 'set-cookie': cookies.join(', ') }, cookies);
    expect(withCookies.getSetCookie()).toEqual(cookies);
    expect(new ReadResponse({ status: 404, headers: new ReadHeaders(fields) }).ok).toBe(false);
  });

  it('hands its fields over for an answer rebuilt from it, as they are', () => {
    const headers = new ReadHeaders({ ...fields });
    const taken = headers.takeFields();
    expect(Object.fromEntries(Object.entries(taken))).toEqual(
      Object.fromEntries(headers.entries()),
    );
    expect(Object.fromEntries(Object.entries(taken))).toEqual(fields);
  });
});
