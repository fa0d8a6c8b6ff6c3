/**
 * The login page, pure: a server-rendered form (labels, autocomplete, error linked to the fields,
 * no script) that posts the credentials, the CSRF token and the pending authorization request.
 * @see https://www.w3.org/WAI/tutorials/forms/
 */
import { escapeHtml, renderPage } from './layout.ts';
import { TEXTS, type Lang } from './texts.ts';

export interface LoginPageInput {
  readonly lang: Lang;
  readonly csrfToken: string;
  /** The name of the client the user is logging in to, if any. */
  readonly clientName?: string | undefined;
  /** The pending authorization request's parameters, carried as hidden fields. */
  readonly hidden: Readonly<Record<string, string>>;
  /** The username to fill in again after a failed attempt. */
  readonly username?: string | undefined;
  readonly wrongCredentials?: boolean;
  readonly action: string;
  readonly switchHref: string;
}

export function renderLoginPage(input: LoginPageInput): string {
  const t = TEXTS[input.lang];
  const invalid = input.wrongCredentials ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<h1>${t.loginTitle}</h1>
<p>${escapeHtml(input.clientName ? t.loginIntroClient(input.clientName) : t.loginIntro)}</p>
${input.wrongCredentials ? `<p id="login-error" class="error" role="alert">${t.wrongCredentials}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}">
<input type="hidden" name="lang" value="${input.lang}">
${hidden}
<label for="username">${t.username}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required${input.username ? ` value="${escapeHtml(input.username)}"` : ' autofocus'}${invalid}>
<label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${input.username ? ' autofocus' : ''}${invalid}>
<button type="submit">${t.submit}</button>
</form>`;
  return renderPage({ lang: input.lang, title: t.loginTitle, body, switchHref: input.switchHref });
}
