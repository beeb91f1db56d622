/**
 * OAuth end-to-end harness: the sandbox API, the sandbox identity provider, and the real server in
 * OAuth mode (built-in authorization server, service account upstream) on loopback; a headless
 * Chromium (Debian's /usr/bin/chromium through playwright-core) for the sign-in and consent pages;
 * and an `OAuthClientProvider` for the MCP SDK's own OAuth support.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Administrator, Sandbox } from '../../src/sandbox/index.js';
import { SANDBOX_PASSWORD, startSandboxIdp } from '../../src/sandbox/idp/index.js';
import type { SandboxIdp } from '../../src/sandbox/idp/index.js';
import { ListenError } from '../../src/http-server.js';
import { onFreePort } from '../free-port.js';
import { startServer } from '../../src/start.js';
import type { StartedServer } from '../../src/start.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The test client's loopback redirect receiver (as a native MCP client runs one). */
async function startReceiver(): Promise<{ redirectUri: string; close(): Promise<void> }> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('back at the client');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * What a server needs to sign administrators in through `idp` and to read their roles with the
 * sandbox's service account: its arguments and the secrets it reads from the environment.
 */
export function oauthSignIn(
  idp: SandboxIdp,
  sandbox: Sandbox,
): { argv: string[]; env: Record<string, string> } {
  return {
    argv: [
      '--auth',
      'oauth,api-key',
      '--oauth-idp-issuer',
      idp.issuer,
      '--oauth-idp-client-id',
      idp.clientId,
      '--service-account-client-id',
      sandbox.serviceAccount.clientId,
      '--service-account-token-url',
      sandbox.serviceAccount.tokenUrl,
    ],
    env: {
      JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_SECRET: idp.clientSecret,
      JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET: sandbox.serviceAccount.clientSecret,
    },
  };
}

export interface OAuthE2e {
  sandbox: Sandbox;
  idp: SandboxIdp;
  server: StartedServer;
  /** The MCP endpoint. */
  url: string;
  origin: string;
  /** The test client's redirect URI. */
  redirectUri: string;
  logs: string[];
  audit(): Promise<Record<string, unknown>[]>;
  /** A sandbox administrator of the first organization with this role. */
  admin(role: string): Administrator;
  browser(): Promise<Browser>;
  close(): Promise<void>;
}

export async function startOAuthE2e({
  argv = [],
  env = {},
  policy,
}: { argv?: string[]; env?: Record<string, string>; policy?: string } = {}): Promise<OAuthE2e> {
  const sandbox = await startSandbox({});
  const receiver = await startReceiver();
  const dir = await mkdtemp(join(tmpdir(), 'jumpcloud-mcp-oauth-'));
  const auditPath = join(dir, 'audit.log');
  const people = () => sandbox.orgIds.flatMap((id) => sandbox.org(id)?.admins ?? []);
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  let policyArgs: string[] = [];
  if (policy) {
    const path = join(dir, 'policy.yaml');
    await writeFile(path, policy);
    policyArgs = ['--oauth-policy', path];
  }
  // The identity provider is told the server's callback before the server listens, so the port is
  // chosen first, and another listener (a parallel test file's) can take it meanwhile: then the
  // identity provider and the server are started again on another port.
  const startOn = async (port: number) => {
    const origin = `http://127.0.0.1:${port}`;
    const idp = await startSandboxIdp({ people, redirectUris: [`${origin}/oauth/callback`] });
    const signIn = oauthSignIn(idp, sandbox);
    const config = loadConfig({
      argv: [
        '--port',
        String(port),
        '--base-url',
        sandbox.url,
        ...signIn.argv,
        '--audit-log',
        auditPath,
        ...policyArgs,
        ...argv,
      ],
      env: {
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'oauth-suite-confirmation-secret-0123456789-abcdef',
        JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '1000',
        ...signIn.env,
        ...env,
      },
    });
    try {
      const server = await startServer({
        config,
        logger: createLogger({ level: 'info', destination }),
      });
      return { origin, idp, server };
    } catch (error) {
      await idp.close();
      throw error;
    }
  };
  const { origin, idp, server } = await onFreePort(
    startOn,
    (error) => error instanceof ListenError && error.code === 'EADDRINUSE',
  );
  let browser: Browser | undefined;
  return {
    sandbox,
    idp,
    server,
    url: server.url,
    origin,
    redirectUri: receiver.redirectUri,
    logs,
    audit: async () =>
      (await readFile(auditPath, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    admin: (role) => {
      const found = sandbox
        .org(sandbox.orgIds[0]!)!
        .admins.find((a) => a.roleName === role && !a.suspended);
      if (!found) throw new Error(`no sandbox admin with role ${role}`);
      return found;
    },
    browser: async () => {
      browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      return browser;
    },
    close: async () => {
      await browser?.close();
      await server.close();
      await idp.close();
      await sandbox.close();
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An OAuth client as an MCP client keeps it: registration, verifier and tokens in memory. */
export class MemoryOAuthClient implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = '';
  authorizationUrl?: URL;
  constructor(
    private readonly redirectUri: string,
    private readonly metadata: Partial<OAuthClientMetadata> = {},
  ) {}
  get redirectUrl(): string {
    return this.redirectUri;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Test MCP Client',
      redirect_uris: [this.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...this.metadata,
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/**
 * Drives the sign-in in the browser: the authorization URL, the identity provider's sign-in page
 * (as `email`), then the consent page (`allow` or `deny`). Returns the URL the browser was finally
 * sent to at the client's redirect URI, and the consent page's text when it was shown.
 */
export async function signInInBrowser({
  browser,
  authorizationUrl,
  redirectUri,
  email,
  consent = 'allow',
  password = SANDBOX_PASSWORD,
}: {
  browser: Browser;
  authorizationUrl: string;
  redirectUri: string;
  email: string;
  consent?: 'allow' | 'deny';
  password?: string;
}): Promise<{ redirect: URL; consentText?: string; page: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const atClient = () => page.url().startsWith(redirectUri);
  try {
    await page.goto(authorizationUrl);
    let consentText: string | undefined;
    if (!atClient() && (await page.locator('#sign-in').count()) > 0) {
      await page.fill('#email', email);
      await page.fill('#password', password);
      await Promise.all([page.waitForLoadState(), page.click('#sign-in')]);
    }
    if (!atClient() && (await page.locator('#allow').count()) > 0) {
      consentText = await page.locator('body').innerText();
      await Promise.all([
        page.waitForLoadState(),
        page.click(consent === 'allow' ? '#allow' : '#deny'),
      ]);
    }
    const text = await page.locator('body').innerText();
    return { redirect: new URL(page.url()), consentText, page: text };
  } finally {
    await context.close();
  }
}
