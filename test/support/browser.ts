/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a browser downloaded by
 * Playwright), and an accessibility check with axe-core against WCAG 2.x A and AA.
 * KERNE_CHROMIUM overrides the browser path; KERNE_TEST_SCREENSHOTS=<dir> keeps screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.KERNE_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; fails with directions when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests use Debian's Chromium: install it with \`apt-get install -y chromium\` ` +
        '(or point KERNE_CHROMIUM at a Chromium binary).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies and storage) as a Danish user would have it. */
export function newUserContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1280, height: 900 } });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
  html: string;
}
interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core on the page (WCAG 2 A/AA); throws a readable list of the violations. axe is
 * injected through the DevTools protocol (page.evaluate), not a <script> tag, which Kerne's
 * Content-Security-Policy (script-src 'self') rightly refuses.
 */
export async function checkA11y(page: Page, what: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.evaluate(axe.source);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help} <${v.helpUrl}>`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
  ]);
  throw new Error(`Accessibility violations on ${what} (${page.url()}):\n${lines.join('\n')}`);
}

/** Saves a screenshot when KERNE_TEST_SCREENSHOTS names a folder (for looking at the pages by eye). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.KERNE_TEST_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/**
 * A new page whose uncaught errors, CSP violations and React warnings are collected in `errors`
 * (HTTP errors the app handles are not): tests assert that the list stays empty.
 */
export async function watchedPage(context: BrowserContext, errors: string[], timeoutMs = 10_000): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  return page;
}

/**
 * Watches the page for a DOM state and records when it first holds (the page's Date.now(); -1 if it
 * held already), so a latency is measured at the moment the screen changed, not when a poll noticed.
 */
export async function watchFor(page: Page, name: string, condition: string): Promise<void> {
  await page.evaluate(`(() => {
    const check = () => { try { return Boolean(${condition}); } catch { return false; } };
    window.__kerneSeen = window.__kerneSeen || {};
    delete window.__kerneSeen[${JSON.stringify(name)}];
    if (check()) { window.__kerneSeen[${JSON.stringify(name)}] = -1; return; }
    const observer = new MutationObserver(() => {
      if (!check()) return;
      window.__kerneSeen[${JSON.stringify(name)}] = Date.now();
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
}

/** When watchFor's state first held. Polls through the DevTools protocol: page.waitForFunction would eval, which the CSP refuses. */
export async function seenAt(page: Page, name: string, timeout = 10_000): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const at = (await page.evaluate(`window.__kerneSeen[${JSON.stringify(name)}] ?? null`)) as number | null;
    if (at !== null) return at;
    if (Date.now() >= deadline) throw new Error(`the page did not reach "${name}" within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
