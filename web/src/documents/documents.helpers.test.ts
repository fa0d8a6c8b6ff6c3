/** The document archive's browser helpers: paths, the checks before an upload, the field a server error names, base64, sizes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToBase64, checkDraft, contentPath, documentsPath, fileContentType, formatSize, outcomeField, viewerKind } from './documents.helpers.ts';

const file = (size: number, type: string, name = 'x') => ({ size, type, name });

describe('document archive helpers', () => {
  it('builds the API paths', () => {
    assert.equal(documentsPath('p-1', null), '/api/documents/patients/p-1');
    assert.equal(documentsPath('p-1', 'brev-fra-egen-laege'), '/api/documents/patients/p-1?category=brev-fra-egen-laege');
    assert.equal(contentPath('d/1'), '/api/documents/d%2F1/content', 'ids are encoded');
  });

  it('checks a draft before it is sent, field by field', () => {
    assert.deepEqual(checkDraft({ file: null, title: ' ', category: '' }), { file: 'noFile', title: 'noTitle', category: 'noCategory' });
    assert.deepEqual(checkDraft({ file: file(0, 'application/pdf'), title: 'a', category: 'andet' }), { file: 'emptyFile' });
    assert.deepEqual(checkDraft({ file: file(20 * 1024 * 1024 + 1, 'application/pdf'), title: 'a', category: 'andet' }), { file: 'tooLarge' });
    assert.deepEqual(checkDraft({ file: file(10, 'application/zip'), title: 'a', category: 'andet' }), { file: 'wrongType' });
    assert.deepEqual(checkDraft({ file: file(10, 'image/png'), title: 'x'.repeat(201), category: 'andet' }), { title: 'titleTooLong' });
    assert.deepEqual(checkDraft({ file: file(10, 'image/png'), title: 'Røntgen', category: 'billeddiagnostik' }), {}, 'a good draft');
  });

  it('knows a file’s type from its name when the browser gives none', () => {
    assert.equal(fileContentType(file(1, '', 'brev.PDF')), 'application/pdf');
    assert.equal(fileContentType(file(1, 'text/plain;charset=utf-8', 'a')), 'text/plain');
    assert.equal(fileContentType(file(1, '', 'a.docx')), undefined);
  });

  it('puts a server error on the field it names', () => {
    const outcome = (expression?: string[]) => ({ resourceType: 'OperationOutcome' as const, issue: [{ severity: 'error' as const, code: 'invalid' as const, ...(expression ? { expression } : {}) }] });
    assert.equal(outcomeField(outcome(['data'])), 'file', 'the bytes are the file');
    assert.equal(outcomeField(outcome(['contentType'])), 'file');
    assert.equal(outcomeField(outcome(['title'])), 'title');
    assert.equal(outcomeField(outcome()), null, 'no field: the form');
  });

  it('encodes bytes as base64 in chunks, and sizes for people', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    assert.equal(bytesToBase64(big), Buffer.from(big).toString('base64'), 'the same as Node’s');
    assert.equal(formatSize(512, 'da'), '512 B');
    assert.equal(formatSize(1536, 'da'), '1,5 kB');
    assert.equal(formatSize(3 * 1024 * 1024, 'en'), '3.0 MB');
    assert.equal(viewerKind('image/png'), 'image');
    assert.equal(viewerKind('application/pdf'), 'frame');
  });
});
