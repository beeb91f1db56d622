/** An error the outermost handler turns into a response: its message is safe to show. */
export class HttpError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly rpcCode = -32600,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
