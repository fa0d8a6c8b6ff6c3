/**
 * The document archive in the chart (/app/patient/:id/documents) in Chromium against a stub of the
 * documents API (documents-stub.ts, inside contract-stub.ts): a doctor sees the patient's documents
 * newest first, filters by category (the app sends ?category=), opens a PDF in the viewer (a frame
 * from a blob: URL fetched with the token) and an image as an image; the upload form refuses an
 * incomplete form before sending, sends the file as base64 with its title, category and type, and
 * shows the server's refusal on the field it names. axe on every screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot } from '../support/browser.ts';
import { PNG_1x1, pdfWithText } from '../support/document-files.ts';
import { openContractSession, type ContractSession } from './contract-session.ts';
import type { ContractStub } from './contract-stub.ts';
import { createDocumentsStub, type DocumentsStub } from './documents-stub.ts';
import { login } from './shell-steps.ts';
import { addStubDoctor } from './vitals-stub.ts';

const PASSWORD = 'kerne-demo-1';

describe('document archive in the chart against the documents contract (stub)', () => {
  let stub: ContractStub;
  let documents: DocumentsStub;
  let session: ContractSession | undefined;
  let page: Page;
  let pdf: Buffer;
  const pageErrors: string[] = [];

  const status = () => page.getByTestId('documents-status');
  const rows = () => page.getByTestId('documents-table').locator('tbody tr');
  const titles = () => page.getByTestId('documents-table').locator('tbody th').allTextContents();
  const form = () => page.getByTestId('document-upload');

  before(async () => {
    addStubDoctor();
    pdf = await pdfWithText();
    documents = createDocumentsStub(pdf);
    session = await openContractSession((app, api) => documents.routes(app, api), pageErrors);
    ({ stub, page } = session);
  });

  after(() => session?.close());

  it('lists the patient’s documents newest first, with category, date, author and file', async () => {
    await login(page, stub.origin, 'laege', PASSWORD);
    await page.goto(`${stub.origin}/app/patient/p-karen/documents`);
    await page.getByRole('heading', { level: 2, name: 'Dokumenter' }).waitFor();
    await status().getByText('3 dokumenter, nyeste først.').waitFor();
    assert.deepEqual(await titles(), ['Epikrise, Regionshospitalet', 'Samtykke til operation', 'Henvisning fra egen læge'], 'newest first');
    const first = await rows().first().locator('td').allTextContents();
    assert.deepEqual([first[0], first[1], first[2], first[4]], ['Epikrise', '20.01.2025', 'Søren Ærø', 'Ja'], 'category, Danish date, author, searchable');
    assert.equal(first[3], pdf.length < 1024 ? `PDF, ${pdf.length} B` : `PDF, ${(pdf.length / 1024).toFixed(1).replace('.', ',')} kB`, 'the file’s kind and size');
    assert.deepEqual(documents.listCategories, [''], 'one list request, all categories');
    await checkA11y(page, 'the document list');
    await screenshot(page, 'documents-list');
  });

  it('filters by category', async () => {
    await page.getByLabel('Vis kategori').selectOption({ label: 'Samtykke' });
    await status().getByText('1 dokument, nyeste først.').waitFor();
    assert.deepEqual(await titles(), ['Samtykke til operation'], 'only the consent');
    assert.equal(documents.listCategories.at(-1), 'samtykke', 'the app sent ?category=samtykke');
    await page.getByLabel('Vis kategori').selectOption({ label: 'Alle kategorier' });
    await status().getByText('3 dokumenter, nyeste først.').waitFor();
  });

  it('opens a PDF in the viewer from a blob: URL fetched with the token, and an image as an image', async () => {
    await page.getByRole('button', { name: 'Vis Epikrise, Regionshospitalet' }).click();
    const viewer = page.getByTestId('document-viewer');
    await viewer.getByRole('heading', { level: 3, name: 'Dokument: Epikrise, Regionshospitalet' }).waitFor();
    const frame = viewer.getByTestId('document-frame');
    await frame.waitFor();
    assert.match((await frame.getAttribute('src')) ?? '', /^blob:/, 'a blob: URL');
    assert.equal(await frame.getAttribute('title'), 'Indholdet af Epikrise, Regionshospitalet', 'the frame is named');
    assert.deepEqual(documents.contentRequests, [{ id: 'doc-epikrise', user: 'laege' }], 'the bytes were fetched with the doctor’s token');
    await checkA11y(page, 'the PDF viewer');
    await screenshot(page, 'documents-pdf');
    await page.getByRole('button', { name: 'Vis Samtykke til operation' }).click();
    const image = viewer.getByRole('img', { name: 'Samtykke til operation' });
    await image.waitFor();
    assert.match((await image.getAttribute('src')) ?? '', /^blob:/, 'the image from a blob: URL');
    await page.waitForFunction(`document.querySelector('[data-testid="document-image"]')?.naturalWidth === 1`); // the PNG decoded
    await viewer.getByRole('button', { name: 'Luk dokumentet' }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  it('refuses an incomplete form before sending anything', async () => {
    await form().getByRole('button', { name: 'Gem dokument' }).click();
    await form().getByText('Vælg en fil.').waitFor();
    await form().getByText('Skriv en titel.').waitFor();
    await form().getByText('Vælg en kategori.').waitFor();
    assert.equal(await form().getByLabel('Titel').getAttribute('aria-invalid'), 'true', 'the title is marked');
    assert.deepEqual(documents.uploads, [], 'nothing was sent');
    await checkA11y(page, 'the upload form with problems');
  });

  it('sends the file as base64 with its title, category, type and date, then lists it', async () => {
    await form().getByLabel('Fil', { exact: true }).setInputFiles({ name: 'roentgen.pdf', mimeType: 'application/pdf', buffer: pdf });
    await form().getByLabel('Titel').fill('Røntgen af thorax');
    await form().getByLabel('Kategori').selectOption({ label: 'Billeddiagnostik' });
    await form().getByLabel('Dokumentets dato (valgfri)').fill('2025-02-01');
    await form().getByRole('button', { name: 'Gem dokument' }).click();
    await form().getByText('»Røntgen af thorax« er gemt.').waitFor();
    assert.deepEqual(documents.uploads, [{ title: 'Røntgen af thorax', category: 'billeddiagnostik', contentType: 'application/pdf', data: pdf.toString('base64'), date: '2025-02-01' }], 'the upload body');
    await status().getByText('4 dokumenter, nyeste først.').waitFor();
    assert.equal((await titles())[0], 'Røntgen af thorax', 'listed first');
    assert.equal(await form().getByLabel('Titel').inputValue(), '', 'the form is cleared');
  });

  it('shows the server’s refusal on the field it names', async () => {
    await form().getByLabel('Fil', { exact: true }).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: PNG_1x1 });
    await form().getByLabel('Titel').fill('Scannet henvisning');
    await form().getByLabel('Kategori').selectOption({ label: 'Scannet dokument' });
    await form().getByRole('button', { name: 'Gem dokument' }).click();
    const error = form().locator('[data-field-error="file"]');
    await error.getByText('Serveren afviste dokumentet: The content is not application/pdf').waitFor();
    assert.equal(await form().getByLabel('Fil', { exact: true }).getAttribute('aria-invalid'), 'true', 'the file field is marked');
    assert.equal(documents.uploads.length, 2, 'it was sent');
    assert.equal(await form().getByLabel('Titel').inputValue(), 'Scannet henvisning', 'the form is kept');
    await checkA11y(page, 'the upload form refused by the server');
    await screenshot(page, 'documents-refused');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await status().getByText('4 documents, newest first.').waitFor();
    await page.getByLabel('Show category').waitFor();
    assert.equal(((await rows().first().locator('td').first().textContent()) ?? '').trim(), 'Diagnostic imaging');
    await checkA11y(page, 'the document archive in English');
    await page.getByRole('button', { name: 'Dansk' }).click();
  });

  it('had no uncaught errors, CSP violations or React warnings on the way', () => {
    assert.deepEqual(pageErrors, [], 'no page errors');
  });
});
