/**
 * The Overblik in the chart (/app/patient/:id/overview) in Chromium against a stub of the journal
 * API (overview-stub.ts, inside contract-stub.ts): the sections in the server's order with their
 * Danish headings, an empty section saying "Ikke oplyst i journalen", ages, flags, assertion labels
 * and "Ny"; citation [1] opens the source viewer with exactly the cited words (counted in code points,
 * after an emoji) in the <mark>, in view and focused; a citation of an amended note says it is out of
 * date; a resource citation shows the resource; "Spørg journalen" says "Ikke fundet i journalen",
 * labels a generated answer, counts its dropped sentences, and opening its citation is recorded
 * against the AI event; "Kopiér svar" copies the sentences with their numbers and records 'copied'
 * only when the clipboard took it; "Markér som forkert" records 'marked-wrong', thanks the user and
 * is disabled; a fallback answer says why the language model was not used. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import {
  AI_EVENT_ID,
  ALLERGY_SUMMARY,
  CAVE_CITATION,
  CONFLICT_FLAG,
  createOverviewStub,
  DISCONTINUED_FLAG,
  EMPTY_TEXT,
  FALLBACK_EVENT_ID,
  FALLBACK_REASON,
  NO_FEVER_CITATION,
  SECTION_TITLES,
  STALE_CITATION,
  type OverviewStub,
} from './overview-stub.ts';
import { inViewport, isFocused } from './page-checks.ts';
import { login } from './shell-steps.ts';
import { addStubDoctor } from './vitals-stub.ts';

const PASSWORD = 'kerne-demo-1';


/** Waits until the stub has seen `n` AI actions (the POST is fire and forget). */
async function actionsSeen(stub: OverviewStub, n: number): Promise<void> {
  for (let i = 0; i < 100 && stub.actions.length < n; i++) await new Promise((r) => setTimeout(r, 50));
}

describe('Overblik in the chart against the journal contract (stub)', () => {
  let stub: ContractStub;
  let overview: OverviewStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const sections = () => page.getByTestId('overview-sections');
  const section = (id: string) => page.getByTestId(`overview-section-${id}`);
  const viewer = () => page.getByTestId('overview-source');
  const cited = () => viewer().getByTestId('cited-passage');
  const citation = (scope: Locator, n: number) => scope.getByRole('button', { name: `Kilde ${n}`, exact: true });
  const ask = () => page.getByTestId('ask-journal');
  const askFor = async (question: string) => {
    await ask().getByLabel('Dit spørgsmål').fill(question);
    await ask().getByRole('button', { name: 'Spørg', exact: true }).click();
  };

  before(async () => {
    addStubDoctor();
    overview = createOverviewStub();
    session = await openContractSession((app, api) => overview.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('shows the sections in the server’s order with Danish headings; an empty one says so', async () => {
    await login(page, stub.origin, 'laege', PASSWORD);
    await page.goto(`${stub.origin}/app/patient/p-karen/overview`);
    await page.getByRole('heading', { level: 2, name: 'Overblik' }).waitFor();
    await sections().waitFor();
    assert.deepEqual(await sections().getByRole('heading', { level: 3 }).allTextContents(), SECTION_TITLES, 'the sections in order');
    assert.deepEqual(overview.overviews, [{ patientId: 'p-karen', user: 'laege' }], 'the overview the contract describes, asked once');
    for (const id of ['recentEvents', 'pendingResults']) {
      assert.equal(((await section(id).locator('.overview-empty').textContent()) ?? '').trim(), EMPTY_TEXT, `the empty section ${id} says "${EMPTY_TEXT}"`);
      assert.equal(await section(id).getByRole('listitem').count(), 0, `no items in ${id}`);
    }
    assert.match((await page.getByTestId('overview-last-opened').textContent()) ?? '', /^Nyt siden du sidst åbnede overblikket \(\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}\) er mærket »Ny«\.$/);
    await checkA11y(page, 'the overview');
    await screenshot(page, 'overview');
  });

  it('shows each item’s age, flags, assertion label and "Ny", and numbers the citations', async () => {
    const allergy = section('allergies').getByTestId('overview-item');
    assert.equal(await allergy.count(), 1);
    assert.equal(await allergy.locator('time').textContent(), 'for 3 dage siden', 'the age of a three-day-old item');
    assert.deepEqual(await allergy.getByTestId('overview-flag').allTextContents(), [CONFLICT_FLAG], 'the conflict flag');
    assert.deepEqual(await allergy.getByRole('button').allTextContents(), ['[1]', '[2]'], 'numbered citations');
    const medication = section('medication').getByTestId('overview-item');
    assert.deepEqual(await medication.getByTestId('overview-flag').allTextContents(), [DISCONTINUED_FLAG]);
    assert.equal(((await medication.getByTestId('overview-new').textContent()) ?? '').trim(), 'Ny siden du sidst åbnede overblikket', '"Ny", explained to a screen reader');
    assert.equal(await medication.locator('time').textContent(), 'for 20 dage siden');
    assert.deepEqual(await medication.getByRole('button').allTextContents(), ['[3]']);
    const problems = section('problems').getByTestId('overview-item');
    assert.deepEqual(await problems.getByTestId('overview-assertion').allTextContents(), ['afkræftet', 'familie'], 'negated and family findings are labelled, not stated as facts');
    assert.deepEqual(await problems.getByRole('button').allTextContents(), ['[4]', '[1]'], 'the same source cited again keeps its number');
    assert.equal(await section('vitals').locator('time').textContent(), 'for 2 timer siden');
    assert.equal(await section('allergies').getByTestId('overview-assertion').count(), 0, 'a present finding has no label');
  });

  it('citation [1] opens the source with exactly the cited words marked, in view and focused', async () => {
    const one = citation(section('allergies'), 1);
    await one.click();
    const mark = cited();
    await mark.waitFor();
    assert.equal(await mark.textContent(), CAVE_CITATION.kind === 'span' ? CAVE_CITATION.quote : '', 'the cited words, not shifted by the emoji before them');
    await viewer().getByRole('heading', { level: 3, name: 'Kilde: Indlæggelsesnotat' }).waitFor();
    assert.equal(await isFocused(mark), true, 'focus on the cited passage');
    assert.equal(await inViewport(mark), true, 'the cited passage is scrolled into view');
    assert.equal(await viewer().getByTestId('source-stale').count(), 0, 'a current citation is not stale');
    const facts = await viewer().locator('dl > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]));
    assert.deepEqual(
      facts,
      [
        ['Type', 'Indlæggelsesnotat'],
        ['Dato', '10.01.2026'],
        ['Forfatter', 'Karen Holm'],
        ['Status', 'final'],
        ['Kilde', 'Composition/note-1'],
        ['Version', '1'],
      ],
      'title, kind, date, author, status and version',
    );
    assert.ok(((await viewer().getByTestId('source-text').textContent()) ?? '').startsWith('Anamnese\nPt. 🫁 indlægges'), 'the whole text');
    assert.equal(await one.getAttribute('aria-current'), 'true', 'the open citation is marked');
    assert.ok(overview.sources.includes(`/api/journal/sources/Composition/note-1?version=1&start=${CAVE_CITATION.kind === 'span' ? CAVE_CITATION.start : -1}&end=${CAVE_CITATION.kind === 'span' ? CAVE_CITATION.end : -1}`), `the source asked at the cited version and span (${overview.sources.join(', ')})`);
    await checkA11y(page, 'the overview with a source open');
    await screenshot(page, 'overview-source');
    await viewer().getByRole('button', { name: 'Luk kilden' }).click();
    await viewer().waitFor({ state: 'detached' });
    assert.equal(await isFocused(one), true, 'focus back on the citation');
  });

  it('says a citation of an amended note is out of date, and still marks the words as they were', async () => {
    await citation(section('medication'), 3).click();
    await viewer().getByTestId('source-stale').getByText('Kilden er ændret siden – henvisningen er forældet').waitFor();
    assert.equal(await cited().textContent(), STALE_CITATION.kind === 'span' ? STALE_CITATION.quote : '', 'the cited words in the version cited');
    assert.equal(await viewer().locator('dl > div').filter({ hasText: 'Version' }).locator('dd').textContent(), '1 (nu version 2)');
    await checkA11y(page, 'a stale citation');
  });

  it('a resource citation shows what the server says about the resource', async () => {
    await citation(section('allergies'), 2).click();
    await viewer().getByRole('heading', { level: 3, name: 'Kilde: Allergi: Penicillin' }).waitFor();
    assert.equal(((await viewer().getByTestId('source-text').textContent()) ?? '').trim(), ALLERGY_SUMMARY);
    assert.equal(await cited().count(), 0, 'nothing to mark');
    assert.equal(await isFocused(viewer().getByRole('heading', { level: 3 })), true, 'focus on the heading');
    assert.equal(overview.sources.at(-1), '/api/journal/sources/AllergyIntolerance/allergy-1?version=1', 'asked at its version, without a span');
  });

  it('"Spørg journalen" says "Ikke fundet i journalen" when the record does not say', async () => {
    await ask().getByRole('button', { name: 'Spørg', exact: true }).click();
    await ask().getByText('Skriv dit spørgsmål.').waitFor();
    await askFor('ja');
    await ask().getByText('Skriv mindst 3 tegn.').waitFor();
    assert.equal(overview.questions.length, 0, 'an empty or two-letter question is not sent');
    await askFor('Har patienten haft blodprop?');
    await ask().getByTestId('ask-verdict').getByText('Ikke fundet i journalen', { exact: true }).waitFor();
    assert.deepEqual(overview.questions.map((q) => [q.patientId, q.body, q.user]), [['p-karen', { question: 'Har patienten haft blodprop?' }, 'laege']], 'the question the contract describes');
    assert.equal(await ask().getByTestId('ai-label').count(), 0, 'no AI label on an extractive answer');
    assert.equal(await ask().getByTestId('ask-dropped').count(), 0);
    await checkA11y(page, 'a question not answered by the record');
  });

  it('labels a generated answer, counts its dropped sentences and records the opened citation', async () => {
    await askFor('Har patienten haft feber?');
    const answer = ask().getByTestId('ask-answer');
    await answer.getByTestId('ask-verdict').getByText('Nej', { exact: true }).waitFor();
    assert.match((await answer.getByTestId('ai-label').textContent()) ?? '', /^AI-genereret – verificér mod kilder/, 'the AI label');
    assert.equal(await answer.getByTestId('ask-dropped').textContent(), '2 udsagn blev fjernet, da de ikke kunne verificeres');
    const sentence = answer.getByTestId('ask-sentence');
    assert.match((await sentence.textContent()) ?? '', /^Patienten havde ikke feber ved indlæggelsen\. \[1\]$/, 'the sentence with its citation, numbered within the answer');
    await checkA11y(page, 'a generated answer');
    await screenshot(page, 'overview-answer');
    assert.equal(overview.actions.length, 0, 'nothing recorded before a citation is opened');
    await citation(answer, 1).click();
    await cited().getByText(NO_FEVER_CITATION.kind === 'span' ? NO_FEVER_CITATION.quote : '?', { exact: true }).waitFor();
    await actionsSeen(overview, 1);
    assert.deepEqual(overview.actions, [{ eventId: AI_EVENT_ID, body: { action: 'opened-citation', citation: NO_FEVER_CITATION }, user: 'laege' }], 'the opened citation recorded against the answer’s AI event');
    await citation(section('vitals'), 5).click();
    await viewer().getByTestId('cited-passage').waitFor();
    assert.equal(overview.actions.length, 1, 'a citation of the overview is not an AI action');
  });

  it('"Kopiér svar" copies the sentences with their numbers and records it, only when the clipboard took it', async () => {
    const answer = ask().getByTestId('ask-answer');
    const copy = answer.getByRole('button', { name: 'Kopiér svar', exact: true });
    const status = answer.getByTestId('ask-action-status');
    const before = overview.actions.length;
    // A clipboard that refuses (no permission, an insecure page): the user is told, nothing is recorded.
    await page.evaluate(`Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) })`);
    await copy.click();
    await status.getByText('Kunne ikke kopiere – markér teksten og kopiér den selv').waitFor();
    assert.equal(overview.actions.length, before, 'a copy that failed is not recorded');
    await page.evaluate('delete navigator.clipboard.writeText');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stub.origin });
    await copy.click();
    await status.getByText('Svaret er kopieret med kildenumre').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), 'Patienten havde ikke feber ved indlæggelsen. [1]', 'the sentence with its citation number on the clipboard');
    await actionsSeen(overview, before + 1);
    assert.deepEqual(overview.actions.slice(before), [{ eventId: AI_EVENT_ID, body: { action: 'copied' }, user: 'laege' }], 'the copy recorded against the answer’s AI event');
  });

  it('"Markér som forkert" records it, thanks the user and cannot be pressed again', async () => {
    const answer = ask().getByTestId('ask-answer');
    const markWrong = answer.getByRole('button', { name: 'Markér som forkert', exact: true });
    const before = overview.actions.length;
    assert.equal(await markWrong.isEnabled(), true, 'the button can be pressed');
    await markWrong.click();
    await answer.getByTestId('ask-action-status').getByText('Tak – markeret som forkert').waitFor();
    assert.deepEqual(overview.actions.slice(before), [{ eventId: AI_EVENT_ID, body: { action: 'marked-wrong' }, user: 'laege' }], 'marked-wrong recorded against the answer’s AI event');
    assert.equal(await markWrong.isDisabled(), true, 'disabled once marked');
    await checkA11y(page, 'an answer copied and marked as wrong');
  });

  it('says why the language model was not used; an answer without an AI event has no actions', async () => {
    await askFor('Har patienten penicillinallergi?');
    const answer = ask().getByTestId('ask-answer');
    await answer.getByTestId('ask-verdict').getByText('Ja', { exact: true }).waitFor();
    assert.equal(await answer.getByTestId('ask-fallback').textContent(), `Sprogmodellen blev ikke brugt: ${FALLBACK_REASON}`, 'the fallback reason as a note');
    const markWrong = answer.getByRole('button', { name: 'Markér som forkert', exact: true });
    assert.equal(await markWrong.isEnabled(), true, 'a new answer can be marked again');
    assert.equal(await answer.getByTestId('ask-action-status').textContent(), '', 'no confirmation carried over from the last answer');
    await checkA11y(page, 'an answer after a model fallback');
    const before = overview.actions.length;
    await markWrong.click();
    await answer.getByText('Tak – markeret som forkert').waitFor();
    assert.deepEqual(overview.actions.slice(before).map((a) => [a.eventId, a.body]), [[FALLBACK_EVENT_ID, { action: 'marked-wrong' }]], 'recorded against this answer’s event');
    await askFor('Har patienten haft blodprop?');
    await ask().getByTestId('ask-verdict').getByText('Ikke fundet i journalen', { exact: true }).waitFor();
    assert.equal(await ask().getByTestId('ask-actions').count(), 0, 'no copy or mark without an AI event');
    assert.equal(await ask().getByTestId('ask-fallback').count(), 0, 'no fallback note without a reason');
  });

  it('fits a phone: no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await citation(section('allergies'), 1).click();
    await cited().waitFor();
    assert.equal(await inViewport(cited()), true, 'the cited passage is scrolled into view on a phone too');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, 'no sideways scrolling on a phone');
    await checkA11y(page, 'the overview on a phone');
    await screenshot(page, 'overview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    await section('allergies').getByRole('heading', { name: 'Allergies and warnings' }).waitFor();
    assert.equal(await section('allergies').locator('time').textContent(), '3 days ago');
    await checkA11y(page, 'the overview in English');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await section('allergies').getByRole('heading', { name: SECTION_TITLES[0] }).waitFor();
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
