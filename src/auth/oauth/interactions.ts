/**
 * The browser part of sign-in with the built-in authorization server: send the person to the
 * organization's identity provider, take them back (state bound to their browser by a cookie),
 * refuse anyone who is not an administrator, then ask for consent naming the client, the person
 * and what it may do.
 */
import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import type { AccessResolver } from './access.js';
import { accountId } from './authorization-server.js';
import type { AccountRecord } from './authorization-server.js';
import type { AdapterFactory } from './memory-adapter.js';
import { consentPage, errorPage } from './pages.js';
import { SCOPE_DESCRIPTIONS, SCOPES, isScope } from './scopes.js';
import type { Scope } from './scopes.js';
import type { Site } from './site.js';
import { UpstreamSignInError } from './upstream-idp.js';
import type { UpstreamIdp } from './upstream-idp.js';

const STATE_COOKIE = 'jcmcp.upstream';
const CALLBACK_PATH = '/oauth/callback';
const ACCOUNT_TTL_SECONDS = 14 * 24 * 3600;

interface UpstreamLogin {
  [key: string]: unknown;
  uid: string;
  nonce: string;
  codeVerifier: string;
}

export function interactionRoutes({
  site,
  provider,
  idp,
  access,
  adapters,
  logger,
}: {
  site: Site;
  provider: () => Provider;
  idp: () => UpstreamIdp;
  access: AccessResolver;
  adapters: AdapterFactory;
  logger: Logger;
}): Router {
  const router = new Router();
  const logins = adapters('UpstreamLogin');
  const accounts = adapters('Account');

  /** Ends the interaction with an OAuth error: the client receives it at its redirect URI. */
  const refuse = async (ctx: Context, uid: string, description: string) => {
    const interaction = await provider().Interaction.find(uid);
    if (!interaction) {
      errorPage(ctx, { status: 400, title: 'Sign-in expired', message: description });
      return;
    }
    interaction.result = { error: 'access_denied', error_description: description };
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    ctx.status = 303;
    ctx.redirect(interaction.returnTo);
  };

  const details = async (ctx: Context) => {
    try {
      return await provider().interactionDetails(ctx.req, ctx.res);
    } catch {
      errorPage(ctx, {
        status: 400,
        title: 'Sign-in expired',
        message:
          'This sign-in is no longer valid (it expired, was finished, or was opened in another browser). Start again from your MCP client.',
      });
      return undefined;
    }
  };

  router.get('/oauth/interaction/:uid', async (ctx) => {
    const interaction = await details(ctx);
    if (!interaction) return;
    if (interaction.prompt.name === 'login') {
      const start = await idp().start(`${site.origin}${CALLBACK_PATH}`);
      const record: UpstreamLogin = {
        uid: interaction.uid,
        nonce: start.nonce,
        codeVerifier: start.codeVerifier,
      };
      await logins.upsert(start.state, record, 600);
      ctx.cookies.set(STATE_COOKIE, start.state, {
        path: CALLBACK_PATH,
        httpOnly: true,
        sameSite: 'lax',
        signed: false,
        overwrite: true,
      });
      ctx.status = 303;
      ctx.redirect(start.url);
      return;
    }
    if (interaction.prompt.name !== 'consent') {
      errorPage(ctx, { status: 400, title: 'Sign-in failed', message: 'Unexpected sign-in step.' });
      return;
    }
    const account = interaction.session
      ? ((await accounts.find(interaction.session.accountId)) as AccountRecord | undefined)
      : undefined;
    if (!account) return refuse(ctx, interaction.uid, 'The signed-in account is no longer known.');
    const result = await access.resolve({ email: account.email, groups: account.groups });
    if (!result.ok) return refuse(ctx, interaction.uid, result.reason);
    const requested = requestedScopes(interaction.prompt.details, site.resource);
    const granted = SCOPES.filter((s) => requested.includes(s) && result.roleScopes.includes(s));
    const narrowed = await access.resolve({
      email: account.email,
      groups: account.groups,
      tokenScopes: granted,
    });
    const client = await provider().Client.find(interaction.params.client_id);
    const redirect =
      typeof interaction.params.redirect_uri === 'string'
        ? safeHost(interaction.params.redirect_uri)
        : undefined;
    consentPage(ctx, {
      uid: interaction.uid,
      clientName: client?.clientName ?? interaction.params.client_id,
      clientId: interaction.params.client_id,
      ...(redirect ? { redirectHost: redirect } : {}),
      person: { email: account.email, name: account.name, role: result.admin.roleName },
      abilities: granted.map((s) => SCOPE_DESCRIPTIONS[s]),
      withheld: requested.filter((s) => !granted.includes(s)).map((s) => SCOPE_DESCRIPTIONS[s]),
      toolCount: narrowed.ok ? (narrowed.grant.tools?.length ?? 0) : 0,
    });
  });

  router.get(CALLBACK_PATH, async (ctx) => {
    const state = typeof ctx.query.state === 'string' ? ctx.query.state : '';
    const cookie = ctx.cookies.get(STATE_COOKIE, { signed: false });
    ctx.cookies.set(STATE_COOKIE, null, { path: CALLBACK_PATH });
    if (!state || !cookie || cookie !== state) {
      errorPage(ctx, {
        status: 400,
        title: 'Sign-in failed',
        message:
          'The sign-in response does not belong to a sign-in started in this browser (state mismatch). Start again from your MCP client.',
      });
      return;
    }
    const login = (await logins.find(state)) as UpstreamLogin | undefined;
    await logins.destroy(state);
    if (!login) {
      errorPage(ctx, {
        status: 400,
        title: 'Sign-in expired',
        message: 'This sign-in expired or was already used. Start again from your MCP client.',
      });
      return;
    }
    if (typeof ctx.query.error === 'string') {
      return refuse(
        ctx,
        login.uid,
        `The identity provider refused the sign-in (${ctx.query.error.slice(0, 60)}).`,
      );
    }
    let identity;
    try {
      const callbackUrl = new URL(`${site.origin}${CALLBACK_PATH}${ctx.search}`);
      identity = await idp().finish({
        callbackUrl,
        state,
        nonce: login.nonce,
        codeVerifier: login.codeVerifier,
      });
    } catch (error) {
      if (error instanceof UpstreamSignInError) return refuse(ctx, login.uid, error.message);
      throw error;
    }
    const result = await access.resolve({ email: identity.email, groups: identity.groups });
    if (!result.ok) {
      logger.info({ msg: 'sign-in refused', email: identity.email }, 'sign-in refused');
      return refuse(ctx, login.uid, result.reason);
    }
    const id = accountId(identity.issuer, identity.subject);
    const account: AccountRecord = {
      email: identity.email,
      ...(identity.name ? { name: identity.name } : {}),
      groups: identity.groups,
    };
    await accounts.upsert(id, account, ACCOUNT_TTL_SECONDS);
    const interaction = await provider().Interaction.find(login.uid);
    if (!interaction) {
      errorPage(ctx, {
        status: 400,
        title: 'Sign-in expired',
        message: 'This sign-in expired. Start again from your MCP client.',
      });
      return;
    }
    interaction.result = { login: { accountId: id } };
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    ctx.status = 303;
    ctx.redirect(interaction.returnTo);
  });

  router.post('/oauth/interaction/:uid/confirm', async (ctx) => {
    const interaction = await details(ctx);
    if (!interaction) return;
    if (interaction.prompt.name !== 'consent' || !interaction.session) {
      errorPage(ctx, { status: 400, title: 'Sign-in failed', message: 'Nothing to confirm.' });
      return;
    }
    const { accountId: id } = interaction.session;
    const account = (await accounts.find(id)) as AccountRecord | undefined;
    if (!account) return refuse(ctx, interaction.uid, 'The signed-in account is no longer known.');
    const result = await access.resolve({ email: account.email, groups: account.groups });
    if (!result.ok) return refuse(ctx, interaction.uid, result.reason);
    const { Grant } = provider();
    const grant =
      (interaction.grantId ? await Grant.find(interaction.grantId) : undefined) ??
      new Grant({ accountId: id, clientId: interaction.params.client_id });
    const promptDetails = interaction.prompt.details;
    // OpenID scopes only say who signed in; what the token may do is the resource's scopes.
    const oidcScopes = (promptDetails.missingOIDCScope as string[] | undefined) ?? [];
    const identity = oidcScopes.filter((s) => !isScope(s));
    if (identity.length > 0) grant.addOIDCScope(identity.join(' '));
    for (const scope of oidcScopes.filter(isScope)) grant.rejectOIDCScope(scope);
    const requested = requestedScopes(promptDetails, site.resource);
    const granted = requested.filter((s) => result.roleScopes.includes(s));
    if (granted.length > 0) grant.addResourceScope(site.resource, granted.join(' '));
    for (const scope of requested.filter((s) => !granted.includes(s))) {
      grant.rejectResourceScope(site.resource, scope);
    }
    const grantId = await grant.save();
    logger.info(
      {
        msg: 'consent given',
        email: account.email,
        client: interaction.params.client_id,
        scopes: granted,
      },
      'consent given',
    );
    const returnTo = await provider().interactionResult(
      ctx.req,
      ctx.res,
      { consent: interaction.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  });

  router.post('/oauth/interaction/:uid/abort', async (ctx) => {
    const interaction = await details(ctx);
    if (!interaction) return;
    const returnTo = await provider().interactionResult(
      ctx.req,
      ctx.res,
      { error: 'access_denied', error_description: 'The administrator declined the request.' },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  });

  return router;
}

function requestedScopes(details: Record<string, unknown>, resource: string): Scope[] {
  const missing = details.missingResourceScopes as Record<string, string[]> | undefined;
  return (missing?.[resource] ?? []).filter(isScope);
}

function safeHost(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : url.protocol;
  } catch {
    return undefined;
  }
}
