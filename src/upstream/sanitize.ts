/**
 * Turns an upstream error body into at most one short, printable sentence, or undefined. Only a
 * message field of a JSON body is considered; HTML pages, stacks and anything shaped like a
 * credential are dropped.
 */
const MAX_LENGTH = 200;
const CREDENTIAL = /\b(?:jca_[A-Za-z0-9]+|[A-Fa-f0-9]{32,}|Bearer\s+\S+)/g;

function pickMessage(body: unknown): unknown {
  if (typeof body === 'string') return undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail', 'title']) {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const nested = (value as Record<string, unknown>).message;
      if (typeof nested === 'string') return nested;
    }
  }
  return undefined;
}

export function sanitizeUpstreamMessage(body: unknown): string | undefined {
  const message = pickMessage(body);
  if (typeof message !== 'string') return undefined;
  const clean = message
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+at\s+\S+\s*\(.*$/s, '')
    .replace(CREDENTIAL, '[redacted]')
    .replace(/[<>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  return clean.length > MAX_LENGTH ? `${clean.slice(0, MAX_LENGTH - 1)}…` : clean;
}
