/**
 * The patient timeline in the chart (/app/patient/:id/timeline) in Chromium against a stub of the
 * timeline API (timeline-stub.ts, inside contract-stub.ts), with the browser's clock fixed at
 * 15 January 2025 14:00 in Copenhagen: the year shows six entries; zooming to the day (button) and
 * out to the week (keyboard) changes the window asked for and the entries shown; moving back a year
 * shows December's message; a chip hides a kind and a sector; an entry opens its detail panel with
 * its text and link; a phone gets no sideways scrolling; English texts. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { login } from './shell-steps.ts';
import { createTimelineStub, TIMELINE_NOW, type TimelineStub } from './timeline-stub.ts';
import { addStubDoctor } from './vitals-stub.ts';

const PASSWORD = 'kerne-demo-1';
const isFocused = (locator: Locator) => locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);

describe('patient timeline in the chart against the timeline contract (stub)', () => {
  let stub: ContractStub;
  let timeline: TimelineStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const windowLabel = () => page.getByTestId('timeline-window');
  const status = () => page.getByTestId('timeline-status');
  const entries = () => page.getByTestId('timeline-entries').getByRole('listitem');
  const entryIds = () => page.getByTestId('timeline-entries').locator('[data-entry]').evaluateAll((els) => els.map((e) => e.getAttribute('data-entry')));
  const zoomButton = (name: string) => page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name, exact: true });
  const chip = (name: RegExp) => page.getByRole('group', { name: 'Filtrér tidslinjen' }).getByRole('button', { name });

  before(async () => {
    addStubDoctor();
    timeline = createTimelineStub();
    session = await openContractSession((app, api) => timeline.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('shows this year’s course, oldest first, with filter chips and counts', async () => {
    await login(page, stub.origin, 'laege', PASSWORD);
    await page.clock.setFixedTime(new Date(TIMELINE_NOW));
    await page.goto(`${stub.origin}/app/patient/p-karen/timeline`);
    await page.getByRole('heading', { level: 2, name: 'Forløb/tidslinje' }).waitFor();
    await status().getByText('6 hændelser i tidsvinduet', { exact: true }).waitFor();
    assert.match((await windowLabel().textContent()) ?? '', /2025$/, 'the window is the year 2025');
    assert.equal(await zoomButton('År').getAttribute('aria-pressed'), 'true', 'year zoom is pressed');
    assert.deepEqual(
      timeline.queries.map((q) => [q.patientId, q.from, q.to]),
      [['p-karen', '2024-12-31T23:00:00.000Z', '2025-12-31T22:59:59.999Z']],
      'the window asked for is the Copenhagen year',
    );
    assert.deepEqual(
      await entryIds(),
      ['QuestionnaireResponse/q-who5', 'Encounter/e-med', 'DocumentReference/d-henvisning', 'Communication/m-gp', 'Observation/o-hb', 'Composition/n-stuegang'],
      'oldest first',
    );
    assert.deepEqual(
      await page.getByTestId('timeline-entries').getByRole('heading', { level: 3 }).allTextContents(),
      ['januar 2025'],
      'grouped by month under a heading',
    );
    await chip(/^Notater \(1\)$/).waitFor();
    await chip(/^Almen praksis \(2\)$/).waitFor();
    assert.match((await entries().nth(1).textContent()) ?? '', /^KontaktHospital, somatik10\.01\.2025 kl\. 08:00 – pågårIndlæggelse – Medicinsk afdeling M1Pneumoni$/, 'an ongoing admission');
    await checkA11y(page, 'the timeline, a year');
    await screenshot(page, 'timeline-year');
  });

  it('zooms to the day with a button and out to the week with the keyboard', async () => {
    await zoomButton('Dag').click();
    await status().getByText('3 hændelser i tidsvinduet', { exact: true }).waitFor();
    assert.equal(((await windowLabel().textContent()) ?? '').replace('Tidsvindue: ', ''), '15.01.2025', 'the window is the day');
    assert.deepEqual(await entryIds(), ['Encounter/e-med', 'Observation/o-hb', 'Composition/n-stuegang'], 'the ongoing stay and the day’s entries');
    assert.deepEqual(timeline.queries.at(-1)?.from, '2025-01-14T23:00:00.000Z', 'the day asked for');
    await zoomButton('Dag').press('-');
    await status().getByText('4 hændelser i tidsvinduet', { exact: true }).waitFor();
    assert.equal(await zoomButton('Uge').getAttribute('aria-pressed'), 'true', 'the week zoom is pressed');
    assert.match((await windowLabel().textContent()) ?? '', /Uge 3, 2025 \(13\.01\.2025–19\.01\.2025\)/, 'the ISO week');
    await zoomButton('Uge').press('ArrowLeft');
    await windowLabel().getByText(/Uge 2, 2025/).waitFor();
    await status().getByText('2 hændelser i tidsvinduet', { exact: true }).waitFor();
    assert.deepEqual(await entryIds(), ['Encounter/e-med', 'DocumentReference/d-henvisning'], 'the week before: the admission began, the referral came (Sunday ends the week)');
    await zoomButton('Uge').press('+');
    await windowLabel().getByText('06.01.2025').waitFor();
    assert.equal(await zoomButton('Dag').getAttribute('aria-pressed'), 'true', '+ zooms in');
    await checkA11y(page, 'the timeline, a day');
  });

  it('moves back a year to December’s message from the municipality', async () => {
    await zoomButton('År').click();
    await status().getByText('6 hændelser i tidsvinduet', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Forrige' }).click();
    await status().getByText('1 hændelse i tidsvinduet', { exact: true }).waitFor();
    assert.match((await windowLabel().textContent()) ?? '', /2024$/);
    assert.match((await entries().first().textContent()) ?? '', /^BeskedKommune20\.12\.2024 kl\. 10:00ModtagetBesked fra Hjemmeplejen Nord/, 'a received message from the municipality');
    await page.getByRole('button', { name: 'Næste' }).click();
    await status().getByText('6 hændelser i tidsvinduet', { exact: true }).waitFor();
  });

  it('hides a kind and a sector with their chips', async () => {
    await chip(/^Notater \(1\)$/).click();
    await status().getByText('5 hændelser i tidsvinduet · 1 skjult af filtrene', { exact: true }).waitFor();
    assert.equal(await chip(/^Notater \(1\)$/).getAttribute('aria-pressed'), 'false', 'the chip shows it is off');
    assert.ok(!(await entryIds()).includes('Composition/n-stuegang'), 'the note is hidden');
    assert.equal(await page.getByTestId('timeline-strip').locator('.timeline-kind-note').count(), 0, 'and gone from the strip');
    await chip(/^Almen praksis \(2\)$/).click();
    await status().getByText('3 hændelser i tidsvinduet · 3 skjult af filtrene', { exact: true }).waitFor();
    assert.deepEqual(await entryIds(), ['QuestionnaireResponse/q-who5', 'Encounter/e-med', 'Observation/o-hb'], 'the GP’s referral and the message to the GP are hidden too');
    await checkA11y(page, 'the timeline with filters');
    await chip(/^Notater \(1\)$/).click();
    await chip(/^Almen praksis \(2\)$/).click();
    await status().getByText('6 hændelser i tidsvinduet', { exact: true }).waitFor();
  });

  it('opens an entry’s detail with its text, and a document with its link', async () => {
    const note = page.locator('[data-entry="Composition/n-stuegang"]');
    await note.click();
    const detail = page.getByTestId('timeline-detail');
    const heading = detail.getByRole('heading', { level: 3, name: 'Stuegang' });
    await heading.waitFor();
    assert.equal(await isFocused(heading), true, 'focus on the detail’s heading');
    assert.equal(await note.getAttribute('aria-current'), 'true', 'the open entry is marked');
    assert.equal(((await detail.locator('.timeline-text').innerText()) ?? '').trim(), 'Objektivt:\nVågen og klar. Ingen feber.\nPlan:\nFortsat antibiotika.', 'the whole note');
    const facts = await detail.locator('dl > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]));
    assert.deepEqual(
      facts,
      [
        ['Type', 'Notat'],
        ['Sektor', 'Hospital, somatik'],
        ['Tid', '15.01.2025 kl. 10:00'],
        ['Status', 'Underskrevet'],
        ['Kilde', 'Composition/n-stuegang'],
        ['Version', '1'],
      ],
      'the facts of the note',
    );
    await checkA11y(page, 'the timeline detail');
    await screenshot(page, 'timeline-detail');
    await detail.getByRole('button', { name: 'Luk detaljer' }).click();
    await detail.waitFor({ state: 'detached' });
    assert.equal(await isFocused(note), true, 'focus back on the entry');
    await page.locator('[data-entry="DocumentReference/d-henvisning"]').click();
    const link = page.getByTestId('timeline-detail').getByRole('link', { name: /Åbn dokumentet: Henvisning\.pdf/ });
    assert.equal(await link.getAttribute('href'), 'https://dokumenter.example.dk/henvisning.pdf', 'the document’s link');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  });

  it('fits a phone: no sideways scrolling, big touch targets', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('timeline-detail').waitFor();
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no sideways scrolling on a phone');
    const box = await zoomButton('Timer').boundingBox();
    assert.ok(box && box.height >= 44, `a big touch target (${JSON.stringify(box)})`);
    await checkA11y(page, 'the timeline on a phone');
    await screenshot(page, 'timeline-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Year', exact: true }).waitFor();
    await status().getByText('6 events in the time window', { exact: true }).waitFor();
    await page.getByRole('button', { name: /^Notes \(1\)$/ }).waitFor();
    await checkA11y(page, 'the timeline in English');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await zoomButton('År').waitFor();
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
