/**
 * Which API operation an upstream request is: the spec id, the method and the path template
 * (`/systemusers/{id}`, never a concrete id). The API a handler calls knows the template and hands
 * it to the fetch below through the request object.
 */
export interface Operation {
  /** Spec id: v1, v2, insights. */
  api: string;
  method: string;
  /** The path template of the spec, e.g. `/systemusers/{id}`. */
  path: string;
}

/** Where a request carries its operation: a property of its own, not a WeakMap entry to collect. */
const OPERATION = Symbol('operation');

type Tagged = Request & { [OPERATION]?: Operation };

/** Tags a request with its operation, for the upstream fetch to read with operationOf. */
export function tagOperation(request: Request, operation: Operation): void {
  (request as Tagged)[OPERATION] = operation;
}

/** A concrete path with its id-like segments replaced, for a request that carries no template. */
function templated(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) && segment.length >= 8 ? '{id}' : segment))
    .join('/');
}

export function operationOf(request: Request): Operation {
  return (
    (request as Tagged)[OPERATION] ?? {
      api: 'unknown',
      method: request.method,
      path: templated(new URL(request.url).pathname),
    }
  );
}

/**
 * POST operations that only read: V1 `POST /search/*` and Directory Insights `POST /events*`.
 * They, and every GET, may be sent again after a transient failure; nothing else is.
 */
const READ_POSTS: Readonly<Record<string, RegExp>> = {
  v1: /^\/search\//,
  insights: /^\/events(\/|$)/,
};

export function isReadOperation(operation: Operation): boolean {
  if (operation.method === 'GET' || operation.method === 'HEAD') return true;
  if (operation.method !== 'POST') return false;
  return READ_POSTS[operation.api]?.test(operation.path) ?? false;
}
