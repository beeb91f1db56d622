/**
 * Where this server is reached from outside: its public origin (configured, or the listening
 * address once known), from which the resource identifier (`<origin>/v1`), the issuer of the
 * built-in authorization server and every metadata URL derive.
 */
export interface Site {
  readonly origin: string;
  /** The resource identifier of the MCP endpoint (RFC 8707): `<origin>/v1`. */
  readonly resource: string;
  /** RFC 9728 metadata URL of the MCP endpoint. */
  readonly resourceMetadataUrl: string;
  /** Sets the origin once the server listens, unless a public URL was configured. */
  listening(origin: string): void;
}

export function createSite(publicUrl?: string): Site {
  let origin = publicUrl?.replace(/\/+$/, '');
  const known = () => {
    if (!origin) throw new Error('the server origin is not known before it listens');
    return origin;
  };
  return {
    get origin() {
      return known();
    },
    get resource() {
      return `${known()}/v1`;
    },
    get resourceMetadataUrl() {
      return `${known()}/.well-known/oauth-protected-resource/v1`;
    },
    listening(address) {
      origin ??= address;
    },
  };
}
