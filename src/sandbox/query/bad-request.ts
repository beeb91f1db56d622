/** A client error the sandbox answers with the status and body JumpCloud uses. */
export class SandboxHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor({
    status,
    message,
    body,
    headers,
  }: {
    status: number;
    message: string;
    body?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    super(message);
    this.status = status;
    this.body = body ?? { code: status, message, status: STATUS_TEXT[status] ?? 'Error' };
    this.headers = headers ?? {};
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function badRequest(message: string): SandboxHttpError {
  return new SandboxHttpError({ status: 400, message });
}

export function notFound(kind: string, id: string): SandboxHttpError {
  return new SandboxHttpError({ status: 404, message: `${kind} ${id} not found` });
}
