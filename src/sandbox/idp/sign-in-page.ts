/** The sandbox identity provider's sign-in page: the people it knows, and a form. */
import type { Administrator } from '../types.js';

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export const SIGN_IN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

export function signInPage({
  uid,
  people,
  password,
  error,
}: {
  uid: string;
  people: readonly Administrator[];
  password: string;
  error?: string;
}): string {
  const rows = people
    .map(
      (person) =>
        `<tr><td>${escape(person.email)}</td><td>${escape(person.roleName)}</td><td>${person.suspended ? 'suspended' : ''}</td></tr>`,
    )
    .join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox sign-in</title>' +
    '<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}' +
    'td{padding:.15rem .6rem .15rem 0}input{font:inherit;padding:.3rem;width:20rem}button{font:inherit;padding:.4rem 1rem}' +
    '.error{color:#b42318}</style></head><body>' +
    '<h1>Sandbox identity provider</h1>' +
    `<p>Sign in as one of the sandbox organizations' administrators; every one has the password <code>${escape(password)}</code>.</p>` +
    (error ? `<p class="error" id="error">${escape(error)}</p>` : '') +
    `<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">` +
    '<p><label>Email<br><input id="email" name="email" type="email" autocomplete="username" required></label></p>' +
    '<p><label>Password<br><input id="password" name="password" type="password" autocomplete="current-password" required></label></p>' +
    '<p><button id="sign-in" type="submit">Sign in</button></p></form>' +
    `<table><thead><tr><th align="left">Administrator</th><th align="left">Role</th><th></th></tr></thead><tbody>${rows}</tbody></table>` +
    '</body></html>'
  );
}
