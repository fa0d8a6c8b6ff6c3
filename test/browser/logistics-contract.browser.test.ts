/**
 * The clinical-logistics screens in Chromium against a stub of the logistics API
 * (logistics-stub.ts, inside contract-stub.ts): the ward picker; the wall board (a row per bed,
 * the template's columns, capacity, legend; public screens with initials); a pushed stream event
 * updating the board without a reload; the PC list (sorting, "mine patienter", ordering a service
 * task, the transfer handshake, discharge with confirmation); the phone cards; the bed overview;
 * the emergency board's deadlines breaking when page.clock moves past them; the porter's
 * Accept → Start → Complete; the English switch; and axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import { checkA11y, launchBrowser, newUserContext, screenshot, watchedPage } from '../support/browser.ts';
import { startContractStub, type ContractStub } from './contract-stub.ts';
import { createLogisticsStub, TEMPLATE, type LogisticsStub } from './logistics-stub.ts';
import { login, logout } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';

const isFocused = (locator: Locator) => locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);
const boardRow = (page: Page, key: string) => page.getByTestId('board-table').locator(`tbody tr[data-row="${key}"]`);
const postsTo = (stub: LogisticsStub, pattern: RegExp) => stub.posts.filter((p) => pattern.test(p.path));

describe('clinical-logistics screens against the logistics contract (stub)', () => {
  let stub: ContractStub;
  let logistics: LogisticsStub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    await ensureWebAppBuilt();
    logistics = createLogisticsStub();
    stub = await startContractStub({ routes: (app, api) => logistics.routes(app, api) });
    browser = await launchBrowser();
    context = await newUserContext(browser);
    page = await watchedPage(context, pageErrors);
  });

  after(async () => {
    await browser?.close();
    await stub?.close();
  });

  it('gives the nurse Tavler, Senge and Akutmodtagelse, and lists the wards with her own first', async () => {
    await login(page, stub.origin, 'sygeplejerske', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Patienter', 'Tavler', 'Senge', 'Akutmodtagelse', 'Vitale værdier'], 'the clinicians’ menu');
    await nav.getByRole('link', { name: 'Tavler' }).click();
    await page.waitForURL(`${stub.origin}/app/tavle`);
    await page.getByRole('heading', { level: 1, name: 'Tavler' }).waitFor();
    const rows = page.getByRole('table', { name: 'Afsnit' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3, 'three wards');
    assert.match((await rows.first().textContent()) ?? '', /Medicinsk sengeafsnit M1.*Dit afsnit/, 'her own ward first, marked');
    await rows.first().getByRole('link', { name: 'Vægskærm – Medicinsk sengeafsnit M1', exact: true }).waitFor();
    await checkA11y(page, 'the ward picker');
  });

  it('shows the wall screen: a row per bed with the template’s wall columns, capacity, a legend, large type, no menu', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 }); // a wall TV
    await page.getByRole('link', { name: 'Vægskærm – Medicinsk sengeafsnit M1', exact: true }).click();
    await page.waitForURL(`${stub.origin}/app/tavle/w-m1?skaerm=vaeg`);
    await page.getByRole('heading', { level: 1, name: 'Medicinsk sengeafsnit M1' }).waitFor();
    await page.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
    const table = page.getByTestId('board-table');
    assert.equal(await table.locator('tbody tr').count(), 7, 'six beds and the incoming patient');
    assert.equal(await table.locator('tbody th[scope=row]').count(), 7, 'each row has a row header');
    const wallLabels = TEMPLATE.columns.filter((c) => c.screens.includes('wall')).map((c) => c.label.da);
    assert.deepEqual(await table.locator('thead th').allTextContents(), wallLabels, 'the template’s wall columns in order');
    assert.equal(await page.getByRole('navigation', { name: 'Hovedmenu' }).count(), 0, 'no app header on the wall');

    const karen = boardRow(page, 'b-1');
    for (const text of ['Karen Jensen', 'Line Skov', 'Faldrisiko', 'CAVE', 'Måling overskredet', 'CRP, Røntgen thorax', 'Portør/transport', 'Afventer']) await karen.getByText(text, { exact: false }).first().waitFor();
    await boardRow(page, 'b-3').getByText('Ledig').waitFor();
    await boardRow(page, 'b-6').getByText('Spærret').waitFor();
    await boardRow(page, 'e-carl').getByText('Fra Fælles akutmodtagelse').waitFor();

    const capacity = page.getByTestId('capacity');
    const numbers = await capacity.locator('.capacity-item').evaluateAll((items) => items.map((i) => `${i.querySelector('dt')?.textContent}=${i.querySelector('dd')?.textContent}`));
    assert.deepEqual(numbers, ['Belagt=3', 'Ledige=1', 'Rengøring=1', 'Spærret=1', 'På vej=1'], 'capacity from WardBoard.capacity');

    const legend = page.getByTestId('legend');
    const legendTexts = await legend.locator('li').allTextContents();
    for (const text of ['Ledig', 'Rengøres', 'Spærret', 'På vej', 'Isolation', 'Faldrisiko', 'CAVE', 'Måling overskredet', 'Portør/transport', 'Afventer', 'I gang']) {
      assert.ok(legendTexts.some((l) => l.includes(text)), `the legend explains "${text}" (has ${JSON.stringify(legendTexts)})`);
    }
    assert.equal(await legend.locator('li svg').count(), legendTexts.length, 'every legend entry has its icon');
    const fontSize = await karen
      .locator('td')
      .first()
      .evaluate((el) => parseFloat((el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize));
    assert.ok(fontSize >= 24, `large type on the wall (${fontSize}px)`);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'the board fits the screen’s width');
    await checkA11y(page, 'the wall board');
    await screenshot(page, 'logistics-wall');
  });

  it('applies a pushed board event without a reload, over the same stream', async () => {
    await page.evaluate('window.__kerneNoReload = true');
    const opened = logistics.streams.length;
    logistics.updateRow('w-m1', 'b-5', (r) => ({ ...r, responsibleDoctor: 'Søren Ærø', flags: ['isolation'] }));
    await boardRow(page, 'b-5').getByText('Søren Ærø').waitFor();
    await boardRow(page, 'b-5').getByText('Isolation').waitFor();
    assert.equal(await page.evaluate('window.__kerneNoReload === true'), true, 'the page was not reloaded');
    assert.equal(logistics.streams.length, opened, 'no new stream was opened');
    assert.ok(logistics.streams.every((s) => s.authorized), 'every stream request carried the bearer token');
    assert.equal(logistics.openStreams('board:w-m1'), 1, 'one open board stream');
  });

  it('shows only initials on the public wall screen', async () => {
    await page.goto(`${stub.origin}/app/tavle/w-m1?skaerm=vaeg&offentlig=1`);
    await boardRow(page, 'b-1').getByText('K.J.', { exact: true }).waitFor();
    await page.getByText('Offentlig skærm: patienter vises med initialer.').waitFor();
    const text = (await page.getByTestId('board-table').textContent()) ?? '';
    assert.ok(!text.includes('Karen') && !text.includes('070255'), 'no names or CPR numbers on a public screen');
    assert.match(logistics.streams.at(-1)?.path ?? '', /\/api\/logistics\/wards\/w-m1\/board\/stream\?screen=wall&public=1$/, 'asks the server for the public wall screen');
    await checkA11y(page, 'the public wall board');
  });

  it('sorts the PC list by a column and filters to "mine patienter"', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stub.origin}/app/tavle/w-m1`);
    await page.getByRole('heading', { level: 1, name: 'Tavle: Medicinsk sengeafsnit M1' }).waitFor();
    assert.match(logistics.streams.at(-1)?.path ?? '', /\?screen=list$/, 'the list screen');
    const table = page.getByRole('table', { name: 'Senge og patienter på Medicinsk sengeafsnit M1' });
    await table.locator('tbody tr').first().waitFor();
    const header = table.getByRole('columnheader', { name: /^Patient/ });
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending', 'aria-sort on the sorted header');
    const names = () => table.locator('tbody tr .patient-name').allTextContents();
    assert.deepEqual(await names(), ['Carl Berg', 'Henrik Jensen', 'Karen Jensen', 'Mette Hansen'].sort((a, b) => a.localeCompare(b, 'da')), 'ascending by name');
    await header.getByRole('button').press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending', 'Enter on the header button flips the order');
    assert.deepEqual(await names(), ['Mette Hansen', 'Karen Jensen', 'Henrik Jensen', 'Carl Berg'], 'descending by name');

    await page.getByLabel('Kun mine patienter').check();
    assert.deepEqual((await names()).sort(), ['Karen Jensen', 'Mette Hansen'], 'Line Skov’s patients (nurse or doctor)');
    await page.getByLabel('Kun mine patienter').uncheck();
    assert.equal(await table.locator('tbody tr').count(), 7, 'all rows again');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'a wide list scrolls in its own region, not the page');
    await checkA11y(page, 'the ward board list');
    await screenshot(page, 'logistics-list');
  });

  it('orders a service task for a row from a dialog, by keyboard, with validation', async () => {
    const table = page.getByTestId('board-table');
    const opener = table.getByRole('button', { name: 'Opgave … – Stue 1, Seng 1 – Karen Jensen' });
    await opener.focus();
    await opener.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Bestil serviceopgave' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true', 'a modal dialog');
    assert.equal(await isFocused(dialog.getByRole('radio', { name: 'Transport' })), true, 'focus starts on the first field');
    await checkA11y(page, 'the service task dialog');
    await dialog.getByRole('button', { name: 'Bestil' }).click();
    await dialog.getByText('Skriv hvor opgaven skal hen.').waitFor();
    assert.equal(await dialog.getByLabel('Til').getAttribute('aria-invalid'), 'true', 'the missing destination is marked');
    assert.equal(postsTo(logistics, /\/tasks$/).length, 0, 'nothing sent while invalid');
    await dialog.getByLabel('Til').fill('Røntgen');
    await dialog.getByLabel('Beskrivelse').fill('Seng, ilt 2 l');
    await dialog.getByLabel('Prioritet').selectOption('urgent');
    await dialog.getByRole('button', { name: 'Bestil' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Transport er bestilt.' }).waitFor();
    const post = postsTo(logistics, /\/api\/logistics\/tasks$/).at(-1);
    assert.deepEqual(
      post?.body,
      { kind: 'transport', wardId: 'w-m1', encounterId: 'e-karen', bedId: 'b-1', description: 'Seng, ilt 2 l', destination: 'Røntgen', priority: 'urgent' },
      'NewServiceTask as the contract has it',
    );
    await page.waitForFunction('document.activeElement && document.activeElement.textContent.startsWith("Opgave")');
    assert.equal(await isFocused(opener), true, 'focus back on the button that opened the dialog');
    await boardRow(page, 'b-1').locator('td.col-tasks li').nth(1).waitFor();
  });

  it('requests a transfer, and takes an incoming one through accept, bed and move', async () => {
    const table = page.getByTestId('board-table');
    await table.getByRole('button', { name: 'Overflyt … – Stue 3, Seng 5 – Mette Hansen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anmod om overflytning' });
    await dialog.getByRole('option', { name: 'Kirurgisk sengeafsnit K2 (Kirurgisk afdeling K2)' }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Til afsnit').selectOption('w-k2');
    await dialog.getByLabel('Rapport').fill('Kolecystitis, til vurdering. Faste fra kl. 6.');
    await dialog.getByRole('button', { name: 'Send anmodning' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(postsTo(logistics, /\/transfers$/).at(-1)?.body, { encounterId: 'e-mette', toWardId: 'w-k2', report: 'Kolecystitis, til vurdering. Faste fra kl. 6.' }, 'NewTransfer');
    await boardRow(page, 'b-5').getByText('Til Kirurgisk sengeafsnit K2').waitFor();

    const carl = boardRow(page, 'e-carl');
    await carl.getByRole('button', { name: /^Acceptér/ }).click();
    await carl.getByText('Accepteret').waitFor();
    await carl.getByRole('button', { name: /^Tildel seng/ }).click();
    const bedDialog = page.getByRole('dialog', { name: 'Tildel seng' });
    await bedDialog.getByLabel('Ledig seng').selectOption({ label: 'Stue 2, Seng 3' });
    await bedDialog.getByRole('button', { name: 'Tildel' }).click();
    await bedDialog.waitFor({ state: 'detached' });
    await carl.getByText('I gang').waitFor();
    await carl.getByRole('button', { name: /^Meld flyttet/ }).click();
    await boardRow(page, 'b-3').getByText('Carl Berg', { exact: true }).waitFor();
    assert.deepEqual(
      postsTo(logistics, /\/transfers\/tr-in\//).map((p) => [p.path.replace('/api/logistics/transfers/tr-in/', ''), p.body]),
      [
        ['accept', {}],
        ['assign-bed', { bedId: 'b-3' }],
        ['move', {}],
      ],
      'the handshake as the contract has it',
    );
  });

  it('discharges a patient after a confirmation; Escape cancels it', async () => {
    const table = page.getByTestId('board-table');
    const opener = table.getByRole('button', { name: 'Udskriv … – Stue 1, Seng 1 – Karen Jensen' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Udskriv patient' });
    await dialog.getByText('Udskriv Karen Jensen (Stue 1, Seng 1)? Sengen sættes til rengøring, og der bestilles rengøring.').waitFor();
    assert.equal(await isFocused(dialog.getByRole('button', { name: 'Annullér' })), true, 'focus starts on the safe choice');
    await checkA11y(page, 'the discharge dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(postsTo(logistics, /discharge$/).length, 0, 'Escape sends nothing');
    await opener.click();
    await dialog.getByRole('button', { name: 'Udskriv' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(postsTo(logistics, /discharge$/).map((p) => p.path), ['/api/logistics/encounters/e-karen/discharge'], 'one discharge');
    await boardRow(page, 'b-1').getByText('Rengøres').waitFor();
    await page.getByRole('status').filter({ hasText: 'Karen Jensen er udskrevet.' }).waitFor();
  });

  it('shows the phone view as cards with big touch targets', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('navigation', { name: 'Visning' }).getByRole('link', { name: 'Telefon' }).click();
    await page.waitForURL(/skaerm=telefon$/);
    const cards = page.getByTestId('board-cards').locator(':scope > li');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 6, 'a card per bed (Carl moved into bed 3)');
    const button = page.getByRole('button', { name: 'Opgave … – Stue 3, Seng 5 – Mette Hansen' });
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `a big touch target (${JSON.stringify(box)})`);
    await checkA11y(page, 'the ward board on the phone');
    await screenshot(page, 'logistics-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the bed overview per ward with totals, live', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Senge' }).click();
    await page.waitForURL(`${stub.origin}/app/senge`);
    const table = page.getByRole('table', { name: 'Belægning pr. afsnit' });
    await table.locator('tbody tr').first().waitFor();
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Afsnit', 'Senge', 'Belagt', 'Ledige', 'Rengøring', 'Spærret', 'På vej', 'Tæller med', 'Tæller ikke med'], 'the columns');
    const cells = (row: Locator) => row.locator('th, td').allTextContents();
    assert.deepEqual(await cells(table.locator('tbody tr[data-ward="w-k2"]')), ['Kirurgisk sengeafsnit K2', '20', '17', '2', '1', '0', '2', '18', '1'], 'a ward’s numbers');
    const totals = table.locator('tfoot tr');
    assert.equal((await cells(totals))[0], 'I alt', 'a totals row with a row header');
    logistics.updateCapacity('w-k2', { occupied: 18, free: 1 });
    await table.locator('tbody tr[data-ward="w-k2"] td').nth(1).filter({ hasText: /^18$/ }).waitFor();
    await checkA11y(page, 'the bed overview');
  });

  it('switches the logistics screens to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bed overview' }).waitFor();
    await page.getByRole('table', { name: 'Occupancy per ward' }).getByRole('columnheader', { name: 'Occupied' }).waitFor();
    assert.deepEqual(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents(), ['Patients', 'Boards', 'Beds', 'Emergency', 'Vital signs'], 'English menu');
    await page.goto(`${stub.origin}/app/tavle/w-m1?skaerm=vaeg`);
    await page.getByTestId('legend').getByRole('heading', { name: 'Legend' }).waitFor();
    await page.getByTestId('capacity').getByText('Occupied').waitFor();
    await checkA11y(page, 'the wall board in English');
    await page.goto(`${stub.origin}/app/senge`);
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sengeoversigt' }).waitFor();
  });

  it('lets the porter accept, start and complete a task on the phone', async () => {
    await logout(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, stub.origin, 'portoer', PASSWORD);
    await page.waitForURL(`${stub.origin}/app/opgaver`);
    assert.deepEqual(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').allTextContents(), ['Opgaver'], 'the porter’s menu');
    await page.getByRole('heading', { level: 1, name: 'Opgaver: Portører' }).waitFor();
    const card = page.getByTestId('task-cards').locator('li[data-task="t-1"]');
    await card.getByText('Transport – Karen Jensen', { exact: true }).waitFor();
    await card.getByText('Afventer').waitFor();
    await page.getByTestId('done-tasks').getByText('Transport – Mette Hansen', { exact: true }).waitFor();
    await checkA11y(page, 'the porter’s tasks');
    await screenshot(page, 'logistics-tasks');

    const button = card.getByRole('button', { name: 'Acceptér (Transport – Karen Jensen)', exact: true });
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 48, `a big touch target (${JSON.stringify(box)})`);
    await button.click();
    await card.getByText('Accepteret').waitFor();
    await card.getByRole('button', { name: /^Start/ }).waitFor();
    assert.equal(await isFocused(card.getByRole('button')), true, 'focus stays on the task’s button');
    await page.keyboard.press('Enter');
    await card.getByText('I gang').waitFor();
    await card.getByRole('button', { name: /^Udført/ }).click();
    await page.getByTestId('done-tasks').locator('li[data-task="t-1"]').getByText('Afsluttet').waitFor();
    assert.equal(await page.getByTestId('task-cards').locator('li[data-task="t-1"]').count(), 0, 'gone from the open tasks');
    assert.deepEqual(
      postsTo(logistics, /\/tasks\/t-1\//).map((p) => [p.path, p.user]),
      [
        ['/api/logistics/tasks/t-1/accept', 'Ole Berg'],
        ['/api/logistics/tasks/t-1/start', 'Ole Berg'],
        ['/api/logistics/tasks/t-1/complete', 'Ole Berg'],
      ],
      'Accept → Start → Complete, in order',
    );
    await page.getByRole('status').filter({ hasText: 'Opgaven er udført.' }).waitFor();
    await page.goto(`${stub.origin}/app/tavle`);
    await page.getByText('Du har ikke adgang til denne side.').waitFor();
    await logout(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('counts the emergency board’s deadlines by the browser clock and marks a breach when the clock passes one', async () => {
    const edContext = await newUserContext(browser);
    try {
      await edContext.clock.install();
      const ed = await watchedPage(edContext, pageErrors);
      await login(ed, stub.origin, 'sygeplejerske', PASSWORD);
      await ed.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Akutmodtagelse' }).click();
      await ed.waitForURL(`${stub.origin}/app/akut`);
      const table = ed.getByTestId('ed-table');
      const anders = table.locator('tr[data-encounter="e-anders"]');
      await anders.waitFor();
      assert.equal(await table.locator('tbody tr').first().getAttribute('data-encounter'), 'e-anders', 'the untriaged patient first');
      const treatmentKpi = ed.getByTestId('kpis').locator('li').filter({ hasText: 'Behandling startet' });
      assert.match((await treatmentKpi.textContent()) ?? '', /70 %.*21 af 30, mål 90 %.*Under målet/, 'share, counts, goal and verdict');
      await ed.getByTestId('kpis').locator('li').filter({ hasText: 'Triage' }).getByText('Mål nået').waitFor();
      await table.locator('tr[data-encounter="e-birthe"]').getByText('Orange').waitFor();
      await table.locator('tr[data-encounter="e-svend"]').getByText('Overskredet').first().waitFor();

      const triageTimer = anders.locator('li.timer[data-step="triage"]');
      await triageTimer.getByText(/^[34]:\d\d tilbage$/).waitFor();
      assert.equal(await anders.getByText('Overskredet').count(), 0, 'nothing breached yet');
      await checkA11y(ed, 'the emergency board');
      await screenshot(ed, 'logistics-ed');

      await ed.clock.fastForward('06:00');
      await triageTimer.getByText('Overskredet').waitFor();
      assert.equal(await triageTimer.locator('svg').count() > 0, true, 'the breach has an icon beside the word');
      assert.equal(await anders.getAttribute('class'), 'row-breached', 'the row is marked');

      await anders.getByRole('button', { name: 'Start – Triage, Anders Holm' }).click();
      await anders.locator('li[data-activity="triage"]').getByText('I gang').waitFor();
      await anders.getByRole('button', { name: 'Udført – Triage, Anders Holm' }).click();
      await anders.locator('li[data-activity="triage"]').getByText('Afsluttet').waitFor();
      await anders.getByLabel('Sæt triage: Anders Holm').selectOption('gul');
      await anders.getByRole('button', { name: 'Gem – Anders Holm' }).click();
      await anders.getByText('Gul').waitFor();
      assert.deepEqual(
        postsTo(logistics, /\/ed\/e-anders\//).map((p) => [p.path.replace('/api/logistics/ed/e-anders/', ''), p.body]),
        [
          ['activities/triage/start', {}],
          ['activities/triage/complete', {}],
          ['triage', { level: 'gul' }],
        ],
        'the ED actions as the contract has them',
      );
      await checkA11y(ed, 'the emergency board after a breach');
    } finally {
      await edContext.close();
    }
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
