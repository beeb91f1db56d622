/**
 * The few HTML pages of sign-in: the consent page and the error page. Plain HTML, no script; every
 * value is escaped.
 */
import type { Context } from 'koa';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2530}' +
  'h1{font-size:1.4rem}ul{padding-left:1.2rem}.who{background:#f2f5f8;border-radius:6px;padding:.6rem .9rem}' +
  'button{font:inherit;padding:.5rem 1.2rem;margin-right:.6rem;border-radius:6px;border:1px solid #8a99a8;cursor:pointer}' +
  'button.primary{background:#1f6feb;color:#fff;border-color:#1f6feb}.muted{color:#5b6877;font-size:.9rem}';

/** Sends a page with a policy that allows its inline style and nothing else. */
export function sendPage(ctx: Context, { title, body }: { title: string; body: string }): void {
  ctx.type = 'html';
  ctx.set(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  );
  ctx.set('Cache-Control', 'no-store');
  // With no-referrer the browser would post the consent form with `Origin: null`, which the
  // origin guard refuses; same-origin keeps the real origin on the form post and nothing beyond.
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function errorPage(
  ctx: Context,
  { status, title, message }: { status: number; title: string; message: string },
): void {
  ctx.status = status;
  sendPage(ctx, {
    title,
    body: `<h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>`,
  });
}

export interface ConsentView {
  uid: string;
  clientName: string;
  clientId: string;
  redirectHost?: string;
  person: { email: string; name?: string; role: string };
  /** What it may do, one line per granted scope. */
  abilities: readonly string[];
  /** What it may not do (scopes requested but outside the role). */
  withheld: readonly string[];
  toolCount: number;
}

export function consentPage(ctx: Context, view: ConsentView): void {
  const who = view.person.name
    ? `${escapeHtml(view.person.name)} (${escapeHtml(view.person.email)})`
    : escapeHtml(view.person.email);
  const list = (items: readonly string[]) =>
    `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  const action = `/oauth/interaction/${encodeURIComponent(view.uid)}`;
  sendPage(ctx, {
    title: `Allow ${view.clientName} to use JumpCloud?`,
    body:
      `<h1>Allow <span id="client">${escapeHtml(view.clientName)}</span> to act in JumpCloud as you?</h1>` +
      `<p class="who">Signed in as <strong id="person">${who}</strong>, JumpCloud role <strong id="role">${escapeHtml(view.person.role)}</strong>.</p>` +
      `<p>It will be able to:</p><div id="abilities">${list(view.abilities)}</div>` +
      (view.withheld.length > 0
        ? `<p>Your role does not allow it to:</p><div id="withheld">${list(view.withheld)}</div>`
        : '') +
      `<p class="muted">${view.toolCount} tools, each call recorded in the audit trail under your name. Client id ${escapeHtml(view.clientId)}${view.redirectHost ? `; you will return to ${escapeHtml(view.redirectHost)}` : ''}.</p>` +
      `<form method="post" action="${action}/confirm" style="display:inline"><button class="primary" id="allow" type="submit">Allow</button></form>` +
      `<form method="post" action="${action}/abort" style="display:inline"><button id="deny" type="submit">Deny</button></form>`,
  });
}
