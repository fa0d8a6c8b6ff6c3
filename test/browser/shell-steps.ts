/** Steps through the web app shell that the browser tests take: log in and out, search, open a chart, break the glass; a GET as the signed-in user. */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The server's login page (server-rendered): found by its password field. */
export const passwordField = (page: Page): Locator => page.locator('input[type=password]').first();

/** Opens the app (which sends a signed-out visitor to the login page), logs in, and waits for the shell. */
export async function login(page: Page, origin: string, username: string, password: string): Promise<void> {
  if (!(await passwordField(page).isVisible().catch(() => false))) await page.goto(`${origin}/app/`);
  await passwordField(page).waitFor();
  await page.locator('input[name=username], input[autocomplete=username], input[type=text], input[type=email]').first().fill(username);
  await passwordField(page).fill(password);
  await page.locator('form button[type=submit], form input[type=submit], form button:not([type])').first().click();
  await page.getByTestId('user-name').waitFor().catch(async (err: unknown) => {
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 600);
    throw new Error(`${username} did not get into the app after login; at ${page.url()} the page says:\n${text}`, { cause: err });
  });
  assert.ok(!page.url().includes('/callback'), 'the app left /app/callback after login');
}

/** Logs out through the header and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Log ud|Log out)$/ }).click();
  await passwordField(page).waitFor();
  const tokens = await page.evaluate('sessionStorage.getItem("kerne.tokens")');
  assert.equal(tokens, null, 'logout clears the tokens from sessionStorage');
}

export const searchField = (page: Page): Locator => page.getByLabel(/^(Navn eller CPR-nummer|Name or CPR number)$/);

/** Searches from the patient search page and waits for the result count. */
export async function search(page: Page, text: string): Promise<void> {
  await searchField(page).fill(text);
  await searchField(page).press('Enter');
  await page.getByRole('status').filter({ hasText: /fundet|found/ }).waitFor();
}

/** The result row that links to the patient's chart. */
export const resultRow = (page: Page, patientId: string): Locator => page.locator('table tbody tr').filter({ has: page.locator(`a[href="/app/patient/${encodeURIComponent(patientId)}"]`) });

/** Opens a chart from the results by keyboard: focus the row's link, press Enter. */
export async function openFromResults(page: Page, patientId: string): Promise<void> {
  const link = resultRow(page, patientId).getByRole('link');
  await link.focus();
  await link.press('Enter');
  await page.waitForURL(new RegExp(`/app/patient/${patientId}$`));
}

export const banner = (page: Page): Locator => page.getByRole('region', { name: /^(Patientoplysninger|Patient details)$/ });

export const breakTheGlassDialog = (page: Page): Locator => page.getByRole('dialog', { name: /^(Værdispring|Break the glass)$/ });

/** In the open break-the-glass dialog: give a reason, confirm, and wait for the chart with the access flag. */
export async function confirmBreakTheGlass(page: Page, reason: string): Promise<string> {
  const dialog = breakTheGlassDialog(page);
  await dialog.getByLabel(/^(Begrundelse|Reason)$/).fill(reason);
  await dialog.getByRole('button', { name: /^(Bekræft værdispring|Confirm break-the-glass)$/ }).click();
  await dialog.waitFor({ state: 'detached' });
  const flag = page.getByTestId('break-the-glass-flag');
  await flag.waitFor();
  const text = (await flag.textContent()) ?? '';
  assert.match(text, /^Adgang via værdispring \(udløber \d{2}:\d{2}\)$/);
  await banner(page).waitFor();
  return text;
}

/** A GET to the server with the signed-in user's token (sessionStorage 'kerne.tokens'), from inside the page. */
export async function apiAs<T>(page: Page, path: string): Promise<{ status: number; json: T }> {
  return (await page.evaluate(`(async () => {
    const token = JSON.parse(sessionStorage.getItem('kerne.tokens')).accessToken;
    const res = await fetch(${JSON.stringify(path)}, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } });
    return { status: res.status, json: await res.json() };
  })()`)) as { status: number; json: T };
}
