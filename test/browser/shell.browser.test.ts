/**
 * The web app shell end to end against a real `kerne start --demo` (identity provider, access
 * control, audit): a nurse of MED1 logs in through the server's login page, finds and opens a
 * patient of her ward, breaks the glass for a patient of another ward, logs out; the patient user
 * sees the nurse's access in "Min log"; the ward manager sees the break-the-glass in the review.
 * axe checks every screen. The demo data is discovered, not assumed: which Patient the patient
 * user is, and which patients the nurse has (no) care relation with, come from the server.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import { checkA11y, launchBrowser, newUserContext, screenshot } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { banner, breakTheGlassDialog, confirmBreakTheGlass, login, logout, openFromResults, passwordField, resultRow, search } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';
const ACCESS = 'https://kerne.dk/fhir/CodeSystem/access';

interface DemoPatient {
  id: string;
  family: string;
  name: string;
  cpr?: string;
  restricted: boolean;
}

/** POST /fhir/Patient/_search with the signed-in user's token, from inside the page. */
async function searchAsUser(page: Page, form: string): Promise<DemoPatient[]> {
  const bundle = (await page.evaluate(`(async () => {
    const token = JSON.parse(sessionStorage.getItem('kerne.tokens')).accessToken;
    const res = await fetch('/fhir/Patient/_search', { method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/fhir+json' }, body: ${JSON.stringify(form)} });
    return res.json();
  })()`)) as { entry?: { resource: { resourceType: string; id: string; name?: { family?: string; given?: string[] }[]; identifier?: { system?: string; value?: string }[]; meta?: { tag?: { system?: string; code?: string }[] } } }[] };
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'Patient')
    .map((r) => ({
      id: r.id,
      family: r.name?.[0]?.family ?? '',
      name: [...(r.name?.[0]?.given ?? []), r.name?.[0]?.family].filter(Boolean).join(' '),
      cpr: r.identifier?.find((i) => i.system === 'urn:oid:1.2.208.176.1.2')?.value,
      restricted: r.meta?.tag?.some((t) => t.system === ACCESS && t.code === 'no-care-relation') ?? false,
    }));
}

describe('web app shell against kerne start --demo', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const reason = `Akut tilkaldt til patienten på skadestuen (test ${Date.now()})`;
  const found: { patientUser?: { id: string; name: string }; nurse?: string; own?: DemoPatient; other?: DemoPatient } = {};

  before(async () => {
    await ensureWebAppBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kerne-browser-'));
    browser = await launchBrowser(); // fails early, with directions, when Chromium is missing
    server = await startServerProcess(['--demo', '--data-dir', dataDir], { KERNE_LOG_LEVEL: 'warn' }, 120_000);
    origin = server.base;
    page = await (await newUserContext(browser)).newPage();
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the app at /app/ and sends a signed-out visitor to an accessible login page', async () => {
    const res = await fetch(`${origin}/app/`);
    assert.equal(res.status, 200, 'the web app is served at /app/ (webAppPlugin registered in src/app.ts?)');
    assert.match(await res.text(), /\/app\/assets\/index-/);
    await page.goto(`${origin}/app/`);
    await passwordField(page).waitFor();
    assert.equal(new URL(page.url()).pathname, '/oauth2/authorize');
    await checkA11y(page, 'the login page');
    await screenshot(page, 'real-login');
  });

  it('the patient user logs in and lands on "Mit forløb", their own chart', async () => {
    await login(page, origin, 'patient', PASSWORD);
    await page.waitForURL(/\/app\/patient\/[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const name = (await banner(page).getByRole('heading', { level: 1 }).textContent()) ?? '';
    found.patientUser = { id, name };
    await logout(page);
  });

  it('the nurse logs in, finds a patient of her ward by name and by CPR, and opens the chart', async () => {
    await login(page, origin, 'sygeplejerske', PASSWORD);
    found.nurse = (await page.getByTestId('user-name').textContent()) ?? '';
    await page.waitForURL(`${origin}/app/patients`);
    await checkA11y(page, 'the patient search page');

    const all = await searchAsUser(page, '_count=200');
    assert.ok(all.length > 0, 'the nurse can search the demo patients');
    const patientUser = all.find((p) => p.id === found.patientUser!.id);
    found.own = all.find((p) => !p.restricted && p.family);
    found.other = patientUser?.restricted ? patientUser : all.find((p) => p.restricted && p.family);
    assert.ok(found.own, 'a demo patient the nurse has a care relation with (her ward, MED1)');
    assert.ok(found.other, 'a demo patient of another ward (reduced, tagged no-care-relation)');

    await search(page, found.own.family);
    await resultRow(page, found.own.id).waitFor();
    assert.equal(await resultRow(page, found.own.id).getByText('Ingen behandlingsrelation').count(), 0);
    await checkA11y(page, 'the search results');
    await screenshot(page, 'real-search');

    if (found.own.cpr) {
      await search(page, `${found.own.cpr.slice(0, 6)}-${found.own.cpr.slice(6)}`);
      await resultRow(page, found.own.id).waitFor();
    }
    await openFromResults(page, found.own.id);
    await banner(page).getByRole('heading', { level: 1, name: found.own.name }).waitFor();
    await banner(page).getByRole('group', { name: 'CAVE' }).waitFor();
    await page.getByRole('navigation', { name: 'Journalens dele' }).waitFor();
    await checkA11y(page, 'the chart');
    await screenshot(page, 'real-chart');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Chart sections' }).getByRole('link', { name: 'Vital signs' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('navigation', { name: 'Journalens dele' }).getByRole('link', { name: 'Målinger' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'da');
  });

  it('the nurse opens a patient of another ward: break-the-glass, then the chart with the access flag', async () => {
    const other = found.other!;
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Patienter' }).click();
    await search(page, other.family);
    await resultRow(page, other.id).getByText('Ingen behandlingsrelation').waitFor();
    await openFromResults(page, other.id);
    const dialog = breakTheGlassDialog(page);
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    await dialog.getByText('Du har ingen behandlingsrelation til patienten. Værdispring logges og gennemgås af afdelingsledelsen.').waitFor();
    await checkA11y(page, 'the break-the-glass dialog');
    await screenshot(page, 'real-dialog');
    await confirmBreakTheGlass(page, reason);
    await banner(page).getByRole('heading', { level: 1, name: other.name }).waitFor();
    await checkA11y(page, 'the chart after break-the-glass');
    await logout(page);
  });

  it('the patient user sees the nurse’s access in "Min log"', async () => {
    await login(page, origin, 'patient', PASSWORD);
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min log' }).click();
    await page.waitForURL(`${origin}/app/my-log`);
    const rows = page.getByRole('table').getByRole('row').filter({ hasText: found.nurse! });
    await rows.first().waitFor();
    if (found.other!.id === found.patientUser!.id) await rows.filter({ hasText: 'Værdispring' }).filter({ hasText: reason }).first().waitFor();
    await checkA11y(page, 'Min log');
    await screenshot(page, 'real-min-log');
    await logout(page);
  });

  it('the ward manager sees the break-the-glass in the review list', async () => {
    await login(page, origin, 'afdelingsledelse', PASSWORD);
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Værdispring til gennemsyn' }).click();
    await page.waitForURL(`${origin}/app/review/break-the-glass`);
    const row = page.getByRole('table').getByRole('row').filter({ hasText: reason });
    await row.waitFor();
    await row.getByText(found.nurse!).waitFor();
    await checkA11y(page, 'the break-the-glass review');
    await screenshot(page, 'real-review');
    await logout(page);
  });
});
