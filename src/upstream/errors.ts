/**
 * One upstream error hierarchy. Only sanitized text reaches the model: never a raw body, a stack,
 * a header or a credential.
 */
export class ToolError extends Error {
  /** Text for the model: what happened and how to recover. */
  readonly expose = true;
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export class UpstreamError extends ToolError {
  /** Set when no usable HTTP answer arrived (status 0). */
  failure?: 'timeout' | 'cancelled' | 'network' | 'malformed';

  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** 4xx are the caller's problem; 5xx and transport failures are incidents worth logging. */
  get isIncident(): boolean {
    return this.status >= 500 || this.status === 0;
  }
}
