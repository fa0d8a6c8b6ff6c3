/**
 * The document archive's pure parts: magic bytes against the declared type, the upload's field checks
 * (each naming its field), the categories as FHIR codings, the DocumentReference built for an upload
 * (hash, size, the text as a second attachment the journal reads), and PDF text extraction with unpdf
 * on a PDF made in the test.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { DocumentReference } from '@medplum/fhirtypes';
import { BROKEN_PDF, JPEG_HEAD, PNG_1x1, pdfWithText, XRAY_TEXT } from '../../test/support/document-files.ts';
import { FhirError } from '../errors/index.ts';
import { sourceText } from '../journal/index.ts';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_SYSTEM } from './api-types.ts';
import { categoryConcept, categoryOf, DOCUMENT_CATEGORY_CODE_SYSTEM } from './document-categories.ts';
import { buildBinary, buildDocumentReference, TEXT_NOT_EXTRACTED, toDocumentSummary } from './document-resources.ts';
import { decodeText, sniffContentType } from './file-type.ts';
import { extractPdfText } from './pdf-text.ts';
import { checkUpload, type CheckedUpload } from './upload-request.ts';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

/** The field (expression) a 400 names. */
function refusedField(body: unknown): string | undefined {
  try {
    checkUpload(body);
  } catch (err) {
    assert.ok(err instanceof FhirError, `a FhirError, not ${String(err)}`);
    assert.equal(err.status, 400, 'a 400');
    return err.outcome.issue[0]?.expression?.[0];
  }
  assert.fail(`accepted: ${JSON.stringify(body).slice(0, 80)}`);
}

describe('magic bytes', () => {
  it('knows PDF, PNG, JPEG and UTF-8 text by their content', async () => {
    assert.equal(sniffContentType(await pdfWithText()), 'application/pdf', 'a PDF');
    assert.equal(sniffContentType(PNG_1x1), 'image/png', 'a PNG');
    assert.equal(sniffContentType(JPEG_HEAD), 'image/jpeg', 'a JPEG');
    assert.equal(sniffContentType(Buffer.from('Brev fra egen læge: henvises.\r\n')), 'text/plain', 'Danish text');
  });

  it('refuses binary that is none of them', () => {
    assert.equal(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), undefined, 'a zip is no document');
    assert.equal(sniffContentType(Buffer.from([0xc3, 0x28])), undefined, 'invalid UTF-8 is not text');
    assert.equal(decodeText(Buffer.from('abc\u0000def')), undefined, 'a NUL byte is not text');
    assert.equal(decodeText(Buffer.from('\uFEFFæble')), 'æble', 'a byte-order mark is dropped');
  });
});

describe('upload checks', () => {
  const good = { title: 'Røntgen af thorax', category: 'billeddiagnostik', contentType: 'image/png', data: b64(PNG_1x1) };

  it('accepts a good upload, with the declared type’s parameters dropped', () => {
    const upload = checkUpload({ ...good, contentType: 'IMAGE/PNG', date: '2026-01-05' });
    assert.equal(upload.contentType, 'image/png', 'the media type');
    assert.deepEqual(Buffer.from(upload.bytes), PNG_1x1, 'the decoded bytes');
    assert.equal(upload.date, '2026-01-05', 'the date');
    assert.equal(checkUpload({ ...good, contentType: 'text/plain; charset=utf-8', data: b64('hej') }).contentType, 'text/plain', 'text with a charset');
  });

  it('names the field of each problem', () => {
    assert.equal(refusedField({ ...good, title: '  ' }), 'title', 'missing title');
    assert.equal(refusedField({ ...good, category: undefined }), 'category', 'missing category');
    assert.equal(refusedField({ ...good, category: 'roentgen' }), 'category', 'unknown category');
    assert.equal(refusedField({ ...good, contentType: 'application/zip' }), 'contentType', 'unknown type');
    assert.equal(refusedField({ ...good, contentType: 'application/pdf' }), 'data', 'a PNG declared as PDF');
    assert.equal(refusedField({ ...good, data: '' }), 'data', 'empty');
    assert.equal(refusedField({ ...good, data: 'not base64!' }), 'data', 'bad base64');
    assert.equal(refusedField({ ...good, data: 'abc' }), 'data', 'base64 of the wrong length');
    assert.equal(refusedField({ ...good, date: '05-01-2026' }), 'date', 'a Danish-order date');
    assert.equal(refusedField({ ...good, extra: 1 }), 'extra', 'an unknown field');
    assert.equal(refusedField(null), 'body', 'no body');
    assert.equal(refusedField({ ...good, contentType: 'text/plain', data: b64(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61)) }), 'data', 'too large');
  });
});

describe('categories', () => {
  it('are a complete Kerne CodeSystem with Danish displays, read back from a DocumentReference', () => {
    assert.deepEqual(DOCUMENT_CATEGORY_CODE_SYSTEM.concept.map((c) => c.code), [...DOCUMENT_CATEGORIES], 'every category');
    assert.equal(categoryConcept('brev-fra-egen-laege').coding?.[0]?.display, 'Brev fra egen læge', 'Danish display');
    assert.equal(categoryOf([{ text: 'x' }, categoryConcept('samtykke')]), 'samtykke', 'found among others');
    assert.equal(categoryOf([{ coding: [{ system: 'http://other', code: 'samtykke' }] }]), null, 'only Kerne’s system');
    assert.equal(categoryConcept('andet').coding?.[0]?.system, DOCUMENT_CATEGORY_SYSTEM);
  });
});

describe('the DocumentReference of an upload', () => {
  const upload: CheckedUpload = { title: 'Epikrise fra Regionshospitalet', category: 'epikrise', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7 test'), date: '2026-01-02' };
  const now = new Date('2026-01-10T09:30:00.000Z');

  it('points at the Binary with size and SHA-1 hash, and carries the text where the journal reads it', () => {
    const doc = buildDocumentReference({ patientId: 'p1', binaryId: 'b1', upload, text: 'Udskrives uden feber.', textStatus: 'extracted', author: { reference: 'Practitioner/x', display: 'Læge X' }, now });
    const original = doc.content[0]!.attachment;
    assert.equal(original.url, 'Binary/b1', 'the Binary');
    assert.equal(original.size, upload.bytes.length, 'the size');
    assert.equal(original.hash, createHash('sha1').update(upload.bytes).digest('base64'), 'SHA-1, base64');
    assert.equal(doc.status, 'current');
    assert.equal(doc.type?.coding?.[0]?.code, '18842-5', 'an epikrise is typed as a discharge summary');
    assert.equal(doc.content[1]?.attachment.title, 'Udtrukket tekst');
    const source = sourceText({ ...doc, id: 'd1' });
    assert.equal(source?.text, 'Udskrives uden feber.', 'the journal indexes the extracted text, not the title');
    assert.equal(source?.kind, 'epikrise', 'ranked as a discharge summary');
    const summary = toDocumentSummary({ ...doc, id: 'd1' });
    assert.deepEqual(
      { ...summary },
      { id: 'd1', title: upload.title, category: 'epikrise', date: '2026-01-02', archived: now.toISOString(), author: 'Læge X', contentType: 'application/pdf', size: upload.bytes.length, hasText: true, textStatus: 'extracted' },
      'the list entry',
    );
  });

  it('flags a PDF whose text could not be extracted, and ties the Binary to the patient', () => {
    const doc: DocumentReference = buildDocumentReference({ patientId: 'p1', binaryId: 'b1', upload, text: undefined, textStatus: 'failed', author: undefined, now });
    assert.deepEqual(doc.meta?.tag, [{ ...TEXT_NOT_EXTRACTED }], 'tagged "Tekst kunne ikke udtrækkes"');
    assert.equal(doc.content.length, 1, 'no text attachment');
    assert.equal(toDocumentSummary({ ...doc, id: 'd2' }).textStatus, 'failed');
    assert.equal(buildBinary(upload, 'p1').securityContext?.reference, 'Patient/p1');
  });
});

describe('PDF text extraction (unpdf)', () => {
  it('reads the Danish text of a PDF made with pdf-lib', async () => {
    const result = await extractPdfText(await pdfWithText());
    assert.ok(result.ok, `extracted: ${JSON.stringify(result)}`);
    assert.equal(result.text, XRAY_TEXT.join('\n'), 'æ, ø and å intact, one line each');
    assert.equal(result.pages, 1);
  });

  it('gives no text, without throwing, for a broken PDF, or one beyond the limits', async () => {
    const broken = await extractPdfText(BROKEN_PDF);
    assert.equal(broken.ok, false, 'a broken PDF');
    const pages = await extractPdfText(await pdfWithText(), { timeoutMs: 10_000, maxPages: 0, maxChars: 100 });
    assert.deepEqual(pages, { ok: false, reason: 'more than 0 pages' }, 'the page limit');
    const short = await extractPdfText(await pdfWithText(), { timeoutMs: 10_000, maxPages: 5, maxChars: 7 });
    assert.deepEqual(short.ok && short.text, 'Røntgen', 'the length limit');
  });
});
