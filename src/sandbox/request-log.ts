/** Every API request the sandbox received, so a test can assert what was (and was not) sent. */

export interface RecordedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names; credentials replaced by "[redacted]". */
  headers: Record<string, string | string[]>;
  /** Parsed JSON body, the raw text when it was not JSON, or undefined. */
  body: unknown;
  /** Status the sandbox answered with (0 when the connection was dropped). */
  status: number;
  /** Organization the request acted on, when it was authorized. */
  orgId?: string;
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'cookie', 'proxy-authorization']);

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : value;
  }
  return out;
}

/**
 * The last `capacity` requests, oldest first. A ring: recording one request costs the same
 * however full the log is (the sandbox answers thousands of requests a second in the benchmark).
 */
export class RequestLog {
  private entries: RecordedRequest[] = [];
  /** Where the oldest entry is, once the ring is full. */
  private oldest = 0;
  private seq = 0;

  constructor(private readonly capacity = 5000) {}

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const recorded = { ...entry, seq: ++this.seq };
    if (this.entries.length < this.capacity) this.entries.push(recorded);
    else {
      this.entries[this.oldest] = recorded;
      this.oldest = (this.oldest + 1) % this.capacity;
    }
    return recorded;
  }

  all(): RecordedRequest[] {
    return [...this.entries.slice(this.oldest), ...this.entries.slice(0, this.oldest)];
  }

  clear(): void {
    this.entries = [];
    this.oldest = 0;
  }
}
