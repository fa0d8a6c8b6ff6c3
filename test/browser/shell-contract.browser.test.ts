/**
 * The web app shell in Chromium against a stub of the server's contract (contract-stub.ts): login
 * with PKCE, patient search by name and CPR, the chart frame and banner, break-the-glass, token
 * refresh after a 401, logout, Min log, the break-the-glass review, the English switch, and axe
 * checks on every screen. The same scenario against the real server is shell.browser.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { banner, breakTheGlassDialog, confirmBreakTheGlass, login, logout, openFromResults, resultRow, search, searchField } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';

describe('web app shell against the server contract (stub)', () => {
  let stub: ContractStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const reason = `Patienten henvendt sig akut i skadestuen ${Date.now()}`;

  before(async () => {
    session = await openContractSession(undefined, pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('sends a signed-out visitor to the login page with a PKCE authorization request', async () => {
    await page.goto(`${stub.origin}/`);
    await page.locator('input[type=password]').waitFor();
    const authorize = new URL(page.url());
    assert.equal(authorize.pathname, '/oauth2/authorize');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${stub.origin}/app/callback`);
    await checkA11y(page, 'the login page (stub)');
  });

  it('logs the nurse in and shows her name, role and unit, and the clinicians’ navigation', async () => {
    await login(page, stub.origin, 'sygeplejerske', PASSWORD);
    await page.waitForURL(`${stub.origin}/app/patients`);
    assert.equal(await page.getByTestId('user-name').textContent(), 'Line Skov');
    await page.getByText('Sygeplejerske, Medicinsk afdeling M1').waitFor();
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Patienter', 'Tavler', 'Senge', 'Akutmodtagelse', 'Vitale værdier']);
    assert.equal(await page.evaluate('document.documentElement.lang'), 'da');
    // Tokens in sessionStorage, not localStorage.
    assert.ok(await page.evaluate('sessionStorage.getItem("kerne.tokens") !== null'));
    assert.equal(await page.evaluate('Object.keys(localStorage).filter((k) => k !== "kerne.lang").length'), 0);
    await checkA11y(page, 'the patient search page');
    await screenshot(page, 'search-empty');
  });

  it('has a skip link to the main content as the first stop of the keyboard', async () => {
    await page.reload();
    await page.getByTestId('user-name').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Gå til indhold' });
    assert.equal(await skip.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), true);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main');
  });

  it('validates a malformed CPR number before searching', async () => {
    await search(page, 'Jensen'); // something to search first, then the malformed input
    for (const [input, message] of [
      ['12345', 'CPR-nummer skal have formen DDMMÅÅ-XXXX'],
      ['310299-1234', 'CPR-nummeret skal begynde med en gyldig dato (DDMMÅÅ-XXXX).'],
    ] as const) {
      const before = stub.searches.length;
      await searchField(page).fill(input);
      await searchField(page).press('Enter');
      await page.getByText(message, { exact: true }).waitFor();
      assert.equal(await searchField(page).getAttribute('aria-invalid'), 'true');
      assert.equal(stub.searches.length, before, 'no search is sent for a malformed CPR number');
    }
    await checkA11y(page, 'the search page with a validation message');
  });

  it('searches by name: patients without a care relation are marked', async () => {
    await search(page, 'Jensen');
    assert.deepEqual({ ...stub.searches.at(-1) }, { name: 'Jensen', _count: '50' });
    await page.getByText('2 patienter fundet.').waitFor();
    assert.equal(await resultRow(page, 'p-henrik').getByText('Ingen behandlingsrelation').count(), 1);
    assert.equal(await resultRow(page, 'p-karen').getByText('Ingen behandlingsrelation').count(), 0);
    await checkA11y(page, 'the search results');
    await screenshot(page, 'search-results');
  });

  it('searches by CPR number with a POST body, never in a URL', async () => {
    await search(page, '070255-1234');
    assert.deepEqual({ ...stub.searches.at(-1) }, { identifier: 'urn:oid:1.2.208.176.1.2|0702551234', _count: '50' });
    await page.getByText('1 patient fundet.').waitFor();
    assert.deepEqual(stub.urls.filter((u) => /0702551234|070255-1234/.test(u)), []);
  });

  it('opens the chart from a result: banner with name, CPR, age, sex, CAVE and warnings; the module navigation', async () => {
    await resultRow(page, 'p-karen').getByRole('cell').first().click(); // the whole row is clickable
    await page.waitForURL(`${stub.origin}/app/patient/p-karen`);
    const b = banner(page);
    await b.getByRole('heading', { level: 1, name: 'Karen Jensen' }).waitFor();
    await b.getByText('070255-1234').waitFor();
    await b.getByText('Kvinde').waitFor();
    await b.getByText(/^\d+ år$/).waitFor();
    await b.getByRole('group', { name: 'CAVE' }).getByText('Penicillin').waitFor();
    await b.getByRole('group', { name: 'Advarsler' }).getByText('Faldrisiko').waitFor();
    const modules = page.getByRole('navigation', { name: 'Journalens dele' });
    assert.deepEqual(await modules.getByRole('link').allTextContents(), ['Overblik', 'Journal', 'Målinger', 'Medicin', 'Forløb/tidslinje', 'Dokumenter', 'Tavle']);
    await page.getByRole('heading', { level: 2, name: 'Overblik' }).waitFor();
    await modules.getByRole('link', { name: 'Målinger' }).click();
    await page.waitForURL(`${stub.origin}/app/patient/p-karen/vitals`);
    await page.getByRole('heading', { level: 2, name: 'Målinger' }).waitFor();
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Målinger', 'focus moves to the module heading');
    await checkA11y(page, 'the chart');
    await screenshot(page, 'chart');
  });

  it('switches to English and back; the choice survives a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vital signs' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Patients' }).waitFor();
    await banner(page).getByText('Female').waitFor();
    await checkA11y(page, 'the chart in English');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('heading', { level: 2, name: 'Målinger' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'da');
  });

  it('offers break-the-glass for a patient of another ward: a modal dialog, Escape cancels, the reason is checked', async () => {
    await page.getByRole('link', { name: 'Patienter' }).click();
    await search(page, 'Jensen');
    await openFromResults(page, 'p-henrik');
    const dialog = breakTheGlassDialog(page);
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    await dialog.getByText('Du har ingen behandlingsrelation til patienten. Værdispring logges og gennemgås af afdelingsledelsen.').waitFor();
    const reasonField = dialog.getByLabel('Begrundelse');
    assert.equal(await reasonField.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), true, 'focus starts in the reason field');
    await checkA11y(page, 'the break-the-glass dialog');
    await screenshot(page, 'break-the-glass-dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Ingen adgang' }).waitFor();
    await page.getByRole('button', { name: 'Værdispring …' }).click();
    await dialog.waitFor();

    // Focus stays inside: Tab from the last button goes back to the reason field, Shift+Tab from there to the last button.
    await dialog.getByRole('button', { name: 'Bekræft værdispring' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await reasonField.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), true);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Bekræft værdispring');

    await reasonField.fill('Akut');
    await dialog.getByRole('button', { name: 'Bekræft værdispring' }).click();
    await dialog.getByText('Begrundelsen skal være mindst 10 tegn. Skriv 6 tegn mere.').waitFor();
    assert.equal(await reasonField.getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'the break-the-glass dialog with a validation message');
  });

  it('after break-the-glass the chart opens with a visible flag until when the access lasts', async () => {
    await confirmBreakTheGlass(page, reason);
    await banner(page).getByRole('heading', { level: 1, name: 'Henrik Jensen' }).waitFor();
    await banner(page).getByText('Ingen registrerede allergier').waitFor();
    await checkA11y(page, 'the chart after break-the-glass');
    await screenshot(page, 'chart-break-the-glass');
  });

  it('refreshes the access token after a 401 and retries', async () => {
    const refreshes = stub.counts.refreshes;
    stub.revokeAccessTokens();
    await page.getByRole('link', { name: 'Patienter' }).click();
    await search(page, 'Hansen');
    await page.getByText('1 patient fundet.').waitFor();
    assert.equal(stub.counts.refreshes, refreshes + 1);
  });

  it('logs out', async () => {
    await logout(page);
    assert.equal(stub.counts.logouts, 1);
  });

  it('shows the patient the nurse’s access, with the break-the-glass reason, in Min log', async () => {
    await login(page, stub.origin, 'patient', PASSWORD);
    await page.waitForURL(`${stub.origin}/app/patient/p-henrik`); // "Mit forløb": the patient's own chart
    await banner(page).getByRole('heading', { level: 1, name: 'Henrik Jensen' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Mit forløb', 'Min log']);
    await checkA11y(page, 'the patient’s own chart');
    await nav.getByRole('link', { name: 'Min log' }).click();
    const table = page.getByRole('table', { name: 'Opslag i din journal, nyeste først' });
    const btgRow = table.getByRole('row').filter({ hasText: 'Værdispring' }).filter({ hasText: reason });
    await btgRow.first().waitFor();
    await btgRow.first().getByText('Line Skov').waitFor();
    await btgRow.first().getByText('Sygeplejerske, Medicinsk afdeling M1').waitFor();
    await btgRow.first().getByText(/^\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}$/).waitFor();
    await checkA11y(page, 'Min log');
    await screenshot(page, 'min-log');
    await logout(page);
  });

  it('shows the ward manager the break-the-glass access for review', async () => {
    await login(page, stub.origin, 'afdelingsledelse', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Patienter', 'Tavler', 'Senge', 'Akutmodtagelse', 'Værdispring til gennemsyn']);
    await nav.getByRole('link', { name: 'Værdispring til gennemsyn' }).click();
    await page.waitForURL(`${stub.origin}/app/review/break-the-glass`);
    const row = page.getByRole('table').getByRole('row').filter({ hasText: reason });
    await row.waitFor();
    for (const text of ['Line Skov', 'Sygeplejerske, Medicinsk afdeling M1', 'Henrik Jensen']) await row.getByText(text).waitFor();
    await checkA11y(page, 'the break-the-glass review');
    await screenshot(page, 'review');
    await logout(page);
  });

  it('sends the porter to his tasks (the logistics screens are tested in logistics-contract.browser.test.ts)', async () => {
    await login(page, stub.origin, 'portoer', PASSWORD);
    await page.waitForURL(`${stub.origin}/app/opgaver`);
    await page.getByRole('heading', { level: 1, name: 'Opgaver: Portører' }).waitFor();
    assert.deepEqual(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').allTextContents(), ['Opgaver']);
    await logout(page);
  });

  it('gives roles without screens yet a landing page that says what will come', async () => {
    await login(page, stub.origin, 'administrator', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Velkommen til Kerne' }).waitFor();
    await page.getByText(/administrationen af brugere/).waitFor();
    await checkA11y(page, 'the landing page');
    // A screen of another role is refused in the app too.
    await page.goto(`${stub.origin}/app/review/break-the-glass`);
    await page.getByText('Du har ikke adgang til denne side.').waitFor();
    await logout(page);
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
});
