/**
 * The journal search in the chart (/app/patient/:id/journal) in Chromium against a stub of the
 * journal API (journal-stub.ts, inside contract-stub.ts): a doctor searches "ikke feber" and sees
 * the negated passage first with "ikke" and "feber" marked, opens it in the source panel with the
 * whole note below, the passage marked (source-viewer.component.tsx); a search without hits says
 * "Ikke fundet i journalen"; a one-letter query is refused before anything is sent; markup in a
 * snippet is shown as text, never run; a 403 shows the server's message; on a phone nothing scrolls
 * sideways; English texts. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { createJournalStub, JOURNAL_FORBIDDEN, NOTE_1_TEXT, type JournalStub } from './journal-stub.ts';
import { isFocused } from './page-checks.ts';
import { login, logout } from './shell-steps.ts';
import { addStubDoctor } from './vitals-stub.ts';

const PASSWORD = 'kerne-demo-1';

const markTexts = (locator: Locator) => locator.locator('mark').allTextContents();

describe('journal search in the chart against the journal contract (stub)', () => {
  let stub: ContractStub;
  let journal: JournalStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const field = () => page.getByLabel('Søg i journalen', { exact: true });
  const status = () => page.getByTestId('journal-status');
  const hits = () => page.getByTestId('journal-hits').getByRole('listitem');
  const panel = () => page.getByTestId('journal-source');
  const searchFor = async (text: string) => {
    await field().fill(text);
    await field().press('Enter');
  };

  before(async () => {
    addStubDoctor();
    journal = createJournalStub();
    session = await openContractSession((app, api) => journal.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('gives the doctor a search field in the chart’s journal module', async () => {
    await login(page, stub.origin, 'laege', PASSWORD);
    await page.goto(`${stub.origin}/app/patient/p-karen/journal`);
    await page.getByRole('heading', { level: 2, name: 'Journal' }).waitFor();
    const form = page.getByRole('search').filter({ has: field() });
    await form.waitFor();
    await form.getByRole('button', { name: 'Søg', exact: true }).waitFor();
    await checkA11y(page, 'the journal module before a search');
  });

  it('refuses a one-letter query before sending it', async () => {
    await searchFor('f');
    await page.getByText('Skriv mindst 2 tegn.').waitFor();
    assert.equal(await field().getAttribute('aria-invalid'), 'true', 'the field is marked');
    assert.equal(await isFocused(field()), true, 'focus stays in the field');
    await searchFor('   ');
    await page.getByText('Skriv det, du vil søge efter.').waitFor();
    assert.deepEqual(journal.queries, [], 'nothing was sent');
    await checkA11y(page, 'the journal search with a refused query');
  });

  it('finds the negated passage first, with "ikke" and "feber" marked', async () => {
    await searchFor('ikke feber');
    await status().getByText('3 fund for »ikke feber«, bedste først').waitFor();
    assert.equal(await field().getAttribute('aria-invalid'), null, 'the field is no longer marked');
    assert.deepEqual(
      journal.queries.map((q) => [q.patientId, q.q, q.limit]),
      [['p-karen', 'ikke feber', '20']],
      'the search the contract describes',
    );
    assert.equal(await hits().count(), 3);
    const first = hits().first();
    assert.deepEqual(await markTexts(first), ['ikke', 'feber'], 'the matched words of the first hit are marked');
    assert.equal(((await first.locator('.journal-snippet').textContent()) ?? '').trim(), 'Vågen og klar. Har ikke feber, men hoster fortsat.', 'the snippet without its [[ ]]');
    assert.match((await first.locator('.journal-hit-meta').textContent()) ?? '', /^Lægenotat15\.01\.2025ObjektivtHele udtrykket$/, 'kind, Danish date, section, phrase');
    assert.deepEqual(await markTexts(hits().nth(1)), ['Feber', 'Ikke'], 'the second hit as the server marked it');
    assert.match((await hits().nth(1).textContent()) ?? '', /^Sygeplejenotat14\.01\.2025Observation/, 'the nurse’s note second');
    assert.match((await hits().nth(2).textContent()) ?? '', /^mikrobiologi13\.01\.2025/, 'an unknown kind shows its code');
    assert.equal(await page.getByText('[[').count(), 0, 'no [[ ]] on the screen');
    await checkA11y(page, 'the journal search results');
    await screenshot(page, 'journal-results');
  });

  it('opens a hit in the source panel', async () => {
    const button = hits().first().getByRole('button');
    await button.click();
    const source = panel();
    const heading = source.getByRole('heading', { level: 3, name: 'Kilde: Lægenotat, 15.01.2025' });
    await heading.waitFor();
    assert.equal(await isFocused(heading), true, 'focus on the panel’s heading');
    assert.equal(await button.getAttribute('aria-current'), 'true', 'the open hit is marked');
    const passage = source.locator('blockquote');
    assert.equal(((await passage.textContent()) ?? '').trim(), 'Vågen og klar. Har ikke feber, men hoster fortsat.');
    assert.deepEqual(await markTexts(passage), ['ikke', 'feber'], 'the matched words marked in the passage');
    const facts = await source.locator('dl > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]));
    assert.deepEqual(
      facts,
      [
        ['Type', 'Lægenotat'],
        ['Afsnit', 'Objektivt'],
        ['Dato', '15.01.2025'],
        ['Kilde', 'DocumentReference/note-1'],
        ['Version', '3'],
      ],
      'the source reference and its date',
    );
    const fullText = source.getByTestId('source-text');
    await fullText.getByTestId('cited-passage').waitFor();
    assert.equal(await fullText.getByTestId('cited-passage').textContent(), 'Vågen og klar. Har ikke feber, men hoster fortsat.', 'the whole note with the passage marked (code points, after an emoji)');
    assert.equal(((await fullText.textContent()) ?? ''), NOTE_1_TEXT, 'the whole note');
    assert.equal(await isFocused(heading), true, 'focus stays on the panel’s heading when the full text arrives');
    await checkA11y(page, 'the journal source panel');
    await screenshot(page, 'journal-source');
    await source.getByRole('button', { name: 'Luk kilden' }).click();
    await source.waitFor({ state: 'detached' });
    assert.equal(await isFocused(button), true, 'focus back on the hit');
  });

  it('says "Ikke fundet i journalen" when nothing matches', async () => {
    await searchFor('blodprop');
    await status().getByText('Ikke fundet i journalen', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('journal-hits').count(), 0, 'no list');
    assert.equal(journal.queries.at(-1)?.q, 'blodprop');
    await checkA11y(page, 'the journal search without hits');
  });

  it('shows markup inside a snippet as text, never runs it', async () => {
    await searchFor('script');
    await status().getByText('1 fund for »script«, bedste først').waitFor();
    const first = hits().first();
    assert.match((await first.textContent()) ?? '', /<script>window\.__journalXss = true<\/script><img src="x" onerror="window\.__journalXss = true">/, 'the markup as text');
    assert.deepEqual(await markTexts(first), ['scriptet']);
    assert.equal(await page.getByTestId('journal-hits').locator('script, img').count(), 0, 'no element made from the snippet');
    await first.getByRole('button').click();
    await panel().getByRole('heading', { name: /^Kilde: Korrespondance/ }).waitFor();
    assert.equal(await panel().locator('script, img').count(), 0, 'nor in the source panel');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await page.evaluate('window.__journalXss'), undefined, 'nothing ran');
  });

  it('fits a phone: no sideways scrolling, big touch targets', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await searchFor('ikke feber');
    await status().getByText('3 fund for »ikke feber«, bedste først').waitFor();
    await hits().first().getByRole('button').click();
    await panel().getByRole('heading', { level: 3 }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no sideways scrolling on a phone');
    const box = await page.getByRole('button', { name: 'Søg', exact: true }).boundingBox();
    assert.ok(box && box.height >= 44, `a big touch target (${JSON.stringify(box)})`);
    await checkA11y(page, 'the journal search on a phone');
    await screenshot(page, 'journal-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Search the record', { exact: true }).waitFor();
    await page.getByLabel('Search the record', { exact: true }).press('Enter');
    await status().getByText('3 matches for “ikke feber”, best first').waitFor();
    assert.match((await hits().first().textContent()) ?? '', /^Physician’s note15 Jan 2025ObjektivtWhole phrase/);
    await checkA11y(page, 'the journal search in English');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await field().waitFor();
  });

  it('shows the server’s message on a 403', async () => {
    await logout(page);
    await login(page, stub.origin, 'afdelingsledelse', PASSWORD);
    await page.goto(`${stub.origin}/app/patient/p-karen/journal`);
    await searchFor('ikke feber');
    await page.getByRole('alert').getByText(JOURNAL_FORBIDDEN).waitFor();
    assert.equal(await page.getByTestId('journal-hits').count(), 0, 'no hits');
    assert.equal(journal.queries.at(-1)?.user, 'afdelingsledelse');
    await checkA11y(page, 'the journal search refused by the server');
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
