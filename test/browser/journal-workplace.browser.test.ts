/**
 * The journal workplace end to end against a real `kerne start --demo`, in Chromium: the MED1 doctor
 * opens a patient on her own ward (discovered through /api/me and the ward board) and
 * 1. in the Journal tab writes a Journalnotat from its template ("Nyt notat"), types the sections and
 *    the weight the Danish way ("82,5"), sees "Kladde gemt", signs; the Målinger tab then shows Vægt
 *    82,5 kg without it being typed again; amends the note ("Ret notat") with a reason and a changed
 *    text: both versions are listed and version 1's text can still be read;
 * 2. in the Dokumenter tab uploads a PDF (made with pdf-lib) holding a unique Danish sentence as
 *    "Brev fra egen læge"; it is listed, opens in the viewer (a blob: frame); the Journal tab's search
 *    finds the PDF's passage by one of its words;
 * 3. in the Forløb/tidslinje tab, zoomed to the day, the signed note and the document are entries; the
 *    note's entry opens its detail with the amended text.
 * axe checks each screen; the page reports no errors on the way. Nothing of the demo is assumed by id.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DocumentList } from '../../src/documents/api-types.ts';
import type { JournalSearchResult } from '../../src/journal/api-types.ts';
import type { WardBoard, WardList } from '../../src/logistics/api-types.ts';
import type { NoteView } from '../../src/notes/api-types.ts';
import type { TimelineResult } from '../../src/timeline/api-types.ts';
import type { PatientVitals } from '../../src/vitals/api-types.ts';
import { ensureWebAppBuilt } from '../../src/web/index.ts';
import type { Me } from '../../web/src/api/types.ts';
import { checkA11y, launchBrowser, newUserContext, screenshot, watchedPage } from '../support/browser.ts';
import { pdfWithText } from '../support/document-files.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { apiAs, login } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';
/** Letters only, so the search's tokens are the word itself: a place that is in no demo text. */
const UNIQUE_WORD = `kvædeby${Array.from({ length: 3 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
const LETTER_LINES = ['Kære kolleger.', `Patienten har siden sommerferien i ${UNIQUE_WORD} haft svimmelhed ved gang.`, 'Med venlig hilsen, egen læge.'] as const;
const LETTER_TITLE = 'Brev om svimmelhed';
const SUBJECTIVE = 'Indlagt med åndenød gennem tre dage. Ingen brystsmerter.';
const OBJECTIVE = 'Vågen og klar. Vejrtrækning let anstrengt.';
const PLAN = 'Røntgen af thorax. Vægt dagligt.';
const AMENDED_PLAN = 'Røntgen af thorax. Vægt dagligt. Væskeskema.';
const REASON = 'Væskeskema manglede i planen';

/** Waits for a locator, or fails saying what `context` shows instead. */
async function waitOrSay(locator: Locator, context: Locator, what: string, timeout?: number): Promise<void> {
  await locator.waitFor(timeout ? { timeout } : undefined).catch(async (err: unknown) => {
    throw new Error(`${what}; the screen says: ${(await context.innerText().catch(() => '?')).slice(0, 800)}`, { cause: err });
  });
}

const isWeight = (r: { parameter: string; value: number | string }, kg: number) => r.parameter === 'bodyWeight' && r.value === kg;

describe('the journal workplace (notes, Målinger, documents, search, timeline) against kerne start --demo', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let origin: string;
  let page: Page;
  const pageErrors: string[] = [];
  const target = { patientId: '', name: '', noteId: '', documentId: '' };

  const tab = (name: string) => page.getByRole('navigation', { name: 'Journalens dele' }).getByRole('link', { name, exact: true });
  const editor = () => page.getByTestId('note-editor');
  const details = () => page.getByTestId('note-details');
  const notes = () => page.getByTestId('notes');

  before(async () => {
    await ensureWebAppBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kerne-workplace-browser-'));
    browser = await launchBrowser(); // fails early, with directions, when Chromium is missing
    server = await startServerProcess(['--demo', '--data-dir', dataDir], { KERNE_LOG_LEVEL: 'warn' }, 120_000);
    origin = server.base;
    page = await watchedPage(await newUserContext(browser), pageErrors, 15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the MED1 doctor logs in and finds a patient in a bed on her own ward', async () => {
    await login(page, origin, 'laege', PASSWORD);
    const me = await apiAs<Me>(page, '/api/me');
    assert.equal(me.status, 200, `GET /api/me: ${JSON.stringify(me.json).slice(0, 300)}`);
    const units = me.json.memberships.filter((m) => m.role === 'laege' && m.unit).map((m) => m.unit!.replace(/^Organization\//, ''));
    assert.ok(units.length > 0, `the doctor is a laege of a unit (memberships: ${JSON.stringify(me.json.memberships)})`);
    const wards = await apiAs<WardList>(page, '/api/logistics/wards');
    assert.equal(wards.status, 200, `the ward list as the doctor: ${JSON.stringify(wards.json).slice(0, 300)}`);
    const own = wards.json.wards.filter((w) => w.unitId && units.includes(w.unitId.replace(/^Organization\//, '')));
    assert.ok(own.length > 0, `a ward of the doctor's unit (${units.join(', ')}; wards: ${wards.json.wards.map((w) => `${w.name}/${w.unitId}`).join(', ')})`);
    for (const ward of own) {
      const board = await apiAs<WardBoard>(page, `/api/logistics/wards/${encodeURIComponent(ward.id)}/board?screen=list`);
      assert.equal(board.status, 200, `the board of ${ward.name} as the doctor: ${JSON.stringify(board.json).slice(0, 300)}`);
      const row = board.json.rows.find((r) => r.bed && r.patient && r.whereabouts === 'in-bed');
      if (!row) continue;
      Object.assign(target, { patientId: row.patient!.id, name: row.patient!.name });
      break;
    }
    assert.ok(target.patientId, `a patient in a bed on the doctor's ward (${own.map((w) => w.name).join(', ')})`);
    // The weight this test writes is new to the patient: Målinger showing it later is the note's doing.
    const vitals = await apiAs<PatientVitals>(page, `/api/vitals/patients/${encodeURIComponent(target.patientId)}`);
    assert.equal(vitals.status, 200, `the patient's vitals as the doctor: ${JSON.stringify(vitals.json).slice(0, 300)}`);
    assert.equal(vitals.json.readings.filter((r) => isWeight(r, 82.5)).length, 0, 'no weight of 82.5 kg recorded before the note');
  });

  it('Journal: "Nyt notat" → Journalnotat; the sections and "82,5" kg save themselves as a draft; "Underskriv" signs', async () => {
    await page.goto(`${origin}/app/patient/${encodeURIComponent(target.patientId)}/journal`);
    await page.getByRole('heading', { level: 2, name: 'Notater' }).waitFor();
    await notes().getByRole('button', { name: 'Nyt notat', exact: true }).click();
    await notes().getByLabel('Skabelon').selectOption({ label: 'Journalnotat' });
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/notes/patients/${encodeURIComponent(target.patientId)}`));
    await notes().getByRole('button', { name: 'Opret kladde', exact: true }).click();
    const draft = (await (await created).json()) as NoteView;
    assert.equal((await created).status(), 201, `the draft is created: ${JSON.stringify(draft).slice(0, 300)}`);
    target.noteId = draft.id;
    await waitOrSay(editor().getByRole('heading', { level: 3, name: 'Kladde: Journalnotat' }), notes(), 'the draft opens in its form');

    await editor().getByLabel('Subjektivt', { exact: true }).fill(SUBJECTIVE);
    await editor().getByLabel('Objektivt', { exact: true }).fill(OBJECTIVE);
    await editor().getByLabel('Plan', { exact: true }).fill(PLAN);
    const weight = editor().getByLabel('Vægt (kg)');
    assert.equal(await weight.getAttribute('inputmode'), 'decimal', 'the weight field asks for a decimal keyboard');
    // A Danish user types a decimal comma, keystroke by keystroke.
    await weight.pressSequentially('82,5');
    const saveStatus = editor().getByTestId('note-save-status');
    await waitOrSay(saveStatus.getByText(/^Kladde gemt \d{2}[.:]\d{2}$/), editor(), 'the draft saves itself ("Kladde gemt hh:mm")');
    assert.equal(await weight.getAttribute('aria-invalid'), null, 'the weight "82,5" is accepted');
    const saved = await apiAs<NoteView>(page, `/api/notes/${encodeURIComponent(target.noteId)}`);
    assert.equal(saved.json.content?.fields.weight, 82.5, `the saved draft holds the weight 82.5 kg (content: ${JSON.stringify(saved.json.content)})`);
    assert.equal(saved.json.content?.sections.plan, PLAN, 'the saved draft holds the plan');
    // A draft is not the record yet: like the journal search, the timeline leaves it out until it is signed.
    const around = new URLSearchParams({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() });
    const timeline = await apiAs<TimelineResult>(page, `/api/timeline/patients/${encodeURIComponent(target.patientId)}?${around.toString()}`);
    assert.equal(timeline.status, 200, `the timeline as the doctor: ${JSON.stringify(timeline.json).slice(0, 300)}`);
    assert.deepEqual(timeline.json.entries.filter((e) => e.id === `Composition/${target.noteId}`), [], 'the draft is not on the timeline');
    await checkA11y(page, 'a draft note in the Journal tab');
    await screenshot(page, 'e2e-workplace-draft');

    await editor().getByRole('button', { name: 'Underskriv', exact: true }).click();
    await waitOrSay(details().getByRole('heading', { level: 3, name: 'Journalnotat' }), notes(), 'the signed note is shown');
    assert.equal(await page.getByTestId('notes-message').textContent(), 'Notatet er underskrevet.', 'the signing is announced');
    assert.match(await details().innerText(), /Underskrevet/, 'the note is signed');
    assert.ok((await details().innerText()).includes(PLAN), 'the signed note shows its text');
    assert.equal(await page.getByTestId('note-versions').getByRole('listitem').count(), 1, 'one signed version');
    await checkA11y(page, 'a signed note in the Journal tab');
  });

  it('Målinger shows the weight from the note, Vægt 82,5 kg, without typing it again', async () => {
    await tab('Målinger').click();
    await page.getByRole('heading', { level: 2, name: 'Målinger' }).waitFor();
    const readings = page.locator('table.readings-history');
    await waitOrSay(readings, page.locator('main'), 'the readings table');
    const row = readings.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Vægt', exact: true }) }).filter({ hasText: '82,5 kg' });
    await waitOrSay(row.first(), readings, 'a Vægt reading of 82,5 kg');
    assert.equal(await row.count(), 1, 'exactly one weight of 82,5 kg');
    await checkA11y(page, 'Målinger with the weight from the note');
    await screenshot(page, 'e2e-workplace-weight');
  });

  it('"Ret notat": a reason and a changed text make version 2; version 1’s text can still be read', async () => {
    await tab('Journal').click();
    await page.getByRole('heading', { level: 2, name: 'Notater' }).waitFor();
    const entry = page.getByTestId('notes-list').getByRole('listitem').filter({ hasText: 'Underskrevet' }).filter({ hasText: 'af Karen Holm' });
    await waitOrSay(entry.getByRole('button', { name: 'Journalnotat', exact: true }).first(), notes(), 'the signed note is listed');
    await entry.getByRole('button', { name: 'Journalnotat', exact: true }).first().click();
    await details().getByRole('heading', { level: 3, name: 'Journalnotat' }).waitFor();
    await details().getByRole('button', { name: 'Ret notat', exact: true }).click();
    await waitOrSay(editor().getByRole('heading', { level: 3, name: 'Ret notat: Journalnotat' }), notes(), 'the amendment form opens');
    assert.equal(await editor().getByLabel('Vægt (kg)').inputValue(), '82,5', 'the form holds the signed weight, with a comma');
    assert.equal(await editor().getByLabel('Plan', { exact: true }).inputValue(), PLAN, 'the form holds the signed plan');
    await editor().getByLabel('Plan', { exact: true }).fill(AMENDED_PLAN);
    await editor().getByLabel('Årsag til rettelsen').fill(REASON);
    await checkA11y(page, 'amending a note');
    await editor().getByRole('button', { name: 'Underskriv rettelse', exact: true }).click();
    await waitOrSay(page.getByTestId('notes-message').getByText('Rettelsen er underskrevet.'), notes(), 'the amendment is signed');
    assert.ok((await details().innerText()).includes(AMENDED_PLAN), 'the note shows the amended text');
    const versions = page.getByTestId('note-versions').getByRole('listitem');
    assert.equal(await versions.count(), 2, `both versions are listed (${await page.getByTestId('note-versions').innerText()})`);
    assert.match((await versions.nth(1).textContent()) ?? '', new RegExp(`Årsag: ${REASON}`), 'version 2 says why');

    await details().getByRole('button', { name: 'Vis version 1', exact: true }).click();
    const v1 = page.getByTestId('note-version');
    await waitOrSay(v1.getByRole('heading', { name: 'Version 1 som underskrevet' }), details(), 'version 1 opens');
    const v1Text = await v1.innerText();
    assert.ok(v1Text.includes(PLAN) && !v1Text.includes('Væskeskema.'), `version 1 holds the first text (${v1Text})`);
    assert.ok(v1Text.includes(SUBJECTIVE), 'version 1 holds its other sections too');
    await checkA11y(page, 'a note with two versions, version 1 open');
    await screenshot(page, 'e2e-workplace-amended');
  });

  it('Dokumenter: a PDF "Brev fra egen læge" is uploaded, listed and shown in the viewer', async () => {
    const before = await apiAs<JournalSearchResult>(page, `/api/journal/patients/${encodeURIComponent(target.patientId)}/search?q=${encodeURIComponent(UNIQUE_WORD)}`);
    assert.equal(before.status, 200, `the search as the doctor: ${JSON.stringify(before.json).slice(0, 300)}`);
    assert.equal(before.json.hits.length, 0, `"${UNIQUE_WORD}" is in no text of the patient before the upload`);

    await tab('Dokumenter').click();
    await page.getByRole('heading', { level: 2, name: 'Dokumenter' }).waitFor();
    await page.getByTestId('documents-status').getByText(/dokument|Ingen dokumenter/).waitFor();
    const form = page.getByTestId('document-upload');
    await form.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'brev-fra-egen-laege.pdf', mimeType: 'application/pdf', buffer: await pdfWithText(LETTER_LINES) });
    await form.getByLabel('Titel').fill(LETTER_TITLE);
    await form.getByLabel('Kategori').selectOption({ label: 'Brev fra egen læge' });
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/documents/patients/${encodeURIComponent(target.patientId)}`));
    await form.getByRole('button', { name: 'Gem dokument', exact: true }).click();
    const response = await uploaded;
    const body = (await response.json()) as { id?: string; textStatus?: string };
    assert.equal(response.status(), 201, `the upload is accepted: ${JSON.stringify(body).slice(0, 300)}`);
    assert.equal(body.textStatus, 'extracted', 'the PDF’s text is extracted');
    target.documentId = body.id!;
    await waitOrSay(form.getByText(`»${LETTER_TITLE}« er gemt.`), form, 'the upload is confirmed');

    const row = page.getByTestId('documents-table').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: LETTER_TITLE, exact: true }) });
    await waitOrSay(row, page.locator('main'), 'the document is listed');
    assert.match(await row.innerText(), /Brev fra egen læge/, 'listed with its category');
    assert.match(await row.innerText(), /PDF/, 'listed as a PDF');
    await checkA11y(page, 'the document archive with the new letter');

    await row.getByRole('button', { name: `Vis ${LETTER_TITLE}` }).click();
    const viewer = page.getByTestId('document-viewer');
    await viewer.getByRole('heading', { level: 3, name: `Dokument: ${LETTER_TITLE}` }).waitFor();
    const frame = viewer.getByTestId('document-frame');
    await waitOrSay(frame, viewer, 'the PDF is shown in a frame');
    assert.match((await frame.getAttribute('src')) ?? '', /^blob:/, 'the frame shows the PDF from a blob: URL');
    assert.equal(await frame.getAttribute('title'), `Indholdet af ${LETTER_TITLE}`, 'the frame has a title');
    const docs = await apiAs<DocumentList>(page, `/api/documents/patients/${encodeURIComponent(target.patientId)}`);
    assert.ok(docs.json.documents.some((d) => d.id === target.documentId && d.category === 'brev-fra-egen-laege'), 'the server lists the letter in its category');
    await checkA11y(page, 'the document viewer with the PDF');
    await screenshot(page, 'e2e-workplace-document');
  });

  it(`Journal: the search finds the letter’s passage by "${UNIQUE_WORD}"`, async () => {
    // The index follows a write a moment later: wait (bounded) until the server finds the document, then search in the UI.
    const sources = async (q: string, until: (found: string[]) => boolean): Promise<string[]> => {
      const path = `/api/journal/patients/${encodeURIComponent(target.patientId)}/search?q=${encodeURIComponent(q)}`;
      let found: string[] = [];
      for (let i = 0; i < 100; i++) {
        found = (await apiAs<JournalSearchResult>(page, path)).json.hits.map((h) => `${h.source.type}/${h.source.id}`);
        if (until(found)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return found;
    };
    const letter = `DocumentReference/${target.documentId}`;
    assert.ok((await sources(UNIQUE_WORD, (f) => f.includes(letter))).includes(letter), `the document ${letter} is found by the search once indexed`);
    // The signed note is in the index too, as amended: its current text, once (not a hit per version).
    const note = `Composition/${target.noteId}`;
    assert.deepEqual(await sources('Væskeskema', (f) => f.includes(note)), [note], 'the amended note is found by its new word');

    await tab('Journal').click();
    const field = page.getByLabel('Søg i journalen', { exact: true });
    await field.fill(UNIQUE_WORD);
    await field.press('Enter');
    const status = page.getByTestId('journal-status');
    await waitOrSay(status.getByText(new RegExp(`fund for »${UNIQUE_WORD}«`)), status, 'the search finds something');
    const hits = page.getByTestId('journal-hits').getByRole('listitem');
    const snippets = (await hits.locator('.journal-snippet').allTextContents()).map((s) => s.trim());
    assert.equal(snippets.length, 1, `one hit: the letter (${JSON.stringify(snippets)})`);
    assert.ok(snippets[0]!.includes(`sommerferien i ${UNIQUE_WORD}`), `the hit is the letter’s sentence (${snippets[0]})`);
    assert.deepEqual((await hits.first().locator('mark').allTextContents()).map((m) => m.toLowerCase()), [UNIQUE_WORD], 'the word is marked');
    await hits.first().getByRole('button').click();
    const cited = page.getByTestId('journal-source').getByTestId('cited-passage');
    await waitOrSay(cited, page.getByTestId('journal-source'), 'the source opens with the passage marked');
    assert.ok(((await cited.textContent()) ?? '').includes(UNIQUE_WORD), `the marked passage holds the word (${await cited.textContent()})`);
    await checkA11y(page, 'the journal search with the letter’s passage open');
    await screenshot(page, 'e2e-workplace-search');
  });

  it('Forløb/tidslinje, zoomed to the day: the note and the letter are entries; the note opens its detail', async () => {
    await tab('Forløb/tidslinje').click();
    await page.getByRole('heading', { level: 2, name: 'Forløb/tidslinje' }).waitFor();
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Dag', exact: true }).click();
    await page.getByRole('button', { name: 'I dag', exact: true }).click();
    const status = page.getByTestId('timeline-status');
    await waitOrSay(status.getByText(/hændelse/), status, 'the day’s entries are loaded');
    const entries = page.getByTestId('timeline-entries');
    const note = entries.locator(`button[data-entry]`).filter({ hasText: 'Journalnotat' }).filter({ has: page.locator('.timeline-entry-kind', { hasText: /^Notat$/ }) });
    const letter = entries.locator(`button[data-entry]`).filter({ hasText: LETTER_TITLE }).filter({ has: page.locator('.timeline-entry-kind', { hasText: /^Dokument$/ }) });
    await waitOrSay(note.first(), page.locator('main'), 'the signed note is on the timeline');
    await waitOrSay(letter.first(), page.locator('main'), 'the letter is on the timeline');
    assert.equal(await note.count(), 1, 'the note is one entry (its versions are not separate entries)');
    assert.equal(await letter.count(), 1, 'the letter is one entry');
    await checkA11y(page, 'the timeline of today');

    await note.click();
    const detail = page.getByTestId('timeline-detail');
    await waitOrSay(detail.getByRole('heading', { level: 3, name: /Journalnotat/ }), detail, 'the note’s detail opens');
    const text = await detail.innerText();
    assert.ok(text.includes(AMENDED_PLAN), `the detail shows the note’s current text (${text.slice(0, 600)})`);
    const facts = Object.fromEntries(await detail.locator('dl > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent])));
    assert.equal(facts['Kilde'], `Composition/${target.noteId}`, 'the detail names its source');
    assert.equal(facts['Status'], 'Rettet', 'the amended note’s status in Danish');
    await checkA11y(page, 'the timeline with the note’s detail open');
    await screenshot(page, 'e2e-workplace-timeline');
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
