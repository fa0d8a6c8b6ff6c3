/**
 * The identity provider's HTML shell, pure: no scripts, one inline stylesheet (CSP style-src allows
 * it), high-contrast colours (WCAG 2.1 AA and better), visible focus, a language switch.
 * @see https://www.w3.org/TR/WCAG21/
 */
import { TEXTS, otherLang, type Lang } from './texts.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { margin: 0; font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #f3f4f6; }
  header { background: #0b3a5d; color: #fff; padding: .75rem 1.25rem; display: flex; justify-content: space-between; align-items: center; }
  header .brand { font-weight: 700; font-size: 1.25rem; letter-spacing: .02em; }
  header a { color: #fff; }
  main { max-width: 26rem; margin: 2.5rem auto; padding: 2rem; background: #fff; border: 1px solid #c9ccd1; border-radius: .5rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
  p { margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input[type=text], input[type=password] { width: 100%; padding: .6rem .7rem; font: inherit; color: #1b1b1b; background: #fff; border: 2px solid #5a5f66; border-radius: .25rem; }
  input[aria-invalid=true] { border-color: #a4000f; }
  button, .button { display: inline-block; margin-top: 1.5rem; padding: .65rem 1.4rem; font: inherit; font-weight: 600; color: #fff; background: #00528a; border: 2px solid #00528a; border-radius: .25rem; cursor: pointer; text-decoration: none; }
  button:hover, .button:hover { background: #003e69; }
  a { color: #00528a; }
  :focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffbf47; }
  .error { padding: .75rem 1rem; color: #7a000b; background: #fdecee; border-left: 4px solid #a4000f; font-weight: 600; }
  .detail { font-family: ui-monospace, monospace; font-size: .95rem; overflow-wrap: anywhere; }
`;

export interface PageInput {
  readonly lang: Lang;
  readonly title: string;
  /** The language switch's target (the same page in the other language). */
  readonly switchHref?: string | undefined;
  /** Already escaped HTML of the main content. */
  readonly body: string;
}

export function renderPage(page: PageInput): string {
  const other = otherLang(page.lang);
  const toggle = page.switchHref
    ? `<a href="${escapeHtml(page.switchHref)}" lang="${other}" hreflang="${other}">${TEXTS[other].languageName}</a>`
    : '';
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} – Kerne</title>
<style>${STYLE}</style>
</head>
<body>
<header><span class="brand">Kerne</span>${toggle}</header>
<main>
${page.body}
</main>
</body>
</html>
`;
}

export interface MessagePageInput {
  readonly lang: Lang;
  readonly title: string;
  readonly message: string;
  /** A technical detail shown verbatim (escaped), e.g. an OAuth error description. */
  readonly detail?: string | undefined;
  readonly link?: { readonly href: string; readonly text: string } | undefined;
  readonly switchHref?: string | undefined;
  /** role=alert for errors. */
  readonly alert?: boolean;
}

export function renderMessagePage(input: MessagePageInput): string {
  const body = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p${input.alert ? ' role="alert"' : ''}>${escapeHtml(input.message)}</p>`,
    input.detail ? `<p class="detail">${escapeHtml(input.detail)}</p>` : '',
    input.link ? `<p><a class="button" href="${escapeHtml(input.link.href)}">${escapeHtml(input.link.text)}</a></p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return renderPage({ lang: input.lang, title: input.title, body, switchHref: input.switchHref });
}
