/**
 * Overblik and the journal search end to end against a real `kerne start --demo`, in Chromium: the
 * MED1 doctor opens a MED1 inpatient's chart, sees the overview's sections, clicks a citation of a
 * note and lands on the source with exactly the cited words marked, visible and focused; asks
 * "Har patienten feber?" and gets "Nej" citing the note's "Har ikke feber." (opening the citation is
 * recorded when the answer has an AI event); then, in the Journal tab, searches "ikke feber" (the
 * demo's MED1 admission note says "Vågen og klar. Har ikke feber.") and the first hit is that negated
 * passage, not the later note stating fever that the test adds (through the demo's system client)
 * with both words in one sentence, "Feber igen i aften, 38,9; har ikke
 * fået paracetamol."; the hit opens with the whole note and the passage marked.
 * The demo data is discovered (the patient, the note, the citation), not assumed; axe checks the screens.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Bundle, Composition, Encounter } from '@medplum/fhirtypes';
import type { Browser, Page } from 'playwright-core';
import type { JournalAnswer, JournalCitation, JournalOverview, JournalSearchResult } from '../../src/journal/api-types.ts';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import { citationKey, numberCitations } from '../../web/src/overview/overview.helpers.ts';
import { checkA11y, launchBrowser, newUserContext, screenshot, watchedPage } from '../support/browser.ts';
import { asSystem, systemToken } from '../support/demo-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { inViewport, isFocused } from './page-checks.ts';
import { login } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';
/** The negated finding of the demo's MED1 admission note (src/demo/admission-note.ts). */
const NEGATED_FEVER = 'Har ikke feber.';
const QUERY = 'ikke feber';
/** A passage that states fever yet holds both of the query's words: it must not outrank the negated one. */
const STATING_FEVER = 'Feber igen i aften, 38,9; har ikke fået paracetamol.';
/** A cue that negates fever in a passage: "ingen feber", "ikke feber", "afebril", "u.t.p. feber". */
const NEGATED = /\b(ingen|ikke|uden|u\.t\.p\.)\s+(\S+\s+){0,2}feber|afebril/i;

const narrative = (c: Composition) => (c.section ?? []).map((s) => s.text?.div ?? '').join(' ');

describe('Overblik and the journal search against kerne start --demo', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let origin: string;
  let systemBearer: string;
  let page: Page;
  const pageErrors: string[] = [];
  const target = { patientId: '', noteId: '', n: 0, quote: '' };

  before(async () => {
    await ensureWebAppBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kerne-overview-browser-'));
    browser = await launchBrowser(); // fails early, with directions, when Chromium is missing
    server = await startServerProcess(['--demo', '--data-dir', dataDir], { KERNE_LOG_LEVEL: 'warn' }, 120_000);
    origin = server.base;
    systemBearer = await systemToken(origin);
    page = await watchedPage(await newUserContext(browser), pageErrors, 15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finds a MED1 inpatient whose admission note says "Har ikke feber." and whose overview cites a note', async () => {
    const notes = await asSystem<Bundle<Composition>>(origin, systemBearer, 'GET', '/fhir/Composition?_count=500');
    const med1Notes = (notes.entry ?? []).map((e) => e.resource!).filter((c) => c.title === 'Indlæggelsesnotat' && narrative(c).includes(NEGATED_FEVER));
    assert.ok(med1Notes.length > 0, `the demo has MED1 admission notes with "${NEGATED_FEVER}" (of ${notes.entry?.length ?? 0} Compositions)`);
    for (const note of med1Notes) {
      const encounter = await asSystem<Encounter>(origin, systemBearer, 'GET', `/fhir/${note.encounter!.reference!}`);
      if (encounter.status !== 'in-progress') continue;
      const patientId = note.subject!.reference!.replace(/^Patient\//, '');
      const overview = await asSystem<JournalOverview>(origin, systemBearer, 'GET', `/api/journal/patients/${encodeURIComponent(patientId)}/overview`);
      const numbers = numberCitations(overview);
      const spans = overview.sections.flatMap((s) => s.items.flatMap((i) => i.citations)).filter((c): c is JournalCitation & { kind: 'span' } => c.kind === 'span');
      const first = spans.sort((a, b) => numbers.get(citationKey(a))! - numbers.get(citationKey(b))!)[0];
      if (!first) continue;
      Object.assign(target, { patientId, noteId: note.id!, n: numbers.get(citationKey(first))!, quote: first.quote });
      break;
    }
    assert.ok(target.patientId, `a MED1 inpatient with "${NEGATED_FEVER}" and a span citation in the overview (tried ${med1Notes.length} notes)`);
  });

  it('the MED1 doctor opens the chart’s Overblik and sees its sections', async () => {
    await login(page, origin, 'laege', PASSWORD);
    await page.goto(`${origin}/app/patient/${encodeURIComponent(target.patientId)}/overview`);
    await page.getByRole('heading', { level: 2, name: 'Overblik' }).waitFor();
    const sections = page.getByTestId('overview-sections');
    await sections.waitFor();
    const headings = await sections.getByRole('heading', { level: 3 }).allTextContents();
    assert.ok(headings.length >= 6, `the overview’s sections (${headings.join(', ')})`);
    assert.ok(headings.includes('Allergier og CAVE'), `the allergy section comes with its Danish heading (${headings.join(', ')})`);
    await checkA11y(page, 'the demo patient’s overview');
    await screenshot(page, 'e2e-overview');
  });

  it('a citation opens the source with the cited words marked, visible and focused', async () => {
    const button = page.getByTestId('overview-sections').getByRole('button', { name: `Kilde ${target.n}`, exact: true }).first();
    await button.click();
    const viewer = page.getByTestId('overview-source');
    const mark = viewer.getByTestId('cited-passage');
    await mark.waitFor().catch(async (err: unknown) => {
      throw new Error(`the source viewer shows a marked passage; it says: ${await viewer.innerText().catch(() => '?')}`, { cause: err });
    });
    assert.equal(await mark.textContent(), target.quote, 'the <mark> holds exactly the cited quote');
    assert.equal(await mark.isVisible(), true, 'the passage is visible');
    assert.equal(await inViewport(mark), true, 'the passage is scrolled into view');
    assert.equal(await isFocused(mark), true, 'focus on the cited passage');
    assert.equal(await viewer.getByTestId('source-stale').count(), 0, 'a fresh demo’s citation is current');
    await checkA11y(page, 'the demo patient’s overview with a source open');
    await screenshot(page, 'e2e-overview-source');
  });

  it('"Spørg journalen" answers from the record, and its citation opens the cited passage', async () => {
    const ask = page.getByTestId('ask-journal');
    await ask.getByLabel('Dit spørgsmål').fill('Har patienten feber?');
    const asked = page.waitForResponse((r) => r.url().endsWith('/ask') && r.request().method() === 'POST', { timeout: 60_000 });
    await ask.getByRole('button', { name: 'Spørg', exact: true }).click();
    const reply = (await (await asked).json()) as JournalAnswer;
    const verdict = ask.getByTestId('ask-verdict');
    await verdict.waitFor();
    const answer = ask.getByTestId('ask-answer');
    assert.equal(await verdict.textContent(), 'Nej', `the admission note says "Har ikke feber." (the answer: ${await answer.innerText()})`);
    const first = answer.getByRole('button', { name: 'Kilde 1', exact: true });
    assert.equal(await first.count(), 1, 'the answer cites its source');
    const recorded = reply.aiEventId ? page.waitForResponse((r) => r.url().endsWith(`/api/journal/ai-events/${reply.aiEventId}/actions`)) : undefined;
    await first.click();
    if (recorded) assert.equal((await recorded).status(), 204, 'opening the citation is recorded against the answer’s AI event');
    const mark = page.getByTestId('overview-source').getByTestId('cited-passage');
    await mark.waitFor();
    assert.ok(((await mark.textContent()) ?? '').includes(NEGATED_FEVER), `the answer’s source is the negated passage (marked: ${await mark.textContent()})`);
    assert.equal(await isFocused(mark), true, 'focus on the cited passage');
    await checkA11y(page, 'an answer from the demo record');
    await screenshot(page, 'e2e-overview-answer');
  });

  it('a later note stating fever is written to the record and indexed', async () => {
    const note: Composition = {
      resourceType: 'Composition',
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '34117-2', display: 'History and physical note' }], text: 'Indlæggelsesnotat' },
      subject: { reference: `Patient/${target.patientId}` },
      date: new Date().toISOString(),
      author: [{ display: 'Karen Holm' }],
      title: 'Tillæg til indlæggelsesnotat',
      section: [{ title: 'Objektivt', text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${STATING_FEVER}</p></div>` } }],
    };
    const created = await asSystem<Composition>(origin, systemBearer, 'POST', '/fhir/Composition', note, 'application/fhir+json');
    const search = `/api/journal/patients/${encodeURIComponent(target.patientId)}/search?q=paracetamol`;
    let indexed = false;
    for (let i = 0; i < 100 && !indexed; i++) {
      const found = await asSystem<JournalSearchResult>(origin, systemBearer, 'GET', search);
      indexed = found.hits.some((h) => h.source.id === created.id);
      if (!indexed) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(indexed, `the note Composition/${created.id} is found by the search once indexed`);
  });

  it(`the Journal tab finds "${QUERY}": the negated passage first, not the passage stating fever`, async () => {
    await page.getByRole('navigation', { name: 'Journalens dele' }).getByRole('link', { name: 'Journal', exact: true }).click();
    const field = page.getByLabel('Søg i journalen', { exact: true });
    await field.fill(QUERY);
    await field.press('Enter');
    const status = page.getByTestId('journal-status');
    await status.getByText(/fund for »ikke feber«/).waitFor().catch(async (err: unknown) => {
      throw new Error(`the search finds something; it says: ${await status.innerText().catch(() => '?')}`, { cause: err });
    });
    const hits = page.getByTestId('journal-hits').getByRole('listitem');
    const snippets = (await hits.locator('.journal-snippet').allTextContents()).map((s) => s.trim());
    assert.ok(snippets[0]?.includes(NEGATED_FEVER), `the first hit is the negated passage (hits: ${JSON.stringify(snippets.slice(0, 5))})`);
    const statingFever = snippets.findIndex((s) => s.includes(STATING_FEVER));
    assert.ok(statingFever > 0, `the passage stating fever is found, below the negated one (at ${statingFever}; hits: ${JSON.stringify(snippets.slice(0, 5))})`);
    assert.ok(!snippets.slice(0, statingFever).some((s) => /feber/i.test(s) && !NEGATED.test(s)), `no passage stating fever ranks above it either (hits: ${JSON.stringify(snippets.slice(0, 5))})`);
    assert.deepEqual((await hits.first().locator('mark').allTextContents()).map((m) => m.toLowerCase()), ['ikke', 'feber'], 'the matched words marked');
    await checkA11y(page, 'the demo patient’s journal search');

    await hits.first().getByRole('button').click();
    const panel = page.getByTestId('journal-source');
    const cited = panel.getByTestId('cited-passage');
    await cited.waitFor();
    assert.ok(((await cited.textContent()) ?? '').includes(NEGATED_FEVER), 'the whole note with the found passage marked');
    await checkA11y(page, 'the demo patient’s journal hit with its whole source');
    await screenshot(page, 'e2e-journal-source');
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
