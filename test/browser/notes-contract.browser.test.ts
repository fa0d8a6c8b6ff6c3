/**
 * Notes in the chart's Journal module (/app/patient/:id/journal) in Chromium against a stub of the
 * notes API (notes-stub.ts, inside contract-stub.ts): a nurse writes a nursing status from its
 * template; the draft saves itself (the PUT body is the NoteContent the contract describes, with
 * If-Match) and says "Kladde gemt hh:mm"; an implausible temperature comes back as a 400 and is
 * shown by its field; "Underskriv" signs; "Ret notat" asks for a reason and makes version 2, and
 * both versions are listed with version 1's text on request. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { createNotesStub, type NotesStub } from './notes-stub.ts';
import { login } from './shell-steps.ts';

const PASSWORD = 'kerne-demo-1';

describe('notes from templates in the chart against the notes contract (stub)', () => {
  let stub: ContractStub;
  let notes: NotesStub;
  let session: ContractSession | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const editor = () => page.getByTestId('note-editor');
  const saveStatus = () => page.getByTestId('note-save-status');
  const puts = () => notes.writes.filter((w) => w.method === 'PUT');
  /** Waits (without a time limit of its own: the test's timeout applies) until the stub has seen `n` autosaves. */
  const autosaves = async (n: number) => {
    while (puts().length < n) await page.waitForTimeout(50);
    return puts()[n - 1]!;
  };

  before(async () => {
    notes = createNotesStub();
    session = await openContractSession((app, api) => notes.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('offers the nurse "Nyt notat" with the templates her role may write', async () => {
    await login(page, stub.origin, 'sygeplejerske', PASSWORD);
    await page.goto(`${stub.origin}/app/patient/p-karen/journal`);
    await page.getByRole('heading', { level: 2, name: 'Notater' }).waitFor();
    await page.getByText('Ingen notater endnu.').waitFor();
    await page.getByRole('button', { name: 'Nyt notat' }).click();
    const select = page.getByLabel('Skabelon');
    assert.deepEqual(await select.locator('option').allTextContents(), ['Sygeplejestatus'], 'a nurse writes the nursing status only');
    await checkA11y(page, 'choosing a note template');
    await page.getByRole('button', { name: 'Opret kladde' }).click();
    await editor().getByRole('heading', { level: 3, name: 'Kladde: Sygeplejestatus' }).waitFor();
    assert.deepEqual(notes.writes.map((w) => [w.method, w.path, w.body]), [['POST', '/api/notes/patients/p-karen', { templateId: 'sygeplejestatus' }]], 'a draft is created at once');
    assert.deepEqual(await editor().locator('[data-section] label').allTextContents(), ['Status', 'Observationer', 'Ernæring', 'Plan'], 'the template’s Danish headers');
    await checkA11y(page, 'a new nursing status');
  });

  it('saves the draft by itself: the body is the NoteContent, with If-Match', async () => {
    await editor().getByLabel('Status', { exact: true }).fill('Kvalme om natten. Sover uroligt.');
    await editor().getByLabel('Vægt (kg)').fill('82,5');
    await saveStatus().getByText(/^Kladde gemt \d\d:\d\d$/).waitFor();
    const last = puts().at(-1)!;
    assert.deepEqual(last.body, { content: { sections: { status: 'Kvalme om natten. Sover uroligt.' }, fields: { weight: 82.5 } } }, 'the autosave body');
    assert.equal(last.path, '/api/notes/note-1');
    assert.match(last.ifMatch ?? '', /^W\/"\d+"$/, 'the version last seen as If-Match');
    await screenshot(page, 'notes-draft');
  });

  it('shows a 400 by its field: an implausible temperature', async () => {
    const before = puts().length;
    await editor().getByLabel('Temperatur (°C)').fill('50');
    await autosaves(before + 1);
    const field = editor().getByLabel('Temperatur (°C)');
    await editor().getByText('Skal være mellem 25 og 45 °C.').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the field is marked');
    await saveStatus().getByText('Kladden er ikke gemt: ret de markerede felter.').waitFor();
    await checkA11y(page, 'a draft with a field error');
    await field.fill('37,2');
    const fixed = await autosaves(before + 2);
    assert.deepEqual((fixed.body as { content: { fields: unknown } }).content.fields, { weight: 82.5, temperature: 37.2 }, 'the corrected value sent');
    await saveStatus().getByText(/^Kladde gemt \d\d:\d\d$/).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), null, 'no longer marked');
  });

  it('signs the note ("Underskriv")', async () => {
    await editor().getByRole('button', { name: 'Underskriv', exact: true }).click();
    const details = page.getByTestId('note-details');
    await details.getByRole('heading', { level: 3, name: 'Sygeplejestatus' }).waitFor();
    await page.getByTestId('notes-message').getByText('Notatet er underskrevet.').waitFor();
    const sign = notes.writes.find((w) => w.path === '/api/notes/note-1/sign');
    assert.ok(sign, 'a sign request');
    assert.match(sign.ifMatch ?? '', /^W\/"\d+"$/);
    assert.match((await details.textContent()) ?? '', /Vægt: 82,5 kg/, 'the structured value in the note’s text');
    assert.deepEqual(await page.getByTestId('note-versions').getByRole('listitem').count(), 1, 'one version');
    assert.match((await page.getByTestId('notes-list').textContent()) ?? '', /Sygeplejestatus.*Underskrevet.*af Line Skov/, 'the list shows the signed note');
    await checkA11y(page, 'a signed note');
  });

  it('amends the note with a reason ("Ret notat"); both versions are listed and version 1 readable', async () => {
    await page.getByRole('button', { name: 'Ret notat' }).click();
    await editor().getByRole('heading', { level: 3, name: 'Ret notat: Sygeplejestatus' }).waitFor();
    assert.equal(await editor().getByLabel('Vægt (kg)').inputValue(), '82,5', 'the form holds the signed note');
    await editor().getByLabel('Vægt (kg)').fill('80,1');
    const writesBefore = notes.writes.length;
    await editor().getByRole('button', { name: 'Underskriv rettelse' }).click();
    await editor().getByText('Skriv årsagen til rettelsen (mindst 5 tegn).').waitFor();
    assert.equal(notes.writes.length, writesBefore, 'nothing sent without a reason');
    await checkA11y(page, 'an amendment without a reason');
    await editor().getByLabel('Årsag til rettelsen').fill('Vægten var fejlindtastet');
    await editor().getByRole('button', { name: 'Underskriv rettelse' }).click();
    await page.getByTestId('notes-message').getByText('Rettelsen er underskrevet.').waitFor();
    const amend = notes.writes.at(-1)!;
    assert.equal(amend.path, '/api/notes/note-1/amend');
    assert.deepEqual(amend.body, { content: { sections: { status: 'Kvalme om natten. Sover uroligt.' }, fields: { weight: 80.1, temperature: 37.2 } }, reason: 'Vægten var fejlindtastet' }, 'the amendment body');
    const versions = page.getByTestId('note-versions').getByRole('listitem');
    assert.equal(await versions.count(), 2, 'both versions');
    assert.match((await versions.nth(0).textContent()) ?? '', /^Version 1 · Underskrevet/);
    assert.match((await versions.nth(1).textContent()) ?? '', /^Version 2 · Rettet .*Årsag: Vægten var fejlindtastet/);
    assert.match((await page.getByTestId('note-details').textContent()) ?? '', /Vægt: 80,1 kg/, 'the amended text');
    await page.getByRole('button', { name: 'Vis version 1' }).click();
    const v1 = page.getByTestId('note-version');
    await v1.getByRole('heading', { name: 'Version 1 som underskrevet' }).waitFor();
    assert.match((await v1.textContent()) ?? '', /Vægt: 82,5 kg/, 'version 1 as signed');
    await checkA11y(page, 'an amended note with its versions');
    await screenshot(page, 'notes-versions');
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
